// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Lengths, offsets and counts of the other formats (userspace/formats/:
 * STM32 boot headers, MCUboot, FIT/uImage, OP-TEE TA, FIP, ESP32) against
 * the bytes that are there, and the regression inputs the fuzzers found.
 * Every image is handed over in a buffer of exactly its size, so ASan
 * turns any read past the end into a failure.
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
#include "formats/priv.h"
#include "common/json.h"

struct out {
	char *text;
	size_t len;
	int rc;
};

/* Inspect the first @len bytes of @img (as @kind) from an exact copy. */
static void run(struct out *o, const uint8_t *img, size_t len, enum fmt_kind kind, bool js)
{
	uint8_t *cut = malloc(len ? len : 1);
	FILE *f;
	struct json j;

	assert_non_null(cut);
	memcpy(cut, img, len);
	f = open_memstream(&o->text, &o->len);
	assert_non_null(f);
	if (js) {
		json_init(&j, f);
		o->rc = fmt_inspect_buf(cut, len, "img.bin", kind, NULL, &j, f);
		json_end(&j);
	} else {
		o->rc = fmt_inspect_buf(cut, len, "img.bin", kind, NULL, NULL, f);
	}
	fclose(f);
	free(cut);
}

static void expect(struct out *o, int rc, const char *text)
{
	if (o->rc != rc || !strstr(o->text, text))
		fail_msg("exit %d (want %d), output lacks \"%s\":\n%s", o->rc, rc, text, o->text);
	free(o->text);
	o->text = NULL;
}

/*
 * Found by fuzz_fmt_stm32 (issue 13: SIGBUS in `inspect`, ASan SEGV in
 * SHA256_Update): a 691-byte v2.2 header with two authentication
 * extensions.  The second one's nb_pk replaced the first one's while the
 * PKH table pointer stayed, so nb_pk x 32 bytes were hashed from inside a
 * 691-byte file.  Same bytes as tests/fuzz/seeds/fuzz_fmt_stm32/
 * regress-two-auth-extensions (without the fuzzer's mode byte).
 */
static uint8_t *two_auth_extensions(size_t *len)
{
	uint8_t *b = calloc(1, 691);
	size_t off = 0x80;

	assert_non_null(b);
	memcpy(b, "STM2", 4);
	b[4] = 1;				/* a signature that is not all zero */
	put_le32(b + 0x48, 0x00020200);		/* header v2.2 */
	put_le32(b + 0x64, 0x80000001);		/* authentication + padding */
	put_le32(b + 0x68, 691 - 0x80);		/* extensions up to the end */
	put_le32(b + off, 0x02005453);		/* auth: 20 + 64-byte key + 1 hash */
	put_le32(b + off + 4, 116);
	put_le32(b + off + 12, 1);
	put_le32(b + off + 16, 1);
	off += 116;
	put_le32(b + off, 0x02005453);		/* auth again: nb_pk 2^27, no table */
	put_le32(b + off + 4, 84);
	put_le32(b + off + 12, 0x08000000);
	put_le32(b + off + 16, 1);
	off += 84;
	put_le32(b + off, 0xFFFF5453);		/* padding to the end */
	put_le32(b + off + 4, (uint32_t)(691 - off));
	*len = 691;
	return b;
}

static void test_stm32_two_auth_extensions(void **state)
{
	size_t len;
	uint8_t *b = two_auth_extensions(&len);
	struct out o;

	(void)state;
	run(&o, b, len, FMT_UNKNOWN, false);
	expect(&o, 1, "a second authentication extension at 0xf4");
	run(&o, b, len, FMT_UNKNOWN, true);
	expect(&o, 1, "\"check\":\"auth-extension\",\"ok\":false");
	free(b);
}

/* A kind decided from a longer head than the bytes inspected (the file shrank). */
static void test_kind_longer_than_file(void **state)
{
	static const uint8_t esp[3] = { 0xE9, 0x01, 0x00 };
	struct out o;

	(void)state;
	run(&o, esp, sizeof(esp), FMT_ESP32, true);
	expect(&o, 2, "\"cause\":\"esp32-truncated\"");
}

/* ---- every length field cut at its boundaries ---------------------------- */

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

#define BFX TEST_TOP "/tests/builders/fixtures/"

/*
 * Verdict @check failed and reported need @need, have @have (the JSON
 * verdict: {"check":..., "ok":false, "detail":..., "need":N, "have":M}).
 */
static void expect_len(const char *what, const uint8_t *img, size_t cut, enum fmt_kind kind,
		       const char *check, uint64_t need, uint64_t have)
{
	const char *v, *end;
	char key[96], nm[96];
	struct out o;

	run(&o, img, cut, kind, true);
	snprintf(key, sizeof(key), "\"check\":\"%s\",\"ok\":false", check);
	snprintf(nm, sizeof(nm), "\"need\":%llu,\"have\":%llu}", (unsigned long long)need,
		 (unsigned long long)have);
	for (v = strstr(o.text, key); v; v = strstr(v + 1, key)) {
		end = strchr(v, '}');
		if (end && memmem(v, (size_t)(end - v) + 1, nm, strlen(nm)))
			break;
	}
	if (!v || o.rc == 0)
		fail_msg("%s (cut at %zu): no failed %s verdict with %s (exit %d):\n%s", what, cut,
			 check, nm, o.rc, o.text);
	free(o.text);
	/* the text output names both numbers too */
	run(&o, img, cut, kind, false);
	if (!strstr(o.text, tu_fmt("%llu", (unsigned long long)need)) &&
	    !strstr(o.text, tu_fmt("0x%llx", (unsigned long long)need)))
		fail_msg("%s (cut at %zu): the text does not quote %llu:\n%s", what, cut,
			 (unsigned long long)need, o.text);
	free(o.text);
}

static void test_stm32_cuts(void **state)
{
	static const struct {
		const char *file;
		enum fmt_kind kind;
		size_t ver_off, base;
	} v[] = {
		{ BFX "stm32image-v1.0.stm32", FMT_STM32_V1, 0x48, 0x100 },
		{ BFX "stm32image-v2.2.stm32", FMT_STM32_V2, 0x48, 0x80 },
		{ BFX "stm32image-v2.3.stm32", FMT_STM32_V2, 0x68, 0xA0 },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		uint8_t *b = tu_read(v[i].file, &len);
		uint64_t ext = v[i].base == 0x100 ? 0 : get_le32(b + v[i].ver_off + 32);
		uint64_t hdr = v[i].base + ext, end = hdr + get_le32(b + v[i].ver_off + 4);

		assert_int_equal(end, len);
		expect_len(v[i].file, b, 0, v[i].kind, "header-length", 0x80, 0);
		expect_len(v[i].file, b, v[i].base - 1, v[i].kind, "header-length", v[i].base,
			   v[i].base - 1);
		if (ext) {
			expect_len(v[i].file, b, v[i].base, v[i].kind, "extension-length", hdr,
				   v[i].base);
			expect_len(v[i].file, b, hdr - 1, v[i].kind, "extension-length", hdr,
				   hdr - 1);
		}
		expect_len(v[i].file, b, hdr, v[i].kind, "image-length", end, hdr);
		expect_len(v[i].file, b, end - 1, v[i].kind, "image-length", end, end - 1);
		free(b);
	}
}

static void test_mcuboot_cuts(void **state)
{
	size_t len;
	uint8_t *b = tu_read(BFX "imgtool-ecdsa-p256-br.bin", &len);
	uint64_t img_end = get_le16(b + 8) + (uint64_t)get_le32(b + 12);
	uint64_t prot_end = img_end + get_le16(b + img_end + 2);
	uint64_t unprot_end = prot_end + get_le16(b + prot_end + 2);
	const char *f = "imgtool-ecdsa-p256-br.bin";

	(void)state;
	assert_int_equal(get_le16(b + img_end), 0x6908);
	assert_int_equal(unprot_end, len);
	expect_len(f, b, 0, FMT_MCUBOOT, "header-length", 32, 0);
	expect_len(f, b, 31, FMT_MCUBOOT, "header-length", 32, 31);
	expect_len(f, b, 32, FMT_MCUBOOT, "image-length", img_end + 4, 32);
	expect_len(f, b, img_end + 3, FMT_MCUBOOT, "image-length", img_end + 4, img_end + 3);
	expect_len(f, b, prot_end - 1, FMT_MCUBOOT, "tlv-area", prot_end, prot_end - 1);
	expect_len(f, b, prot_end, FMT_MCUBOOT, "tlv-area", prot_end + 4, prot_end);
	expect_len(f, b, unprot_end - 1, FMT_MCUBOOT, "tlv-area", unprot_end, unprot_end - 1);
	/* a TLV record longer than its area */
	put_le16(b + prot_end + 4 + 2, 0xffff);
	expect_len(f, b, len, FMT_MCUBOOT, "tlv-area", prot_end + 4 + 4 + 0xffff, unprot_end);
	free(b);
}

static void test_uimage_fit_cuts(void **state)
{
	size_t len;
	uint8_t *b = tu_read(BFX "uimage.bin", &len);
	uint64_t end = 64 + (uint64_t)get_be32(b + 12);

	(void)state;
	assert_int_equal(end, len);
	expect_len("uImage", b, 0, FMT_UIMAGE, "header-length", 64, 0);
	expect_len("uImage", b, 63, FMT_UIMAGE, "header-length", 64, 63);
	expect_len("uImage", b, 64, FMT_UIMAGE, "data-size", end, 64);
	expect_len("uImage", b, end - 1, FMT_UIMAGE, "data-size", end, end - 1);
	free(b);

	b = tu_read(BFX "fit.itb", &len);
	end = get_be32(b + 4);
	assert_int_equal(end, len);
	expect_len("FIT", b, 0, FMT_FIT, "header-length", 40, 0);
	expect_len("FIT", b, 39, FMT_FIT, "header-length", 40, 39);
	expect_len("FIT", b, 40, FMT_FIT, "totalsize", end, 40);
	expect_len("FIT", b, end - 1, FMT_FIT, "totalsize", end, end - 1);
	free(b);
}

static void test_ta_fip_esp_cuts(void **state)
{
	uint8_t ta[20 + 32 + 256 + 100] = { 'H', 'S', 'T', 'O' };
	size_t len;
	uint8_t *b;

	(void)state;
	put_le32(ta + 4, 0);			/* SHDR_TA */
	put_le32(ta + 8, 100);			/* img_size */
	put_le32(ta + 12, 0x70004830);
	put_le16(ta + 16, 32);
	put_le16(ta + 18, 256);
	expect_len("TA", ta, 0, FMT_OPTEE_TA, "header-length", 20, 0);
	expect_len("TA", ta, 19, FMT_OPTEE_TA, "header-length", 20, 19);
	expect_len("TA", ta, 20, FMT_OPTEE_TA, "structure", 308, 20);
	expect_len("TA", ta, 307, FMT_OPTEE_TA, "structure", 308, 307);
	expect_len("TA", ta, 308, FMT_OPTEE_TA, "image-size", 408, 308);
	expect_len("TA", ta, 407, FMT_OPTEE_TA, "image-size", 408, 407);

	b = tu_read(TEST_TOP "/tests/fuzz/seeds/fuzz_fmt_detect/fip", &len);
	expect_len("FIP", b, 0, FMT_FIP, "header-length", 16, 0);
	expect_len("FIP", b, 15, FMT_FIP, "header-length", 16, 15);
	expect_len("FIP", b, len - 1, FMT_FIP, "toc-entry", len, len - 1);
	free(b);

	expect_len("ESP32", ta, 0, FMT_ESP32, "header-length", 24, 0);
	expect_len("ESP32", ta, 23, FMT_ESP32, "header-length", 24, 23);
}

/* CBOR (MCUboot boot record): a 32-byte bstr cut at each boundary */
static void test_cbor_cuts(void **state)
{
	uint8_t b[34] = { 0x58, 0x20 };	/* bstr, 1-byte length 32, then 32 bytes */
	static const struct { size_t at; uint64_t need; const char *err; } cut[] = {
		{ 0, 1, "unexpected end of data" },
		{ 1, 2, "truncated integer" },		/* header - 1 */
		{ 2, 34, "string runs past the end of the record" },	/* header */
		{ 33, 34, "string runs past the end of the record" },	/* claimed - 1 */
	};
	struct cbor_item it;
	struct cbor_rd c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		uint8_t *p = malloc(cut[i].at ? cut[i].at : 1);

		memcpy(p, b, cut[i].at);
		cbor_init(&c, p, cut[i].at);
		assert_false(cbor_next(&c, &it));
		assert_string_equal(c.err, cut[i].err);
		assert_int_equal(c.need, cut[i].need);
		assert_int_equal(c.have, cut[i].at);
		free(p);
	}
	cbor_init(&c, b, sizeof(b));
	assert_true(cbor_next(&c, &it));
	assert_int_equal(it.val, 32);
	assert_int_equal(c.need, 0);
	/* a length of 2^64 - 1: the claim saturates, it does not wrap */
	{
		uint8_t h[9] = { 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

		cbor_init(&c, h, sizeof(h));
		assert_false(cbor_next(&c, &it));
		assert_true(c.need == UINT64_MAX);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stm32_two_auth_extensions),
		cmocka_unit_test(test_kind_longer_than_file),
		cmocka_unit_test(test_stm32_cuts),
		cmocka_unit_test(test_mcuboot_cuts),
		cmocka_unit_test(test_uimage_fit_cuts),
		cmocka_unit_test(test_ta_fip_esp_cuts),
		cmocka_unit_test(test_cbor_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
