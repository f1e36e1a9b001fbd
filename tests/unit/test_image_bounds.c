// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Every length, offset and count the shared image library (kmod/lib/
 * rproc_image.c) takes from a file, against the bytes that are there:
 * the real-tool F1/F2/F3 images cut at each boundary of each length field
 * (0, header - 1, header, claimed - 1) and each field made to claim one
 * byte more than its container holds.  Each case asserts the finding code
 * and the N ("header says N bytes") and M ("file has M") it reports, and
 * the TA verdict's, not only that nothing crashed.
 *
 * Every cut is copied into a buffer of exactly that many bytes, so ASan
 * turns any read past the cut into a failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include "common/hash.h"
#include "rproc_image.h"

#define FX TEST_FIXTURES "/optee-rproc/"

#define F3_UP	FX "f3_upstream_rsa2048.sig"	/* 1828 bytes */
#define F2_MP25	FX "f2_mp25beta.sig"		/* 3288 bytes */
#define F1_ST	FX "f1_st_legacy.sig"		/* 1776 bytes */

struct res {
	struct rpi_result r;
	struct rpi_finding f[64];
	unsigned int nf;
};

static void on_f(void *c, const struct rpi_finding *f)
{
	struct res *a = c;

	if (a->nf < 64)
		a->f[a->nf++] = *f;
}

/* Analyse the first @len bytes of @img from an exactly-sized copy. */
static void analyze_cut(const uint8_t *img, size_t len, struct res *a)
{
	static uint8_t scratch[RPI_SCRATCH_MIN];
	struct rpi_visitor v = { .finding = on_f, .ctx = a };
	struct fd_source src;
	struct sha256 h;
	uint8_t *cut = malloc(len ? len : 1);

	assert_non_null(cut);
	memcpy(cut, img, len);
	memset(a, 0, sizeof(*a));
	assert_int_equal(sha256_open(&h), 0);
	mem_source_init(&src, cut, len);
	assert_int_equal(rpi_analyze(&src.src, &h.ops, scratch, sizeof(scratch), &v, &a->r), 0);
	sha256_close(&h);
	free(cut);
}

static const struct rpi_finding *find(const struct res *a, uint32_t code, uint64_t need)
{
	unsigned int i;

	for (i = 0; i < a->nf; i++)
		if (a->f[i].code == code && (!need || a->f[i].need == need))
			return &a->f[i];
	return NULL;
}

/* The finding @code is there and says "claimed @need, there @have". */
static void expect_len(const struct res *a, const char *what, uint32_t code,
		       uint64_t need, uint64_t have)
{
	const struct rpi_finding *f = find(a, code, need);
	char text[RPROC_DIAG_TEXT_MAX];
	unsigned int i;

	if (!f) {
		for (i = 0; i < a->nf; i++)
			print_message("  finding %s need %llu have %llu\n",
				      rpi_finding_name(a->f[i].code),
				      (unsigned long long)a->f[i].need,
				      (unsigned long long)a->f[i].have);
		fail_msg("%s: no %s finding with N = %llu", what, rpi_finding_name(code),
			 (unsigned long long)need);
	}
	if (f->have != have)
		fail_msg("%s: %s says M = %llu, want %llu", what, rpi_finding_name(code),
			 (unsigned long long)f->have, (unsigned long long)have);
	/* the numbers are in the one-line text too (netlink carries only that) */
	rpi_finding_text(f, text, sizeof(text));
	assert_non_null(strstr(text, tu_fmt("%llu", (unsigned long long)need)));
	assert_non_null(strstr(text, tu_fmt("%llu", (unsigned long long)have)));
}

/* The first failing check of TA @ta is @code with N and M. */
static void expect_ta(const struct res *a, const char *what, uint32_t ta, uint32_t result,
		      uint32_t code, uint64_t need, uint64_t have)
{
	const struct rpi_ta_fail *t = a->r.pre[ta].result ? &a->r.pre[ta] : &a->r.post[ta];
	struct rpi_verdict v;

	if (t->result != result || t->f.code != code)
		fail_msg("%s: %s fails with 0x%08x/%s, want 0x%08x/%s", what, rpi_ta_id(ta),
			 t->result, rpi_finding_name(t->f.code), result, rpi_finding_name(code));
	if (t->f.need != need || t->f.have != have)
		fail_msg("%s: %s verdict says N %llu M %llu, want %llu %llu", what, rpi_ta_id(ta),
			 (unsigned long long)t->f.need, (unsigned long long)t->f.have,
			 (unsigned long long)need, (unsigned long long)have);
	rpi_predict(&a->r, ta, RPI_SIG_VALID, &v);
	assert_int_equal(v.result, result);
	if (need)
		assert_non_null(strstr(v.reason, tu_fmt("%llu", (unsigned long long)need)));
}

static uint32_t le32(const uint8_t *p)
{
	return rpi_le32(p);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static uint64_t r8(uint64_t x)
{
	return (x + 7) & ~7ULL;
}

#define TRUNC	RPROC_DIAG_FND_TRUNCATED
#define BAD_PARAMS	0xffff0006U
#define CORRUPT		0xf0100001U
#define BAD_FORMAT	0xffff0005U

/* ---- file cut at each boundary ----------------------------------------- */

struct cut {
	const char *what;
	uint64_t at;		/* the file is cut to this many bytes */
	uint64_t need;		/* the N the TRUNCATED finding must report */
};

/*
 * Cut @b at each of @n boundaries: a TRUNCATED finding with N and M; from
 * @layout_from bytes on, the layout read as @closest; from @ta_from bytes
 * on, the first failing check of each TA of @tas is TRUNCATED with the
 * same N and M and TEE result @result.
 */
static void run_cuts(const uint8_t *b, const struct cut *cut, size_t n, uint32_t closest,
		     uint64_t layout_from, const uint32_t *tas, size_t ntas, uint64_t ta_from,
		     uint32_t result)
{
	struct res a;
	size_t i, k;

	for (i = 0; i < n; i++) {
		analyze_cut(b, cut[i].at, &a);
		expect_len(&a, cut[i].what, TRUNC, cut[i].need, cut[i].at);
		if (cut[i].at >= layout_from)
			assert_int_equal(a.r.sum.closest, closest);
		for (k = 0; k < ntas && cut[i].at >= ta_from; k++)
			expect_ta(&a, cut[i].what, tas[k], result, TRUNC, cut[i].need, cut[i].at);
	}
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* F3: 20-byte header {magic, version, tlv_len, sign_len, img_len}. */
static void test_f3_cuts(void **state)
{
	size_t len;
	uint8_t *b = tu_read(F3_UP, &len);
	uint64_t tlv_end = 20 + le32(b + 8), sig_off = 20 + r8(le32(b + 8));
	uint64_t sig_end = sig_off + le32(b + 12), img_off = sig_off + r8(le32(b + 12));
	uint64_t img_end = img_off + le32(b + 16);
	const struct cut cut[] = {
		{ "empty file", 0, 20 },
		{ "header - 1", 19, 20 },
		{ "header", 20, len },
		{ "tlv_len - 1", tlv_end - 1, len },
		{ "sign_len - 1", sig_end - 1, len },
		{ "img_len - 1", img_end - 1, len },
	};
	static const uint32_t f3tas[] = { RPI_TA_UPSTREAM, RPI_TA_ST400 };
	struct res a;
	size_t i;

	(void)state;
	assert_int_equal(img_end, len);
	run_cuts(b, cut, N(cut), RPROC_DIAG_FMT_F3, 24, f3tas, N(f3tas), 0, BAD_PARAMS);
	/* the whole file: no length finding at all */
	analyze_cut(b, len, &a);
	for (i = 0; i < a.nf; i++)
		assert_int_equal(a.f[i].need, 0);
	free(b);
}

/* F2: 24-byte header {magic, version, sign, img, tlv, plat_tlv}, TLV trailer. */
static void test_f2_cuts(void **state)
{
	size_t len;
	uint8_t *b = tu_read(F2_MP25, &len);
	uint64_t sig_end = 24 + le32(b + 8), img_off = 24 + r8(le32(b + 8));
	uint64_t img_end = img_off + le32(b + 12), tlv_off = img_off + r8(le32(b + 12));
	uint64_t tlv_end = tlv_off + le32(b + 16), plat_end = tlv_off + r8(le32(b + 16)) +
							       le32(b + 20);
	const struct cut cut[] = {
		{ "empty file", 0, 20 },
		{ "header", 24, len },
		{ "sign_len - 1", sig_end - 1, len },
		{ "img_len - 1", img_end - 1, len },
		{ "tlv_len - 1", tlv_end - 1, len },
		{ "plat_tlv_len - 1", plat_end - 1, len },
	};
	struct res a;

	(void)state;
	assert_int_equal(r8(plat_end), len);
	run_cuts(b, cut, N(cut), RPROC_DIAG_FMT_F2, 24, NULL, 0, 0, 0);
	/*
	 * 23 bytes: plat_tlv_len is not there yet, so no F2 size can be
	 * worked out; the F3 reading of the first five words is reported.
	 */
	analyze_cut(b, 23, &a);
	expect_len(&a, "header - 1", TRUNC,
		   20 + r8(le32(b + 8)) + r8(le32(b + 12)) + r8(le32(b + 16)), 23);
	free(b);
}

/* F1: 56-byte header; hash table, signature, key inside hdr_length. */
static void test_f1_cuts(void **state)
{
	size_t len;
	uint8_t *b = tu_read(F1_ST, &len);
	uint64_t hdr_len = le32(b + 8), table_end = le32(b + 28) + (uint64_t)le32(b + 24);
	uint64_t sig_end = le32(b + 16) + (uint64_t)le32(b + 12);
	uint64_t img_end = le32(b + 48) + (uint64_t)le32(b + 44);
	const struct cut cut[] = {
		{ "empty file", 0, 20 },
		{ "header - 1", 55, len },
		{ "header", 56, len },
		{ "phhdr_length - 1", table_end - 1, len },
		{ "sign_length - 1", sig_end - 1, len },
		{ "hdr_length - 1", hdr_len - 1, len },
		{ "img_length - 1", img_end - 1, len },
	};
	static const uint32_t f1ta[] = { RPI_TA_ST_LEGACY };

	(void)state;
	assert_int_equal(img_end, len);
	run_cuts(b, cut, N(cut), RPROC_DIAG_FMT_F1, 1, f1ta, 1, 1, CORRUPT);
	free(b);
}

/* A few bytes of the magic, or other bytes: only the former is "truncated". */
static void test_short_files(void **state)
{
	static const uint8_t magic[4] = { 0x68, 0xa4, 0x43, 0x35 };
	static const uint8_t other[3] = { 'a', 'b', 'c' };
	struct res a;
	size_t n;

	(void)state;
	for (n = 1; n <= 4; n++) {
		analyze_cut(magic, n, &a);
		expect_len(&a, "cut magic", TRUNC, 20, n);
	}
	analyze_cut(other, sizeof(other), &a);
	assert_null(find(&a, TRUNC, 0));
	assert_non_null(find(&a, RPROC_DIAG_FND_BAD_MAGIC, 0));
}

/* ---- one field claims one byte more than there is ---------------------- */

/* Offsets in the F3 fixture: TLVs from 20, the ELF image at img_off. */
struct f3 {
	uint8_t *b;
	size_t len;
	uint64_t img_off, img_len;
};

static void f3_load(struct f3 *x)
{
	x->b = tu_read(F3_UP, &x->len);
	x->img_off = 20 + r8(le32(x->b + 8)) + r8(le32(x->b + 12));
	x->img_len = le32(x->b + 16);
}

/* File offset of the value of the first TLV of @type. */
static uint64_t tlv_val(const struct f3 *x, uint32_t type)
{
	uint64_t off = 20, end = 20 + le32(x->b + 8);

	while (off + 8 <= end) {
		if (le32(x->b + off) == type)
			return off + 8;
		off += 8 + r8(le32(x->b + off + 4));
	}
	fail_msg("fixture has no TLV 0x%x", type);
	return 0;
}

static void test_f3_tlv_record_len(void **state)
{
	struct f3 x;
	struct res a;
	uint32_t area = le32((f3_load(&x), x.b + 8));

	(void)state;
	/* the first record claims its area and one byte more */
	put32(x.b + 24, area - 8 + 1);
	analyze_cut(x.b, x.len, &a);
	expect_len(&a, "TLV 0 len", RPROC_DIAG_FND_BAD_TLV_LEN, area - 8 + 1, area - 8);
	/* exactly its area: no overrun */
	put32(x.b + 24, area - 8);
	analyze_cut(x.b, x.len, &a);
	assert_null(find(&a, RPROC_DIAG_FND_BAD_TLV_LEN, area - 8 + 1));
	assert_false(a.r.sum.flags & RPI_S_TLV_OVERRUN);
	free(x.b);
}

static void test_f3_imgsize_small(void **state)
{
	struct f3 x;
	struct res a;

	(void)state;
	f3_load(&x);
	put32(x.b + tlv_val(&x, RPI_TLV_IMGSIZE), 51);	/* one byte short of an ELF header */
	analyze_cut(x.b, x.len, &a);
	expect_len(&a, "IMGSIZE", RPROC_DIAG_FND_BAD_ELF, 52, 51);
	assert_int_equal(find(&a, RPROC_DIAG_FND_BAD_ELF, 52)->value, RPI_ELF_ERR_SMALL);
	free(x.b);
}

static void test_f3_elf_tables(void **state)
{
	struct f3 x;
	struct res a;
	uint8_t *eh;
	uint32_t phoff;

	(void)state;
	f3_load(&x);
	eh = x.b + x.img_off;
	phoff = le32(eh + 28);

	/* e_phnum: one program header more than the image holds */
	eh[44] = (uint8_t)((x.img_len - phoff) / 32 + 1);
	analyze_cut(x.b, x.len, &a);
	expect_len(&a, "e_phnum", RPROC_DIAG_FND_BAD_ELF, phoff + 32ULL * eh[44], x.img_len);
	expect_ta(&a, "e_phnum", RPI_TA_UPSTREAM, BAD_FORMAT, RPROC_DIAG_FND_BAD_ELF,
		  phoff + 32ULL * eh[44], x.img_len);
	free(x.b);

	/* e_shoff: the first section header ends one byte past the image */
	f3_load(&x);
	put32(x.b + x.img_off + 32, (uint32_t)(x.img_len - 40 + 1));
	analyze_cut(x.b, x.len, &a);
	expect_len(&a, "e_shoff", RPROC_DIAG_FND_BAD_ELF, x.img_len + 1, x.img_len);
	assert_int_equal(find(&a, RPROC_DIAG_FND_BAD_ELF, x.img_len + 1)->value,
			 RPI_ELF_ERR_SHOFF);
	free(x.b);
}

static void test_f3_segment_range(void **state)
{
	struct f3 x;
	struct res a;
	uint8_t *ph, *entry;
	uint32_t off;

	(void)state;
	/* p_filesz of the first program header: one byte past the image */
	f3_load(&x);
	ph = x.b + x.img_off + le32(x.b + x.img_off + 28);
	off = le32(ph + 4);
	put32(ph + 16, (uint32_t)(x.img_len - off + 1));
	analyze_cut(x.b, x.len, &a);
	expect_len(&a, "p_filesz", RPROC_DIAG_FND_SEGMENT_RANGE, x.img_len + 1, x.img_len);
	expect_ta(&a, "p_filesz", RPI_TA_UPSTREAM, BAD_FORMAT, RPROC_DIAG_FND_SEGMENT_RANGE,
		  x.img_len + 1, x.img_len);
	free(x.b);

	/* the same in the hash-table entry */
	f3_load(&x);
	entry = x.b + tlv_val(&x, RPI_TLV_HASHTABLE);
	off = le32(entry + 4);
	put32(entry + 16, (uint32_t)(x.img_len - off + 1));
	analyze_cut(x.b, x.len, &a);
	expect_len(&a, "entry p_filesz", RPROC_DIAG_FND_SEGMENT_RANGE, x.img_len + 1,
		   x.img_len);
	free(x.b);

	/* file cut one byte before the end of the second segment's data */
	f3_load(&x);
	ph = x.b + x.img_off + le32(x.b + x.img_off + 28) + 32;
	{
		uint64_t end = x.img_off + le32(ph + 4) + le32(ph + 16);

		analyze_cut(x.b, end - 1, &a);
		expect_len(&a, "segment cut", RPROC_DIAG_FND_SEGMENT_RANGE, end, end - 1);
		expect_len(&a, "segment cut", TRUNC, x.len, end - 1);
	}
	free(x.b);
}

/* .resource_table: section size past the image, and entries past the section. */
static void test_f3_resource_table(void **state)
{
	struct f3 x;
	struct res a;
	uint8_t *eh, *sh;
	uint32_t shoff, rsc_off;

	(void)state;
	f3_load(&x);
	eh = x.b + x.img_off;
	shoff = le32(eh + 32);
	sh = eh + shoff + 4 * 40;	/* section 4 of fw.elf is .resource_table */
	rsc_off = le32(sh + 16);
	assert_int_equal(le32(sh + 20), 16);
	put32(sh + 20, (uint32_t)(x.img_len - rsc_off + 1));
	analyze_cut(x.b, x.len, &a);
	expect_len(&a, "sh_size", RPROC_DIAG_FND_BAD_ELF, x.img_len + 1, x.img_len);
	assert_int_equal(find(&a, RPROC_DIAG_FND_BAD_ELF, x.img_len + 1)->value,
			 RPI_ELF_ERR_RSC_TRUNC);
	free(x.b);

	/* num = 1 offset in a 16-byte table: the array needs 20 bytes */
	f3_load(&x);
	sh = x.b + x.img_off + le32(x.b + x.img_off + 32) + 4 * 40;
	rsc_off = le32(sh + 16);
	put32(x.b + x.img_off + rsc_off + 4, 1);
	analyze_cut(x.b, x.len, &a);
	expect_len(&a, "rsc num", RPROC_DIAG_FND_BAD_ELF, 20, 16);
	free(x.b);
}

/* F2: the TLV chunk's own size claims one byte more than tlv_len. */
static void test_f2_chunk_size(void **state)
{
	size_t len;
	uint8_t *b = tu_read(F2_MP25, &len);
	uint64_t tlv_off = 24 + r8(le32(b + 8)) + r8(le32(b + 12));
	uint32_t area = le32(b + 16);
	struct res a;

	(void)state;
	assert_int_equal(le32(b + tlv_off), RPI_F2_TLV_MAGIC);
	put32(b + tlv_off + 4, area - 8 + 1);
	analyze_cut(b, len, &a);
	expect_len(&a, "F2 chunk size", RPROC_DIAG_FND_BAD_TLV_LEN, area + 1, area);
	free(b);
}

/* F1: hdr_length and img_length claim one byte more than the file. */
static void test_f1_lengths(void **state)
{
	size_t len;
	uint8_t *b = tu_read(F1_ST, &len);
	struct res a;

	(void)state;
	put32(b + 44, le32(b + 44) + 1);		/* img_length */
	analyze_cut(b, len, &a);
	expect_len(&a, "img_length", TRUNC, len + 1, len);
	expect_ta(&a, "img_length", RPI_TA_ST_LEGACY, CORRUPT, TRUNC, len + 1, len);
	put32(b + 44, le32(b + 44) - 1);
	put32(b + 8, (uint32_t)len);			/* hdr_length: the whole file */
	analyze_cut(b, len, &a);
	expect_ta(&a, "hdr_length", RPI_TA_ST_LEGACY, CORRUPT,
		  RPROC_DIAG_FND_HEADER_OVERFLOW, len + 1, len);
	free(b);
}

/* The prefix mode the kernel uses in probe context: sizes from the header. */
static void test_summary_prefix(void **state)
{
	size_t len, i;
	uint8_t *b = tu_read(F3_UP, &len);
	struct rpi_summary s;

	(void)state;
	for (i = 0; i <= len; i++) {
		uint8_t *head = malloc(i ? i : 1);

		memcpy(head, b, i);
		/* a prefix of i bytes of a file of len - 1 bytes: one byte missing */
		rpi_summarize(head, i, len - 1, &s);
		if (i >= 24) {
			assert_int_equal(s.closest, RPROC_DIAG_FMT_F3);
			assert_int_equal(s.expected_size, len);
			assert_int_equal(s.size_delta, -1);
		}
		free(head);
	}
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_f3_cuts),
		cmocka_unit_test(test_f2_cuts),
		cmocka_unit_test(test_f1_cuts),
		cmocka_unit_test(test_short_files),
		cmocka_unit_test(test_f3_tlv_record_len),
		cmocka_unit_test(test_f3_imgsize_small),
		cmocka_unit_test(test_f3_elf_tables),
		cmocka_unit_test(test_f3_segment_range),
		cmocka_unit_test(test_f3_resource_table),
		cmocka_unit_test(test_f2_chunk_size),
		cmocka_unit_test(test_f1_lengths),
		cmocka_unit_test(test_summary_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
