// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: format detection (FDT walk included) and the dumpers
 * of the formats inspect only describes (OP-TEE TA, FIP, uImage, FIT/DTB,
 * ESP32), plus the bounded CBOR reader on raw input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/formats.h"
#include "formats/priv.h"
#include "common/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t magics[][4] = {
		{ 'H', 'S', 'T', 'O' }, { 0x01, 0x00, 0x64, 0xAA }, { 0x27, 0x05, 0x19, 0x56 },
		{ 0xD0, 0x0D, 0xFE, 0xED }, { 0xE9, 0x02, 0x00, 0x00 },
	};
	static FILE *null;
	struct cbor_rd c;
	struct cbor_item it;
	struct json j;
	uint8_t *b;
	char s[512];
	enum fmt_kind k;
	int n = 0;

	if (!size || size > (1 << 20))
		return 0;
	if (!null)
		null = fopen("/dev/null", "w");
	k = fmt_detect(data, size, size);
	fmt_wrong_tool(k, (enum fmt_kind)(data[0] % FMT_KIND_COUNT), s, sizeof(s));

	cbor_init(&c, data, size);
	while (n++ < 64 && cbor_next(&c, &it) && cbor_skip(&c, &it))
		;

	b = malloc(size < 4 ? 4 : size);
	if (!b)
		return 0;
	memcpy(b, data, size);
	/* steer unrecognised inputs to one of the dumpers; keep real images as they are */
	if (size >= 4 && k == FMT_UNKNOWN)
		memcpy(b, magics[data[size - 1] % 5], data[size - 1] % 5 == 4 ? 1 : 4);
	json_init(&j, null);
	fmt_inspect_buf(b, size, "fuzz.img", FMT_UNKNOWN, NULL, &j, null);
	json_end(&j);
	fmt_inspect_buf(b, size, "fuzz.sfi", FMT_UNKNOWN, NULL, NULL, null);
	free(b);
	return 0;
}
