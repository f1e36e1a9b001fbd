// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Output of diagnosed attempts (schema: userspace/JSON.md, "watch") and of
 * the firmware file summary watch and status share, each written once
 * through the report writer (common/report.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/file.h"
#include "common/report.h"
#include "diagnosis/report.h"
#include "rproc_tee.h"

void report_time(char *buf, size_t len, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000ULL);
	struct tm tm;

	if (!ns || !gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, len, "-");
}

/* A finding of the module's record or of the file's analysis (JSON only). */
static void report_finding(struct rep *r, uint32_t code, bool has_index, uint32_t index,
			   bool has_addr, uint32_t addr, bool has_value, int64_t value,
			   const char *text)
{
	rep_open(r, NULL, '{', NULL);
	rep_put(r, "code", rv_str(rpi_finding_name(code)), NULL);
	rep_put(r, "code_num", rv_u64(code), NULL);
	if (has_index)
		rep_put(r, "index", rv_u64(index), NULL);
	if (has_addr)
		rep_put(r, "addr", rv_code(addr), NULL);
	if (has_value)
		rep_put(r, "value", rv_i64(value), NULL);
	if (text)
		rep_put(r, "text", rv_str(text), NULL);
	rep_close(r, '}');
}

static void report_image(struct rep *r, const struct rd_image *im)
{
	rep_open(r, "image", '{', NULL);
	if (im->has_format)
		rep_put(r, "format", rv_str(rpi_format_name(im->format)), NULL);
	if (im->has_magic)
		rep_put(r, "magic", rv_code(im->magic), NULL);
	if (im->has_tlv_len)
		rep_put(r, "tlv_len", rv_u64(im->tlv_len), NULL);
	if (im->has_sign_len)
		rep_put(r, "sign_len", rv_u64(im->sign_len), NULL);
	if (im->has_img_len)
		rep_put(r, "img_len", rv_u64(im->img_len), NULL);
	if (im->has_expected_size)
		rep_put(r, "expected_size", rv_u64(im->expected_size), NULL);
	if (im->has_sign_type)
		rep_put(r, "sign_type", rv_u64(im->sign_type), NULL);
	if (im->has_num_img)
		rep_put(r, "num_img", rv_u64(im->num_img), NULL);
	if (im->has_bootaddr)
		rep_put(r, "bootaddr", rv_code(im->bootaddr), NULL);
	if (im->has_bootsec)
		rep_put(r, "bootsec", rv_code(im->bootsec), NULL);
	if (im->has_pkey_sha256)
		rep_put(r, "pkey_sha256", rv_hex(im->pkey_sha256, 32), NULL);
	if (im->has_tlv_mask)
		rep_put(r, "tlv_mask", rv_code(im->tlv_mask), NULL);
	rep_close(r, '}');
}

/* The module's record: JSON; in verbose text, its TA commands. */
static void report_kernel(struct rep *r, const struct rd_record *rec, bool text)
{
	rep_open(r, "kernel", '{', NULL);
	rep_put(r, "flags", rv_u64(rec->flags), NULL);
	rep_put(r, "driver_api", rv_str(rec->has_driver_api ? rd_api_name(rec->driver_api) : NULL),
		NULL);
	if (rec->has_ts_start)
		rep_put(r, "ts_start_ns", rv_u64(rec->ts_start), NULL);
	if (rec->has_ts_end)
		rep_put(r, "ts_end_ns", rv_u64(rec->ts_end), NULL);
	if (rec->has_session) {
		rep_open(r, "session", '{', NULL);
		if (rec->session.has_ret)
			rep_put(r, "ret", rv_code(rec->session.ret), NULL);
		if (rec->session.has_origin)
			rep_put(r, "origin", rv_u64(rec->session.origin), NULL);
		if (rec->session.has_errno)
			rep_put(r, "errno", rv_i64(rec->session.err), NULL);
		if (rec->session.has_id)
			rep_put(r, "id", rv_u64(rec->session.id), NULL);
		rep_close(r, '}');
	} else {
		rep_put(r, "session", rv_null(), NULL);
	}
	rep_open(r, "ta_cmds", '[', NULL);
	for (unsigned int i = 0; i < rec->n_cmds; i++) {
		const struct rd_ta_cmd *c = &rec->cmds[i];
		const char *n = rd_ta_cmd_name(c->func);
		char func[16];

		snprintf(func, sizeof(func), "%u", c->func);
		rep_open(r, NULL, '{', text ? "  ta[%u] %s ret 0x%08x origin %u errno %d\n" : NULL,
			 i, n ? n : "?", c->ret, c->origin, c->err);
		rep_put(r, "cmd", rv_str(n ? n : func), NULL);
		if (c->has_ret) {
			rep_put(r, "ret", rv_code(c->ret), NULL);
			rep_put(r, "ret_name", rv_str(c->ret ? rpi_tee_code_name(c->ret) : "TEE_SUCCESS"),
				NULL);
		}
		if (c->has_origin)
			rep_put(r, "origin", rv_u64(c->origin), NULL);
		if (c->has_errno)
			rep_put(r, "errno", rv_i64(c->err), NULL);
		if (c->has_duration)
			rep_put(r, "duration_ns", rv_u64(c->duration_ns), NULL);
		rep_close(r, '}');
	}
	rep_close(r, ']');
	rep_put(r, "cmds_truncated", rv_bool(rec->flags & RPROC_DIAG_F_CMDS_TRUNCATED), NULL);
	if (rec->has_image)
		report_image(r, &rec->image);
	else
		rep_put(r, "image", rv_null(), NULL);
	if (rec->has_analysis) {
		rep_open(r, "analysis", '{', NULL);
		if (rec->has_an_status)
			rep_put(r, "status", rv_i64(rec->an_status), NULL);
		rep_open(r, "findings", '[', NULL);
		for (unsigned int i = 0; i < rec->n_findings; i++) {
			const struct rd_finding *f = &rec->findings[i];

			report_finding(r, f->code, f->has_index, f->index, f->has_addr, f->addr,
				       f->has_value, f->value, f->text[0] ? f->text : NULL);
		}
		rep_close(r, ']');
		rep_close(r, '}');
	} else {
		rep_put(r, "analysis", rv_null(), NULL);
	}
	rep_put(r, "analysis_pending", rv_bool(rec->flags & RPROC_DIAG_F_ANALYSIS_PENDING), NULL);
	rep_close(r, '}');
}

/* A key of the summary (signer, TA key): JSON object. */
static void report_key(struct rep *r, const char *key, const char *name, const char *desc,
		       const char *fpr, unsigned int bits)
{
	rep_open(r, key, '{', NULL);
	rep_put(r, "name", rv_str(name), NULL);
	rep_put(r, "well_known", rv_str(desc[0] ? desc : NULL), NULL);
	rep_put(r, "spki_sha256", rv_str(fpr), NULL);
	rep_put(r, "bits", rv_u64(bits), NULL);
}

void report_file(struct rep *r, const char *key, const struct diag_file *f, bool text,
		 int indent)
{
	const struct rpi_summary *s = &f->res.sum;

	if (!f->looked) {
		rep_put(r, key, rv_null(), NULL);
		return;
	}
	rep_open(r, key, '{', NULL);
	rep_put(r, "path", rv_str(f->path[0] ? f->path : NULL),
		text && !f->found ? "%*sfile: %s not found in the firmware search path\n" : NULL,
		indent, "", f->path[0] ? f->path : "(no name)");
	rep_put(r, "found", rv_bool(f->found), NULL);
	rep_put(r, "error", f->err && !f->analyzed ? rv_str(file_strerror(f->err)) : rv_null(),
		NULL);
	if (f->found)
		rep_put(r, "size", rv_u64(f->size),
			!text ? NULL : !f->analyzed ? "%*sfile: %s (%llu bytes): cannot analyse: %s\n" :
			"%*sfile: %s, %llu bytes, %s", indent, "", f->path,
			(unsigned long long)f->size,
			f->analyzed ? rpi_format_desc(s->format) : file_strerror(f->err));
	if (!f->analyzed) {
		rep_close(r, '}');
		return;
	}
	rep_put(r, "format", rv_str(rpi_format_name(s->format)), NULL);
	if (s->flags & RPI_S_HAS_EXPECTED)
		rep_put(r, "expected_size", rv_u64(s->expected_size),
			text && s->expected_size != f->size ? ", header describes %llu bytes" : NULL,
			(unsigned long long)s->expected_size);
	else
		rep_put(r, "expected_size", rv_null(), NULL);
	rep_put(r, "sign_len", rv_u64(s->sign_len), NULL);
	rep_put(r, "segments", rv_u64(f->res.n_segments), NULL);
	rep_put(r, "hashes_checked", rv_u64(f->res.n_hash_checked), NULL);
	rep_put(r, "hashes_bad", rv_u64(f->res.n_hash_bad),
		text && f->res.n_segments ? ", %u/%u segment hashes ok" : NULL,
		f->res.n_hash_checked - f->res.n_hash_bad, f->res.n_hash_checked);
	if (text)
		rep_text(r, "\n");
	/* text: who signed it comes before the findings */
	if (text && f->sig.signer_known)
		rep_text(r, "%*ssigned with %s%s (RSA-%u, SHA-256 %.16s…)%s%s\n", indent + 2, "",
			 f->sig.signer_desc[0] ? "the well-known development key " : "the key ",
			 f->sig.signer_name, f->sig.signer_bits, f->sig.signer_fpr,
			 f->sig.signer_desc[0] ? ": " : "", f->sig.signer_desc);
	else if (text && f->res.sig_len)
		rep_text(r, "%*ssigned with an unknown %u-bit key\n", indent + 2, "",
			 f->res.sig_len * 8);
	rep_open(r, "findings", '[', NULL);
	for (unsigned int i = 0; i < f->n_findings; i++) {
		const struct rpi_finding *x = &f->findings[i];
		char buf[RPROC_DIAG_TEXT_MAX];

		rpi_finding_text(x, buf, sizeof(buf));
		rep_text(r, text ? "%*s- %s: %s\n" : NULL, indent + 2, "",
			 rpi_finding_name(x->code), buf);
		report_finding(r, x->code, true, x->index, true, x->addr, true, x->value, buf);
	}
	rep_close(r, ']');
	if (f->sig.signer_known) {
		report_key(r, "signer", f->sig.signer_name, f->sig.signer_desc, f->sig.signer_fpr,
			   f->sig.signer_bits);
		rep_close(r, '}');
	} else {
		rep_put(r, "signer", rv_null(), NULL);
	}
	if (f->sig.ta_key_given) {
		report_key(r, "ta_key", f->sig.ta_key_name, f->sig.ta_key_desc, f->sig.ta_key_fpr,
			   f->sig.ta_key_bits);
		rep_put(r, "verifies", rv_bool(f->sig.ta_key_verifies), NULL);
		rep_close(r, '}');
	} else {
		rep_put(r, "ta_key", rv_null(), NULL);
	}
	rep_close(r, '}');
}

#define C(o, code) ((o) && (o)->color ? (code) : "")
#define RED "\033[1;31m"
#define GREEN "\033[1;32m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

/* Printable copy of a kernel-supplied name for a terminal (no escapes). */
static const char *safe(const char *in, char *buf, size_t len)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < len; i++)
		buf[i] = ((unsigned char)in[i] < 0x20 || in[i] == 0x7f) ? '?' : in[i];
	buf[i] = '\0';
	return buf;
}

void report_attempt(struct rep *r, const struct rd_record *rec, const struct diag_file *file,
		    const struct diag_dev *dev, const struct diag_result *res,
		    const struct report_opts *o)
{
	report_attempt_with(r, rec, file, dev, res, o, NULL, NULL);
}

void report_attempt_with(struct rep *r, const struct rd_record *rec,
			 const struct diag_file *file, const struct diag_dev *dev,
			 const struct diag_result *res, const struct report_opts *o,
			 void (*extra)(struct rep *r, void *ctx), void *ctx)
{
	char when[64], idx[24] = "", n1[RPROC_DIAG_NAME_MAX], n2[RPROC_DIAG_NAME_MAX];
	bool verbose = o && o->verbose;

	report_time(when, sizeof(when), rec->has_ts_end ? rec->ts_end : rec->ts_start);
	if (rec->has_rproc_index)
		snprintf(idx, sizeof(idx), "remoteproc%u ", rec->rproc_index);
	rep_open(r, NULL, '{', NULL);
	rep_put(r, "type", rv_str("attempt"), NULL);
	if (o && o->header)
		rep_text(r, "%s%s%s ", C(o, BOLD), o->header, C(o, RESET));
	if (rec->has_seq)
		rep_put(r, "seq", rv_u64(rec->seq), o && o->header ? NULL : "%s#%llu %s%s ",
			C(o, BOLD), (unsigned long long)rec->seq, when, C(o, RESET));
	else	/* explain --log: no module record */
		rep_put(r, "seq", rv_null(), o && o->header ? NULL : "%s#%llu %s%s ", C(o, BOLD),
			(unsigned long long)rec->seq, when, C(o, RESET));
	rep_put(r, "kind", rv_str(rd_kind_name(rec->kind)), NULL);
	rep_put(r, "rproc_index", rec->has_rproc_index ? rv_u64(rec->rproc_index) : rv_null(),
		NULL);
	rep_put(r, "rproc", rv_str(rec->rproc_name[0] ? rec->rproc_name : NULL), NULL);
	rep_put(r, "firmware", rv_str(rec->fw_name[0] ? rec->fw_name : NULL), "%s(%s) %s %s", idx,
		rec->rproc_name[0] ? safe(rec->rproc_name, n1, sizeof(n1)) : "?",
		rd_kind_name(rec->kind),
		rec->fw_name[0] ? safe(rec->fw_name, n2, sizeof(n2)) : "(no firmware name)");
	if (rec->has_fw_size)
		rep_put(r, "fw_size", rv_u64(rec->fw_size), " [%llu bytes]",
			(unsigned long long)rec->fw_size);
	else
		rep_put(r, "fw_size", rv_null(), NULL);
	if (rec->has_boot_ret)
		rep_put(r, "boot_ret", rv_i64(rec->boot_ret), ": %s%s (%d)%s",
			res->failed ? C(o, RED) : C(o, GREEN), rec->boot_ret ? "failed" : "ok",
			rec->boot_ret, C(o, RESET));
	else
		rep_put(r, "boot_ret", rv_null(), NULL);
	rep_text(r, "\n");
	rep_put(r, "ta_command", rv_str(res->ta_command), NULL);
	if (res->has_ta_result) {
		rep_put(r, "ta_result", rv_code(res->ta_result), NULL);
		rep_put(r, "ta_result_name", rv_str(rpi_tee_code_name(res->ta_result)), NULL);
		if (res->has_ta_origin)
			rep_put(r, "ta_origin", rv_u64(res->ta_origin),
				res->ta_command ? "  TA %s returned 0x%08x %s (origin %u)\n" : NULL,
				res->ta_command, res->ta_result, rpi_tee_code_name(res->ta_result),
				res->ta_origin);
		else	/* a kernel log does not say */
			rep_put(r, "ta_origin", rv_null(),
				res->ta_command ? "  TA %s returned 0x%08x %s\n" : NULL,
				res->ta_command, res->ta_result, rpi_tee_code_name(res->ta_result));
	} else {
		rep_put(r, "ta_result", rv_null(), NULL);
		rep_put(r, "ta_result_name", rv_null(), NULL);
		rep_put(r, "ta_origin", rv_null(), NULL);
	}
	rep_put(r, "failed", rv_bool(res->failed), NULL);
	rep_put(r, "cause", rv_str(res->cause), NULL);
	rep_put(r, "title", rv_str(res->title), "  cause: %s%s%s: %s\n",
		res->failed ? C(o, RED) : C(o, GREEN), res->cause, C(o, RESET), res->title);
	rep_text(r, "  ");
	rep_wrapped(r, "explanation", res->explanation, 2, 2);
	rep_open(r, "remediation", '[', res->n_steps ? "  what to do:\n" : NULL);
	for (unsigned int i = 0; i < res->n_steps; i++) {
		rep_text(r, "    %u. ", i + 1);
		rep_wrapped(r, NULL, res->steps[i], 7, 7);
	}
	rep_close(r, ']');
	rep_text(r, verbose ? "%s" : NULL, C(o, DIM));
	report_kernel(r, rec, verbose);
	if (file)
		report_file(r, "offline", file, verbose, 2);
	else
		rep_put(r, "offline", rv_null(), NULL);
	rep_text(r, verbose ? "%s" : NULL, C(o, RESET));
	if (res->has_prediction) {
		const struct rpi_verdict *v = &res->prediction;

		rep_open(r, "prediction", '{', NULL);
		rep_put(r, "ta", rv_str(rpi_ta_id(v->ta)), NULL);
		rep_put(r, "result", rv_code(v->result), NULL);
		rep_put(r, "result_name", rv_str(v->result ? rpi_tee_code_name(v->result) :
					       "TEE_SUCCESS"), NULL);
		rep_put(r, "ta_command", rv_str(rpi_ta_cmd_name(v->cmd)), NULL);
		rep_put(r, "reason", rv_str(v->reason), NULL);
		rep_put(r, "uncertain", rv_bool(v->uncertain), NULL);
		rep_put(r, "agrees", rv_bool(res->prediction_agrees), NULL);
		rep_close(r, '}');
	} else {
		rep_put(r, "prediction", rv_null(), NULL);
	}
	if (dev && dev->known) {
		rep_open(r, "device", '{', NULL);
		rep_put(r, "tee_present", rv_bool(dev->tee_present), NULL);
		rep_put(r, "ta_present", rv_bool(dev->ta_present), NULL);
		rep_put(r, "rproc_found", rv_bool(dev->rproc_found), NULL);
		rep_put(r, "state", rv_str(dev->rproc_found ? dev->state : NULL), NULL);
		rep_put(r, "fw_format", rv_str(dev->fw_format[0] ? dev->fw_format : NULL), NULL);
		rep_close(r, '}');
	} else {
		rep_put(r, "device", rv_null(), NULL);
	}
	if (extra)
		extra(r, ctx);
	rep_close(r, '}');
	rep_end(r);
	if (!rep_is_json(r))
		fflush(r->out);
}
