/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RPROC_DIAG_ANALYSIS_H
#define RPROC_DIAG_ANALYSIS_H

#include <linux/types.h>

struct device;
struct rproc_diag_analysis_rec;
struct rproc_diag_record;

/* Jobs waiting at once; more are refused with status -EBUSY. */
#define RPROC_DIAG_ANALYSIS_JOBS	4

int rproc_diag_analysis_init(void);
void rproc_diag_analysis_exit(void);
/*
 * Queue the analysis of record @seq, fetching its firmware for @dev (may
 * be NULL).  Callable from probe context: takes a device reference.
 */
void rproc_diag_analysis_queue(u64 seq, struct device *dev);
/* Fetch and analyse @rec's image (process context, may sleep). */
void rproc_diag_analyze(const struct rproc_diag_record *rec,
			struct device *dev,
			struct rproc_diag_analysis_rec *an);
/* Analyse @size bytes at @data (process context). */
int rproc_diag_analyze_buf(const u8 *data, size_t size,
			   struct rproc_diag_analysis_rec *an);

#endif /* RPROC_DIAG_ANALYSIS_H */
