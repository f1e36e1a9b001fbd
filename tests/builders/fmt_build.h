/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Test image builder for the other formats: STM32 boot-ROM images (header
 * v1.0, v2.0, v2.2, v2.3) and MCUboot images, signed with keys the tests
 * generate, each with an optional, deliberate signing mistake.  Written
 * from the published layouts (see userspace/formats/stm32.c, mcuboot.c);
 * independent of the parsers it tests except for the shared byte helpers.
 */
#ifndef FMT_BUILD_H
#define FMT_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

/* key generation: "P-256", "brainpoolP256t1", "P-384", "brainpoolP384t1",
 * "RSA-2048", "RSA-3072", "Ed25519" */
EVP_PKEY *fb_keygen(const char *type);
int fb_write_pubkey(EVP_PKEY *k, const char *path);
int fb_write_privkey(EVP_PKEY *k, const char *path);

enum fb_stm32_mistake {
	FB_STM32_OK = 0,
	FB_STM32_DOUBLE_HASH,		/* sign SHA(SHA(range)) */
	FB_STM32_RANGE_EOF,		/* trailing bytes included in the hash */
	FB_STM32_RANGE_0,		/* hash from 0x00 */
	FB_STM32_RANGE_44,		/* hash from 0x44 */
	FB_STM32_RANGE_80,		/* hash from 0x80 */
	FB_STM32_DER_RAW,		/* DER blob pasted at 0x04 */
	FB_STM32_SWAPPED,		/* s || r */
	FB_STM32_LITTLE_ENDIAN,		/* r, s each little-endian */
	FB_STM32_WRONG_ALGO,		/* algo field names the other curve */
	FB_STM32_BAD_PKH,		/* pk_hashes[pk_idx] of another key */
	FB_STM32_BAD_CHECKSUM,
	FB_STM32_OTHER_KEY,		/* signed with fb_stm32_spec.other */
	FB_STM32_UNSIGNED,		/* signature field left zero */
	FB_STM32_TAMPERED,		/* payload byte changed after signing */
	FB_STM32_PK_IDX,		/* pk_idx >= nb_pk */
	FB_STM32_TRUNCATED,		/* file cut inside the payload */
	FB_STM32_R_UNPADDED,		/* r with a leading zero byte stored as n-1 bytes */
};

struct fb_stm32_spec {
	unsigned int ver;		/* 10, 20, 22, 23 */
	EVP_PKEY *key;			/* signing key (EC) */
	EVP_PKEY *other;		/* FB_STM32_OTHER_KEY / BAD_PKH */
	size_t payload_len;
	size_t trailing;		/* bytes appended after the payload */
	unsigned int nb_pk, pk_idx;	/* v2.x PKH table */
	bool no_auth;			/* v2.x: no authentication extension */
	bool decrypt;			/* v2.x: add an FSBL decryption extension */
	enum fb_stm32_mistake mistake;
};

/* Returns a malloc'd image; *len its size.  NULL on error. */
uint8_t *fb_stm32(const struct fb_stm32_spec *s, size_t *len);
/* SHA-256 of the PKH table of an image made with the same spec (OTP value) */
int fb_stm32_otp_hash(const struct fb_stm32_spec *s, char *hex, size_t size);

enum fb_mcu_mistake {
	FB_MCU_OK = 0,
	FB_MCU_BAD_HASH,		/* payload byte changed after signing */
	FB_MCU_WRONG_KEYHASH,		/* KEYHASH of fb_mcu_spec.other */
	FB_MCU_OTHER_KEY,		/* signed with other, KEYHASH of other */
	FB_MCU_UNPROT_SEC_CNT,		/* SEC_CNT in the unprotected area */
	FB_MCU_UNPROT_DEPENDENCY,
	FB_MCU_BR_NONZERO,		/* measurement placeholder not zero */
	FB_MCU_BR_WRONG_SIGNER,		/* SIGNER_ID of another key */
	FB_MCU_BR_NOT_LAST,		/* measurement value not the last item */
	FB_MCU_HASH_EXCL_PROT,		/* hash over header + payload only */
	FB_MCU_RAW_ECDSA,		/* ECDSA_SIG as raw r || s */
	FB_MCU_DOUBLE_HASH,
	FB_MCU_PROT_SIZE,		/* ih_protect_tlv_size wrong */
	FB_MCU_TRUNCATED,
};

struct fb_mcu_spec {
	EVP_PKEY *key;			/* RSA-2048/3072, P-256/P-384, Ed25519 */
	EVP_PKEY *other;
	size_t hdr_size;		/* 0x20 default */
	size_t payload_len;
	bool sec_cnt, dependency, boot_record, pubkey;	/* pubkey: PUBKEY instead of KEYHASH */
	bool trailer;			/* pad with a slot trailer (magic, image_ok) */
	bool unsigned_img;		/* hash TLV only */
	bool pure;			/* Ed25519 over the image itself + SIG_PURE (SHA-512 hash TLV) */
	bool no_hash_tlv;		/* with pure: leave the hash TLV out */
	uint8_t ver_major, ver_minor;
	uint32_t flags;			/* ih_flags (e.g. 0x4 ENCRYPTED_AES128: payload left plain) */
	enum fb_mcu_mistake mistake;
};

uint8_t *fb_mcuboot(const struct fb_mcu_spec *s, size_t *len);

/* OP-TEE signed TA (shdr): type 0 (SHDR_TA) or 1 (bootstrap), RSA key,
 * PKCS#1 v1.5 or PSS; tamper: change an image byte after signing. */
uint8_t *fb_optee_ta(EVP_PKEY *key, unsigned int type, bool pss, size_t img_len, bool tamper,
		     size_t *len);

#endif
