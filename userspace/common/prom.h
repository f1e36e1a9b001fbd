/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Prometheus text exposition format (version 0.0.4), as node_exporter's
 * textfile collector reads it: "# HELP", "# TYPE" once per metric family,
 * then one sample per line, label values escaped (\\, \", \n).  No
 * timestamps (the collector refuses them).
 */
#ifndef RPROC_DIAG_PROM_H
#define RPROC_DIAG_PROM_H

#include <stdio.h>

enum prom_type { PROM_GAUGE, PROM_COUNTER };

/* HELP and TYPE of family @name (call once, before its samples) */
void prom_family(FILE *f, const char *name, enum prom_type type, const char *help);

/*
 * One sample: @labels is NULL or a NULL-terminated list of name, value
 * pairs ({ "cause", "truncated-image", NULL }).
 */
void prom_sample(FILE *f, const char *name, const char *const *labels, double value);

#endif
