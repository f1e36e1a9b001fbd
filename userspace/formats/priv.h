/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Internals shared by the formats/ parsers: they report through the one
 * writer (common/report.h), take their candidate keys from the key ring,
 * and verify with the signature primitives of crypto.c (OpenSSL 3 EVP).
 */
#ifndef RPROC_DIAG_FMT_PRIV_H
#define RPROC_DIAG_FMT_PRIV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <openssl/evp.h>

#include "formats/formats.h"
#include "common/report.h"
#include "formats/bytes.h"
#include "keys/key.h"

/* ---- keys ------------------------------------------------------------ */

/*
 * The candidate keys of the other formats are the one key ring
 * (keys/key.h): --key files and the --keyring directory, no built-in
 * OP-TEE keys.  A file that cannot be read becomes a failed "key-file"
 * verdict (inspect has refused bad key options before).
 */
struct fmt_keys {
	struct keyring ring;
	unsigned int nerr;
	char err[4][320];		/* files that could not be read */
};

void fmt_keys_load(struct fmt_keys *ks, const struct fmt_opts *o);
void fmt_keys_free(struct fmt_keys *ks);

/* ---- crypto ---------------------------------------------------------- */

enum fmt_curve { CURVE_NONE = 0, CURVE_P256, CURVE_BP256T1, CURVE_P384, CURVE_BP384T1 };

const char *fmt_curve_name(enum fmt_curve c);	/* OpenSSL group name */
size_t fmt_curve_bytes(enum fmt_curve c);	/* 32 or 48 */
/* Curve of an EC key, CURVE_NONE otherwise. */
enum fmt_curve fmt_key_curve(EVP_PKEY *k);
/* X||Y of an EC key into xy (2 * bytes), true on success. */
bool fmt_key_xy(EVP_PKEY *k, uint8_t *xy, size_t xylen);
/* EC key from raw X||Y on a curve; NULL if the point is not on it. */
EVP_PKEY *fmt_ec_from_xy(enum fmt_curve c, const uint8_t *xy, size_t xylen);

/* Digest by OpenSSL name ("SHA256"); returns digest length or 0. */
size_t fmt_digest(const char *md, const void *a, size_t alen, const void *b, size_t blen,
		  uint8_t *out);
/* ECDSA verify of raw big-endian r (rlen) and s (slen) over digest. */
bool fmt_ecdsa_verify_rs(EVP_PKEY *k, const uint8_t *r, size_t rlen, const uint8_t *s,
			 size_t slen, const uint8_t *dgst, size_t dlen);
/* ECDSA verify of a DER signature over digest. */
bool fmt_ecdsa_verify_der(EVP_PKEY *k, const uint8_t *der, size_t derlen,
			  const uint8_t *dgst, size_t dlen);
/* RSA-PSS (MGF1 with md, any salt length) over digest. */
bool fmt_rsa_pss_verify(EVP_PKEY *k, const char *md, const uint8_t *sig, size_t siglen,
			const uint8_t *dgst, size_t dlen);
/* RSA PKCS#1 v1.5 over digest. */
bool fmt_rsa_pkcs1_verify(EVP_PKEY *k, const char *md, const uint8_t *sig, size_t siglen,
			  const uint8_t *dgst, size_t dlen);
/* Ed25519 over a message. */
bool fmt_ed25519_verify(EVP_PKEY *k, const uint8_t *sig, size_t siglen, const uint8_t *msg,
			size_t mlen);
/* s > n/2 for the curve (high-S form). */
bool fmt_ecdsa_high_s(enum fmt_curve c, const uint8_t *s, size_t slen);
/*
 * Parse a DER ECDSA-Sig-Value; r and s are left-padded into rs (2 * n).
 * Returns the DER length consumed or 0.
 */
size_t fmt_der_to_rs(const uint8_t *der, size_t len, size_t n, uint8_t *rs);

/* Public-key encodings (imgtool's KEYHASH inputs); len 0 if n/a. */
size_t fmt_key_spki(EVP_PKEY *k, uint8_t *buf, size_t size);
size_t fmt_key_pkcs1(EVP_PKEY *k, uint8_t *buf, size_t size);
size_t fmt_key_raw(EVP_PKEY *k, uint8_t *buf, size_t size);
/* Public key from imgtool PUBKEY TLV bytes (SPKI, PKCS#1 RSA or raw Ed25519). */
EVP_PKEY *fmt_key_from_bytes(const uint8_t *p, size_t len);
/* "RSA-2048", "EC P-256", "Ed25519"... */
void fmt_key_desc(EVP_PKEY *k, char *buf, size_t size);

/* ---- parsers --------------------------------------------------------- */

int fmt_stm32_inspect(const uint8_t *buf, size_t len, const struct fmt_opts *o,
		      const struct fmt_keys *ks, struct rep *r);
int fmt_mcuboot_inspect(const uint8_t *buf, size_t len, const struct fmt_opts *o,
			const struct fmt_keys *ks, struct rep *r);
/* OP-TEE TA (hash and signature checked), FIP, uImage (CRCs), FIT, DTB, ESP32, SFI */
int fmt_other_inspect(enum fmt_kind k, const uint8_t *buf, size_t len,
		      const struct fmt_keys *ks, struct rep *r);

/* U-Boot FIT: image hash nodes recomputed (formats/fit.c) */
void fmt_fit_inspect(const uint8_t *buf, size_t len, struct rep *r);

/* ---- CBOR (bounded reader, formats/cbor.c) -------------------------------- */

enum cbor_type { CBOR_UINT, CBOR_NINT, CBOR_BSTR, CBOR_TSTR, CBOR_ARRAY, CBOR_MAP,
		 CBOR_TAG, CBOR_SIMPLE };

struct cbor_item {
	enum cbor_type type;
	uint64_t val;			/* integer value, or length / count */
	const uint8_t *data;		/* string bytes (BSTR/TSTR) */
	size_t off;			/* offset of the item's head in the buffer */
};

struct cbor_rd {
	const uint8_t *p;
	size_t len, pos;
	const char *err;		/* set on the first error */
	uint64_t need;			/* a length error: the bytes the item claims, */
	size_t have;			/* and the bytes there (need 0: another error) */
};

void cbor_init(struct cbor_rd *c, const uint8_t *p, size_t len);
/* Next item head (strings are consumed whole); false on error/end. */
bool cbor_next(struct cbor_rd *c, struct cbor_item *it);
/* Skip one complete item whose head was just read (nested up to 8 levels). */
bool cbor_skip(struct cbor_rd *c, const struct cbor_item *it);

#endif
