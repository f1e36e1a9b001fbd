/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Output of the daemon: one diagnosed attempt as a JSON line (schema in
 * userspace/JSON.md, "watch") or as human text, and the short inspect
 * summary of a firmware file shared by `watch` and `status`.
 */
#ifndef RPROC_DIAG_REPORT_H
#define RPROC_DIAG_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "diagnosis/diagnosis.h"

struct json;

struct report_opts {
	bool color;		/* ANSI colours (only on a terminal) */
	bool verbose;		/* text: also the kernel record details */
	const char *header;	/* text: instead of "#SEQ TIME" (explain --log) */
};

void report_attempt_json(struct json *j, const struct rd_record *rec,
			 const struct diag_file *file, const struct diag_dev *dev,
			 const struct diag_result *res);
/* The same object with more keys, written by @extra before it is closed. */
void report_attempt_json_with(struct json *j, const struct rd_record *rec,
			      const struct diag_file *file, const struct diag_dev *dev,
			      const struct diag_result *res,
			      void (*extra)(struct json *j, void *ctx), void *ctx);
void report_attempt_text(FILE *f, const struct rd_record *rec,
			 const struct diag_file *file, const struct diag_dev *dev,
			 const struct diag_result *res, const struct report_opts *o);

/* "offline"/"file" object (key may be NULL inside arrays) */
void report_file_json(struct json *j, const char *key, const struct diag_file *file);
/* one or two lines, indented by @indent spaces */
void report_file_text(FILE *f, const struct diag_file *file, int indent);

/* "2026-11-21 05:55:57" from CLOCK_REALTIME ns */
void report_time(char *buf, size_t len, uint64_t ns);

#endif
