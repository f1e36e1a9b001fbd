/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The inputs of a diagnosis besides the kernel record: the firmware file
 * the record names, found in the firmware search path and analysed by the
 * one OP-TEE analysis (optee/analysis.h), and what the board's devices say.
 */
#ifndef RPROC_DIAG_DIAGNOSIS_INPUTS_H
#define RPROC_DIAG_DIAGNOSIS_INPUTS_H

#include "board/devices.h"
#include "diagnosis/diagnosis.h"
#include "optee/analysis.h"

/*
 * Analyse the file at @path (already found) with @keys (may be NULL: no
 * signature check).  out->found, ->size, ->analyzed, ->err as they come.
 */
void diag_file_analyze(const char *path, const struct optee_keys *keys,
		       struct diag_file *out);

/* Plan the fix of @out's file again for board @soc (enum remedy_soc). */
void diag_file_replan(struct diag_file *out, int soc);

/* Find @fw_name through @fs and analyse it; out->looked is set. */
void diag_file_lookup(const struct fw_search *fs, const char *fw_name,
		      const struct optee_keys *keys, struct diag_file *out);

/* Device facts for @rec (its remoteproc by index or name) from a snapshot. */
void diag_dev_fill(struct diag_dev *d, const struct dev_snapshot *s,
		   const struct rd_record *rec);

#endif
