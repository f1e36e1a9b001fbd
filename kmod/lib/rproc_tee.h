/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * rproc_tee: GlobalPlatform TEE result codes and origins, and what each
 * code means for the OP-TEE remoteproc TA at each command and stage.
 * Shared by the kernel module (names in debugfs), `rproc-diag explain` and
 * the diagnosis daemon.  Constant tables only: no state, no allocation.
 */
#ifndef RPROC_TEE_H
#define RPROC_TEE_H

#include "rproc_image.h"	/* kernel/userspace type compat, enum rpi_ta */

/*
 * GlobalPlatform TEE result codes and origins, spelled as the TEE Internal
 * Core API and OP-TEE's TA sources spell them (the one spelling in this
 * project; ITEM_NOT_FOUND is what the OP-TEE core answers a session open
 * to a TA it does not have).
 */
#define TEE_SUCCESS			0x00000000U
#define TEE_ERROR_CORRUPT_OBJECT	0xf0100001U
#define TEE_ERROR_GENERIC		0xffff0000U
#define TEE_ERROR_ACCESS_DENIED		0xffff0001U
#define TEE_ERROR_BAD_FORMAT		0xffff0005U
#define TEE_ERROR_BAD_PARAMETERS	0xffff0006U
#define TEE_ERROR_BAD_STATE		0xffff0007U
#define TEE_ERROR_ITEM_NOT_FOUND	0xffff0008U
#define TEE_ERROR_NOT_IMPLEMENTED	0xffff0009U
#define TEE_ERROR_NOT_SUPPORTED		0xffff000aU
#define TEE_ERROR_NO_DATA		0xffff000bU
#define TEE_ERROR_OUT_OF_MEMORY		0xffff000cU
#define TEE_ERROR_COMMUNICATION		0xffff000eU
#define TEE_ERROR_SECURITY		0xffff000fU
#define TEE_ERROR_SIGNATURE_INVALID	0xffff3072U

#define TEE_ORIGIN_API			1
#define TEE_ORIGIN_COMMS		2
#define TEE_ORIGIN_TEE			3
#define TEE_ORIGIN_TRUSTED_APP		4

struct rpi_tee_code {
	u32 code;
	const char *name;	/* "TEE_ERROR_BAD_PARAMETERS" */
	const char *summary;	/* generic GlobalPlatform meaning */
};

/* Bits of struct rpi_tee_cause.ta_mask */
#define RPI_TA_BIT(ta)		(1U << (ta))
#define RPI_TA_ALL		(RPI_TA_BIT(RPI_TA_UPSTREAM) | \
				 RPI_TA_BIT(RPI_TA_ST400) | \
				 RPI_TA_BIT(RPI_TA_ST_LEGACY))

/* One check of the remoteproc TA (or its PTA) that returns @code. */
struct rpi_tee_cause {
	u32 code;
	u32 cmd;		/* enum rproc_diag_ta_cmd; 0: session open */
	u32 ta_mask;		/* RPI_TA_BIT() of the generations concerned */
	const char *stage;	/* "header check", "signature", ... */
	const char *check;	/* what fails, and what to do */
};

/* Entry for @code, NULL if the code is not a known GlobalPlatform code. */
const struct rpi_tee_code *rpi_tee_code_lookup(u32 code);
/* Name of @code, "unknown TEE result" when not known. */
const char *rpi_tee_code_name(u32 code);
/* "TEE_ORIGIN_TRUSTED_APP", ...; "unknown origin" when not known. */
const char *rpi_tee_origin_name(u32 origin);
/* "LOAD_FW", "START_FW", ...; "session open" for 0; "unknown" otherwise. */
const char *rpi_ta_cmd_name(u32 cmd);

/* The whole cause table, in TA order within each code (n entries). */
const struct rpi_tee_cause *rpi_tee_causes(size_t *n);
/* The whole code table (n entries). */
const struct rpi_tee_code *rpi_tee_codes(size_t *n);

#endif /* RPROC_TEE_H */
