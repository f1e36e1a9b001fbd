/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What can be done to a refused OP-TEE remoteproc image by re-signing it,
 * and what cannot: the plan `rproc-diag fix` carries out and the diagnosis
 * quotes in its remediation.  Pure: the image is a buffer, nothing is
 * written here.
 *
 * A plan names the ELF image(s) inside the file (or the file itself when it
 * is a plain ELF), the platform TLVs to sign with (BOOTADDR from the
 * Cortex-M vector table when the board needs it and it is missing or
 * wrong), each change in words, and each problem re-signing cannot solve
 * with what to do instead.
 */
#ifndef RPROC_DIAG_REMEDY_H
#define RPROC_DIAG_REMEDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "optee/vector_table.h"
#include "rproc_image.h"

#define REMEDY_MAX_PLAT		16
#define REMEDY_MAX_NOTES	16
#define REMEDY_TEXT		640

enum remedy_soc {
	REMEDY_SOC_UNKNOWN = 0,
	REMEDY_SOC_MP25,	/* STM32MP25: Cortex-M33, needs BOOTADDR */
	REMEDY_SOC_MP15,	/* STM32MP15: Cortex-M4 */
};

/* Stable identifiers of changes and refusals (part of `fix --json`). */
enum remedy_code {
	RC_SIGN_ELF,		/* a plain ELF was signed */
	RC_REGENERATE,		/* F1/F2 re-signed as F3 */
	RC_RESIGN,		/* re-signed with the given key */
	RC_ADD_BOOTADDR,
	RC_FIX_BOOTADDR,	/* wrong value replaced */
	RC_BOOTADDR_LENGTH,	/* not 4 bytes: replaced */
	RC_BOOTADDR_TWICE,	/* one kept */
	RC_DROP_PLAT_TLV,	/* a platform TLV the ST TA refuses */
	RC_ADD_HASHTYPE,
	RC_DROP_APPENDED,
	RC_PADDING_LOST,	/* truncated, but only padding was lost */
	RC_REBUILD_TLVS,	/* other TLVs rewritten (SIGNTYPE, sizes, table) */
	RC_KEY_INFO,		/* PKEYINFO rewritten for the new key */
	/* refusals: the file cannot be fixed by re-signing */
	RC_NOT_IMAGE,
	RC_EMPTY,
	RC_TRUNCATED,
	RC_HEADER_DAMAGED,
	RC_CONTENT_CHANGED,	/* segment hash / size: ELF changed after signing */
	RC_BAD_ELF,
	RC_RSC_TWICE,		/* a second resource table */
	RC_BAD_RSC,
	RC_ENCRYPTED,
	RC_NO_VECTOR_TABLE,
	RC_SEVERAL_IMAGES,	/* BOOTADDR of which image? */
	RC_BOOTSEC_LENGTH,
	RC__COUNT
};

struct remedy_note {
	enum remedy_code code;
	char text[REMEDY_TEXT];
};

struct remedy_plat {
	uint32_t id;
	size_t len;
	uint8_t val[256];
};

struct remedy_opts {
	enum remedy_soc soc;	/* UNKNOWN: inferred from the image */
	int ta;			/* enum rpi_ta, -1: the SoC's usual TA (ST) */
	bool has_bootaddr;	/* --bootaddr */
	uint32_t bootaddr;
};

struct remedy_plan {
	uint32_t src_format;		/* enum rproc_diag_format; ELF for a plain ELF */
	enum remedy_soc soc;
	bool soc_inferred;
	char soc_why[160];
	int ta;				/* enum rpi_ta */
	unsigned int n_images;
	struct {
		uint64_t off, size;	/* the ELF bytes in the input */
		struct vt_result vt;
		int vt_err;		/* vt_find() result */
	} img[RPI_MAX_IMAGES];
	unsigned int n_plat;		/* platform TLVs to sign with, in order */
	struct remedy_plat plat[REMEDY_MAX_PLAT];
	bool has_bootaddr;		/* the plan signs BOOTADDR */
	uint32_t bootaddr;
	bool bootaddr_from_vt;		/* the value comes from the vector table */
	bool had_key_info;		/* the input carried PKEYINFO */
	bool cut_elf;			/* an ELF's tables point past its bytes */
	unsigned int n_changes;
	struct remedy_note changes[REMEDY_MAX_NOTES];
	unsigned int n_refused;
	struct remedy_note refused[REMEDY_MAX_NOTES];
};

/*
 * Plan the fix of the image in @buf.  @path names it in the texts.
 * Returns 0 (plan->n_refused says whether it can be applied), or -EINVAL
 * when @buf is neither an ELF nor an OP-TEE remoteproc image.
 */
int remedy_plan(const uint8_t *buf, size_t len, const char *path, const struct remedy_opts *o,
		struct remedy_plan *plan);

const char *remedy_code_name(enum remedy_code c);
const char *remedy_soc_name(enum remedy_soc s);

/*
 * The sign_rproc_fw.py command line (OP-TEE's or ST's script, whichever
 * the plan's TA runs) that signs @elf[0..n) into @out with @key and the
 * plan's platform TLVs.  Returns the length written (snprintf style).
 */
int remedy_sign_command(const struct remedy_plan *p, const char *const *elf, unsigned int n,
			const char *out, const char *key, char *buf, size_t len);

#endif
