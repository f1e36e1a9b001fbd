// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Format detection and STM32 boot-ROM header inspection (userspace/fmt_*.c):
 * images of every header version and curve made by tests/builders with
 * fresh keys, one per signing mistake, each of which must be diagnosed by
 * the matching experiment; then truncated and mutated images, which must
 * never crash.
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
#include "formats/formats.h"
#include "formats/bytes.h"
#include "common/json.h"
#include "../builders/fmt_build.c"

/* ---- helpers --------------------------------------------------------- */

struct out {
	char *text;
	size_t len;
	int rc;
};

static void run(struct out *o, const uint8_t *img, size_t len, const struct fmt_opts *opts, bool js)
{
	FILE *f = open_memstream(&o->text, &o->len);
	struct json j;

	assert_non_null(f);
	if (js) {
		json_init(&j, f);
		o->rc = fmt_inspect_buf(img, len, "img.stm32", FMT_UNKNOWN, opts, &j, f);
		json_end(&j);
	} else {
		o->rc = fmt_inspect_buf(img, len, "img.stm32", FMT_UNKNOWN, opts, NULL, f);
	}
	fclose(f);
}

static bool has(const struct out *o, const char *s)
{
	return strstr(o->text, s) != NULL;
}

static const char *tmp;

/* Writes the public key to TMP/NAME.pem; the path stays valid until the next call with NAME. */
static const char *keyfile(EVP_PKEY *k, const char *name)
{
	static char paths[4][512];
	static unsigned int n;
	char *p = paths[n++ & 3];

	snprintf(p, sizeof(paths[0]), "%s/%s.pem", tmp, name);
	assert_int_equal(fb_write_pubkey(k, p), 0);
	return p;
}

/* ---- detection ------------------------------------------------------- */

static void test_detect_magics(void **state)
{
	static const struct { uint8_t b[8]; enum fmt_kind k; } cases[] = {
		{ { 0x68, 0xA4, 0x43, 0x35 }, FMT_OPTEE_RPROC },
		{ { 0x7F, 'E', 'L', 'F' }, FMT_ELF },
		{ { 0x3D, 0xB8, 0xF3, 0x96 }, FMT_MCUBOOT },
		{ { 0x3C, 0xB8, 0xF3, 0x96 }, FMT_MCUBOOT },
		{ { 'H', 'S', 'T', 'O' }, FMT_OPTEE_TA },
		{ { 0x01, 0x00, 0x64, 0xAA }, FMT_FIP },
		{ { 0x27, 0x05, 0x19, 0x56 }, FMT_UIMAGE },
		{ { 0xE9, 0x03, 0x02, 0x20 }, FMT_ESP32 },
		{ { 'P', 'K', 3, 4 }, FMT_UNKNOWN },
	};
	uint8_t buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(buf, 0, sizeof(buf));
		memcpy(buf, cases[i].b, 8);
		assert_int_equal(fmt_detect(buf, sizeof(buf), 4096), cases[i].k);
		/* never reads past len: 3 bytes are not enough for anything */
		assert_int_equal(fmt_detect(buf, 3, 3), FMT_UNKNOWN);
	}
	assert_int_equal(fmt_detect(NULL, 0, 0), FMT_UNKNOWN);
	assert_string_equal(fmt_name(FMT_MCUBOOT), "mcuboot");
	assert_string_equal(fmt_name(FMT_STM32_V1), "stm32-boot-v1");
	assert_string_equal(fmt_name((enum fmt_kind)999), "unknown");
}

/* The real-tool images of tests/fixtures: one detector for every format. */
static void test_detect_real_fixtures(void **state)
{
	static const struct { const char *file; enum fmt_kind k; } f[] = {
		{ "/optee-rproc/f1_st_legacy.sig", FMT_OPTEE_RPROC },
		{ "/optee-rproc/f2_mp25beta.sig", FMT_OPTEE_RPROC },
		{ "/optee-rproc/f3_upstream_rsa2048.sig", FMT_OPTEE_RPROC },
		{ "/optee-rproc/fw.elf", FMT_ELF },
	};
	char s[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		enum fmt_kind k = FMT_UNKNOWN;

		assert_int_equal(fmt_detect_file(tu_fmt("%s%s", TEST_FIXTURES, f[i].file), &k), 0);
		assert_int_equal(k, f[i].k);
	}
	/* an OP-TEE remoteproc image handed to the STM32 signing tool (field report a) */
	fmt_wrong_tool(FMT_OPTEE_RPROC, FMT_STM32_V2, s, sizeof(s));
	assert_string_equal(s, "this file is not an STM32 boot-ROM image with header v2.x (STM32MP13/MP2x/MP21): "
			       "it is really an OP-TEE remoteproc signed firmware (magic 0x3543A468); "
			       "rproc-diag inspect reads it; it is loaded through the remoteproc TA, not by the boot ROM or a bootloader.");
}

static void test_detect_stm32_versions(void **state)
{
	uint8_t b[0x100] = "STM2";

	(void)state;
	put_le32(b + 0x48, 0x00010000);
	assert_int_equal(fmt_detect(b, sizeof(b), 0x100), FMT_STM32_V1);
	put_le32(b + 0x48, 0x00020200);
	assert_int_equal(fmt_detect(b, sizeof(b), 0x100), FMT_STM32_V2);
	put_le32(b + 0x48, 0x12345678);		/* inside a v2.3 signature */
	put_le32(b + 0x68, 0x00020300);
	assert_int_equal(fmt_detect(b, sizeof(b), 0x100), FMT_STM32_V2);
	put_le32(b + 0x68, 0x00090000);
	assert_int_equal(fmt_detect(b, sizeof(b), 0x100), FMT_STM32_UNKNOWN);
	assert_int_equal(fmt_detect(b, 8, 0x100), FMT_STM32_UNKNOWN);
}

static void test_detect_fit_vs_dtb(void **state)
{
	/* header(40) then struct block: BEGIN_NODE "" , BEGIN_NODE "images" */
	uint8_t b[128] = { 0xD0, 0x0D, 0xFE, 0xED };
	uint8_t *s = b + 40;

	(void)state;
	b[11] = 40;				/* off_dt_struct */
	b[39] = 40;				/* size_dt_struct */
	s[3] = 1;				/* FDT_BEGIN_NODE, root name "" */
	s[7] = 0;
	s[11] = 1;				/* FDT_BEGIN_NODE "images" */
	memcpy(s + 12, "images", 7);
	assert_int_equal(fmt_detect(b, sizeof(b), sizeof(b)), FMT_FIT);
	memcpy(s + 12, "chosen", 7);
	assert_int_equal(fmt_detect(b, sizeof(b), sizeof(b)), FMT_DTB);
	b[11] = 200;				/* struct offset beyond the head */
	assert_int_equal(fmt_detect(b, sizeof(b), sizeof(b)), FMT_DTB);
}

static void test_detect_sfi_by_name(void **state)
{
	uint8_t b[16] = { 0x11, 0x22, 0x33, 0x44 };
	char s[512];

	(void)state;
	assert_int_equal(fmt_detect_path("fw.sfi", b, sizeof(b), 16), FMT_SFI);
	assert_int_equal(fmt_detect_path("FW.SFIX", b, sizeof(b), 16), FMT_SFI);
	assert_int_equal(fmt_detect_path("fw.bin", b, sizeof(b), 16), FMT_UNKNOWN);
	fmt_wrong_tool(FMT_OPTEE_RPROC, FMT_STM32_V2, s, sizeof(s));
	assert_non_null(strstr(s, "really an OP-TEE remoteproc"));
	assert_non_null(strstr(s, "is not an STM32 boot-ROM image"));
}

static void test_other_formats_described(void **state)
{
	uint8_t ta[64] = { 'H', 'S', 'T', 'O' }, fip[16 + 40 + 40] = { 0x01, 0x00, 0x64, 0xAA };
	uint8_t junk[32] = { 'P', 'K', 3, 4 };
	struct out o = { 0 };

	(void)state;
	ta[16] = 32;				/* hash_size 32, sig_size 255 > file */
	ta[18] = 0xff;
	run(&o, ta, sizeof(ta), NULL, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"format\":\"optee-ta\""));
	assert_true(has(&o, "optee-ta-truncated"));
	free(o.text);

	/* one entry, BL33's UUID, offset 0x50 size 0x10 */
	memcpy(fip + 16, "\xd6\xd0\xee\xa7\xfc\xea\xd5\x4b\x97\x82\x99\x34\xf2\x34\xb6\xe4", 16);
	fip[32] = 0x50;
	fip[40] = 0x10;
	run(&o, fip, sizeof(fip), NULL, true);
	assert_int_equal(o.rc, 0);
	assert_true(has(&o, "\"inside_file\":true"));
	assert_true(has(&o, "\"uuid\":\"d6d0eea7-fcea-d54b-9782-9934f234b6e4\",\"name\":\"nt-fw (BL33)\""));
	assert_true(has(&o, "\"result\":\"not-verified\""));
	free(o.text);
	fip[40] = 0xff;
	run(&o, fip, sizeof(fip), NULL, true);
	assert_int_equal(o.rc, 1);
	free(o.text);

	run(&o, junk, sizeof(junk), NULL, false);
	assert_int_equal(o.rc, 2);
	assert_true(has(&o, "cause: unknown-format"));
	assert_true(has(&o, "50 4b 03 04"));
	free(o.text);
}

static void test_optee_ta_verified(void **state)
{
	EVP_PKEY *k = fb_keygen("RSA-2048"), *other = fb_keygen("RSA-2048");
	struct fmt_opts opts = { .nkeys = 1 };
	struct out o = { 0 };
	unsigned int type;
	size_t len;
	uint8_t *ta;

	(void)state;
	assert_non_null(k);
	assert_non_null(other);
	opts.keys[0] = keyfile(k, "ta");
	for (type = 0; type <= 1; type++) {
		ta = fb_optee_ta(k, type, type == 1, 3000, false, &len);
		assert_non_null(ta);
		run(&o, ta, len, &opts, true);
		if (o.rc != 0 || !has(&o, "\"result\":\"valid\""))
			fail_msg("TA type %u: rc %d\n%s", type, o.rc, o.text);
		assert_true(has(&o, "\"check\":\"ta-hash\",\"ok\":true"));
		assert_true(has(&o, type ? "\"type\":\"rsa-pss-sha256\"" : "\"type\":\"rsa-pkcs1v15-sha256\""));
		assert_true(has(&o, "remoteproc TA needs an image made by sign_rproc_fw.py"));
		if (type == 1)
			assert_true(has(&o, "\"ta_version\":5"));
		free(o.text);
		/* without a key: hash checked, signature not */
		run(&o, ta, len, NULL, true);
		assert_int_equal(o.rc, 0);
		assert_true(has(&o, "\"result\":\"not-verified\""));
		free(o.text);
		free(ta);
	}
	ta = fb_optee_ta(k, 1, false, 3000, true, &len);
	run(&o, ta, len, &opts, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"cause\":\"optee-ta-hash-mismatch\""));
	free(o.text);
	free(ta);
	ta = fb_optee_ta(other, 1, false, 3000, false, &len);
	run(&o, ta, len, &opts, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"cause\":\"optee-ta-wrong-key\""));
	free(o.text);
	run(&o, ta, len - 1, &opts, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"check\":\"image-size\",\"ok\":false"));
	free(o.text);
	free(ta);
	EVP_PKEY_free(k);
	EVP_PKEY_free(other);
}

static void test_unreadable_file(void **state)
{
	struct out o = { 0 };
	FILE *f = open_memstream(&o.text, &o.len);
	struct json j;
	enum fmt_kind k = FMT_ELF;

	(void)state;
	assert_non_null(f);
	json_init(&j, f);
	assert_int_equal(fmt_inspect("/nonexistent/fw.stm32", FMT_UNKNOWN, NULL, &j, f), 2);
	json_end(&j);
	json_init(&j, f);
	assert_int_equal(fmt_inspect(TEST_TOP, FMT_UNKNOWN, NULL, &j, f), 2);
	json_end(&j);
	fclose(f);
	assert_true(has(&o, "{\"file\":\"/nonexistent/fw.stm32\",\"format\":\"unknown\",\"size\":null,\"valid\":false,\"status\":2,\"error\":\"cannot read: No such file or directory\"}"));
	assert_true(has(&o, "Is a directory"));
	free(o.text);
	assert_int_equal(fmt_detect_file("/nonexistent", &k), -1);
	assert_int_equal(fmt_detect_file(TEST_TOP "/tests/builders/fixtures/stm32image-v2.3.stm32", &k), 0);
	assert_int_equal(k, FMT_STM32_V2);
}

static void test_uimage_crc(void **state)
{
	uint8_t b[64 + 16] = { 0x27, 0x05, 0x19, 0x56 };
	struct out o = { 0 };

	(void)state;
	b[15] = 16;				/* data size */
	memset(b + 64, 0xA5, 16);
	/* CRCs left 0: both must be reported wrong with the computed values */
	run(&o, b, sizeof(b), NULL, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"check\":\"header-crc\",\"ok\":false"));
	assert_true(has(&o, "\"check\":\"data-crc\",\"ok\":false"));
	free(o.text);
}

/* ---- STM32 ------------------------------------------------------------ */

static EVP_PKEY *keys[4], *others[4];
static const char *const curves[4] = { "P-256", "brainpoolP256t1", "P-384", "brainpoolP384t1" };

static int setup(void **state)
{
	int i;

	(void)state;
	tmp = strdup(tu_tmpdir("fmt_stm32"));
	for (i = 0; i < 4; i++) {
		keys[i] = fb_keygen(curves[i]);
		others[i] = fb_keygen(curves[i]);
		if (!keys[i] || !others[i])
			return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		EVP_PKEY_free(keys[i]);
		EVP_PKEY_free(others[i]);
	}
	tu_sh("rm -rf '%s'", tmp);
	free((void *)tmp);
	return 0;
}

static uint8_t *make(unsigned int ver, int curve, enum fb_stm32_mistake m, size_t *len)
{
	struct fb_stm32_spec s = {
		.ver = ver, .key = keys[curve], .other = others[curve], .payload_len = 3000,
		.nb_pk = 4, .pk_idx = 2, .mistake = m,
	};
	uint8_t *b = fb_stm32(&s, len);

	assert_non_null(b);
	return b;
}

static void test_stm32_valid_all_versions(void **state)
{
	static const struct { unsigned int ver; const char *fmt, *vs; } v[] = {
		{ 10, "stm32-boot-v1", "1.0" }, { 20, "stm32-boot-v2", "2.0" },
		{ 22, "stm32-boot-v2", "2.2" }, { 23, "stm32-boot-v2", "2.3" },
	};
	struct fmt_opts opts = { .nkeys = 1 };
	size_t i, len;
	int c;

	(void)state;
	for (i = 0; i < 4; i++) {
		for (c = 0; c < 4; c++) {
			struct out o = { 0 };
			uint8_t *img;

			if (c >= 2 && v[i].ver != 23)
				continue;	/* 384-bit curves only in v2.3 */
			img = make(v[i].ver, c, FB_STM32_OK, &len);
			opts.keys[0] = keyfile(keys[c], "k");
			run(&o, img, len, &opts, true);
			if (o.rc != 0)
				fail_msg("v%s %s: rc %d\n%s", v[i].vs, curves[c], o.rc, o.text);
			assert_true(has(&o, tu_fmt("\"format\":\"%s\"", v[i].fmt)));
			assert_true(has(&o, tu_fmt("\"format_version\":\"%s\"", v[i].vs)));
			assert_true(has(&o, "\"status\":\"valid\""));
			assert_true(has(&o, "\"is_header_key\":true"));
			assert_true(has(&o, "\"check\":\"checksum\",\"ok\":true"));
			free(o.text);
			free(img);
		}
	}
}

static void test_stm32_signed_range(void **state)
{
	struct out o = { 0 };
	size_t len;
	uint8_t *img;

	(void)state;
	/* v2.2: PKH table of 4 -> auth ext 0xa4, header 0x200, payload 3000 */
	img = make(22, 0, FB_STM32_OK, &len);
	run(&o, img, len, NULL, true);
	assert_true(has(&o, "\"signed_range_start\":72"));
	assert_true(has(&o, tu_fmt("\"signed_range_end\":%u", 0x200 + 3000)));
	free(o.text);
	free(img);
	img = make(10, 0, FB_STM32_OK, &len);
	run(&o, img, len, NULL, true);
	assert_true(has(&o, tu_fmt("\"signed_range_end\":%u", 0x100 + 3000)));
	free(o.text);
	free(img);
	img = make(23, 2, FB_STM32_OK, &len);
	run(&o, img, len, NULL, true);
	assert_true(has(&o, "\"signed_range_start\":104"));
	assert_true(has(&o, "\"algorithm\":\"ecdsa-p384-sha384\""));
	free(o.text);
	free(img);
}

struct mcase {
	enum fb_stm32_mistake m;
	const char *cause;
	bool v1_ok;		/* mistake applies to v1.0 headers too */
};

static const struct mcase mcases[] = {
	{ FB_STM32_DOUBLE_HASH, "stm32-digest-hashed-twice", true },
	{ FB_STM32_RANGE_EOF, "stm32-range-to-eof", true },
	{ FB_STM32_RANGE_0, "stm32-range-zeroed-signature", true },
	{ FB_STM32_RANGE_80, "stm32-range-start", true },
	{ FB_STM32_DER_RAW, "stm32-der-pasted-raw", true },
	{ FB_STM32_SWAPPED, "stm32-r-s-swapped", true },
	{ FB_STM32_LITTLE_ENDIAN, "stm32-r-s-little-endian", true },
	{ FB_STM32_WRONG_ALGO, "stm32-curve-algo-mismatch", true },
	{ FB_STM32_OTHER_KEY, "stm32-other-key", true },
	{ FB_STM32_BAD_CHECKSUM, "stm32-checksum", true },
	{ FB_STM32_UNSIGNED, "stm32-unsigned", true },
	{ FB_STM32_TAMPERED, "stm32-signature-invalid", true },
	{ FB_STM32_TRUNCATED, "stm32-truncated-payload", true },
	{ FB_STM32_R_UNPADDED, "stm32-r-not-padded", true },
	{ FB_STM32_BAD_PKH, "stm32-pkh-entry", false },
	{ FB_STM32_PK_IDX, "stm32-pk-index", false },
};

static void test_stm32_mistakes_diagnosed(void **state)
{
	static const unsigned int vers[] = { 10, 22, 23 };
	struct fmt_opts opts = { .nkeys = 2 };
	size_t i, v, len;
	int c;

	(void)state;
	for (v = 0; v < 3; v++) {
		for (c = 0; c < 4; c++) {
			if (c >= 2 && vers[v] != 23)
				continue;
			if (c == 1 && vers[v] != 22)
				continue;	/* brainpool256 once is enough for the matrix */
			opts.keys[0] = keyfile(keys[c], "k");
			opts.keys[1] = keyfile(others[c], "other");
			for (i = 0; i < sizeof(mcases) / sizeof(mcases[0]); i++) {
				struct out o = { 0 };
				uint8_t *img;

				if (vers[v] == 10 && !mcases[i].v1_ok)
					continue;
				img = make(vers[v], c, mcases[i].m, &len);
				run(&o, img, len, &opts, true);
				if (o.rc != 1 || !has(&o, tu_fmt("\"cause\":\"%s\"", mcases[i].cause)))
					fail_msg("v%u %s mistake %d: rc %d, want cause %s\n%s", vers[v],
						 curves[c], mcases[i].m, o.rc, mcases[i].cause, o.text);
				free(o.text);
				free(img);
			}
		}
	}
}

static void test_stm32_experiment_reports_fix(void **state)
{
	struct out o = { 0 };
	size_t len;
	uint8_t *img = make(22, 0, FB_STM32_DOUBLE_HASH, &len);

	(void)state;
	run(&o, img, len, NULL, false);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "[VERIFIES] digest-hashed-twice"));
	assert_true(has(&o, "[  no    ] r-s-swapped"));
	assert_true(has(&o, "MessageType=DIGEST"));
	free(o.text);
	free(img);
	img = make(22, 0, FB_STM32_SWAPPED, &len);
	run(&o, img, len, NULL, true);
	assert_true(has(&o, "{\"id\":\"r-s-swapped\",\"hypothesis\":\"signature is s || r\",\"verifies\":true"));
	assert_true(has(&o, "{\"id\":\"digest-hashed-twice\""));
	assert_true(has(&o, "\"high_s\":"));
	free(o.text);
	free(img);
}

static void test_stm32_otp_hash(void **state)
{
	struct fb_stm32_spec s = {
		.ver = 22, .key = keys[0], .other = others[0], .payload_len = 100, .nb_pk = 4, .pk_idx = 2,
	};
	struct fmt_opts opts = { 0 };
	struct out o = { 0 };
	char hex[100];
	size_t len;
	uint8_t *img = fb_stm32(&s, &len);

	(void)state;
	assert_int_equal(fb_stm32_otp_hash(&s, hex, sizeof(hex)), 0);
	opts.otp_hash = hex;
	run(&o, img, len, &opts, true);
	assert_int_equal(o.rc, 0);
	assert_true(has(&o, "\"check\":\"otp-hash\",\"ok\":true"));
	assert_true(has(&o, tu_fmt("\"pkh_table_hash\":\"%s\"", hex)));
	free(o.text);
	{
		/* the same value as an OTP dump of 32-bit words prints it */
		char words[100];
		size_t w;

		for (w = 0; w < 64; w += 8)
			snprintf(words + w, sizeof(words) - w, "%.2s%.2s%.2s%.2s", hex + w + 6,
				 hex + w + 4, hex + w + 2, hex + w);
		opts.otp_hash = words;
		run(&o, img, len, &opts, true);
		assert_int_equal(o.rc, 0);
		assert_true(has(&o, "other byte order"));
		free(o.text);
		opts.otp_hash = hex;
	}
	hex[0] = hex[0] == '0' ? '1' : '0';
	run(&o, img, len, &opts, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"cause\":\"stm32-otp-hash-mismatch\""));
	free(o.text);
	opts.otp_hash = "xyz";
	run(&o, img, len, &opts, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "--otp-hash `xyz' is not 32 bytes of hex"));
	free(o.text);
	free(img);

	/* v1: the OTP holds SHA-256(X || Y) */
	s.ver = 10;
	img = fb_stm32(&s, &len);
	assert_int_equal(fb_stm32_otp_hash(&s, hex, sizeof(hex)), 0);
	opts.otp_hash = hex;
	run(&o, img, len, &opts, true);
	assert_int_equal(o.rc, 0);
	assert_true(has(&o, tu_fmt("\"pkh_sha256_xy\":\"%s\"", hex)));
	free(o.text);
	free(img);
}

static void test_stm32_fields_and_extensions(void **state)
{
	struct fmt_opts opts = { .verbose = true };
	struct out o = { 0 };
	size_t len;
	uint8_t *img = make(22, 0, FB_STM32_OK, &len);

	(void)state;
	run(&o, img, len, &opts, false);
	assert_int_equal(o.rc, 0);
	assert_true(has(&o, "header_version: 0x00020200 (2.2)"));
	assert_true(has(&o, "image_length: 0x00000bb8 (3000)"));
	assert_true(has(&o, "extension_flags_decoded: authentication padding"));
	assert_true(has(&o, "name: authentication"));
	assert_true(has(&o, "pk_idx: 2"));
	assert_true(has(&o, "nb_pk: 4"));
	assert_true(has(&o, "ecc_algo_type: 1 = NIST P-256"));
	assert_true(has(&o, "name: padding"));
	assert_true(has(&o, "binary_type: 0x10 (TF-A (BL2 = 0x10))"));
	assert_true(has(&o, "result: valid"));
	free(o.text);

	/* header padding must be zero (it is signed, so the signature fails too) */
	img[0x75] = 0x5a;
	run(&o, img, len, NULL, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"check\":\"header-padding\",\"ok\":false,\"detail\":\"16 padding bytes at 0x70 are not zero"));
	free(o.text);
	img[0x75] = 0;
	/* extension length corrupted: chain check fails, no crash */
	put_le32(img + 0x80 + 4, 0x1000);
	run(&o, img, len, NULL, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"check\":\"extension-chain\",\"ok\":false"));
	free(o.text);
	/* extension_headers_length past the end of file: unparseable */
	put_le32(img + 0x68, 0x100000);
	run(&o, img, len, NULL, true);
	assert_int_equal(o.rc, 2);
	assert_true(has(&o, "\"cause\":\"stm32-extension-length\""));
	free(o.text);
	free(img);
}

static void test_stm32_decryption_extension(void **state)
{
	struct fb_stm32_spec s = {
		.ver = 22, .key = keys[0], .payload_len = 500, .nb_pk = 8, .decrypt = true,
	};
	struct out o = { 0 };
	size_t len;
	uint8_t *img = fb_stm32(&s, &len);

	(void)state;
	assert_non_null(img);
	run(&o, img, len, NULL, true);
	if (o.rc != 0)
		fail_msg("rc %d\n%s", o.rc, o.text);
	assert_true(has(&o, "\"extension_flags_decoded\":\"authentication decryption padding\""));
	assert_true(has(&o, "\"name\":\"fsbl-decryption\",\"key_size\":128,\"derivation_constant\":305419896"));
	assert_true(has(&o, "\"check\":\"extension-flags\",\"ok\":true"));
	free(o.text);
	/* flag bit cleared while the extension stays: inconsistent */
	put_le32(img + 0x64, 0x80000001);
	run(&o, img, len, NULL, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"check\":\"extension-flags\",\"ok\":false"));
	free(o.text);
	free(img);
}

static void test_stm32_no_auth_extension(void **state)
{
	struct fb_stm32_spec s = { .ver = 22, .key = keys[0], .payload_len = 400, .no_auth = true };
	struct fmt_opts opts = { .nkeys = 2 };
	struct out o = { 0 };
	size_t len;
	uint8_t *img = fb_stm32(&s, &len);

	(void)state;
	assert_non_null(img);
	opts.keys[0] = keyfile(others[0], "other");
	opts.keys[1] = keyfile(keys[0], "k");
	run(&o, img, len, &opts, true);
	assert_int_equal(o.rc, 1);
	assert_true(has(&o, "\"cause\":\"stm32-no-auth-extension\""));
	assert_true(has(&o, tu_fmt("\"verifies_with\":\"%s\"", opts.keys[1])));
	free(o.text);
	free(img);
}

static void test_stm32_truncated_and_mutated(void **state)
{
	size_t len, n, i;
	uint8_t *img = make(22, 0, FB_STM32_OK, &len), *copy = malloc(len);
	uint32_t seed = 1;

	(void)state;
	assert_non_null(copy);
	for (n = 0; n < len; n += n < 0x240 ? 1 : 101) {
		struct out o = { 0 };

		run(&o, img, n, NULL, true);
		assert_true(o.rc == 1 || o.rc == 2);
		free(o.text);
	}
	for (i = 0; i < 300; i++) {
		struct out o = { 0 };
		int k;

		memcpy(copy, img, len);
		for (k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			copy[(seed >> 8) % 0x240] ^= (uint8_t)(1u << (seed % 8));
		}
		run(&o, copy, len, NULL, i & 1);
		assert_true(o.rc >= 0 && o.rc <= 2);
		free(o.text);
	}
	free(copy);
	free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_magics),
		cmocka_unit_test(test_detect_real_fixtures),
		cmocka_unit_test(test_detect_stm32_versions),
		cmocka_unit_test(test_detect_fit_vs_dtb),
		cmocka_unit_test(test_detect_sfi_by_name),
		cmocka_unit_test(test_other_formats_described),
		cmocka_unit_test(test_optee_ta_verified),
		cmocka_unit_test(test_unreadable_file),
		cmocka_unit_test(test_uimage_crc),
		cmocka_unit_test(test_stm32_valid_all_versions),
		cmocka_unit_test(test_stm32_signed_range),
		cmocka_unit_test(test_stm32_mistakes_diagnosed),
		cmocka_unit_test(test_stm32_experiment_reports_fix),
		cmocka_unit_test(test_stm32_otp_hash),
		cmocka_unit_test(test_stm32_fields_and_extensions),
		cmocka_unit_test(test_stm32_decryption_extension),
		cmocka_unit_test(test_stm32_no_auth_extension),
		cmocka_unit_test(test_stm32_truncated_and_mutated),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
