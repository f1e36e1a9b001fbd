/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The Cortex-M vector table of a firmware ELF: the address to sign into
 * the BOOTADDR platform TLV, which ST's OP-TEE writes to the M33's
 * INITNSVTOR/INITSVTOR before releasing it (../shared/notes/
 * optee-rproc-image-format.md §2).  In ELF mode ST's Linux driver takes the
 * same address from the ".isr_vectors" section (STMicroelectronics/linux
 * drivers/remoteproc/stm32_rproc.c stm32_rproc_get_vect_table()).
 *
 * A vector table is valid here when its first word is a plausible initial
 * stack pointer (non-zero, 4-byte aligned, not inside read-only code) and
 * its second a Thumb reset vector (bit 0 set) that points into the image's
 * executable bytes, at an address VTOR can hold (128-byte aligned: VTOR
 * bits [6:0] are RES0 on ARMv8-M).  Rules, in order:
 *
 *   symbol    a vector-table symbol of the usual startup files
 *             (g_pfnVectors, __Vectors, __isr_vector, _vector_table, ...)
 *   section   a section named like one (.isr_vector, .isr_vectors, .vectors,
 *             .vector_table, ...), kept by `objcopy -S`
 *   segment   the start of the first executable PT_LOAD that holds a
 *             valid table (the rule for stripped images)
 *   entry     a 128-byte aligned valid table whose reset vector is the
 *             ELF entry point, anywhere in executable bytes
 *
 * The first rule that finds a valid table gives the address; disagreement
 * between rules, a reset vector that is not the entry point, a segment
 * loaded elsewhere than it is linked, or only the last rule make the
 * answer uncertain, with a warning that says why.
 */
#ifndef RPROC_DIAG_VECTOR_TABLE_H
#define RPROC_DIAG_VECTOR_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vt_rule {
	VT_RULE_NONE = 0,
	VT_RULE_SYMBOL,
	VT_RULE_SECTION,
	VT_RULE_SEGMENT,
	VT_RULE_ENTRY,
	VT_RULE__COUNT
};

struct vt_result {
	bool found;
	enum vt_rule rule;
	uint32_t addr;		/* BOOTADDR: the table's address (the core's view) */
	uint32_t load_addr;	/* where the TA loads it (p_paddr space) */
	uint32_t sp, reset;	/* its first two words */
	int segment;		/* program header index holding it */
	char name[64];		/* symbol or section name (rules symbol/section) */
	bool uncertain;
	char warning[320];	/* why it is uncertain; "" when certain */
	char why_not[320];	/* !found: what was checked */
};

/* "symbol", "section", "segment", "entry", "none" */
const char *vt_rule_name(enum vt_rule r);
/* One line: "the start of the first executable segment (PT_LOAD 1)" etc. */
const char *vt_rule_desc(enum vt_rule r);

/*
 * Look at the ELF in @elf (@len bytes).  Returns 0 with @out filled (found
 * or not), or -EINVAL when @elf is not a little-endian ELF32 ARM file
 * (@out->why_not says what it is).
 */
int vt_find(const uint8_t *elf, size_t len, struct vt_result *out);

/* What to do when no table was found (one sentence, with the file name). */
void vt_how_to_find(const char *path, char *buf, size_t len);

#endif
