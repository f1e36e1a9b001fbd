// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: `rproc-diag inspect` of OP-TEE remoteproc images and
 * ELF files end to end (library, PKEYINFO key parsing, signature check,
 * verdicts, text and JSON printers).  Other formats go to fmt's targets.
 * F3 structure-aware mutator: mut_f3.h (plain ELF inputs: byte mutation).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd/inspect.h"
#include "common/json.h"
#include "rproc_image.h"
#include "mut_f3.h"

const char *prog = "rproc-diag";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct inspect_opts o;
	struct json j;

	/* only the formats cmd/inspect.c handles itself */
	if (size < 4 || (rpi_le32(data) != RPI_MAGIC &&
			 !(data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F')))
		return 0;
	if (!null)
		null = fopen("/dev/null", "w");
	if (!null)
		return 0;
	inspect_opts_init(&o);
	o.builtin_keys = false;	/* keep iterations fast; PKEYINFO is still parsed */
	inspect_buf(data, size, "fuzz", &o, NULL, null);
	json_init(&j, null);
	inspect_buf(data, size, "fuzz", &o, &j, null);
	json_end(&j);
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	return f3_mutate(data, size, max_size, seed);
}
