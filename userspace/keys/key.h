/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The key ring of every command and format: loading (PEM or DER, private
 * or public, optional passphrase), fingerprints (SHA-256 of the DER
 * SubjectPublicKeyInfo, and ST's OTP hash form), raw-signature verify and
 * sign for OP-TEE remoteproc images (RSA PKCS#1 v1.5 SHA-256 of any
 * modulus, ECDSA P-256 r||s), the built-in well-known development keys,
 * and a ring of candidate keys (--key files, a --keyring directory, the
 * built-in keys) that OP-TEE images and the other formats (formats/, with
 * their own signature schemes in formats/crypto.c) are checked against.
 * OpenSSL 3 EVP only.
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
	const char *file;	/* the private key as it ships: "keys/default.pem" in the
				 * OP-TEE tree and in its TA dev kit ($TA_DEV_KIT_DIR) */
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
	const char *origin;	/* in a ring: "--key", "keyring", "built-in" */
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
/*
 * How a diagnosis names @k: the built-in key's name when it is one of the
 * well-known development keys (whatever file it came from), else its name;
 * key_well_known() says where such a key ships (NULL for any other key).
 */
const char *key_display_name(const struct key *k);
const char *key_well_known(const struct key *k);

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

/* Candidate keys, in the order they are tried. */
struct keyring {
	struct key *k;
	size_t n, cap;
};

/* A key file (origin "--key"); 0 or -1 with a message. */
int keyring_add_file(struct keyring *r, const char *path, char *err, size_t errlen);
/*
 * Every *.pem, *.der, *.pub and *.key in @dir but hidden files, in name
 * order (origin "keyring").  0, or -1 with a message about the last file
 * that could not be read (the others are added).
 */
int keyring_add_dir(struct keyring *r, const char *dir, char *err, size_t errlen);
/* The well-known development keys (origin "built-in"). */
void keyring_add_builtin(struct keyring *r);
void keyring_free(struct keyring *r);

/*
 * The ring of a command line: @nfiles --key files, the --keyring @dir (may
 * be NULL), the built-in keys when @builtin.  0, or -1 with a message
 * naming the option and the file (@r is then empty).
 */
int keyring_load(struct keyring *r, const char *const *files, size_t nfiles,
		 const char *dir, bool builtin, char *err, size_t errlen);

/* Lower-case hex of @n bytes into @out (2n + 1 bytes). */
void hex_str(const uint8_t *b, size_t n, char *out);

#endif
