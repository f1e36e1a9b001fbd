/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Helpers of the structure-aware mutators (LLVMFuzzerCustomMutator) of
 * the fuzz targets: a seeded PRNG, values for length/offset/count fields
 * that sit on the boundaries the parsers check (0, what is there - 1,
 * what is there, + 1, what was claimed +- 1, wild), an output buffer that
 * never grows past libFuzzer's max_size, and libFuzzer's own byte
 * mutator on a sub-range.
 *
 * A custom mutator parses its input (falling back to plain byte mutation
 * when it does not parse), changes one field or record, and usually
 * repairs what a blind mutation cannot get past: lengths that must add
 * up, checksums, hashes, sometimes a signature.  So the deep paths
 * (segment tables, extension chains, boot records, the diagnosis) are
 * reached with inputs that are wrong in exactly one place.
 */
#ifndef FUZZ_MUTATE_H
#define FUZZ_MUTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);

struct fz_rng {
	uint64_t s;
};

static inline void fz_seed(struct fz_rng *r, unsigned int seed)
{
	r->s = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)seed << 1 | 1);
}

static inline uint32_t fz_rand(struct fz_rng *r)
{
	r->s ^= r->s << 13;
	r->s ^= r->s >> 7;
	r->s ^= r->s << 17;
	return (uint32_t)(r->s >> 16);
}

static inline uint32_t fz_below(struct fz_rng *r, uint32_t n)
{
	return n ? fz_rand(r) % n : 0;
}

/* true with probability 1/n */
static inline bool fz_one_in(struct fz_rng *r, uint32_t n)
{
	return fz_below(r, n) == 0;
}

/*
 * A value for a field that claims @claimed where @have bytes are: the
 * boundaries the parsers must check, or something wild.
 */
static inline uint32_t fz_len(struct fz_rng *r, uint32_t claimed, uint64_t have)
{
	uint32_t h = have > 0xffffffffULL ? 0xffffffffU : (uint32_t)have;

	switch (fz_below(r, 14)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return h ? h - 1 : 0;
	case 3: return h;
	case 4: return h + 1;
	case 5: return claimed - 1;
	case 6: return claimed + 1;
	case 7: return 0xffffffffU;
	case 8: return 0x80000000U;
	case 9: return 0x7fffffffU;
	case 10: return fz_rand(r);
	case 11: return claimed + 8 * (1 + fz_below(r, 4));
	case 12: return claimed / 2;
	default: return fz_below(r, 512);
	}
}

static inline uint32_t fz_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint16_t fz_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline void fz_put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void fz_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

/* malloc'd copy of p[0..n) (at least 1 byte; p may be NULL when n is 0) */
static inline uint8_t *fz_dup(const uint8_t *p, size_t n)
{
	uint8_t *q = malloc(n ? n : 1);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

/* libFuzzer's byte mutation of p[0..len), keeping the length. */
static inline void fz_mutate_bytes(uint8_t *p, size_t len)
{
	uint8_t tmp[4096];
	size_t n;

	if (!len)
		return;
	if (len > sizeof(tmp))
		len = sizeof(tmp);
	memcpy(tmp, p, len);
	n = LLVMFuzzerMutate(tmp, len, len);
	memcpy(p, tmp, n < len ? n : len);
}

/* An output buffer of at most cap bytes; writes past it are dropped. */
struct fz_out {
	uint8_t *p;
	size_t len, cap;
	bool full;
};

static inline void fz_out_init(struct fz_out *o, uint8_t *p, size_t cap)
{
	o->p = p;
	o->len = 0;
	o->cap = cap;
	o->full = false;
}

static inline void fz_emit(struct fz_out *o, const void *d, size_t n)
{
	if (n > o->cap - o->len) {
		n = o->cap - o->len;
		o->full = true;
	}
	if (n && d)
		memcpy(o->p + o->len, d, n);
	else if (n)
		memset(o->p + o->len, 0, n);
	o->len += n;
}

static inline void fz_emit32(struct fz_out *o, uint32_t v)
{
	uint8_t b[4];

	fz_put32(b, v);
	fz_emit(o, b, 4);
}

static inline void fz_emit16(struct fz_out *o, uint16_t v)
{
	uint8_t b[2];

	fz_put16(b, v);
	fz_emit(o, b, 2);
}

/* zero bytes up to a multiple of @align */
static inline void fz_pad(struct fz_out *o, size_t align)
{
	while (o->len % align && !o->full)
		fz_emit(o, NULL, 1);
}

/*
 * FUZZ_BLIND=1 in the environment turns every custom mutator into plain
 * byte mutation: the same target with and without structure, side by
 * side (campaign.py --blind).
 */
static inline bool fz_blind_only(void)
{
	static int v = -1;

	if (v < 0) {
		const char *e = getenv("FUZZ_BLIND");

		v = e && *e && *e != '0';
	}
	return v;
}

/* Plain byte mutation of the whole input (the fallback). */
static inline size_t fz_blind(uint8_t *data, size_t size, size_t max_size)
{
	return LLVMFuzzerMutate(data, size, max_size);
}

#endif
