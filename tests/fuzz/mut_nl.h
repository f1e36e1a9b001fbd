/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Structure-aware mutator for rproc_diag netlink messages (fuzz_nlparse:
 * byte 0 the genl command, then the attribute stream): parses the
 * attributes along the protocol (kmod/uapi/rproc_diag.h: which are
 * nests, arrays of nests, strings, integers of which width), changes one
 * of them (a value on a boundary of its type or enum, a wrong length, a
 * string without NUL, an unknown type, a nest flag, one array element
 * more than the maximum), adds, removes or repeats one, and writes the
 * message back with consistent nla_len and padding (or, sometimes, one
 * nla_len that lies), so the decoder's checks deep in the attempt record
 * (TA commands, image, analysis findings) and the diagnosis run.
 */
#ifndef FUZZ_MUT_NL_H
#define FUZZ_MUT_NL_H

#include "mutate.h"
#include "rproc_diag.h"

enum nl_kind { K_NONE, K_U8, K_U32, K_S32, K_U64, K_S64, K_STR, K_BIN, K_NEST, K_ARRAY };

struct nl_schema {
	unsigned int max;
	const enum nl_kind *kind;	/* by type, 0..max */
	const struct nl_schema *const *child;	/* for K_NEST/K_ARRAY, by type */
	bool array;			/* elements 0, 1, ...: nests of child[0] */
};

static const enum nl_kind k_hook[] = { 0, K_STR, K_STR, K_U8, K_S32, K_U64, K_U64, K_BIN };
static const enum nl_kind k_sess[] = { 0, K_U32, K_U32, K_S32, K_U32 };
static const enum nl_kind k_cmd[] = { 0, K_U32, K_U32, K_U32, K_S32, K_U64, K_BIN };
static const enum nl_kind k_img[] = { 0, K_U32, K_U32, K_U32, K_U32, K_U32, K_U64, K_U32,
				      K_U32, K_U32, K_U32, K_BIN, K_U32, K_BIN };
static const enum nl_kind k_fnd[] = { 0, K_U32, K_U32, K_U32, K_S64, K_STR, K_BIN };
static const struct nl_schema s_hook = { 7, k_hook, NULL, false };
static const struct nl_schema s_sess = { 4, k_sess, NULL, false };
static const struct nl_schema s_cmd = { 6, k_cmd, NULL, false };
static const struct nl_schema s_img = { 13, k_img, NULL, false };
static const struct nl_schema s_fnd = { 6, k_fnd, NULL, false };
/* arrays: element i has type i and is a nest of the element schema */
static const enum nl_kind k_arr[] = { K_NEST };
static const struct nl_schema *const c_hooks[] = { &s_hook };
static const struct nl_schema *const c_cmds[] = { &s_cmd };
static const struct nl_schema *const c_fnds[] = { &s_fnd };
static const struct nl_schema s_hooks = { 16, k_arr, c_hooks, true };
static const struct nl_schema s_cmds = { 16, k_arr, c_cmds, true };
static const struct nl_schema s_fnds = { 16, k_arr, c_fnds, true };
static const enum nl_kind k_an[] = { 0, K_S32, K_ARRAY };
static const struct nl_schema *const c_an[] = { NULL, NULL, &s_fnds };
static const struct nl_schema s_an = { 2, k_an, c_an, false };
static const enum nl_kind k_top[] = {
	0, K_STR, K_U32, K_U32, K_U32, K_U8, K_U64, K_U64, K_U64, K_U64, K_ARRAY, K_U64, K_U32,
	K_U64, K_U64, K_U32, K_STR, K_STR, K_U64, K_S32, K_U32, K_NEST, K_ARRAY, K_NEST, K_NEST,
	K_BIN,
};
static const struct nl_schema *const c_top[] = {
	[RPROC_DIAG_A_HOOKS] = &s_hooks, [RPROC_DIAG_A_SESSION] = &s_sess,
	[RPROC_DIAG_A_TA_CMDS] = &s_cmds, [RPROC_DIAG_A_IMAGE] = &s_img,
	[RPROC_DIAG_A_ANALYSIS] = &s_an, [RPROC_DIAG_A_PAD] = NULL,
};
static const struct nl_schema s_top = { RPROC_DIAG_A_PAD, k_top, c_top, false };

#define NL_MAX_NODES	256
#define NL_VAL_MAX	320

struct nl_node {
	uint16_t type;		/* with NLA_F_* flags as found */
	int lie;		/* nla_len to write instead of the real one (0: none) */
	const struct nl_schema *s;	/* children's schema (a nest), or NULL */
	int first, next;	/* children, siblings (-1: none) */
	uint16_t vlen;
	uint8_t v[NL_VAL_MAX];	/* payload of a leaf */
};

struct nl_tree {
	unsigned int n;
	struct nl_node a[NL_MAX_NODES];
	int root;		/* first top-level node */
};

static enum nl_kind nl_kind_of(const struct nl_schema *s, uint16_t type)
{
	if (s && s->array)
		return K_NEST;
	type &= 0x3fff;
	return s && type <= s->max ? s->kind[type] : K_NONE;
}

static const struct nl_schema *nl_child(const struct nl_schema *s, uint16_t type)
{
	if (s && s->array)
		return s->child[0];
	type &= 0x3fff;
	if (!s || type > s->max || !s->child)
		return NULL;
	return s->child[type];
}

/* parse [p, p+n) at one level; returns the first node or -1 */
static int nl_parse(struct nl_tree *t, const uint8_t *p, size_t n, const struct nl_schema *s,
		    int depth)
{
	int first = -1, prev = -1;
	size_t off = 0;

	while (off + 4 <= n && t->n < NL_MAX_NODES) {
		uint16_t len = fz_get16(p + off), type = fz_get16(p + off + 2);
		struct nl_node *x;
		int id;
		enum nl_kind k = nl_kind_of(s, type);

		if (len < 4 || len > n - off)
			break;
		id = (int)t->n++;
		x = &t->a[id];
		memset(x, 0, sizeof(*x));
		x->type = type;
		x->first = x->next = -1;
		if ((k == K_NEST || k == K_ARRAY) && depth < 4 && nl_child(s, type)) {
			x->s = nl_child(s, type);
			x->first = nl_parse(t, p + off + 4, len - 4u, x->s, depth + 1);
		} else {
			x->vlen = (uint16_t)(len - 4u < NL_VAL_MAX ? len - 4u : NL_VAL_MAX);
			memcpy(x->v, p + off + 4, x->vlen);
		}
		if (prev >= 0)
			t->a[prev].next = id;
		else
			first = id;
		prev = id;
		off += (len + 3u) & ~3u;
	}
	return first;
}

static size_t nl_write(const struct nl_tree *t, int id, struct fz_out *o)
{
	size_t start = o->len;

	for (; id >= 0; id = t->a[id].next) {
		const struct nl_node *x = &t->a[id];
		size_t at = o->len;

		fz_emit16(o, 0);
		fz_emit16(o, x->type);
		if (x->s || x->first >= 0)
			nl_write(t, x->first, o);
		else
			fz_emit(o, x->v, x->vlen);
		if (at + 4 <= o->len && !o->full)
			fz_put16(o->p + at, (uint16_t)(x->lie ? x->lie : (int)(o->len - at)));
		fz_pad(o, 4);
	}
	return o->len - start;
}

/* a value of @k on its boundaries */
static void nl_value(struct fz_rng *r, struct nl_node *x, enum nl_kind k)
{
	static const uint64_t edge[] = { 0, 1, 2, 3, 4, 5, 6, 7, 0x7f, 0xff, 0x7fffffff, 0x80000000,
					 0xffffffff, 0xffff0006, 0xffff3072, 0xfffffffb,
					 0x7fffffffffffffffULL, 0x8000000000000000ULL, ~0ULL };
	uint64_t v = fz_one_in(r, 4) ? ((uint64_t)fz_rand(r) << 32 | fz_rand(r)) :
		     edge[fz_below(r, sizeof(edge) / sizeof(edge[0]))];
	unsigned int i;

	switch (k) {
	case K_U8:
		x->vlen = 1;
		x->v[0] = (uint8_t)v;
		break;
	case K_U32:
	case K_S32:
		x->vlen = 4;
		fz_put32(x->v, (uint32_t)v);
		break;
	case K_U64:
	case K_S64:
		x->vlen = 8;
		fz_put32(x->v, (uint32_t)v);
		fz_put32(x->v + 4, (uint32_t)(v >> 32));
		break;
	case K_STR:
		x->vlen = (uint16_t)(fz_one_in(r, 4) ? NL_VAL_MAX : fz_below(r, 80));
		for (i = 0; i < x->vlen; i++)
			x->v[i] = (uint8_t)(fz_one_in(r, 16) ? fz_rand(r) : 'a' + fz_below(r, 26));
		if (x->vlen && fz_below(r, 4))
			x->v[x->vlen - 1] = 0;
		break;
	default:
		x->vlen = (uint16_t)fz_below(r, 40);
		for (i = 0; i < x->vlen; i++)
			x->v[i] = (uint8_t)fz_rand(r);
		break;
	}
}

/* a random node */
static int nl_pick(struct fz_rng *r, struct nl_tree *t)
{
	return t->n ? (int)fz_below(r, t->n) : -1;
}

/* the parent's schema of node @id (top level: s_top), and its parent */
static const struct nl_schema *nl_level(struct nl_tree *t, int id, int *parent)
{
	unsigned int i;
	int c;

	*parent = -1;
	for (i = 0; i < t->n; i++)
		for (c = t->a[i].first; c >= 0; c = t->a[c].next)
			if (c == id) {
				*parent = (int)i;
				return t->a[i].s;
			}
	return &s_top;
}

static size_t nl_mutate(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	struct nl_tree *t;
	struct fz_rng r;
	struct fz_out o;
	const struct nl_schema *ls;
	int id, parent;
	size_t n;

	fz_seed(&r, seed);
	if (fz_blind_only() || size < 1 || fz_one_in(&r, 8))
		return fz_blind(data, size, max_size);
	t = calloc(1, sizeof(*t));
	if (!t)
		return fz_blind(data, size, max_size);
	t->root = nl_parse(t, data + 1, size - 1, &s_top, 0);
	id = nl_pick(&r, t);
	switch (fz_below(&r, 12)) {
	case 0:
	case 1:
	case 2:		/* a value on a boundary of its type */
		if (id < 0 || t->a[id].s)
			break;
		ls = nl_level(t, id, &parent);
		nl_value(&r, &t->a[id], nl_kind_of(ls, t->a[id].type) != K_NONE ?
			 nl_kind_of(ls, t->a[id].type) : K_U32);
		break;
	case 3:		/* the wrong width, or an unknown type */
		if (id < 0)
			break;
		if (fz_one_in(&r, 2) && !t->a[id].s)
			nl_value(&r, &t->a[id], (enum nl_kind)(1 + fz_below(&r, 6)));
		else
			t->a[id].type = (uint16_t)((t->a[id].type & 0xc000) |
						   (fz_one_in(&r, 2) ? fz_below(&r, 40) : fz_rand(&r)));
		break;
	case 4:		/* the nest flag */
		if (id >= 0)
			t->a[id].type ^= 0x8000;
		break;
	case 5:
	case 6:		/* a new attribute next to this one (an array gets one more) */
		if (t->n < NL_MAX_NODES) {
			int nid = (int)t->n++;
			struct nl_node *x = &t->a[nid];
			uint16_t type;

			ls = id >= 0 ? nl_level(t, id, &parent) : &s_top;
			type = (uint16_t)(fz_one_in(&r, 8) ? fz_below(&r, 64) :
					  (ls && ls->array ? 0 : 1) + fz_below(&r, ls ? ls->max : 8));
			memset(x, 0, sizeof(*x));
			x->first = x->next = -1;
			x->type = type;
			if (id >= 0 && t->a[id].s && fz_one_in(&r, 2)) {
				/* a copy of a child, or a fresh leaf, inside the nest */
				x->next = t->a[id].first;
				t->a[id].first = nid;
				ls = t->a[id].s;
				x->type = (uint16_t)((ls->array ? 0 : 1) + fz_below(&r, ls->max ? ls->max : 1));
			} else if (id >= 0) {
				x->next = t->a[id].next;
				t->a[id].next = nid;
			} else {
				t->root = nid;
			}
			if (nl_kind_of(ls, x->type) == K_NEST || nl_kind_of(ls, x->type) == K_ARRAY) {
				x->type |= 0x8000;
				x->s = nl_child(ls, x->type);
				if (!x->s)
					x->s = &s_cmd;
			} else {
				nl_value(&r, x, nl_kind_of(ls, x->type) != K_NONE &&
					 nl_kind_of(ls, x->type) != K_NEST ?
					 nl_kind_of(ls, x->type) : K_U32);
			}
		}
		break;
	case 7:		/* remove one (with its children) */
		if (id >= 0) {
			nl_level(t, id, &parent);
			if (parent >= 0 && t->a[parent].first == id)
				t->a[parent].first = t->a[id].next;
			else if (parent < 0 && t->root == id)
				t->root = t->a[id].next;
			else {
				unsigned int i;

				for (i = 0; i < t->n; i++)
					if (t->a[i].next == id)
						t->a[i].next = t->a[id].next;
			}
		}
		break;
	case 8:		/* an nla_len that lies */
		if (id >= 0)
			t->a[id].lie = (int)fz_len(&r, 8, 8) & 0xffff;
		if (id >= 0 && !t->a[id].lie)
			t->a[id].lie = 3;
		break;
	case 9:		/* the command */
		data[0] = (uint8_t)fz_below(&r, 10);
		break;
	default:	/* an array of 17+ elements (more than the module sends) */
		if (id >= 0 && t->a[id].s && t->a[id].first >= 0) {
			int c = t->a[id].first, k;

			for (k = 0; k < 17 && t->n < NL_MAX_NODES; k++) {
				int nid = (int)t->n++;

				t->a[nid] = t->a[c];
				t->a[nid].next = t->a[id].first;
				t->a[id].first = nid;
			}
		}
		break;
	}
	fz_out_init(&o, data + 1, max_size - 1);
	n = 1 + nl_write(t, t->root, &o);
	free(t);
	return n;
}

#endif
