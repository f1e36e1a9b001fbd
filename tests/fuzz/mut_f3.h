/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Structure-aware mutator for OP-TEE remoteproc F3 containers
 * {magic, version, tlv_len, sign_len, img_len} TLVs signature ELF...:
 * changes one TLV (value, length, presence), one hash-table entry, one
 * ELF header / program header / section header field, or one header
 * word, then (usually) repairs the header lengths, IMGSIZE and the
 * segment hashes, so the TA-order checks behind them run.  Inputs that
 * are not F3 get libFuzzer's byte mutation.
 */
#ifndef FUZZ_MUT_F3_H
#define FUZZ_MUT_F3_H

#include <openssl/sha.h>

#include "mutate.h"

#define F3_MAX_TLV	64

struct f3_tlv {
	uint32_t type;
	uint32_t len;		/* what the record says */
	uint8_t *val;		/* vlen bytes (malloc'd by f3_parse / mutations) */
	uint32_t vlen;
};

struct f3 {
	uint32_t w[5];
	unsigned int nt;
	struct f3_tlv t[F3_MAX_TLV];
	uint8_t *sig;
	uint32_t sig_len;
	uint8_t *img;		/* the image area (all images) */
	uint32_t img_len;
};

static void f3_free(struct f3 *f)
{
	unsigned int i;

	for (i = 0; i < f->nt; i++)
		free(f->t[i].val);
	free(f->sig);
	free(f->img);
	memset(f, 0, sizeof(*f));
}

/* false: not an F3 container this mutator can take apart */
static bool f3_parse(const uint8_t *d, size_t n, struct f3 *f)
{
	uint64_t off = 20, end, sig_off, img_off;
	unsigned int i;

	memset(f, 0, sizeof(*f));
	if (n < 20 || fz_get32(d) != 0x3543a468U)
		return false;
	for (i = 0; i < 5; i++)
		f->w[i] = fz_get32(d + 4 * i);
	end = 20 + (uint64_t)f->w[2];
	if (end > n)
		end = n;
	while (off + 8 <= end && f->nt < F3_MAX_TLV) {
		uint32_t type = fz_get32(d + off), len = fz_get32(d + off + 4);
		uint64_t vlen = len <= end - off - 8 ? len : end - off - 8;

		f->t[f->nt].type = type;
		f->t[f->nt].len = len;
		f->t[f->nt].vlen = (uint32_t)vlen;
		f->t[f->nt].val = fz_dup(d + off + 8, vlen);
		f->nt++;
		off += 8 + ((vlen + 7) & ~7ULL);
	}
	sig_off = 20 + (((uint64_t)f->w[2] + 7) & ~7ULL);
	img_off = sig_off + (((uint64_t)f->w[3] + 7) & ~7ULL);
	if (sig_off <= n) {
		f->sig_len = (uint32_t)(f->w[3] <= n - sig_off ? f->w[3] : n - sig_off);
		f->sig = fz_dup(d + sig_off, f->sig_len);
	}
	if (img_off <= n) {
		f->img_len = (uint32_t)(n - img_off);
		f->img = fz_dup(d + img_off, f->img_len);
	}
	if (!f->sig)
		f->sig = fz_dup(d, 0);
	if (!f->img)
		f->img = fz_dup(d, 0);
	return f->sig && f->img;
}

static struct f3_tlv *f3_find(struct f3 *f, uint32_t type)
{
	unsigned int i;

	for (i = 0; i < f->nt; i++)
		if (f->t[i].type == type)
			return &f->t[i];
	return NULL;
}

/* value of a program-header or ELF field, as a boundary of the image */
static void f3_elf_field(struct fz_rng *r, struct f3 *f)
{
	static const uint8_t eh_fields[] = { 28, 32 };		/* phoff, shoff */
	static const uint8_t eh16[] = { 42, 44, 46, 48, 50 };	/* phentsize..shstrndx */
	uint8_t *e = f->img;
	uint32_t phoff, phnum, k;

	if (f->img_len < 52)
		return;
	phoff = fz_get32(e + 28);
	phnum = fz_get16(e + 44);
	switch (fz_below(r, 4)) {
	case 0: {
		uint8_t o = eh_fields[fz_below(r, 2)];

		fz_put32(e + o, fz_len(r, fz_get32(e + o), f->img_len));
		break;
	}
	case 1: {
		uint8_t o = eh16[fz_below(r, 5)];

		fz_put16(e + o, (uint16_t)fz_len(r, fz_get16(e + o), f->img_len / 32));
		break;
	}
	case 2:
		/* a program header field: type, offset, paddr, filesz, memsz */
		if (!phnum || (uint64_t)phoff + 32ULL * phnum > f->img_len)
			return;
		k = fz_below(r, phnum);
		{
			static const uint8_t po[] = { 0, 4, 12, 16, 20 };
			uint8_t *p = e + phoff + 32 * k;
			uint8_t o = po[fz_below(r, 5)];

			if (o == 12 && phnum > 1)	/* the paddr of another one */
				fz_put32(p + o, fz_get32(e + phoff + 32 * fz_below(r, phnum) + 12));
			else
				fz_put32(p + o, o == 0 ? (fz_one_in(r, 2) ? 1 : fz_rand(r)) :
					 fz_len(r, fz_get32(p + o), f->img_len));
		}
		break;
	default: {
		/* a section header's name, offset or size */
		uint32_t shoff = fz_get32(e + 32), shnum = fz_get16(e + 48);
		static const uint8_t so[] = { 0, 16, 20 };

		if (!shnum || (uint64_t)shoff + 40ULL * shnum > f->img_len)
			return;
		k = fz_below(r, shnum);
		{
			uint8_t *s = e + shoff + 40 * k;
			uint8_t o = so[fz_below(r, 3)];

			fz_put32(s + o, fz_len(r, fz_get32(s + o), f->img_len));
		}
		break;
	}
	}
}

/* a field of one 64-byte (or 80-byte) hash-table entry */
static void f3_table_field(struct fz_rng *r, struct f3 *f, struct f3_tlv *t)
{
	uint32_t esz = t->type == 0x12 ? 80 : 64, n = t->vlen / esz, k, o;
	uint8_t *e;

	if (!n)
		return;
	k = fz_below(r, n);
	e = t->val + esz * k;
	o = 4 * fz_below(r, 8);
	if (o == 12 && n > 1 && fz_one_in(r, 2))	/* duplicate p_paddr */
		fz_put32(e + 12, fz_get32(t->val + esz * fz_below(r, n) + 12));
	else if (o == 0)
		fz_put32(e, fz_one_in(r, 2) ? 1 : fz_rand(r));
	else
		fz_put32(e + o, fz_len(r, fz_get32(e + o), f->img_len));
}

static void f3_insert(struct fz_rng *r, struct f3 *f)
{
	static const uint32_t types[] = { 1, 2, 3, 4, 5, 6, 0x10, 0x11, 0x12, 0x10001, 0x10002,
					  0x10005, 0x20000, 0 };
	struct f3_tlv *t;
	uint32_t i, at;

	if (f->nt >= F3_MAX_TLV)
		return;
	at = fz_below(r, f->nt + 1);
	memmove(&f->t[at + 1], &f->t[at], (f->nt - at) * sizeof(f->t[0]));
	f->nt++;
	t = &f->t[at];
	t->type = fz_one_in(r, 8) ? fz_rand(r) : types[fz_below(r, sizeof(types) / 4)];
	t->vlen = fz_one_in(r, 2) ? 1 + fz_below(r, 4) * 3 : fz_below(r, 300);
	if (t->type == 0x10001 || t->type == 0x10002)
		t->vlen = fz_one_in(r, 4) ? fz_below(r, 8) : 4;
	t->len = t->vlen;
	t->val = malloc(t->vlen ? t->vlen : 1);
	for (i = 0; t->val && i < t->vlen; i++)
		t->val[i] = (uint8_t)(i == 0 ? fz_below(r, 3) : fz_rand(r));
	if (!t->val)
		t->vlen = t->len = 0;
}

static void f3_delete(struct fz_rng *r, struct f3 *f)
{
	uint32_t at;

	if (!f->nt)
		return;
	at = fz_below(r, f->nt);
	free(f->t[at].val);
	memmove(&f->t[at], &f->t[at + 1], (f->nt - at - 1) * sizeof(f->t[0]));
	f->nt--;
}

static void f3_duplicate(struct fz_rng *r, struct f3 *f)
{
	uint32_t at;

	if (!f->nt || f->nt >= F3_MAX_TLV)
		return;
	at = fz_below(r, f->nt);
	f->t[f->nt] = f->t[at];
	f->t[f->nt].val = fz_dup(f->t[at].val, f->t[at].vlen);
	f->nt++;
}

/* the image bytes each hash-table entry covers, hashed again */
static void f3_fix_hashes(struct f3 *f)
{
	unsigned int i;

	for (i = 0; i < f->nt; i++) {
		struct f3_tlv *t = &f->t[i];
		uint32_t esz = t->type == 0x12 ? 80 : 64, k;

		if ((t->type != 0x10 && t->type != 0x12) || t->len != t->vlen)
			continue;
		for (k = 0; k + 1 <= t->vlen / esz; k++) {
			uint8_t *e = t->val + esz * k;
			uint64_t off = fz_get32(e + 4), sz = fz_get32(e + 16);

			if (off + sz <= f->img_len)
				SHA256(f->img + off, sz, e + 32);
		}
	}
}

static size_t f3_write(const struct f3 *f, uint8_t *out, size_t max, bool fix)
{
	struct fz_out o;
	uint32_t w[5];
	size_t tlv_start, tlv_len, i;

	memcpy(w, f->w, sizeof(w));
	fz_out_init(&o, out, max);
	fz_emit(&o, NULL, 20);
	tlv_start = o.len;
	/* every F3 length is rounded up to 8 on its own (the area starts at 20) */
	for (i = 0; i < f->nt; i++) {
		fz_emit32(&o, f->t[i].type);
		fz_emit32(&o, f->t[i].len);
		fz_emit(&o, f->t[i].val, f->t[i].vlen);
		fz_emit(&o, NULL, (8 - f->t[i].vlen % 8) % 8);
	}
	tlv_len = o.len - tlv_start;
	fz_emit(&o, f->sig, f->sig_len);
	fz_emit(&o, NULL, (8 - f->sig_len % 8) % 8);
	fz_emit(&o, f->img, f->img_len);
	if (fix)	/* the F3 size equation rounds img_len up */
		fz_emit(&o, NULL, (8 - f->img_len % 8) % 8);
	if (fix) {
		w[2] = (uint32_t)tlv_len;
		w[3] = f->sig_len;
		w[4] = f->img_len;
	}
	for (i = 0; i < 5 && 4 * i + 4 <= max; i++)
		fz_put32(out + 4 * i, w[i]);
	return o.len < max ? o.len : max;
}

static size_t f3_mutate(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	struct fz_rng r;
	struct f3 f;
	struct f3_tlv *t;
	uint8_t *out;
	size_t n;
	bool fix = true;
	uint32_t m;

	fz_seed(&r, seed);
	memset(&f, 0, sizeof(f));
	/*
	 * One in two: bytes.  Side by side (120 s each) the byte mutation
	 * found edges the structured one did not and the reverse; the mix
	 * keeps both.
	 */
	if (fz_blind_only() || fz_one_in(&r, 2) || !f3_parse(data, size, &f)) {
		f3_free(&f);
		return fz_blind(data, size, max_size);
	}
	m = fz_below(&r, 16);
	switch (m) {
	case 0:
	case 1:		/* a TLV value (a hash-table field for tables) */
		if (!f.nt)
			break;
		t = &f.t[fz_below(&r, f.nt)];
		if ((t->type == 0x10 || t->type == 0x12) && fz_one_in(&r, 4) == 0)
			f3_table_field(&r, &f, t);
		else
			fz_mutate_bytes(t->val, t->vlen);
		break;
	case 2:		/* a TLV length that lies */
		if (!f.nt)
			break;
		t = &f.t[fz_below(&r, f.nt)];
		t->len = fz_len(&r, t->len, t->vlen);
		break;
	case 3:
		f3_insert(&r, &f);
		break;
	case 4:
		f3_delete(&r, &f);
		break;
	case 5:
		f3_duplicate(&r, &f);
		break;
	case 6:
	case 7:
	case 8:
		f3_elf_field(&r, &f);
		break;
	case 9:		/* a header word */
		m = 1 + fz_below(&r, 4);
		f.w[m] = m == 1 ? fz_below(&r, 3) : fz_len(&r, f.w[m], size);
		fix = false;
		break;
	case 10:	/* signature bytes */
		fz_mutate_bytes(f.sig, f.sig_len);
		break;
	case 11:	/* image bytes */
		fz_mutate_bytes(f.img + (f.img_len > 64 ? fz_below(&r, f.img_len - 64) : 0),
				f.img_len < 64 ? f.img_len : 64);
		break;
	case 12:	/* NUM_IMG / IMGSIZE / IMGTYPE values */
		t = f3_find(&f, fz_one_in(&r, 3) ? 3 : fz_one_in(&r, 2) ? 4 : 5);
		if (t && t->vlen >= 1)
			t->val[fz_below(&r, t->vlen)] = (uint8_t)fz_len(&r, 1, f.img_len);
		if (t && t->type == 5 && t->vlen >= 4)
			fz_put32(t->val, fz_len(&r, fz_get32(t->val), f.img_len));
		break;
	case 13:	/* cut or grow the image */
		if (fz_one_in(&r, 2) && f.img_len)
			f.img_len = fz_below(&r, f.img_len);
		fix = fz_one_in(&r, 2);
		break;
	default:	/* the table entries' hashes stay stale: mismatch paths */
		break;
	}
	if (m != 15 && fz_below(&r, 4))
		f3_fix_hashes(&f);
	t = f3_find(&f, 5);
	if (fix && m != 12 && t && t->vlen == 4 && t->len == 4 && fz_below(&r, 4))
		fz_put32(t->val, f.img_len);
	out = malloc(max_size ? max_size : 1);
	if (!out) {
		f3_free(&f);
		return fz_blind(data, size, max_size);
	}
	n = f3_write(&f, out, max_size, fix);
	memcpy(data, out, n);
	free(out);
	f3_free(&f);
	return n;
}

#endif
