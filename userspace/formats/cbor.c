// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Bounded CBOR (RFC 8949) reader for the MCUboot boot record: definite
 * lengths only, no allocation, every length checked against the buffer.
 */
#include <string.h>

#include "formats/priv.h"

#define CBOR_MAX_DEPTH 8

void cbor_init(struct cbor_rd *c, const uint8_t *p, size_t len)
{
	c->p = p;
	c->len = len;
	c->pos = 0;
	c->err = NULL;
	c->need = 0;
	c->have = len;
}

static bool fail(struct cbor_rd *c, const char *why)
{
	if (!c->err)
		c->err = why;
	return false;
}

/* An item that claims @n bytes from pos on, past the end of the record. */
static bool fail_len(struct cbor_rd *c, const char *why, uint64_t n)
{
	if (!c->err) {
		c->need = n > UINT64_MAX - c->pos ? UINT64_MAX : (uint64_t)c->pos + n;
		c->have = c->len;
	}
	return fail(c, why);
}

bool cbor_next(struct cbor_rd *c, struct cbor_item *it)
{
	uint8_t ib, major, ai;
	uint64_t v = 0;
	size_t n, i;

	if (c->err)
		return false;
	if (c->pos >= c->len)
		return fail_len(c, "unexpected end of data", 1);
	it->off = c->pos;
	ib = c->p[c->pos++];
	major = ib >> 5;
	ai = ib & 0x1f;
	if (ai < 24) {
		v = ai;
	} else if (ai <= 27) {
		n = (size_t)1 << (ai - 24);
		if (n > c->len - c->pos)
			return fail_len(c, "truncated integer", n);
		for (i = 0; i < n; i++)
			v = v << 8 | c->p[c->pos++];
	} else {
		return fail(c, ai == 31 ? "indefinite length (not used by MCUboot)" : "reserved additional-information value");
	}
	it->val = v;
	it->data = NULL;
	switch (major) {
	case 0: it->type = CBOR_UINT; break;
	case 1: it->type = CBOR_NINT; break;
	case 2:
	case 3:
		it->type = major == 2 ? CBOR_BSTR : CBOR_TSTR;
		if (v > c->len - c->pos)
			return fail_len(c, "string runs past the end of the record", v);
		it->data = c->p + c->pos;
		c->pos += (size_t)v;
		break;
	case 4: it->type = CBOR_ARRAY; break;
	case 5: it->type = CBOR_MAP; break;
	case 6: it->type = CBOR_TAG; break;
	default: it->type = CBOR_SIMPLE; break;
	}
	return true;
}

static bool skip_depth(struct cbor_rd *c, const struct cbor_item *it, int depth)
{
	struct cbor_item sub;
	uint64_t n, i;

	if (depth > CBOR_MAX_DEPTH)
		return fail(c, "nesting too deep");
	switch (it->type) {
	case CBOR_ARRAY:
	case CBOR_MAP:
		n = it->type == CBOR_MAP ? it->val * 2 : it->val;
		if (it->val > c->len || n > c->len - c->pos)
			return fail(c, "container has more items than bytes left");
		for (i = 0; i < n; i++)
			if (!cbor_next(c, &sub) || !skip_depth(c, &sub, depth + 1))
				return false;
		return true;
	case CBOR_TAG:
		return cbor_next(c, &sub) && skip_depth(c, &sub, depth + 1);
	default:
		return true;
	}
}

bool cbor_skip(struct cbor_rd *c, const struct cbor_item *it)
{
	return skip_depth(c, it, 0);
}
