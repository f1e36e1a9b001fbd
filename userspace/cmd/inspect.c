// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc-diag inspect: dump and verify OP-TEE remoteproc signed images.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "common/file.h"
#include "common/hash.h"
#include "cmd/inspect.h"
#include "common/json.h"
#include "keys/key.h"
#include "rproc_image.h"
#include "rproc_tee.h"

#if __has_include("formats/formats.h")
#include "formats/formats.h"
#define HAVE_FMT 1
/* Weak: inspect links and says "unknown format" until fmt_*.c lands. */
extern int fmt_inspect(const char *path, enum fmt_kind kind, const struct fmt_opts *opts,
		       struct json *j, FILE *out) __attribute__((weak));
extern enum fmt_kind fmt_detect_path(const char *path, const uint8_t *head, size_t len,
				     uint64_t file_size) __attribute__((weak));
#endif

#define HEAD_LEN 4096
#define MAX_SIG_LEN 4096
#define MAX_PKEY_LEN 4096

struct tlv_copy {
	struct rpi_tlv t;
	uint8_t val[64];
};

/* A plain (unsigned) ELF file: what to sign. */
#define ELF_SHOW_PHDRS 16
struct elfinfo {
	bool valid;
	uint16_t machine;
	uint32_t entry;
	uint32_t phnum;
	uint32_t ph[ELF_SHOW_PHDRS][5];	/* type, offset, paddr, filesz, memsz */
	bool have_load;
	uint32_t low_load;		/* lowest PT_LOAD p_paddr */
};

/* What the library reported, kept for printing in a fixed order. */
struct coll {
	struct elfinfo elf;
	bool verbose;		/* --verbose: every hash, not only the bad ones */
	struct tlv_copy *tlv;
	size_t ntlv, ctlv;
	struct rpi_image *img;
	size_t nimg, cimg;
	struct rpi_segment *seg;
	size_t nseg, cseg;
	struct rpi_finding *fnd;
	size_t nfnd, cfnd;
	bool oom;
};

static void *grow(void *p, size_t *cap, size_t n, size_t sz, bool *oom)
{
	void *np;

	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	np = realloc(p, *cap * sz);
	if (!np)
		*oom = true;
	return np;
}

static void on_tlv(void *ctx, const struct rpi_tlv *t)
{
	struct coll *c = ctx;
	struct tlv_copy *n = grow(c->tlv, &c->ctlv, c->ntlv, sizeof(*n), &c->oom);

	if (!n)
		return;
	c->tlv = n;
	n[c->ntlv].t = *t;
	memcpy(n[c->ntlv].val, t->value, t->value_len);
	n[c->ntlv].t.value = NULL;
	c->ntlv++;
}

static void on_image(void *ctx, const struct rpi_image *img)
{
	struct coll *c = ctx;
	struct rpi_image *n = grow(c->img, &c->cimg, c->nimg, sizeof(*n), &c->oom);

	if (!n)
		return;
	c->img = n;
	n[c->nimg++] = *img;
}

static void on_segment(void *ctx, const struct rpi_segment *s)
{
	struct coll *c = ctx;
	struct rpi_segment *n = grow(c->seg, &c->cseg, c->nseg, sizeof(*n), &c->oom);

	if (!n)
		return;
	c->seg = n;
	n[c->nseg++] = *s;
}

static void on_finding(void *ctx, const struct rpi_finding *f)
{
	struct coll *c = ctx;
	struct rpi_finding *n = grow(c->fnd, &c->cfnd, c->nfnd, sizeof(*n), &c->oom);

	if (!n)
		return;
	c->fnd = n;
	n[c->nfnd++] = *f;
}

static void coll_free(struct coll *c)
{
	free(c->tlv);
	free(c->img);
	free(c->seg);
	free(c->fnd);
}

void inspect_opts_init(struct inspect_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->builtin_keys = true;
}

/* One candidate key and what it says about this image. */
struct cand {
	struct key *k;
	const char *origin;	/* "--key", "keyring", "built-in", "PKEYINFO" */
	int verifies;		/* 1, 0, -1 (cannot check this type) */
};

struct sigcheck {
	uint32_t sign_type;
	bool have_type;
	bool readable;
	struct keyset keys;	/* owns the keys */
	struct cand *cand;
	size_t ncand;
	int signer;		/* index into cand, -1 none */
	struct key pkey;	/* PKEYINFO key */
	bool have_pkey;
	bool pkey_bad;
	int pkey_origin;	/* index of the PKEYINFO candidate, -1 */
	int ta_state;		/* enum rpi_sig_state */
	struct key ta_key;
	bool have_ta_key;
	int ta_verifies;
};

static const char *sig_type_name(uint32_t t)
{
	switch (t) {
	case RPI_SIGN_RSA_PKCS1_SHA256:
		return "rsa-pkcs1v15-sha256";
	case RPI_SIGN_ECDSA_P256_SHA256:
		return "ecdsa-p256-sha256";
	default:
		return "unknown";
	}
}

static int read_at(const struct fd_source *s, uint64_t off, void *buf, size_t len)
{
	return s->src.read(s->src.ctx, off, buf, len);
}

static void check_signature(const struct fd_source *src, const struct rpi_result *r,
			    const struct inspect_opts *o, struct sigcheck *sc)
{
	const struct rpi_summary *s = &r->sum;
	uint8_t *sig = NULL, *pk = NULL;
	char err[512];
	size_t i, n;

	memset(sc, 0, sizeof(*sc));
	sc->signer = -1;
	sc->pkey_origin = -1;
	sc->ta_state = RPI_SIG_UNKNOWN;
	sc->have_type = s->flags & RPI_S_HAS_SIGN_TYPE;
	sc->sign_type = s->sign_type;

	for (i = 0; i < o->nkeys; i++)
		keyset_add_file(&sc->keys, o->keys[i], err, sizeof(err));
	n = sc->keys.n;
	if (o->keyring)
		keyset_add_dir(&sc->keys, o->keyring, err, sizeof(err));
	if (o->builtin_keys)
		keyset_add_builtin(&sc->keys);
	sc->cand = calloc(sc->keys.n + 1, sizeof(*sc->cand));
	if (!sc->cand)
		return;
	for (i = 0; i < sc->keys.n; i++) {
		sc->cand[i].k = &sc->keys.k[i];
		sc->cand[i].origin = sc->keys.k[i].builtin ? "built-in" :
				     i < n ? "--key" : "keyring";
		sc->cand[i].verifies = -1;
	}
	sc->ncand = sc->keys.n;

	if ((s->flags & RPI_S_HAS_PKEY) && !(s->flags & RPI_S_F1_KEYINFO) &&
	    s->pkey_len && s->pkey_len <= MAX_PKEY_LEN) {
		pk = malloc(s->pkey_len);
		if (pk && !read_at(src, s->pkey_off, pk, s->pkey_len)) {
			if (!key_from_spki(&sc->pkey, pk, s->pkey_len, "PKEYINFO TLV")) {
				sc->have_pkey = true;
				sc->cand[sc->ncand].k = &sc->pkey;
				sc->cand[sc->ncand].origin = "PKEYINFO";
				sc->cand[sc->ncand].verifies = -1;
				sc->pkey_origin = (int)sc->ncand++;
			} else {
				sc->pkey_bad = true;
			}
		}
		free(pk);
	}

	if (o->ta_key) {
		if (!key_load_file(&sc->ta_key, o->ta_key, NULL, err, sizeof(err)))
			sc->have_ta_key = true;
	}

	if (!r->sig_len || r->sig_len > MAX_SIG_LEN || r->sig_off > s->file_size ||
	    r->sig_len > s->file_size - r->sig_off || !r->signed_len)
		goto ta;
	sig = malloc(r->sig_len);
	if (!sig || read_at(src, r->sig_off, sig, r->sig_len))
		goto ta;
	sc->readable = true;
	for (i = 0; i < sc->ncand; i++) {
		sc->cand[i].verifies = key_verify(sc->cand[i].k, sc->sign_type,
						  r->signed_digest, sig, r->sig_len);
		if (sc->cand[i].verifies == 1 && sc->signer < 0)
			sc->signer = (int)i;
	}
ta:
	if (sc->have_ta_key) {
		sc->ta_verifies = sc->readable ?
			key_verify(&sc->ta_key, sc->sign_type, r->signed_digest, sig,
				   r->sig_len) : 0;
		sc->ta_state = sc->ta_verifies == 1 ? RPI_SIG_VALID : RPI_SIG_INVALID;
	}
	free(sig);
}

static void sigcheck_free(struct sigcheck *sc)
{
	keyset_free(&sc->keys);
	if (sc->have_pkey)
		key_free(&sc->pkey);
	if (sc->have_ta_key)
		key_free(&sc->ta_key);
	free(sc->cand);
}

static const char *ptype_name(uint32_t t)
{
	switch (t) {
	case 0:
		return "PT_NULL";
	case 1:
		return "PT_LOAD";
	case 2:
		return "PT_DYNAMIC";
	case 4:
		return "PT_NOTE";
	case 6:
		return "PT_PHDR";
	case 7:
		return "PT_TLS";
	case 0x6474e551:
		return "PT_GNU_STACK";
	case 0x70000001:
		return "PT_ARM_EXIDX";
	default:
		return "other";
	}
}

static const char *seg_verdict(const struct rpi_segment *s, uint64_t file_size)
{
	if (s->flags & RPI_SEG_OUT_OF_RANGE)
		return s->data_off + s->p_filesz > file_size ? "PAST THE END OF THE FILE" :
							       "OUTSIDE ITS IMAGE";
	if (!(s->flags & RPI_SEG_HASH_CHECKED))
		return "not checked";
	return (s->flags & RPI_SEG_HASH_OK) ? "hash ok" : "HASH MISMATCH";
}

static bool hash_ok(const struct rpi_segment *s)
{
	return (s->flags & RPI_SEG_HASH_CHECKED) && (s->flags & RPI_SEG_HASH_OK);
}

/* Exit status for a file; see inspect.h. */
static int verdict_status(const struct rpi_result *r, const struct coll *c,
			  const struct sigcheck *sc)
{
	size_t i;

	if (r->sum.format == RPROC_DIAG_FMT_UNKNOWN)
		return 2;
	for (i = 0; i < c->nfnd; i++)
		if (!rpi_finding_is_info(c->fnd[i].code))
			return 1;
	if (r->sum.format == RPROC_DIAG_FMT_ELF || r->sum.format == RPROC_DIAG_FMT_DAMAGED)
		return 1;
	if (sc->signer < 0)
		return 1;
	if (sc->have_ta_key && sc->ta_state != RPI_SIG_VALID)
		return 1;
	return 0;
}

static void tlv_value_text(const struct tlv_copy *tc, char *buf, size_t len)
{
	const struct rpi_tlv *t = &tc->t;
	const uint8_t *v = tc->val;
	size_t i, o = 0;

	buf[0] = 0;
	if (t->value_len < t->len && t->type != RPI_TLV_HASHTABLE &&
	    t->type != RPI_TLV_ENCTABLE && t->type != RPI_TLV_PKEYINFO) {
		snprintf(buf, len, "(%u bytes)", t->len);
		return;
	}
	switch (t->type) {
	case RPI_TLV_SIGNTYPE:
		if (t->len == 1)
			snprintf(buf, len, "%u (%s)", v[0],
				 v[0] == 1 ? "RSA PKCS#1 v1.5 SHA-256" :
				 v[0] == 2 ? "ECDSA P-256 SHA-256" : "unknown");
		return;
	case RPI_TLV_HASHTYPE:
		if (t->len == 1)
			snprintf(buf, len, "%u (%s)", v[0], v[0] == 1 ? "SHA-256" : "unknown");
		return;
	case RPI_TLV_ENCTYPE:
		if (t->len == 1)
			snprintf(buf, len, "%u (%s)", v[0], v[0] == 1 ? "AES-CBC" : "unknown");
		return;
	case RPI_TLV_NUM_IMG:
		if (t->len == 1)
			snprintf(buf, len, "%u", v[0]);
		return;
	case RPI_TLV_IMGTYPE:
		for (i = 0; i < t->value_len && o + 16 < len; i++)
			o += (size_t)snprintf(buf + o, len - o, "%s%u%s", i ? " " : "", v[i],
					      v[i] == 1 ? " (ELF)" : v[i] == 2 ? " (encrypted ELF)" : "");
		return;
	case RPI_TLV_IMGSIZE:
		for (i = 0; i + 4 <= t->value_len && o + 16 < len; i += 4)
			o += (size_t)snprintf(buf + o, len - o, "%s0x%x", i ? " " : "",
					      rpi_le32(v + i));
		return;
	case RPI_TLV_HASHTABLE:
		snprintf(buf, len, "%u entries of 64 bytes%s", t->len / 64,
			 t->len % 64 ? " + a partial one" : "");
		return;
	case RPI_TLV_ENCTABLE:
		snprintf(buf, len, "%u entries of 80 bytes%s", t->len / 80,
			 t->len % 80 ? " + a partial one" : "");
		return;
	case RPI_TLV_PKEYINFO:
		snprintf(buf, len, "%u bytes of key information", t->len);
		return;
	default:
		break;
	}
	if (t->len == 4) {
		snprintf(buf, len, "0x%08x", rpi_le32(v));
		return;
	}
	for (i = 0; i < t->value_len && i < 32 && o + 3 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%02x", v[i]);
	if (t->value_len > 32 && o + 4 < len)
		snprintf(buf + o, len - o, "...");
}

static void print_key_line(FILE *out, const struct cand *c, bool checked)
{
	char kind[48], fp[65], otp[65];
	const struct builtin_key *bk = key_builtin_by_fp(c->k->spki_sha256);

	hex_str(c->k->spki_sha256, 32, fp);
	fprintf(out, "  %-10s %s (%s)%s%s%s\n", c->origin, c->k->name,
		key_kind_str(c->k, kind, sizeof(kind)),
		bk && !c->k->builtin ? " = built-in " : "", bk && !c->k->builtin ? bk->name : "",
		!checked ? "" : c->verifies == 1 ? ": VERIFIES" :
		c->verifies == 0 ? ": does not verify" : ": cannot check (other key type)");
	fprintf(out, "             spki-sha256 %s\n", fp);
	if (c->k->has_otp) {
		hex_str(c->k->otp_hash, 32, otp);
		fprintf(out, "             st-otp-hash %s\n", otp);
	}
}

/*
 * The upstream TA copies header, TLVs and signature, then the hash table,
 * into its heap: CFG_REMOTEPROC_TA_HEAP_SIZE, 4 KiB by default.  Returns the
 * bytes needed when that default cannot hold them, else 0.
 */
#define TA_HEAP_DEFAULT 4096
static uint64_t ta_heap_need(const struct rpi_summary *s)
{
	uint64_t need;

	if (s->closest != RPROC_DIAG_FMT_F3)
		return 0;
	need = RPI_F3_HDR_LEN + RPI_R8(s->tlv_len) + RPI_R8(s->sign_len) + s->table_len;
	return need > TA_HEAP_DEFAULT ? need : 0;
}

/* Development keys a default build of each TA generation trusts. */
static const struct {
	uint32_t ta;
	const char *key;
	const char *build;
} default_keys[] = {
	{ RPI_TA_UPSTREAM, "optee-default-rsa4096", "OP-TEE >= 4.7.0" },
	{ RPI_TA_UPSTREAM, "optee-default-rsa2048", "OP-TEE 4.1 to 4.6" },
	{ RPI_TA_ST400, "optee-default-rsa2048", "ST OP-TEE 4.0.0" },
	{ RPI_TA_ST_LEGACY, "st-default-rproc-rsa2048", "ST OP-TEE <= 3.19.0-r1.1" },
};

/* Candidate index of built-in key @name, -1 if not tried. */
static int builtin_cand(const struct sigcheck *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->ncand; i++)
		if (sc->cand[i].k->builtin && !strcmp(sc->cand[i].k->name, name))
			return (int)i;
	return -1;
}

static void print_text(FILE *out, const char *name, const struct rpi_result *r,
		       const struct coll *c, const struct sigcheck *sc,
		       const struct rpi_verdict *vd, size_t nvd, int status)
{
	const struct rpi_summary *s = &r->sum;
	static const char *const f3names[] = { "magic", "version", "tlv_len", "sign_len",
					       "img_len" };
	static const char *const f2names[] = { "magic", "version", "sign_len", "img_len",
					       "tlv_len", "plat_tlv_len" };
	static const char *const f1names[] = { "magic", "version", "hdr_length",
		"sign_length", "sign_offset", "sign_type", "hash_length", "hash_offset",
		"hash_type", "key_length", "key_offset", "img_length", "img_offset", "img_type" };
	const char *const *names = f3names;
	char buf[256], hx[65];
	size_t i, nw = 5;
	uint32_t fmt = s->closest ? s->closest : s->format;

	fprintf(out, "%s: %s, %llu bytes: %s\n", name, rpi_format_name(s->format),
		(unsigned long long)s->file_size, rpi_format_desc(s->format));
	if (s->format == RPROC_DIAG_FMT_ELF && c->elf.valid) {
		const struct elfinfo *e = &c->elf;

		fprintf(out, "ELF32: e_machine %u%s, e_entry 0x%08x, %u program headers\n",
			e->machine, e->machine == 40 ? " (ARM)" : " (NOT ARM: not Cortex-M firmware)",
			e->entry, e->phnum);
		for (i = 0; i < e->phnum && i < ELF_SHOW_PHDRS; i++)
			fprintf(out, "  phdr %zu %-12s off 0x%06x paddr 0x%08x filesz 0x%06x memsz 0x%06x\n",
				i, ptype_name(e->ph[i][0]), e->ph[i][1], e->ph[i][2], e->ph[i][3],
				e->ph[i][4]);
		fprintf(out, "The TEE loads only signed images.  Sign it, e.g.:\n"
			"  %s sign --in %s --key <your key> --out %s.sig", prog, name, name);
		if (e->have_load)
			fprintf(out, " [--plat-tlv BOOTADDR 0x%08x on STM32MP2: the M33 vector table address]",
				e->low_load);
		fprintf(out, "\n");
	}
	if (s->format == RPROC_DIAG_FMT_ELF || s->format == RPROC_DIAG_FMT_UNKNOWN)
		goto verdicts;
	if (fmt == RPROC_DIAG_FMT_F2) {
		names = f2names;
		nw = 6;
	} else if (fmt == RPROC_DIAG_FMT_F1) {
		names = f1names;
		nw = 14;
	}
	if (s->flags & RPI_S_HAS_EXPECTED)
		fprintf(out, "  size: header describes %llu bytes (%s layout), file has %llu%s\n",
			(unsigned long long)s->expected_size, rpi_format_name(fmt),
			(unsigned long long)s->file_size,
			s->size_delta == 0 ? ": equal" :
			s->size_delta < 0 ? ": TRUNCATED" : ": BYTES APPENDED");
	if (s->size_delta)
		fprintf(out, "  size delta: %+lld bytes\n", (long long)s->size_delta);
	fprintf(out, "header @0x000\n");
	for (i = 0; i < nw && i < s->nwords; i++)
		fprintf(out, "  0x%03zx %-13s 0x%08x (%u)\n", 4 * i, names[i], s->w[i], s->w[i]);
	if (c->ntlv)
		fprintf(out, "TLVs @0x%03llx: %zu records\n", (unsigned long long)s->tlv_off,
			c->ntlv);
	for (i = 0; i < c->ntlv; i++) {
		const struct rpi_tlv *t = &c->tlv[i].t;
		const char *tn = rpi_tlv_name(t->type);

		tlv_value_text(&c->tlv[i], buf, sizeof(buf));
		fprintf(out, "  0x%03llx [%u] %-10s type 0x%05x len %-4u %s\n",
			(unsigned long long)t->off, t->index, tn ? tn : "(unknown)",
			t->type, t->len, buf);
	}
	if (s->flags & RPI_S_TLV_OVERRUN)
		fprintf(out, "  (the next record runs past the TLV area)\n");
	fprintf(out, "signature @0x%03llx: %u bytes, %s", (unsigned long long)r->sig_off,
		r->sig_len, sc->have_type ? sig_type_name(sc->sign_type) : "no SIGNTYPE");
	if (r->signed_len) {
		hex_str(r->signed_digest, 32, hx);
		fprintf(out, ", over %llu signed bytes, SHA-256 %s\n",
			(unsigned long long)r->signed_len, hx);
	} else {
		fprintf(out, " (signed bytes not inside the file)\n");
	}
	for (i = 0; i < c->nimg; i++) {
		const struct rpi_image *im = &c->img[i];

		fprintf(out, "image %u @0x%llx: %llu bytes, type %u, %s, %u program headers\n",
			im->index, (unsigned long long)im->off, (unsigned long long)im->size,
			im->type, im->elf_ok ? "ELF32 ok" : "NOT A VALID ELF32", im->e_phnum);
	}
	if (c->nseg)
		fprintf(out, "segments (hash table entries)\n");
	for (i = 0; i < c->nseg; i++) {
		const struct rpi_segment *g = &c->seg[i];

		if (g->image == ~0U) {
			fprintf(out, "  @0x%03llx entry %u belongs to no image (more entries than program headers) %-12s paddr 0x%08x\n",
				(unsigned long long)g->table_off, g->entry, ptype_name(g->p_type),
				g->p_paddr);
			continue;
		}
		fprintf(out,
			"  @0x%03llx entry %u image %u phdr %u %-12s off 0x%06x paddr 0x%08x filesz 0x%06x memsz 0x%06x: %s%s%s\n",
			(unsigned long long)g->table_off, g->entry, g->image, g->index,
			ptype_name(g->p_type), g->p_offset, g->p_paddr, g->p_filesz, g->p_memsz,
			seg_verdict(g, s->file_size), g->flags & RPI_SEG_PHDR_MISMATCH ? ", differs from the ELF phdr" : "",
			g->flags & RPI_SEG_SHADOWED ? ", shadowed by an earlier entry" : "");
		if ((g->flags & RPI_SEG_HASH_CHECKED) &&
		    (c->verbose || !(g->flags & RPI_SEG_HASH_OK))) {
			hex_str(g->hash, 32, hx);
			fprintf(out, "      table    %s\n", hx);
			hex_str(g->computed, 32, hx);
			fprintf(out, "      computed %s (data @0x%llx)\n", hx,
				(unsigned long long)g->data_off);
		}
	}
	if (sc->pkey_bad)
		fprintf(out, "PKEYINFO: %u bytes that are not a DER SubjectPublicKeyInfo\n",
			s->pkey_len);
	if (s->flags & RPI_S_F1_KEYINFO)
		fprintf(out, "key info: key_length %u is set: the F1 script writes it wrongly, offsets are suspect\n",
			s->w[9]);
	fprintf(out, "keys\n");
	for (i = 0; i < sc->ncand; i++)
		print_key_line(out, &sc->cand[i], sc->readable);
	if (!sc->readable)
		fprintf(out, "  (signature not inside the file: nothing verified)\n");
	if (sc->signer >= 0 && sc->signer == sc->pkey_origin)
		fprintf(out, "signed by: the key in its own PKEYINFO TLV (that proves nothing unless the key's hash is in OTP: check with --otp-rproc-pkh)\n");
	else if (sc->signer >= 0)
		fprintf(out, "signed by: %s (%s)%s%s\n", sc->cand[sc->signer].k->name,
			sc->cand[sc->signer].origin,
			sc->cand[sc->signer].k->desc ? ": " : "",
			sc->cand[sc->signer].k->desc ? sc->cand[sc->signer].k->desc : "");
	else
		fprintf(out, "signed by: none of the %zu known keys%s\n", sc->ncand,
			sc->ncand ? "" : " (give --key or --keyring)");
	if (sc->have_ta_key)
		fprintf(out, "TA key %s: %s\n", sc->ta_key.name,
			sc->ta_state == RPI_SIG_VALID ? "verifies the signature" :
			"does NOT verify the signature");
verdicts:
	fprintf(out, "TA verdicts%s\n", sc->have_ta_key ? "" :
		" (no --ta-key: the key each TA trusts is unknown)");
	for (i = 0; i < RPI_TA_COUNT; i++) {
		size_t d;

		fprintf(out, "  %-22s %s 0x%08x %s: %s\n", rpi_ta_name(vd[i].ta),
			vd[i].result ? rpi_ta_cmd_name(vd[i].cmd) : "ok  ", vd[i].result,
			rpi_tee_code_name(vd[i].result), vd[i].reason);
		if (sc->have_ta_key || r->pre[i].result || !sc->readable)
			continue;
		for (d = 0; d < sizeof(default_keys) / sizeof(default_keys[0]); d++) {
			int k = default_keys[d].ta == i ? builtin_cand(sc, default_keys[d].key) : -1;

			if (k >= 0)
				fprintf(out, "  %-22s   %s built with its default key (%s): %s\n", "",
					default_keys[d].build, default_keys[d].key,
					sc->cand[k].verifies == 1 ? "signature verifies" :
					"0xffff3072 TEE_ERROR_SIGNATURE_INVALID");
		}
	}
	if (ta_heap_need(s))
		fprintf(out, "  note: the TA copies header, TLVs, signature and hash table (%llu bytes) into its heap, %d bytes by default (CFG_REMOTEPROC_TA_HEAP_SIZE): expect 0xffff000c TEE_ERROR_OUT_OF_MEMORY unless OP-TEE raised it\n",
			(unsigned long long)ta_heap_need(s), TA_HEAP_DEFAULT);
	if (nvd > RPI_TA_COUNT)
		fprintf(out, "  %-22s %s 0x%08x %s: %s\n", "ST 4.0.0 TA, OTP key",
			vd[RPI_TA_COUNT].result ? rpi_ta_cmd_name(vd[RPI_TA_COUNT].cmd) : "ok  ",
			vd[RPI_TA_COUNT].result, rpi_tee_code_name(vd[RPI_TA_COUNT].result),
			vd[RPI_TA_COUNT].reason);
	if (c->nfnd)
		fprintf(out, "findings\n");
	for (i = 0; i < c->nfnd; i++) {
		rpi_finding_text(&c->fnd[i], buf, sizeof(buf));
		fprintf(out, "  %-5s %-17s %s\n", rpi_finding_is_info(c->fnd[i].code) ? "note" : "ERROR",
			rpi_finding_name(c->fnd[i].code), buf);
	}
	fprintf(out, "result: %s\n", status == 0 ? "VALID" : status == 1 ? "INVALID" : "UNPARSEABLE");
}

static void json_key(struct json *j, const char *name, const struct cand *c, bool checked)
{
	char kind[48];
	const struct builtin_key *bk = key_builtin_by_fp(c->k->spki_sha256);

	json_obj_begin(j, name);
	json_str(j, "name", c->k->name);
	json_str(j, "origin", c->origin);
	json_str(j, "type", key_kind_str(c->k, kind, sizeof(kind)));
	json_hex(j, "spki_sha256", c->k->spki_sha256, 32);
	if (c->k->has_otp)
		json_hex(j, "st_otp_hash", c->k->otp_hash, 32);
	else
		json_null(j, "st_otp_hash");
	json_str(j, "builtin_match", bk ? bk->name : NULL);
	if (checked)
		json_bool(j, "verifies", c->verifies == 1);
	else
		json_null(j, "verifies");
	json_obj_end(j);
}

static void print_json(struct json *j, const char *name, const struct rpi_result *r,
		       const struct coll *c, const struct sigcheck *sc,
		       const struct rpi_verdict *vd, size_t nvd, int status)
{
	const struct rpi_summary *s = &r->sum;
	char buf[256];
	size_t i;

	json_obj_begin(j, NULL);
	json_str(j, "file", name);
	json_str(j, "format", s->format == RPROC_DIAG_FMT_DAMAGED ? "unknown" :
		 rpi_format_name(s->format));
	json_u64(j, "size", s->file_size);
	json_bool(j, "valid", status == 0);
	json_i64(j, "status", status);
	if (s->format == RPROC_DIAG_FMT_DAMAGED || (s->flags & RPI_S_HAS_EXPECTED)) {
		json_obj_begin(j, "size_check");
		json_str(j, "layout", rpi_format_name(s->closest));
		json_u64(j, "expected", s->expected_size);
		json_i64(j, "delta", s->size_delta);
		json_obj_end(j);
	} else {
		json_null(j, "size_check");
	}
	json_arr_begin(j, "header");
	for (i = 0; i < s->nwords; i++)
		json_u64(j, NULL, s->w[i]);
	json_arr_end(j);

	json_arr_begin(j, "tlvs");
	for (i = 0; i < c->ntlv; i++) {
		const struct rpi_tlv *t = &c->tlv[i].t;

		json_obj_begin(j, NULL);
		json_u64(j, "offset", t->off);
		json_u64(j, "type", t->type);
		json_str(j, "name", rpi_tlv_name(t->type));
		json_u64(j, "length", t->len);
		json_hex(j, "value", c->tlv[i].val, t->value_len);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_obj_begin(j, "signature");
	json_str(j, "type", sc->have_type ? sig_type_name(sc->sign_type) : NULL);
	json_u64(j, "offset", r->sig_off);
	json_u64(j, "length", r->sig_len);
	if (r->signed_len)
		json_hex(j, "signed_sha256", r->signed_digest, 32);
	else
		json_null(j, "signed_sha256");
	if (sc->signer >= 0) {
		json_obj_begin(j, "signed_by");
		json_hex(j, "spki_sha256", sc->cand[sc->signer].k->spki_sha256, 32);
		json_str(j, "name", sc->cand[sc->signer].k->name);
		json_str(j, "origin", sc->cand[sc->signer].origin);
		json_obj_end(j);
	} else {
		json_null(j, "signed_by");
	}
	json_arr_begin(j, "keys");
	for (i = 0; i < sc->ncand; i++)
		json_key(j, NULL, &sc->cand[i], sc->readable);
	json_arr_end(j);
	if (sc->have_ta_key) {
		json_obj_begin(j, "ta_key");
		json_str(j, "name", sc->ta_key.name);
		json_hex(j, "spki_sha256", sc->ta_key.spki_sha256, 32);
		json_bool(j, "verifies", sc->ta_state == RPI_SIG_VALID);
		json_obj_end(j);
	} else {
		json_null(j, "ta_key");
	}
	json_obj_end(j);

	json_arr_begin(j, "images");
	for (i = 0; i < c->nimg; i++) {
		json_obj_begin(j, NULL);
		json_u64(j, "index", c->img[i].index);
		json_u64(j, "offset", c->img[i].off);
		json_u64(j, "size", c->img[i].size);
		json_u64(j, "type", c->img[i].type);
		json_bool(j, "elf_ok", c->img[i].elf_ok);
		json_u64(j, "e_phnum", c->img[i].e_phnum);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_arr_begin(j, "segments");
	for (i = 0; i < c->nseg; i++) {
		const struct rpi_segment *g = &c->seg[i];

		json_obj_begin(j, NULL);
		if (g->image == ~0U)
			json_null(j, "image");	/* table entry of no image */
		else
			json_u64(j, "image", g->image);
		json_u64(j, "index", g->index);
		json_u64(j, "entry", g->entry);
		json_u64(j, "table_offset", g->table_off);
		json_strf(j, "p_type", "0x%08x", g->p_type);
		json_strf(j, "p_offset", "0x%08x", g->p_offset);
		json_strf(j, "p_paddr", "0x%08x", g->p_paddr);
		json_u64(j, "p_filesz", g->p_filesz);
		json_u64(j, "p_memsz", g->p_memsz);
		if (g->flags & RPI_SEG_HASH_CHECKED)
			json_bool(j, "hash_ok", hash_ok(g));
		else
			json_null(j, "hash_ok");
		json_hex(j, "sha256_table", g->hash, 32);
		if (g->flags & RPI_SEG_HASH_CHECKED)
			json_hex(j, "sha256_computed", g->computed, 32);
		json_bool(j, "phdr_mismatch", g->flags & RPI_SEG_PHDR_MISMATCH);
		json_bool(j, "out_of_range", g->flags & RPI_SEG_OUT_OF_RANGE);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_arr_begin(j, "ta_verdicts");
	for (i = 0; i < nvd; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "ta", i < RPI_TA_COUNT ? rpi_ta_id(vd[i].ta) : "st-4.0.0-otp-key");
		json_strf(j, "result", "0x%08x", vd[i].result);
		json_str(j, "name", rpi_tee_code_name(vd[i].result));
		json_str(j, "command", rpi_ta_cmd_name(vd[i].cmd));
		json_str(j, "finding", rpi_finding_name(vd[i].finding));
		json_bool(j, "uncertain", vd[i].uncertain);
		json_arr_begin(j, "default_keys");
		for (size_t d = 0; d < sizeof(default_keys) / sizeof(default_keys[0]); d++) {
			int k = default_keys[d].ta == i ? builtin_cand(sc, default_keys[d].key) : -1;

			if (k < 0 || !sc->readable)
				continue;
			json_obj_begin(j, NULL);
			json_str(j, "build", default_keys[d].build);
			json_str(j, "key", default_keys[d].key);
			json_bool(j, "verifies", sc->cand[k].verifies == 1);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_str(j, "reason", vd[i].reason);
		json_obj_end(j);
	}
	json_arr_end(j);

	if (ta_heap_need(s))
		json_u64(j, "ta_heap_needed", ta_heap_need(s));
	else
		json_null(j, "ta_heap_needed");
	json_arr_begin(j, "findings");
	for (i = 0; i < c->nfnd; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "code", rpi_finding_name(c->fnd[i].code));
		json_u64(j, "index", c->fnd[i].index);
		json_u64(j, "addr", c->fnd[i].addr);
		json_i64(j, "value", c->fnd[i].value);
		json_bool(j, "error", !rpi_finding_is_info(c->fnd[i].code));
		rpi_finding_text(&c->fnd[i], buf, sizeof(buf));
		json_str(j, "text", buf);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

/* "0x..." or plain hex of 32 bytes; 0 or -1. */
static int parse_pkh(const char *hex, uint8_t out[32])
{
	size_t i;

	if (!strncmp(hex, "0x", 2))
		hex += 2;
	if (strlen(hex) != 64)
		return -1;
	for (i = 0; i < 32; i++) {
		if (sscanf(hex + 2 * i, "%2hhx", &out[i]) != 1)
			return -1;
	}
	return 0;
}

/*
 * ST 4.0.0 TA with CFG_REMOTEPROC_PUB_KEY_VERIFY=y: the key comes from the
 * PKEYINFO TLV and must hash (ST OTP form) to OTP oem_rproc_pkh.
 */
static void pkh_predict(const struct rpi_result *r, const struct sigcheck *sc,
			const uint8_t pkh[32], struct rpi_verdict *v)
{
	const struct rpi_summary *s = &r->sum;
	const struct key *k = &sc->pkey;
	uint8_t swapped[32];
	char a[65], b[65];
	bool rsa_ok, ec_ok;
	size_t i;

	rpi_predict(r, RPI_TA_ST400, RPI_SIG_VALID, v);
	v->uncertain = false;
	if (r->pre[RPI_TA_ST400].result && r->pre[RPI_TA_ST400].f.code != RPROC_DIAG_FND_ECDSA)
		return;	/* fails before the key is looked at */
	v->cmd = RPROC_DIAG_TA_LOAD_FW;
	v->finding = RPROC_DIAG_FND_OK;
	if (!(s->flags & RPI_S_HAS_PKEY) || !sc->have_pkey) {
		v->result = 0xffff0005;
		snprintf(v->reason, sizeof(v->reason), "%s",
			 (s->flags & RPI_S_HAS_PKEY) ?
			 "the PKEYINFO TLV is not a DER SubjectPublicKeyInfo" :
			 "no PKEYINFO TLV: sign with --key-info <DER public key>");
		return;
	}
	rsa_ok = k->kind == KEY_RSA && k->bits == 2048 && s->pkey_len == 294;
	ec_ok = k->kind == KEY_EC_P256 && s->pkey_len == 91;
	if (!rsa_ok && !ec_ok) {
		v->result = 0xffff0005;
		snprintf(v->reason, sizeof(v->reason),
			 "PKEYINFO (%u bytes) is not a 294-byte RSA-2048 or 91-byte P-256 SubjectPublicKeyInfo",
			 s->pkey_len);
		return;
	}
	for (i = 0; i < 32; i++)
		swapped[i] = pkh[(i & ~3U) + 3 - (i & 3)];
	if (memcmp(k->otp_hash, pkh, 32)) {
		hex_str(k->otp_hash, 32, a);
		hex_str(pkh, 32, b);
		v->result = 0xffff000f;
		snprintf(v->reason, sizeof(v->reason),
			 "PKEYINFO key hash %.16s... is not OTP oem_rproc_pkh %.16s...%s", a, b,
			 memcmp(k->otp_hash, swapped, 32) ? "" :
			 " (it matches with each 32-bit word byte-swapped: check the fuse order)");
		v->uncertain = !memcmp(k->otp_hash, swapped, 32);
		return;
	}
	if (sc->pkey_origin < 0 || sc->cand[sc->pkey_origin].verifies != 1) {
		v->result = 0xffff3072;
		snprintf(v->reason, sizeof(v->reason),
			 "the signature does not verify with the PKEYINFO key");
		return;
	}
	if (r->post[RPI_TA_ST400].result) {
		v->result = r->post[RPI_TA_ST400].result;
		v->cmd = r->post[RPI_TA_ST400].cmd;
		v->finding = r->post[RPI_TA_ST400].f.code;
		rpi_finding_text(&r->post[RPI_TA_ST400].f, v->reason, sizeof(v->reason));
		return;
	}
	v->result = 0;
	snprintf(v->reason, sizeof(v->reason),
		 "the PKEYINFO key matches OTP and verifies the signature: loads and starts");
}

static void read_elf(const struct fd_source *src, struct elfinfo *e)
{
	uint8_t h[52], p[32];
	uint32_t phoff, i;

	memset(e, 0, sizeof(*e));
	if (read_at(src, 0, h, sizeof(h)) || h[4] != 1 || h[5] != 1)
		return;
	e->valid = true;
	e->machine = rpi_le16(h + 18);
	e->entry = rpi_le32(h + 24);
	phoff = rpi_le32(h + 28);
	e->phnum = rpi_le16(h + 44);
	for (i = 0; i < e->phnum; i++) {
		if (read_at(src, (uint64_t)phoff + 32 * (uint64_t)i, p, sizeof(p)))
			break;
		if (rpi_le32(p) == 1 && (!e->have_load || rpi_le32(p + 12) < e->low_load)) {
			e->have_load = true;
			e->low_load = rpi_le32(p + 12);
		}
		if (i < ELF_SHOW_PHDRS) {
			e->ph[i][0] = rpi_le32(p);
			e->ph[i][1] = rpi_le32(p + 4);
			e->ph[i][2] = rpi_le32(p + 12);
			e->ph[i][3] = rpi_le32(p + 16);
			e->ph[i][4] = rpi_le32(p + 20);
		}
	}
}

static int open_error(const char *path, int fd, const char *why, struct json *j);

/* @st: the fstat() of src->fd the size came from (NULL: a buffer). */
static int inspect_source(struct fd_source *src, const char *name, const struct stat *st,
			  const struct inspect_opts *o, struct json *j, FILE *out)
{
	struct rpi_visitor v;
	struct rpi_verdict vd[RPI_TA_COUNT + 1];
	struct rpi_result *r;
	struct sigcheck sc;
	uint8_t pkh[32];
	size_t nvd;
	struct sha256 h;
	struct coll c;
	void *scratch;
	size_t i;
	int ret, status;

	memset(&c, 0, sizeof(c));
	r = calloc(1, sizeof(*r));
	scratch = malloc(IMG_SCRATCH);
	if (!r || !scratch || sha256_open(&h)) {
		fprintf(stderr, "%s: out of memory\n", prog);
		free(r);
		free(scratch);
		return 2;
	}
	v.finding = on_finding;
	v.tlv = on_tlv;
	v.image = on_image;
	v.segment = on_segment;
	v.ctx = &c;
	ret = rpi_analyze(&src->src, &h.ops, scratch, IMG_SCRATCH, &v, r);
	sha256_close(&h);
	free(scratch);
	if (ret || c.oom) {
		coll_free(&c);
		free(r);
		return open_error(name, -1, ret ? file_strerror(ret) : strerror(ENOMEM), j);
	}
	if (r->sum.format == RPROC_DIAG_FMT_ELF)
		read_elf(src, &c.elf);
	c.verbose = o->verbose;
	check_signature(src, r, o, &sc);
	/* what was analysed must be one version of the file, or nothing is said */
	ret = st ? file_check_unchanged(src->fd, st) : 0;
	if (ret) {
		sigcheck_free(&sc);
		coll_free(&c);
		free(r);
		return open_error(name, -1, file_strerror(ret), j);
	}
	for (i = 0; i < RPI_TA_COUNT; i++)
		rpi_predict(r, (uint32_t)i, (uint32_t)sc.ta_state, &vd[i]);
	nvd = RPI_TA_COUNT;
	if (o->rproc_pkh && !parse_pkh(o->rproc_pkh, pkh) &&
	    (r->sum.closest == RPROC_DIAG_FMT_F3)) {
		pkh_predict(r, &sc, pkh, &vd[nvd]);
		nvd++;
	}
	status = verdict_status(r, &c, &sc);
	if (nvd > RPI_TA_COUNT && vd[RPI_TA_COUNT].result && !status)
		status = 1;	/* this device would refuse it */
	if (j)
		print_json(j, name, r, &c, &sc, vd, nvd, status);
	else
		print_text(out, name, r, &c, &sc, vd, nvd, status);
	sigcheck_free(&sc);
	coll_free(&c);
	free(r);
	return status;
}

static int other_format(const char *path, const uint8_t *head, size_t len, uint64_t size,
			const struct inspect_opts *o, struct json *j, FILE *out)
{
#ifdef HAVE_FMT
	struct fmt_opts fo;
	enum fmt_kind kind;
	unsigned int i;

	if (fmt_inspect && fmt_detect_path) {
		memset(&fo, 0, sizeof(fo));
		for (i = 0; i < o->nkeys && i < FMT_MAX_KEYS; i++)
			fo.keys[i] = o->keys[i];
		fo.nkeys = i;
		fo.keyring = o->keyring;
		fo.otp_hash = o->otp_hash;
		fo.measured_boot = o->measured_boot;
		fo.verbose = o->verbose;
		kind = fmt_detect_path(path, head, len, size);
		return fmt_inspect(path, kind, &fo, j, out);
	}
#else
	(void)o;
#endif
	if (j) {
		json_obj_begin(j, NULL);
		json_str(j, "file", path);
		json_str(j, "format", "unknown");
		json_u64(j, "size", size);
		json_bool(j, "valid", false);
		json_i64(j, "status", 2);
		json_obj_end(j);
	} else {
		fprintf(out, "%s: unknown format, %llu bytes (first bytes %02x %02x %02x %02x): not an OP-TEE remoteproc image (magic 68 a4 43 35) nor an ELF file\n",
			path, (unsigned long long)size, len > 0 ? head[0] : 0, len > 1 ? head[1] : 0,
			len > 2 ? head[2] : 0, len > 3 ? head[3] : 0);
	}
	return 2;
}

static bool ours(const uint8_t *head, size_t len)
{
	return len >= 4 && (rpi_le32(head) == RPI_MAGIC ||
			    (head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F'));
}

int inspect_buf(const uint8_t *buf, size_t len, const char *name,
		const struct inspect_opts *o, struct json *j, FILE *out)
{
	struct fd_source src;

	if (!ours(buf, len))
		return other_format(name, buf, len < HEAD_LEN ? len : HEAD_LEN, len, o, j, out);
	mem_source_init(&src, buf, len);
	return inspect_source(&src, name, NULL, o, j, out);
}

static int open_error(const char *path, int fd, const char *why, struct json *j)
{
	fprintf(stderr, "%s inspect: cannot read `%s': %s\n", prog, path, why);
	if (fd >= 0)
		close(fd);
	if (j) {
		json_obj_begin(j, NULL);
		json_str(j, "file", path);
		json_str(j, "format", "unknown");
		json_null(j, "size");
		json_bool(j, "valid", false);
		json_i64(j, "status", 2);
		json_str(j, "error", why);
		json_obj_end(j);
	}
	return 2;
}

int inspect_file(const char *path, const struct inspect_opts *o, struct json *j, FILE *out)
{
	uint8_t head[HEAD_LEN];
	struct fd_source src;
	struct stat st;
	size_t hl;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st))
		return open_error(path, fd, strerror(errno), j);
	if (!S_ISREG(st.st_mode))
		return open_error(path, fd, "not a regular file (give the firmware file itself)", j);
	hl = (uint64_t)st.st_size < sizeof(head) ? (size_t)st.st_size : sizeof(head);
	ret = fd_read_at(fd, 0, head, hl);
	if (ret)
		return open_error(path, fd, file_strerror(ret == -ERANGE ? FILE_CHANGED : ret), j);
	if (!ours(head, hl)) {
		close(fd);
		return other_format(path, head, hl, (uint64_t)st.st_size, o, j, out);
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	fd_source_init(&src, fd, (uint64_t)st.st_size);
	ret = inspect_source(&src, path, &st, o, j, out);
	close(fd);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s inspect FILE... [--key FILE]... [--keyring DIR] [--ta-key FILE]\n"
		"                  [--no-builtin-keys] [--json] [--otp-hash HEX] [--measured-boot]\n"
		"                  [--verbose]\n"
		"Dump and verify OP-TEE remoteproc signed images (F1/F2/F3) and other signed\n"
		"firmware formats.  Exit status: 0 valid, 1 invalid, 2 unparseable, 64 usage.\n"
		"  --key FILE        candidate signing key (PEM or DER, private or public)\n"
		"  --keyring DIR     every *.pem, *.der, *.pub, *.key file in DIR\n"
		"  --ta-key FILE     the key the target OP-TEE trusts (RPROC_SIGN_KEY)\n"
		"  --no-builtin-keys do not try the well-known development keys\n"
		"  --otp-rproc-pkh HEX  STM32MP2 OTP oem_rproc_pkh: also predict an ST\n"
		"                    OP-TEE built with CFG_REMOTEPROC_PUB_KEY_VERIFY=y\n"
		"  --verbose         also print the hashes of good segments\n"
		"  --json            one JSON object per file (schema: userspace/JSON.md)\n",
		prog);
}

int cmd_inspect(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "keyring", required_argument, NULL, 'r' },
		{ "ta-key", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "no-builtin-keys", no_argument, NULL, 'B' },
		{ "otp-hash", required_argument, NULL, 'o' },
		{ "measured-boot", no_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "otp-rproc-pkh", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct inspect_opts o;
	struct json j;
	struct key k;
	char err[512];
	int c, i, st, worst = 0;
	unsigned int n;

	inspect_opts_init(&o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (o.nkeys == INSPECT_MAX_KEYS) {
				fprintf(stderr, "%s inspect: more than %d --key options; put the keys in a directory and use --keyring\n",
					prog, INSPECT_MAX_KEYS);
				return EXIT_USAGE;
			}
			o.keys[o.nkeys++] = optarg;
			break;
		case 'r':
			o.keyring = optarg;
			break;
		case 't':
			o.ta_key = optarg;
			break;
		case 'j':
			o.json = true;
			break;
		case 'B':
			o.builtin_keys = false;
			break;
		case 'o':
			o.otp_hash = optarg;
			break;
		case 'm':
			o.measured_boot = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'P': {
			uint8_t tmp[32];

			if (parse_pkh(optarg, tmp)) {
				fprintf(stderr, "%s inspect: --otp-rproc-pkh `%s' is not 32 bytes of hex (64 hex digits, the SHA-256 in OTP oem_rproc_pkh)\n",
					prog, optarg);
				return EXIT_USAGE;
			}
			o.rproc_pkh = optarg;
			break;
		}
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "%s inspect: unknown option or missing argument `%s'\n", prog,
				argv[optind - 1]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "%s inspect: no FILE given\n", prog);
		usage(stderr);
		return EXIT_USAGE;
	}
	/* Bad keys are usage errors: check them before any file. */
	for (n = 0; n < o.nkeys; n++) {
		if (key_load_file(&k, o.keys[n], NULL, err, sizeof(err))) {
			fprintf(stderr, "%s inspect: --key: %s\n", prog, err);
			return EXIT_USAGE;
		}
		key_free(&k);
	}
	if (o.ta_key) {
		if (key_load_file(&k, o.ta_key, NULL, err, sizeof(err))) {
			fprintf(stderr, "%s inspect: --ta-key: %s\n", prog, err);
			return EXIT_USAGE;
		}
		key_free(&k);
	}
	if (o.keyring) {
		struct keyset ks = { 0 };

		if (keyset_add_dir(&ks, o.keyring, err, sizeof(err))) {
			keyset_free(&ks);
			fprintf(stderr, "%s inspect: --keyring: %s\n", prog, err);
			return EXIT_USAGE;
		}
		keyset_free(&ks);
	}
	for (i = optind; i < argc; i++) {
		if (o.json) {
			json_init(&j, stdout);
			st = inspect_file(argv[i], &o, &j, stdout);
			json_end(&j);
		} else {
			if (i > optind)
				putchar('\n');
			st = inspect_file(argv[i], &o, NULL, stdout);
		}
		if (st > worst)
			worst = st;
	}
	return worst;
}
