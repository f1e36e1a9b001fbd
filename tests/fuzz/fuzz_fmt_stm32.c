// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: STM32 boot-ROM header parser, extension chain, key
 * hashes and the signature diagnosis experiments (userspace/formats/stm32.c).
 * The input's first byte picks the header version and output mode; the
 * magic is forced so every input reaches the parser.
 * STM32 structure-aware mutator: mut_stm32.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/formats.h"
#include "common/json.h"
#include "mut_stm32.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct fmt_opts o = { .otp_hash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" };
	struct json j;
	uint8_t *b, mode;

	if (!size || size > (1 << 20))
		return 0;
	if (!null)
		null = fopen("/dev/null", "w");
	mode = data[0];
	b = malloc(size - 1 + 0x70);
	if (!b)
		return 0;
	/* header version chosen by the mode byte, rest from the input */
	memset(b, 0, 0x70);
	memcpy(b, data + 1, size - 1);
	size = size - 1 < 0x70 ? 0x70 : size - 1;
	memcpy(b, "STM2", 4);
	switch (mode & 3) {
	case 0: b[0x4A] = 1; b[0x48] = 0; b[0x4B] = 0; break;
	case 1: b[0x4A] = 2; b[0x49] = 2; b[0x48] = 0; b[0x4B] = 0; break;
	case 2: b[0x68] = 0; b[0x69] = 3; b[0x6A] = 2; b[0x6B] = 0; break;
	default: break;
	}
	if (mode & 4) {
		json_init(&j, null);
		fmt_inspect_buf(b, size, "fuzz.stm32", FMT_UNKNOWN, &o, &j, null);
		json_end(&j);
	} else {
		fmt_inspect_buf(b, size, "fuzz.stm32", FMT_UNKNOWN, &o, NULL, null);
	}
	free(b);
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	return st_mutate(data, size, max_size, seed);
}
