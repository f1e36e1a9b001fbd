// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Test image builder: STM32 boot-ROM images and MCUboot images signed with
 * generated keys, with deliberate signing mistakes.  See fmt_build.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "fmt_build.h"

/* ---- byte helpers ------------------------------------------------------ */

static void le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (uint8_t)(seed >> 16);
	}
}

static size_t md_once(const char *md, const uint8_t *a, size_t alen, const uint8_t *b,
		      size_t blen, uint8_t *out)
{
	unsigned int n = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_MD *m = EVP_MD_fetch(NULL, md, NULL);

	if (!c || !m || !EVP_DigestInit_ex(c, m, NULL) || !EVP_DigestUpdate(c, a, alen) ||
	    (blen && !EVP_DigestUpdate(c, b, blen)) || !EVP_DigestFinal_ex(c, out, &n))
		n = 0;
	EVP_MD_free(m);
	EVP_MD_CTX_free(c);
	return n;
}

/* ---- keys -------------------------------------------------------------- */

EVP_PKEY *fb_keygen(const char *type)
{
	if (!strcmp(type, "RSA-2048"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	if (!strcmp(type, "RSA-3072"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)3072);
	if (!strcmp(type, "Ed25519"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	return EVP_PKEY_Q_keygen(NULL, NULL, "EC", type);
}

int fb_write_pubkey(EVP_PKEY *k, const char *path)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = PEM_write_PUBKEY(f, k);
	return fclose(f) || !ok ? -1 : 0;
}

int fb_write_privkey(EVP_PKEY *k, const char *path)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
	return fclose(f) || !ok ? -1 : 0;
}

static size_t ec_bytes(EVP_PKEY *k)
{
	return EVP_PKEY_get_bits(k) > 256 ? 48 : 32;
}

static bool ec_xy(EVP_PKEY *k, uint8_t *xy)
{
	uint8_t pt[1 + 96];
	size_t len = 0, n = ec_bytes(k);

	if (!EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pt, sizeof(pt), &len) ||
	    len != 1 + 2 * n)
		return false;
	memcpy(xy, pt + 1, 2 * n);
	return true;
}

static uint32_t ec_algo(EVP_PKEY *k)
{
	char name[64];
	size_t l;

	if (!EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof(name), &l))
		return 0;
	if (!strcmp(name, "prime256v1") || !strcmp(name, "P-256"))
		return 1;
	if (!strcmp(name, "brainpoolP256t1"))
		return 2;
	if (!strcmp(name, "secp384r1") || !strcmp(name, "P-384"))
		return 3;
	if (!strcmp(name, "brainpoolP384t1"))
		return 4;
	return 0;
}

/* DER ECDSA signature over a digest */
static size_t ecdsa_sign_der(EVP_PKEY *k, const uint8_t *d, size_t dlen, uint8_t *der, size_t size)
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
	size_t n = size;

	if (!c || EVP_PKEY_sign_init(c) <= 0 || EVP_PKEY_sign(c, der, &n, d, dlen) <= 0)
		n = 0;
	EVP_PKEY_CTX_free(c);
	return n;
}

/* raw big-endian r || s, n bytes each */
static bool ecdsa_sign_raw(EVP_PKEY *k, const uint8_t *d, size_t dlen, uint8_t *rs, size_t n)
{
	uint8_t der[160];
	const uint8_t *p = der;
	size_t l = ecdsa_sign_der(k, d, dlen, der, sizeof(der));
	ECDSA_SIG *sig;
	bool ok;

	if (!l)
		return false;
	sig = d2i_ECDSA_SIG(NULL, &p, (long)l);
	if (!sig)
		return false;
	ok = BN_bn2binpad(ECDSA_SIG_get0_r(sig), rs, (int)n) == (int)n &&
	     BN_bn2binpad(ECDSA_SIG_get0_s(sig), rs + n, (int)n) == (int)n;
	ECDSA_SIG_free(sig);
	return ok;
}

/* ---- STM32 ------------------------------------------------------------- */

struct st_layout {
	size_t base, sig_len, ver_off, keylen, pkh_len;
	uint32_t version;
};

static bool st_layout(unsigned int ver, struct st_layout *l)
{
	memset(l, 0, sizeof(*l));
	l->sig_len = 64;
	l->ver_off = 0x48;
	l->keylen = 64;
	l->pkh_len = 32;
	switch (ver) {
	case 10: l->base = 0x100; l->version = 0x00010000; return true;
	case 20: l->base = 0x80; l->version = 0x00020000; return true;
	case 22: l->base = 0x80; l->version = 0x00020200; return true;
	case 23:
		l->base = 0xA0; l->version = 0x00020300; l->sig_len = 96; l->ver_off = 0x68;
		l->keylen = 96; l->pkh_len = 48;
		return true;
	default:
		return false;
	}
}

static void pkh_table(const struct fb_stm32_spec *s, const struct st_layout *l, uint32_t algo,
		      const uint8_t *keyslot, uint8_t *table)
{
	const char *md = l->pkh_len == 48 ? "SHA384" : "SHA256";
	size_t n = ec_bytes(s->key);
	unsigned int i;
	uint8_t a[4], xy[96];

	for (i = 0; i < s->nb_pk && i < 8; i++) {
		uint8_t *e = table + i * l->pkh_len;

		if (i == s->pk_idx) {
			le32(a, algo);
			if (s->mistake == FB_STM32_BAD_PKH && s->other && ec_xy(s->other, xy))
				md_once(md, a, 4, xy, 2 * n, e);
			else
				md_once(md, a, 4, keyslot, 2 * n, e);
		} else {
			uint8_t dummy[8] = "otherkey";

			dummy[7] = (uint8_t)i;
			md_once(md, dummy, 8, NULL, 0, e);
		}
	}
}

static uint32_t st_algo(const struct fb_stm32_spec *s)
{
	uint32_t algo = ec_algo(s->key);

	if (s->mistake == FB_STM32_WRONG_ALGO)
		algo = algo == 1 ? 2 : algo == 2 ? 1 : algo == 3 ? 4 : 3;
	return algo;
}

uint8_t *fb_stm32(const struct fb_stm32_spec *s, size_t *lenp)
{
	struct st_layout l;
	size_t n, hdr, auth_len = 0, total, end, i, start, stop;
	uint32_t algo, cks = 0;
	uint8_t *b, xy[96] = { 0 }, d[64], d2[64], rs[96];
	unsigned int nb_pk = s->nb_pk ? s->nb_pk : 1;
	const char *md;
	size_t dlen;
	EVP_PKEY *signer = s->mistake == FB_STM32_OTHER_KEY && s->other ? s->other : s->key;
	struct fb_stm32_spec sp = *s;

	if (!st_layout(s->ver, &l) || !s->key || !ec_xy(s->key, xy))
		return NULL;
	sp.nb_pk = nb_pk;
	n = ec_bytes(s->key);
	md = n == 48 ? "SHA384" : "SHA256";
	algo = st_algo(s);
	if (s->ver == 10) {
		hdr = l.base;
	} else {
		size_t target = s->ver == 23 ? 0x240 : 0x200;

		if (!s->no_auth)
			auth_len = 8 + 12 + l.keylen + nb_pk * l.pkh_len;
		if (s->decrypt)
			auth_len += 32;		/* decryption extension follows */
		if (l.base + auth_len + 8 > target)
			target = (l.base + auth_len + 8 + 15) & ~(size_t)15;
		hdr = target;		/* a padding extension fills up to here */
	}
	total = hdr + s->payload_len + s->trailing +
		(s->mistake == FB_STM32_RANGE_EOF && !s->trailing ? 16 : 0);
	b = calloc(1, total);
	if (!b)
		return NULL;
	memcpy(b, "STM2", 4);
	le32(b + l.ver_off, l.version);
	le32(b + l.ver_off + 4, (uint32_t)s->payload_len);
	le32(b + l.ver_off + 8, 0x2FFE0000);		/* entry point */
	le32(b + l.ver_off + 16, 0x2FFE0000);		/* load address */
	le32(b + l.ver_off + 24, 3);			/* image_version */
	if (s->ver == 10) {
		le32(b + 0x64, 0);			/* option_flags: check signature */
		le32(b + 0x68, algo);
		memcpy(b + 0x6C, xy, 64);
		b[0xFF] = 0x10;
	} else {
		size_t off = l.base;

		le32(b + l.ver_off + 28, (s->no_auth ? 0 : 1) | (s->decrypt ? 2 : 0) | 0x80000000u);
		le32(b + l.ver_off + 32, (uint32_t)(hdr - l.base));
		le32(b + l.ver_off + 36, 0x10);
		if (!s->no_auth) {
			size_t alen = auth_len - (s->decrypt ? 32 : 0);

			le32(b + off, 0x02005453);
			le32(b + off + 4, (uint32_t)alen);
			le32(b + off + 8, s->mistake == FB_STM32_PK_IDX ? nb_pk : s->pk_idx);
			le32(b + off + 12, nb_pk);
			le32(b + off + 16, algo);
			memcpy(b + off + 20, xy, 2 * n);
			pkh_table(&sp, &l, algo, b + off + 20, b + off + 20 + l.keylen);
			off += alen;
		}
		if (s->decrypt) {
			le32(b + off, 0x01005453);
			le32(b + off + 4, 32);
			le32(b + off + 8, 128);			/* key size */
			le32(b + off + 12, 0x12345678);		/* derivation constant */
			memset(b + off + 16, 0xd5, 16);		/* plain payload hash MSBs */
			off += 32;
		}
		le32(b + off, 0xFFFF5453);
		le32(b + off + 4, (uint32_t)(hdr - off));
	}
	fill(b + hdr, s->payload_len, 0x5eed + (uint32_t)s->payload_len);
	for (i = 0; i < s->payload_len; i++)
		cks += b[hdr + i];
	le32(b + l.ver_off - 4, s->mistake == FB_STM32_BAD_CHECKSUM ? cks + 1 : cks);
	end = hdr + s->payload_len;
	for (i = end; i < total; i++)
		b[i] = 0xFF;			/* trailing alignment padding */

	if (s->mistake != FB_STM32_UNSIGNED) {
		start = l.ver_off;
		stop = end;
		if (s->mistake == FB_STM32_RANGE_EOF)
			stop = total;
		else if (s->mistake == FB_STM32_RANGE_0)
			start = 0;
		else if (s->mistake == FB_STM32_RANGE_44)
			start = 0x44;
		else if (s->mistake == FB_STM32_RANGE_80)
			start = 0x80;
		dlen = md_once(md, b + start, stop - start, NULL, 0, d);
		if (s->mistake == FB_STM32_DOUBLE_HASH) {
			md_once(md, d, dlen, NULL, 0, d2);
			memcpy(d, d2, dlen);
		}
		if (s->mistake == FB_STM32_DER_RAW) {
			uint8_t der[160];
			size_t dl = ecdsa_sign_der(signer, d, dlen, der, sizeof(der));

			if (!dl) {
				free(b);
				return NULL;
			}
			memcpy(b + 4, der, dl < l.sig_len ? dl : l.sig_len);
		} else {
			int tries = 0;

			do {	/* R_UNPADDED needs an r below 2^(8(n-1)): about 1 in 256 */
				if (!ecdsa_sign_raw(signer, d, dlen, rs, n) || ++tries > 20000) {
					free(b);
					return NULL;
				}
			} while (s->mistake == FB_STM32_R_UNPADDED && rs[0]);
			if (s->mistake == FB_STM32_SWAPPED) {
				memcpy(b + 4, rs + n, n);
				memcpy(b + 4 + n, rs, n);
			} else if (s->mistake == FB_STM32_LITTLE_ENDIAN) {
				for (i = 0; i < n; i++) {
					b[4 + i] = rs[n - 1 - i];
					b[4 + n + i] = rs[2 * n - 1 - i];
				}
			} else if (s->mistake == FB_STM32_R_UNPADDED) {
				memcpy(b + 4, rs + 1, 2 * n - 1);	/* last byte stays 0 */
			} else {
				memcpy(b + 4, rs, 2 * n);
			}
		}
	}
	if (s->mistake == FB_STM32_TAMPERED && s->payload_len) {
		/* change a payload byte and keep the checksum right */
		b[hdr] ^= 0x01;
		cks = 0;
		for (i = 0; i < s->payload_len; i++)
			cks += b[hdr + i];
		le32(b + l.ver_off - 4, cks);
	}
	if (s->mistake == FB_STM32_TRUNCATED)
		total = hdr + s->payload_len / 2;
	*lenp = total;
	return b;
}

int fb_stm32_otp_hash(const struct fb_stm32_spec *s, char *hex, size_t size)
{
	struct st_layout l;
	uint8_t table[8 * 48], xy[96] = { 0 }, d[48];
	struct fb_stm32_spec sp = *s;
	size_t dl, i;

	if (!st_layout(s->ver, &l) || !ec_xy(s->key, xy))
		return -1;
	sp.nb_pk = s->nb_pk ? s->nb_pk : 1;
	if (s->ver == 10) {
		dl = md_once("SHA256", xy, 64, NULL, 0, d);
	} else {
		pkh_table(&sp, &l, st_algo(s), xy, table);
		dl = md_once(l.pkh_len == 48 ? "SHA384" : "SHA256", table, sp.nb_pk * l.pkh_len, NULL, 0, d);
	}
	if (size < 2 * dl + 1)
		return -1;
	for (i = 0; i < dl; i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
	return 0;
}

/* ---- MCUboot ------------------------------------------------------------ */

struct tlvbuf {
	uint8_t b[4096];
	size_t len;
};

static void tlv_add(struct tlvbuf *t, uint16_t type, const uint8_t *v, size_t len)
{
	if (t->len + 4 + len > sizeof(t->b))
		return;
	le16(t->b + t->len, type);
	le16(t->b + t->len + 2, (uint16_t)len);
	memcpy(t->b + t->len + 4, v, len);
	t->len += 4 + len;
}

/* CBOR head */
static size_t cbor_head(uint8_t *p, uint8_t major, size_t v)
{
	if (v < 24) {
		p[0] = (uint8_t)(major << 5 | v);
		return 1;
	}
	if (v < 256) {
		p[0] = (uint8_t)(major << 5 | 24);
		p[1] = (uint8_t)v;
		return 2;
	}
	p[0] = (uint8_t)(major << 5 | 25);
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)v;
	return 3;
}

static size_t cbor_str(uint8_t *p, uint8_t major, const void *s, size_t len)
{
	size_t h = cbor_head(p, major, len);

	memcpy(p + h, s, len);
	return h + len;
}

static size_t key_bytes(EVP_PKEY *k, uint8_t *out, size_t size)
{
	uint8_t *p = out;
	int n;

	if (EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA)
		n = i2d_PublicKey(k, NULL);
	else
		n = i2d_PUBKEY(k, NULL);
	if (n <= 0 || (size_t)n > size)
		return 0;
	return (size_t)(EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA ? i2d_PublicKey(k, &p) : i2d_PUBKEY(k, &p));
}

static size_t mcu_sign(EVP_PKEY *k, const char *md, const uint8_t *d, size_t dlen, uint8_t *sig,
		       size_t size, uint16_t *type)
{
	size_t n = size;
	int id = EVP_PKEY_get_base_id(k);

	if (id == EVP_PKEY_EC) {
		*type = 0x22;
		return ecdsa_sign_der(k, d, dlen, sig, size);
	}
	if (id == EVP_PKEY_ED25519) {
		EVP_MD_CTX *c = EVP_MD_CTX_new();

		*type = 0x24;
		if (!c || EVP_DigestSignInit_ex(c, NULL, NULL, NULL, NULL, k, NULL) <= 0 ||
		    EVP_DigestSign(c, sig, &n, d, dlen) <= 0)
			n = 0;
		EVP_MD_CTX_free(c);
		return n;
	}
	if (id == EVP_PKEY_RSA) {
		EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
		EVP_MD *m = EVP_MD_fetch(NULL, md, NULL);

		*type = EVP_PKEY_get_bits(k) == 3072 ? 0x23 : 0x20;
		if (!c || !m || EVP_PKEY_sign_init(c) <= 0 ||
		    EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_PSS_PADDING) <= 0 ||
		    EVP_PKEY_CTX_set_signature_md(c, m) <= 0 ||
		    EVP_PKEY_CTX_set_rsa_mgf1_md(c, m) <= 0 ||
		    EVP_PKEY_CTX_set_rsa_pss_saltlen(c, 32) <= 0 ||
		    EVP_PKEY_sign(c, sig, &n, d, dlen) <= 0)
			n = 0;
		EVP_MD_free(m);
		EVP_PKEY_CTX_free(c);
		return n;
	}
	return 0;
}

uint8_t *fb_mcuboot(const struct fb_mcu_spec *s, size_t *lenp)
{
	size_t hdr = s->hdr_size ? s->hdr_size : 0x20, hlen, total, covered, off;
	bool p384 = EVP_PKEY_get_base_id(s->key) == EVP_PKEY_EC && EVP_PKEY_get_bits(s->key) > 256;
	const char *md = s->pure ? "SHA512" : p384 ? "SHA384" : "SHA256";
	uint16_t hash_type = s->pure ? 0x12 : p384 ? 0x11 : 0x10, sig_type = 0;
	struct tlvbuf *prot, *unprot;
	uint8_t *b, d[64], kb[2048], kh[64], okh[64], sig[1024], v[64];
	size_t kblen, siglen;
	EVP_PKEY *signer = s->mistake == FB_MCU_OTHER_KEY && s->other ? s->other : s->key;

	prot = calloc(1, sizeof(*prot));
	unprot = calloc(1, sizeof(*unprot));
	b = calloc(1, hdr + s->payload_len + 2 * sizeof(prot->b) + 4096);
	if (!prot || !unprot || !b)
		goto fail;
	hlen = s->pure ? 64 : p384 ? 48 : 32;
	kblen = key_bytes(signer, kb, sizeof(kb));
	md_once(md, kb, kblen, NULL, 0, kh);
	if (s->other) {
		uint8_t ob[2048];
		size_t obl = key_bytes(s->other, ob, sizeof(ob));

		md_once(md, ob, obl, NULL, 0, okh);
	}

	/* protected TLVs */
	if (s->dependency) {
		uint8_t dep[12] = { 1, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0 };

		tlv_add(s->mistake == FB_MCU_UNPROT_DEPENDENCY ? unprot : prot, 0x40, dep, 12);
	}
	if (s->sec_cnt) {
		le32(v, 7);
		tlv_add(s->mistake == FB_MCU_UNPROT_SEC_CNT ? unprot : prot, 0x50, v, 4);
	}
	if (s->boot_record) {
		uint8_t cb[256], zero[64];
		size_t o = 0;
		char ver[32];

		memset(zero, s->mistake == FB_MCU_BR_NONZERO ? 1 : 0, sizeof(zero));
		snprintf(ver, sizeof(ver), "%u.%u.0", s->ver_major, s->ver_minor);
		o += cbor_head(cb + o, 5, 5);
		o += cbor_head(cb + o, 0, 1);
		o += cbor_str(cb + o, 3, "SPE", 3);
		o += cbor_head(cb + o, 0, 4);
		o += cbor_str(cb + o, 3, ver, strlen(ver));
		o += cbor_head(cb + o, 0, 5);
		o += cbor_str(cb + o, 2, s->mistake == FB_MCU_BR_WRONG_SIGNER ? okh : kh, hlen);
		if (s->mistake == FB_MCU_BR_NOT_LAST) {
			o += cbor_head(cb + o, 0, 2);
			o += cbor_str(cb + o, 2, zero, hlen);
			o += cbor_head(cb + o, 0, 6);
			o += cbor_str(cb + o, 3, md, strlen(md));
		} else {
			o += cbor_head(cb + o, 0, 6);
			o += cbor_str(cb + o, 3, md, strlen(md));
			o += cbor_head(cb + o, 0, 2);
			o += cbor_str(cb + o, 2, zero, hlen);
		}
		tlv_add(prot, 0x60, cb, o);
	}

	/* header */
	le32(b, 0x96F3B83D);
	le32(b + 4, 0);
	le16(b + 8, (uint16_t)hdr);
	le16(b + 10, (uint16_t)(prot->len ? prot->len + 4 + (s->mistake == FB_MCU_PROT_SIZE ? 4 : 0) : 0));
	le32(b + 12, (uint32_t)s->payload_len);
	le32(b + 16, s->flags);
	b[0x14] = s->ver_major;
	b[0x15] = s->ver_minor;
	fill(b + hdr, s->payload_len, 0xc0ffee + (uint32_t)s->payload_len);
	off = hdr + s->payload_len;
	if (prot->len) {
		le16(b + off, 0x6908);
		le16(b + off + 2, (uint16_t)(prot->len + 4));
		memcpy(b + off + 4, prot->b, prot->len);
		off += prot->len + 4;
	}
	covered = off;
	md_once(md, b, s->mistake == FB_MCU_HASH_EXCL_PROT ? hdr + s->payload_len : covered, NULL, 0, d);

	/* unprotected TLVs: hash, key, signature (imgtool order) */
	{
		struct tlvbuf *u = calloc(1, sizeof(*u));

		if (!u)
			goto fail;
		if (!s->no_hash_tlv)
			tlv_add(u, hash_type, d, hlen);
		if (s->pure) {
			uint8_t one = 1;

			tlv_add(u, 0x25, &one, 1);
		}
		if (!s->unsigned_img) {
			uint8_t sd[64];

			if (s->pubkey)
				tlv_add(u, 0x02, kb, kblen);
			else
				tlv_add(u, 0x01, s->mistake == FB_MCU_WRONG_KEYHASH ? okh : kh, hlen);
			memcpy(sd, d, hlen);
			if (s->mistake == FB_MCU_DOUBLE_HASH)
				md_once(md, d, hlen, NULL, 0, sd);
			if (s->pure)	/* the message is the image itself */
				siglen = mcu_sign(signer, md, b, covered, sig, sizeof(sig), &sig_type);
			else
				siglen = mcu_sign(signer, md, sd, hlen, sig, sizeof(sig), &sig_type);
			if (!siglen) {
				free(u);
				goto fail;
			}
			if (s->mistake == FB_MCU_RAW_ECDSA && sig_type == 0x22) {
				uint8_t rs[96];
				const uint8_t *p = sig;
				ECDSA_SIG *es = d2i_ECDSA_SIG(NULL, &p, (long)siglen);
				size_t n = hlen;

				if (!es) {
					free(u);
					goto fail;
				}
				BN_bn2binpad(ECDSA_SIG_get0_r(es), rs, (int)n);
				BN_bn2binpad(ECDSA_SIG_get0_s(es), rs + n, (int)n);
				ECDSA_SIG_free(es);
				memcpy(sig, rs, 2 * n);
				siglen = 2 * n;
			}
			tlv_add(u, sig_type, sig, siglen);
		}
		memcpy(u->b + u->len, unprot->b, unprot->len);	/* misplaced protected TLVs */
		u->len += unprot->len;
		le16(b + off, 0x6907);
		le16(b + off + 2, (uint16_t)(u->len + 4));
		memcpy(b + off + 4, u->b, u->len);
		off += u->len + 4;
		free(u);
	}
	total = off;
	if (s->trailer) {
		static const uint8_t magic[16] = { 0x77, 0xc2, 0x95, 0xf3, 0x60, 0xd2, 0xef, 0x7f,
						   0x35, 0x52, 0x50, 0x0f, 0x2c, 0xb6, 0x79, 0x80 };
		size_t slot = (off + 64 + 1023) & ~(size_t)1023;

		memset(b + off, 0xff, slot - off);
		memcpy(b + slot - 16, magic, 16);
		b[slot - 16 - 8] = 0x01;		/* image_ok */
		total = slot;
	}
	if (s->mistake == FB_MCU_BAD_HASH)
		b[hdr + s->payload_len / 2] ^= 0x80;
	if (s->mistake == FB_MCU_TRUNCATED)
		total = covered + 6;
	free(prot);
	free(unprot);
	*lenp = total;
	return b;
fail:
	free(prot);
	free(unprot);
	free(b);
	return NULL;
}

/* ---- OP-TEE TA ----------------------------------------------------------- */

uint8_t *fb_optee_ta(EVP_PKEY *key, unsigned int type, bool pss, size_t img_len, bool tamper,
		     size_t *lenp)
{
	size_t siglen = (size_t)EVP_PKEY_get_size(key), bs = type == 1 ? 20 : 0;
	size_t total = 20 + 32 + siglen + bs + img_len, n = siglen;
	uint8_t *b = calloc(1, total), d[32];
	EVP_PKEY_CTX *c = NULL;
	EVP_MD_CTX *h = NULL;
	EVP_MD *m = NULL;
	unsigned int dl = 0;
	bool ok = false;

	if (!b)
		return NULL;
	le32(b, 0x4F545348);
	le32(b + 4, type);
	le32(b + 8, (uint32_t)img_len);
	le32(b + 12, pss ? 0x70414930 : 0x70004830);
	le16(b + 16, 32);
	le16(b + 18, (uint16_t)siglen);
	if (bs) {
		uint8_t *u = b + 52 + siglen;

		fill(u, 16, 0xa5a5);		/* UUID */
		le32(u + 16, 5);		/* ta_version */
	}
	fill(b + 52 + siglen + bs, img_len, 0x7a + (uint32_t)img_len);
	memcpy(b + 52 + siglen + bs, "\x7f" "ELF", img_len >= 4 ? 4 : img_len);
	h = EVP_MD_CTX_new();
	m = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (!h || !m || !EVP_DigestInit_ex(h, m, NULL) || !EVP_DigestUpdate(h, b, 20) ||
	    (bs && !EVP_DigestUpdate(h, b + 52 + siglen, bs)) ||
	    !EVP_DigestUpdate(h, b + 52 + siglen + bs, img_len) || !EVP_DigestFinal_ex(h, d, &dl))
		goto out;
	memcpy(b + 20, d, 32);
	c = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
	if (!c || EVP_PKEY_sign_init(c) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_padding(c, pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) <= 0 ||
	    EVP_PKEY_CTX_set_signature_md(c, m) <= 0 ||
	    (pss && EVP_PKEY_CTX_set_rsa_pss_saltlen(c, 32) <= 0) ||
	    EVP_PKEY_sign(c, b + 52, &n, d, 32) <= 0 || n != siglen)
		goto out;
	if (tamper && img_len > 8)
		b[52 + siglen + bs + 8] ^= 0x20;
	ok = true;
out:
	EVP_PKEY_CTX_free(c);
	EVP_MD_free(m);
	EVP_MD_CTX_free(h);
	if (!ok) {
		free(b);
		return NULL;
	}
	*lenp = total;
	return b;
}
