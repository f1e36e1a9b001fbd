// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: the shared library's full analysis exactly as the
 * module's deferred work item calls it (kmod/analysis.c
 * rproc_diag_analyze_buf()): the firmware in one buffer behind a read
 * callback that copies and refuses out-of-range reads, a 16 KiB scratch
 * buffer, SHA-256 ops, findings collected into at most
 * RPROC_DIAG_MAX_FINDINGS records with 128-byte texts.  Then every TA
 * generation's verdict.  F3 structure-aware mutator: mut_f3.h.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "common/hash.h"
#include "rproc_image.h"
#include "mut_f3.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SCRATCH_LEN	16384	/* kmod/analysis.c */

struct buf_src {
	const uint8_t *data;
	size_t size;
};

/* kmod/analysis.c buf_read() */
static int buf_read(void *ctx, u64 off, void *buf, size_t len)
{
	const struct buf_src *b = ctx;

	if (off > b->size || len > b->size - off)
		return -ERANGE;
	memcpy(buf, b->data + off, len);
	return 0;
}

struct rec {
	unsigned int n;
	struct {
		uint32_t code;
		char text[RPROC_DIAG_TEXT_MAX];
	} f[RPROC_DIAG_MAX_FINDINGS];
};

/* kmod/analysis.c add_finding() */
static void on_finding(void *ctx, const struct rpi_finding *f)
{
	struct rec *r = ctx;

	if (r->n >= RPROC_DIAG_MAX_FINDINGS)
		return;
	r->f[r->n].code = f->code;
	rpi_finding_text(f, r->f[r->n].text, sizeof(r->f[r->n].text));
	r->n++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t scratch[SCRATCH_LEN];
	static struct sha256 h;
	static int init;
	struct buf_src b = { data, size };
	struct rpi_source src = { buf_read, &b, size };
	struct rec rec = { 0 };
	struct rpi_visitor v = { .finding = on_finding, .ctx = &rec };
	struct rpi_result res;
	struct rpi_verdict vd;
	uint32_t ta, sig;

	if (!init) {
		if (sha256_open(&h))
			return 0;
		init = 1;
	}
	if (rpi_analyze(&src, &h.ops, scratch, sizeof(scratch), &v, &res))
		return 0;
	for (ta = 0; ta < RPI_TA_COUNT; ta++)
		for (sig = RPI_SIG_UNKNOWN; sig <= RPI_SIG_INVALID; sig++)
			rpi_predict(&res, ta, sig, &vd);
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	return f3_mutate(data, size, max_size, seed);
}
