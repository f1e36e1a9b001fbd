/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * `inspect` output of an analysed OP-TEE remoteproc image: text (--verbose
 * adds the hashes of good segments) or one JSON object (userspace/JSON.md).
 */
#ifndef RPROC_DIAG_OPTEE_REPORT_H
#define RPROC_DIAG_OPTEE_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "optee/analysis.h"

struct json;

void optee_print_text(FILE *out, const char *name, const struct optee_image *m, bool verbose);
void optee_print_json(struct json *j, const char *name, const struct optee_image *m);

#endif
