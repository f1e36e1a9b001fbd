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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stm32_two_auth_extensions),
		cmocka_unit_test(test_kind_longer_than_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
