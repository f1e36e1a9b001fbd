// SPDX-License-Identifier: GPL-2.0
/*
 * The remoteproc platform PTA and the STM32 remoteproc driver behind it,
 * emulated: core/pta/stm32mp/remoteproc_pta.c and
 * core/drivers/remoteproc/stm32_remoteproc.c of ST's OP-TEE 4.0.0-stm32mp
 * (a8dd87d4) for ta = st and of OP-TEE 4.9.0 for ta = upstream, command by
 * command: the same checks in the same order with the same result codes,
 * and the same state between commands (one rproc_ta_state for the PTA; the
 * boot address and TrustZone flag per coprocessor).  Our own code; the
 * function each one follows is named above it.
 *
 * Hardware (firewall, resets, syscfg, MMU mappings) always succeeds, as in
 * the ground truth's assumptions; there is no coprocessor memory, so loaded
 * bytes are hashed where they lie in the firmware buffer (the same bytes).
 */
#define pr_fmt(fmt) "sim_optee: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/sha2.h>

#include "sim_optee.h"

#define PTA_REMOTEPROC_TLV_BOOTADDR	0x00010001
#define PTA_REMOTEPROC_TLV_BOOT_SEC	0x00010002

#define PTA_RSA_DER_SIZE	294
#define PTA_RSA_MOD_SIZE	256
#define PTA_RSA_E_SIZE		3
#define PTA_ECC_DER_SIZE	91

static bool st(const struct sim_platform *plat)
{
	return plat->cfg->ta == SIM_TA_ST;
}

/* stm32_rproc_get() */
static struct sim_rproc_inst *rproc_get(struct sim_platform *plat, u32 id)
{
	if (id >= SIM_MAX_RPROC || !plat->inst[id].present)
		return NULL;
	return &plat->inst[id];
}

/* core_is_buffer_inside() */
static bool inside(u64 b, u64 bl, u64 a, u64 al)
{
	return b >= a && b + bl <= a + al && b + bl >= b;
}

/*
 * stm32_rproc_da_to_pa(): ST a8dd87d4 translates through the dma-ranges
 * only (since ST commit 7a7a05e1 "rework dma-range management"); upstream
 * and older ST trees through the device address of each region.
 */
static u32 drv_da_to_pa(struct sim_platform *plat, u32 id, u32 da, u64 size,
			u64 *pa)
{
	struct sim_rproc_inst *r = rproc_get(plat, id);
	unsigned int i;

	if (!r)
		return TEE_ERROR_BAD_PARAMETERS;
	if (st(plat) && !plat->cfg->st_da_regions) {
		if (!r->n_dma) {
			*pa = da;	/* no dma-ranges: same mapping */
			return TEE_SUCCESS;
		}
		for (i = 0; i < r->n_dma; i++) {
			if (inside(da, size, r->dma[i].da, r->dma[i].size)) {
				*pa = r->dma[i].pa + da - r->dma[i].da;
				return TEE_SUCCESS;
			}
		}
		return TEE_ERROR_ACCESS_DENIED;
	}
	for (i = 0; i < r->n_regions; i++) {
		if (inside(da, size, r->regions[i].da, r->regions[i].size)) {
			*pa = r->regions[i].pa + da - r->regions[i].da;
			return TEE_SUCCESS;
		}
	}
	return TEE_ERROR_ACCESS_DENIED;
}

/* stm32_rproc_map(): the range must lie inside one memory region. */
static u32 drv_map(struct sim_platform *plat, u32 id, u64 pa, u64 size)
{
	struct sim_rproc_inst *r = rproc_get(plat, id);
	unsigned int i;

	if (!r)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < r->n_regions; i++)
		if (inside(pa, size, r->regions[i].pa, r->regions[i].size))
			return TEE_SUCCESS;
	return TEE_ERROR_ACCESS_DENIED;
}

/* ---- PTA commands ------------------------------------------------------ */

/* rproc_pta_open_session() (the caller is the remoteproc TA) */
u32 sim_pta_open_session(struct sim_platform *plat, u32 id)
{
	return rproc_get(plat, id) ? TEE_SUCCESS : TEE_ERROR_NOT_SUPPORTED;
}

/* rproc_pta_capabilities() */
u32 sim_pta_capabilities(struct sim_platform *plat, u32 id, u32 *fmt,
			 u32 *prot)
{
	if (!rproc_get(plat, id))
		return TEE_ERROR_NOT_SUPPORTED;
	*fmt = PTA_RPROC_HWCAP_FMT_ELF;
	if (st(plat))
		*fmt |= PTA_RPROC_HWCAP_FMT_ENC_ELF;
	*prot = PTA_RPROC_HWCAP_PROT_HASH_TABLE;
	return TEE_SUCCESS;
}

/* rproc_alloc_and_get_otp(): the OTP words (zero when never fused). */
static bool is_key_zero(const u8 *k, size_t n)
{
	u8 acc = 0;

	while (n--)
		acc |= *k++;
	return !acc;
}

/*
 * rproc_pta_load_segment() (ST; upstream: PTA_RPROC_LOAD_SEGMENT_SHA256):
 * translate, map ("Can't map region" = GENERIC outside every region),
 * copy, SHA-256 of the copy (SECURITY), then ST decrypts in place with the
 * OTP key (rproc_pta_decrypt_aes: a zero key is SECURITY).
 */
u32 sim_pta_load_segment(struct sim_platform *plat, u32 id, const u8 *src,
			 u32 size, u32 da, const struct sim_seg_info *seg)
{
	u8 digest[SHA256_DIGEST_SIZE];
	u64 pa;
	u32 res;

	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	res = drv_da_to_pa(plat, id, da, size, &pa);
	if (res)
		return res;
	if (drv_map(plat, id, pa, size)) {
		sim_ta_msg("Can't map region %#llx size %u", pa, size);
		return TEE_ERROR_GENERIC;
	}
	sha256(src, size, digest);
	if (memcmp(digest, seg->hash, sizeof(digest)))
		return TEE_ERROR_SECURITY;
	if (!st(plat) || !seg->enc_algo)
		return TEE_SUCCESS;
	/*
	 * AES-256-CBC with the 32 OTP bytes.  The decrypted bytes are not
	 * checked by anything (the hash covers the ciphertext), so the result
	 * only depends on whether the OTP holds a key.
	 */
	if (is_key_zero(plat->cfg->otp_enc_key, sizeof(plat->cfg->otp_enc_key))) {
		sim_ta_msg("null encrypted key not supported");
		return TEE_ERROR_SECURITY;
	}
	return TEE_SUCCESS;
}

/* rproc_pta_set_memory(): the BSS fill of a segment. */
u32 sim_pta_set_memory(struct sim_platform *plat, u32 id, u32 da, u32 size)
{
	u64 pa;
	u32 res;

	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	res = drv_da_to_pa(plat, id, da, size, &pa);
	if (res)
		return res;
	if (drv_map(plat, id, pa, size)) {
		sim_ta_msg("Can't map region %#llx size %u", pa, size);
		return TEE_ERROR_GENERIC;
	}
	return TEE_SUCCESS;
}

/* rproc_pta_da_to_pa() (the resource table address) */
u32 sim_pta_da_to_pa(struct sim_platform *plat, u32 id, u32 da, u32 size,
		     u64 *pa)
{
	return drv_da_to_pa(plat, id, da, size, pa);
}

/*
 * stm32mp2_rproc_start() (ST, the MP25 M33): the boot address must be set
 * and inside a declared region.
 */
static u32 drv_m33_start(struct sim_platform *plat, u32 id,
			 struct sim_rproc_inst *r)
{
	unsigned int i;
	u64 pa;
	u32 res;

	if (!r->boot_addr)
		return TEE_ERROR_GENERIC;
	/* sizeof(paddr_t): 8 on the 64-bit MP2 core */
	res = drv_da_to_pa(plat, id, r->boot_addr, 8, &pa);
	if (res)
		return res;
	for (i = 0; i < r->n_regions; i++)
		if (inside(pa, 1, r->regions[i].pa, r->regions[i].size))
			return TEE_SUCCESS;
	sim_ta_msg("Invalid boot address");
	return TEE_ERROR_GENERIC;
}

/* rproc_pta_start() -> stm32_rproc_start() */
u32 sim_pta_start(struct sim_platform *plat, u32 id)
{
	struct sim_rproc_inst *r;
	u32 res;

	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	r = rproc_get(plat, id);
	if (!r)
		return TEE_ERROR_GENERIC;
	if (st(plat) && r->m33) {
		res = drv_m33_start(plat, id, r);
		if (res)
			return res;
	}
	plat->pta_on = true;
	return TEE_SUCCESS;
}

/* rproc_pta_stop() -> stm32_rproc_stop() (ST: forgets the boot address) */
u32 sim_pta_stop(struct sim_platform *plat, u32 id)
{
	struct sim_rproc_inst *r;

	if (!plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	r = rproc_get(plat, id);
	if (!r)
		return TEE_ERROR_BAD_PARAMETERS;
	if (st(plat)) {
		r->boot_addr = 0;
		r->tzen = false;
	}
	plat->pta_on = false;
	return TEE_SUCCESS;
}

/* Hash of the key as ST's OTP holds it (rproc_compute_hash). */
static void key_hash(const u8 *a, size_t al, const u8 *b, size_t bl,
		     u8 out[SHA256_DIGEST_SIZE])
{
	struct sha256_state s;

	sha256_init(&s);
	sha256_update(&s, a, al);
	sha256_update(&s, b, bl);
	sha256_final(&s, out);
}

static const u8 der_rsa2048_hdr[] = {
	0x30, 0x82, 0x01, 0x22, 0x30, 0x0d, 0x06, 0x09,
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01,
	0x01, 0x05, 0x00, 0x03, 0x82, 0x01, 0x0f, 0x00,
	0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01
};

/* rproc_pta_verify_rsa_signature() */
static u32 verify_rsa(struct sim_platform *plat, const u8 *info,
		      size_t info_len, const u8 *hash, const u8 *sig,
		      size_t sig_len)
{
	const u8 *mod, *exp;
	u8 h[SHA256_DIGEST_SIZE];

	if (!st(plat) || !plat->cfg->pub_key_verify)
		return sim_key_verify_builtin(hash, sig, sig_len);

	/* parse_der_rsa_public_key(): a fixed RSA-2048 layout */
	if (info_len != PTA_RSA_DER_SIZE) {
		sim_ta_msg("Invalid public key size");
		return TEE_ERROR_BAD_FORMAT;
	}
	mod = info + sizeof(der_rsa2048_hdr) + 1;
	exp = mod + PTA_RSA_MOD_SIZE + 2;
	if (memcmp(info, der_rsa2048_hdr, sizeof(der_rsa2048_hdr)) ||
	    exp[-2] != 0x02 || exp[-1] != 0x03) {
		sim_ta_msg("Invalid public key format");
		return TEE_ERROR_BAD_FORMAT;
	}
	key_hash(mod, PTA_RSA_MOD_SIZE, exp, PTA_RSA_E_SIZE, h);
	if (memcmp(h, plat->cfg->otp_pkh, sizeof(h))) {
		sim_ta_msg("Invalid public key");
		return TEE_ERROR_SECURITY;
	}
	return sim_key_verify_rsa(mod, PTA_RSA_MOD_SIZE, exp, PTA_RSA_E_SIZE,
				  hash, sig, sig_len);
}

/*
 * rproc_pta_verify_ecc_signature(): only with CFG_REMOTEPROC_PUB_KEY_VERIFY.
 * parse_der_ecc_public_key() compares one byte of the DER header
 * (consttime_memcmp(der, hdr, h_len != 0)), so only the size and the
 * SEQUENCE tag are checked.
 */
static u32 verify_ecc(struct sim_platform *plat, const u8 *info,
		      size_t info_len, const u8 *hash, const u8 *sig,
		      size_t sig_len)
{
	u8 h[SHA256_DIGEST_SIZE];
	const u8 *xy;
	u32 res;

	if (!plat->cfg->pub_key_verify)
		return TEE_ERROR_NOT_SUPPORTED;
	if (info_len != PTA_ECC_DER_SIZE) {
		sim_ta_msg("Invalid public key size");
		res = TEE_ERROR_BAD_FORMAT;
		goto bad_key;
	}
	if (info[0] != 0x30) {
		sim_ta_msg("Invalid public key format");
		res = TEE_ERROR_BAD_FORMAT;
		goto bad_key;
	}
	xy = info + PTA_ECC_DER_SIZE - 64;
	key_hash(xy, 32, xy + 32, 32, h);
	if (memcmp(h, plat->cfg->otp_pkh, sizeof(h))) {
		sim_ta_msg("Invalid public key hash");
		return TEE_ERROR_SECURITY;
	}
	return sim_key_verify_p256(xy, hash, sig, sig_len);
bad_key:
	sim_ta_msg("Invalid public key");
	return res;
}

/* rproc_pta_verify_digest() */
u32 sim_pta_verify_digest(struct sim_platform *plat, u32 id, u32 algo,
			  const u8 *keyinfo, size_t keyinfo_len,
			  const u8 *hash, const u8 *sig, size_t sig_len)
{
	if (!rproc_get(plat, id))
		return TEE_ERROR_NOT_SUPPORTED;
	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	if (!st(plat)) {
		/* 4.9.0: RSASSA-PKCS1-v1_5-SHA256 with the built-in key only */
		if (algo != TEE_ALG_RSASSA_PKCS1_V1_5_SHA256)
			return TEE_ERROR_NOT_SUPPORTED;
		return sim_key_verify_builtin(hash, sig, sig_len);
	}
	switch (algo) {
	case TEE_ALG_RSASSA_PKCS1_V1_5_SHA256:
		return verify_rsa(plat, keyinfo, keyinfo_len, hash, sig, sig_len);
	case TEE_ALG_ECDSA_SHA256:
		return verify_ecc(plat, keyinfo, keyinfo_len, hash, sig, sig_len);
	default:
		sim_ta_msg("Unsupported algo %#x", algo);
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

/*
 * rproc_pta_tlv_param() (ST): BOOTADDR -> stm32_rproc_set_boot_address(),
 * BOOTSEC -> stm32_rproc_enable_sec_boot().  BOOTSEC is "on" whatever its
 * value: the PTA tests the buffer pointer (!!params[2].memref.buffer).
 */
u32 sim_pta_tlv_param(struct sim_platform *plat, u32 id, u32 type,
		      const u8 *value, u32 len)
{
	struct sim_rproc_inst *r;

	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	switch (type) {
	case PTA_REMOTEPROC_TLV_BOOTADDR:
		if (len != 4)
			return TEE_ERROR_CORRUPT_OBJECT;
		r = rproc_get(plat, id);
		if (!r)
			return TEE_ERROR_BAD_PARAMETERS;
		if (r->boot_addr) {
			sim_ta_msg("Firmware boot address already set");
			return TEE_ERROR_GENERIC;
		}
		r->boot_addr = sim_rd32(value);
		return TEE_SUCCESS;
	case PTA_REMOTEPROC_TLV_BOOT_SEC:
		if (len != 4)
			return TEE_ERROR_CORRUPT_OBJECT;
		r = rproc_get(plat, id);
		if (!r)
			return TEE_ERROR_BAD_PARAMETERS;
		if (r->tzen) {
			sim_ta_msg("Firmware TrustZone already enabled");
			return TEE_ERROR_GENERIC;
		}
		r->tzen = true;
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_NOT_IMPLEMENTED;
	}
}

/* rproc_pta_clean() -> stm32_rproc_clean(): wipe, forget the boot address */
u32 sim_pta_clean(struct sim_platform *plat, u32 id)
{
	struct sim_rproc_inst *r;

	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	r = rproc_get(plat, id);
	if (!r)
		return TEE_ERROR_BAD_PARAMETERS;
	r->boot_addr = 0;
	r->tzen = false;
	return TEE_SUCCESS;
}

/* rproc_pta_get_mem() -> stm32_rproc_get_mems_access() (ST) */
u32 sim_pta_get_mem(struct sim_platform *plat, u32 id)
{
	struct sim_rproc_inst *r;

	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	r = rproc_get(plat, id);
	if (!r)
		return TEE_ERROR_BAD_PARAMETERS;
	r->m_get_cnt++;
	return TEE_SUCCESS;
}

/* rproc_pta_release_mem() -> stm32_rproc_release_mems_access() (ST) */
u32 sim_pta_release_mem(struct sim_platform *plat, u32 id)
{
	struct sim_rproc_inst *r;

	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	r = rproc_get(plat, id);
	if (!r)
		return TEE_ERROR_BAD_PARAMETERS;
	if (r->m_get_cnt)
		r->m_get_cnt--;
	return TEE_SUCCESS;
}

/* rproc_pta_release_resources() -> stm32_rproc_clean_up_memories() (4.9.0) */
u32 sim_pta_release(struct sim_platform *plat, u32 id)
{
	if (plat->pta_on)
		return TEE_ERROR_BAD_STATE;
	return rproc_get(plat, id) ? TEE_SUCCESS : TEE_ERROR_BAD_PARAMETERS;
}
