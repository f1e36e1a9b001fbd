/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Structure-aware mutator for STM32 boot-ROM images (header v1.0, v2.x,
 * v2.3) behind fuzz_fmt_stm32's mode byte: adds, removes, repeats or
 * resizes one extension header (authentication, decryption, padding,
 * unknown), changes pk_idx/nb_pk/algo, image_length, the payload or the
 * signature, then (usually) repairs extension_headers_length,
 * image_length, the checksum, the extension flags and the PKH entry, and
 * one time in four signs the image with a P-256 key whose X||Y it puts
 * in the header, so the signature and experiment paths run.  The mode
 * byte is set to "keep the header version as it is".
 */
#ifndef FUZZ_MUT_STM32_H
#define FUZZ_MUT_STM32_H

#include <openssl/evp.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../builders/fmt_build.c"
#pragma GCC diagnostic pop

#include "mutate.h"

#define ST_MAX_EXT	16
#define EXT_AUTH	0x02005453u
#define EXT_DEC		0x01005453u
#define EXT_PAD		0xFFFF5453u

struct st_ext {
	uint32_t type, len;	/* len: what the header says */
	uint8_t *data;		/* dlen bytes after the 8-byte header */
	uint32_t dlen;
};

struct st_img {
	unsigned int ver;	/* 10, 22 (any 2.x at 0x48), 23 */
	size_t ver_off, base, sig_len;
	uint8_t hdr[0x100];	/* the base header */
	unsigned int next;
	struct st_ext ext[ST_MAX_EXT];
	uint8_t *pay;
	uint32_t pay_len;
};

static void st_free(struct st_img *s)
{
	unsigned int i;

	for (i = 0; i < s->next; i++)
		free(s->ext[i].data);
	free(s->pay);
	memset(s, 0, sizeof(*s));
}

static bool st_parse(const uint8_t *d, size_t n, struct st_img *s)
{
	size_t off, end;
	uint32_t v;

	memset(s, 0, sizeof(*s));
	if (n < 0x80 || fz_get32(d) != 0x324D5453)
		return false;
	if (n >= 0xA0 && fz_get32(d + 0x68) == 0x00020300) {
		s->ver = 23;
		s->ver_off = 0x68;
		s->base = 0xA0;
		s->sig_len = 96;
	} else {
		v = fz_get32(d + 0x48);
		s->ver_off = 0x48;
		s->sig_len = 64;
		if ((v & 0xFFFF00FFu) == 0x00010000u) {
			s->ver = 10;
			s->base = 0x100;
		} else if ((v & 0xFFFF00FFu) == 0x00020000u) {
			s->ver = 22;
			s->base = 0x80;
		} else {
			return false;
		}
	}
	if (n < s->base)
		return false;
	memcpy(s->hdr, d, s->base);
	off = s->base;
	end = s->base;
	if (s->ver != 10) {
		uint64_t e = s->base + (uint64_t)fz_get32(d + s->ver_off + 32);

		end = e < n ? (size_t)e : n;
		while (off + 8 <= end && s->next < ST_MAX_EXT) {
			struct st_ext *x = &s->ext[s->next];
			uint32_t len = fz_get32(d + off + 4);
			size_t dl = len >= 8 && len <= end - off ? len - 8 : end - off - 8;

			x->type = fz_get32(d + off);
			x->len = len;
			x->dlen = (uint32_t)dl;
			x->data = malloc(dl ? dl : 1);
			if (!x->data)
				return false;
			memcpy(x->data, d + off + 8, dl);
			s->next++;
			off += 8 + dl;
		}
		end = off;
	}
	s->pay_len = (uint32_t)(n - end);
	s->pay = malloc(s->pay_len ? s->pay_len : 1);
	if (!s->pay)
		return false;
	memcpy(s->pay, d + end, s->pay_len);
	return true;
}

static size_t st_keylen(const struct st_img *s)
{
	return s->ver == 23 ? 96 : 64;
}

/* a new extension header of @type with a body of plausible size */
static void st_insert(struct fz_rng *r, struct st_img *s, uint32_t type)
{
	struct st_ext *x;
	uint32_t at, i, nb = fz_below(r, 10);

	if (s->next >= ST_MAX_EXT)
		return;
	at = fz_below(r, s->next + 1);
	memmove(&s->ext[at + 1], &s->ext[at], (s->next - at) * sizeof(s->ext[0]));
	s->next++;
	x = &s->ext[at];
	x->type = type;
	if (type == EXT_AUTH)
		x->dlen = (uint32_t)(12 + st_keylen(s) + nb * (s->ver == 23 ? 48 : 32));
	else if (type == EXT_DEC)
		x->dlen = 24;
	else
		x->dlen = fz_below(r, 64);
	if (fz_one_in(r, 8))
		x->dlen = fz_below(r, 200);
	x->len = x->dlen + 8;
	x->data = calloc(1, x->dlen ? x->dlen : 1);
	if (!x->data) {
		x->dlen = 0;
		return;
	}
	if (type == EXT_AUTH && x->dlen >= 12) {
		fz_put32(x->data, fz_below(r, nb + 1));	/* pk_idx */
		fz_put32(x->data + 4, nb);
		fz_put32(x->data + 8, 1 + fz_below(r, 4));
		for (i = 12; i < x->dlen; i++)
			x->data[i] = (uint8_t)fz_rand(r);
	}
}

static EVP_PKEY *st_key(void)
{
	static EVP_PKEY *k;

	if (!k)
		k = EVP_EC_gen("P-256");
	return k;
}

/* PKH entry and signature from st_key(): the valid-signature paths */
static void st_sign(struct st_img *s, uint8_t *img, size_t len)
{
	EVP_PKEY *k = st_key();
	uint8_t xy[64], d[32], algo[4];
	size_t hdr_end = len - s->pay_len, keyoff = 0, i;
	uint8_t *auth = NULL;

	if (!k || !ec_xy(k, xy) || s->ver == 23)
		return;
	if (s->ver == 10) {
		fz_put32(img + 0x68, 1);
		memcpy(img + 0x6C, xy, 64);
	} else {
		/* the first authentication extension in the serialized image */
		size_t off = s->base;

		for (i = 0; i < s->next && off + 8 <= hdr_end; i++) {
			uint32_t l = fz_get32(img + off + 4);

			if (fz_get32(img + off) == EXT_AUTH && l >= 20 + 64 && off + l <= hdr_end) {
				auth = img + off;
				break;
			}
			if (l < 8 || off + l > hdr_end)
				return;
			off += l;
		}
		if (!auth)
			return;
		fz_put32(auth + 16, 1);
		memcpy(auth + 20, xy, 64);
		keyoff = 84;
		/* pk_hashes[pk_idx] = SHA-256(LE32 algo || X || Y) */
		if (fz_get32(auth + 8) < fz_get32(auth + 12) &&
		    keyoff + 32ULL * (fz_get32(auth + 8) + 1) <= fz_get32(auth + 4)) {
			EVP_MD_CTX *c = EVP_MD_CTX_new();
			unsigned int dl = 0;

			fz_put32(algo, 1);
			if (c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) &&
			    EVP_DigestUpdate(c, algo, 4) && EVP_DigestUpdate(c, xy, 64))
				EVP_DigestFinal_ex(c, auth + keyoff + 32 * fz_get32(auth + 8), &dl);
			EVP_MD_CTX_free(c);
		}
	}
	{
		unsigned int dl = 0;

		if (s->ver_off + 8 > len || EVP_Digest(img + s->ver_off, len - s->ver_off, d, &dl,
						       EVP_sha256(), NULL) != 1)
			return;
	}
	ecdsa_sign_raw(k, d, 32, img + 4, 32);
}

static size_t st_write(struct fz_rng *r, struct st_img *s, uint8_t *out, size_t max, bool fix)
{
	struct fz_out o;
	uint32_t ext_len, flags = 0, sum = 0, i;

	fz_out_init(&o, out, max);
	fz_emit(&o, s->hdr, s->base);
	for (i = 0; i < s->next; i++) {
		fz_emit32(&o, s->ext[i].type);
		fz_emit32(&o, s->ext[i].len);
		fz_emit(&o, s->ext[i].data, s->ext[i].dlen);
		flags |= s->ext[i].type == EXT_AUTH ? 1 : s->ext[i].type == EXT_DEC ? 2 :
			 s->ext[i].type == EXT_PAD ? 0x80000000u : 0;
	}
	ext_len = (uint32_t)(o.len - s->base);
	fz_emit(&o, s->pay, s->pay_len);
	if (o.full || o.len < s->base)
		return o.len;
	if (fix) {
		if (s->ver != 10) {
			fz_put32(out + s->ver_off + 32, ext_len);
			if (fz_below(r, 4))
				fz_put32(out + s->ver_off + 28, flags);
		}
		fz_put32(out + s->ver_off + 4, s->pay_len);
		for (i = 0; i < s->pay_len; i++)
			sum += s->pay[i];
		if (fz_below(r, 8))
			fz_put32(out + s->ver_off - 4, sum);
		if (fz_one_in(r, 4))
			st_sign(s, out, o.len);
	}
	return o.len;
}

static size_t st_mutate(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	static const uint32_t types[] = { EXT_AUTH, EXT_DEC, EXT_PAD, 0x03005453u, 0 };
	struct fz_rng r;
	struct st_img s;
	struct st_ext *x;
	uint8_t *out;
	size_t n;
	bool fix = true;

	fz_seed(&r, seed);
	memset(&s, 0, sizeof(s));
	if (fz_blind_only() || size < 2 || fz_one_in(&r, 8) || !st_parse(data + 1, size - 1, &s)) {
		st_free(&s);
		return fz_blind(data, size, max_size);
	}
	switch (fz_below(&r, 14)) {
	case 0:
	case 1:
		if (s.ver != 10)
			st_insert(&r, &s, types[fz_below(&r, 5)]);
		break;
	case 2:		/* remove one extension */
		if (s.next) {
			unsigned int at = fz_below(&r, s.next);

			free(s.ext[at].data);
			memmove(&s.ext[at], &s.ext[at + 1], (s.next - at - 1) * sizeof(s.ext[0]));
			s.next--;
		}
		break;
	case 3:		/* the same extension twice */
		if (s.next && s.next < ST_MAX_EXT) {
			x = &s.ext[fz_below(&r, s.next)];
			s.ext[s.next] = *x;
			s.ext[s.next].data = malloc(x->dlen ? x->dlen : 1);
			if (s.ext[s.next].data) {
				memcpy(s.ext[s.next].data, x->data, x->dlen);
				s.next++;
			}
		}
		break;
	case 4:		/* an extension length that lies */
		if (s.next) {
			x = &s.ext[fz_below(&r, s.next)];
			x->len = fz_len(&r, x->len, x->dlen + 8);
		}
		break;
	case 5:		/* pk_idx, nb_pk, algo of an authentication extension */
		if (s.next) {
			x = &s.ext[fz_below(&r, s.next)];
			if (x->dlen >= 12) {
				uint32_t o = 4 * fz_below(&r, 3);

				fz_put32(x->data + o, o == 8 ? fz_below(&r, 6) :
					 fz_len(&r, fz_get32(x->data + o), 9));
			}
		}
		if (s.ver == 10)
			fz_put32(s.hdr + 0x68, fz_below(&r, 6));
		break;
	case 6:		/* image_length, extension_headers_length, flags */
		fz_put32(s.hdr + s.ver_off + 4 * (1 + 6 * fz_below(&r, 2)),
			 fz_len(&r, s.pay_len, s.pay_len));
		if (s.ver != 10 && fz_one_in(&r, 2))
			fz_put32(s.hdr + s.ver_off + 32, fz_len(&r, 0, size));
		fix = false;
		break;
	case 7:		/* header fields: version bytes, reserved, binary type, padding */
		fz_mutate_bytes(s.hdr + s.ver_off, s.base - s.ver_off);
		break;
	case 8:
		fz_mutate_bytes(s.pay, s.pay_len);
		break;
	case 9:		/* signature bytes (e.g. a DER blob pasted) */
		fz_mutate_bytes(s.hdr + 4, s.sig_len);
		if (fz_one_in(&r, 2)) {
			s.hdr[4] = 0x30;
			s.hdr[5] = (uint8_t)(0x44 + fz_below(&r, 4));
			s.hdr[6] = 0x02;
		}
		break;
	case 10:	/* cut the payload */
		s.pay_len = fz_below(&r, s.pay_len + 1);
		fix = fz_one_in(&r, 2);
		break;
	case 11:	/* an extension's body */
		if (s.next) {
			x = &s.ext[fz_below(&r, s.next)];
			fz_mutate_bytes(x->data, x->dlen);
		}
		break;
	default:
		break;
	}
	out = malloc(max_size);
	if (!out) {
		st_free(&s);
		return fz_blind(data, size, max_size);
	}
	out[0] = (uint8_t)((data[0] & ~3u) | 3u);	/* keep the header version */
	n = 1 + st_write(&r, &s, out + 1, max_size - 1, fix);
	memcpy(data, out, n);
	free(out);
	st_free(&s);
	return n;
}

#endif
