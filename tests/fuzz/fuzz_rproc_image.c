// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: the shared image library (summary from a prefix, full
 * TA-order analysis with hashing, verdicts and texts) on arbitrary bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/hash.h"
#include "rproc_image.h"

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
	if (rpi_analyze(&src.src, &h.ops, scratch, sizeof(scratch), &v, &r))
		return 0;
	for (ta = 0; ta < RPI_TA_COUNT; ta++) {
		rpi_predict(&r, ta, RPI_SIG_UNKNOWN, &vd);
		rpi_predict(&r, ta, RPI_SIG_VALID, &vd);
	}
	return 0;
}
