/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulated OP-TEE with the remoteproc trusted application: the interface
 * between the TEE driver (sim_optee_main.c), the TA (sim_ta_rproc.c, its ELF
 * parser sim_ta_elf.c, the legacy F1 TA sim_ta_legacy.c), the platform PTA
 * and STM32 remoteproc driver (sim_pta_rproc.c) and the keys (sim_key.c).
 *
 * The layers follow the real trees function by function (see
 * tests/sim/README.md for which function of which tree each one follows):
 * ST's OP-TEE 4.0.0-stm32mp at a8dd87d4 (ta = st) and OP-TEE 4.9.0
 * (ta = upstream).  Test-only code, never installed.
 */
#ifndef SIM_OPTEE_H
#define SIM_OPTEE_H

#include <linux/types.h>
#include <linux/tee_drv.h>

/* GlobalPlatform TEE result codes (lib/libutee/include/tee_api_defines.h). */
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

/* Algorithm identifiers the TA hands to its PTA (tee_api_defines.h). */
#define TEE_ALG_RSASSA_PKCS1_V1_5_SHA256	0x70004830
#define TEE_ALG_ECDSA_SHA256			0x70003042
#define TEE_ALG_SHA256				0x50000004
#define TEE_ALG_AES_CBC_NOPAD			0x10000110

/* Commands of the remoteproc TA (ta/remoteproc/include/ta_remoteproc.h). */
#define SIM_TA_CMD_LOAD_FW		1
#define SIM_TA_CMD_START_FW		2
#define SIM_TA_CMD_STOP_FW		3
#define SIM_TA_CMD_GET_RSC_TABLE	4
#define SIM_TA_CMD_GET_COREDUMP		5
#define SIM_TA_CMD_RELEASE_FW		6

/* Which TA generation the emulated OP-TEE embeds. */
enum sim_ta_gen {
	SIM_TA_UPSTREAM,	/* OP-TEE 4.9.0 ta/remoteproc, F3 images */
	SIM_TA_ST,		/* ST 4.0.0-stm32mp a8dd87d4, F3 + platform TLVs */
	SIM_TA_LEGACY,		/* ST <= 3.19.0-r1.1 TA, F1 images */
};

#define SIM_MAX_RPROC		2	/* rproc ids 0 (MP15 M4), 1 (MP25 M33) */
#define SIM_MAX_MEMS		8
#define SIM_MAX_DMA		4
#define SIM_TA_MAX_CTX		4	/* rproc contexts the TA keeps */

/* A reserved-memory region of the coprocessor (its "memory-region"). */
struct sim_region {
	u64 pa;			/* CPU physical address */
	u32 da;			/* device address (upstream, ST before 7a7a05e1) */
	u32 size;
};

/* One entry of the coprocessor bus' "dma-ranges" (ST: DA -> PA). */
struct sim_dma_range {
	u32 da;
	u64 pa;
	u32 size;
};

/*
 * struct stm32_rproc_instance of core/drivers/remoteproc/stm32_remoteproc.c:
 * what OP-TEE's DT declares for one coprocessor, and the state the driver
 * keeps between commands (boot address, TrustZone flag).
 */
struct sim_rproc_inst {
	bool present;		/* a "-tee" node in OP-TEE's DT */
	bool m33;		/* cdata->start = stm32mp2_rproc_start */
	unsigned int n_regions, n_dma;
	struct sim_region regions[SIM_MAX_MEMS];
	struct sim_dma_range dma[SIM_MAX_DMA];
	u32 boot_addr;		/* 0: not set */
	bool tzen;
	unsigned int m_get_cnt;
};

/* Build and fuse configuration, fixed at module load. */
struct sim_optee_cfg {
	enum sim_ta_gen ta;
	unsigned int ta_heap;		/* CFG_REMOTEPROC_TA_HEAP_SIZE */
	bool pub_key_verify;		/* ST CFG_REMOTEPROC_PUB_KEY_VERIFY */
	u8 otp_pkh[32];			/* OTP oem_rproc_pkh (zero: unfused) */
	u8 otp_enc_key[32];		/* OTP oem_rproc_enc_key (zero: unfused) */
	bool st_da_regions;		/* ST before 7a7a05e1: DA via regions */
};

/* The PTA and driver side: one for every rproc (remoteproc_pta.c). */
struct sim_platform {
	const struct sim_optee_cfg *cfg;
	bool pta_on;			/* rproc_ta_state == REMOTEPROC_ON */
	struct sim_rproc_inst inst[SIM_MAX_RPROC];
};

/* The TA heap (bget, CFG_REMOTEPROC_TA_HEAP_SIZE): what is in use. */
struct sim_heap {
	size_t capacity, used;
};

enum sim_rproc_state { SIM_OFF, SIM_LOADED, SIM_STARTED };

/* struct remoteproc_context of remoteproc_core.c (what outlives a command) */
struct sim_ta_ctx {
	bool used;
	u32 rproc_id;
	enum sim_rproc_state state;
	u64 rsc_pa, rsc_size;
};

/* The TA instance: single instance, kept alive until OP-TEE reboots. */
struct sim_ta {
	struct sim_platform *plat;
	const struct sim_optee_cfg *cfg;
	bool instance;			/* created by the first session */
	unsigned int session_refcount;
	struct sim_heap heap;
	struct sim_ta_ctx ctx[SIM_TA_MAX_CTX];
};

/* sim_ta_rproc.c: the TA entry points */
u32 sim_ta_open_session(struct sim_ta *ta, const struct tee_param *p);
void sim_ta_close_session(struct sim_ta *ta);
u32 sim_ta_invoke(struct sim_ta *ta, u32 cmd, struct tee_param *p,
		  const u8 *img, size_t img_size);
const char *sim_ta_cmd_name(u32 cmd);
const char *sim_ta_state_name(enum sim_rproc_state s);
/* TEE_Malloc / TEE_Free of the TA heap model */
bool sim_heap_alloc(struct sim_heap *h, size_t len);
void sim_heap_free(struct sim_heap *h, size_t len);

/* sim_ta_elf.c: ta/remoteproc/src/elf_parser.c */
typedef u32 (*sim_load_seg_fn)(const u8 *src, u32 size, u32 da, u32 mem_size,
			       void *priv);
u32 sim_elf_parse_ehdr(const u8 *fw, size_t size);
u32 sim_elf_load_image(const u8 *fw, size_t fw_size, sim_load_seg_fn load,
		       void *priv);
u32 sim_elf_find_rsc_table(const u8 *fw, size_t fw_size, u32 *da, u32 *size,
			   bool verif_hdr);

/* sim_ta_legacy.c: the F1 TA (LOAD_FW of ST <= 3.19.0-r1.1) */
u32 sim_ta_legacy_load(struct sim_platform *plat, u32 id, const u8 *img,
		       size_t size);

/* sim_pta_rproc.c: the PTA commands, core/pta/stm32mp/remoteproc_pta.c */
struct sim_seg_info {			/* struct rproc_pta_seg_info */
	const u8 *hash;
	u32 enc_algo;			/* 0: not encrypted */
	const u8 *iv;
};

u32 sim_pta_open_session(struct sim_platform *plat, u32 id);
u32 sim_pta_capabilities(struct sim_platform *plat, u32 id, u32 *fmt,
			 u32 *prot);
u32 sim_pta_load_segment(struct sim_platform *plat, u32 id, const u8 *src,
			 u32 size, u32 da, const struct sim_seg_info *seg);
u32 sim_pta_set_memory(struct sim_platform *plat, u32 id, u32 da, u32 size);
u32 sim_pta_da_to_pa(struct sim_platform *plat, u32 id, u32 da, u32 size,
		     u64 *pa);
u32 sim_pta_start(struct sim_platform *plat, u32 id);
u32 sim_pta_stop(struct sim_platform *plat, u32 id);
u32 sim_pta_verify_digest(struct sim_platform *plat, u32 id, u32 algo,
			  const u8 *keyinfo, size_t keyinfo_len,
			  const u8 *hash, const u8 *sig, size_t sig_len);
u32 sim_pta_tlv_param(struct sim_platform *plat, u32 id, u32 type,
		      const u8 *value, u32 len);
u32 sim_pta_clean(struct sim_platform *plat, u32 id);
u32 sim_pta_get_mem(struct sim_platform *plat, u32 id);
u32 sim_pta_release_mem(struct sim_platform *plat, u32 id);
u32 sim_pta_release(struct sim_platform *plat, u32 id);

#define PTA_RPROC_HWCAP_FMT_ELF		BIT(0)
#define PTA_RPROC_HWCAP_FMT_ENC_ELF	BIT(1)
#define PTA_RPROC_HWCAP_PROT_HASH_TABLE	BIT(0)

/* sim_key.c */
int sim_key_load(const u8 *blob, size_t len, const char *what);
void sim_key_release(void);
unsigned int sim_key_bits(void);
/* The key compiled into OP-TEE (RPROC_SIGN_KEY): 0 or a TEE error. */
u32 sim_key_verify_builtin(const u8 digest[32], const u8 *sig, size_t sig_len);
/* RSA with an explicit modulus and exponent (PKEYINFO). */
u32 sim_key_verify_rsa(const u8 *mod, size_t mod_len, const u8 *exp,
		       size_t exp_len, const u8 digest[32], const u8 *sig,
		       size_t sig_len);
/* ECDSA P-256, raw X || Y key and raw r || s signature. */
u32 sim_key_verify_p256(const u8 xy[64], const u8 digest[32], const u8 *sig,
			size_t sig_len);

/* sim_optee_main.c: the emulated secure console (EMSG of TA, PTA, core) */
__printf(1, 2) void sim_ta_msg(const char *fmt, ...);

static inline u32 sim_rd32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static inline u16 sim_rd16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

#endif /* SIM_OPTEE_H */
