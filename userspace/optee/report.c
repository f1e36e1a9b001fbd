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
#include "common/json.h"
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

static void print_key_line(FILE *out, const struct optee_cand *c, bool checked)
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

void optee_print_text(FILE *out, const char *name, const struct optee_image *m, bool verbose)
{
	const struct rpi_result *r = &m->res;
	const struct optee_sig *sc = &m->sig;
	const struct rpi_verdict *vd = m->verdict;
	size_t nvd = m->nverdicts;
	int status = m->status;
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
	if (s->format == RPROC_DIAG_FMT_ELF && m->elf.valid) {
		const struct optee_elf *e = &m->elf;

		fprintf(out, "ELF32: e_machine %u%s, e_entry 0x%08x, %u program headers\n",
			e->machine, e->machine == 40 ? " (ARM)" : " (NOT ARM: not Cortex-M firmware)",
			e->entry, e->phnum);
		for (i = 0; i < e->phnum && i < OPTEE_ELF_PHDRS; i++)
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
	if (m->ntlv)
		fprintf(out, "TLVs @0x%03llx: %zu records\n", (unsigned long long)s->tlv_off,
			m->ntlv);
	for (i = 0; i < m->ntlv; i++) {
		const struct rpi_tlv *t = &m->tlv[i].t;
		const char *tn = rpi_tlv_name(t->type);

		tlv_value_text(&m->tlv[i], buf, sizeof(buf));
		fprintf(out, "  0x%03llx [%u] %-10s type 0x%05x len %-4u %s\n",
			(unsigned long long)t->off, t->index, tn ? tn : "(unknown)",
			t->type, t->len, buf);
	}
	if (s->flags & RPI_S_TLV_OVERRUN)
		fprintf(out, "  (the next record runs past the TLV area)\n");
	fprintf(out, "signature @0x%03llx: %u bytes, %s", (unsigned long long)r->sig_off,
		r->sig_len, sc->have_type ? sig_type_name(sc->type) : "no SIGNTYPE");
	if (r->signed_len) {
		hex_str(r->signed_digest, 32, hx);
		fprintf(out, ", over %llu signed bytes, SHA-256 %s\n",
			(unsigned long long)r->signed_len, hx);
	} else {
		fprintf(out, " (signed bytes not inside the file)\n");
	}
	for (i = 0; i < m->nimg; i++) {
		const struct rpi_image *im = &m->img[i];

		fprintf(out, "image %u @0x%llx: %llu bytes, type %u, %s, %u program headers\n",
			im->index, (unsigned long long)im->off, (unsigned long long)im->size,
			im->type, im->elf_ok ? "ELF32 ok" : "NOT A VALID ELF32", im->e_phnum);
	}
	if (m->nseg)
		fprintf(out, "segments (hash table entries)\n");
	for (i = 0; i < m->nseg; i++) {
		const struct rpi_segment *g = &m->seg[i];

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
		    (verbose || !(g->flags & RPI_SEG_HASH_OK))) {
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
		print_key_line(out, &sc->cand[i], sc->checked);
	if (!sc->checked)
		fprintf(out, "  (signature not inside the file: nothing verified)\n");
	if (sc->signer >= 0 && sc->signer == sc->pkey_cand)
		fprintf(out, "signed by: the key in its own PKEYINFO TLV (that proves nothing unless the key's hash is in OTP: check with --otp-rproc-pkh)\n");
	else if (sc->signer >= 0)
		fprintf(out, "signed by: %s (%s)%s%s\n", sc->cand[sc->signer].k->name,
			sc->cand[sc->signer].origin,
			sc->cand[sc->signer].k->desc ? ": " : "",
			sc->cand[sc->signer].k->desc ? sc->cand[sc->signer].k->desc : "");
	else
		fprintf(out, "signed by: none of the %zu known keys%s\n", sc->ncand,
			sc->ncand ? "" : " (give --key or --keyring)");
	if (sc->ta)
		fprintf(out, "TA key %s: %s\n", sc->ta->name,
			sc->ta_state == RPI_SIG_VALID ? "verifies the signature" :
			"does NOT verify the signature");
verdicts:
	fprintf(out, "TA verdicts%s\n", sc->ta ? "" :
		" (no --ta-key: the key each TA trusts is unknown)");
	for (i = 0; i < RPI_TA_COUNT; i++) {
		size_t d;

		fprintf(out, "  %-22s %s 0x%08x %s: %s\n", rpi_ta_name(vd[i].ta),
			vd[i].result ? rpi_ta_cmd_name(vd[i].cmd) : "ok  ", vd[i].result,
			rpi_tee_code_name(vd[i].result), vd[i].reason);
		if (sc->ta || r->pre[i].result || !sc->checked)
			continue;
		for (d = 0; d < optee_n_default_keys; d++) {
			int k = optee_default_keys[d].ta == i ? optee_builtin_cand(m, optee_default_keys[d].key) : -1;

			if (k >= 0)
				fprintf(out, "  %-22s   %s built with its default key (%s): %s\n", "",
					optee_default_keys[d].build, optee_default_keys[d].key,
					sc->cand[k].verifies == 1 ? "signature verifies" :
					"0xffff3072 TEE_ERROR_SIGNATURE_INVALID");
		}
	}
	if (optee_ta_heap_need(s))
		fprintf(out, "  note: the TA copies header, TLVs, signature and hash table (%llu bytes) into its heap, %d bytes by default (CFG_REMOTEPROC_TA_HEAP_SIZE): expect 0xffff000c TEE_ERROR_OUT_OF_MEMORY unless OP-TEE raised it\n",
			(unsigned long long)optee_ta_heap_need(s), OPTEE_TA_HEAP_DEFAULT);
	if (nvd > RPI_TA_COUNT)
		fprintf(out, "  %-22s %s 0x%08x %s: %s\n", "ST 4.0.0 TA, OTP key",
			vd[RPI_TA_COUNT].result ? rpi_ta_cmd_name(vd[RPI_TA_COUNT].cmd) : "ok  ",
			vd[RPI_TA_COUNT].result, rpi_tee_code_name(vd[RPI_TA_COUNT].result),
			vd[RPI_TA_COUNT].reason);
	if (m->nfnd)
		fprintf(out, "findings\n");
	for (i = 0; i < m->nfnd; i++) {
		rpi_finding_text(&m->fnd[i], buf, sizeof(buf));
		fprintf(out, "  %-5s %-17s %s\n", rpi_finding_is_info(m->fnd[i].code) ? "note" : "ERROR",
			rpi_finding_name(m->fnd[i].code), buf);
	}
	fprintf(out, "result: %s\n", status == 0 ? "VALID" : status == 1 ? "INVALID" : "UNPARSEABLE");
}

static void json_key(struct json *j, const char *name, const struct optee_cand *c, bool checked)
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

void optee_print_json(struct json *j, const char *name, const struct optee_image *m)
{
	const struct rpi_result *r = &m->res;
	const struct optee_sig *sc = &m->sig;
	const struct rpi_verdict *vd = m->verdict;
	size_t nvd = m->nverdicts;
	int status = m->status;
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
	for (i = 0; i < m->ntlv; i++) {
		const struct rpi_tlv *t = &m->tlv[i].t;

		json_obj_begin(j, NULL);
		json_u64(j, "offset", t->off);
		json_u64(j, "type", t->type);
		json_str(j, "name", rpi_tlv_name(t->type));
		json_u64(j, "length", t->len);
		json_hex(j, "value", m->tlv[i].val, t->value_len);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_obj_begin(j, "signature");
	json_str(j, "type", sc->have_type ? sig_type_name(sc->type) : NULL);
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
		json_key(j, NULL, &sc->cand[i], sc->checked);
	json_arr_end(j);
	if (sc->ta) {
		json_obj_begin(j, "ta_key");
		json_str(j, "name", sc->ta->name);
		json_hex(j, "spki_sha256", sc->ta->spki_sha256, 32);
		json_bool(j, "verifies", sc->ta_state == RPI_SIG_VALID);
		json_obj_end(j);
	} else {
		json_null(j, "ta_key");
	}
	json_obj_end(j);

	json_arr_begin(j, "images");
	for (i = 0; i < m->nimg; i++) {
		json_obj_begin(j, NULL);
		json_u64(j, "index", m->img[i].index);
		json_u64(j, "offset", m->img[i].off);
		json_u64(j, "size", m->img[i].size);
		json_u64(j, "type", m->img[i].type);
		json_bool(j, "elf_ok", m->img[i].elf_ok);
		json_u64(j, "e_phnum", m->img[i].e_phnum);
		json_obj_end(j);
	}
	json_arr_end(j);

	json_arr_begin(j, "segments");
	for (i = 0; i < m->nseg; i++) {
		const struct rpi_segment *g = &m->seg[i];

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
		for (size_t d = 0; d < optee_n_default_keys; d++) {
			int k = optee_default_keys[d].ta == i ? optee_builtin_cand(m, optee_default_keys[d].key) : -1;

			if (k < 0 || !sc->checked)
				continue;
			json_obj_begin(j, NULL);
			json_str(j, "build", optee_default_keys[d].build);
			json_str(j, "key", optee_default_keys[d].key);
			json_bool(j, "verifies", sc->cand[k].verifies == 1);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_str(j, "reason", vd[i].reason);
		json_obj_end(j);
	}
	json_arr_end(j);

	if (optee_ta_heap_need(s))
		json_u64(j, "ta_heap_needed", optee_ta_heap_need(s));
	else
		json_null(j, "ta_heap_needed");
	json_arr_begin(j, "findings");
	for (i = 0; i < m->nfnd; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "code", rpi_finding_name(m->fnd[i].code));
		json_u64(j, "index", m->fnd[i].index);
		json_u64(j, "addr", m->fnd[i].addr);
		json_i64(j, "value", m->fnd[i].value);
		json_bool(j, "error", !rpi_finding_is_info(m->fnd[i].code));
		rpi_finding_text(&m->fnd[i], buf, sizeof(buf));
		json_str(j, "text", buf);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}
