// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: MCUboot header, TLV areas, boot record CBOR and trailer
 * (userspace/formats/mcuboot.c, cbor.c).  The magic is forced; the first
 * input byte selects JSON or text output and --measured-boot.
 * MCUboot structure-aware mutator: mut_mcuboot.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/formats.h"
#include "common/json.h"
#include "mut_mcuboot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct fmt_opts o = { 0 };
	struct json j;
	uint8_t *b, mode;

	if (!size || size > (1 << 20))
		return 0;
	if (!null)
		null = fopen("/dev/null", "w");
	mode = data[0];
	b = malloc(size - 1 + 32);
	if (!b)
		return 0;
	memset(b, 0, 32);
	memcpy(b, data + 1, size - 1);
	size = size - 1 < 32 ? 32 : size - 1;
	b[0] = 0x3D;
	b[1] = 0xB8;
	b[2] = 0xF3;
	b[3] = 0x96;
	o.measured_boot = mode & 2;
	o.verbose = mode & 4;
	if (mode & 1) {
		json_init(&j, null);
		fmt_inspect_buf(b, size, "fuzz.bin", FMT_UNKNOWN, &o, &j, null);
		json_end(&j);
	} else {
		fmt_inspect_buf(b, size, "fuzz.bin", FMT_UNKNOWN, &o, NULL, null);
	}
	free(b);
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	return mc_mutate(data, size, max_size, seed);
}
