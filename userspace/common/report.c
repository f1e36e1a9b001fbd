// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The output writer (report.h): one sequence of calls, text or JSON.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "common/report.h"

void rep_init(struct rep *r, struct json *j, FILE *out)
{
	memset(r, 0, sizeof(*r));
	r->j = j;
	r->out = out ? out : stdout;
}

/* Where text goes now: the output, or the current slot. */
static FILE *sink(struct rep *r)
{
	int n = r->slot;

	if (!n)
		return r->out;
	if (!r->slot_f[n]) {
		r->slot_f[n] = open_memstream(&r->slot_buf[n], &r->slot_len[n]);
		if (!r->slot_f[n])
			return r->out;	/* out of memory: keep the text, in another order */
	}
	return r->slot_f[n];
}

void rep_slot(struct rep *r, int n)
{
	r->slot = n > 0 && n < REP_SLOTS ? n : 0;
}

void rep_end(struct rep *r)
{
	r->slot = 0;
	for (int n = 1; n < REP_SLOTS; n++) {
		if (!r->slot_f[n])
			continue;
		fclose(r->slot_f[n]);
		if (r->slot_len[n])
			fwrite(r->slot_buf[n], 1, r->slot_len[n], r->out);
		free(r->slot_buf[n]);
		r->slot_f[n] = NULL;
		r->slot_buf[n] = NULL;
		r->slot_len[n] = 0;
	}
}

static void vtext(struct rep *r, const char *fmt, va_list ap)
{
	if (!r->j && fmt && fmt[0])
		vfprintf(sink(r), fmt, ap);
}

void rep_text(struct rep *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vtext(r, fmt, ap);
	va_end(ap);
}

void rep_put(struct rep *r, const char *key, struct rep_val v, const char *text, ...)
{
	va_list ap;

	if (r->j) {
		switch (v.kind) {
		case RV_STR:
			json_str(r->j, key, v.s);
			break;
		case RV_U64:
			json_u64(r->j, key, v.u);
			break;
		case RV_I64:
			json_i64(r->j, key, v.i);
			break;
		case RV_BOOL:
			json_bool(r->j, key, v.b);
			break;
		case RV_NULL:
			json_null(r->j, key);
			break;
		case RV_HEX:
			json_hex(r->j, key, v.p, v.n);
			break;
		case RV_CODE:
			json_strf(r->j, key, "0x%08x", (uint32_t)v.u);
			break;
		}
		return;
	}
	va_start(ap, text);
	vtext(r, text, ap);
	va_end(ap);
}

void rep_open(struct rep *r, const char *key, char kind, const char *text, ...)
{
	va_list ap;

	if (r->j) {
		if (kind == '[')
			json_arr_begin(r->j, key);
		else
			json_obj_begin(r->j, key);
		return;
	}
	va_start(ap, text);
	vtext(r, text, ap);
	va_end(ap);
}

void rep_close(struct rep *r, char kind)
{
	if (!r->j)
		return;
	if (kind == ']')
		json_arr_end(r->j);
	else
		json_obj_end(r->j);
}

void rep_wrapped(struct rep *r, const char *key, const char *s, int indent, int first)
{
	const int width = 100;
	bool line_start = true;
	int col = first;
	FILE *f;

	if (r->j) {
		json_str(r->j, key, s);
		return;
	}
	f = sink(r);
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

int rep_unreadable(struct json *j, const char *path, const char *why)
{
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

/* ---- default text ------------------------------------------------------- */

static void indent(struct rep *r)
{
	fprintf(sink(r), "%*s", r->depth * 2, "");
}

void rep_obj(struct rep *r, const char *key)
{
	if (r->j) {
		json_obj_begin(r->j, key);
		return;
	}
	indent(r);
	fprintf(sink(r), "%s:\n", key ? key : "-");
	r->depth++;
}

void rep_obj_end(struct rep *r)
{
	if (r->j)
		json_obj_end(r->j);
	else if (r->depth)
		r->depth--;
}

void rep_arr(struct rep *r, const char *key)
{
	if (r->j) {
		json_arr_begin(r->j, key);
		return;
	}
	indent(r);
	fprintf(sink(r), "%s:\n", key);
	r->depth++;
}

void rep_arr_end(struct rep *r)
{
	if (r->j)
		json_arr_end(r->j);
	else if (r->depth)
		r->depth--;
}

void rep_str(struct rep *r, const char *key, const char *val)
{
	if (r->j) {
		json_str(r->j, key, val);
		return;
	}
	indent(r);
	fprintf(sink(r), "%s: %s\n", key ? key : "-", val ? val : "(none)");
}

void rep_strf(struct rep *r, const char *key, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rep_str(r, key, buf);
}

void rep_u64(struct rep *r, const char *key, uint64_t v)
{
	if (r->j) {
		json_u64(r->j, key, v);
		return;
	}
	indent(r);
	fprintf(sink(r), "%s: %llu\n", key, (unsigned long long)v);
}

void rep_x32(struct rep *r, const char *key, uint32_t v)
{
	if (r->j) {
		json_u64(r->j, key, v);
		return;
	}
	indent(r);
	fprintf(sink(r), "%s: 0x%08x (%u)\n", key, v, v);
}

void rep_bool(struct rep *r, const char *key, bool v)
{
	if (r->j) {
		json_bool(r->j, key, v);
		return;
	}
	indent(r);
	fprintf(sink(r), "%s: %s\n", key, v ? "yes" : "no");
}

void rep_hex(struct rep *r, const char *key, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t i;

	if (r->j) {
		json_hex(r->j, key, buf, len);
		return;
	}
	indent(r);
	fprintf(sink(r), "%s:", key ? key : "-");
	if (len > 64) {
		/* long blobs: first and last 16 bytes */
		fputc(' ', sink(r));
		for (i = 0; i < 16; i++)
			fprintf(sink(r), "%02x", p[i]);
		fprintf(sink(r), "...");
		for (i = len - 16; i < len; i++)
			fprintf(sink(r), "%02x", p[i]);
		fprintf(sink(r), " (%zu bytes)\n", len);
		return;
	}
	fputc(' ', sink(r));
	for (i = 0; i < len; i++)
		fprintf(sink(r), "%02x", p[i]);
	if (!len)
		fprintf(sink(r), "(empty)");
	fputc('\n', sink(r));
}

static struct rep_verdict *add_verdict(struct rep *r, const char *check, bool ok,
				       const char *fmt, va_list ap)
{
	struct rep_verdict *v;

	if (!ok && r->status < 1)
		r->status = 1;
	if (r->nverdicts >= REP_MAX_VERDICTS)
		return NULL;
	v = &r->verdicts[r->nverdicts++];
	memset(v, 0, sizeof(*v));
	snprintf(v->check, sizeof(v->check), "%s", check);
	v->ok = ok;
	vsnprintf(v->detail, sizeof(v->detail), fmt, ap);
	return v;
}

void rep_verdict(struct rep *r, const char *check, bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_verdict(r, check, ok, fmt, ap);
	va_end(ap);
}

void rep_length(struct rep *r, const char *check, uint64_t need, uint64_t have,
		const char *fmt, ...)
{
	struct rep_verdict *v;
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

static void set_cause(struct rep *r, bool final, const char *cause, const char *fmt,
		      va_list ap)
{
	if (r->cause_final || (r->cause[0] && !final))
		return;
	snprintf(r->cause, sizeof(r->cause), "%s", cause);
	vsnprintf(r->remediation, sizeof(r->remediation), fmt, ap);
	r->cause_final = final;
}

void rep_cause(struct rep *r, bool final, const char *cause, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_cause(r, final, cause, fmt, ap);
	va_end(ap);
}

void rep_unparseable(struct rep *r, const char *cause, const char *fmt, ...)
{
	va_list ap;

	r->status = 2;
	va_start(ap, fmt);
	set_cause(r, true, cause, fmt, ap);
	va_end(ap);
}

/* ---- checks ------------------------------------------------------------- */

void rep_finish(struct rep *r)
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
	fprintf(sink(r), "verdicts:\n");
	for (i = 0; i < r->nverdicts; i++)
		fprintf(sink(r), "  [%s] %s: %s\n", r->verdicts[i].ok ? " OK " : "FAIL",
			r->verdicts[i].check, r->verdicts[i].detail);
	fprintf(sink(r), "result: %s\n", res);
	if (r->cause[0]) {
		fprintf(sink(r), "cause: %s\n", r->cause);
		fprintf(sink(r), "remediation: %s\n", r->remediation);
	}
}
