// SPDX-License-Identifier: GPL-2.0
/*
 * LOAD_FW of the legacy remoteproc TA (ST 3.9.0-stm32mp ... 3.19.0-r1.1,
 * F1 images with the 56-byte header), emulated from the team's format
 * notes (optee-rproc-image-format.md, F1): no tree of that generation is
 * part of the ground truth, so this is the one TA generation here not
 * checked against the real code.  The commands other than LOAD_FW and the
 * PTA are those of sim_ta_rproc.c / sim_pta_rproc.c with upstream rules
 * (no platform TLVs, DA checked against the regions).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/elf.h>
#include <crypto/sha2.h>

#include "sim_optee.h"

#define F1_MAGIC	0x3543A468
#define F1_HDR_LEN	56
#define SEG_ENTRY_LEN	64
#define PT_LOAD_T	1

/* ELF header checks of the legacy parser (CORRUPT_OBJECT for bounds). */
static u32 check_ehdr(const u8 *e, u64 size)
{
	if (size < 52)
		return TEE_ERROR_BAD_FORMAT;
	if (size < (u64)sim_rd32(e + 32) + 40)
		return TEE_ERROR_CORRUPT_OBJECT;
	if (memcmp(e, ELFMAG, SELFMAG) || e[4] != 1 || e[6] != 1 ||
	    sim_rd16(e + 42) != 32 || sim_rd16(e + 46) != 40) {
		sim_ta_msg("Invalid header");
		return TEE_ERROR_BAD_FORMAT;
	}
	if (!sim_rd16(e + 44)) {
		sim_ta_msg("No loadable segment found");
		return TEE_ERROR_BAD_FORMAT;
	}
	return TEE_SUCCESS;
}

/* The segments against the F1 metadata table (p_offset must match too). */
static u32 load_segments(struct sim_platform *plat, u32 id, const u8 *e,
			 u64 size, const u8 *table, u32 table_len)
{
	u32 phoff = sim_rd32(e + 28), i, off, t, res;
	u16 phnum = sim_rd16(e + 44);

	if ((u64)phoff + (u64)phnum * 32 > size)
		return TEE_ERROR_CORRUPT_OBJECT;
	for (i = 0; i < phnum; i++) {
		const u8 *ph = e + phoff + i * 32, *ent = NULL;
		u32 paddr = sim_rd32(ph + 12), filesz = sim_rd32(ph + 16);
		u32 memsz = sim_rd32(ph + 20);
		struct sim_seg_info si = {};

		if (sim_rd32(ph) != PT_LOAD_T)
			continue;
		off = sim_rd32(ph + 4);
		if ((u64)off + filesz > size)
			return TEE_ERROR_CORRUPT_OBJECT;
		for (t = 0; t + SEG_ENTRY_LEN <= table_len; t += SEG_ENTRY_LEN) {
			if (sim_rd32(table + t + 12) == paddr) {
				ent = table + t;
				break;
			}
		}
		if (!ent)
			return TEE_ERROR_NO_DATA;
		if (sim_rd32(ent) != PT_LOAD_T || sim_rd32(ent + 16) != filesz ||
		    sim_rd32(ent + 20) != memsz || sim_rd32(ent + 4) != off)
			return TEE_ERROR_CORRUPT_OBJECT;
		si.hash = ent + 32;
		if (filesz) {
			res = sim_pta_load_segment(plat, id, e + off, filesz,
						   paddr, &si);
			if (res) {
				sim_ta_msg("Fails to load segment, res = 0x%#x", res);
				return res;
			}
		}
		if (memsz > filesz) {
			res = sim_pta_set_memory(plat, id, paddr + filesz,
						 memsz - filesz);
			if (res)
				return res;
		}
	}
	return TEE_SUCCESS;
}

u32 sim_ta_legacy_load(struct sim_platform *plat, u32 id, const u8 *img,
		       size_t size)
{
	u32 w[14], i, res;
	u8 digest[SHA256_DIGEST_SIZE];
	const u8 *e;

	if (size <= F1_HDR_LEN)
		return TEE_ERROR_CORRUPT_OBJECT;
	for (i = 0; i < 14; i++)
		w[i] = sim_rd32(img + 4 * i);
	/* w: magic version hdr_len sign_len sign_off sign_type ph_len ph_off
	 *    ph_type key_len key_off img_len img_off img_type
	 */
	if (w[0] != F1_MAGIC || w[1] != 1 || size <= w[2])
		return TEE_ERROR_CORRUPT_OBJECT;
	if ((u64)w[2] != F1_HDR_LEN + (u64)w[3] + w[6] + w[9] +
			 (w[3] % 8 + w[6] % 8 + w[9] % 8))
		return TEE_ERROR_CORRUPT_OBJECT;
	if ((u64)w[4] + w[3] > w[2] || (u64)w[7] + w[6] > w[2] ||
	    (u64)w[10] + w[9] > w[2])
		return TEE_ERROR_CORRUPT_OBJECT;
	if (w[6] % SEG_ENTRY_LEN)
		return TEE_ERROR_CORRUPT_OBJECT;
	if (w[5] != 1 && w[5] != 2)
		return TEE_ERROR_NOT_SUPPORTED;
	/* Legacy PTA: firmware id 0 only, RSA only. */
	if (id != 0 || w[5] != 1)
		return TEE_ERROR_NOT_SUPPORTED;
	sha256(img, w[4], digest);
	res = sim_key_verify_builtin(digest, img + w[4], w[3]);
	if (res)
		return res;
	if ((u64)w[12] + w[11] > size)
		return TEE_ERROR_CORRUPT_OBJECT;
	e = img + w[12];
	res = check_ehdr(e, w[11]);
	if (res)
		return res;
	return load_segments(plat, id, e, w[11], img + w[7], w[6]);
}
