// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc_image: OP-TEE remoteproc signed-image parser shared by the kernel
 * module and the userspace tool.  See rproc_image.h for the rules.
 *
 * The TA checks are mirrored in the order the TAs run them (facts from the
 * project notes, optee-rproc-image-format.md §3): the first failing check
 * of each TA generation is recorded in res->pre[] (before the signature is
 * verified) or res->post[] (after it: ELF, tables, segments, start).
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/math64.h>	/* div_u64(): 32-bit kernels have no u64 '/' */
#else
#include <errno.h>
#include <stdio.h>
#endif

#include "rproc_image.h"
#include "rproc_tee.h"	/* TEE_ERROR_* */

#ifndef __KERNEL__
#define noinline	/* frame sizes only matter in the kernel */
static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}
#endif

#define PT_LOAD_TYPE		1
#define ELF32_EHDR_LEN		52
#define ELF32_PHDR_LEN		32
#define ELF32_SHDR_LEN		40
#define TLV_TRACKED		(RPI_TLV_ENCTABLE + 1)
#define TLV_VAL_MAX		64

static const char *const elf_err_text[] = {
	[RPI_ELF_ERR_SMALL] = "smaller than an ELF32 header",
	[RPI_ELF_ERR_MAGIC] = "no ELF magic",
	[RPI_ELF_ERR_CLASS] = "not a little-endian ELF32",
	[RPI_ELF_ERR_VERSION] = "not EV_CURRENT",
	[RPI_ELF_ERR_ENTSIZE] = "program/section header entry size not 32/40",
	[RPI_ELF_ERR_NOPHDR] = "no program headers",
	[RPI_ELF_ERR_SHOFF] = "section headers missing or past the image",
	[RPI_ELF_ERR_PHOFF] = "program headers past the image",
	[RPI_ELF_ERR_OUTSIDE] = "image lies outside the file",
	[RPI_ELF_ERR_RSC_TRUNC] = ".resource_table truncated or without a header",
	[RPI_ELF_ERR_RSC_VERSION] = ".resource_table version is not 1",
	[RPI_ELF_ERR_RSC_RESERVED] = ".resource_table reserved words are not zero",
	[RPI_ELF_ERR_RSC_INCOMPLETE] = ".resource_table entry offsets run past the section",
	[RPI_ELF_ERR_RSC_TWICE] = "a second .resource_table (only one is allowed)",
};

/* Where bytes come from: a prefix in memory, or the read callback. */
struct rd {
	const u8 *mem;
	size_t mem_len;
	const struct rpi_source *src;
	u64 size;
};

/* 0; -ERANGE past the end of the file; -ENODATA past the prefix. */
static int rd_get(const struct rd *r, u64 off, void *buf, size_t len)
{
	if (off > r->size || len > r->size - off)
		return -ERANGE;
	if (r->src)
		return r->src->read(r->src->ctx, off, buf, len);
	if (off > r->mem_len || len > r->mem_len - off)
		return -ENODATA;
	memcpy(buf, r->mem + off, len);
	return 0;
}

/* First occurrence of each generic TLV type, and platform TLV facts. */
struct tlv_facts {
	u32 len[TLV_TRACKED];
	u64 voff[TLV_TRACKED];
	u32 bootaddr_n, bootaddr_len;
	u32 bootsec_n, bootsec_len;
	u32 bad_index;		/* record that overruns the area */
	u32 bad_type;
	u32 bad_len;
	u64 bad_left;		/* bytes left in the area for its value */
	u64 f2_need, f2_have;	/* F2 chunk size vs the header's area */
	bool overrun;
	bool f2_bad_chunk;	/* F2: chunk magic/size disagree with header */
	bool f2_bad_plat;
};

static bool tf_has(const struct rpi_summary *s, u32 type)
{
	return type < 32 && (s->tlv_mask & RPROC_DIAG_TLV_BIT(type));
}

static void note_tlv(struct rpi_summary *s, struct tlv_facts *tf, u32 type,
		     u32 len, u64 voff, const u8 *val, u32 vlen, bool f2)
{
	if (f2 && (type == RPI_TLV_F2_SBOOTADDR || type == RPI_TLV_F2_NSBOOTADDR)) {
		/* F2 platform records: boot addresses */
		if (!(s->flags & RPI_S_HAS_BOOTADDR) && len == 4 && vlen == 4) {
			s->flags |= RPI_S_HAS_BOOTADDR;
			s->bootaddr = rpi_le32(val);
		}
		if (type == RPI_TLV_F2_SBOOTADDR)
			s->flags |= RPI_S_HAS_BOOTSEC;
		tf->bootaddr_n++;
		return;
	}
	if (type >= RPI_TLV_PLAT_MIN && type <= RPI_TLV_PLAT_MAX) {
		if (type == RPI_TLV_ST_BOOTADDR) {
			if (!tf->bootaddr_n++) {
				tf->bootaddr_len = len;
				s->flags |= RPI_S_HAS_BOOTADDR;
				if (len == 4 && vlen == 4)
					s->bootaddr = rpi_le32(val);
			}
		} else if (type == RPI_TLV_ST_BOOTSEC) {
			if (!tf->bootsec_n++) {
				tf->bootsec_len = len;
				s->flags |= RPI_S_HAS_BOOTSEC;
				if (len == 4 && vlen == 4)
					s->bootsec = rpi_le32(val);
			}
		} else if (!(s->flags & RPI_S_PLAT_UNKNOWN)) {
			s->flags |= RPI_S_PLAT_UNKNOWN;
			s->plat_unknown = type;
		}
		return;
	}
	if (type >= 32 || tf_has(s, type))
		return;
	s->tlv_mask |= RPROC_DIAG_TLV_BIT(type);
	if (type >= TLV_TRACKED)
		return;
	tf->len[type] = len;
	tf->voff[type] = voff;
	switch (type) {
	case RPI_TLV_SIGNTYPE:
		s->flags |= RPI_S_HAS_SIGN_TYPE;
		s->sign_type = vlen ? val[0] : 0;
		break;
	case RPI_TLV_HASHTYPE:
		s->flags |= RPI_S_HAS_HASH_TYPE;
		s->hash_type = vlen ? val[0] : 0;
		break;
	case RPI_TLV_NUM_IMG:
		s->flags |= RPI_S_HAS_NUM_IMG;
		s->num_img = vlen ? val[0] : 0;
		break;
	case RPI_TLV_ENCTYPE:
		s->flags |= RPI_S_HAS_ENC_TYPE;
		s->enc_type = vlen ? val[0] : 0;
		break;
	case RPI_TLV_PKEYINFO:
		s->flags |= RPI_S_HAS_PKEY;
		s->pkey_off = voff;
		s->pkey_len = len;
		break;
	case RPI_TLV_HASHTABLE:
		s->flags |= RPI_S_HAS_HASHTABLE;
		s->table_off = voff;
		s->table_len = len;
		s->table_entry_len = RPI_SEG_ENTRY_LEN;
		break;
	default:
		break;
	}
}

static void emit_tlv(const struct rpi_visitor *v, u32 index, u32 type, u32 len,
		     u64 off, const u8 *val, u32 vlen)
{
	struct rpi_tlv t;

	if (!v || !v->tlv)
		return;
	t.index = index;
	t.type = type;
	t.len = len;
	t.off = off;
	t.value = val;
	t.value_len = vlen;
	v->tlv(v->ctx, &t);
}

/* Read up to TLV_VAL_MAX bytes of a value; returns how many are in @val. */
static u32 get_val(const struct rd *r, u64 voff, u32 len, u8 *val)
{
	u32 n = len < TLV_VAL_MAX ? len : TLV_VAL_MAX;

	return rd_get(r, voff, val, n) ? 0 : n;
}

static int stop_walk(struct rpi_summary *s, int ret)
{
	if (ret == -ENODATA || ret == -ERANGE) {
		s->flags |= RPI_S_TLV_PARTIAL;
		return 0;
	}
	return ret;
}

/* A record runs past its area: remember which one; the walk stops. */
static void tlv_overrun(struct rpi_summary *s, struct tlv_facts *tf,
			u32 type, u32 len, u64 left)
{
	s->flags |= RPI_S_TLV_OVERRUN;
	tf->overrun = true;
	tf->bad_index = s->tlv_count;
	tf->bad_type = type;
	tf->bad_len = len;
	tf->bad_left = left;
}

/* Decode and report one record (header at @rec_off, value at @val_off). */
static void tlv_record(const struct rd *r, struct rpi_summary *s,
		       struct tlv_facts *tf, const struct rpi_visitor *v,
		       u32 type, u32 len, u64 rec_off, u64 val_off, bool f2)
{
	u8 val[TLV_VAL_MAX];
	u32 vlen = get_val(r, val_off, len, val);

	note_tlv(s, tf, type, len, val_off, val, vlen, f2);
	emit_tlv(v, s->tlv_count, type, len, rec_off, val, vlen);
	s->tlv_count++;
}

/* F3: records {u32 type; u32 len; value; pad to 8} in [20, 20 + tlv_len). */
static int walk_f3(const struct rd *r, struct rpi_summary *s,
		   struct tlv_facts *tf, const struct rpi_visitor *v)
{
	u64 end = RPI_F3_HDR_LEN + (u64)s->tlv_len;
	u64 off = RPI_F3_HDR_LEN;
	u8 hdr[8];
	u32 type, len;
	int ret;

	while (off + 8 <= end) {
		ret = rd_get(r, off, hdr, sizeof(hdr));
		if (ret)
			return stop_walk(s, ret);
		type = rpi_le32(hdr);
		len = rpi_le32(hdr + 4);
		if (len > end - off - 8) {
			tlv_overrun(s, tf, type, len, end - off - 8);
			return 0;
		}
		tlv_record(r, s, tf, v, type, len, off, off + 8, false);
		off += 8 + RPI_R8(len);
	}
	return 0;
}

/* F2: chunk {u32 magic; u32 size} then {u16 type; u16 len; value; pad}. */
static int walk_f2_chunk(const struct rd *r, struct rpi_summary *s,
			 struct tlv_facts *tf, const struct rpi_visitor *v,
			 u64 off, u32 area_len, u32 magic)
{
	u8 hdr[8];
	u32 size, type, len;
	u64 end;
	int ret;

	if (area_len < 8)
		return 0;
	ret = rd_get(r, off, hdr, sizeof(hdr));
	if (ret)
		return stop_walk(s, ret);
	size = rpi_le32(hdr + 4);
	if (rpi_le32(hdr) != magic || (u64)size + 8 != area_len) {
		if (magic == RPI_F2_TLV_MAGIC)
			tf->f2_bad_chunk = true;
		else
			tf->f2_bad_plat = true;
		if (rpi_le32(hdr) == magic && !tf->f2_need) {
			tf->f2_need = (u64)size + 8;
			tf->f2_have = area_len;
		}
		if (rpi_le32(hdr) != magic || size > area_len - 8)
			return 0;
	}
	end = off + 8 + size;
	off += 8;
	while (off + 4 <= end) {
		ret = rd_get(r, off, hdr, 4);
		if (ret)
			return stop_walk(s, ret);
		type = rpi_le16(hdr);
		len = rpi_le16(hdr + 2);
		if (len > end - off - 4) {
			tlv_overrun(s, tf, type, len, end - off - 4);
			return 0;
		}
		tlv_record(r, s, tf, v, type, len, off, off + 4, true);
		off += RPI_R8(4 + (u64)len);
	}
	return 0;
}

static u64 f3_expected(const u32 *w)
{
	return RPI_F3_HDR_LEN + RPI_R8(w[2]) + RPI_R8(w[3]) + RPI_R8(w[4]);
}

static u64 f2_expected(const u32 *w)
{
	return RPI_F2_HDR_LEN + RPI_R8(w[2]) + RPI_R8(w[3]) + RPI_R8(w[4]) +
	       RPI_R8(w[5]);
}

static u64 f1_expected(const u32 *w)
{
	return (u64)w[12] + w[11];
}

/* The F1 header's shape; a header cut before img_type still counts. */
static bool f1_shaped(const u32 *w, u32 nwords)
{
	return nwords >= 13 && w[7] == RPI_F1_HDR_LEN && w[12] == w[2] &&
	       (nwords < 14 || w[13] == RPI_IMG_ELF);
}

static u64 absdiff(u64 a, u64 b)
{
	return a > b ? a - b : b - a;
}

/* Fill the F3/F2/F1 layout fields of @s for @fmt. */
static void set_layout(struct rpi_summary *s, u32 fmt)
{
	const u32 *w = s->w;

	switch (fmt) {
	case RPROC_DIAG_FMT_F3:
		s->tlv_len = w[2];
		s->sign_len = w[3];
		s->img_len = w[4];
		s->tlv_off = RPI_F3_HDR_LEN;
		s->sig_off = RPI_F3_HDR_LEN + RPI_R8(w[2]);
		s->img_off = s->sig_off + RPI_R8(w[3]);
		s->expected_size = f3_expected(w);
		break;
	case RPROC_DIAG_FMT_F2:
		s->sign_len = w[2];
		s->img_len = w[3];
		s->tlv_len = w[4];
		s->sig_off = RPI_F2_HDR_LEN;
		s->img_off = RPI_F2_HDR_LEN + RPI_R8(w[2]);
		s->tlv_off = s->img_off + RPI_R8(w[3]);
		s->expected_size = f2_expected(w);
		break;
	case RPROC_DIAG_FMT_F1:
		s->tlv_len = w[6];
		s->sign_len = w[3];
		s->img_len = w[11];
		s->tlv_off = w[7];
		s->sig_off = w[4];
		s->img_off = w[12];
		s->sign_type = w[5];
		s->hash_type = w[8];
		s->num_img = 1;
		s->flags |= RPI_S_HAS_SIGN_TYPE | RPI_S_HAS_HASH_TYPE |
			    RPI_S_HAS_NUM_IMG | RPI_S_HAS_HASHTABLE;
		s->table_off = w[7];
		s->table_len = w[6];
		s->table_entry_len = RPI_SEG_ENTRY_LEN;
		if (w[9]) {
			s->flags |= RPI_S_F1_KEYINFO | RPI_S_HAS_PKEY;
			s->pkey_off = w[10];
			s->pkey_len = w[9];
		}
		s->expected_size = f1_expected(w);
		break;
	default:
		return;
	}
	s->flags |= RPI_S_HAS_EXPECTED;
	s->size_delta = (s64)(s->file_size - s->expected_size);
}

/* Format detection from the header words; fills format and closest. */
static void detect(const struct rd *r, struct rpi_summary *s, const u8 *h,
		   size_t avail)
{
	const u32 *w = s->w;
	u64 n = s->file_size, d;
	bool f3_plaus = false, f2_plaus = false, f2_strong = false, f1_plaus;
	u8 b[4];
	u64 chunk;

	s->format = RPROC_DIAG_FMT_DAMAGED;
	if (avail >= RPI_F3_HDR_LEN + 4) {
		u32 t = rpi_le32(h + RPI_F3_HDR_LEN);

		f3_plaus = t >= 1 && t <= RPI_TLV_PLAT_MAX;
	}
	/* the first F3 record fits in the TLV area (F2: signature bytes) */
	if (f3_plaus && avail >= RPI_F3_HDR_LEN + 8)
		f3_plaus = rpi_le32(h + RPI_F3_HDR_LEN + 4) <= w[2];
	if (s->nwords >= 6) {
		chunk = RPI_F2_HDR_LEN + RPI_R8(w[2]) + RPI_R8(w[3]);
		if (!rd_get(r, chunk, b, 4))
			f2_plaus = f2_strong = rpi_le32(b) == RPI_F2_TLV_MAGIC;
		else
			f2_plaus = w[4] >= 8 && (w[5] == 0 || w[5] >= 8) &&
				   w[4] < 0x10000;
	}
	f1_plaus = f1_shaped(w, s->nwords);

	if (s->nwords >= 5 && f3_plaus && f3_expected(w) == n)
		s->format = RPROC_DIAG_FMT_F3;
	else if (s->nwords >= 6 && f2_plaus && f2_expected(w) == n)
		s->format = RPROC_DIAG_FMT_F2;
	else if (f1_plaus && f1_expected(w) == n)
		s->format = RPROC_DIAG_FMT_F1;
	if (s->format != RPROC_DIAG_FMT_DAMAGED) {
		s->closest = s->format;
		return;
	}

	/*
	 * No equation holds: pick the layout the structure points to.  The
	 * F1 header shape and the F2 trailer magic are strong evidence; a
	 * plausible first F3 TLV type is weaker; else the nearest size.
	 */
	if (f1_plaus) {
		s->closest = RPROC_DIAG_FMT_F1;
	} else if (s->nwords >= 6 && f2_strong) {
		s->closest = RPROC_DIAG_FMT_F2;
	} else if (s->nwords >= 5 && f3_plaus &&
		   !(f2_plaus && avail < RPI_F3_HDR_LEN + 8)) {
		/* (a bare 24-byte F2 header cannot show its first F3 record) */
		s->closest = RPROC_DIAG_FMT_F3;
	} else if (s->nwords >= 6 && f2_plaus) {
		s->closest = RPROC_DIAG_FMT_F2;
	} else {
		s->closest = RPROC_DIAG_FMT_F3;
		if (s->nwords >= 6) {
			d = absdiff(f2_expected(w), n);
			if (d < absdiff(f3_expected(w), n))
				s->closest = RPROC_DIAG_FMT_F2;
		}
	}
}

static noinline int summarize(const struct rd *r, const u8 *h, size_t avail,
		     struct rpi_summary *s, struct tlv_facts *tf,
		     const struct rpi_visitor *v)
{
	u32 i, fmt;
	int ret = 0;

	s->nwords = avail / 4 < 14 ? avail / 4 : 14;
	for (i = 0; i < s->nwords; i++)
		s->w[i] = rpi_le32(h + 4 * i);
	/* shorter than the smallest header and nothing but (a cut) magic */
	if (s->file_size < RPI_F3_HDR_LEN) {
		s->flags |= RPI_S_SHORT;
		for (i = 0; i < 4 && i < avail; i++)
			if (h[i] != (u8)(RPI_MAGIC >> (8 * i)))
				s->flags &= ~RPI_S_SHORT;
	}
	if (s->nwords < 1) {
		s->format = RPROC_DIAG_FMT_UNKNOWN;
		return 0;
	}
	s->magic = s->w[0];
	if (s->magic != RPI_MAGIC) {
		if (avail >= 4 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' &&
		    h[3] == 'F')
			s->format = RPROC_DIAG_FMT_ELF;
		else
			s->format = RPROC_DIAG_FMT_UNKNOWN;
		return 0;
	}
	if (s->nwords >= 2)
		s->version = s->w[1];
	if (s->nwords < 5) {
		s->format = RPROC_DIAG_FMT_DAMAGED;
		return 0;
	}
	detect(r, s, h, avail);
	fmt = s->closest;
	set_layout(s, fmt);
	if (fmt == RPROC_DIAG_FMT_F3) {
		ret = walk_f3(r, s, tf, v);
	} else if (fmt == RPROC_DIAG_FMT_F2) {
		ret = walk_f2_chunk(r, s, tf, v, s->tlv_off, s->w[4],
				    RPI_F2_TLV_MAGIC);
		if (!ret && s->w[5])
			ret = walk_f2_chunk(r, s, tf, v,
					    s->tlv_off + RPI_R8(s->w[4]),
					    s->w[5], RPI_F2_PLAT_MAGIC);
	}
	if (fmt != RPROC_DIAG_FMT_F1 && !(s->flags & RPI_S_HAS_HASHTABLE) &&
	    tf_has(s, RPI_TLV_ENCTABLE) && tf->len[RPI_TLV_ENCTABLE]) {
		s->table_off = tf->voff[RPI_TLV_ENCTABLE];
		s->table_len = tf->len[RPI_TLV_ENCTABLE];
		s->table_entry_len = RPI_ENC_ENTRY_LEN;
	}
	/* ST 4.0.0 uses ENCTABLE instead of HASHTABLE when encrypting */
	if ((s->flags & RPI_S_HAS_ENC_TYPE) && tf_has(s, RPI_TLV_ENCTABLE)) {
		s->table_off = tf->voff[RPI_TLV_ENCTABLE];
		s->table_len = tf->len[RPI_TLV_ENCTABLE];
		s->table_entry_len = RPI_ENC_ENTRY_LEN;
	}
	return ret;
}

u32 rpi_summarize(const void *head, size_t head_len, u64 file_size,
		  struct rpi_summary *s)
{
	struct tlv_facts tf;
	struct rd r;
	size_t avail = head_len < file_size ? head_len : (size_t)file_size;

	memset(s, 0, sizeof(*s));
	memset(&tf, 0, sizeof(tf));
	s->file_size = file_size;
	r.mem = head;
	r.mem_len = avail;
	r.src = NULL;
	r.size = file_size;
	summarize(&r, head, avail, s, &tf, NULL);
	return s->format;
}

/* ---- full analysis ---------------------------------------------------- */

struct an {
	struct rd r;
	const struct rpi_hash_ops *hash;
	u8 *buf;
	size_t buf_len;
	const struct rpi_visitor *v;
	struct rpi_result *res;
	struct tlv_facts tf;
	u32 n_entries;		/* hash-table entries inside the file */
	u32 entry_len;
	u64 table_off;
	bool f3ta;		/* F3 TAs still evaluate (header passed) */
	bool f1ta;		/* F1 TA still evaluates */
	u32 load_idx;		/* ENCTABLE: PT_LOAD counter */
	u32 rsc_tables;		/* resource tables seen so far */
};

/*
 * Report a length finding: something claims @need bytes where @have are
 * (need 0: not a length finding).
 */
static void finding_len(struct an *a, u32 code, u32 index, u32 addr,
			s64 value, u64 off, u64 need, u64 have)
{
	struct rpi_finding f;

	f.code = code;
	f.index = index;
	f.addr = addr;
	f.value = value;
	f.off = off;
	f.need = need;
	f.have = need ? have : 0;
	a->res->n_findings++;
	if (a->v && a->v->finding)
		a->v->finding(a->v->ctx, &f);
}

static void finding(struct an *a, u32 code, u32 index, u32 addr, s64 value,
		    u64 off)
{
	finding_len(a, code, index, addr, value, off, 0, 0);
}

/* Record the first failure of TA @ta (pre or post signature). */
static void ta_fail_len(struct an *a, bool pre, u32 ta, u32 result, u32 cmd,
			u32 code, u32 index, u32 addr, s64 value, u64 need,
			u64 have)
{
	struct rpi_ta_fail *t = pre ? &a->res->pre[ta] : &a->res->post[ta];

	if (t->result || (!pre && a->res->pre[ta].result))
		return;
	t->result = result;
	t->cmd = cmd;
	t->f.code = code;
	t->f.index = index;
	t->f.addr = addr;
	t->f.value = value;
	t->f.off = 0;
	t->f.need = need;
	t->f.have = need ? have : 0;
}

static void ta_fail(struct an *a, bool pre, u32 ta, u32 result, u32 cmd,
		    u32 code, u32 index, u32 addr, s64 value)
{
	ta_fail_len(a, pre, ta, result, cmd, code, index, addr, value, 0, 0);
}

#define LOAD RPROC_DIAG_TA_LOAD_FW

/* Both F3 TAs (upstream and ST 4.0.0) */
static void f3_fail_len(struct an *a, bool pre, u32 result, u32 code,
			u32 index, u32 addr, s64 value, u64 need, u64 have)
{
	ta_fail_len(a, pre, RPI_TA_UPSTREAM, result, LOAD, code, index, addr,
		    value, need, have);
	ta_fail_len(a, pre, RPI_TA_ST400, result, LOAD, code, index, addr,
		    value, need, have);
}

static void f3_fail(struct an *a, bool pre, u32 result, u32 code, u32 index,
		    u32 addr, s64 value)
{
	f3_fail_len(a, pre, result, code, index, addr, value, 0, 0);
}

static int hash_range(struct an *a, u64 off, u64 len, u8 *out)
{
	const struct rpi_hash_ops *h = a->hash;
	size_t n;
	int ret;

	ret = h->init(h->hctx);
	while (!ret && len) {
		n = len < a->buf_len ? (size_t)len : a->buf_len;
		ret = rd_get(&a->r, off, a->buf, n);
		if (!ret)
			ret = h->update(h->hctx, a->buf, n);
		off += n;
		len -= n;
	}
	if (!ret)
		ret = h->final(h->hctx, out);
	return ret;
}

/* Header checks of the F3 TAs (save_fw_header_and_tlvs, verify_header). */
static void check_f3_header(struct an *a)
{
	const struct rpi_summary *s = &a->res->sum;
	const u32 *w = s->w;
	u64 n = s->file_size, hdr;
	u32 other = s->format == RPROC_DIAG_FMT_DAMAGED ? s->closest : s->format;

	if (other != RPROC_DIAG_FMT_F1 && other != RPROC_DIAG_FMT_F2)
		other = 0;
	if (s->format == RPROC_DIAG_FMT_ELF) {
		f3_fail(a, true, TEE_ERROR_BAD_PARAMETERS, RPROC_DIAG_FND_NOT_SIGNED,
			0, 0, 0);
		return;
	}
	if (s->nwords < 5 || n < RPI_F3_HDR_LEN) {
		f3_fail_len(a, true, TEE_ERROR_BAD_PARAMETERS,
			    RPROC_DIAG_FND_TRUNCATED, 0, 0,
			    (s64)(RPI_F3_HDR_LEN - n), RPI_F3_HDR_LEN, n);
		return;
	}
	hdr = RPI_F3_HDR_LEN + RPI_R8(w[2]) + RPI_R8(w[3]);
	if (n <= hdr || !w[2] || !w[3]) {
		/* An F1/F2 file, a short one, or zero lengths: say which. */
		if (s->magic == RPI_MAGIC && other)
			f3_fail(a, true, TEE_ERROR_BAD_PARAMETERS,
				RPROC_DIAG_FND_WRONG_GENERATION, other, 0, 0);
		else if (w[2] && w[3] && s->magic == RPI_MAGIC &&
			 s->closest == RPROC_DIAG_FMT_F3)
			f3_fail_len(a, true, TEE_ERROR_BAD_PARAMETERS,
				    RPROC_DIAG_FND_TRUNCATED, 0, 0,
				    (s64)(f3_expected(w) - n), f3_expected(w),
				    n);
		else
			f3_fail_len(a, true, TEE_ERROR_BAD_PARAMETERS,
				    RPROC_DIAG_FND_HEADER_OVERFLOW, 0, 0,
				    (s64)n, w[2] && w[3] ? hdr + 1 : 0, n);
		return;
	}
	if (s->magic != RPI_MAGIC) {
		f3_fail(a, true, TEE_ERROR_BAD_PARAMETERS, RPROC_DIAG_FND_BAD_MAGIC,
			0, 0, s->magic);
		return;
	}
	if (s->version != RPI_VERSION) {
		f3_fail(a, true, TEE_ERROR_BAD_PARAMETERS, RPROC_DIAG_FND_BAD_VERSION,
			0, 0, s->version);
		return;
	}
	if (f3_expected(w) != n) {
		if (other)
			f3_fail(a, true, TEE_ERROR_BAD_PARAMETERS,
				RPROC_DIAG_FND_WRONG_GENERATION, other, 0,
				(s64)(n - f3_expected(w)));
		else
			f3_fail_len(a, true, TEE_ERROR_BAD_PARAMETERS,
				    n < f3_expected(w) ?
				    RPROC_DIAG_FND_TRUNCATED :
				    RPROC_DIAG_FND_APPENDED,
				    0, 0, (s64)absdiff(n, f3_expected(w)),
				    f3_expected(w), n);
		return;
	}
	a->f3ta = true;
}

/* TLV checks of the F3 TAs before the signature is verified. */
static void check_f3_signtype(struct an *a)
{
	const struct rpi_summary *s = &a->res->sum;

	if (!a->f3ta)
		return;
	if (!(s->flags & RPI_S_HAS_SIGN_TYPE)) {
		f3_fail(a, true, TEE_ERROR_BAD_PARAMETERS, RPROC_DIAG_FND_MISSING_TLV,
			0, RPI_TLV_SIGNTYPE, 0);
	} else if (a->tf.len[RPI_TLV_SIGNTYPE] != 1) {
		f3_fail(a, true, TEE_ERROR_BAD_PARAMETERS, RPROC_DIAG_FND_BAD_TLV_LEN,
			0, RPI_TLV_SIGNTYPE, a->tf.len[RPI_TLV_SIGNTYPE]);
	} else if (s->sign_type != RPI_SIGN_RSA_PKCS1_SHA256 &&
		   s->sign_type != RPI_SIGN_ECDSA_P256_SHA256) {
		f3_fail(a, true, TEE_ERROR_NOT_SUPPORTED,
			RPROC_DIAG_FND_UNSUPPORTED_SIGN, 0, s->sign_type, 0);
	} else if (s->sign_type == RPI_SIGN_ECDSA_P256_SHA256) {
		/* upstream PTA: RSA only; ST: only with PUB_KEY_VERIFY=y */
		f3_fail(a, true, TEE_ERROR_NOT_SUPPORTED, RPROC_DIAG_FND_ECDSA, 0,
			RPI_SIGN_ECDSA_P256_SHA256, 0);
	}
}

/* ST 4.0.0 TA after the signature: HASHTYPE, then platform TLVs. */
static void check_st400_tlvs(struct an *a)
{
	const struct rpi_summary *s = &a->res->sum;
	const struct tlv_facts *tf = &a->tf;
	u32 ta = RPI_TA_ST400;

	if (!(s->flags & RPI_S_HAS_HASH_TYPE))
		ta_fail(a, false, ta, TEE_ERROR_NO_DATA, LOAD,
			RPROC_DIAG_FND_MISSING_TLV, 0, RPI_TLV_HASHTYPE, 0);
	else if (tf->len[RPI_TLV_HASHTYPE] != 1)
		ta_fail(a, false, ta, TEE_ERROR_BAD_PARAMETERS, LOAD,
			RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_HASHTYPE,
			tf->len[RPI_TLV_HASHTYPE]);
	else if (s->hash_type != 1)
		ta_fail(a, false, ta, TEE_ERROR_NOT_SUPPORTED, LOAD,
			RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_HASHTYPE,
			s->hash_type);
	if (tf->bootaddr_n && tf->bootaddr_len != 4)
		ta_fail(a, false, ta, TEE_ERROR_CORRUPT_OBJECT, LOAD,
			RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_ST_BOOTADDR,
			tf->bootaddr_len);
	if (tf->bootsec_n && tf->bootsec_len != 4)
		ta_fail(a, false, ta, TEE_ERROR_CORRUPT_OBJECT, LOAD,
			RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_ST_BOOTSEC,
			tf->bootsec_len);
	if (tf->bootaddr_n > 1)
		ta_fail(a, false, ta, TEE_ERROR_GENERIC, LOAD,
			RPROC_DIAG_FND_BAD_TLV_LEN, 1, RPI_TLV_ST_BOOTADDR,
			tf->bootaddr_n);
	if (s->flags & RPI_S_PLAT_UNKNOWN)
		ta_fail(a, false, ta, TEE_ERROR_NOT_IMPLEMENTED, LOAD,
			RPROC_DIAG_FND_PLAT_TLV, 0, s->plat_unknown, 0);
	if (s->flags & RPI_S_HAS_ENC_TYPE) {
		if (tf->len[RPI_TLV_ENCTYPE] != 1)
			ta_fail(a, false, ta, TEE_ERROR_BAD_PARAMETERS, LOAD,
				RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_ENCTYPE,
				tf->len[RPI_TLV_ENCTYPE]);
		else if (s->enc_type != 1)
			ta_fail(a, false, ta, TEE_ERROR_NOT_SUPPORTED, LOAD,
				RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_ENCTYPE,
				s->enc_type);
	}
}

/* Header checks of the ST legacy F1 TA (any file, read as F1). */
static void check_f1_header(struct an *a)
{
	const struct rpi_summary *s = &a->res->sum;
	const u32 *w = s->w;
	u64 n = s->file_size, want;
	u32 ta = RPI_TA_ST_LEGACY, fnd;

	if (s->format == RPROC_DIAG_FMT_ELF) {
		ta_fail(a, true, ta, TEE_ERROR_CORRUPT_OBJECT, LOAD,
			RPROC_DIAG_FND_NOT_SIGNED, 0, 0, 0);
		return;
	}
	fnd = s->format == RPROC_DIAG_FMT_F3 || s->format == RPROC_DIAG_FMT_F2 ?
	      RPROC_DIAG_FND_WRONG_GENERATION : RPROC_DIAG_FND_HEADER_OVERFLOW;
	if (n <= RPI_F1_HDR_LEN || s->nwords < 14 || n <= w[2]) {
		if (fnd == RPROC_DIAG_FND_HEADER_OVERFLOW &&
		    f1_shaped(w, s->nwords))
			fnd = RPROC_DIAG_FND_TRUNCATED;
		/* the TA needs more than the 56-byte header and hdr_length */
		want = fnd == RPROC_DIAG_FND_TRUNCATED ? f1_expected(w) : 0;
		if (want <= n && fnd != RPROC_DIAG_FND_WRONG_GENERATION) {
			fnd = RPROC_DIAG_FND_HEADER_OVERFLOW;
			want = (s->nwords >= 3 && w[2] > RPI_F1_HDR_LEN ?
				w[2] : RPI_F1_HDR_LEN) + 1;
		}
		ta_fail_len(a, true, ta, TEE_ERROR_CORRUPT_OBJECT, LOAD, fnd,
			    s->format, 0,
			    fnd == RPROC_DIAG_FND_TRUNCATED ? (s64)(want - n) :
			    (s64)(n < w[2] ? w[2] - n : 0), want, n);
		return;
	}
	if (s->magic != RPI_MAGIC || s->version != RPI_VERSION) {
		ta_fail(a, true, ta, TEE_ERROR_CORRUPT_OBJECT, LOAD,
			s->magic != RPI_MAGIC ? RPROC_DIAG_FND_BAD_MAGIC :
						RPROC_DIAG_FND_BAD_VERSION,
			0, 0, s->magic != RPI_MAGIC ? s->magic : s->version);
		return;
	}
	want = RPI_F1_HDR_LEN + (u64)w[3] + w[6] + w[9] +
	       (w[3] % 8 + w[6] % 8 + w[9] % 8);
	if (want != w[2] || (u64)w[4] + w[3] > w[2] ||
	    (u64)w[7] + w[6] > w[2] || (u64)w[10] + w[9] > w[2] ||
	    w[6] % RPI_SEG_ENTRY_LEN) {
		ta_fail(a, true, ta, TEE_ERROR_CORRUPT_OBJECT, LOAD, fnd, s->format,
			0, 0);
		return;
	}
	if (w[5] != RPI_SIGN_RSA_PKCS1_SHA256) {
		ta_fail(a, true, ta, TEE_ERROR_NOT_SUPPORTED, LOAD,
			w[5] == RPI_SIGN_ECDSA_P256_SHA256 ?
			RPROC_DIAG_FND_ECDSA : RPROC_DIAG_FND_UNSUPPORTED_SIGN,
			0, w[5], 0);
		return;
	}
	if (s->format != RPROC_DIAG_FMT_F1) {
		/* header checks pass but the image is not where F1 puts it */
		fnd = f1_expected(w) > n ? RPROC_DIAG_FND_TRUNCATED :
					   RPROC_DIAG_FND_APPENDED;
		ta_fail_len(a, false, ta, TEE_ERROR_CORRUPT_OBJECT, LOAD, fnd, 0, 0,
			    (s64)absdiff(n, f1_expected(w)), f1_expected(w), n);
	}
	a->f1ta = true;
}

/* Read table entry @i into @e (64 bytes, or 80 for ENCTABLE). */
static int get_entry(struct an *a, u32 i, u8 *e)
{
	return rd_get(&a->r, a->table_off + (u64)i * a->entry_len, e,
		      RPI_SEG_ENTRY_LEN);
}

/*
 * First table entry whose p_paddr is @paddr, as the TA looks it up;
 * copies it to @e.  Returns its index or -1.
 */
static s64 lookup_paddr(struct an *a, u32 paddr, u8 *e)
{
	u32 per = a->buf_len / a->entry_len, i = 0, j, k;
	int ret;

	while (i < a->n_entries) {
		k = a->n_entries - i < per ? a->n_entries - i : per;
		ret = rd_get(&a->r, a->table_off + (u64)i * a->entry_len,
			     a->buf, (size_t)k * a->entry_len);
		if (ret)
			return -1;
		for (j = 0; j < k; j++) {
			const u8 *p = a->buf + (size_t)j * a->entry_len;

			if (rpi_le32(p + 12) == paddr) {
				memcpy(e, p, RPI_SEG_ENTRY_LEN);
				return i + j;
			}
		}
		i += k;
	}
	return -1;
}

static void fill_seg(struct rpi_segment *sg, const u8 *e)
{
	sg->p_type = rpi_le32(e);
	sg->p_offset = rpi_le32(e + 4);
	sg->p_vaddr = rpi_le32(e + 8);
	sg->p_paddr = rpi_le32(e + 12);
	sg->p_filesz = rpi_le32(e + 16);
	sg->p_memsz = rpi_le32(e + 20);
	sg->p_flags = rpi_le32(e + 24);
	sg->p_align = rpi_le32(e + 28);
	memcpy(sg->hash, e + 32, RPI_SHA256_LEN);
}

struct phdr {
	u32 type, offset, paddr, filesz, memsz;
};

/* Bytes something claims (need, 0: nothing to say) and bytes there. */
struct len_fact {
	u64 need;
	u64 have;
};

/* Hash and report the table entry that belongs to program header @k. */
static noinline int own_entry(struct an *a, const struct rpi_image *img, u32 k,
		     s64 idx, struct rpi_segment *sg)
{
	u8 e[RPI_SEG_ENTRY_LEN];
	int ret;

	memset(sg, 0, sizeof(*sg));
	sg->image = img->index;
	sg->index = k;
	if (idx < 0 || idx >= a->n_entries)
		return 0;
	ret = get_entry(a, (u32)idx, e);
	if (ret)
		return ret == -ERANGE ? 0 : ret;
	fill_seg(sg, e);
	sg->entry = (u32)idx;
	sg->table_off = a->table_off + (u64)idx * a->entry_len;
	sg->data_off = img->off + sg->p_offset;
	if (a->entry_len == RPI_ENC_ENTRY_LEN)
		sg->flags |= RPI_SEG_ENC;
	if ((u64)sg->p_offset + sg->p_filesz > img->size) {
		sg->flags |= RPI_SEG_OUT_OF_RANGE;
		finding_len(a, RPROC_DIAG_FND_SEGMENT_RANGE, sg->entry,
			    sg->p_paddr, sg->p_filesz, sg->table_off,
			    (u64)sg->p_offset + sg->p_filesz, img->size);
		return 1;
	}
	if (sg->data_off + sg->p_filesz > a->r.size) {
		/* inside its image, but the file is cut short */
		sg->flags |= RPI_SEG_OUT_OF_RANGE;
		finding_len(a, RPROC_DIAG_FND_SEGMENT_RANGE, sg->entry,
			    sg->p_paddr, sg->p_filesz, sg->table_off,
			    sg->data_off + sg->p_filesz, a->r.size);
		return 1;
	}
	if (!a->hash)
		return 1;
	ret = hash_range(a, sg->data_off, sg->p_filesz, sg->computed);
	if (ret)
		return ret;
	sg->flags |= RPI_SEG_HASH_CHECKED;
	a->res->n_hash_checked++;
	if (!memcmp(sg->computed, sg->hash, RPI_SHA256_LEN)) {
		sg->flags |= RPI_SEG_HASH_OK;
	} else {
		a->res->n_hash_bad++;
		finding(a, RPROC_DIAG_FND_SEGMENT_HASH, sg->entry, sg->p_paddr,
			0, sg->table_off);
	}
	return 1;
}

/* The TA's per-PT_LOAD checks for program header @ph of image @img. */
static noinline int ta_segment(struct an *a, const struct rpi_image *img,
		      const struct phdr *ph, struct rpi_segment *own, bool have_own)
{
	u8 e[RPI_SEG_ENTRY_LEN], dig[RPI_SHA256_LEN];
	u32 f1 = RPI_TA_ST_LEGACY, etype, efsz, emsz, eoff;
	bool f1ta = a->f1ta, f3ta = a->f3ta;
	s64 idx;
	int ret;

	if ((u64)ph->offset + ph->filesz > img->size) {
		finding_len(a, RPROC_DIAG_FND_SEGMENT_RANGE, own->entry,
			    ph->paddr, ph->filesz, 0,
			    (u64)ph->offset + ph->filesz, img->size);
		if (f3ta)
			f3_fail_len(a, false, TEE_ERROR_BAD_FORMAT,
				    RPROC_DIAG_FND_SEGMENT_RANGE, own->index,
				    ph->paddr, ph->filesz,
				    (u64)ph->offset + ph->filesz, img->size);
		if (f1ta)
			ta_fail_len(a, false, f1, TEE_ERROR_CORRUPT_OBJECT, LOAD,
				    RPROC_DIAG_FND_SEGMENT_RANGE, own->index,
				    ph->paddr, ph->filesz,
				    (u64)ph->offset + ph->filesz, img->size);
		return 0;
	}
	idx = lookup_paddr(a, ph->paddr, e);
	if (idx < 0) {
		finding(a, RPROC_DIAG_FND_SEGMENT_NO_ENTRY, own->index,
			ph->paddr, 0, 0);
		if (f3ta)
			f3_fail(a, false, TEE_ERROR_NO_DATA,
				RPROC_DIAG_FND_SEGMENT_NO_ENTRY, own->index,
				ph->paddr, 0);
		if (f1ta)
			ta_fail(a, false, f1, TEE_ERROR_NO_DATA, LOAD,
				RPROC_DIAG_FND_SEGMENT_NO_ENTRY, own->index,
				ph->paddr, 0);
		return 0;
	}
	if (!have_own || idx != own->entry) {
		if (have_own)
			own->flags |= RPI_SEG_SHADOWED;
		finding(a, RPROC_DIAG_FND_DUPLICATE_PADDR, (u32)idx, ph->paddr,
			own->entry, 0);
	}
	etype = rpi_le32(e);
	eoff = rpi_le32(e + 4);
	efsz = rpi_le32(e + 16);
	emsz = rpi_le32(e + 20);
	if (etype != PT_LOAD_TYPE) {
		finding(a, RPROC_DIAG_FND_SEGMENT_NOT_LOAD, (u32)idx, ph->paddr,
			etype, 0);
		if (f3ta)
			f3_fail(a, false, TEE_ERROR_BAD_PARAMETERS,
				RPROC_DIAG_FND_SEGMENT_NOT_LOAD, (u32)idx,
				ph->paddr, etype);
		if (f1ta)
			ta_fail(a, false, f1, TEE_ERROR_CORRUPT_OBJECT, LOAD,
				RPROC_DIAG_FND_SEGMENT_NOT_LOAD, (u32)idx,
				ph->paddr, etype);
		return 0;
	}
	if (efsz != ph->filesz || emsz != ph->memsz) {
		finding(a, RPROC_DIAG_FND_SEGMENT_SIZE, (u32)idx, ph->paddr,
			(s64)efsz - ph->filesz, 0);
		if (f3ta)
			f3_fail(a, false, TEE_ERROR_BAD_PARAMETERS,
				RPROC_DIAG_FND_SEGMENT_SIZE, (u32)idx,
				ph->paddr, (s64)efsz - ph->filesz);
		if (f1ta)
			ta_fail(a, false, f1, TEE_ERROR_CORRUPT_OBJECT, LOAD,
				RPROC_DIAG_FND_SEGMENT_SIZE, (u32)idx,
				ph->paddr, (s64)efsz - ph->filesz);
		return 0;
	}
	if (f1ta && eoff != ph->offset)
		ta_fail(a, false, f1, TEE_ERROR_CORRUPT_OBJECT, LOAD,
			RPROC_DIAG_FND_SEGMENT_SIZE, (u32)idx, ph->paddr, 0);
	if (!ph->filesz || !a->hash)
		return 0;
	if (img->off + ph->offset + ph->filesz > a->r.size)
		return 0;	/* truncated file: reported with the entry */
	/* The PTA hashes the bytes the ELF phdr points at. */
	if (have_own && idx == own->entry && own->p_offset == ph->offset &&
	    (own->flags & RPI_SEG_HASH_CHECKED)) {
		memcpy(dig, own->computed, RPI_SHA256_LEN);
	} else {
		ret = hash_range(a, img->off + ph->offset, ph->filesz, dig);
		if (ret)
			return ret;
	}
	if (memcmp(dig, e + 32, RPI_SHA256_LEN)) {
		if (!have_own || idx != own->entry ||
		    !(own->flags & RPI_SEG_HASH_CHECKED) ||
		    (own->flags & RPI_SEG_HASH_OK))
			finding(a, RPROC_DIAG_FND_SEGMENT_HASH, (u32)idx,
				ph->paddr, 0, 0);
		if (f3ta)
			f3_fail(a, false, TEE_ERROR_SECURITY,
				RPROC_DIAG_FND_SEGMENT_HASH, (u32)idx,
				ph->paddr, 0);
		if (f1ta)
			ta_fail(a, false, f1, TEE_ERROR_SECURITY, LOAD,
				RPROC_DIAG_FND_SEGMENT_HASH, (u32)idx,
				ph->paddr, 0);
	}
	return 0;
}

/*
 * ELF header as the TA's e32_parse_ehdr checks it; 0 or RPI_ELF_ERR_*.
 * For a table past its image, @len says where it ends and what is there.
 */
static int elf_check(struct an *a, struct rpi_image *img, u32 *phoff,
		     struct len_fact *len)
{
	u8 eh[ELF32_EHDR_LEN];
	u32 shoff;

	/* a truncated file may still hold the ELF header: keep going */
	len->need = ELF32_EHDR_LEN;
	len->have = img->size;
	if (img->size < ELF32_EHDR_LEN)
		return RPI_ELF_ERR_SMALL;
	len->need = img->off + ELF32_EHDR_LEN;
	len->have = a->r.size;
	if (img->off > a->r.size || rd_get(&a->r, img->off, eh, sizeof(eh)))
		return RPI_ELF_ERR_OUTSIDE;
	len->need = 0;
	if (eh[0] != 0x7f || eh[1] != 'E' || eh[2] != 'L' || eh[3] != 'F')
		return RPI_ELF_ERR_MAGIC;
	if (eh[4] != 1 || eh[5] != 1)
		return RPI_ELF_ERR_CLASS;
	if (eh[6] != 1 || rpi_le32(eh + 20) != 1)
		return RPI_ELF_ERR_VERSION;
	img->e_phnum = rpi_le16(eh + 44);
	shoff = rpi_le32(eh + 32);
	*phoff = rpi_le32(eh + 28);
	if (img->size < (u64)shoff + ELF32_SHDR_LEN) {
		len->need = (u64)shoff + ELF32_SHDR_LEN;
		len->have = img->size;
		return RPI_ELF_ERR_SHOFF;
	}
	if (rpi_le16(eh + 42) != ELF32_PHDR_LEN ||
	    rpi_le16(eh + 46) != ELF32_SHDR_LEN)
		return RPI_ELF_ERR_ENTSIZE;
	if (!img->e_phnum)
		return RPI_ELF_ERR_NOPHDR;
	if ((u64)*phoff + (u64)img->e_phnum * ELF32_PHDR_LEN > img->size) {
		len->need = (u64)*phoff + (u64)img->e_phnum * ELF32_PHDR_LEN;
		len->have = img->size;
		return RPI_ELF_ERR_PHOFF;
	}
	return 0;
}

static void elf_fail(struct an *a, struct rpi_image *img, int err,
		     const struct len_fact *len)
{
	u64 need = len ? len->need : 0, have = len ? len->have : 0;

	finding_len(a, RPROC_DIAG_FND_BAD_ELF, img->index, 0, err, img->off,
		    need, have);
	if (a->f3ta)
		f3_fail_len(a, false, TEE_ERROR_BAD_FORMAT, RPROC_DIAG_FND_BAD_ELF,
			    img->index, 0, err, need, have);
	if (a->f1ta)
		ta_fail_len(a, false, RPI_TA_ST_LEGACY,
			    err == RPI_ELF_ERR_SHOFF ||
			    err == RPI_ELF_ERR_OUTSIDE ?
			    TEE_ERROR_CORRUPT_OBJECT : TEE_ERROR_BAD_FORMAT, LOAD,
			    RPROC_DIAG_FND_BAD_ELF, img->index, 0, err, need,
			    have);
}

/* Walk the program headers of one image in TA order. */
static noinline int walk_image(struct an *a, struct rpi_image *img, u32 phoff)
{
	struct rpi_segment sg;
	struct phdr ph;
	u8 p[ELF32_PHDR_LEN];
	u32 k, n = img->e_phnum;
	s64 idx;
	int ret, have;

	if (n > RPI_MAX_PHDRS) {
		finding(a, RPROC_DIAG_FND_BAD_ELF, img->index, 0, n, img->off);
		n = RPI_MAX_PHDRS;
	}
	for (k = 0; k < n; k++) {
		ret = rd_get(&a->r, img->off + phoff + (u64)k * ELF32_PHDR_LEN,
			     p, sizeof(p));
		if (ret)
			return ret == -ERANGE ? 0 : ret;
		ph.type = rpi_le32(p);
		ph.offset = rpi_le32(p + 4);
		ph.paddr = rpi_le32(p + 12);
		ph.filesz = rpi_le32(p + 16);
		ph.memsz = rpi_le32(p + 20);
		if (a->entry_len == RPI_ENC_ENTRY_LEN)
			idx = ph.type == PT_LOAD_TYPE ? (s64)a->load_idx++ : -1;
		else
			idx = (s64)img->first_entry + k;
		have = own_entry(a, img, k, idx, &sg);
		if (have < 0)
			return have;
		if (have && (sg.p_type != ph.type || sg.p_offset != ph.offset ||
			     sg.p_paddr != ph.paddr || sg.p_filesz != ph.filesz ||
			     sg.p_memsz != ph.memsz))
			sg.flags |= RPI_SEG_PHDR_MISMATCH;
		if (ph.type == PT_LOAD_TYPE) {
			if (!have)
				sg.entry = ~0U;
			ret = ta_segment(a, img, &ph, &sg, have);
			if (ret)
				return ret;
		}
		if (have) {
			a->res->n_segments++;
			if (a->v && a->v->segment)
				a->v->segment(a->v->ctx, &sg);
		}
	}
	return 0;
}

/* Resource-table problem of image @img, as the TA's ELF parser sees it. */
static void rsc_fail(struct an *a, const struct rpi_image *img, int err,
		     u64 need, u64 have)
{
	/* F3 TA rule; the F1/F2 TAs are not known to check this */
	if (a->res->sum.closest == RPROC_DIAG_FMT_F3)
		finding_len(a, RPROC_DIAG_FND_BAD_ELF, img->index, 0, err,
			    img->off, need, have);
	if (a->f3ta)
		f3_fail_len(a, false, TEE_ERROR_BAD_FORMAT, RPROC_DIAG_FND_BAD_ELF,
			    img->index, 0, err, need, have);
}

/*
 * The optional .resource_table section: header {ver 1, num, reserved[2]}
 * then num u32 offsets, inside the section, itself inside the image.
 */
static noinline int check_rsc_table(struct an *a, const struct rpi_image *img)
{
	static const char name[] = ".resource_table";
	u8 eh[ELF32_EHDR_LEN], sh[ELF32_SHDR_LEN], nm[sizeof(name)], rt[16];
	u32 shoff, shnum, stridx, stroff, i, size;
	u64 off;
	int ret;

	ret = rd_get(&a->r, img->off, eh, sizeof(eh));
	if (ret)
		return ret == -ERANGE ? 0 : ret;
	shoff = rpi_le32(eh + 32);
	shnum = rpi_le16(eh + 48);
	stridx = rpi_le16(eh + 50);
	if (stridx >= shnum || shnum > RPI_MAX_PHDRS ||
	    (u64)shoff + (u64)shnum * ELF32_SHDR_LEN > img->size)
		return 0;	/* no usable section names: nothing to find */
	ret = rd_get(&a->r, img->off + shoff + (u64)stridx * ELF32_SHDR_LEN, sh, sizeof(sh));
	if (ret)
		return ret == -ERANGE ? 0 : ret;
	stroff = rpi_le32(sh + 16);
	for (i = 0; i < shnum; i++) {
		ret = rd_get(&a->r, img->off + shoff + (u64)i * ELF32_SHDR_LEN, sh, sizeof(sh));
		if (ret)
			return ret == -ERANGE ? 0 : ret;
		off = (u64)stroff + rpi_le32(sh);	/* no 32-bit wrap */
		if (off + sizeof(nm) > img->size ||
		    rd_get(&a->r, img->off + off, nm, sizeof(nm)) ||
		    memcmp(nm, name, sizeof(nm)))
			continue;
		if (a->rsc_tables++) {
			rsc_fail(a, img, RPI_ELF_ERR_RSC_TWICE, 0, 0);
			return 0;
		}
		off = rpi_le32(sh + 16);
		size = rpi_le32(sh + 20);
		if (size < sizeof(rt)) {
			rsc_fail(a, img, RPI_ELF_ERR_RSC_TRUNC, sizeof(rt), size);
			return 0;
		}
		if (off + size > img->size) {
			rsc_fail(a, img, RPI_ELF_ERR_RSC_TRUNC, off + size,
				 img->size);
			return 0;
		}
		if (rd_get(&a->r, img->off + off, rt, sizeof(rt))) {
			rsc_fail(a, img, RPI_ELF_ERR_RSC_TRUNC,
				 img->off + off + sizeof(rt), a->r.size);
			return 0;
		}
		if (rpi_le32(rt) != 1)
			rsc_fail(a, img, RPI_ELF_ERR_RSC_VERSION, 0, 0);
		else if (rpi_le32(rt + 8) || rpi_le32(rt + 12))
			rsc_fail(a, img, RPI_ELF_ERR_RSC_RESERVED, 0, 0);
		else if (sizeof(rt) + 4 * (u64)rpi_le32(rt + 4) > size)
			rsc_fail(a, img, RPI_ELF_ERR_RSC_INCOMPLETE,
				 sizeof(rt) + 4 * (u64)rpi_le32(rt + 4), size);
	}
	return 0;
}

/* Table entries past the program headers of all images: shown, not hashed. */
static int extra_entries(struct an *a, u32 first)
{
	struct rpi_segment sg;
	u8 e[RPI_SEG_ENTRY_LEN];
	u32 i;
	int ret;

	if (a->entry_len != RPI_SEG_ENTRY_LEN)
		return 0;
	for (i = first; i < a->n_entries && i - first < RPI_MAX_PHDRS; i++) {
		ret = get_entry(a, i, e);
		if (ret)
			return ret == -ERANGE ? 0 : ret;
		memset(&sg, 0, sizeof(sg));
		fill_seg(&sg, e);
		sg.entry = i;
		sg.image = ~0U;
		sg.index = i - first;
		sg.table_off = a->table_off + (u64)i * a->entry_len;
		a->res->n_segments++;
		if (a->v && a->v->segment)
			a->v->segment(a->v->ctx, &sg);
	}
	return 0;
}

/* Image table of F3/F2: NUM_IMG, IMGTYPE, IMGSIZE checks in TA order. */
static noinline int walk_images(struct an *a)
{
	struct rpi_summary *s = &a->res->sum;
	const struct tlv_facts *tf = &a->tf;
	struct rpi_image img;
	struct len_fact len;
	u32 i, n, want_type, phoff = 0, entries = 0;
	u64 off = s->img_off;
	bool f1 = s->closest == RPROC_DIAG_FMT_F1;
	u8 b[4];
	int err, ret;

	if (f1) {
		n = 1;
	} else {
		if (!(s->flags & RPI_S_HAS_NUM_IMG)) {
			finding(a, RPROC_DIAG_FND_MISSING_TLV, 0,
				RPI_TLV_NUM_IMG, 0, 0);
			f3_fail(a, false, TEE_ERROR_NO_DATA, RPROC_DIAG_FND_MISSING_TLV,
				0, RPI_TLV_NUM_IMG, 0);
			return 0;
		}
		if (tf->len[RPI_TLV_NUM_IMG] != 1 || !s->num_img) {
			finding(a, RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_NUM_IMG,
				tf->len[RPI_TLV_NUM_IMG], 0);
			f3_fail(a, false, s->num_img ? TEE_ERROR_BAD_FORMAT : TEE_ERROR_NO_DATA,
				RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_NUM_IMG,
				tf->len[RPI_TLV_NUM_IMG]);
			return 0;
		}
		n = s->num_img;
	}
	want_type = (s->flags & RPI_S_HAS_ENC_TYPE) ? RPI_IMG_ENC_ELF : RPI_IMG_ELF;
	for (i = 0; i < n; i++) {
		memset(&img, 0, sizeof(img));
		img.index = i;
		img.off = off;
		img.first_entry = entries;
		if (f1) {
			img.type = s->w[13];
			img.size = s->w[11];
		} else {
			u32 t;

			if (!tf_has(s, RPI_TLV_IMGTYPE) || !tf_has(s, RPI_TLV_IMGSIZE)) {
				t = tf_has(s, RPI_TLV_IMGTYPE) ? RPI_TLV_IMGSIZE :
								 RPI_TLV_IMGTYPE;
				finding(a, RPROC_DIAG_FND_MISSING_TLV, i, t, 0, 0);
				f3_fail(a, false, TEE_ERROR_NO_DATA,
					RPROC_DIAG_FND_MISSING_TLV, i, t, 0);
				return 0;
			}
			if (tf->len[RPI_TLV_IMGTYPE] != n ||
			    tf->len[RPI_TLV_IMGSIZE] != 4 * n) {
				t = tf->len[RPI_TLV_IMGTYPE] != n ?
				    RPI_TLV_IMGTYPE : RPI_TLV_IMGSIZE;
				finding(a, RPROC_DIAG_FND_BAD_TLV_LEN, i, t,
					tf->len[t], 0);
				f3_fail(a, false, TEE_ERROR_BAD_PARAMETERS,
					RPROC_DIAG_FND_BAD_TLV_LEN, i, t,
					tf->len[t]);
				return 0;
			}
			ret = rd_get(&a->r, tf->voff[RPI_TLV_IMGTYPE] + i, b, 1);
			if (ret)
				return ret == -ERANGE ? 0 : ret;
			img.type = b[0];
			ret = rd_get(&a->r, tf->voff[RPI_TLV_IMGSIZE] + 4 * i, b, 4);
			if (ret)
				return ret == -ERANGE ? 0 : ret;
			img.size = rpi_le32(b);
			if (img.type != want_type)
				finding(a, RPROC_DIAG_FND_BAD_TLV_LEN, i,
					RPI_TLV_IMGTYPE, img.type, 0);
			/* upstream knows ELF only; ST: 2 with ENCTYPE, else 1 */
			if (img.type != RPI_IMG_ELF)
				ta_fail(a, false, RPI_TA_UPSTREAM, TEE_ERROR_BAD_FORMAT,
					LOAD, RPROC_DIAG_FND_BAD_TLV_LEN, i,
					RPI_TLV_IMGTYPE, img.type);
			if (img.type != want_type)
				ta_fail(a, false, RPI_TA_ST400, TEE_ERROR_BAD_FORMAT,
					LOAD, RPROC_DIAG_FND_BAD_TLV_LEN, i,
					RPI_TLV_IMGTYPE, img.type);
		}
		err = elf_check(a, &img, &phoff, &len);
		img.elf_ok = !err;
		if (i < RPI_MAX_IMAGES) {
			a->res->images[i] = img;
			a->res->n_images = i + 1;
		}
		if (a->v && a->v->image)
			a->v->image(a->v->ctx, &img);
		if (err) {
			elf_fail(a, &img, err, &len);
		} else {
			ret = walk_image(a, &img, phoff);
			if (!ret)
				ret = check_rsc_table(a, &img);
			if (ret)
				return ret;
			entries += img.e_phnum;
		}
		off += img.size;
	}
	return extra_entries(a, entries);
}

static int check_table(struct an *a)
{
	struct rpi_summary *s = &a->res->sum;
	bool enc = s->flags & RPI_S_HAS_ENC_TYPE;
	u32 t = enc ? RPI_TLV_ENCTABLE : RPI_TLV_HASHTABLE;
	u64 avail;

	a->entry_len = s->table_entry_len ? s->table_entry_len : RPI_SEG_ENTRY_LEN;
	a->table_off = s->table_off;
	/* the upstream TA has no encryption: it always wants HASHTABLE */
	if (enc && !tf_has(s, RPI_TLV_HASHTABLE))
		ta_fail(a, false, RPI_TA_UPSTREAM, TEE_ERROR_NO_DATA, LOAD,
			RPROC_DIAG_FND_MISSING_TLV, 0, RPI_TLV_HASHTABLE, 0);
	if (s->closest != RPROC_DIAG_FMT_F1 && !tf_has(s, t)) {
		finding(a, RPROC_DIAG_FND_MISSING_TLV, 0, t, 0, 0);
		f3_fail(a, false, TEE_ERROR_NO_DATA, RPROC_DIAG_FND_MISSING_TLV, 0, t, 0);
		return 0;
	}
	if (s->table_len % a->entry_len) {
		finding(a, RPROC_DIAG_FND_BAD_TLV_LEN, 0, t, s->table_len, 0);
		f3_fail(a, false, TEE_ERROR_BAD_PARAMETERS, RPROC_DIAG_FND_BAD_TLV_LEN,
			0, t, s->table_len);
	}
	a->n_entries = s->table_len / a->entry_len;
	avail = a->table_off < a->r.size ? a->r.size - a->table_off : 0;
	if ((u64)a->n_entries * a->entry_len > avail)
		a->n_entries = div_u64(avail, a->entry_len);
	return 1;
}

/* SHA-256 of the bytes the signature covers. */
static noinline int signed_digest(struct an *a)
{
	struct rpi_result *res = a->res;
	const struct rpi_summary *s = &res->sum;
	const struct rpi_hash_ops *h = a->hash;
	u64 len, tlen;
	size_t n;
	int ret;

	switch (s->closest) {
	case RPROC_DIAG_FMT_F3:
		len = RPI_F3_HDR_LEN + RPI_R8(s->tlv_len);
		break;
	case RPROC_DIAG_FMT_F1:
		len = s->sig_off;
		break;
	case RPROC_DIAG_FMT_F2:
		len = RPI_F2_HDR_LEN;
		break;
	default:
		return 0;
	}
	if (len > a->r.size)
		return 0;
	if (s->closest != RPROC_DIAG_FMT_F2) {
		ret = hash_range(a, 0, len, res->signed_digest);
		if (!ret)
			res->signed_len = len;
		return ret;
	}

	tlen = RPI_R8(s->w[4]) + RPI_R8(s->w[5]);
	if (s->tlv_off > a->r.size || tlen > a->r.size - s->tlv_off)
		return 0;
	ret = h->init(h->hctx);
	if (!ret)
		ret = rd_get(&a->r, 0, a->buf, RPI_F2_HDR_LEN);
	if (!ret)
		ret = h->update(h->hctx, a->buf, RPI_F2_HDR_LEN);
	len = tlen;
	while (!ret && tlen) {
		n = tlen < a->buf_len ? (size_t)tlen : a->buf_len;
		ret = rd_get(&a->r, s->tlv_off + (len - tlen), a->buf, n);
		if (!ret)
			ret = h->update(h->hctx, a->buf, n);
		tlen -= n;
	}
	if (!ret)
		ret = h->final(h->hctx, res->signed_digest);
	if (!ret)
		res->signed_len = RPI_F2_HDR_LEN + len;
	return ret;
}

/* Findings about the container that do not depend on the TA. */
static void container_findings(struct an *a)
{
	const struct rpi_summary *s = &a->res->sum;
	const struct tlv_facts *tf = &a->tf;

	if (s->format == RPROC_DIAG_FMT_ELF) {
		finding(a, RPROC_DIAG_FND_NOT_SIGNED, 0, 0, 0, 0);
		return;
	}
	if (s->flags & RPI_S_SHORT) {
		/* empty, or cut inside the smallest (F3) header */
		finding_len(a, RPROC_DIAG_FND_TRUNCATED, 0, 0,
			    (s64)(RPI_F3_HDR_LEN - s->file_size), 0,
			    RPI_F3_HDR_LEN, s->file_size);
		return;
	}
	if (s->magic != RPI_MAGIC) {
		finding(a, RPROC_DIAG_FND_BAD_MAGIC, 0, 0, s->magic, 0);
		return;
	}
	if (s->version != RPI_VERSION)
		finding(a, RPROC_DIAG_FND_BAD_VERSION, 0, 0, s->version, 4);
	if (s->format == RPROC_DIAG_FMT_DAMAGED && (s->flags & RPI_S_HAS_EXPECTED))
		finding_len(a, s->size_delta < 0 ? RPROC_DIAG_FND_TRUNCATED :
						   RPROC_DIAG_FND_APPENDED,
			    s->closest, 0,
			    s->size_delta < 0 ? -s->size_delta : s->size_delta,
			    s->expected_size, s->expected_size, s->file_size);
	if (tf->overrun)
		finding_len(a, RPROC_DIAG_FND_BAD_TLV_LEN, tf->bad_index,
			    tf->bad_type, tf->bad_len, 0, tf->bad_len,
			    tf->bad_left);
	if (s->closest == RPROC_DIAG_FMT_F1)
		return;
	if (s->closest == RPROC_DIAG_FMT_F3) {
		if (!s->w[2] || !s->w[3])
			finding(a, RPROC_DIAG_FND_HEADER_OVERFLOW, 0, 0, 0, 8);
		if (!(s->flags & RPI_S_HAS_SIGN_TYPE))
			finding(a, RPROC_DIAG_FND_MISSING_TLV, 0,
				RPI_TLV_SIGNTYPE, 0, 0);
		else if (tf->len[RPI_TLV_SIGNTYPE] != 1)
			finding(a, RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_SIGNTYPE,
				tf->len[RPI_TLV_SIGNTYPE], tf->voff[RPI_TLV_SIGNTYPE]);
		if (!(s->flags & RPI_S_HAS_HASH_TYPE))
			finding(a, RPROC_DIAG_FND_MISSING_TLV, 0,
				RPI_TLV_HASHTYPE, 0, 0);
		else if (tf->len[RPI_TLV_HASHTYPE] != 1)
			finding(a, RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_HASHTYPE,
				tf->len[RPI_TLV_HASHTYPE], tf->voff[RPI_TLV_HASHTYPE]);
		if (tf->bootaddr_n && tf->bootaddr_len != 4)
			finding(a, RPROC_DIAG_FND_BAD_TLV_LEN, 0,
				RPI_TLV_ST_BOOTADDR, tf->bootaddr_len, 0);
		if (tf->bootsec_n && tf->bootsec_len != 4)
			finding(a, RPROC_DIAG_FND_BAD_TLV_LEN, 0,
				RPI_TLV_ST_BOOTSEC, tf->bootsec_len, 0);
		if (s->flags & RPI_S_PLAT_UNKNOWN)
			finding(a, RPROC_DIAG_FND_PLAT_TLV, 0, s->plat_unknown, 0, 0);
	} else if (tf->f2_bad_chunk || tf->f2_bad_plat) {
		finding_len(a, RPROC_DIAG_FND_BAD_TLV_LEN, 0,
			    tf->f2_bad_chunk ? RPI_F2_TLV_MAGIC :
					       RPI_F2_PLAT_MAGIC,
			    0, s->tlv_off, tf->f2_need, tf->f2_have);
	}
	if ((s->flags & RPI_S_HAS_SIGN_TYPE) &&
	    s->sign_type == RPI_SIGN_ECDSA_P256_SHA256)
		finding(a, RPROC_DIAG_FND_ECDSA, 0, RPI_SIGN_ECDSA_P256_SHA256, 0, 0);
	else if ((s->flags & RPI_S_HAS_SIGN_TYPE) &&
		 s->sign_type != RPI_SIGN_RSA_PKCS1_SHA256)
		finding(a, RPROC_DIAG_FND_UNSUPPORTED_SIGN, 0, s->sign_type, 0, 0);
	if (!(s->flags & RPI_S_HAS_BOOTADDR))
		finding(a, RPROC_DIAG_FND_MISSING_BOOTADDR, 0,
			RPI_TLV_ST_BOOTADDR, 0, 0);
}

int rpi_analyze(const struct rpi_source *src, const struct rpi_hash_ops *hash,
		void *scratch, size_t scratch_len,
		const struct rpi_visitor *v, struct rpi_result *res)
{
	u8 h[14 * 4 + 4];	/* header words + first TLV type */
	struct an a;
	size_t head;
	u32 ta;
	int ret;

	if (!src || !src->read || !scratch || scratch_len < RPI_SCRATCH_MIN ||
	    !res)
		return -EINVAL;
	memset(res, 0, sizeof(*res));
	memset(&a, 0, sizeof(a));
	a.r.src = src;
	a.r.size = src->size;
	a.hash = hash && hash->init && hash->update && hash->final ? hash : NULL;
	a.buf = scratch;
	a.buf_len = scratch_len;
	a.v = v;
	a.res = res;

	res->sum.file_size = src->size;
	head = src->size < sizeof(h) ? (size_t)src->size : sizeof(h);
	ret = src->read(src->ctx, 0, h, head);
	if (ret)
		return ret;
	ret = summarize(&a.r, h, head, &res->sum, &a.tf, v);
	if (ret)
		return ret;
	res->sig_off = res->sum.sig_off;
	res->sig_len = res->sum.sign_len;

	container_findings(&a);
	check_f3_header(&a);
	check_f3_signtype(&a);
	check_f1_header(&a);

	if (res->sum.format == RPROC_DIAG_FMT_ELF ||
	    res->sum.format == RPROC_DIAG_FMT_UNKNOWN || res->sum.nwords < 5)
		goto out;
	if (a.hash) {
		ret = signed_digest(&a);
		if (ret)
			return ret;
	}
	if (a.f3ta)
		check_st400_tlvs(&a);
	if (check_table(&a)) {
		ret = walk_images(&a);
		if (ret)
			return ret;
	}
	/* ST 4.0.0 on STM32MP2: start needs the boot address */
	if (a.f3ta && !(res->sum.flags & RPI_S_HAS_BOOTADDR))
		ta_fail(&a, false, RPI_TA_ST400, TEE_ERROR_GENERIC,
			RPROC_DIAG_TA_START_FW, RPROC_DIAG_FND_MISSING_BOOTADDR,
			0, RPI_TLV_ST_BOOTADDR, 0);
out:
	for (ta = 0; ta < RPI_TA_COUNT; ta++)
		if (res->pre[ta].result)
			res->post[ta].result = 0;
	return 0;
}

/* ---- names and texts --------------------------------------------------- */

const char *rpi_format_name(u32 format)
{
	switch (format) {
	case RPROC_DIAG_FMT_F1:
		return "optee-rproc-f1";
	case RPROC_DIAG_FMT_F2:
		return "optee-rproc-f2";
	case RPROC_DIAG_FMT_F3:
		return "optee-rproc-f3";
	case RPROC_DIAG_FMT_ELF:
		return "elf";
	case RPROC_DIAG_FMT_DAMAGED:
		return "optee-rproc-damaged";
	default:
		return "unknown";
	}
}

const char *rpi_format_desc(u32 format)
{
	switch (format) {
	case RPROC_DIAG_FMT_F1:
		return "ST legacy F1 image (56-byte header, ST OP-TEE <= 3.19.0-r1.1)";
	case RPROC_DIAG_FMT_F2:
		return "STM32MP25 beta F2 image (TLV trailer)";
	case RPROC_DIAG_FMT_F3:
		return "F3 TLV image (upstream OP-TEE >= 4.0, ST >= 3.19.0-r2)";
	case RPROC_DIAG_FMT_ELF:
		return "plain unsigned ELF file";
	case RPROC_DIAG_FMT_DAMAGED:
		return "OP-TEE remoteproc image whose size matches no layout";
	default:
		return "file of unknown format";
	}
}

const char *rpi_tlv_name(u32 type)
{
	switch (type) {
	case RPI_TLV_SIGNTYPE:
		return "SIGNTYPE";
	case RPI_TLV_HASHTYPE:
		return "HASHTYPE";
	case RPI_TLV_NUM_IMG:
		return "NUM_IMG";
	case RPI_TLV_IMGTYPE:
		return "IMGTYPE";
	case RPI_TLV_IMGSIZE:
		return "IMGSIZE";
	case RPI_TLV_ENCTYPE:
		return "ENCTYPE";
	case RPI_TLV_HASHTABLE:
		return "HASHTABLE";
	case RPI_TLV_PKEYINFO:
		return "PKEYINFO";
	case RPI_TLV_ENCTABLE:
		return "ENCTABLE";
	case RPI_TLV_ST_BOOTADDR:
		return "BOOTADDR";
	case RPI_TLV_ST_BOOTSEC:
		return "BOOTSEC";
	case RPI_TLV_F2_SBOOTADDR:
		return "SBOOTADDR";
	case RPI_TLV_F2_NSBOOTADDR:
		return "NSBOOTADDR";
	case RPI_F2_TLV_MAGIC:
		return "F2 TLV chunk";
	case RPI_F2_PLAT_MAGIC:
		return "F2 platform chunk";
	default:
		return NULL;
	}
}

const char *rpi_ta_name(u32 ta)
{
	switch (ta) {
	case RPI_TA_UPSTREAM:
		return "upstream OP-TEE F3 TA";
	case RPI_TA_ST400:
		return "ST 4.0.0 TA";
	case RPI_TA_ST_LEGACY:
		return "ST legacy F1 TA";
	default:
		return "unknown TA";
	}
}

const char *rpi_ta_id(u32 ta)
{
	switch (ta) {
	case RPI_TA_UPSTREAM:
		return "upstream-f3";
	case RPI_TA_ST400:
		return "st-4.0.0";
	case RPI_TA_ST_LEGACY:
		return "st-legacy-f1";
	default:
		return "unknown";
	}
}

static const char *const finding_names[__RPROC_DIAG_FND_MAX] = {
	[RPROC_DIAG_FND_OK] = "ok",
	[RPROC_DIAG_FND_TRUNCATED] = "truncated",
	[RPROC_DIAG_FND_APPENDED] = "appended",
	[RPROC_DIAG_FND_WRONG_GENERATION] = "wrong-generation",
	[RPROC_DIAG_FND_NOT_SIGNED] = "not-signed",
	[RPROC_DIAG_FND_BAD_MAGIC] = "bad-magic",
	[RPROC_DIAG_FND_BAD_VERSION] = "bad-version",
	[RPROC_DIAG_FND_MISSING_TLV] = "missing-tlv",
	[RPROC_DIAG_FND_BAD_TLV_LEN] = "bad-tlv",
	[RPROC_DIAG_FND_SEGMENT_HASH] = "segment-hash",
	[RPROC_DIAG_FND_SEGMENT_NOT_LOAD] = "segment-not-load",
	[RPROC_DIAG_FND_SEGMENT_NO_ENTRY] = "segment-no-entry",
	[RPROC_DIAG_FND_SEGMENT_SIZE] = "segment-size",
	[RPROC_DIAG_FND_SEGMENT_RANGE] = "segment-range",
	[RPROC_DIAG_FND_BAD_ELF] = "bad-elf",
	[RPROC_DIAG_FND_MISSING_BOOTADDR] = "missing-bootaddr",
	[RPROC_DIAG_FND_ECDSA] = "ecdsa",
	[RPROC_DIAG_FND_UNSUPPORTED_SIGN] = "unsupported-sign",
	[RPROC_DIAG_FND_HEADER_OVERFLOW] = "header-overflow",
	[RPROC_DIAG_FND_DUPLICATE_PADDR] = "duplicate-paddr",
	[RPROC_DIAG_FND_PLAT_TLV] = "platform-tlv",
	[RPROC_DIAG_FND_FETCH_FAILED] = "fetch-failed",
	[RPROC_DIAG_FND_IMAGE_CHANGED] = "image-changed",
};

const char *rpi_finding_name(u32 code)
{
	if (code < __RPROC_DIAG_FND_MAX && finding_names[code])
		return finding_names[code];
	return "unknown";
}

bool rpi_finding_is_info(u32 code)
{
	return code == RPROC_DIAG_FND_OK || code == RPROC_DIAG_FND_ECDSA ||
	       code == RPROC_DIAG_FND_MISSING_BOOTADDR ||
	       code == RPROC_DIAG_FND_PLAT_TLV;
}

static const char *tlv_label(u32 type, char *tmp, size_t len)
{
	const char *n = rpi_tlv_name(type);

	if (n)
		return n;
	snprintf(tmp, len, "type 0x%x", type);
	return tmp;
}

static int finding_body(const struct rpi_finding *f, char *buf, size_t len);

/* The text, then what was claimed and what is there for a length finding. */
int rpi_finding_text(const struct rpi_finding *f, char *buf, size_t len)
{
	unsigned long long need = f->need, have = f->have;
	int n = finding_body(f, buf, len);

	if (!need || n < 0 || (size_t)n >= len)
		return n;
	switch (f->code) {
	case RPROC_DIAG_FND_TRUNCATED:
		return snprintf(buf, len,
				"the file is %lld bytes shorter than its header says (header says %llu bytes, file has %llu; truncated copy?)",
				(long long)f->value, need, have);
	case RPROC_DIAG_FND_APPENDED:
		return snprintf(buf, len,
				"the file is %lld bytes longer than its header says (header says %llu bytes, file has %llu; appended after signing?)",
				(long long)f->value, need, have);
	case RPROC_DIAG_FND_HEADER_OVERFLOW:
		return n + snprintf(buf + n, len - n,
				    " (header says %llu bytes, file has %llu)",
				    need, have);
	default:
		return n + snprintf(buf + n, len - n,
				    " (%llu bytes claimed, %llu there)",
				    need, have);
	}
}

static int finding_body(const struct rpi_finding *f, char *buf, size_t len)
{
	long long v = (long long)f->value;
	char t[24];

	switch (f->code) {
	case RPROC_DIAG_FND_OK:
		return snprintf(buf, len, "image consistent");
	case RPROC_DIAG_FND_TRUNCATED:
		return snprintf(buf, len,
				"the file is %lld bytes shorter than its header says (truncated copy?)",
				v);
	case RPROC_DIAG_FND_APPENDED:
		return snprintf(buf, len,
				"the file is %lld bytes longer than its header says (bytes appended after signing?)",
				v);
	case RPROC_DIAG_FND_WRONG_GENERATION:
		return snprintf(buf, len, "the file is an %s, a layout this TA does not read",
				rpi_format_desc(f->index));
	case RPROC_DIAG_FND_NOT_SIGNED:
		return snprintf(buf, len,
				"plain ELF, not a signed image: sign it (rproc-diag sign)");
	case RPROC_DIAG_FND_BAD_MAGIC:
		return snprintf(buf, len, "magic 0x%08llx is not 0x3543a468",
				(unsigned long long)(u32)f->value);
	case RPROC_DIAG_FND_BAD_VERSION:
		return snprintf(buf, len, "header version %lld, the TA needs 1", v);
	case RPROC_DIAG_FND_MISSING_TLV:
		return snprintf(buf, len, "no %s TLV", tlv_label(f->addr, t, sizeof(t)));
	case RPROC_DIAG_FND_BAD_TLV_LEN:
		return snprintf(buf, len, "%s TLV has a bad length or value (%lld)",
				tlv_label(f->addr, t, sizeof(t)), v);
	case RPROC_DIAG_FND_SEGMENT_HASH:
		return snprintf(buf, len,
				"segment at p_paddr 0x%08x (table entry %u): SHA-256 differs from the hash table (modified after signing)",
				f->addr, f->index);
	case RPROC_DIAG_FND_SEGMENT_NOT_LOAD:
		return snprintf(buf, len,
				"the first table entry for p_paddr 0x%08x (entry %u) has p_type 0x%llx, not PT_LOAD",
				f->addr, f->index, (unsigned long long)(u32)f->value);
	case RPROC_DIAG_FND_SEGMENT_NO_ENTRY:
		return snprintf(buf, len,
				"PT_LOAD at p_paddr 0x%08x has no hash-table entry", f->addr);
	case RPROC_DIAG_FND_SEGMENT_SIZE:
		return snprintf(buf, len,
				"table entry %u for p_paddr 0x%08x: filesz/memsz/offset differ from the ELF program header",
				f->index, f->addr);
	case RPROC_DIAG_FND_SEGMENT_RANGE:
		return snprintf(buf, len,
				"segment %u (p_paddr 0x%08x, %lld bytes) lies outside its image",
				f->index, f->addr, v);
	case RPROC_DIAG_FND_BAD_ELF:
		if (f->value > 0 && f->value < RPI_ELF_ERR_MAX)
			return snprintf(buf, len, "image %u is not a valid ELF32: %s",
					f->index, elf_err_text[f->value]);
		return snprintf(buf, len,
				"image %u has %lld program headers, only %d checked",
				f->index, v, RPI_MAX_PHDRS);
	case RPROC_DIAG_FND_MISSING_BOOTADDR:
		return snprintf(buf, len,
				"no BOOTADDR TLV: an STM32MP2 M33 cannot be started (sign with --plat-tlv BOOTADDR and the address of its vector table)");
	case RPROC_DIAG_FND_ECDSA:
		return snprintf(buf, len,
				"signed with ECDSA P-256: only ST TAs built with CFG_REMOTEPROC_PUB_KEY_VERIFY=y accept it");
	case RPROC_DIAG_FND_UNSUPPORTED_SIGN:
		return snprintf(buf, len, "signature type %u is neither 1 (RSA) nor 2 (ECDSA)",
				f->addr);
	case RPROC_DIAG_FND_HEADER_OVERFLOW:
		return snprintf(buf, len,
				"header lengths are zero or do not fit in the file");
	case RPROC_DIAG_FND_DUPLICATE_PADDR:
		return snprintf(buf, len,
				"p_paddr 0x%08x is in more than one table entry; the TA uses the first, entry %u",
				f->addr, f->index);
	case RPROC_DIAG_FND_PLAT_TLV:
		return snprintf(buf, len,
				"platform TLV 0x%x is unknown to the ST TA (NOT_IMPLEMENTED)",
				f->addr);
	case RPROC_DIAG_FND_FETCH_FAILED:
		return snprintf(buf, len, "could not read the firmware file (error %lld)", v);
	case RPROC_DIAG_FND_IMAGE_CHANGED:
		return snprintf(buf, len, "the file differs from the image that was loaded");
	default:
		return snprintf(buf, len, "finding %u", f->code);
	}
}

void rpi_predict(const struct rpi_result *res, u32 ta, u32 sig,
		 struct rpi_verdict *out)
{
	const struct rpi_ta_fail *t = NULL;
	char why[RPROC_DIAG_TEXT_MAX];

	memset(out, 0, sizeof(*out));
	out->ta = ta;
	out->cmd = RPROC_DIAG_TA_LOAD_FW;
	if (ta >= RPI_TA_COUNT) {
		snprintf(out->reason, sizeof(out->reason), "unknown TA generation");
		return;
	}
	if (res->pre[ta].result) {
		t = &res->pre[ta];
	} else if (sig == RPI_SIG_INVALID) {
		out->result = 0xffff3072U;
		out->finding = RPROC_DIAG_FND_OK;
		snprintf(out->reason, sizeof(out->reason),
			 "the signature does not verify with the key this TA trusts");
		return;
	} else if (res->post[ta].result) {
		t = &res->post[ta];
		out->uncertain = sig == RPI_SIG_UNKNOWN;
	}
	if (!t) {
		out->uncertain = sig == RPI_SIG_UNKNOWN;
		snprintf(out->reason, sizeof(out->reason), "%s",
			 out->uncertain ?
			 "loads if the signature verifies with the key this TA trusts" :
			 "loads and starts");
		return;
	}
	out->result = t->result;
	out->cmd = t->cmd;
	out->finding = t->f.code;
	rpi_finding_text(&t->f, why, sizeof(why));
	snprintf(out->reason, sizeof(out->reason), "%s%s",
		 out->uncertain ? "if the signature verifies: " : "", why);
}
