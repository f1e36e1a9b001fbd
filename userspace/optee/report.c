// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `inspect` output of an OP-TEE remoteproc image (optee/analysis.h): the
 * header, TLVs, signature and candidate keys, images and segments, each TA
 * generation's verdict and the findings, as text or as one JSON object
 * (userspace/JSON.md, "inspect").
 */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "common/report.h"
#include "optee/report.h"
#include "rproc_tee.h"

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

static void tlv_value_text(const struct optee_tlv *tc, char *buf, size_t len)
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

enum {
	S_HEAD = 1,		/* what the file is, header, TLVs, signature */
	S_IMAGES,		/* images and segments */
	S_NOTES,		/* odd key information */
	S_KEYS,			/* the candidate keys */
	S_SIGNER,		/* who signed it, the TA key */
	S_VERDICTS,		/* each TA generation's verdict */
	S_HEAP,			/* the TA heap note */
	S_OTP,			/* the OTP-key verdict */
	S_FINDINGS,
	S_RESULT,
};

static void report_key(struct rep *r, const struct optee_cand *c, bool checked, bool text)
{
	char kind[48], fp[65], otp[65];
	const struct builtin_key *bk = key_builtin_by_fp(c->k->spki_sha256);

	hex_str(c->k->spki_sha256, 32, fp);
	key_kind_str(c->k, kind, sizeof(kind));
	rep_open(r, NULL, '{', text ? "  %-10s %s (%s)%s%s%s\n             spki-sha256 %s\n" : NULL,
		 c->origin, c->k->name, kind,
		 bk && !c->k->builtin ? " = built-in " : "", bk && !c->k->builtin ? bk->name : "",
		 !checked ? "" : c->verifies == 1 ? ": VERIFIES" :
		 c->verifies == 0 ? ": does not verify" : ": cannot check (other key type)", fp);
	rep_put(r, "name", rv_str(c->k->name), NULL);
	rep_put(r, "origin", rv_str(c->origin), NULL);
	rep_put(r, "type", rv_str(kind), NULL);
	rep_put(r, "spki_sha256", rv_hex(c->k->spki_sha256, 32), NULL);
	if (c->k->has_otp) {
		hex_str(c->k->otp_hash, 32, otp);
		rep_put(r, "st_otp_hash", rv_hex(c->k->otp_hash, 32),
			text ? "             st-otp-hash %s\n" : NULL, otp);
	} else {
		rep_put(r, "st_otp_hash", rv_null(), NULL);
	}
	rep_put(r, "builtin_match", rv_str(bk ? bk->name : NULL), NULL);
	rep_put(r, "verifies", checked ? rv_bool(c->verifies == 1) : rv_null(), NULL);
	rep_close(r, '}');
}

/* A plain ELF: its program headers and how to sign it (text only). */
static void report_elf(struct rep *r, const char *name, const struct optee_elf *e)
{
	rep_text(r, "ELF32: e_machine %u%s, e_entry 0x%08x, %u program headers\n",
		 e->machine, e->machine == 40 ? " (ARM)" : " (NOT ARM: not Cortex-M firmware)",
		 e->entry, e->phnum);
	for (size_t i = 0; i < e->phnum && i < OPTEE_ELF_PHDRS; i++)
		rep_text(r, "  phdr %zu %-12s off 0x%06x paddr 0x%08x filesz 0x%06x memsz 0x%06x\n",
			 i, ptype_name(e->ph[i][0]), e->ph[i][1], e->ph[i][2], e->ph[i][3],
			 e->ph[i][4]);
	if (e->vt_looked && e->vt.found)
		rep_text(r, "vector table: 0x%08x (%s%s%s)%s%s\n", e->vt.addr, vt_rule_desc(e->vt.rule),
			 e->vt.name[0] ? ": " : "", e->vt.name,
			 e->vt.uncertain ? "; not certain: " : "", e->vt.warning);
	else if (e->vt_looked)
		rep_text(r, "vector table: not found (%s)\n", e->vt.why_not);
	rep_text(r, "The TEE loads only signed images.  Sign it with the key OP-TEE trusts:\n"
		 "  %s fix %s --key KEY.pem --out %s.sig\n"
		 "(fix adds the BOOTADDR an STM32MP2 needs from the vector table; for an\n"
		 "STM32MP15 give --soc mp15)\n", prog, name, name);
}

/* A plain ELF's vector table, the BOOTADDR to sign with (JSON only). */
static void report_vector_table(struct rep *r, const struct optee_image *m)
{
	const struct vt_result *vt = &m->elf.vt;

	if (m->res.sum.format != RPROC_DIAG_FMT_ELF || !m->elf.vt_looked) {
		rep_put(r, "vector_table", rv_null(), NULL);
		return;
	}
	rep_open(r, "vector_table", '{', NULL);
	rep_put(r, "found", rv_bool(vt->found), NULL);
	rep_put(r, "addr", vt->found ? rv_code(vt->addr) : rv_null(), NULL);
	rep_put(r, "rule", rv_str(vt->found ? vt_rule_name(vt->rule) : NULL), NULL);
	rep_put(r, "name", rv_str(vt->name[0] ? vt->name : NULL), NULL);
	rep_put(r, "uncertain", rv_bool(vt->uncertain), NULL);
	rep_put(r, "warning", rv_str(vt->warning[0] ? vt->warning : NULL), NULL);
	rep_put(r, "why_not", rv_str(vt->found ? NULL : vt->why_not), NULL);
	rep_close(r, '}');
}

static void report_header(struct rep *r, const struct rpi_summary *s, bool dump)
{
	static const char *const f3names[] = { "magic", "version", "tlv_len", "sign_len",
					       "img_len" };
	static const char *const f2names[] = { "magic", "version", "sign_len", "img_len",
					       "tlv_len", "plat_tlv_len" };
	static const char *const f1names[] = { "magic", "version", "hdr_length",
		"sign_length", "sign_offset", "sign_type", "hash_length", "hash_offset",
		"hash_type", "key_length", "key_offset", "img_length", "img_offset", "img_type" };
	uint32_t fmt = s->closest ? s->closest : s->format;
	const char *const *names = f3names;
	size_t i, nw = 5;

	if (fmt == RPROC_DIAG_FMT_F2) {
		names = f2names;
		nw = 6;
	} else if (fmt == RPROC_DIAG_FMT_F1) {
		names = f1names;
		nw = 14;
	}
	if (dump && (s->flags & RPI_S_HAS_EXPECTED))
		rep_text(r, "  size: header describes %llu bytes (%s layout), file has %llu%s\n",
			 (unsigned long long)s->expected_size, rpi_format_name(fmt),
			 (unsigned long long)s->file_size,
			 s->size_delta == 0 ? ": equal" :
			 s->size_delta < 0 ? ": TRUNCATED" : ": BYTES APPENDED");
	if (dump && s->size_delta)
		rep_text(r, "  size delta: %+lld bytes\n", (long long)s->size_delta);
	if (s->format == RPROC_DIAG_FMT_DAMAGED || (s->flags & RPI_S_HAS_EXPECTED)) {
		rep_open(r, "size_check", '{', NULL);
		rep_put(r, "layout", rv_str(rpi_format_name(s->closest)), NULL);
		rep_put(r, "expected", rv_u64(s->expected_size), NULL);
		rep_put(r, "delta", rv_i64(s->size_delta), NULL);
		rep_close(r, '}');
	} else {
		rep_put(r, "size_check", rv_null(), NULL);
	}
	rep_open(r, "header", '[', dump ? "header @0x000\n" : NULL);
	for (i = 0; i < s->nwords; i++)
		rep_put(r, NULL, rv_u64(s->w[i]),
			dump && i < nw ? "  0x%03zx %-13s 0x%08x (%u)\n" : NULL,
			4 * i, i < nw ? names[i] : "", s->w[i], s->w[i]);
	rep_close(r, ']');
}

static void report_tlvs(struct rep *r, const struct optee_image *m, bool dump)
{
	const struct rpi_summary *s = &m->res.sum;
	char buf[256];

	if (dump && m->ntlv)
		rep_text(r, "TLVs @0x%03llx: %zu records\n", (unsigned long long)s->tlv_off,
			 m->ntlv);
	rep_open(r, "tlvs", '[', NULL);
	for (size_t i = 0; i < m->ntlv; i++) {
		const struct rpi_tlv *t = &m->tlv[i].t;
		const char *tn = rpi_tlv_name(t->type);

		tlv_value_text(&m->tlv[i], buf, sizeof(buf));
		rep_open(r, NULL, '{', dump ? "  0x%03llx [%u] %-10s type 0x%05x len %-4u %s\n" : NULL,
			 (unsigned long long)t->off, t->index, tn ? tn : "(unknown)",
			 t->type, t->len, buf);
		rep_put(r, "offset", rv_u64(t->off), NULL);
		rep_put(r, "type", rv_u64(t->type), NULL);
		rep_put(r, "name", rv_str(tn), NULL);
		rep_put(r, "length", rv_u64(t->len), NULL);
		rep_put(r, "value", rv_hex(m->tlv[i].val, t->value_len), NULL);
		rep_close(r, '}');
	}
	rep_close(r, ']');
	if (dump && (s->flags & RPI_S_TLV_OVERRUN))
		rep_text(r, "  (the next record runs past the TLV area)\n");
}

static void report_signature(struct rep *r, const struct optee_image *m, bool dump)
{
	const struct rpi_result *res = &m->res;
	const struct optee_sig *sc = &m->sig;
	const struct optee_cand *by = optee_signer(m);
	char hx[65];

	rep_open(r, "signature", '{', NULL);
	rep_put(r, "type", sc->have_type ? rv_str(sig_type_name(sc->type)) : rv_null(),
		dump ? "signature @0x%03llx: %u bytes, %s" : NULL, (unsigned long long)res->sig_off,
		res->sig_len, sc->have_type ? sig_type_name(sc->type) : "no SIGNTYPE");
	rep_put(r, "offset", rv_u64(res->sig_off), NULL);
	rep_put(r, "length", rv_u64(res->sig_len), NULL);
	if (res->signed_len) {
		hex_str(res->signed_digest, 32, hx);
		rep_put(r, "signed_sha256", rv_hex(res->signed_digest, 32),
			dump ? ", over %llu signed bytes, SHA-256 %s\n" : NULL,
			(unsigned long long)res->signed_len, hx);
	} else {
		rep_put(r, "signed_sha256", rv_null(),
			dump ? " (signed bytes not inside the file)\n" : NULL);
	}

	rep_slot(r, S_SIGNER);
	if (by && sc->signer == sc->pkey_cand)
		rep_text(r, dump ? "signed by: the key in its own PKEYINFO TLV (that proves nothing unless the key's hash is in OTP: check with --otp-rproc-pkh)\n" : NULL);
	else if (by)
		rep_text(r, dump ? "signed by: %s (%s)%s%s\n" : NULL, by->k->name, by->origin,
			 by->k->desc ? ": " : "", by->k->desc ? by->k->desc : "");
	else
		rep_text(r, dump ? "signed by: none of the %zu known keys%s\n" : NULL, sc->ncand,
			 sc->ncand ? "" : " (give --key or --keyring)");
	if (by) {
		rep_open(r, "signed_by", '{', NULL);
		rep_put(r, "spki_sha256", rv_hex(by->k->spki_sha256, 32), NULL);
		rep_put(r, "name", rv_str(by->k->name), NULL);
		rep_put(r, "origin", rv_str(by->origin), NULL);
		rep_close(r, '}');
	} else {
		rep_put(r, "signed_by", rv_null(), NULL);
	}

	rep_slot(r, S_KEYS);
	rep_open(r, "keys", '[', dump ? "keys\n" : NULL);
	for (size_t i = 0; i < sc->ncand; i++)
		report_key(r, &sc->cand[i], sc->checked, dump);
	rep_close(r, ']');
	if (dump && !sc->checked)
		rep_text(r, "  (signature not inside the file: nothing verified)\n");

	rep_slot(r, S_SIGNER);
	if (sc->ta) {
		rep_open(r, "ta_key", '{', dump ? "TA key %s: %s\n" : NULL, sc->ta->name,
			 sc->ta_state == RPI_SIG_VALID ? "verifies the signature" :
			 "does NOT verify the signature");
		rep_put(r, "name", rv_str(sc->ta->name), NULL);
		rep_put(r, "spki_sha256", rv_hex(sc->ta->spki_sha256, 32), NULL);
		rep_put(r, "verifies", rv_bool(sc->ta_state == RPI_SIG_VALID), NULL);
		rep_close(r, '}');
	} else {
		rep_put(r, "ta_key", rv_null(), NULL);
	}
	rep_close(r, '}');
}

static void report_images(struct rep *r, const struct optee_image *m, bool dump, bool verbose)
{
	uint64_t size = m->res.sum.file_size;
	char table[65], computed[65];

	rep_open(r, "images", '[', NULL);
	for (size_t i = 0; i < m->nimg; i++) {
		const struct rpi_image *im = &m->img[i];

		rep_open(r, NULL, '{', dump ? "image %u @0x%llx: %llu bytes, type %u, %s, %u program headers\n" : NULL,
			 im->index, (unsigned long long)im->off, (unsigned long long)im->size,
			 im->type, im->elf_ok ? "ELF32 ok" : "NOT A VALID ELF32", im->e_phnum);
		rep_put(r, "index", rv_u64(im->index), NULL);
		rep_put(r, "offset", rv_u64(im->off), NULL);
		rep_put(r, "size", rv_u64(im->size), NULL);
		rep_put(r, "type", rv_u64(im->type), NULL);
		rep_put(r, "elf_ok", rv_bool(im->elf_ok), NULL);
		rep_put(r, "e_phnum", rv_u64(im->e_phnum), NULL);
		rep_close(r, '}');
	}
	rep_close(r, ']');

	rep_open(r, "segments", '[', dump && m->nseg ? "segments (hash table entries)\n" : NULL);
	for (size_t i = 0; i < m->nseg; i++) {
		const struct rpi_segment *g = &m->seg[i];
		bool checked = g->flags & RPI_SEG_HASH_CHECKED, hashes;

		if (g->image == ~0U)
			rep_open(r, NULL, '{', dump ? "  @0x%03llx entry %u belongs to no image (more entries than program headers) %-12s paddr 0x%08x\n" : NULL,
				 (unsigned long long)g->table_off, g->entry, ptype_name(g->p_type),
				 g->p_paddr);
		else
			rep_open(r, NULL, '{', dump ? "  @0x%03llx entry %u image %u phdr %u %-12s off 0x%06x paddr 0x%08x filesz 0x%06x memsz 0x%06x: %s%s%s\n" : NULL,
				 (unsigned long long)g->table_off, g->entry, g->image, g->index,
				 ptype_name(g->p_type), g->p_offset, g->p_paddr, g->p_filesz,
				 g->p_memsz, seg_verdict(g, size),
				 g->flags & RPI_SEG_PHDR_MISMATCH ? ", differs from the ELF phdr" : "",
				 g->flags & RPI_SEG_SHADOWED ? ", shadowed by an earlier entry" : "");
		rep_put(r, "image", g->image == ~0U ? rv_null() : rv_u64(g->image), NULL);
		rep_put(r, "index", rv_u64(g->index), NULL);
		rep_put(r, "entry", rv_u64(g->entry), NULL);
		rep_put(r, "table_offset", rv_u64(g->table_off), NULL);
		rep_put(r, "p_type", rv_code(g->p_type), NULL);
		rep_put(r, "p_offset", rv_code(g->p_offset), NULL);
		rep_put(r, "p_paddr", rv_code(g->p_paddr), NULL);
		rep_put(r, "p_filesz", rv_u64(g->p_filesz), NULL);
		rep_put(r, "p_memsz", rv_u64(g->p_memsz), NULL);
		rep_put(r, "hash_ok", checked ? rv_bool(hash_ok(g)) : rv_null(), NULL);
		hex_str(g->hash, 32, table);
		hex_str(g->computed, 32, computed);
		/* text: the hashes of a bad segment, of every one with --verbose */
		hashes = dump && g->image != ~0U && checked &&
			 (verbose || !(g->flags & RPI_SEG_HASH_OK));
		rep_put(r, "sha256_table", rv_hex(g->hash, 32), hashes ? "      table    %s\n" : NULL,
			table);
		if (checked)
			rep_put(r, "sha256_computed", rv_hex(g->computed, 32),
				hashes ? "      computed %s (data @0x%llx)\n" : NULL, computed,
				(unsigned long long)g->data_off);
		rep_put(r, "phdr_mismatch", rv_bool(g->flags & RPI_SEG_PHDR_MISMATCH), NULL);
		rep_put(r, "out_of_range", rv_bool(g->flags & RPI_SEG_OUT_OF_RANGE), NULL);
		rep_close(r, '}');
	}
	rep_close(r, ']');
}

static void report_verdicts(struct rep *r, const struct optee_image *m)
{
	const struct optee_sig *sc = &m->sig;
	const struct rpi_verdict *vd = m->verdict;

	rep_slot(r, S_VERDICTS);
	rep_open(r, "ta_verdicts", '[', "TA verdicts%s\n",
		 sc->ta ? "" : " (no --ta-key: the key each TA trusts is unknown)");
	for (size_t i = 0; i < m->nverdicts; i++) {
		bool otp = i >= RPI_TA_COUNT;
		/* the verdicts of default builds, in text only when nothing else decides */
		bool defaults = !otp && !sc->ta && !m->res.pre[i].result && sc->checked;

		rep_slot(r, otp ? S_OTP : S_VERDICTS);
		rep_open(r, NULL, '{', "  %-22s %s 0x%08x %s: %s\n",
			 otp ? "ST 4.0.0 TA, OTP key" : rpi_ta_name(vd[i].ta),
			 vd[i].result ? rpi_ta_cmd_name(vd[i].cmd) : "ok  ", vd[i].result,
			 rpi_tee_code_name(vd[i].result), vd[i].reason);
		rep_put(r, "ta", rv_str(otp ? "st-4.0.0-otp-key" : rpi_ta_id(vd[i].ta)), NULL);
		rep_put(r, "result", rv_code(vd[i].result), NULL);
		rep_put(r, "name", rv_str(rpi_tee_code_name(vd[i].result)), NULL);
		rep_put(r, "command", rv_str(rpi_ta_cmd_name(vd[i].cmd)), NULL);
		rep_put(r, "finding", rv_str(rpi_finding_name(vd[i].finding)), NULL);
		rep_put(r, "uncertain", rv_bool(vd[i].uncertain), NULL);
		rep_open(r, "default_keys", '[', NULL);
		for (size_t d = 0; d < optee_n_default_keys; d++) {
			const struct optee_default_key *dk = &optee_default_keys[d];
			int k = dk->ta == i ? optee_builtin_cand(m, dk->key) : -1;
			bool verifies;

			if (k < 0 || !sc->checked)
				continue;
			verifies = sc->cand[k].verifies == 1;
			rep_open(r, NULL, '{', defaults ? "  %-22s   %s built with its default key (%s): %s\n" : NULL,
				 "", dk->build, dk->key, verifies ? "signature verifies" :
				 "0xffff3072 TEE_ERROR_SIGNATURE_INVALID");
			rep_put(r, "build", rv_str(dk->build), NULL);
			rep_put(r, "key", rv_str(dk->key), NULL);
			rep_put(r, "verifies", rv_bool(verifies), NULL);
			rep_close(r, '}');
		}
		rep_close(r, ']');
		rep_put(r, "reason", rv_str(vd[i].reason), NULL);
		rep_close(r, '}');
	}
	rep_close(r, ']');
	rep_slot(r, S_HEAP);
	if (optee_ta_heap_need(&m->res.sum))
		rep_put(r, "ta_heap_needed", rv_u64(optee_ta_heap_need(&m->res.sum)),
			"  note: the TA copies header, TLVs, signature and hash table (%llu bytes) into its heap, %d bytes by default (CFG_REMOTEPROC_TA_HEAP_SIZE): expect 0xffff000c TEE_ERROR_OUT_OF_MEMORY unless OP-TEE raised it\n",
			(unsigned long long)optee_ta_heap_need(&m->res.sum), OPTEE_TA_HEAP_DEFAULT);
	else
		rep_put(r, "ta_heap_needed", rv_null(), NULL);
}

static void report_findings(struct rep *r, const struct optee_image *m)
{
	char buf[256];

	rep_slot(r, S_FINDINGS);
	rep_open(r, "findings", '[', m->nfnd ? "findings\n" : NULL);
	for (size_t i = 0; i < m->nfnd; i++) {
		const struct rpi_finding *f = &m->fnd[i];

		rpi_finding_text(f, buf, sizeof(buf));
		rep_open(r, NULL, '{', "  %-5s %-17s %s\n",
			 rpi_finding_is_info(f->code) ? "note" : "ERROR", rpi_finding_name(f->code),
			 buf);
		rep_put(r, "code", rv_str(rpi_finding_name(f->code)), NULL);
		rep_put(r, "index", rv_u64(f->index), NULL);
		rep_put(r, "addr", rv_u64(f->addr), NULL);
		rep_put(r, "value", rv_i64(f->value), NULL);
		rep_put(r, "error", rv_bool(!rpi_finding_is_info(f->code)), NULL);
		rep_put(r, "text", rv_str(buf), NULL);
		rep_close(r, '}');
	}
	rep_close(r, ']');
}

void optee_report(struct rep *r, const char *name, const struct optee_image *m, bool verbose)
{
	const struct rpi_summary *s = &m->res.sum;
	/* text dumps the container's parts only for a container */
	bool dump = s->format != RPROC_DIAG_FMT_ELF && s->format != RPROC_DIAG_FMT_UNKNOWN;

	rep_slot(r, S_HEAD);
	rep_open(r, NULL, '{', NULL);
	rep_put(r, "file", rv_str(name), NULL);
	rep_put(r, "format", rv_str(s->format == RPROC_DIAG_FMT_DAMAGED ? "unknown" :
				     rpi_format_name(s->format)), NULL);
	rep_put(r, "size", rv_u64(s->file_size), "%s: %s, %llu bytes: %s\n", name,
		rpi_format_name(s->format), (unsigned long long)s->file_size,
		rpi_format_desc(s->format));
	if (!rep_is_json(r) && s->format == RPROC_DIAG_FMT_ELF && m->elf.valid)
		report_elf(r, name, &m->elf);
	rep_slot(r, S_RESULT);
	rep_put(r, "valid", rv_bool(m->status == 0), NULL);
	rep_put(r, "status", rv_i64(m->status), "result: %s\n",
		m->status == 0 ? "VALID" : m->status == 1 ? "INVALID" : "UNPARSEABLE");
	rep_slot(r, S_HEAD);
	report_header(r, s, dump);
	report_tlvs(r, m, dump);
	report_signature(r, m, dump);
	rep_slot(r, S_NOTES);
	if (dump && m->sig.pkey_bad)
		rep_text(r, "PKEYINFO: %u bytes that are not a DER SubjectPublicKeyInfo\n",
			 s->pkey_len);
	if (dump && (s->flags & RPI_S_F1_KEYINFO))
		rep_text(r, "key info: key_length %u is set: the F1 script writes it wrongly, offsets are suspect\n",
			 s->w[9]);
	rep_slot(r, S_IMAGES);
	report_images(r, m, dump, verbose);
	report_verdicts(r, m);
	report_findings(r, m);
	report_vector_table(r, m);
	rep_close(r, '}');
	rep_end(r);
}
