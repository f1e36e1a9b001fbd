// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: the fix planner (userspace/optee/remedy.c) and the
 * Cortex-M vector-table finder (optee/vector_table.c) on hostile images
 * and ELFs: what `rproc-diag fix` reads before it signs anything.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "optee/remedy.h"
#include "optee/vector_table.h"

const char *prog = "fuzz_fix_plan";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct remedy_plan p;
	struct remedy_opts o = { .ta = -1 };
	struct vt_result vt;
	const char *elf = "fw.elf";
	char cmd[2048];

	if (size > 1 << 20)
		return 0;
	if (vt_find(data, size, &vt) == 0 && vt.found && vt.addr % 128)
		abort();	/* VTOR cannot hold an unaligned table */
	if (size)
		o.soc = (enum remedy_soc)(data[size - 1] % 3);
	if (remedy_plan(data, size, "fuzz.sig", &o, &p))
		return 0;
	if (p.n_images > RPI_MAX_IMAGES || p.n_plat > REMEDY_MAX_PLAT ||
	    p.n_changes > REMEDY_MAX_NOTES || p.n_refused > REMEDY_MAX_NOTES)
		abort();
	for (unsigned int i = 0; i < p.n_images; i++)
		if (p.img[i].off > size || p.img[i].size > size - p.img[i].off)
			abort();	/* the ELF bytes fix would write are inside the input */
	(void)remedy_sign_command(&p, &elf, 1, "out.sig", "key.pem", cmd, sizeof(cmd));
	return 0;
}
