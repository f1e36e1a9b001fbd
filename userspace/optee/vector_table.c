// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Cortex-M vector table finder (vector_table.h).  Reads only inside the
 * buffer it is given; work is bounded by the number of program headers
 * (at most VT_MAX_SEGS loadable ones are considered), section headers and
 * symbols the file really holds.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "optee/vector_table.h"

#define EM_ARM		40
#define PT_LOAD		1
#define PF_X		1
#define PF_W		2
#define SHT_SYMTAB	2
#define SHF_ALLOC	2
#define VT_MAX_SEGS	64
#define VT_ALIGN	128	/* VTOR.TBLOFF is bits [31:7] (ARMv8-M) */

struct seg {
	int idx;		/* program header index */
	uint32_t off, vaddr, paddr, filesz, memsz, flags;
};

struct elf {
	const uint8_t *b;
	size_t len;
	uint32_t entry;
	unsigned int nseg;
	struct seg seg[VT_MAX_SEGS];
};

/* Startup-file names of the table (STM32Cube, CMSIS, Zephyr, NuttX, TF-M, Rust). */
static const char *const vt_symbols[] = {
	"g_pfnVectors", "__Vectors", "__isr_vector", "__VECTOR_TABLE", "__vector_table",
	"_vector_table", "vector_table", "_vectors", "__vectors", "vectors", "exception_table",
};

/* Section names; ".isr_vectors" and "A0" are the two ST's Linux driver looks for. */
static const char *const vt_sections[] = {
	".isr_vector", ".isr_vectors", "A0", ".vectors", ".vector_table", ".intvec",
	".exc_vector_table", "rom_start",
};

static const char *const rule_names[VT_RULE__COUNT] = {
	[VT_RULE_NONE] = "none",
	[VT_RULE_SYMBOL] = "symbol",
	[VT_RULE_SECTION] = "section",
	[VT_RULE_SEGMENT] = "segment",
	[VT_RULE_ENTRY] = "entry",
};

static const char *const rule_descs[VT_RULE__COUNT] = {
	[VT_RULE_NONE] = "no rule found a valid vector table",
	[VT_RULE_SYMBOL] = "the vector-table symbol of the startup code",
	[VT_RULE_SECTION] = "the vector-table section",
	[VT_RULE_SEGMENT] = "the start of the first executable loadable segment holding a valid table",
	[VT_RULE_ENTRY] = "a table whose reset vector is the ELF entry point, found by scanning the code",
};

const char *vt_rule_name(enum vt_rule r)
{
	return (unsigned int)r < VT_RULE__COUNT ? rule_names[r] : "none";
}

const char *vt_rule_desc(enum vt_rule r)
{
	return (unsigned int)r < VT_RULE__COUNT ? rule_descs[r] : rule_descs[0];
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* The segment whose file-backed bytes hold [va, va + n). */
static const struct seg *seg_of(const struct elf *e, uint32_t va, uint32_t n)
{
	for (unsigned int i = 0; i < e->nseg; i++) {
		const struct seg *s = &e->seg[i];

		if (va >= s->vaddr && (uint64_t)va + n <= (uint64_t)s->vaddr + s->filesz)
			return s;
	}
	return NULL;
}

static bool in_code(const struct elf *e, uint32_t va, bool read_only)
{
	for (unsigned int i = 0; i < e->nseg; i++) {
		const struct seg *s = &e->seg[i];

		if (!(s->flags & PF_X) || (read_only && (s->flags & PF_W)))
			continue;
		if (va >= s->vaddr && (uint64_t)va < (uint64_t)s->vaddr + s->filesz)
			return true;
	}
	return false;
}

/* Is there a valid table at @va?  @why (may be NULL) says why not. */
static bool valid_at(const struct elf *e, uint32_t va, uint32_t *sp, uint32_t *reset,
		     char *why, size_t wlen)
{
	const struct seg *s;
	const uint8_t *p;

	if (va % VT_ALIGN) {
		if (why)
			snprintf(why, wlen, "0x%08x is not 128-byte aligned (VTOR cannot hold it)", va);
		return false;
	}
	s = seg_of(e, va, 8);
	if (!s) {
		if (why)
			snprintf(why, wlen, "0x%08x is not in the file bytes of a loadable segment", va);
		return false;
	}
	p = e->b + s->off + (va - s->vaddr);
	*sp = le32(p);
	*reset = le32(p + 4);
	if (!*sp || (*sp & 3) || in_code(e, *sp, true)) {
		if (why)
			snprintf(why, wlen, "the word at 0x%08x (0x%08x) is not an initial stack pointer", va,
				 *sp);
		return false;
	}
	if (!(*reset & 1) || !in_code(e, *reset & ~1U, false)) {
		if (why)
			snprintf(why, wlen,
				 "the word at 0x%08x (0x%08x) is not a Thumb address inside the image's code",
				 va + 4, *reset);
		return false;
	}
	return true;
}

static bool parse(const uint8_t *b, size_t len, struct elf *e, struct vt_result *out)
{
	uint32_t phoff;
	uint16_t phnum, phentsize;

	memset(e, 0, sizeof(*e));
	e->b = b;
	e->len = len;
	if (len < 52 || memcmp(b, "\x7f" "ELF", 4)) {
		snprintf(out->why_not, sizeof(out->why_not), "not an ELF file");
		return false;
	}
	if (b[4] != 1 || b[5] != 1) {
		snprintf(out->why_not, sizeof(out->why_not),
			 "not a little-endian 32-bit ELF (class %u, data %u)", b[4], b[5]);
		return false;
	}
	if (le16(b + 18) != EM_ARM) {
		snprintf(out->why_not, sizeof(out->why_not), "e_machine %u is not EM_ARM (40)",
			 le16(b + 18));
		return false;
	}
	e->entry = le32(b + 24);
	phoff = le32(b + 28);
	phentsize = le16(b + 42);
	phnum = le16(b + 44);
	if (!phnum || phentsize != 32 || (uint64_t)phoff + (uint64_t)phnum * 32 > len) {
		snprintf(out->why_not, sizeof(out->why_not),
			 "its program headers are missing or outside the file");
		return false;
	}
	for (unsigned int i = 0; i < phnum && e->nseg < VT_MAX_SEGS; i++) {
		const uint8_t *ph = b + phoff + 32 * i;
		struct seg *s = &e->seg[e->nseg];

		if (le32(ph) != PT_LOAD)
			continue;
		s->idx = (int)i;
		s->off = le32(ph + 4);
		s->vaddr = le32(ph + 8);
		s->paddr = le32(ph + 12);
		s->filesz = le32(ph + 16);
		s->memsz = le32(ph + 20);
		s->flags = le32(ph + 24);
		/* only the bytes the file really has */
		if (s->off > len)
			s->filesz = 0;
		else if ((uint64_t)s->off + s->filesz > len)
			s->filesz = (uint32_t)(len - s->off);
		e->nseg++;
	}
	return true;
}

/* Section and symbol candidates.  Returns through @sec_va/@sym_va (0: none). */
static void by_name(const struct elf *e, uint32_t *sym_va, char *sym, uint32_t *sec_va, char *sec,
		    size_t nlen)
{
	const uint8_t *b = e->b;
	uint32_t shoff = le32(b + 32);
	uint16_t shentsize = le16(b + 46), shnum = le16(b + 48), shstrndx = le16(b + 50);
	const uint8_t *strsh;
	uint32_t stroff, strsz;

	*sym_va = *sec_va = 0;
	if (!shoff || shentsize != 40 || !shnum || shstrndx >= shnum ||
	    (uint64_t)shoff + (uint64_t)shnum * 40 > e->len)
		return;
	strsh = b + shoff + 40 * shstrndx;
	stroff = le32(strsh + 16);
	strsz = le32(strsh + 20);
	if ((uint64_t)stroff + strsz > e->len)
		strsz = 0;
	for (unsigned int i = 0; i < shnum; i++) {
		const uint8_t *sh = b + shoff + 40 * i;
		uint32_t name = le32(sh), type = le32(sh + 4), flags = le32(sh + 8);
		uint32_t addr = le32(sh + 12);

		if (strsz && !*sec_va && (flags & SHF_ALLOC) && name < strsz) {
			const char *nm = (const char *)b + stroff + name;
			size_t max = strsz - name;

			for (size_t k = 0; k < sizeof(vt_sections) / sizeof(vt_sections[0]); k++) {
				size_t l = strlen(vt_sections[k]);

				if (l < max && !memcmp(nm, vt_sections[k], l + 1)) {
					*sec_va = addr;
					snprintf(sec, nlen, "%s", vt_sections[k]);
					break;
				}
			}
		}
		if (type == SHT_SYMTAB && !*sym_va) {
			uint32_t off = le32(sh + 16), size = le32(sh + 20), link = le32(sh + 24);
			const uint8_t *lsh;
			uint32_t soff, ssz;

			if (link >= shnum || (uint64_t)off + size > e->len)
				continue;
			lsh = b + shoff + 40 * link;
			soff = le32(lsh + 16);
			ssz = le32(lsh + 20);
			if ((uint64_t)soff + ssz > e->len)
				continue;
			for (uint32_t j = 0; j + 16 <= size; j += 16) {
				const uint8_t *st = b + off + j;
				uint32_t sn = le32(st);

				if (!le16(st + 14) || sn >= ssz)
					continue;	/* undefined, or no name */
				for (size_t k = 0; k < sizeof(vt_symbols) / sizeof(vt_symbols[0]); k++) {
					size_t l = strlen(vt_symbols[k]);

					if (l < ssz - sn && !memcmp(b + soff + sn, vt_symbols[k], l + 1)) {
						*sym_va = le32(st + 4) & ~1U;
						snprintf(sym, nlen, "%s", vt_symbols[k]);
						break;
					}
				}
				if (*sym_va)
					break;
			}
		}
	}
}

/* What one rule found. */
struct hit {
	bool hit;
	uint32_t va, sp, reset;
};

static struct hit mk_hit(uint32_t va, uint32_t sp, uint32_t reset)
{
	return (struct hit){ .hit = true, .va = va, .sp = sp, .reset = reset };
}

static void appendf(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void appendf(char *buf, size_t len, const char *fmt, ...)
{
	size_t o = strlen(buf);
	va_list ap;

	if (o >= len - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + o, len - o, fmt, ap);
	va_end(ap);
}

int vt_find(const uint8_t *elf, size_t len, struct vt_result *out)
{
	static struct elf e;	/* 2.5 KiB: not on the stack of a fuzzer */
	struct hit r[VT_RULE__COUNT];
	char sym[64] = "", sec[64] = "", why[160] = "";
	uint32_t sym_va, sec_va, sp, reset;
	unsigned int n_seg_hits = 0;
	enum vt_rule best = VT_RULE_NONE;
	const struct seg *s;

	memset(out, 0, sizeof(*out));
	memset(r, 0, sizeof(r));
	out->segment = -1;
	if (!parse(elf, len, &e, out))
		return -EINVAL;
	if (!e.nseg) {
		snprintf(out->why_not, sizeof(out->why_not), "it has no loadable segment");
		return 0;
	}

	by_name(&e, &sym_va, sym, &sec_va, sec, sizeof(sym));
	if (sym[0] && valid_at(&e, sym_va, &sp, &reset, NULL, 0))
		r[VT_RULE_SYMBOL] = mk_hit(sym_va, sp, reset);
	if (sec[0] && valid_at(&e, sec_va, &sp, &reset, NULL, 0))
		r[VT_RULE_SECTION] = mk_hit(sec_va, sp, reset);
	for (unsigned int i = 0; i < e.nseg; i++) {
		const struct seg *g = &e.seg[i];

		if (!(g->flags & PF_X))
			continue;
		if (!valid_at(&e, g->vaddr, &sp, &reset, why[0] ? NULL : why, sizeof(why)))
			continue;
		if (!n_seg_hits++)
			r[VT_RULE_SEGMENT] = mk_hit(g->vaddr, sp, reset);
	}
	if (e.entry && in_code(&e, e.entry & ~1U, false)) {
		for (unsigned int i = 0; i < e.nseg && !r[VT_RULE_ENTRY].hit; i++) {
			const struct seg *g = &e.seg[i];
			uint32_t va = (g->vaddr + VT_ALIGN - 1) & ~(uint32_t)(VT_ALIGN - 1);

			if (!(g->flags & PF_X) || va < g->vaddr)
				continue;
			for (; (uint64_t)va + 8 <= (uint64_t)g->vaddr + g->filesz; va += VT_ALIGN) {
				if (valid_at(&e, va, &sp, &reset, NULL, 0) && reset == (e.entry | 1)) {
					r[VT_RULE_ENTRY] = mk_hit(va, sp, reset);
					break;
				}
				if (va > UINT32_MAX - VT_ALIGN)
					break;
			}
		}
	}

	for (int k = VT_RULE_SYMBOL; k < VT_RULE__COUNT; k++)
		if (r[k].hit) {
			best = (enum vt_rule)k;
			break;
		}
	if (best == VT_RULE_NONE) {
		snprintf(out->why_not, sizeof(out->why_not), "%s%s%s",
			 sym[0] || sec[0] ? "its vector-table symbol or section holds no valid table, " : "",
			 "no executable segment starts with one",
			 why[0] ? ": " : "");
		if (why[0])
			appendf(out->why_not, sizeof(out->why_not), "%s", why);
		return 0;
	}

	out->found = true;
	out->rule = best;
	out->addr = r[best].va;
	out->sp = r[best].sp;
	out->reset = r[best].reset;
	if (best == VT_RULE_SYMBOL)
		snprintf(out->name, sizeof(out->name), "%s", sym);
	else if (best == VT_RULE_SECTION)
		snprintf(out->name, sizeof(out->name), "%s", sec);
	s = seg_of(&e, out->addr, 8);
	out->segment = s ? s->idx : -1;
	out->load_addr = s ? s->paddr + (out->addr - s->vaddr) : out->addr;

	/* what makes the answer uncertain */
	for (int k = best + 1; k < VT_RULE__COUNT; k++) {
		if (r[k].hit && r[k].va != out->addr) {
			out->uncertain = true;
			appendf(out->warning, sizeof(out->warning),
				"%sthe %s rule finds another table at 0x%08x", out->warning[0] ? "; " : "",
				vt_rule_name((enum vt_rule)k), r[k].va);
		}
	}
	if (best == VT_RULE_SEGMENT && n_seg_hits > 1) {
		out->uncertain = true;
		appendf(out->warning, sizeof(out->warning),
			"%s%u executable segments start with what looks like a vector table",
			out->warning[0] ? "; " : "", n_seg_hits);
	}
	if (best == VT_RULE_ENTRY) {
		out->uncertain = true;
		appendf(out->warning, sizeof(out->warning),
			"%sfound only by scanning the code for a table that points at the entry point",
			out->warning[0] ? "; " : "");
	}
	if (e.entry && out->reset != (e.entry | 1)) {
		out->uncertain = true;
		appendf(out->warning, sizeof(out->warning),
			"%sits reset vector 0x%08x is not the ELF entry point 0x%08x",
			out->warning[0] ? "; " : "", out->reset, e.entry);
	}
	if (out->load_addr != out->addr) {
		out->uncertain = true;
		appendf(out->warning, sizeof(out->warning),
			"%sthe segment is linked at 0x%08x but loaded at 0x%08x",
			out->warning[0] ? "; " : "", out->addr, out->load_addr);
	}
	return 0;
}

void vt_how_to_find(const char *path, char *buf, size_t len)
{
	snprintf(buf, len,
		 "find the vector table in the linker map file, or with `arm-none-eabi-readelf -S %s` "
		 "(a section such as .isr_vector) and `arm-none-eabi-nm %s | grep -i vector`, and "
		 "give its address with --bootaddr",
		 path, path);
}
