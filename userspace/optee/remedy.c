// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Fix planner (remedy.h).  The image is walked once by the shared library
 * in TA order (rpi_analyze over the buffer); its findings decide what
 * re-signing changes and what it cannot change.  Re-signing rewrites every
 * TLV, the hash table and the signature from the ELF bytes, so a finding
 * about those is fixed by construction; a finding about the ELF bytes
 * themselves (hash mismatch, resource table, truncated ELF) is not, and
 * neither is what only the board decides (the key OP-TEE trusts, its device
 * tree, whether it has the TA): those are refused with what to do.
 *
 * The TA behaviour each change rests on: ../shared/notes/
 * optee-rproc-image-format.md §3 (ST 4.0.0 gradhocJcalvo/optee-graddeck
 * a8dd87d4: platform TLVs other than BOOTADDR/BOOTSEC NOT_IMPLEMENTED,
 * BOOTADDR/BOOTSEC of another length CORRUPT_OBJECT, BOOTADDR twice
 * GENERIC, HASHTYPE required; STM32MP2 start fails without BOOTADDR).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hash.h"
#include "optee/remedy.h"

static const char *const code_names[RC__COUNT] = {
	[RC_SIGN_ELF] = "sign-elf",
	[RC_REGENERATE] = "regenerate-f3",
	[RC_RESIGN] = "re-sign",
	[RC_ADD_BOOTADDR] = "add-bootaddr",
	[RC_FIX_BOOTADDR] = "fix-bootaddr",
	[RC_BOOTADDR_LENGTH] = "bootaddr-length",
	[RC_BOOTADDR_TWICE] = "bootaddr-twice",
	[RC_DROP_PLAT_TLV] = "drop-platform-tlv",
	[RC_ADD_HASHTYPE] = "add-hashtype",
	[RC_DROP_APPENDED] = "drop-appended-bytes",
	[RC_PADDING_LOST] = "padding-lost",
	[RC_REBUILD_TLVS] = "rebuild-tlvs",
	[RC_KEY_INFO] = "key-info",
	[RC_NOT_IMAGE] = "not-an-image",
	[RC_EMPTY] = "empty-file",
	[RC_TRUNCATED] = "truncated-image",
	[RC_HEADER_DAMAGED] = "header-damaged",
	[RC_CONTENT_CHANGED] = "content-changed",
	[RC_BAD_ELF] = "bad-elf",
	[RC_RSC_TWICE] = "second-resource-table",
	[RC_BAD_RSC] = "bad-resource-table",
	[RC_ENCRYPTED] = "encrypted-image",
	[RC_NO_VECTOR_TABLE] = "no-vector-table",
	[RC_SEVERAL_IMAGES] = "bootaddr-of-which-image",
	[RC_BOOTSEC_LENGTH] = "bootsec-length",
};

_Static_assert(sizeof(code_names) / sizeof(code_names[0]) == RC__COUNT, "one name per code");

const char *remedy_code_name(enum remedy_code c)
{
	return (unsigned int)c < RC__COUNT && code_names[c] ? code_names[c] : "unknown";
}

const char *remedy_soc_name(enum remedy_soc s)
{
	return s == REMEDY_SOC_MP25 ? "mp25" : s == REMEDY_SOC_MP15 ? "mp15" : "unknown";
}

static void note(struct remedy_note *tab, unsigned int *n, enum remedy_code code, const char *fmt,
		 ...) __attribute__((format(printf, 4, 5)));

static void note(struct remedy_note *tab, unsigned int *n, enum remedy_code code, const char *fmt, ...)
{
	va_list ap;

	for (unsigned int i = 0; i < *n; i++)
		if (tab[i].code == code)
			return;	/* one note per code */
	if (*n == REMEDY_MAX_NOTES)
		return;
	tab[*n].code = code;
	va_start(ap, fmt);
	vsnprintf(tab[*n].text, sizeof(tab[*n].text), fmt, ap);
	va_end(ap);
	(*n)++;
}

#define CHANGE(p, c, ...) note((p)->changes, &(p)->n_changes, c, __VA_ARGS__)
#define REFUSE(p, c, ...) note((p)->refused, &(p)->n_refused, c, __VA_ARGS__)

/* ------------------------------------------------------------------ */
/* what the analysis saw                                                */

#define MAX_SEEN 64

struct seen {
	const uint8_t *buf;
	size_t len;
	unsigned int n_f;
	struct rpi_finding f[MAX_SEEN];
	unsigned int n_plat;
	struct { uint32_t id, len; uint64_t voff; } plat[MAX_SEEN];
	bool pkeyinfo, enc;
};

static void on_finding(void *ctx, const struct rpi_finding *f)
{
	struct seen *s = ctx;

	if (s->n_f < MAX_SEEN)
		s->f[s->n_f++] = *f;
}

static void on_tlv(void *ctx, const struct rpi_tlv *t)
{
	struct seen *s = ctx;

	if (t->type == RPI_TLV_PKEYINFO)
		s->pkeyinfo = true;
	if (t->type == RPI_TLV_ENCTYPE || t->type == RPI_TLV_ENCTABLE)
		s->enc = true;
	if (t->type >= RPI_TLV_PLAT_MIN && t->type <= RPI_TLV_PLAT_MAX && s->n_plat < MAX_SEEN) {
		s->plat[s->n_plat].id = t->type;
		s->plat[s->n_plat].len = t->len;
		s->plat[s->n_plat].voff = t->off + 8;
		s->n_plat++;
	}
}

static bool has_finding(const struct seen *s, uint32_t code, const struct rpi_finding **out)
{
	for (unsigned int i = 0; i < s->n_f; i++)
		if (s->f[i].code == code) {
			if (out)
				*out = &s->f[i];
			return true;
		}
	return false;
}

/* Bytes an ELF needs: program and section header tables, segment data. */
static uint64_t elf_extent(const uint8_t *b, uint64_t avail)
{
	uint64_t end, phoff, shoff;
	uint32_t phnum, shnum;

	if (avail < 52)
		return 52;
	phoff = rpi_le32(b + 28);
	shoff = rpi_le32(b + 32);
	phnum = rpi_le16(b + 44);
	shnum = rpi_le16(b + 48);
	end = 52;
	if (phoff + 32ULL * phnum > end)
		end = phoff + 32ULL * phnum;
	if (shnum && shoff + 40ULL * shnum > end)
		end = shoff + 40ULL * shnum;
	for (uint32_t i = 0; i < phnum && phoff + 32ULL * (i + 1) <= avail; i++) {
		const uint8_t *ph = b + phoff + 32ULL * i;
		uint64_t e = (uint64_t)rpi_le32(ph + 4) + rpi_le32(ph + 16);

		if (e > end)
			end = e;
	}
	return end;
}

static const char *tee_name(uint32_t id)
{
	const char *n = rpi_tlv_name(id);

	return n ? n : "platform TLV";
}

/* ------------------------------------------------------------------ */

static void add_plat(struct remedy_plan *p, uint32_t id, const uint8_t *val, size_t len)
{
	struct remedy_plat *t;

	if (p->n_plat == REMEDY_MAX_PLAT || len > sizeof(t->val))
		return;
	t = &p->plat[p->n_plat++];
	t->id = id;
	t->len = len;
	memcpy(t->val, val, len);
}

static void infer_soc(struct remedy_plan *p, const struct seen *s, const uint8_t *buf)
{
	bool low = true, any = false;

	for (unsigned int i = 0; i < s->n_plat; i++)
		if (s->plat[i].id == RPI_TLV_ST_BOOTADDR || s->plat[i].id == RPI_TLV_ST_BOOTSEC) {
			p->soc = REMEDY_SOC_MP25;
			snprintf(p->soc_why, sizeof(p->soc_why),
				 "the image carries a BOOTADDR/BOOTSEC TLV, which only STM32MP2 uses");
			return;
		}
	for (unsigned int i = 0; i < p->n_images; i++) {
		const uint8_t *e = buf + p->img[i].off;
		uint32_t phoff, phnum;

		if (p->img[i].size < 52 || memcmp(e, "\x7f" "ELF", 4))
			continue;
		phoff = rpi_le32(e + 28);
		phnum = rpi_le16(e + 44);

		for (uint32_t k = 0; k < phnum && phoff + 32ULL * (k + 1) <= p->img[i].size; k++) {
			const uint8_t *ph = e + phoff + 32ULL * k;

			if (rpi_le32(ph) != 1)
				continue;
			any = true;
			if (rpi_le32(ph + 12) >= 0x40000000U)
				low = false;
		}
	}
	if (any && low) {
		p->soc = REMEDY_SOC_MP15;
		snprintf(p->soc_why, sizeof(p->soc_why),
			 "every segment lies below 0x40000000, in the STM32MP15 M4's RETRAM/MCU SRAM");
	} else {
		p->soc = REMEDY_SOC_MP25;
		snprintf(p->soc_why, sizeof(p->soc_why),
			 "the segments lie in DDR (0x8xxxxxxx), as an STM32MP2 M33 image does");
	}
}

/* Locate the image(s): from the analysis, or the image area when the TLVs
 * that describe them are damaged but the header still says where it is. */
static void locate(struct remedy_plan *p, const struct rpi_result *res, size_t len, const uint8_t *buf)
{
	for (unsigned int i = 0; i < res->n_images && i < RPI_MAX_IMAGES; i++) {
		p->img[i].off = res->images[i].off;
		p->img[i].size = res->images[i].size;
		p->n_images++;
	}
	if (!p->n_images && res->sum.img_off && res->sum.img_off + 4 <= len &&
	    !memcmp(buf + res->sum.img_off, "\x7f" "ELF", 4)) {
		p->img[0].off = res->sum.img_off;
		p->img[0].size = res->sum.img_len;
		p->n_images = 1;
	}
}

static void check_images(struct remedy_plan *p, const uint8_t *buf, size_t len, const char *path,
			 bool truncated)
{
	for (unsigned int i = 0; i < p->n_images; i++) {
		uint64_t off = p->img[i].off, have, need;

		have = off < len ? len - off : 0;
		if (have > p->img[i].size)
			have = p->img[i].size;
		/* never more than the input holds, whatever the header claims */
		p->img[i].off = off < len ? off : len;
		p->img[i].size = have;
		if (have < 4 || memcmp(buf + off, "\x7f" "ELF", 4)) {
			REFUSE(p, RC_BAD_ELF,
			       "image %u of %s is not an ELF file: re-sign the firmware ELF from your build",
			       i, path);
			continue;
		}
		need = elf_extent(buf + off, have);
		if (need > have && !truncated) {
			/* an ELF whose tables point past it: judge_findings() says how */
			p->img[i].vt_err = -EINVAL;
			p->cut_elf = true;
			continue;
		}
		if (need > have) {
			REFUSE(p, RC_TRUNCATED,
			       "%s is cut: the ELF of image %u needs %llu bytes, the file holds %llu of them. "
			       "Re-signing cannot bring back lost bytes: copy the original file again "
			       "(compare its sha256sum with your build's) or fix the ELF from your build",
			       path, i, (unsigned long long)need, (unsigned long long)have);
			continue;
		}
		if (truncated)
			CHANGE(p, RC_PADDING_LOST,
			       "the file is shorter than its header says, but only padding was lost: the ELF of image %u is whole",
			       i);
		p->img[i].vt_err = vt_find(buf + off, (size_t)have, &p->img[i].vt);
	}
}

/* Findings of the input that re-signing does or does not cure. */
static void judge_findings(struct remedy_plan *p, const struct seen *s, const char *path)
{
	const struct rpi_finding *f;

	for (unsigned int i = 0; i < s->n_f; i++) {
		f = &s->f[i];
		switch (f->code) {
		case RPROC_DIAG_FND_APPENDED:
			CHANGE(p, RC_DROP_APPENDED, "dropped the %lld bytes that follow the image",
			       (long long)f->value);
			break;
		case RPROC_DIAG_FND_MISSING_TLV:
			if (f->addr == RPI_TLV_HASHTYPE)
				CHANGE(p, RC_ADD_HASHTYPE,
				       "added the HASHTYPE TLV (SHA-256) that ST's TA requires (NO_DATA without it)");
			else
				CHANGE(p, RC_REBUILD_TLVS, "rewrote the missing %s TLV", tee_name(f->addr));
			break;
		case RPROC_DIAG_FND_BAD_TLV_LEN:
			if (f->addr == RPI_TLV_ST_BOOTADDR)
				break;	/* handled with the BOOTADDR decision */
			if (f->addr == RPI_TLV_ST_BOOTSEC) {
				REFUSE(p, RC_BOOTSEC_LENGTH,
				       "the BOOTSEC TLV is %lld bytes, not 4 (ST's PTA: CORRUPT_OBJECT), and its "
				       "intended value cannot be known: re-sign the ELF with --plat-tlv BOOTSEC 0x1 "
				       "if the image is a TrustZone (TF-M) image, without BOOTSEC otherwise",
				       (long long)f->value);
				break;
			}
			CHANGE(p, RC_REBUILD_TLVS, "rewrote the %s TLV (it had a wrong length)",
			       tee_name(f->addr));
			break;
		case RPROC_DIAG_FND_SEGMENT_HASH:
			/* the signature covers the hash: the bytes changed after signing */
			REFUSE(p, RC_CONTENT_CHANGED,
			       "the ELF inside %s is not the one that was signed (the SHA-256 of the segment "
			       "at p_paddr 0x%08x differs from its signed hash): re-signing would bless bytes "
			       "that may be corrupted. Copy the original file again, or run fix on the ELF "
			       "your build produced", path, f->addr);
			break;
		case RPROC_DIAG_FND_SEGMENT_SIZE:
		case RPROC_DIAG_FND_SEGMENT_NO_ENTRY:
		case RPROC_DIAG_FND_SEGMENT_NOT_LOAD:
			CHANGE(p, RC_REBUILD_TLVS,
			       "rewrote the hash table from the ELF's program headers (the segment at "
			       "p_paddr 0x%08x had %s); if the ELF was changed after signing, compare it "
			       "with your build's", f->addr,
			       f->code == RPROC_DIAG_FND_SEGMENT_SIZE ? "other sizes in the table" :
			       f->code == RPROC_DIAG_FND_SEGMENT_NO_ENTRY ? "no entry" :
			       "a first entry that is not PT_LOAD");
			break;
		case RPROC_DIAG_FND_BAD_ELF:
			if (f->value == RPI_ELF_ERR_RSC_TWICE)
				REFUSE(p, RC_RSC_TWICE,
				       "two images carry a .resource_table and the TA accepts one (BAD_FORMAT): "
				       "rebuild the second image without a resource table; re-signing cannot remove it");
			else if (f->value >= RPI_ELF_ERR_RSC_TRUNC && f->value <= RPI_ELF_ERR_RSC_INCOMPLETE)
				REFUSE(p, RC_BAD_RSC,
				       "the ELF's .resource_table is malformed (the TA checks it: BAD_FORMAT): fix "
				       "it in the firmware sources and rebuild");
			else if (f->value == RPI_ELF_ERR_SHOFF)
				REFUSE(p, RC_BAD_ELF,
				       "the ELF inside %s has no section headers where its header says (it was "
				       "cut after its last segment, e.g. by sstrip): the TA's ELF check reads "
				       "them (BAD_FORMAT). Sign the ELF before removing them (objcopy -S keeps "
				       "them)", path);
			else if (f->value == RPI_ELF_ERR_PHOFF || f->value == RPI_ELF_ERR_OUTSIDE ||
				 f->value == RPI_ELF_ERR_SMALL)
				REFUSE(p, RC_BAD_ELF,
				       "the ELF inside %s is cut (its program headers or data lie past its "
				       "end): sign the whole ELF your build produced", path);
			else
				REFUSE(p, RC_BAD_ELF,
				       "the image inside %s is not an ELF the TA accepts (ELF32, little endian, "
				       "32-byte program headers): give the linked firmware .elf", path);
			break;
		default:
			break;
		}
	}
}

/* BOOTADDR: keep, add, replace or refuse; and the other platform TLVs. */
static void decide_plat(struct remedy_plan *p, const struct seen *s, const struct remedy_opts *o,
			const char *path)
{
	bool st = p->ta == RPI_TA_ST400, need_boot = st && p->soc == REMEDY_SOC_MP25;
	unsigned int n_boot = 0;
	bool have = false, bad_len = false;
	uint32_t old = 0;
	const struct vt_result *vt = p->n_images == 1 && !p->img[0].vt_err ? &p->img[0].vt : NULL;

	for (unsigned int i = 0; i < s->n_plat; i++) {
		uint32_t id = s->plat[i].id, l = s->plat[i].len;
		const uint8_t *v = s->buf + s->plat[i].voff;

		if (s->plat[i].voff + l > s->len)
			continue;
		if (id == RPI_TLV_ST_BOOTADDR) {
			n_boot++;
			if (l == 4 && !have) {
				have = true;
				old = rpi_le32(v);
			} else if (l != 4) {
				bad_len = true;
			}
		} else if (id == RPI_TLV_ST_BOOTSEC) {
			if (l == 4)
				add_plat(p, id, v, l);
		} else if (st) {
			CHANGE(p, RC_DROP_PLAT_TLV,
			       "dropped platform TLV 0x%05x (%u bytes): ST's TA hands every platform TLV to its "
			       "PTA, which knows only BOOTADDR and BOOTSEC (NOT_IMPLEMENTED)", id, l);
		} else {
			add_plat(p, id, v, l);
		}
	}
	if (n_boot > 1)
		CHANGE(p, RC_BOOTADDR_TWICE,
		       "kept one BOOTADDR: the image had %u, and ST's PTA refuses a second one "
		       "(GENERIC, \"Firmware boot address already set\")", n_boot);
	if (bad_len && !have)
		CHANGE(p, RC_BOOTADDR_LENGTH,
		       "replaced the BOOTADDR TLV that was not 4 bytes long (ST's PTA: CORRUPT_OBJECT)");

	if (o->has_bootaddr) {
		p->has_bootaddr = true;
		p->bootaddr = o->bootaddr;
		if (!have)
			CHANGE(p, RC_ADD_BOOTADDR, "added BOOTADDR 0x%08x (--bootaddr)", o->bootaddr);
		else if (old != o->bootaddr)
			CHANGE(p, RC_FIX_BOOTADDR, "replaced BOOTADDR 0x%08x by 0x%08x (--bootaddr)", old,
			       o->bootaddr);
	} else if (have && (!vt || !vt->found || vt->uncertain || vt->addr == old)) {
		/* keep what the image says unless the ELF clearly says otherwise */
		p->has_bootaddr = true;
		p->bootaddr = old;
	} else if (have || bad_len || need_boot) {
		if (p->n_images > 1) {
			char cand[200] = "";

			for (unsigned int i = 0; i < p->n_images; i++)
				if (!p->img[i].vt_err && p->img[i].vt.found)
					snprintf(cand + strlen(cand), sizeof(cand) - strlen(cand), "%simage %u: 0x%08x",
						 cand[0] ? ", " : "", i, p->img[i].vt.addr);
			REFUSE(p, RC_SEVERAL_IMAGES,
			       "the image holds %u ELF images and BOOTADDR must be the vector table of the one "
			       "the M33 boots (the secure TF-M image when BOOTSEC is set)%s%s%s: give it with "
			       "--bootaddr", p->n_images, cand[0] ? " (" : "", cand, cand[0] ? ")" : "");
		} else if (!vt || !vt->found) {
			char how[400];

			vt_how_to_find(path, how, sizeof(how));
			REFUSE(p, RC_NO_VECTOR_TABLE,
			       "the BOOTADDR the STM32MP2 M33 needs cannot be found in the ELF (%s): %s",
			       vt ? vt->why_not : "not an ARM ELF", how);
		} else {
			p->has_bootaddr = true;
			p->bootaddr = vt->addr;
			p->bootaddr_from_vt = true;
			if (have)
				CHANGE(p, RC_FIX_BOOTADDR,
				       "replaced BOOTADDR 0x%08x by 0x%08x, the address of the ELF's vector table "
				       "(%s%s%s)", old, vt->addr, vt_rule_desc(vt->rule),
				       vt->name[0] ? ": " : "", vt->name);
			else
				CHANGE(p, RC_ADD_BOOTADDR,
				       "added BOOTADDR 0x%08x, the address of the ELF's vector table (%s%s%s): "
				       "OP-TEE programs the M33's reset vector from it", vt->addr,
				       vt_rule_desc(vt->rule), vt->name[0] ? ": " : "", vt->name);
		}
	}
	if (p->has_bootaddr) {
		uint8_t v[4] = { (uint8_t)p->bootaddr, (uint8_t)(p->bootaddr >> 8),
				 (uint8_t)(p->bootaddr >> 16), (uint8_t)(p->bootaddr >> 24) };

		/* BOOTADDR first, where ST's script writes it */
		if (p->n_plat < REMEDY_MAX_PLAT) {
			memmove(&p->plat[1], &p->plat[0], p->n_plat * sizeof(p->plat[0]));
			p->n_plat++;
			p->plat[0].id = RPI_TLV_ST_BOOTADDR;
			p->plat[0].len = 4;
			memcpy(p->plat[0].val, v, 4);
		}
	}
}

int remedy_plan(const uint8_t *buf, size_t len, const char *path, const struct remedy_opts *o,
		struct remedy_plan *p)
{
	static uint8_t scratch[64 * 1024];
	static struct seen s;
	struct rpi_result *res;
	struct rpi_visitor vis;
	struct fd_source src;
	struct sha256 sha;
	bool truncated;

	memset(p, 0, sizeof(*p));
	memset(&s, 0, sizeof(s));
	s.buf = buf;
	s.len = len;
	p->ta = o->ta >= 0 ? o->ta : RPI_TA_ST400;
	if (!len) {
		REFUSE(p, RC_EMPTY,
		       "%s is empty (0 bytes): there is nothing to re-sign. Copy the firmware again (the "
		       "kernel refuses an empty file with -EINVAL before the TEE sees it)", path);
		p->src_format = RPROC_DIAG_FMT_UNKNOWN;
		return 0;
	}
	if (len >= 4 && !memcmp(buf, "\x7f" "ELF", 4)) {
		p->src_format = RPROC_DIAG_FMT_ELF;
		p->n_images = 1;
		p->img[0].off = 0;
		p->img[0].size = len;
		check_images(p, buf, len, path, false);
		CHANGE(p, RC_SIGN_ELF,
		       "signed the plain ELF: the TEE loads signed images only (an unsigned ELF fails the "
		       "header check, BAD_PARAMETERS)");
	} else if (len >= 4 && rpi_le32(buf) == RPI_MAGIC) {
		res = calloc(1, sizeof(*res));
		if (!res || sha256_open(&sha) < 0) {
			free(res);
			return -ENOMEM;
		}
		mem_source_init(&src, buf, len);
		memset(&vis, 0, sizeof(vis));
		vis.finding = on_finding;
		vis.tlv = on_tlv;
		vis.ctx = &s;
		if (rpi_analyze(&src.src, &sha.ops, scratch, sizeof(scratch), &vis, res)) {
			sha256_close(&sha);
			free(res);
			return -EIO;
		}
		sha256_close(&sha);
		p->src_format = res->sum.format;
		truncated = has_finding(&s, RPROC_DIAG_FND_TRUNCATED, NULL);
		locate(p, res, len, buf);
		if (!p->n_images) {
			REFUSE(p, RC_HEADER_DAMAGED,
			       "%s starts like an OP-TEE remoteproc image but its header and TLVs do not say "
			       "where the ELF is: copy the original file again, or run fix on the ELF your "
			       "build produced", path);
		} else {
			check_images(p, buf, len, path, truncated);
		}
		if (p->src_format == RPROC_DIAG_FMT_F1 || p->src_format == RPROC_DIAG_FMT_F2)
			CHANGE(p, RC_REGENERATE,
			       "re-signed as an F3 (TLV) image: %s is %s, a layout F3 TAs do not read "
			       "(BAD_PARAMETERS at the header check)", path, rpi_format_desc(p->src_format));
		if (s.enc)
			REFUSE(p, RC_ENCRYPTED,
			       "%s is encrypted (ENCTYPE/ENCTABLE): its segments are ciphertext that rproc-diag "
			       "cannot re-encrypt; re-sign the ELF from your build with ST's sign_rproc_fw.py "
			       "--enc_key", path);
		p->had_key_info = s.pkeyinfo;
		judge_findings(p, &s, path);
		free(res);
	} else {
		return -EINVAL;
	}
	if (p->cut_elf && !p->n_refused)
		REFUSE(p, RC_BAD_ELF,
		       "the ELF %s%s has program or section headers, or segment data, past its end: "
		       "sign the whole ELF your build produced",
		       p->src_format == RPROC_DIAG_FMT_ELF ? "" : "inside ", path);
	if (o->soc != REMEDY_SOC_UNKNOWN) {
		p->soc = o->soc;
	} else {
		p->soc_inferred = true;
		infer_soc(p, &s, buf);
	}
	decide_plat(p, &s, o, path);
	if (p->had_key_info)
		CHANGE(p, RC_KEY_INFO,
		       "rewrote PKEYINFO with the public key of the signing key (with ST's "
		       "CFG_REMOTEPROC_PUB_KEY_VERIFY, its hash must be the one fused in OTP)");
	CHANGE(p, RC_RESIGN, "signed with the given key (header, TLVs, hash table and signature rewritten)");
	return 0;
}

int remedy_sign_command(const struct remedy_plan *p, const char *const *elf, unsigned int n,
			const char *out, const char *key, char *buf, size_t len)
{
	size_t o = 0;
	int w;

#define ADD(...) do { \
		w = snprintf(buf + (o < len ? o : len), o < len ? len - o : 0, __VA_ARGS__); \
		if (w > 0) \
			o += (size_t)w; \
	} while (0)
	ADD("sign_rproc_fw.py");
	for (unsigned int i = 0; i < n; i++)
		ADD(" --in %s", elf[i]);
	ADD(" --out %s --key %s", out, key);
	for (unsigned int i = 0; i < p->n_plat; i++) {
		const struct remedy_plat *t = &p->plat[i];
		bool named = p->ta == RPI_TA_ST400 &&
			     (t->id == RPI_TLV_ST_BOOTADDR || t->id == RPI_TLV_ST_BOOTSEC);

		/* ST's script takes the names (and refuses their numbers); OP-TEE's numbers only */
		if (named)
			ADD(" --plat-tlv %s", t->id == RPI_TLV_ST_BOOTADDR ? "BOOTADDR" : "BOOTSEC");
		else
			ADD(" --plat-tlv 0x%05x", t->id);
		if (t->len == 4)
			ADD(" 0x%08x", rpi_le32(t->val));
		else
			ADD(" '%.*s'", (int)t->len, (const char *)t->val);
	}
#undef ADD
	return (int)o;
}
