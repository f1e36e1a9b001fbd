// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: the shared image library (summary from a prefix, full
 * TA-order analysis with hashing, verdicts and texts) on arbitrary bytes,
 * through the userspace memory source; one input in four also has its
 * read callback fail part-way (-EIO at the Nth read, as a file read can),
 * and the analysis must return that error without a finding half made.
 * F3 structure-aware mutator: mut_f3.h.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/hash.h"
#include "rproc_image.h"
#include "mut_f3.h"

static void on_finding(void *ctx, const struct rpi_finding *f)
{
	char buf[RPROC_DIAG_TEXT_MAX];

	(void)ctx;
	rpi_finding_text(f, buf, sizeof(buf));
	rpi_finding_name(f->code);
}

static volatile uint8_t sink;

static void on_tlv(void *ctx, const struct rpi_tlv *t)
{
	uint32_t i;

	(void)ctx;
	for (i = 0; i < t->value_len; i++)	/* value bytes must be readable */
		sink ^= t->value[i];
	rpi_tlv_name(t->type);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the memory source, failing with -EIO from read number fail_at on */
struct failing {
	struct fd_source mem;
	unsigned int reads, fail_at;
};

static int failing_read(void *ctx, u64 off, void *buf, size_t len)
{
	struct failing *f = ctx;

	if (f->fail_at && ++f->reads >= f->fail_at)
		return -EIO;
	return f->mem.src.read(f->mem.src.ctx, off, buf, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t scratch[RPI_SCRATCH_MIN + 13];	/* odd size on purpose */
	static struct sha256 h;
	static int init;
	struct rpi_visitor v = { on_finding, on_tlv, NULL, NULL, NULL };
	struct rpi_verdict vd;
	struct rpi_summary s;
	struct rpi_result r;
	struct fd_source src;
	uint32_t ta;

	if (!init) {
		if (sha256_open(&h))
			return 0;
		init = 1;
	}
	rpi_summarize(data, size, size, &s);
	rpi_summarize(data, size / 2, size, &s);
	rpi_format_name(s.format);
	mem_source_init(&src, data, size);
	if (size && (data[size - 1] & 3) == 3) {
		struct failing f = { .fail_at = 1 + data[size / 2] % 16 };
		struct rpi_source fs = { failing_read, &f, size };
		int ret;

		mem_source_init(&f.mem, data, size);
		ret = rpi_analyze(&fs, &h.ops, scratch, sizeof(scratch), &v, &r);
		if (ret && ret != -EIO)
			__builtin_trap();	/* an error the source did not give */
	}
	if (rpi_analyze(&src.src, &h.ops, scratch, sizeof(scratch), &v, &r))
		return 0;
	for (ta = 0; ta < RPI_TA_COUNT; ta++) {
		rpi_predict(&r, ta, RPI_SIG_UNKNOWN, &vd);
		rpi_predict(&r, ta, RPI_SIG_VALID, &vd);
	}
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	return f3_mutate(data, size, max_size, seed);
}
