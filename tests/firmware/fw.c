// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Tiny Cortex-M33 firmware for the tests: a vector table, code, initialised
 * data, bss and an (empty) remoteproc resource table, so that the linked ELF
 * has the program headers a real STM32MP2 M33 image has (PT_LOAD text,
 * PT_LOAD data+bss with memsz > filesz, PT_ARM_EXIDX).
 */
#include <stdint.h>

struct resource_table {
	uint32_t ver;
	uint32_t num;
	uint32_t reserved[2];
};

#ifndef NO_RESOURCE_TABLE	/* one image of a multi-image set carries it */
__attribute__((section(".resource_table"), used))
const struct resource_table resource_table = { 1, 0, { 0, 0 } };
#endif

#ifdef IMAGE_HEADER	/* fw_hdr.ld: a header segment before the code */
__attribute__((section(".image_header"), used))
const uint32_t image_header[4] = { 0x96f3b83d, 0x400, 0, 0 };
#endif

volatile uint32_t counter = 0x5eed;	/* .data */
uint32_t ring[32];			/* .bss */

extern uint32_t _estack;
void reset_handler(void);

__attribute__((section(".isr_vector"), used))
const void *const vectors[2] = { &_estack, reset_handler };

static void __attribute__((noinline)) step(uint32_t v)
{
	ring[v & 31] = v;
}

void reset_handler(void)
{
	for (;;)
		step(counter++);
}

/* -funwind-tables references the EHABI personality routines; no libgcc. */
void __aeabi_unwind_cpp_pr0(void);
void __aeabi_unwind_cpp_pr1(void);
void __aeabi_unwind_cpp_pr0(void) { }
void __aeabi_unwind_cpp_pr1(void) { }
