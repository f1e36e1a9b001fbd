/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Signing keys for OP-TEE remoteproc images: loading (PEM or DER, private
 * or public, optional passphrase), fingerprints (SHA-256 of the DER
 * SubjectPublicKeyInfo, and ST's OTP hash form), raw-signature verify and
 * sign (RSA PKCS#1 v1.5 SHA-256 of any modulus, ECDSA P-256 r||s), and the
 * built-in ring of well-known development keys.  OpenSSL 3 EVP only.
 */
#ifndef RPROC_DIAG_KEY_H
#define RPROC_DIAG_KEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct evp_pkey_st;

struct builtin_key {
	const char *name;	/* "optee-default-rsa2048" */
	const char *desc;	/* where it ships */
	const char *spki_sha256;	/* hex */
	const char *pem;	/* public key */
};

extern const struct builtin_key builtin_keys[];
extern const size_t n_builtin_keys;

enum key_kind { KEY_OTHER = 0, KEY_RSA, KEY_EC_P256, KEY_EC_OTHER };

struct key {
	struct evp_pkey_st *pkey;
	char name[256];		/* file path, or built-in name */
	const char *desc;	/* built-in description, else NULL */
	bool builtin;
	bool has_private;
	enum key_kind kind;
	int bits;
	uint8_t spki_sha256[32];
	uint8_t otp_hash[32];	/* ST: SHA-256(n || e) or SHA-256(X || Y) */
	bool has_otp;
};

/* 0, or -1 with a message quoting the input and saying what to do. */
int key_load_file(struct key *k, const char *path, const char *pass,
		  char *err, size_t errlen);
int key_load_builtin(struct key *k, size_t i);
int key_from_spki(struct key *k, const uint8_t *der, size_t len, const char *name);
void key_free(struct key *k);

/* Built-in key with this SPKI fingerprint, or NULL. */
const struct builtin_key *key_builtin_by_fp(const uint8_t spki_sha256[32]);

/* "RSA-2048", "EC P-256", ... */
const char *key_kind_str(const struct key *k, char *buf, size_t len);
/* RPI_SIGN_* for this key, 0 if it cannot sign remoteproc images. */
unsigned int key_sign_type(const struct key *k);
/* Length of a raw signature by this key (modulus bytes, or 64). */
size_t key_sig_len(const struct key *k);

/*
 * Verify raw signature @sig over the SHA-256 digest @dig (not hashed
 * again).  1 verifies, 0 does not, -1 the key cannot check this type.
 */
int key_verify(const struct key *k, unsigned int sign_type, const uint8_t dig[32],
	       const uint8_t *sig, size_t len);
/* Sign @dig; writes key_sig_len() bytes to @sig.  0 or -1. */
int key_sign(const struct key *k, const uint8_t dig[32], uint8_t *sig);
/*
 * Turn an externally made signature (raw, or DER for ECDSA / RSA raw) into
 * the raw form the image carries.  0 or -1 with a message.
 */
int key_raw_signature(const struct key *k, const uint8_t *in, size_t inlen,
		      uint8_t *out, char *err, size_t errlen);

/* A list of candidate keys. */
struct keyset {
	struct key *k;
	size_t n, cap;
};

int keyset_add_file(struct keyset *s, const char *path, char *err, size_t errlen);
/* Every *.pem / *.der / *.pub / *.key in @dir. 0 or -1 with a message. */
int keyset_add_dir(struct keyset *s, const char *dir, char *err, size_t errlen);
void keyset_add_builtin(struct keyset *s);
void keyset_free(struct keyset *s);

/* Lower-case hex of @n bytes into @out (2n + 1 bytes). */
void hex_str(const uint8_t *b, size_t n, char *out);

#endif
