// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Report writer for the other-format inspection: the parsers describe what
 * they find once, and this file renders it as indented text or as JSON
 * through json.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "formats/priv.h"
#include "common/json.h"

void rep_init(struct fmt_rep *r, struct json *j, FILE *out)
{
	memset(r, 0, sizeof(*r));
	r->j = j;
	r->out = out ? out : stdout;
}

static void indent(struct fmt_rep *r)
{
	fprintf(r->out, "%*s", r->depth * 2, "");
}

void rep_obj(struct fmt_rep *r, const char *key)
{
	if (r->j) {
		json_obj_begin(r->j, key);
		return;
	}
	indent(r);
	fprintf(r->out, "%s:\n", key ? key : "-");
	r->depth++;
}

void rep_obj_end(struct fmt_rep *r)
{
	if (r->j)
		json_obj_end(r->j);
	else if (r->depth)
		r->depth--;
}

void rep_arr(struct fmt_rep *r, const char *key)
{
	if (r->j) {
		json_arr_begin(r->j, key);
		return;
	}
	indent(r);
	fprintf(r->out, "%s:\n", key);
	r->depth++;
}

void rep_arr_end(struct fmt_rep *r)
{
	if (r->j)
		json_arr_end(r->j);
	else if (r->depth)
		r->depth--;
}

void rep_str(struct fmt_rep *r, const char *key, const char *val)
{
	if (r->j) {
		json_str(r->j, key, val);
		return;
	}
	indent(r);
	fprintf(r->out, "%s: %s\n", key ? key : "-", val ? val : "(none)");
}

void rep_strf(struct fmt_rep *r, const char *key, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rep_str(r, key, buf);
}

void rep_u64(struct fmt_rep *r, const char *key, uint64_t v)
{
	if (r->j) {
		json_u64(r->j, key, v);
		return;
	}
	indent(r);
	fprintf(r->out, "%s: %llu\n", key, (unsigned long long)v);
}

void rep_x32(struct fmt_rep *r, const char *key, uint32_t v)
{
	if (r->j) {
		json_u64(r->j, key, v);
		return;
	}
	indent(r);
	fprintf(r->out, "%s: 0x%08x (%u)\n", key, v, v);
}

void rep_bool(struct fmt_rep *r, const char *key, bool v)
{
	if (r->j) {
		json_bool(r->j, key, v);
		return;
	}
	indent(r);
	fprintf(r->out, "%s: %s\n", key, v ? "yes" : "no");
}

void rep_hex(struct fmt_rep *r, const char *key, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t i;

	if (r->j) {
		json_hex(r->j, key, buf, len);
		return;
	}
	indent(r);
	fprintf(r->out, "%s:", key ? key : "-");
	if (len > 64) {
		/* long blobs: first and last 16 bytes */
		fputc(' ', r->out);
		for (i = 0; i < 16; i++)
			fprintf(r->out, "%02x", p[i]);
		fprintf(r->out, "...");
		for (i = len - 16; i < len; i++)
			fprintf(r->out, "%02x", p[i]);
		fprintf(r->out, " (%zu bytes)\n", len);
		return;
	}
	fputc(' ', r->out);
	for (i = 0; i < len; i++)
		fprintf(r->out, "%02x", p[i]);
	if (!len)
		fprintf(r->out, "(empty)");
	fputc('\n', r->out);
}

static struct fmt_verdict *add_verdict(struct fmt_rep *r, const char *check, bool ok,
				       const char *fmt, va_list ap)
{
	struct fmt_verdict *v;

	if (!ok && r->status < 1)
		r->status = 1;
	if (r->nverdicts >= FMT_MAX_VERDICTS)
		return NULL;
	v = &r->verdicts[r->nverdicts++];
	memset(v, 0, sizeof(*v));
	snprintf(v->check, sizeof(v->check), "%s", check);
	v->ok = ok;
	vsnprintf(v->detail, sizeof(v->detail), fmt, ap);
	return v;
}

void rep_verdict(struct fmt_rep *r, const char *check, bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_verdict(r, check, ok, fmt, ap);
	va_end(ap);
}

void rep_length(struct fmt_rep *r, const char *check, uint64_t need, uint64_t have,
		const char *fmt, ...)
{
	struct fmt_verdict *v;
	va_list ap;

	va_start(ap, fmt);
	v = add_verdict(r, check, need <= have, fmt, ap);
	va_end(ap);
	if (v) {
		v->has_len = true;
		v->need = need;
		v->have = have;
	}
}

static void set_cause(struct fmt_rep *r, bool final, const char *cause, const char *fmt,
		      va_list ap)
{
	if (r->cause_final || (r->cause[0] && !final))
		return;
	snprintf(r->cause, sizeof(r->cause), "%s", cause);
	vsnprintf(r->remediation, sizeof(r->remediation), fmt, ap);
	r->cause_final = final;
}

void rep_cause(struct fmt_rep *r, bool final, const char *cause, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_cause(r, final, cause, fmt, ap);
	va_end(ap);
}

void rep_unparseable(struct fmt_rep *r, const char *cause, const char *fmt, ...)
{
	va_list ap;

	r->status = 2;
	va_start(ap, fmt);
	set_cause(r, true, cause, fmt, ap);
	va_end(ap);
}

void rep_finish(struct fmt_rep *r)
{
	static const char *const result[] = { "valid", "invalid", "unparseable" };
	const char *res;
	unsigned int i;

	if (r->status < 0 || r->status > 2)
		r->status = 2;
	res = r->status == 0 && r->not_verified ? "not-verified" : result[r->status];
	if (r->j) {
		json_arr_begin(r->j, "verdicts");
		for (i = 0; i < r->nverdicts; i++) {
			json_obj_begin(r->j, NULL);
			json_str(r->j, "check", r->verdicts[i].check);
			json_bool(r->j, "ok", r->verdicts[i].ok);
			json_str(r->j, "detail", r->verdicts[i].detail);
			if (r->verdicts[i].has_len) {
				json_u64(r->j, "need", r->verdicts[i].need);
				json_u64(r->j, "have", r->verdicts[i].have);
			}
			json_obj_end(r->j);
		}
		json_arr_end(r->j);
		json_str(r->j, "result", res);
		json_bool(r->j, "valid", r->status == 0);
		json_i64(r->j, "status", r->status);
		json_str(r->j, "cause", r->cause[0] ? r->cause : NULL);
		json_str(r->j, "remediation", r->remediation[0] ? r->remediation : NULL);
		return;
	}
	fprintf(r->out, "verdicts:\n");
	for (i = 0; i < r->nverdicts; i++)
		fprintf(r->out, "  [%s] %s: %s\n", r->verdicts[i].ok ? " OK " : "FAIL",
			r->verdicts[i].check, r->verdicts[i].detail);
	fprintf(r->out, "result: %s\n", res);
	if (r->cause[0]) {
		fprintf(r->out, "cause: %s\n", r->cause);
		fprintf(r->out, "remediation: %s\n", r->remediation);
	}
}
