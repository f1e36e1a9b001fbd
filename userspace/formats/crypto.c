// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Candidate keys and signature primitives for the other-format inspection.
 * OpenSSL 3 EVP / OSSL_PARAM interfaces only.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "formats/priv.h"

/* ---- keys ------------------------------------------------------------ */

static void key_error(struct fmt_keys *ks, const char *err)
{
	if (ks->nerr < 4)
		snprintf(ks->err[ks->nerr++], sizeof(ks->err[0]), "%s", err);
}

void fmt_keys_load(struct fmt_keys *ks, const struct fmt_opts *o)
{
	char err[320];
	unsigned int i;

	memset(ks, 0, sizeof(*ks));
	if (!o)
		return;
	for (i = 0; i < o->nkeys && i < FMT_MAX_KEYS; i++)
		if (keyring_add_file(&ks->ring, o->keys[i], err, sizeof(err)))
			key_error(ks, err);
	if (o->keyring && keyring_add_dir(&ks->ring, o->keyring, err, sizeof(err)))
		key_error(ks, err);
}

void fmt_keys_free(struct fmt_keys *ks)
{
	keyring_free(&ks->ring);
}

/* ---- curves ---------------------------------------------------------- */

static const struct {
	const char *name;
	int nid;
	size_t bytes;
} curves[] = {
	[CURVE_NONE] = { NULL, 0, 0 },
	[CURVE_P256] = { "prime256v1", NID_X9_62_prime256v1, 32 },
	[CURVE_BP256T1] = { "brainpoolP256t1", NID_brainpoolP256t1, 32 },
	[CURVE_P384] = { "secp384r1", NID_secp384r1, 48 },
	[CURVE_BP384T1] = { "brainpoolP384t1", NID_brainpoolP384t1, 48 },
};

const char *fmt_curve_name(enum fmt_curve c)
{
	return (unsigned int)c <= CURVE_BP384T1 ? curves[c].name : NULL;
}

size_t fmt_curve_bytes(enum fmt_curve c)
{
	return (unsigned int)c <= CURVE_BP384T1 ? curves[c].bytes : 0;
}

enum fmt_curve fmt_key_curve(EVP_PKEY *k)
{
	char name[64];
	size_t len = 0;
	int nid;
	unsigned int c;

	if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_EC)
		return CURVE_NONE;
	if (!EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof(name), &len))
		return CURVE_NONE;
	nid = OBJ_txt2nid(name);
	if (nid == NID_undef)
		nid = EC_curve_nist2nid(name);
	for (c = CURVE_P256; c <= CURVE_BP384T1; c++)
		if (curves[c].nid == nid)
			return (enum fmt_curve)c;
	return CURVE_NONE;
}

bool fmt_key_xy(EVP_PKEY *k, uint8_t *xy, size_t xylen)
{
	uint8_t pt[1 + 2 * 66];
	size_t len = 0;

	if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_EC)
		return false;
	if (!EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pt,
					     sizeof(pt), &len) &&
	    !EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, pt, sizeof(pt), &len)) {
		ERR_clear_error();
		return false;
	}
	if (len != 1 + xylen || pt[0] != 0x04) {
		/* compressed form: re-encode uncompressed */
		if (EVP_PKEY_set_utf8_string_param(k, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
						   "uncompressed") &&
		    EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pt,
						    sizeof(pt), &len) &&
		    len == 1 + xylen && pt[0] == 0x04)
			goto ok;
		ERR_clear_error();
		return false;
	}
ok:
	memcpy(xy, pt + 1, xylen);
	return true;
}

EVP_PKEY *fmt_ec_from_xy(enum fmt_curve c, const uint8_t *xy, size_t xylen)
{
	uint8_t pt[1 + 2 * 48];
	OSSL_PARAM params[3];
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *k = NULL;

	if (!fmt_curve_name(c) || xylen != 2 * fmt_curve_bytes(c))
		return NULL;
	pt[0] = 0x04;
	memcpy(pt + 1, xy, xylen);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
						     (char *)fmt_curve_name(c), 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, pt, 1 + xylen);
	params[2] = OSSL_PARAM_construct_end();
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!ctx || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &k, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		k = NULL;
	EVP_PKEY_CTX_free(ctx);
	if (k) {
		/* fromdata may defer the on-curve check: do it explicitly */
		EVP_PKEY_CTX *chk = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);

		if (!chk || EVP_PKEY_public_check(chk) <= 0) {
			EVP_PKEY_free(k);
			k = NULL;
		}
		EVP_PKEY_CTX_free(chk);
	}
	ERR_clear_error();
	return k;
}

/* ---- digests and signatures ------------------------------------------ */

size_t fmt_digest(const char *md, const void *a, size_t alen, const void *b, size_t blen,
		  uint8_t *out)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_MD *m = EVP_MD_fetch(NULL, md, NULL);
	unsigned int n = 0;

	if (c && m && EVP_DigestInit_ex(c, m, NULL) &&
	    (!alen || EVP_DigestUpdate(c, a, alen)) &&
	    (!blen || EVP_DigestUpdate(c, b, blen)) &&
	    EVP_DigestFinal_ex(c, out, &n))
		;
	else
		n = 0;
	EVP_MD_free(m);
	EVP_MD_CTX_free(c);
	return n;
}

/* DER INTEGER from a big-endian unsigned value. */
static size_t der_int(uint8_t *out, const uint8_t *v, size_t len)
{
	size_t o = 0;

	while (len > 1 && !v[0]) {
		v++;
		len--;
	}
	out[o++] = 0x02;
	out[o++] = (uint8_t)(len + (v[0] & 0x80 ? 1 : 0));
	if (v[0] & 0x80)
		out[o++] = 0;
	memcpy(out + o, v, len);
	return o + len;
}

bool fmt_ecdsa_verify_der(EVP_PKEY *k, const uint8_t *der, size_t derlen,
			  const uint8_t *dgst, size_t dlen)
{
	EVP_PKEY_CTX *ctx;
	int rc = 0;

	if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_EC)
		return false;
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
	if (ctx && EVP_PKEY_verify_init(ctx) > 0)
		rc = EVP_PKEY_verify(ctx, der, derlen, dgst, dlen);
	EVP_PKEY_CTX_free(ctx);
	ERR_clear_error();
	return rc == 1;
}

bool fmt_ecdsa_verify_rs(EVP_PKEY *k, const uint8_t *r, size_t rlen, const uint8_t *s,
			 size_t slen, const uint8_t *dgst, size_t dlen)
{
	uint8_t der[2 * 70 + 8];
	size_t o = 2;

	if (!rlen || !slen || rlen > 66 || slen > 66)
		return false;
	o += der_int(der + o, r, rlen);
	o += der_int(der + o, s, slen);
	der[0] = 0x30;
	der[1] = (uint8_t)(o - 2);
	return fmt_ecdsa_verify_der(k, der, o, dgst, dlen);
}

bool fmt_rsa_pss_verify(EVP_PKEY *k, const char *md, const uint8_t *sig, size_t siglen,
			const uint8_t *dgst, size_t dlen)
{
	EVP_PKEY_CTX *ctx;
	EVP_MD *m;
	int rc = 0;

	if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA)
		return false;
	m = EVP_MD_fetch(NULL, md, NULL);
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
	if (m && ctx && EVP_PKEY_verify_init(ctx) > 0 &&
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
	    EVP_PKEY_CTX_set_signature_md(ctx, m) > 0 &&
	    EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, m) > 0 &&
	    EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_AUTO) > 0)
		rc = EVP_PKEY_verify(ctx, sig, siglen, dgst, dlen);
	EVP_PKEY_CTX_free(ctx);
	EVP_MD_free(m);
	ERR_clear_error();
	return rc == 1;
}

bool fmt_rsa_pkcs1_verify(EVP_PKEY *k, const char *md, const uint8_t *sig, size_t siglen,
			  const uint8_t *dgst, size_t dlen)
{
	EVP_PKEY_CTX *ctx;
	EVP_MD *m;
	int rc = 0;

	if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA)
		return false;
	m = EVP_MD_fetch(NULL, md, NULL);
	ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
	if (m && ctx && EVP_PKEY_verify_init(ctx) > 0 &&
	    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0 &&
	    EVP_PKEY_CTX_set_signature_md(ctx, m) > 0)
		rc = EVP_PKEY_verify(ctx, sig, siglen, dgst, dlen);
	EVP_PKEY_CTX_free(ctx);
	EVP_MD_free(m);
	ERR_clear_error();
	return rc == 1;
}

bool fmt_ed25519_verify(EVP_PKEY *k, const uint8_t *sig, size_t siglen, const uint8_t *msg,
			size_t mlen)
{
	EVP_MD_CTX *c;
	int rc = 0;

	if (!k || EVP_PKEY_get_base_id(k) != EVP_PKEY_ED25519)
		return false;
	c = EVP_MD_CTX_new();
	if (c && EVP_DigestVerifyInit_ex(c, NULL, NULL, NULL, NULL, k, NULL) > 0)
		rc = EVP_DigestVerify(c, sig, siglen, msg, mlen);
	EVP_MD_CTX_free(c);
	ERR_clear_error();
	return rc == 1;
}

bool fmt_ecdsa_high_s(enum fmt_curve c, const uint8_t *s, size_t slen)
{
	EC_GROUP *g;
	BIGNUM *bs, *half;
	bool high = false;

	if (!fmt_curve_name(c))
		return false;
	g = EC_GROUP_new_by_curve_name(curves[c].nid);
	bs = BN_bin2bn(s, (int)slen, NULL);
	half = BN_new();
	if (g && bs && half && BN_rshift1(half, EC_GROUP_get0_order(g)))
		high = BN_cmp(bs, half) > 0;
	BN_free(half);
	BN_free(bs);
	EC_GROUP_free(g);
	return high;
}

/* DER length field; returns bytes used or 0. */
static size_t der_len(const uint8_t *p, size_t avail, size_t *len)
{
	if (!avail)
		return 0;
	if (p[0] < 0x80) {
		*len = p[0];
		return 1;
	}
	if (p[0] == 0x81 && avail >= 2 && p[1] >= 0x80) {
		*len = p[1];
		return 2;
	}
	return 0;
}

static size_t der_get_int(const uint8_t *p, size_t avail, size_t n, uint8_t *out)
{
	size_t l, h;

	if (avail < 2 || p[0] != 0x02)
		return 0;
	h = der_len(p + 1, avail - 1, &l);
	if (!h || !l || l > avail - 1 - h)
		return 0;
	p += 1 + h;
	avail = l;
	while (l > 1 && !p[0]) {
		p++;
		l--;
	}
	if (l > n)
		return 0;
	memset(out, 0, n - l);
	memcpy(out + n - l, p, l);
	return 1 + h + avail;
}

size_t fmt_der_to_rs(const uint8_t *der, size_t len, size_t n, uint8_t *rs)
{
	size_t l, h, a, b;

	if (len < 8 || der[0] != 0x30)
		return 0;
	h = der_len(der + 1, len - 1, &l);
	if (!h || l > len - 1 - h)
		return 0;
	a = der_get_int(der + 1 + h, l, n, rs);
	if (!a)
		return 0;
	b = der_get_int(der + 1 + h + a, l - a, n, rs + n);
	if (!b || a + b != l)
		return 0;
	return 1 + h + l;
}

/* ---- public-key encodings -------------------------------------------- */

size_t fmt_key_spki(EVP_PKEY *k, uint8_t *buf, size_t size)
{
	int n = i2d_PUBKEY(k, NULL);
	uint8_t *p = buf;

	if (n <= 0 || (size_t)n > size)
		return 0;
	return (size_t)i2d_PUBKEY(k, &p);
}

size_t fmt_key_pkcs1(EVP_PKEY *k, uint8_t *buf, size_t size)
{
	uint8_t *p = buf;
	int n;

	if (EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA)
		return 0;
	n = i2d_PublicKey(k, NULL);
	if (n <= 0 || (size_t)n > size)
		return 0;
	return (size_t)i2d_PublicKey(k, &p);
}

size_t fmt_key_raw(EVP_PKEY *k, uint8_t *buf, size_t size)
{
	size_t len = size;

	if (EVP_PKEY_get_base_id(k) == EVP_PKEY_ED25519 &&
	    EVP_PKEY_get_raw_public_key(k, buf, &len) == 1)
		return len;
	if (EVP_PKEY_get_base_id(k) == EVP_PKEY_EC) {
		enum fmt_curve c = fmt_key_curve(k);
		size_t xy = 2 * fmt_curve_bytes(c);

		if (c != CURVE_NONE && size > xy) {
			buf[0] = 0x04;
			if (fmt_key_xy(k, buf + 1, xy))
				return xy + 1;
		}
	}
	ERR_clear_error();
	return 0;
}

EVP_PKEY *fmt_key_from_bytes(const uint8_t *p, size_t len)
{
	const uint8_t *q = p;
	EVP_PKEY *k;

	k = d2i_PUBKEY(NULL, &q, (long)len);
	if (!k) {
		q = p;
		k = d2i_PublicKey(EVP_PKEY_RSA, NULL, &q, (long)len);
	}
	if (!k && len == 32)
		k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, p, len);
	ERR_clear_error();
	return k;
}

void fmt_key_desc(EVP_PKEY *k, char *buf, size_t size)
{
	switch (EVP_PKEY_get_base_id(k)) {
	case EVP_PKEY_RSA:
		snprintf(buf, size, "RSA-%d", EVP_PKEY_get_bits(k));
		break;
	case EVP_PKEY_EC: {
		enum fmt_curve c = fmt_key_curve(k);

		snprintf(buf, size, "EC %s", c ? fmt_curve_name(c) : "(other curve)");
		break;
	}
	case EVP_PKEY_ED25519:
		snprintf(buf, size, "Ed25519");
		break;
	default:
		snprintf(buf, size, "%s", EVP_PKEY_get0_type_name(k) ? EVP_PKEY_get0_type_name(k) : "unknown");
	}
}
