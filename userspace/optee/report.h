/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * `inspect` output of an analysed OP-TEE remoteproc image, written once
 * through the report writer (common/report.h): text (--verbose adds the
 * hashes of good segments) or one JSON object (userspace/JSON.md).
 */
#ifndef RPROC_DIAG_OPTEE_REPORT_H
#define RPROC_DIAG_OPTEE_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "optee/analysis.h"

struct rep;

/* The report of @m through the writer (text or JSON), ending it. */
void optee_report(struct rep *r, const char *name, const struct optee_image *m, bool verbose);

#endif
