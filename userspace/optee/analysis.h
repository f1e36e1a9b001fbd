/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Offline analysis of the firmware file a kernel record names: find it in
 * the firmware search path, run the shared image library's TA-order
 * analysis over it, and check its signature against the keyring and the
 * key the TEE trusts (--ta-key).
 */
#ifndef RPROC_DIAG_DIAG_FILE_H
#define RPROC_DIAG_DIAG_FILE_H

#include "board/devices.h"
#include "diagnosis/diagnosis.h"
#include "keys/key.h"

/* Candidate signing keys (keys/key.h) and the key the TEE trusts. */
struct diag_keys {
	struct keyset set;		/* built-in development keys + --keyring */
	bool has_ta;
	struct key ta;			/* --ta-key */
};

/*
 * Built-in well-known keys, every key file in @dir (may be NULL) and the TA
 * key @ta_key (may be NULL).  Returns 0, or -EINVAL with @err quoting the
 * file and saying what to do (the daemon refuses to start then, since every
 * diagnosis would rest on a wrong key).
 */
int diag_keys_load(struct diag_keys *k, const char *dir, const char *ta_key,
		   char *err, size_t errlen);
void diag_keys_free(struct diag_keys *k);

/* Analyse the file at @path (already found). */
void diag_file_analyze(const char *path, const struct diag_keys *keys,
		       struct diag_file *out);

/* Find @fw_name through @fs and analyse it; out->looked is set. */
void diag_file_lookup(const struct fw_search *fs, const char *fw_name,
		      const struct diag_keys *keys, struct diag_file *out);

/* Device facts for @rec (its remoteproc by index or name) from a snapshot. */
void diag_dev_fill(struct diag_dev *d, const struct dev_snapshot *s,
		   const struct rd_record *rec);

#endif
