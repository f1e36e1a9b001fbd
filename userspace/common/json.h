/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Minimal streaming JSON writer shared by every --json output.
 *
 * Objects and arrays nest up to JSON_MAX_DEPTH levels.  Inside an object
 * every value takes a key; inside an array (or at top level) pass key NULL.
 * Output is compact, one document per json_end() (JSON lines).
 */
#ifndef RPROC_DIAG_JSON_H
#define RPROC_DIAG_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json {
	FILE *f;
	int depth;
	bool first[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *f);
/* Ends a top-level document with a newline and flushes. */
void json_end(struct json *j);

void json_obj_begin(struct json *j, const char *key);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j, const char *key);
void json_arr_end(struct json *j);

/* val NULL writes null */
void json_str(struct json *j, const char *key, const char *val);
void json_strf(struct json *j, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void json_u64(struct json *j, const char *key, uint64_t v);
void json_i64(struct json *j, const char *key, int64_t v);
void json_bool(struct json *j, const char *key, bool v);
void json_null(struct json *j, const char *key);
/* lower-case hex string of len bytes */
void json_hex(struct json *j, const char *key, const void *buf, size_t len);

#endif
