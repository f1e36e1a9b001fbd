/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Output of the diagnosis, through the report writer (common/report.h):
 * one diagnosed attempt (userspace/JSON.md, "watch": one JSON line, or
 * text), and the summary of a firmware file watch and status share.
 */
#ifndef RPROC_DIAG_REPORT_H
#define RPROC_DIAG_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "diagnosis/diagnosis.h"

struct rep;

struct report_opts {
	bool color;		/* ANSI colours (only on a terminal) */
	bool verbose;		/* text: also the kernel record details */
	const char *header;	/* text: instead of "#SEQ TIME" (explain --log) */
};

/* One attempt; ends the report (rep_end()).  @file and @dev may be NULL. */
void report_attempt(struct rep *r, const struct rd_record *rec,
		    const struct diag_file *file, const struct diag_dev *dev,
		    const struct diag_result *res, const struct report_opts *o);
/* The same with more members (and their text), written by @extra at the end. */
void report_attempt_with(struct rep *r, const struct rd_record *rec,
			 const struct diag_file *file, const struct diag_dev *dev,
			 const struct diag_result *res, const struct report_opts *o,
			 void (*extra)(struct rep *r, void *ctx), void *ctx);

/*
 * The "offline" / "file" object @key (NULL inside arrays); with @text, its
 * one or two text lines, indented by @indent spaces, and the findings.
 */
void report_file(struct rep *r, const char *key, const struct diag_file *file, bool text,
		 int indent);

/* "2026-11-21 05:55:57 UTC" from CLOCK_REALTIME ns, "-" for none */
void report_time(char *buf, size_t len, uint64_t ns);

#endif
