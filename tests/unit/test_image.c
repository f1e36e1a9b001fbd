// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Shared image library (kmod/lib/rproc_image.c) against the real-tool
 * fixtures and every corruption class of the header, TLVs and segments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include "common/hash.h"
#include "keys/key.h"
#include "rproc_image.h"

#define FX TEST_FIXTURES "/optee-rproc/"
#define KEYS TEST_FIXTURES "/keys/"

struct an {
	struct rpi_result r;
	struct rpi_finding f[64];
	unsigned int nf;
	unsigned int ntlv, nseg, nimg;
};

static void on_f(void *c, const struct rpi_finding *f)
{
	struct an *a = c;

	if (a->nf < 64)
		a->f[a->nf++] = *f;
}

static void on_t(void *c, const struct rpi_tlv *t)
{
	((struct an *)c)->ntlv++;
	(void)t;
}

static void on_s(void *c, const struct rpi_segment *s)
{
	((struct an *)c)->nseg++;
	(void)s;
}

static void on_i(void *c, const struct rpi_image *i)
{
	((struct an *)c)->nimg++;
	(void)i;
}

static void analyze(const uint8_t *buf, size_t len, struct an *a)
{
	static uint8_t scratch[RPI_SCRATCH_MIN];	/* the smallest allowed */
	struct rpi_visitor v = { on_f, on_t, on_i, on_s, a };
	struct fd_source src;
	struct sha256 h;

	memset(a, 0, sizeof(*a));
	assert_int_equal(sha256_open(&h), 0);
	mem_source_init(&src, buf, len);
	assert_int_equal(rpi_analyze(&src.src, &h.ops, scratch, sizeof(scratch), &v, &a->r), 0);
	sha256_close(&h);
}

static bool has(const struct an *a, uint32_t code)
{
	unsigned int i;

	for (i = 0; i < a->nf; i++)
		if (a->f[i].code == code)
			return true;
	return false;
}

static const struct rpi_finding *get(const struct an *a, uint32_t code)
{
	unsigned int i;

	for (i = 0; i < a->nf; i++)
		if (a->f[i].code == code)
			return &a->f[i];
	return NULL;
}

static struct rpi_verdict predict(const struct an *a, uint32_t ta, uint32_t sig)
{
	struct rpi_verdict v;

	rpi_predict(&a->r, ta, sig, &v);
	return v;
}

/* Verify the image signature with a key file; 1 / 0. */
static int sig_ok(const uint8_t *buf, size_t len, const struct an *a, const char *keyfile)
{
	struct key k;
	char err[256];
	int ok;

	if (!a->r.signed_len || a->r.sig_off + a->r.sig_len > len)
		return 0;
	assert_int_equal(key_load_file(&k, keyfile, NULL, err, sizeof(err)), 0);
	ok = key_verify(&k, a->r.sum.sign_type, a->r.signed_digest, buf + a->r.sig_off,
			a->r.sig_len);
	key_free(&k);
	return ok == 1;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void test_f3_upstream(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f3_upstream_rsa2048.sig", &len);
	struct an a;
	struct rpi_verdict v;

	(void)state;
	analyze(b, len, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_F3);
	assert_int_equal(a.r.sum.tlv_len, 0x118);
	assert_int_equal(a.r.sum.sign_len, 0x100);
	assert_int_equal(a.r.sum.img_len, 0x4f8);
	assert_int_equal(a.r.sum.sig_off, 0x12c);
	assert_int_equal(a.r.sum.img_off, 0x22c);
	assert_int_equal(a.r.sum.sign_type, RPI_SIGN_RSA_PKCS1_SHA256);
	assert_int_equal(a.ntlv, 6);
	assert_int_equal(a.nimg, 1);
	assert_int_equal(a.nseg, 3);
	assert_int_equal(a.r.n_hash_checked, 3);
	assert_int_equal(a.r.n_hash_bad, 0);
	assert_int_equal(a.r.signed_len, 0x12c);
	assert_true(sig_ok(b, len, &a, KEYS "optee-default-rsa2048.pem"));
	assert_false(sig_ok(b, len, &a, KEYS "st-default-rproc-rsa2048.pem"));
	assert_false(sig_ok(b, len, &a, KEYS "optee-default-rsa4096.pem"));
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
	assert_int_equal(v.result, 0);
	v = predict(&a, RPI_TA_ST400, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff0000);
	assert_int_equal(v.cmd, RPROC_DIAG_TA_START_FW);
	assert_int_equal(v.finding, RPROC_DIAG_FND_MISSING_BOOTADDR);
	v = predict(&a, RPI_TA_ST_LEGACY, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xf0100001);
	assert_int_equal(v.finding, RPROC_DIAG_FND_WRONG_GENERATION);
	/* a wrong key: every generation that gets that far says SIGNATURE_INVALID */
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_INVALID);
	assert_int_equal(v.result, 0xffff3072);
	assert_true(has(&a, RPROC_DIAG_FND_MISSING_BOOTADDR));
	free(b);
}

static void test_f3_st400(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f3_st400_mp25_bootaddr.sig", &len);
	struct an a;

	(void)state;
	analyze(b, len, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_F3);
	assert_true(a.r.sum.flags & RPI_S_HAS_BOOTADDR);
	assert_int_equal(a.r.sum.bootaddr, 0x80000000);
	assert_true(a.r.sum.flags & RPI_S_HAS_PKEY);
	assert_int_equal(a.r.sum.pkey_len, 294);
	assert_int_equal(a.nseg, 3);
	assert_int_equal(a.r.n_hash_bad, 0);
	assert_true(sig_ok(b, len, &a, KEYS "optee-default-rsa2048.pem"));
	assert_int_equal(predict(&a, RPI_TA_ST400, RPI_SIG_VALID).result, 0);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0);
	assert_false(has(&a, RPROC_DIAG_FND_MISSING_BOOTADDR));
	free(b);
}

static void test_f1_legacy(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f1_st_legacy.sig", &len);
	struct an a;
	struct rpi_verdict v;

	(void)state;
	analyze(b, len, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_F1);
	assert_int_equal(a.r.sum.img_off, 0x1f8);
	assert_int_equal(a.r.sum.sig_off, 0xf8);
	assert_int_equal(a.nseg, 3);
	assert_int_equal(a.r.n_hash_bad, 0);
	assert_true(sig_ok(b, len, &a, KEYS "st-default-rproc-rsa2048.pem"));
	assert_false(sig_ok(b, len, &a, KEYS "optee-default-rsa2048.pem"));
	/* F1 judged by an F3 TA: BAD_PARAMETERS, the wrong generation */
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff0006);
	assert_int_equal(v.finding, RPROC_DIAG_FND_WRONG_GENERATION);
	assert_non_null(strstr(v.reason, "F1"));
	assert_int_equal(predict(&a, RPI_TA_ST400, RPI_SIG_VALID).result, 0xffff0006);
	assert_int_equal(predict(&a, RPI_TA_ST_LEGACY, RPI_SIG_VALID).result, 0);
	assert_int_equal(predict(&a, RPI_TA_ST_LEGACY, RPI_SIG_INVALID).result, 0xffff3072);
	free(b);
}

static void test_f2_beta(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f2_mp25beta.sig", &len);
	struct an a;
	struct rpi_verdict v;

	(void)state;
	analyze(b, len, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_F2);
	assert_int_equal(a.r.sum.num_img, 2);
	assert_int_equal(a.nimg, 2);
	assert_int_equal(a.nseg, 6);
	assert_int_equal(a.r.n_hash_bad, 0);
	assert_int_equal(a.r.sum.bootaddr, 0x80000000);
	assert_true(sig_ok(b, len, &a, KEYS "st-default-rproc-rsa2048.pem"));
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff0006);
	assert_int_equal(v.finding, RPROC_DIAG_FND_WRONG_GENERATION);
	assert_int_equal(predict(&a, RPI_TA_ST_LEGACY, RPI_SIG_VALID).result, 0xf0100001);
	free(b);
}

static void test_summary_prefix(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f3_st400_mp25_bootaddr.sig", &len);
	struct rpi_summary s;

	(void)state;
	assert_int_equal(rpi_summarize(b, RPI_SUMMARY_HEAD, len, &s), RPROC_DIAG_FMT_F3);
	assert_false(s.flags & RPI_S_TLV_PARTIAL);
	assert_true(s.flags & RPI_S_HAS_BOOTADDR);
	assert_int_equal(s.bootaddr, 0x80000000);
	assert_int_equal(s.tlv_count, 8);
	assert_true(s.tlv_mask & RPROC_DIAG_TLV_BIT(RPI_TLV_PKEYINFO));
	assert_int_equal(s.pkey_off, 0x134);
	/* only 64 bytes: the header still classifies, the rest is partial */
	assert_int_equal(rpi_summarize(b, 64, len, &s), RPROC_DIAG_FMT_F3);
	assert_true(s.flags & RPI_S_TLV_PARTIAL);
	assert_true(s.flags & RPI_S_HAS_SIGN_TYPE);
	assert_false(s.flags & RPI_S_HAS_BOOTADDR);
	/* head longer than the file is bounded by the file size */
	assert_int_equal(rpi_summarize(b, len, 30, &s), RPROC_DIAG_FMT_DAMAGED);
	assert_int_equal(rpi_summarize(b, 3, len, &s), RPROC_DIAG_FMT_UNKNOWN);
	free(b);
}

static void test_plain_elf(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "fw.elf", &len);
	struct an a;
	struct rpi_verdict v;

	(void)state;
	analyze(b, len, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_ELF);
	assert_true(has(&a, RPROC_DIAG_FND_NOT_SIGNED));
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_UNKNOWN);
	assert_int_equal(v.result, 0xffff0006);
	assert_int_equal(v.finding, RPROC_DIAG_FND_NOT_SIGNED);
	free(b);
}

static void test_truncated_appended(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f3_upstream_rsa2048.sig", &len);
	uint8_t *big = calloc(1, len + 16);
	const struct rpi_finding *f;
	struct rpi_verdict v;
	struct an a;

	(void)state;
	analyze(b, len - 8, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_DAMAGED);
	assert_int_equal(a.r.sum.closest, RPROC_DIAG_FMT_F3);
	assert_int_equal(a.r.sum.size_delta, -8);
	f = get(&a, RPROC_DIAG_FND_TRUNCATED);
	assert_non_null(f);
	assert_int_equal(f->value, 8);
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff0006);
	assert_non_null(strstr(v.reason, "8 bytes shorter than its header says"));
	/* only padding was lost: the ELF and all segments are still checked */
	assert_int_equal(a.r.n_hash_checked, 3);
	assert_int_equal(a.r.n_hash_bad, 0);
	/* cut inside the data segment: that one is past the end, the others ok */
	analyze(b, 0x22c + 0x120, &a);
	assert_int_equal(a.r.n_hash_checked, 2);
	assert_true(has(&a, RPROC_DIAG_FND_SEGMENT_RANGE));

	memcpy(big, b, len);
	analyze(big, len + 16, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_DAMAGED);
	assert_int_equal(a.r.sum.size_delta, 16);
	f = get(&a, RPROC_DIAG_FND_APPENDED);
	assert_non_null(f);
	assert_int_equal(f->value, 16);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0xffff0006);
	/* every truncation length gives a result, never a crash */
	for (size_t n = 0; n < len; n += 7) {
		analyze(b, n, &a);
		assert_int_not_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0);
	}
	free(big);
	free(b);
}

/* Damaged F1/F2 files are recognised by structure, not by the nearest size. */
static void test_damaged_other_generations(void **state)
{
	size_t l1, l2;
	uint8_t *f1 = tu_read(FX "f1_st_legacy.sig", &l1);
	uint8_t *f2 = tu_read(FX "f2_mp25beta.sig", &l2);
	uint8_t *big = calloc(1, l2 + 8);
	struct rpi_verdict v;
	struct an a;

	(void)state;
	analyze(f1, l1 - 6, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_DAMAGED);
	assert_int_equal(a.r.sum.closest, RPROC_DIAG_FMT_F1);
	assert_int_equal(a.r.sum.size_delta, -6);
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
	assert_int_equal(v.finding, RPROC_DIAG_FND_WRONG_GENERATION);
	assert_int_not_equal(predict(&a, RPI_TA_ST_LEGACY, RPI_SIG_VALID).result, 0);

	analyze(f2, 3000, &a);
	assert_int_equal(a.r.sum.closest, RPROC_DIAG_FMT_F2);
	assert_int_equal(a.r.sum.size_delta, 3000 - (s64)l2);
	memcpy(big, f2, l2);
	analyze(big, l2 + 8, &a);
	assert_int_equal(a.r.sum.closest, RPROC_DIAG_FMT_F2);
	assert_int_equal(a.r.sum.size_delta, 8);
	assert_true(has(&a, RPROC_DIAG_FND_APPENDED));
	free(big);
	free(f1);
	free(f2);
}

static void test_header_fields(void **state)
{
	size_t len, i;
	uint8_t *b = tu_read(FX "f3_upstream_rsa2048.sig", &len);
	uint8_t *c = malloc(len);
	struct an a;
	struct rpi_verdict v;

	(void)state;
	/* every word of the 20-byte header, changed */
	for (i = 0; i < 5; i++) {
		memcpy(c, b, len);
		put32(c + 4 * i, rpi_le32(b + 4 * i) + 8);
		analyze(c, len, &a);
		v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
		assert_int_equal(v.result, 0xffff0006);
		v = predict(&a, RPI_TA_ST400, RPI_SIG_VALID);
		assert_int_equal(v.result, 0xffff0006);
		assert_true(a.nf > 0);
	}
	memcpy(c, b, len);
	put32(c + 4, 2);
	analyze(c, len, &a);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).finding,
			 RPROC_DIAG_FND_BAD_VERSION);
	memcpy(c, b, len);
	put32(c, 0x12345678);
	analyze(c, len, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_UNKNOWN);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).finding,
			 RPROC_DIAG_FND_BAD_MAGIC);
	/* zero lengths */
	memcpy(c, b, len);
	put32(c + 12, 0);
	analyze(c, len, &a);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0xffff0006);
	/* huge lengths must not overflow */
	memcpy(c, b, len);
	put32(c + 8, 0xfffffff9);
	put32(c + 16, 0xffffffff);
	analyze(c, len, &a);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0xffff0006);
	free(c);
	free(b);
}

/* Every TLV's length changed: the signature breaks, and the TA's check fails. */
static void test_tlv_lengths(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f3_upstream_rsa2048.sig", &len);
	uint8_t *c = malloc(len);
	uint32_t off = 20, end = 20 + rpi_le32(b + 8), type, l;
	struct an a;
	unsigned int n = 0;
	uint32_t r_up, r_st;

	(void)state;
	while (off + 8 <= end) {
		type = rpi_le32(b + off);
		l = rpi_le32(b + off + 4);
		memcpy(c, b, len);
		put32(c + off + 4, l + 1);
		analyze(c, len, &a);
		assert_false(sig_ok(c, len, &a, KEYS "optee-default-rsa2048.pem"));
		r_up = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result;
		r_st = predict(&a, RPI_TA_ST400, RPI_SIG_VALID).result;
		if (type == RPI_TLV_HASHTYPE)
			assert_int_equal(r_st, 0xffff0006);	/* only ST checks it */
		else if (type == RPI_TLV_SIGNTYPE)
			assert_int_equal(r_up, 0xffff0006);
		else
			assert_int_not_equal(r_up, 0);
		assert_int_not_equal(r_st, 0);
		assert_true(has(&a, RPROC_DIAG_FND_BAD_TLV_LEN) ||
			    has(&a, RPROC_DIAG_FND_MISSING_TLV));
		/* the TA's answer is SIGNATURE_INVALID with the real key */
		if (predict(&a, RPI_TA_UPSTREAM, RPI_SIG_INVALID).result != 0xffff0006)
			assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_INVALID).result,
					 0xffff3072);
		off += 8 + ((l + 7) & ~7U);
		n++;
	}
	assert_int_equal(n, 6);
	free(c);
	free(b);
}

/* Rename a TLV (type 0x7e is ignored by the TAs): it is then missing. */
static void drop_tlv(uint8_t *c, uint32_t type)
{
	uint32_t off = 20, end = 20 + rpi_le32(c + 8), l;

	while (off + 8 <= end) {
		l = rpi_le32(c + off + 4);
		if (rpi_le32(c + off) == type) {
			put32(c + off, 0x7e);
			return;
		}
		off += 8 + ((l + 7) & ~7U);
	}
	fail_msg("TLV 0x%x not found", type);
}

static void test_missing_tlvs(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f3_st400_mp25_bootaddr.sig", &len);
	uint8_t *c = malloc(len);
	struct rpi_verdict v;
	struct an a;

	(void)state;
	memcpy(c, b, len);
	drop_tlv(c, RPI_TLV_SIGNTYPE);
	analyze(c, len, &a);
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff0006);
	assert_int_equal(v.finding, RPROC_DIAG_FND_MISSING_TLV);
	assert_non_null(strstr(v.reason, "SIGNTYPE"));

	memcpy(c, b, len);
	drop_tlv(c, RPI_TLV_HASHTYPE);
	analyze(c, len, &a);
	v = predict(&a, RPI_TA_ST400, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff000b);
	assert_non_null(strstr(v.reason, "HASHTYPE"));
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0);

	memcpy(c, b, len);
	drop_tlv(c, RPI_TLV_ST_BOOTADDR);
	analyze(c, len, &a);
	v = predict(&a, RPI_TA_ST400, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff0000);
	assert_int_equal(v.cmd, RPROC_DIAG_TA_START_FW);
	assert_true(has(&a, RPROC_DIAG_FND_MISSING_BOOTADDR));

	memcpy(c, b, len);
	drop_tlv(c, RPI_TLV_HASHTABLE);
	analyze(c, len, &a);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0xffff000b);

	memcpy(c, b, len);
	drop_tlv(c, RPI_TLV_NUM_IMG);
	analyze(c, len, &a);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0xffff000b);
	free(c);
	free(b);
}

static void test_segment_flip(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f3_upstream_rsa2048.sig", &len);
	const struct rpi_finding *f;
	struct rpi_verdict v;
	struct an a;

	(void)state;
	/* first PT_LOAD: ELF offset 0xa0, image at 0x22c */
	b[0x22c + 0xa0 + 5] ^= 0x40;
	analyze(b, len, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_F3);
	assert_int_equal(a.r.n_hash_bad, 1);	/* the EXIDX (0xf0..0x110) is not hit */
	f = get(&a, RPROC_DIAG_FND_SEGMENT_HASH);
	assert_non_null(f);
	assert_int_equal(f->addr, 0x80000000);
	/* the signature still verifies: only the ELF changed */
	assert_true(sig_ok(b, len, &a, KEYS "optee-default-rsa2048.pem"));
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff000f);
	assert_int_equal(v.finding, RPROC_DIAG_FND_SEGMENT_HASH);
	/* a flipped byte outside every segment changes nothing */
	b[0x22c + 0xa0 + 5] ^= 0x40;
	b[0x22c + 0x4f0] ^= 1;
	analyze(b, len, &a);
	assert_int_equal(a.r.n_hash_bad, 0);
	free(b);
}

static void test_key_sizes(void **state)
{
	size_t len;
	uint8_t *b = tu_read(FX "f3_upstream_rsa2048.sig", &len);
	struct an a;

	(void)state;
	analyze(b, len, &a);
	/* 2048-bit signature against the 4096-bit default key of OP-TEE >= 4.7 */
	assert_false(sig_ok(b, len, &a, KEYS "optee-default-rsa4096.pem"));
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_INVALID).result, 0xffff3072);
	free(b);
}

static void test_texts(void **state)
{
	struct rpi_finding f = { 0 };
	char buf[RPROC_DIAG_TEXT_MAX];
	uint32_t c;

	(void)state;
	for (c = 0; c < __RPROC_DIAG_FND_MAX; c++) {
		f.code = c;
		f.value = 12345;
		rpi_finding_text(&f, buf, sizeof(buf));
		assert_true(strlen(buf) > 5);
		assert_string_not_equal(rpi_finding_name(c), "unknown");
	}
	assert_string_equal(rpi_format_name(RPROC_DIAG_FMT_F3), "optee-rproc-f3");
	assert_string_equal(rpi_format_name(RPROC_DIAG_FMT_F1), "optee-rproc-f1");
	assert_string_equal(rpi_format_name(RPROC_DIAG_FMT_F2), "optee-rproc-f2");
	assert_string_equal(rpi_tlv_name(RPI_TLV_ST_BOOTADDR), "BOOTADDR");
	assert_null(rpi_tlv_name(0x7e));
}

static void test_bad_args(void **state)
{
	uint8_t scratch[RPI_SCRATCH_MIN] = { 0 };
	struct rpi_result r;
	struct fd_source src;

	(void)state;
	mem_source_init(&src, scratch, 0);
	assert_int_equal(rpi_analyze(&src.src, NULL, scratch, RPI_SCRATCH_MIN - 1, NULL, &r),
			 -EINVAL);
	assert_int_equal(rpi_analyze(NULL, NULL, scratch, sizeof(scratch), NULL, &r), -EINVAL);
	/* empty file, no hash ops */
	assert_int_equal(rpi_analyze(&src.src, NULL, scratch, sizeof(scratch), NULL, &r), 0);
	assert_int_equal(r.sum.format, RPROC_DIAG_FMT_UNKNOWN);
}


/* ---- images built by hand (layouts the signer does not make) ---- */

struct bld {
	uint8_t tlv[4096];
	size_t n;
};

static void bld_tlv(struct bld *b, uint32_t type, const void *v, size_t len)
{
	put32(b->tlv + b->n, type);
	put32(b->tlv + b->n + 4, (uint32_t)len);
	memcpy(b->tlv + b->n + 8, v, len);
	memset(b->tlv + b->n + 8 + len, 0, (8 - len % 8) % 8);
	b->n += 8 + len + (8 - len % 8) % 8;
}

/* Table entries for @elf: 64 bytes, or 80 (ENCTABLE, PT_LOAD only, + IV). */
static size_t bld_table(uint8_t *out, const uint8_t *elf, size_t extra, bool enc)
{
	uint32_t phoff = rpi_le32(elf + 28), n = rpi_le16(elf + 44), i;
	size_t o = 0, es = enc ? 80 : 64;

	for (i = 0; i < n; i++) {
		const uint8_t *ph = elf + phoff + 32 * i;

		if (enc && rpi_le32(ph) != 1)
			continue;
		memcpy(out + o, ph, 32);
		sha256_buf(elf + rpi_le32(ph + 4), rpi_le32(ph + 16), out + o + 32);
		if (enc)
			memset(out + o + 64, 0xa5, 16);	/* IV */
		o += es;
	}
	memset(out + o, 0, extra * es);	/* trailing unused entries */
	return o + extra * es;
}

/* header | TLVs | 256-byte dummy signature | ELF padded to 8 */
static uint8_t *bld_image(const struct bld *b, const uint8_t *elf, size_t elf_len, size_t *len)
{
	size_t img = (elf_len + 7) & ~7UL;
	uint8_t *out;

	*len = 20 + b->n + 256 + img;
	out = calloc(1, *len);
	assert_non_null(out);
	put32(out, RPI_MAGIC);
	put32(out + 4, 1);
	put32(out + 8, (uint32_t)b->n);
	put32(out + 12, 256);
	put32(out + 16, (uint32_t)img);
	memcpy(out + 20, b->tlv, b->n);
	memcpy(out + 20 + b->n + 256, elf, elf_len);
	return out;
}

static void test_st400_encrypted_layout(void **state)
{
	size_t elen, len;
	uint8_t *elf = tu_read(FX "fw.elf", &elen);
	uint8_t one = 1, two = 2, table[80 * 8], sz[4], boot[4];
	struct bld b = { .n = 0 };
	struct rpi_verdict v;
	uint8_t *img;
	struct an a;
	size_t tl;

	(void)state;
	put32(sz, (uint32_t)((elen + 7) & ~7UL));
	put32(boot, 0x80000000);
	tl = bld_table(table, elf, 1, true);
	/* ST 4.0.0 order: SIGNTYPE, ENCTYPE, ENCTABLE, NUM_IMG, IMGTYPE, IMGSIZE, HASHTYPE */
	bld_tlv(&b, RPI_TLV_SIGNTYPE, &one, 1);
	bld_tlv(&b, RPI_TLV_ENCTYPE, &one, 1);
	bld_tlv(&b, RPI_TLV_ENCTABLE, table, tl);
	bld_tlv(&b, RPI_TLV_NUM_IMG, &one, 1);
	bld_tlv(&b, RPI_TLV_IMGTYPE, &two, 1);
	bld_tlv(&b, RPI_TLV_IMGSIZE, sz, 4);
	bld_tlv(&b, RPI_TLV_HASHTYPE, &one, 1);
	bld_tlv(&b, RPI_TLV_ST_BOOTADDR, boot, 4);
	img = bld_image(&b, elf, elen, &len);
	analyze(img, len, &a);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_F3);
	assert_int_equal(a.r.sum.table_entry_len, 80);
	assert_int_equal(a.r.n_hash_checked, 2);	/* the two PT_LOADs */
	assert_int_equal(a.r.n_hash_bad, 0);
	v = predict(&a, RPI_TA_ST400, RPI_SIG_VALID);
	assert_int_equal(v.result, 0);
	/* upstream has no encryption: no HASHTABLE for it */
	v = predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xffff000b);
	/* IMGTYPE 1 with ENCTYPE: the ST TA refuses the image type */
	b.tlv[b.n - 4 * 16 + 8] = 1;	/* IMGTYPE value: 4th record from the end */
	free(img);
	img = bld_image(&b, elf, elen, &len);
	analyze(img, len, &a);
	assert_int_equal(predict(&a, RPI_TA_ST400, RPI_SIG_VALID).result, 0xffff0005);
	free(img);
	free(elf);
}

static void test_extra_entries_and_st_tlvs(void **state)
{
	size_t elen, len;
	uint8_t *elf = tu_read(FX "fw.elf", &elen);
	uint8_t one = 1, table[64 * 8], sz[4], boot[6] = { 0 };
	struct bld b = { .n = 0 };
	struct rpi_verdict v;
	uint8_t *img;
	struct an a;
	size_t tl;

	(void)state;
	put32(sz, (uint32_t)((elen + 7) & ~7UL));
	tl = bld_table(table, elf, 2, false);
	bld_tlv(&b, RPI_TLV_SIGNTYPE, &one, 1);
	bld_tlv(&b, RPI_TLV_NUM_IMG, &one, 1);
	bld_tlv(&b, RPI_TLV_IMGTYPE, &one, 1);
	bld_tlv(&b, RPI_TLV_IMGSIZE, sz, 4);
	bld_tlv(&b, RPI_TLV_HASHTYPE, &one, 1);
	bld_tlv(&b, RPI_TLV_HASHTABLE, table, tl);
	bld_tlv(&b, RPI_TLV_ST_BOOTADDR, boot, 6);	/* wrong length */
	img = bld_image(&b, elf, elen, &len);
	analyze(img, len, &a);
	assert_int_equal(a.nseg, 5);	/* 3 program headers + 2 unused entries */
	assert_int_equal(a.r.n_hash_bad, 0);
	assert_int_equal(predict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID).result, 0);
	v = predict(&a, RPI_TA_ST400, RPI_SIG_VALID);
	assert_int_equal(v.result, 0xf0100001);	/* CORRUPT_OBJECT */
	assert_non_null(strstr(v.reason, "BOOTADDR"));
	free(img);
	free(elf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_f3_upstream),
		cmocka_unit_test(test_f3_st400),
		cmocka_unit_test(test_f1_legacy),
		cmocka_unit_test(test_f2_beta),
		cmocka_unit_test(test_summary_prefix),
		cmocka_unit_test(test_plain_elf),
		cmocka_unit_test(test_truncated_appended),
		cmocka_unit_test(test_damaged_other_generations),
		cmocka_unit_test(test_header_fields),
		cmocka_unit_test(test_tlv_lengths),
		cmocka_unit_test(test_missing_tlvs),
		cmocka_unit_test(test_segment_flip),
		cmocka_unit_test(test_key_sizes),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_st400_encrypted_layout),
		cmocka_unit_test(test_extra_entries_and_st_tlvs),
	};

	return cmocka_run_group_tests_name("image", tests, NULL, NULL);
}
