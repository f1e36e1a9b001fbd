// SPDX-License-Identifier: GPL-2.0
/*
 * The remoteproc TA's ELF parser, emulated: ta/remoteproc/src/elf_parser.c
 * (the same in ST 4.0.0-stm32mp a8dd87d4 and OP-TEE 4.9.0, except that ST
 * skips the resource table header checks of an encrypted image).  Same
 * checks, order and result codes.  Where the real parser reads past the
 * image (a program or section header table entry, the section name string
 * or shdr[e_shstrndx] outside the image: unchecked there), the emulation
 * stays inside and answers BAD_FORMAT, or "not this section" for a name.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/elf.h>

#include "sim_optee.h"

#define EHDR_SIZE	52
#define PHDR_SIZE	32
#define SHDR_SIZE	40
#define PT_LOAD_T	1

/* va_in_fwm_image_range(): fw <= va < fw + size */
static bool in_image(u64 off, size_t size)
{
	return off < size;
}

/* e32_parse_ehdr() */
u32 sim_elf_parse_ehdr(const u8 *fw, size_t size)
{
	if (!fw || !IS_ALIGNED((uintptr_t)fw, 4)) {
		sim_ta_msg("Invalid firmware address");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (size < EHDR_SIZE || size < (u64)sim_rd32(fw + 32) + SHDR_SIZE)
		return TEE_ERROR_BAD_FORMAT;
	/* IS_ELF, EI_VERSION (not e_version), EI_CLASS, entry sizes */
	if (memcmp(fw, ELFMAG, SELFMAG) || fw[6] != 1 || fw[4] != 1 ||
	    sim_rd16(fw + 42) != PHDR_SIZE || sim_rd16(fw + 46) != SHDR_SIZE) {
		sim_ta_msg("Invalid header");
		return TEE_ERROR_BAD_FORMAT;
	}
	if (!sim_rd16(fw + 44)) {
		sim_ta_msg("No loadable segment found");
		return TEE_ERROR_BAD_FORMAT;
	}
	return TEE_SUCCESS;
}

/*
 * e32_parser_load_elf_image(): every PT_LOAD must lie inside the image,
 * its end included (strict <: a segment ending exactly at the end of the
 * image is refused).  The ELF header itself is checked only for the first
 * image (e32_parse_ehdr on the whole image area, remoteproc_load_elf).
 */
u32 sim_elf_load_image(const u8 *fw, size_t fw_size, sim_load_seg_fn load,
		       void *priv)
{
	u32 phoff, i, res;
	u16 phnum;

	if (!fw_size)
		return TEE_ERROR_BAD_PARAMETERS;
	if (fw_size < EHDR_SIZE)
		return TEE_ERROR_BAD_FORMAT;	/* the emulation's bound */
	phoff = sim_rd32(fw + 28);
	phnum = sim_rd16(fw + 44);
	if (!IS_ALIGNED((uintptr_t)fw + phoff, 4) || !in_image(phoff, fw_size))
		return TEE_ERROR_BAD_FORMAT;
	for (i = 0; i < phnum; i++) {
		u64 ph_off = (u64)phoff + (u64)i * PHDR_SIZE;
		const u8 *ph;
		u32 off, filesz;

		if (!in_image(ph_off + PHDR_SIZE - 1, fw_size))
			return TEE_ERROR_BAD_FORMAT;
		ph = fw + ph_off;
		if (sim_rd32(ph) != PT_LOAD_T)
			continue;
		off = sim_rd32(ph + 4);
		filesz = sim_rd32(ph + 16);
		if (!in_image(off, fw_size) || !in_image((u64)off + filesz, fw_size))
			return TEE_ERROR_BAD_FORMAT;
		res = load(fw + off, filesz, sim_rd32(ph + 12) /* p_paddr */,
			   sim_rd32(ph + 20) /* p_memsz */, priv);
		if (res)
			return res;
	}
	return TEE_SUCCESS;
}

static bool name_is(const u8 *fw, size_t size, u64 at, const char *want)
{
	size_t n = strlen(want) + 1;

	return at + n <= size && !memcmp(fw + at, want, n);
}

/* e32_parser_find_rsc_table(): the first ".resource_table" section. */
u32 sim_elf_find_rsc_table(const u8 *fw, size_t fw_size, u32 *da, u32 *size,
			   bool verif_hdr)
{
	u32 shoff, i;
	u16 shnum, shstrndx;
	u64 strtab, strsh;

	if (!fw_size)
		return TEE_ERROR_BAD_PARAMETERS;
	if (fw_size < EHDR_SIZE)
		return TEE_ERROR_BAD_FORMAT;	/* the emulation's bound */
	shoff = sim_rd32(fw + 32);
	shnum = sim_rd16(fw + 48);
	shstrndx = sim_rd16(fw + 50);
	if (!IS_ALIGNED((uintptr_t)fw + shoff, 4) || !in_image(shoff, fw_size))
		return TEE_ERROR_BAD_FORMAT;
	strsh = (u64)shoff + (u64)shstrndx * SHDR_SIZE;
	if (strsh + SHDR_SIZE > fw_size)
		return TEE_ERROR_BAD_FORMAT;	/* real: read outside */
	strtab = sim_rd32(fw + strsh + 16);
	if (!in_image(strtab, fw_size))
		return TEE_ERROR_BAD_FORMAT;
	for (i = 0; i < shnum; i++) {
		u64 sh = (u64)shoff + (u64)i * SHDR_SIZE;
		u32 off, sz;
		const u8 *t;

		if (!in_image(sh, fw_size))
			return TEE_ERROR_BAD_FORMAT;
		if (sh + SHDR_SIZE > fw_size)
			return TEE_ERROR_BAD_FORMAT;	/* real: read outside */
		if (!name_is(fw, fw_size, strtab + sim_rd32(fw + sh),
			     ".resource_table"))
			continue;
		off = sim_rd32(fw + sh + 16);
		sz = sim_rd32(fw + sh + 20);
		if (!sz)
			return TEE_ERROR_NO_DATA;
		if ((u64)off + sz > fw_size) {
			sim_ta_msg("Resource table truncated");
			return TEE_ERROR_BAD_FORMAT;
		}
		if (sz < 16) {
			sim_ta_msg("No header found in resource table");
			return TEE_ERROR_BAD_FORMAT;
		}
		t = fw + off;
		if (!IS_ALIGNED((uintptr_t)t, 4))
			return TEE_ERROR_CORRUPT_OBJECT;
		if (verif_hdr) {
			if (sim_rd32(t) != 1) {
				sim_ta_msg("Unsupported firmware version %u",
					   sim_rd32(t));
				return TEE_ERROR_BAD_FORMAT;
			}
			if (sim_rd32(t + 8) || sim_rd32(t + 12)) {
				sim_ta_msg("Non zero reserved bytes");
				return TEE_ERROR_BAD_FORMAT;
			}
			if (16 + (u64)sim_rd32(t + 4) * 4 > sz) {
				sim_ta_msg("Resource table incomplete");
				return TEE_ERROR_BAD_FORMAT;
			}
		}
		*da = sim_rd32(fw + sh + 12);	/* sh_addr */
		*size = sz;
		return TEE_SUCCESS;
	}
	return TEE_ERROR_NO_DATA;
}
