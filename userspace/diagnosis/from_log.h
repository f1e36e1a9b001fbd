/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A kernel-log attempt (diagnosis/kernel_log.h) as the record the module
 * would have made of it (kernel/decode.h), so that `explain --log` runs the
 * same diagnosis as `watch`.  Only what the log says is filled in: the
 * has_* flags of everything else stay false (the JSON writes null), and the
 * TEE origin is never known from a log.
 */
#ifndef RPROC_DIAG_FROM_LOG_H
#define RPROC_DIAG_FROM_LOG_H

#include "diagnosis/kernel_log.h"
#include "kernel/decode.h"

/*
 * @rec from attempt @a.  TA commands: the failed ones the log prints, after
 * a successful LOAD_FW when a later command failed (START, GET_RSC_TABLE
 * and STOP only run once LOAD_FW succeeded, in every driver generation).
 */
void klog_to_record(const struct klog_attempt *a, struct rd_record *rec);

/*
 * The causes the knowledge base tells apart for a failure of TA command
 * @cmd with TEE result @code once the image is known: what a log alone
 * cannot decide.  Up to @max distinct cause names into @out; returns how
 * many.
 */
unsigned int klog_candidate_causes(uint32_t cmd, uint32_t code, const char **out,
				   unsigned int max);

#endif
