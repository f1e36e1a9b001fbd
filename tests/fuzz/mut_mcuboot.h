/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Structure-aware mutator for MCUboot images behind fuzz_fmt_mcuboot's
 * mode byte: header, payload, protected and unprotected TLV areas, slot
 * trailer.  It adds, removes, repeats, moves (between the areas) or
 * resizes one TLV, rebuilds the boot record as a CBOR map of random
 * items, changes a header field or the trailer, then (usually) repairs
 * the areas' it_tlv_tot, ih_protect_tlv_size, ih_img_size and the image
 * hash TLV, and one time in four signs the image with a P-256 key it puts
 * in a PUBKEY TLV (and KEYHASH), so the hash, signature, key-hash and
 * boot-record checks run on well-formed images wrong in one place.
 */
#ifndef FUZZ_MUT_MCUBOOT_H
#define FUZZ_MUT_MCUBOOT_H

#include <openssl/evp.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../builders/fmt_build.c"
#pragma GCC diagnostic pop

#include "mutate.h"

#define MC_MAX_TLV	32

struct mc_tlv {
	uint16_t type, len;	/* len: what the record says */
	uint8_t *v;
	uint16_t vlen;
};

struct mc_area {
	bool present;
	unsigned int n;
	struct mc_tlv t[MC_MAX_TLV];
};

struct mc_img {
	uint8_t *hdr, *pay, *trail;
	uint32_t hdr_len, pay_len, trail_len;
	struct mc_area a[2];	/* 0 protected, 1 unprotected */
};

static void mc_free(struct mc_img *m)
{
	unsigned int i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < m->a[k].n; i++)
			free(m->a[k].t[i].v);
	free(m->hdr);
	free(m->pay);
	free(m->trail);
	memset(m, 0, sizeof(*m));
}

/* the TLV area at @off with @magic: records into @a; returns its end */
static size_t mc_area_parse(const uint8_t *d, size_t n, size_t off, struct mc_area *a)
{
	size_t end = off + fz_get16(d + off + 2), p = off + 4;

	if (end > n)
		end = n;
	a->present = true;
	while (p + 4 <= end && a->n < MC_MAX_TLV) {
		struct mc_tlv *t = &a->t[a->n];
		size_t l = fz_get16(d + p + 2);

		t->type = fz_get16(d + p);
		t->len = (uint16_t)l;
		if (l > end - p - 4)
			l = end - p - 4;
		t->vlen = (uint16_t)l;
		t->v = fz_dup(d + p + 4, l);
		a->n++;
		p += 4 + l;
	}
	return end;
}

static bool mc_parse(const uint8_t *d, size_t n, struct mc_img *m)
{
	size_t hs, off;

	memset(m, 0, sizeof(*m));
	if (n < 32)
		return false;
	hs = fz_get16(d + 8);
	if (hs < 32 || (uint64_t)hs + fz_get32(d + 12) + 4 > n)
		return false;
	m->hdr_len = (uint32_t)hs;
	m->hdr = fz_dup(d, hs);
	m->pay_len = fz_get32(d + 12);
	m->pay = fz_dup(d + hs, m->pay_len);
	off = hs + m->pay_len;
	if (fz_get16(d + off) == 0x6908)
		off = mc_area_parse(d, n, off, &m->a[0]);
	if (off + 4 <= n && fz_get16(d + off) == 0x6907)
		off = mc_area_parse(d, n, off, &m->a[1]);
	m->trail_len = (uint32_t)(n - off);
	m->trail = fz_dup(d + off, m->trail_len);
	return m->hdr && m->pay && m->trail;
}

static EVP_PKEY *mc_key(void)
{
	static EVP_PKEY *k;

	if (!k)
		k = EVP_EC_gen("P-256");
	return k;
}

static struct mc_tlv *mc_find(struct mc_area *a, uint16_t type)
{
	unsigned int i;

	for (i = 0; i < a->n; i++)
		if (a->t[i].type == type)
			return &a->t[i];
	return NULL;
}

static void mc_set(struct mc_tlv *t, const uint8_t *v, size_t n)
{
	uint8_t *c = fz_dup(v, n);	/* (v may be t->v) */

	free(t->v);
	t->v = c;
	t->vlen = t->len = c ? (uint16_t)n : 0;
}

static struct mc_tlv *mc_add(struct mc_area *a, unsigned int at, uint16_t type)
{
	struct mc_tlv *t;

	if (a->n >= MC_MAX_TLV)
		return NULL;
	if (at > a->n)
		at = a->n;
	memmove(&a->t[at + 1], &a->t[at], (a->n - at) * sizeof(a->t[0]));
	a->n++;
	a->present = true;
	t = &a->t[at];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->v = fz_dup(NULL, 0);
	return t;
}

static void mc_del(struct mc_area *a, unsigned int at)
{
	free(a->t[at].v);
	memmove(&a->t[at], &a->t[at + 1], (a->n - at - 1) * sizeof(a->t[0]));
	a->n--;
}

/* A boot record: a CBOR map of the fields MCUboot reads, and others. */
static size_t mc_boot_record(struct fz_rng *r, uint8_t *p, size_t hlen)
{
	static const char *const strs[] = { "SPE", "NSPE", "SHA256", "SHA384", "1.2.3", "" };
	uint8_t zero[64] = { 0 };
	unsigned int items = fz_below(r, 7), i, k;
	size_t o = 0;

	o += cbor_head(p + o, 5, items);
	for (i = 0; i < items; i++) {
		k = fz_one_in(r, 6) ? fz_below(r, 30) : (unsigned int[]){ 1, 4, 5, 6, 2 }[
			i < 4 ? i : 4];
		o += cbor_head(p + o, fz_one_in(r, 8) ? 3 : 0, k);
		switch (fz_below(r, 8)) {
		case 0:		/* nested, possibly deep or too long */
			o += cbor_head(p + o, 4 + fz_below(r, 2), fz_below(r, 4));
			break;
		case 1:		/* indefinite length, reserved, tag, simple */
			p[o++] = (uint8_t[]){ 0x9f, 0x1c, 0xc6, 0xf7 }[fz_below(r, 4)];
			break;
		case 2:
			o += cbor_head(p + o, 0, fz_rand(r) & 0xffff);
			break;
		default:
			if (k == 2 || k == 5)
				o += cbor_str(p + o, 2, zero, k == 2 ? hlen : 32);
			else {
				const char *str = strs[fz_below(r, 6)];

				o += cbor_str(p + o, 3, str, strlen(str));
			}
			break;
		}
		if (o > 400)
			break;
	}
	if (fz_one_in(r, 4) && o > 1)
		o -= fz_below(r, (uint32_t)o);	/* cut */
	return o;
}

static void mc_insert(struct fz_rng *r, struct mc_img *m)
{
	static const uint16_t types[] = { 0x01, 0x02, 0x10, 0x11, 0x12, 0x20, 0x22, 0x24, 0x25,
					  0x40, 0x50, 0x60, 0xa0, 0x33, 0x99 };
	struct mc_area *a = &m->a[fz_below(r, 2)];
	uint16_t type = types[fz_below(r, sizeof(types) / sizeof(types[0]))];
	struct mc_tlv *t = mc_add(a, fz_below(r, a->n + 1), type);
	uint8_t v[512];
	size_t n, i;

	if (!t)
		return;
	switch (type) {
	case 0x50: n = 4; break;
	case 0x40: n = 12; break;
	case 0x25: n = 1; break;
	case 0x60: n = mc_boot_record(r, v, 32); break;
	case 0x10: n = 32; break;
	case 0x11: n = 48; break;
	case 0x12: n = 64; break;
	case 0x22: n = 70 + fz_below(r, 4); break;
	default: n = fz_below(r, 100); break;
	}
	if (type != 0x60)
		for (i = 0; i < n; i++)
			v[i] = (uint8_t)(type == 0x25 ? 1 : fz_rand(r));
	mc_set(t, v, n);
}

/* the hash TLV's value: the digest of header + payload + protected area */
static void mc_fix(struct mc_img *m, const uint8_t *out, size_t len, size_t prot_end)
{
	struct mc_tlv *h = NULL;
	unsigned int i;
	uint8_t d[64];
	unsigned int dl = 0;
	const EVP_MD *md;

	for (i = 0; i < m->a[1].n && !h; i++)
		if (m->a[1].t[i].type >= 0x10 && m->a[1].t[i].type <= 0x12)
			h = &m->a[1].t[i];
	if (!h || prot_end > len)
		return;
	md = h->type == 0x10 ? EVP_sha256() : h->type == 0x11 ? EVP_sha384() : EVP_sha512();
	if (EVP_Digest(out, prot_end, d, &dl, md, NULL) != 1 || h->vlen != dl || h->len != dl)
		return;
	memcpy(h->v, d, dl);	/* written again by the caller */
}

static size_t mc_emit_area(struct fz_out *o, struct mc_area *a, uint16_t magic, bool fix)
{
	size_t start = o->len, i;

	if (!a->present)
		return 0;
	fz_emit16(o, magic);
	fz_emit16(o, 0);
	for (i = 0; i < a->n; i++) {
		fz_emit16(o, a->t[i].type);
		fz_emit16(o, a->t[i].len);
		fz_emit(o, a->t[i].v, a->t[i].vlen);
	}
	if (fix && start + 4 <= o->len)
		fz_put16(o->p + start + 2, (uint16_t)(o->len - start));
	return o->len - start;
}

static size_t mc_write(struct mc_img *m, uint8_t *out, size_t max, bool fix)
{
	struct fz_out o;
	size_t prot;

	fz_out_init(&o, out, max);
	fz_emit(&o, m->hdr, m->hdr_len);
	fz_emit(&o, m->pay, m->pay_len);
	prot = mc_emit_area(&o, &m->a[0], 0x6908, fix);
	mc_emit_area(&o, &m->a[1], 0x6907, fix);
	fz_emit(&o, m->trail, m->trail_len);
	if (fix && m->hdr_len >= 16 && !o.full) {
		fz_put16(out + 10, (uint16_t)prot);
		fz_put32(out + 12, m->pay_len);
	}
	return o.len;
}

/* sign with mc_key(): PUBKEY, KEYHASH, hash TLV and ECDSA_SIG in place */
static void mc_sign(struct mc_img *m)
{
	EVP_PKEY *k = mc_key();
	uint8_t spki[128], kh[32], sig[80];
	size_t sl, kl;
	unsigned int dl = 0;
	struct mc_tlv *t;

	if (!k || !(kl = key_bytes(k, spki, sizeof(spki))))
		return;
	EVP_Digest(spki, kl, kh, &dl, EVP_sha256(), NULL);
	if ((t = mc_find(&m->a[1], 0x02)) || (t = mc_add(&m->a[1], 0, 0x02)))
		mc_set(t, spki, kl);
	if ((t = mc_find(&m->a[1], 0x01)))
		mc_set(t, kh, 32);
	if (!(t = mc_find(&m->a[1], 0x10)) && !(t = mc_add(&m->a[1], m->a[1].n, 0x10)))
		return;
	if (t->vlen != 32) {
		uint8_t z[32] = { 0 };

		mc_set(t, z, 32);
	}
	/* the signature TLV gets its final size now; its value after hashing */
	if (!(t = mc_find(&m->a[1], 0x22)) && !(t = mc_add(&m->a[1], m->a[1].n, 0x22)))
		return;
	sl = 72;
	memset(sig, 0, sizeof(sig));
	mc_set(t, sig, sl);
}

static size_t mc_mutate(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	struct fz_rng r;
	struct mc_img m;
	struct mc_area *a;
	struct mc_tlv *t;
	uint8_t *out;
	size_t n, prot_end;
	bool fix = true, sign;

	fz_seed(&r, seed);
	memset(&m, 0, sizeof(m));
	if (fz_blind_only() || size < 2 || fz_one_in(&r, 8) || !mc_parse(data + 1, size - 1, &m)) {
		mc_free(&m);
		return fz_blind(data, size, max_size);
	}
	a = &m.a[fz_below(&r, 2)];
	switch (fz_below(&r, 14)) {
	case 0:
	case 1:
		mc_insert(&r, &m);
		break;
	case 2:
		if (a->n)
			mc_del(a, fz_below(&r, a->n));
		break;
	case 3:		/* move one TLV to the other area */
	case 4:		/* or repeat it in its own */
		if (a->n) {
			struct mc_area *b = fz_one_in(&r, 2) ? &m.a[0] : &m.a[1];
			unsigned int at = fz_below(&r, a->n);
			struct mc_tlv c = a->t[at];
			uint8_t *v = fz_dup(c.v, c.vlen);

			if (v && (t = mc_add(b, fz_below(&r, b->n + 1), c.type)))
				mc_set(t, v, c.vlen);
			free(v);
			if (b != a && fz_one_in(&r, 2))
				mc_del(a, at < a->n && a->t[at].v == c.v ? at : 0);
		}
		break;
	case 5:		/* a TLV length that lies */
		if (a->n) {
			t = &a->t[fz_below(&r, a->n)];
			t->len = (uint16_t)fz_len(&r, t->len, t->vlen);
		}
		break;
	case 6:
		if (a->n) {
			t = &a->t[fz_below(&r, a->n)];
			fz_mutate_bytes(t->v, t->vlen);
		}
		break;
	case 7:		/* a new boot record */
		if ((t = mc_find(&m.a[0], 0x60)) || (t = mc_add(&m.a[0], 0, 0x60))) {
			uint8_t v[512];

			mc_set(t, v, mc_boot_record(&r, v, 32));
		}
		break;
	case 8:		/* header fields: hdr_size, prot_size, img_size, flags, version */
		{
			static const uint8_t fo[] = { 8, 10, 12, 16, 20 };
			uint8_t o = fo[fz_below(&r, 5)];

			if (o == 12)
				fz_put32(m.hdr + o, fz_len(&r, m.pay_len, m.pay_len));
			else if (o == 16)
				fz_put32(m.hdr + o, 1u << fz_below(&r, 12));
			else
				fz_put16(m.hdr + o, (uint16_t)fz_len(&r, fz_get16(m.hdr + o), size));
			fix = o >= 16;
		}
		break;
	case 9:		/* a slot trailer, or none */
		free(m.trail);
		m.trail_len = fz_one_in(&r, 3) ? 0 : 16 + 4 * 8 * (1 + fz_below(&r, 2)) + fz_below(&r, 64);
		m.trail = calloc(1, m.trail_len ? m.trail_len : 1);
		if (m.trail && m.trail_len >= 16) {
			static const uint8_t magic[16] = { 0x77, 0xc2, 0x95, 0xf3, 0x60, 0xd2, 0xef,
							   0x7f, 0x35, 0x52, 0x50, 0x0f, 0x2c, 0xb6,
							   0x79, 0x80 };
			uint8_t *e = m.trail + m.trail_len - 16;

			memcpy(e, magic, 16);
			if (fz_one_in(&r, 2))
				fz_put16(e, (uint16_t)(1u << fz_below(&r, 12)));
			m.trail[m.trail_len - 16 - 8 * (1 + fz_below(&r, 3))] = (uint8_t)fz_rand(&r);
		} else if (!m.trail) {
			m.trail_len = 0;
		}
		break;
	case 10:
		fz_mutate_bytes(m.pay, m.pay_len);
		break;
	case 11:	/* the protected area goes away, or appears empty */
		if (m.a[0].present && !m.a[0].n)
			m.a[0].present = false;
		else
			m.a[0].present = true;
		break;
	default:
		break;
	}
	sign = fix && fz_one_in(&r, 4);
	if (sign)
		mc_sign(&m);
	out = malloc(max_size);
	if (!out) {
		mc_free(&m);
		return fz_blind(data, size, max_size);
	}
	out[0] = data[0];
	n = 1 + mc_write(&m, out + 1, max_size - 1, fix);
	/* the hash over what was written, then written again with it */
	prot_end = m.hdr_len + m.pay_len + (m.a[0].present ? fz_get16(out + 1 + 10) : 0);
	if (fix && fz_below(&r, 4)) {
		mc_fix(&m, out + 1, n - 1, prot_end);
		n = 1 + mc_write(&m, out + 1, max_size - 1, fix);
	}
	if (sign) {
		struct mc_tlv *h = mc_find(&m.a[1], 0x10), *s = mc_find(&m.a[1], 0x22);

		if (h && s && h->vlen == 32) {
			uint8_t der[80];
			size_t l = ecdsa_sign_der(mc_key(), h->v, 32, der, sizeof(der));

			if (l && l <= s->vlen) {
				memset(s->v, 0, s->vlen);	/* imgtool --pad-sig */
				memcpy(s->v, der, l);
				n = 1 + mc_write(&m, out + 1, max_size - 1, fix);
			}
		}
	}
	memcpy(data, out, n);
	free(out);
	mc_free(&m);
	return n;
}

#endif
