// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The one OP-TEE image analysis (userspace/optee/analysis.c) behind
 * inspect, watch and status.  The two copies it replaced disagreed on the
 * signature: inspect read at most 4096 bytes and verified an image without
 * SIGNTYPE with no key, watch read at most 1024 and took a missing SIGNTYPE
 * as RSA.  The real TA (OP-TEE/optee_os ta/remoteproc/src/remoteproc_core.c)
 * refuses an image without SIGNTYPE before its signature
 * (remoteproc_verify_signature: BAD_PARAMETERS) and bounds the signature
 * only by its 4 KiB heap (remoteproc_save_fw_header_and_tlvs,
 * CFG_REMOTEPROC_TA_HEAP_SIZE): so no key verifies such an image, a
 * signature up to 4096 bytes is checked, and both commands say the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "common/hash.h"
#include "diagnosis/inputs.h"
#include "optee/analysis.h"

static const char *fixture(const char *name)
{
	return tu_fmt("%s/optee-rproc/%s", TEST_FIXTURES, name);
}

static void load_keys(struct optee_keys *k)
{
	const char *opt;
	char err[512];

	assert_int_equal(optee_keys_load(k, NULL, 0, NULL, NULL, true, &opt, err, sizeof(err)), 0);
}

static int analyse_buf(const uint8_t *buf, size_t len, const struct optee_keys *k,
		       struct optee_image *img)
{
	struct fd_source src;

	mem_source_init(&src, buf, len);
	return optee_analyze(&src.src, k, NULL, img);
}

/* inspect and watch name the same signer of the same file. */
static void test_same_signer(void **state)
{
	static const char *const files[] = { "f3_upstream_rsa2048.sig", "f3_st400_mp25_bootaddr.sig",
					     "f1_st_legacy.sig", "f2_mp25beta.sig", "fw.elf" };
	struct optee_keys k;

	(void)state;
	load_keys(&k);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct diag_file *f = calloc(1, sizeof(*f));
		struct optee_image img;
		const struct optee_cand *s;
		size_t len;
		uint8_t *buf = tu_read(fixture(files[i]), &len);

		assert_non_null(f);
		assert_int_equal(analyse_buf(buf, len, &k, &img), 0);
		diag_file_analyze(fixture(files[i]), &k, f);
		assert_true(f->analyzed);
		s = optee_signer(&img);
		assert_int_equal(f->sig.signer_known, s != NULL);
		if (s)
			assert_string_equal(f->sig.signer_name, key_display_name(s->k));
		optee_image_free(&img);
		free(buf);
		free(f);
	}
	optee_keys_free(&k);
}

/* The upstream F3 fixture with its SIGNTYPE record renamed, re-signed. */
static void test_no_signtype_verifies_with_no_key(void **state)
{
	const char *dir = tu_fmt("%s/golden-inputs", TEST_BUILD);
	const char *path = tu_fmt("%s/f3-no-signtype.sig", dir);
	struct diag_file *f = calloc(1, sizeof(*f));
	struct optee_keys k;
	struct optee_image img;
	uint8_t *buf;
	size_t len;

	(void)state;
	assert_non_null(f);
	assert_int_equal(tu_sh("%s/tests/unit/golden-inputs %s %s", TEST_TOP, TEST_FIXTURES, dir), 0);
	load_keys(&k);
	buf = tu_read(path, &len);
	assert_int_equal(analyse_buf(buf, len, &k, &img), 0);
	assert_false(img.sig.have_type);
	assert_true(img.sig.checked);
	assert_null(optee_signer(&img));
	/* the key it was signed with is tried and cannot check it */
	assert_int_equal(img.sig.cand[optee_builtin_cand(&img, "optee-default-rsa2048")].verifies, -1);
	assert_int_equal(img.verdict[RPI_TA_UPSTREAM].result, 0xffff0006);
	diag_file_analyze(path, &k, f);
	assert_true(f->analyzed);
	assert_false(f->sig.signer_known);
	optee_image_free(&img);
	optee_keys_free(&k);
	free(buf);
	free(f);
}

/*
 * The upstream F3 fixture with a signature area of @sign_len bytes (the
 * signature itself no longer matches the changed header).
 */
static uint8_t *with_sign_len(uint32_t sign_len, size_t *olen)
{
	size_t len, tlv_end, old_sig, out_len;
	uint8_t *src = tu_read(fixture("f3_upstream_rsa2048.sig"), &len), *out;
	uint32_t tlv_len = rpi_le32(src + 8), old = rpi_le32(src + 12);

	tlv_end = 20 + RPI_R8(tlv_len);
	old_sig = RPI_R8(old);
	out_len = len - old_sig + RPI_R8(sign_len);
	out = calloc(1, out_len);
	assert_non_null(out);
	memcpy(out, src, tlv_end);
	out[12] = (uint8_t)sign_len;
	out[13] = (uint8_t)(sign_len >> 8);
	out[14] = out[15] = 0;
	memcpy(out + tlv_end + RPI_R8(sign_len), src + tlv_end + old_sig, len - tlv_end - old_sig);
	free(src);
	*olen = out_len;
	return out;
}

static void test_signature_bound(void **state)
{
	struct optee_keys k;
	struct optee_image img;
	uint8_t *buf;
	size_t len;

	(void)state;
	load_keys(&k);
	/* 2048 bytes: read and checked (watch's old 1024-byte cap skipped it) */
	buf = with_sign_len(2048, &len);
	assert_int_equal(analyse_buf(buf, len, &k, &img), 0);
	assert_int_equal(img.res.sig_len, 2048);
	assert_true(img.sig.checked);
	assert_null(optee_signer(&img));
	optee_image_free(&img);
	free(buf);
	/* past the TA's default heap: not read */
	buf = with_sign_len(OPTEE_TA_HEAP_DEFAULT + 8, &len);
	assert_int_equal(analyse_buf(buf, len, &k, &img), 0);
	assert_false(img.sig.checked);
	optee_image_free(&img);
	free(buf);
	optee_keys_free(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_signer),
		cmocka_unit_test(test_no_signtype_verifies_with_no_key),
		cmocka_unit_test(test_signature_bound),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
