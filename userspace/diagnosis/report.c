// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Output of diagnosed attempts: JSON lines (schema: userspace/JSON.md,
 * section "watch") and human text.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/file.h"
#include "common/json.h"
#include "diagnosis/report.h"
#include "rproc_tee.h"

void report_time(char *buf, size_t len, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000ULL);
	struct tm tm;

	if (!ns || !gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, len, "-");
}

static void hex32(struct json *j, const char *key, uint32_t v)
{
	json_strf(j, key, "0x%08x", v);
}

static void finding_json(struct json *j, uint32_t code, bool has_index, uint32_t index,
			 bool has_addr, uint32_t addr, bool has_value, int64_t value,
			 const char *text)
{
	json_obj_begin(j, NULL);
	json_str(j, "code", rpi_finding_name(code));
	json_u64(j, "code_num", code);
	if (has_index)
		json_u64(j, "index", index);
	if (has_addr)
		hex32(j, "addr", addr);
	if (has_value)
		json_i64(j, "value", value);
	if (text)
		json_str(j, "text", text);
	json_obj_end(j);
}

static void kernel_json(struct json *j, const struct rd_record *r)
{
	json_obj_begin(j, "kernel");
	json_u64(j, "flags", r->flags);
	json_str(j, "driver_api", r->has_driver_api ? rd_api_name(r->driver_api) : NULL);
	if (r->has_ts_start)
		json_u64(j, "ts_start_ns", r->ts_start);
	if (r->has_ts_end)
		json_u64(j, "ts_end_ns", r->ts_end);
	if (r->has_session) {
		json_obj_begin(j, "session");
		if (r->session.has_ret)
			hex32(j, "ret", r->session.ret);
		if (r->session.has_origin)
			json_u64(j, "origin", r->session.origin);
		if (r->session.has_errno)
			json_i64(j, "errno", r->session.err);
		if (r->session.has_id)
			json_u64(j, "id", r->session.id);
		json_obj_end(j);
	} else {
		json_null(j, "session");
	}
	json_arr_begin(j, "ta_cmds");
	for (unsigned int i = 0; i < r->n_cmds; i++) {
		const struct rd_ta_cmd *c = &r->cmds[i];
		const char *n = rd_ta_cmd_name(c->func);

		json_obj_begin(j, NULL);
		if (n)
			json_str(j, "cmd", n);
		else
			json_strf(j, "cmd", "%u", c->func);
		if (c->has_ret) {
			hex32(j, "ret", c->ret);
			json_str(j, "ret_name", c->ret ? rpi_tee_code_name(c->ret) : "TEE_SUCCESS");
		}
		if (c->has_origin)
			json_u64(j, "origin", c->origin);
		if (c->has_errno)
			json_i64(j, "errno", c->err);
		if (c->has_duration)
			json_u64(j, "duration_ns", c->duration_ns);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_bool(j, "cmds_truncated", r->flags & RPROC_DIAG_F_CMDS_TRUNCATED);
	if (r->has_image) {
		const struct rd_image *im = &r->image;

		json_obj_begin(j, "image");
		if (im->has_format)
			json_str(j, "format", rpi_format_name(im->format));
		if (im->has_magic)
			hex32(j, "magic", im->magic);
		if (im->has_tlv_len)
			json_u64(j, "tlv_len", im->tlv_len);
		if (im->has_sign_len)
			json_u64(j, "sign_len", im->sign_len);
		if (im->has_img_len)
			json_u64(j, "img_len", im->img_len);
		if (im->has_expected_size)
			json_u64(j, "expected_size", im->expected_size);
		if (im->has_sign_type)
			json_u64(j, "sign_type", im->sign_type);
		if (im->has_num_img)
			json_u64(j, "num_img", im->num_img);
		if (im->has_bootaddr)
			hex32(j, "bootaddr", im->bootaddr);
		if (im->has_bootsec)
			hex32(j, "bootsec", im->bootsec);
		if (im->has_pkey_sha256)
			json_hex(j, "pkey_sha256", im->pkey_sha256, 32);
		if (im->has_tlv_mask)
			hex32(j, "tlv_mask", im->tlv_mask);
		json_obj_end(j);
	} else {
		json_null(j, "image");
	}
	if (r->has_analysis) {
		json_obj_begin(j, "analysis");
		if (r->has_an_status)
			json_i64(j, "status", r->an_status);
		json_arr_begin(j, "findings");
		for (unsigned int i = 0; i < r->n_findings; i++) {
			const struct rd_finding *f = &r->findings[i];

			finding_json(j, f->code, f->has_index, f->index, f->has_addr, f->addr,
				     f->has_value, f->value, f->text[0] ? f->text : NULL);
		}
		json_arr_end(j);
		json_obj_end(j);
	} else {
		json_null(j, "analysis");
	}
	json_bool(j, "analysis_pending", r->flags & RPROC_DIAG_F_ANALYSIS_PENDING);
	json_obj_end(j);
}

void report_file_json(struct json *j, const char *key, const struct diag_file *f)
{
	if (!f || !f->looked) {
		json_null(j, key);
		return;
	}
	json_obj_begin(j, key);
	json_str(j, "path", f->path[0] ? f->path : NULL);
	json_bool(j, "found", f->found);
	if (f->err && !f->analyzed)
		json_str(j, "error", file_strerror(f->err));
	else
		json_null(j, "error");
	if (f->found)
		json_u64(j, "size", f->size);
	if (f->analyzed) {
		const struct rpi_summary *s = &f->res.sum;

		json_str(j, "format", rpi_format_name(s->format));
		if (s->flags & RPI_S_HAS_EXPECTED)
			json_u64(j, "expected_size", s->expected_size);
		else
			json_null(j, "expected_size");
		json_u64(j, "sign_len", s->sign_len);
		json_u64(j, "segments", f->res.n_segments);
		json_u64(j, "hashes_checked", f->res.n_hash_checked);
		json_u64(j, "hashes_bad", f->res.n_hash_bad);
		json_arr_begin(j, "findings");
		for (unsigned int i = 0; i < f->n_findings; i++) {
			const struct rpi_finding *x = &f->findings[i];
			char text[RPROC_DIAG_TEXT_MAX];

			rpi_finding_text(x, text, sizeof(text));
			finding_json(j, x->code, true, x->index, true, x->addr, true, x->value, text);
		}
		json_arr_end(j);
		if (f->sig.signer_known) {
			json_obj_begin(j, "signer");
			json_str(j, "name", f->sig.signer_name);
			json_str(j, "well_known", f->sig.signer_desc[0] ? f->sig.signer_desc : NULL);
			json_str(j, "spki_sha256", f->sig.signer_fpr);
			json_u64(j, "bits", f->sig.signer_bits);
			json_obj_end(j);
		} else {
			json_null(j, "signer");
		}
		if (f->sig.ta_key_given) {
			json_obj_begin(j, "ta_key");
			json_str(j, "name", f->sig.ta_key_name);
			json_str(j, "well_known", f->sig.ta_key_desc[0] ? f->sig.ta_key_desc : NULL);
			json_str(j, "spki_sha256", f->sig.ta_key_fpr);
			json_u64(j, "bits", f->sig.ta_key_bits);
			json_bool(j, "verifies", f->sig.ta_key_verifies);
			json_obj_end(j);
		} else {
			json_null(j, "ta_key");
		}
	}
	json_obj_end(j);
}

void report_attempt_json(struct json *j, const struct rd_record *r,
			 const struct diag_file *file, const struct diag_dev *dev,
			 const struct diag_result *res)
{
	report_attempt_json_with(j, r, file, dev, res, NULL, NULL);
}

void report_attempt_json_with(struct json *j, const struct rd_record *r,
			      const struct diag_file *file, const struct diag_dev *dev,
			      const struct diag_result *res,
			      void (*extra)(struct json *j, void *ctx), void *ctx)
{
	json_obj_begin(j, NULL);
	json_str(j, "type", "attempt");
	if (r->has_seq)
		json_u64(j, "seq", r->seq);
	else
		json_null(j, "seq");	/* explain --log: no module record */
	json_str(j, "kind", rd_kind_name(r->kind));
	if (r->has_rproc_index)
		json_u64(j, "rproc_index", r->rproc_index);
	else
		json_null(j, "rproc_index");
	json_str(j, "rproc", r->rproc_name[0] ? r->rproc_name : NULL);
	json_str(j, "firmware", r->fw_name[0] ? r->fw_name : NULL);
	if (r->has_fw_size)
		json_u64(j, "fw_size", r->fw_size);
	else
		json_null(j, "fw_size");
	if (r->has_boot_ret)
		json_i64(j, "boot_ret", r->boot_ret);
	else
		json_null(j, "boot_ret");
	json_str(j, "ta_command", res->ta_command);
	if (res->has_ta_result) {
		hex32(j, "ta_result", res->ta_result);
		json_str(j, "ta_result_name", rpi_tee_code_name(res->ta_result));
		if (res->has_ta_origin)
			json_u64(j, "ta_origin", res->ta_origin);
		else
			json_null(j, "ta_origin");
	} else {
		json_null(j, "ta_result");
		json_null(j, "ta_result_name");
		json_null(j, "ta_origin");
	}
	json_bool(j, "failed", res->failed);
	json_str(j, "cause", res->cause);
	json_str(j, "title", res->title);
	json_str(j, "explanation", res->explanation);
	json_arr_begin(j, "remediation");
	for (unsigned int i = 0; i < res->n_steps; i++)
		json_str(j, NULL, res->steps[i]);
	json_arr_end(j);
	kernel_json(j, r);
	report_file_json(j, "offline", file);
	if (res->has_prediction) {
		const struct rpi_verdict *v = &res->prediction;

		json_obj_begin(j, "prediction");
		json_str(j, "ta", rpi_ta_id(v->ta));
		hex32(j, "result", v->result);
		json_str(j, "result_name", v->result ? rpi_tee_code_name(v->result) : "TEE_SUCCESS");
		json_str(j, "ta_command", rpi_ta_cmd_name(v->cmd));
		json_str(j, "reason", v->reason);
		json_bool(j, "uncertain", v->uncertain);
		json_bool(j, "agrees", res->prediction_agrees);
		json_obj_end(j);
	} else {
		json_null(j, "prediction");
	}
	if (dev && dev->known) {
		json_obj_begin(j, "device");
		json_bool(j, "tee_present", dev->tee_present);
		json_bool(j, "ta_present", dev->ta_present);
		json_bool(j, "rproc_found", dev->rproc_found);
		json_str(j, "state", dev->rproc_found ? dev->state : NULL);
		json_str(j, "fw_format", dev->fw_format[0] ? dev->fw_format : NULL);
		json_obj_end(j);
	} else {
		json_null(j, "device");
	}
	if (extra)
		extra(j, ctx);
	json_obj_end(j);
}

/* ------------------------------------------------------------------ */
/* text                                                                 */

#define C(o, code) ((o) && (o)->color ? (code) : "")
#define RED "\033[1;31m"
#define GREEN "\033[1;32m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

/* Print @s wrapped at ~100 columns with @indent spaces, no trailing blanks. */
static void wrap(FILE *f, const char *s, int indent, int first_indent)
{
	int col = first_indent;
	bool line_start = true;
	const int width = 100;

	while (*s) {
		size_t w;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		w = strcspn(s, " ");
		if (!line_start && col + 1 + (int)w > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
			line_start = true;
		}
		if (!line_start) {
			fputc(' ', f);
			col++;
		}
		for (size_t k = 0; k < w; k++)	/* no terminal escapes from names */
			fputc((unsigned char)s[k] < 0x20 || s[k] == 0x7f ? '?' : s[k], f);
		col += (int)w;
		s += w;
		line_start = false;
	}
	fputc('\n', f);
}

void report_file_text(FILE *f, const struct diag_file *file, int indent)
{
	if (!file || !file->looked)
		return;
	if (!file->found) {
		fprintf(f, "%*sfile: %s not found in the firmware search path\n", indent, "",
			file->path[0] ? file->path : "(no name)");
		return;
	}
	if (!file->analyzed) {
		fprintf(f, "%*sfile: %s (%llu bytes): cannot analyse: %s\n", indent, "", file->path,
			(unsigned long long)file->size, file_strerror(file->err));
		return;
	}
	fprintf(f, "%*sfile: %s, %llu bytes, %s", indent, "", file->path,
		(unsigned long long)file->size, rpi_format_desc(file->res.sum.format));
	if (file->res.sum.flags & RPI_S_HAS_EXPECTED && file->res.sum.expected_size != file->size)
		fprintf(f, ", header describes %llu bytes",
			(unsigned long long)file->res.sum.expected_size);
	if (file->res.n_segments)
		fprintf(f, ", %u/%u segment hashes ok", file->res.n_hash_checked - file->res.n_hash_bad,
			file->res.n_hash_checked);
	fputc('\n', f);
	if (file->sig.signer_known)
		fprintf(f, "%*ssigned with %s%s (RSA-%u, SHA-256 %.16s…)%s%s%s\n", indent + 2, "",
			file->sig.signer_desc[0] ? "the well-known development key " : "the key ",
			file->sig.signer_name, file->sig.signer_bits, file->sig.signer_fpr,
			file->sig.signer_desc[0] ? ": " : "", file->sig.signer_desc, "");
	else if (file->res.sig_len)
		fprintf(f, "%*ssigned with an unknown %u-bit key\n", indent + 2, "",
			file->res.sig_len * 8);
	for (unsigned int i = 0; i < file->n_findings; i++) {
		char text[RPROC_DIAG_TEXT_MAX];

		rpi_finding_text(&file->findings[i], text, sizeof(text));
		fprintf(f, "%*s- %s: %s\n", indent + 2, "", rpi_finding_name(file->findings[i].code),
			text);
	}
}

/* Printable copy of a kernel-supplied name for a terminal (no escapes). */
static const char *safe(const char *in, char *buf, size_t len)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < len; i++)
		buf[i] = ((unsigned char)in[i] < 0x20 || in[i] == 0x7f) ? '?' : in[i];
	buf[i] = '\0';
	return buf;
}

void report_attempt_text(FILE *f, const struct rd_record *r,
			 const struct diag_file *file, const struct diag_dev *dev,
			 const struct diag_result *res, const struct report_opts *o)
{
	char when[64], n1[RPROC_DIAG_NAME_MAX], n2[RPROC_DIAG_NAME_MAX];

	(void)dev;
	if (o && o->header) {
		fprintf(f, "%s%s%s ", C(o, BOLD), o->header, C(o, RESET));
	} else {
		report_time(when, sizeof(when), r->has_ts_end ? r->ts_end : r->ts_start);
		fprintf(f, "%s#%llu %s%s ", C(o, BOLD), (unsigned long long)r->seq, when,
			C(o, RESET));
	}
	if (r->has_rproc_index)
		fprintf(f, "remoteproc%u ", r->rproc_index);
	fprintf(f, "(%s) %s %s", r->rproc_name[0] ? safe(r->rproc_name, n1, sizeof(n1)) : "?",
		rd_kind_name(r->kind),
		r->fw_name[0] ? safe(r->fw_name, n2, sizeof(n2)) : "(no firmware name)");
	if (r->has_fw_size)
		fprintf(f, " [%llu bytes]", (unsigned long long)r->fw_size);
	if (r->has_boot_ret)
		fprintf(f, ": %s%s (%d)%s", res->failed ? C(o, RED) : C(o, GREEN),
			r->boot_ret ? "failed" : "ok", r->boot_ret, C(o, RESET));
	fputc('\n', f);
	if (res->ta_command && res->has_ta_result && res->has_ta_origin)
		fprintf(f, "  TA %s returned 0x%08x %s (origin %u)\n", res->ta_command,
			res->ta_result, rpi_tee_code_name(res->ta_result), res->ta_origin);
	else if (res->ta_command && res->has_ta_result)
		fprintf(f, "  TA %s returned 0x%08x %s\n", res->ta_command, res->ta_result,
			rpi_tee_code_name(res->ta_result));
	fprintf(f, "  cause: %s%s%s: %s\n", res->failed ? C(o, RED) : C(o, GREEN), res->cause,
		C(o, RESET), res->title);
	fprintf(f, "  ");
	wrap(f, res->explanation, 2, 2);
	if (res->n_steps) {
		fprintf(f, "  what to do:\n");
		for (unsigned int i = 0; i < res->n_steps; i++) {
			fprintf(f, "    %u. ", i + 1);
			wrap(f, res->steps[i], 7, 7);
		}
	}
	if (o && o->verbose) {
		fprintf(f, "%s", C(o, DIM));
		for (unsigned int i = 0; i < r->n_cmds; i++) {
			const char *n = rd_ta_cmd_name(r->cmds[i].func);

			fprintf(f, "  ta[%u] %s ret 0x%08x origin %u errno %d\n", i, n ? n : "?",
				r->cmds[i].ret, r->cmds[i].origin, r->cmds[i].err);
		}
		report_file_text(f, file, 2);
		fprintf(f, "%s", C(o, RESET));
	}
	fflush(f);
}
