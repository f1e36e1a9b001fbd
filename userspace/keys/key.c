// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Key loading, fingerprints, raw-signature verify/sign (OpenSSL 3 EVP).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "common/hash.h"
#include "keys/key.h"
#include "rproc_image.h"

void hex_str(const uint8_t *b, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[b[i] >> 4];
		out[2 * i + 1] = d[b[i] & 15];
	}
	out[2 * n] = 0;
}

static void fill_facts(struct key *k)
{
	unsigned char *der = NULL, buf[1024];
	char group[64];
	BIGNUM *n = NULL, *e = NULL;
	size_t len = 0;
	int dlen, nb, eb;

	memset(k->spki_sha256, 0, sizeof(k->spki_sha256));
	dlen = i2d_PUBKEY(k->pkey, &der);
	if (dlen > 0)
		sha256_buf(der, (size_t)dlen, k->spki_sha256);
	OPENSSL_free(der);

	k->bits = EVP_PKEY_get_bits(k->pkey);
	k->kind = KEY_OTHER;
	k->has_otp = false;
	if (EVP_PKEY_is_a(k->pkey, "RSA")) {
		k->kind = KEY_RSA;
		if (EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
		    EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_RSA_E, &e) == 1) {
			nb = BN_num_bytes(n);
			eb = BN_num_bytes(e);
			if (nb + eb <= (int)sizeof(buf)) {
				BN_bn2bin(n, buf);
				BN_bn2bin(e, buf + nb);
				sha256_buf(buf, (size_t)(nb + eb), k->otp_hash);
				k->has_otp = true;
			}
		}
		BN_free(n);
		BN_free(e);
	} else if (EVP_PKEY_is_a(k->pkey, "EC")) {
		k->kind = KEY_EC_OTHER;
		if (EVP_PKEY_get_utf8_string_param(k->pkey, OSSL_PKEY_PARAM_GROUP_NAME,
						   group, sizeof(group), NULL) == 1 &&
		    !strcmp(group, "prime256v1"))
			k->kind = KEY_EC_P256;
		if (EVP_PKEY_get_octet_string_param(k->pkey, OSSL_PKEY_PARAM_PUB_KEY,
						    buf, sizeof(buf), &len) == 1 &&
		    len == 65 && buf[0] == 4) {
			sha256_buf(buf + 1, 64, k->otp_hash);
			k->has_otp = true;
		}
	}
}

static EVP_PKEY *decode(const unsigned char *data, size_t len, const char *pass,
			int selection)
{
	OSSL_DECODER_CTX *dctx;
	EVP_PKEY *pkey = NULL;
	const unsigned char *p = data;
	size_t left = len;

	dctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, NULL, NULL, NULL, selection,
					     NULL, NULL);
	if (!dctx)
		return NULL;
	if (pass)
		OSSL_DECODER_CTX_set_passphrase(dctx, (const unsigned char *)pass,
						strlen(pass));
	if (OSSL_DECODER_from_data(dctx, &p, &left) != 1) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	OSSL_DECODER_CTX_free(dctx);
	return pkey;
}

static int read_all(const char *path, unsigned char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL, *nb;
	size_t n = 0, cap = 0, r;

	if (!f)
		return -1;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8192;
			if (cap > (64U << 20)) {
				errno = EFBIG;
				goto fail;
			}
			nb = realloc(buf, cap);
			if (!nb)
				goto fail;
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	*out = buf;
	*len = n;
	return 0;
fail:
	free(buf);
	fclose(f);
	return -1;
}

int key_load_file(struct key *k, const char *path, const char *pass,
		  char *err, size_t errlen)
{
	unsigned char *data;
	size_t len;

	memset(k, 0, sizeof(*k));
	if (read_all(path, &data, &len)) {
		snprintf(err, errlen, "cannot read key file `%s': %s", path, strerror(errno));
		return -1;
	}
	k->pkey = decode(data, len, pass ? pass : "", EVP_PKEY_KEYPAIR);
	if (k->pkey) {
		k->has_private = true;
	} else {
		k->pkey = decode(data, len, NULL, EVP_PKEY_PUBLIC_KEY);
	}
	if (!k->pkey) {
		if (memmem(data, len, "ENCRYPTED", 9))
			snprintf(err, errlen,
				 "key file `%s' is encrypted and %s: give the right one with --passphrase",
				 path, pass ? "the passphrase does not open it" : "no passphrase was given");
		else
			snprintf(err, errlen,
				 "`%s' is not a PEM or DER key (private or public, PKCS#1, PKCS#8 or SubjectPublicKeyInfo)",
				 path);
		free(data);
		ERR_clear_error();
		return -1;
	}
	free(data);
	snprintf(k->name, sizeof(k->name), "%s", path);
	fill_facts(k);
	return 0;
}

int key_load_builtin(struct key *k, size_t i)
{
	const char *pem = builtin_keys[i].pem;

	memset(k, 0, sizeof(*k));
	k->pkey = decode((const unsigned char *)pem, strlen(pem), NULL,
			 EVP_PKEY_PUBLIC_KEY);
	if (!k->pkey)
		return -1;
	snprintf(k->name, sizeof(k->name), "%s", builtin_keys[i].name);
	k->desc = builtin_keys[i].desc;
	k->builtin = true;
	fill_facts(k);
	return 0;
}

int key_from_spki(struct key *k, const uint8_t *der, size_t len, const char *name)
{
	const unsigned char *p = der;

	memset(k, 0, sizeof(*k));
	k->pkey = d2i_PUBKEY(NULL, &p, (long)len);
	if (!k->pkey || p != der + len) {
		EVP_PKEY_free(k->pkey);
		k->pkey = NULL;
		ERR_clear_error();
		return -1;
	}
	snprintf(k->name, sizeof(k->name), "%s", name);
	fill_facts(k);
	return 0;
}

void key_free(struct key *k)
{
	EVP_PKEY_free(k->pkey);
	k->pkey = NULL;
}

const struct builtin_key *key_builtin_by_fp(const uint8_t fp[32])
{
	char h[65];
	size_t i;

	hex_str(fp, 32, h);
	for (i = 0; i < n_builtin_keys; i++)
		if (!strcmp(builtin_keys[i].spki_sha256, h))
			return &builtin_keys[i];
	return NULL;
}

const char *key_display_name(const struct key *k)
{
	const struct builtin_key *b = key_builtin_by_fp(k->spki_sha256);

	return b ? b->name : k->name;
}

const char *key_well_known(const struct key *k)
{
	const struct builtin_key *b = key_builtin_by_fp(k->spki_sha256);

	return b ? b->desc : NULL;
}

const char *key_kind_str(const struct key *k, char *buf, size_t len)
{
	switch (k->kind) {
	case KEY_RSA:
		snprintf(buf, len, "RSA-%d", k->bits);
		break;
	case KEY_EC_P256:
		snprintf(buf, len, "EC P-256");
		break;
	case KEY_EC_OTHER:
		snprintf(buf, len, "EC (not P-256, %d bits)", k->bits);
		break;
	default:
		snprintf(buf, len, "%s", EVP_PKEY_get0_type_name(k->pkey) ?
			 EVP_PKEY_get0_type_name(k->pkey) : "unknown");
		break;
	}
	return buf;
}

unsigned int key_sign_type(const struct key *k)
{
	if (k->kind == KEY_RSA)
		return RPI_SIGN_RSA_PKCS1_SHA256;
	if (k->kind == KEY_EC_P256)
		return RPI_SIGN_ECDSA_P256_SHA256;
	return 0;
}

size_t key_sig_len(const struct key *k)
{
	if (k->kind == KEY_RSA)
		return (size_t)EVP_PKEY_get_size(k->pkey);
	if (k->kind == KEY_EC_P256)
		return 64;
	return 0;
}

static EVP_PKEY_CTX *pctx_for(const struct key *k, bool sign)
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(NULL, k->pkey, NULL);

	if (!c)
		return NULL;
	if ((sign ? EVP_PKEY_sign_init(c) : EVP_PKEY_verify_init(c)) != 1)
		goto fail;
	if (k->kind == KEY_RSA &&
	    EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_PADDING) != 1)
		goto fail;
	if (EVP_PKEY_CTX_set_signature_md(c, EVP_sha256()) != 1)
		goto fail;
	return c;
fail:
	EVP_PKEY_CTX_free(c);
	return NULL;
}

/* ECDSA raw r||s (32 + 32, big-endian) to DER; returns length or 0. */
static size_t ec_raw_to_der(const uint8_t *raw, unsigned char **der)
{
	ECDSA_SIG *s = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(raw, 32, NULL), *ss = BN_bin2bn(raw + 32, 32, NULL);
	int n = 0;

	*der = NULL;
	if (s && r && ss && ECDSA_SIG_set0(s, r, ss) == 1) {
		r = ss = NULL;
		n = i2d_ECDSA_SIG(s, der);
	}
	BN_free(r);
	BN_free(ss);
	ECDSA_SIG_free(s);
	return n > 0 ? (size_t)n : 0;
}

int key_verify(const struct key *k, unsigned int sign_type, const uint8_t dig[32],
	       const uint8_t *sig, size_t len)
{
	unsigned char *der = NULL;
	EVP_PKEY_CTX *c;
	size_t dlen;
	int ok;

	if (key_sign_type(k) != sign_type)
		return -1;
	c = pctx_for(k, false);
	if (!c)
		return -1;
	if (k->kind == KEY_EC_P256) {
		if (len != 64) {
			EVP_PKEY_CTX_free(c);
			return 0;
		}
		dlen = ec_raw_to_der(sig, &der);
		ok = dlen && EVP_PKEY_verify(c, der, dlen, dig, 32) == 1;
		OPENSSL_free(der);
	} else {
		ok = EVP_PKEY_verify(c, sig, len, dig, 32) == 1;
	}
	EVP_PKEY_CTX_free(c);
	ERR_clear_error();
	return ok;
}

/* DER ECDSA-Sig-Value to raw r||s; 0 or -1. */
static int ec_der_to_raw(const unsigned char *der, size_t len, uint8_t *raw)
{
	const unsigned char *p = der;
	ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)len);
	const BIGNUM *r, *ss;
	int ret = -1;

	if (!s)
		return -1;
	if (p == der + len) {
		ECDSA_SIG_get0(s, &r, &ss);
		if (BN_bn2binpad(r, raw, 32) == 32 && BN_bn2binpad(ss, raw + 32, 32) == 32)
			ret = 0;
	}
	ECDSA_SIG_free(s);
	return ret;
}

int key_sign(const struct key *k, const uint8_t dig[32], uint8_t *sig)
{
	unsigned char buf[1024];
	size_t len = sizeof(buf);
	EVP_PKEY_CTX *c;
	int ret = -1;

	if (!k->has_private || !key_sign_type(k))
		return -1;
	c = pctx_for(k, true);
	if (!c)
		return -1;
	if (EVP_PKEY_sign(c, buf, &len, dig, 32) == 1) {
		if (k->kind == KEY_EC_P256) {
			ret = ec_der_to_raw(buf, len, sig);
		} else if (len == key_sig_len(k)) {
			memcpy(sig, buf, len);
			ret = 0;
		}
	}
	EVP_PKEY_CTX_free(c);
	ERR_clear_error();
	return ret;
}

int key_raw_signature(const struct key *k, const uint8_t *in, size_t inlen,
		      uint8_t *out, char *err, size_t errlen)
{
	size_t want = key_sig_len(k);

	if (k->kind == KEY_EC_P256) {
		if (inlen == 64) {
			memcpy(out, in, 64);
			return 0;
		}
		if (!ec_der_to_raw(in, inlen, out))
			return 0;
		snprintf(err, errlen,
			 "signature is %zu bytes: an ECDSA P-256 signature must be 64 raw bytes (r||s) or a DER ECDSA-Sig-Value",
			 inlen);
		return -1;
	}
	if (k->kind == KEY_RSA) {
		if (inlen == want) {
			memcpy(out, in, want);
			return 0;
		}
		snprintf(err, errlen,
			 "signature is %zu bytes but the %d-bit RSA key makes %zu-byte signatures: sign the digest with the same key",
			 inlen, k->bits, want);
		return -1;
	}
	snprintf(err, errlen, "key `%s' is neither RSA nor EC P-256", k->name);
	return -1;
}

static struct key *keyring_slot(struct keyring *r)
{
	struct key *nk;

	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 8;

		nk = realloc(r->k, cap * sizeof(*nk));
		if (!nk)
			return NULL;
		r->k = nk;
		r->cap = cap;
	}
	return &r->k[r->n];
}

static int add_file(struct keyring *r, const char *path, const char *origin,
		    char *err, size_t errlen)
{
	struct key *k = keyring_slot(r);

	if (!k) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (key_load_file(k, path, NULL, err, errlen))
		return -1;
	k->origin = origin;
	r->n++;
	return 0;
}

int keyring_add_file(struct keyring *r, const char *path, char *err, size_t errlen)
{
	return add_file(r, path, "--key", err, errlen);
}

static bool key_ext(const char *n)
{
	const char *dot = strrchr(n, '.');

	return dot && (!strcmp(dot, ".pem") || !strcmp(dot, ".der") ||
		       !strcmp(dot, ".pub") || !strcmp(dot, ".key"));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int keyring_add_dir(struct keyring *r, const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL, **nn, path[4096];
	size_t n = 0, i;
	int ret = 0;

	if (!d) {
		snprintf(err, errlen, "cannot open key directory `%s': %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !key_ext(de->d_name))
			continue;
		nn = realloc(names, (n + 1) * sizeof(*names));
		if (!nn)
			break;
		names = nn;
		names[n] = strdup(de->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (add_file(r, path, "keyring", err, errlen))
			ret = -1;	/* keep going; report the last error */
		free(names[i]);
	}
	free(names);
	return ret;
}

void keyring_add_builtin(struct keyring *r)
{
	size_t i;
	struct key *k;

	for (i = 0; i < n_builtin_keys; i++) {
		k = keyring_slot(r);
		if (k && !key_load_builtin(k, i)) {
			k->origin = "built-in";
			r->n++;
		}
	}
}

void keyring_free(struct keyring *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		key_free(&r->k[i]);
	free(r->k);
	r->k = NULL;
	r->n = r->cap = 0;
}

int keyring_load(struct keyring *r, const char *const *files, size_t nfiles,
		 const char *dir, bool builtin, char *err, size_t errlen)
{
	char why[512];
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < nfiles; i++) {
		if (keyring_add_file(r, files[i], why, sizeof(why))) {
			snprintf(err, errlen, "--key: %s", why);
			goto fail;
		}
	}
	if (dir && dir[0] && keyring_add_dir(r, dir, why, sizeof(why))) {
		snprintf(err, errlen, "--keyring: %s", why);
		goto fail;
	}
	if (builtin)
		keyring_add_builtin(r);
	return 0;
fail:
	keyring_free(r);
	return -1;
}
