/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The one output writer of every command.  A report is written once, as a
 * sequence of calls, and comes out either as text or as JSON through
 * common/json.h (schemas: userspace/JSON.md).  Each call is one JSON member
 * (key NULL: an array element) together with its text:
 *
 *   rep_str(r, "format", name)         the default text, "format: <name>",
 *                                      indented by the nesting of rep_obj()
 *   rep_put(r, "size", rv_u64(n),      JSON "size": n, text the caller's
 *           "%s: %llu bytes\n", ...)   printf line (or fragment)
 *   rep_put(r, "size", rv_u64(n), NULL) JSON only
 *   rep_text(r, "...")                 text only (headings, blank lines)
 *
 * so a new field is one call.  Text may follow another order than the JSON
 * keys: rep_slot(r, n) sends the text that follows to slot n (0: straight
 * out), and rep_end() writes the slots in their order.
 *
 * The format inspection (formats/) also keeps its checks here: verdicts,
 * the diagnosed cause, and the result block rep_finish() writes.
 */
#ifndef RPROC_DIAG_COMMON_REPORT_H
#define RPROC_DIAG_COMMON_REPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct json;

#define REP_SLOTS 12
#define REP_MAX_VERDICTS 64

struct rep_verdict {
	char check[48];
	bool ok;
	char detail[512];
	bool has_len;			/* a length check: need and have */
	uint64_t need, have;
};

struct rep {
	struct json *j;			/* JSON output, or NULL */
	FILE *out;			/* text output when j is NULL */
	int depth;			/* default text: indentation level */
	int slot;			/* text goes to this slot (0: to out) */
	FILE *slot_f[REP_SLOTS];
	char *slot_buf[REP_SLOTS];
	size_t slot_len[REP_SLOTS];
	/* checks of the format inspection */
	int status;			/* 0 valid, 1 invalid, 2 unparseable */
	char cause[64];			/* id of the diagnosed cause ("" none) */
	char remediation[1024];
	bool cause_final;		/* set by a diagnosis that beats the first failure */
	bool not_verified;		/* format recognised but not verified by this tool */
	unsigned int nverdicts;
	struct rep_verdict verdicts[REP_MAX_VERDICTS];
};

/* @out may be NULL (stdout); JSON when @j is not NULL. */
void rep_init(struct rep *r, struct json *j, FILE *out);
/* Writes the text slots, in order. */
void rep_end(struct rep *r);
/* Text written from now on goes to slot @n (0..REP_SLOTS-1). */
void rep_slot(struct rep *r, int n);
static inline bool rep_is_json(const struct rep *r)
{
	return r->j != NULL;
}

/* ---- a value and its text --------------------------------------------- */

enum rep_kind { RV_STR, RV_U64, RV_I64, RV_BOOL, RV_NULL, RV_HEX, RV_CODE };

struct rep_val {
	enum rep_kind kind;
	const char *s;			/* RV_STR (NULL: null) */
	uint64_t u;			/* RV_U64, RV_CODE ("0x%08x" string) */
	int64_t i;			/* RV_I64 */
	bool b;				/* RV_BOOL */
	const void *p;			/* RV_HEX: lower-case hex of n bytes */
	size_t n;
};

static inline struct rep_val rv_str(const char *s)
{
	return (struct rep_val){ .kind = RV_STR, .s = s };
}
static inline struct rep_val rv_u64(uint64_t u)
{
	return (struct rep_val){ .kind = RV_U64, .u = u };
}
static inline struct rep_val rv_i64(int64_t i)
{
	return (struct rep_val){ .kind = RV_I64, .i = i };
}
static inline struct rep_val rv_bool(bool b)
{
	return (struct rep_val){ .kind = RV_BOOL, .b = b };
}
static inline struct rep_val rv_null(void)
{
	return (struct rep_val){ .kind = RV_NULL };
}
static inline struct rep_val rv_hex(const void *p, size_t n)
{
	return (struct rep_val){ .kind = RV_HEX, .p = p, .n = n };
}
/* A TEE result code or an address: the string "0x%08x" in JSON. */
static inline struct rep_val rv_code(uint32_t u)
{
	return (struct rep_val){ .kind = RV_CODE, .u = u };
}

/*
 * JSON member @key (NULL in an array) = @v; in text, printf(@text, ...)
 * (@text NULL: nothing).
 */
void rep_put(struct rep *r, const char *key, struct rep_val v, const char *text, ...)
	__attribute__((format(printf, 4, 5)));
/* JSON object ('{') or array ('[') @key; in text, printf(@text, ...) or nothing. */
void rep_open(struct rep *r, const char *key, char kind, const char *text, ...)
	__attribute__((format(printf, 4, 5)));
void rep_close(struct rep *r, char kind);
/* Text only. */
void rep_text(struct rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * JSON string @key = @s; in text, @s wrapped at 100 columns, the first line
 * starting at column @first, the others indented by @indent, control
 * characters shown as '?'.
 */
void rep_wrapped(struct rep *r, const char *key, const char *s, int indent, int first);

/* ---- default text: "key: value" at the nesting depth ------------------ */

void rep_obj(struct rep *r, const char *key);
void rep_obj_end(struct rep *r);
void rep_arr(struct rep *r, const char *key);
void rep_arr_end(struct rep *r);
void rep_str(struct rep *r, const char *key, const char *val);
void rep_strf(struct rep *r, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rep_u64(struct rep *r, const char *key, uint64_t v);
/* u32 shown as hex in text, number in JSON */
void rep_x32(struct rep *r, const char *key, uint32_t v);
void rep_bool(struct rep *r, const char *key, bool v);
void rep_hex(struct rep *r, const char *key, const void *buf, size_t len);

/* ---- checks (the format inspection) ------------------------------------ */

/* A check with its outcome; a failed check makes the status at least 1. */
void rep_verdict(struct rep *r, const char *check, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * A length check: a field claims @need bytes where @have are (ok when
 * need <= have).  The JSON verdict carries "need" and "have" too; the
 * text should quote both.
 */
void rep_length(struct rep *r, const char *check, uint64_t need, uint64_t have,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * Name the cause and its remedy.  The first call wins unless `final` (a
 * diagnosis experiment that explains the failure overrides a symptom).
 */
void rep_cause(struct rep *r, bool final, const char *cause, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void rep_unparseable(struct rep *r, const char *cause, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Writes verdicts, cause, remediation and the result line. */
void rep_finish(struct rep *r);

/*
 * The object of a file that could not be read (every inspect path): JSON
 * {file, format "unknown", size null, valid false, status 2, error}; no
 * text (the message goes to stderr).  Returns 2, the exit status.
 */
int rep_unreadable(struct json *j, const char *path, const char *why);

#endif
