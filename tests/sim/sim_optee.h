/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulated OP-TEE with the remoteproc trusted application: internal interface
 * between the TEE driver (sim_optee_main.c), the TA (sim_ta_rproc.c) and the
 * key handling (sim_key.c).  Test-only code, never installed.
 */
#ifndef SIM_OPTEE_H
#define SIM_OPTEE_H

#include <linux/types.h>
#include <linux/tee_drv.h>

/* GlobalPlatform TEE result codes used by the remoteproc TA and PTA. */
#define TEE_SUCCESS			0x00000000
#define TEE_ERROR_CORRUPT_OBJECT	0xF0100001
#define TEE_ERROR_GENERIC		0xFFFF0000
#define TEE_ERROR_ACCESS_DENIED		0xFFFF0001
#define TEE_ERROR_BAD_FORMAT		0xFFFF0005
#define TEE_ERROR_BAD_PARAMETERS	0xFFFF0006
#define TEE_ERROR_BAD_STATE		0xFFFF0007
#define TEE_ERROR_ITEM_NOT_FOUND	0xFFFF0008
#define TEE_ERROR_NOT_IMPLEMENTED	0xFFFF0009
#define TEE_ERROR_NOT_SUPPORTED		0xFFFF000A
#define TEE_ERROR_NO_DATA		0xFFFF000B
#define TEE_ERROR_OUT_OF_MEMORY		0xFFFF000C
#define TEE_ERROR_SECURITY		0xFFFF000F
#define TEE_ERROR_SIGNATURE_INVALID	0xFFFF3072

#define TEE_ORIGIN_API			1
#define TEE_ORIGIN_COMMS		2
#define TEE_ORIGIN_TEE			3
#define TEE_ORIGIN_TRUSTED_APP		4

/* Commands of the remoteproc TA (80a4c275-0a47-4905-8285-1486a9771a08). */
#define SIM_TA_CMD_LOAD_FW		1
#define SIM_TA_CMD_START_FW		2
#define SIM_TA_CMD_STOP_FW		3
#define SIM_TA_CMD_GET_RSC_TABLE	4
#define SIM_TA_CMD_GET_COREDUMP		5
#define SIM_TA_CMD_RELEASE_FW		6

/* Which TA generation the emulated OP-TEE embeds. */
enum sim_ta_gen {
	SIM_TA_UPSTREAM,	/* OP-TEE >= 4.2 ta/remoteproc, F3 images */
	SIM_TA_ST,		/* ST 4.0.0-stm32mp TA, F3 + ST platform TLVs */
	SIM_TA_LEGACY,		/* ST <= 3.19.0-r1.1 TA, F1 images */
};

#define SIM_MAX_RPROC		2	/* rproc ids 0 (MP15 M4), 1 (MP25 M33) */
#define SIM_MAX_MEMS		8

struct sim_mem_range {
	u32 da;
	u32 size;
};

/* Per-rproc state of the TA and of the platform PTA. */
enum sim_rproc_state { SIM_OFF, SIM_LOADED, SIM_STARTED };

struct sim_rproc {
	enum sim_rproc_state state;
	bool boot_addr_set;
	u32 boot_addr;
	bool boot_sec;
};

struct sim_optee_cfg {
	enum sim_ta_gen ta;
	unsigned long secure_ids;	/* bitmap: ids OP-TEE's DT loads securely */
	struct sim_mem_range mems[SIM_MAX_RPROC][SIM_MAX_MEMS];
	unsigned int num_mems[SIM_MAX_RPROC];
	unsigned int ta_heap;
};

/* A TA invocation as the TA sees it: parameter types and values. */
struct sim_ta_call {
	u32 rproc_id;			/* the session's id */
	u32 cmd;
	struct tee_param *params;	/* 4 entries, attr NONE when absent */
	/* memref 1 resolved by the driver (LOAD_FW): */
	const u8 *img;
	size_t img_size;
};

/* sim_ta_rproc.c */
u32 sim_ta_invoke(const struct sim_optee_cfg *cfg, struct sim_rproc *rp,
		  struct sim_ta_call *call);
const char *sim_ta_cmd_name(u32 cmd);

/* sim_key.c */
int sim_key_load(const u8 *blob, size_t len, const char *what);
void sim_key_release(void);
unsigned int sim_key_bits(void);
/* 0 valid, TEE_ERROR_SIGNATURE_INVALID otherwise (or another TEE code). */
u32 sim_key_verify_rsa_sha256(const u8 digest[32], const u8 *sig,
			      size_t sig_len);

/* sim_optee_main.c: the TA's diagnostic line in the log (like EMSG). */
__printf(1, 2) void sim_ta_msg(const char *fmt, ...);

#endif /* SIM_OPTEE_H */
