/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Offline analysis of the firmware file a kernel record names: find it in
 * the firmware search path, run the shared image library's TA-order
 * analysis over it, and check its signature against the keyring and the
 * key the TEE trusts (--ta-key).
 */
#ifndef RPROC_DIAG_DIAG_FILE_H
#define RPROC_DIAG_DIAG_FILE_H

#include "devices.h"
#include "diag.h"

#define DIAG_MAX_KEYS 32

struct diag_key {
	char name[DIAG_NAME];		/* file name, or the well-known name */
	char fpr[65];			/* SHA-256 of the DER SubjectPublicKeyInfo */
	unsigned int bits;
	void *pkey;			/* EVP_PKEY * */
};

struct diag_keys {
	unsigned int n;
	struct diag_key key[DIAG_MAX_KEYS];
	bool has_ta;
	struct diag_key ta;
};

/*
 * Load every *.pem / *.der / *.pub in @dir (may be NULL) and the TA key
 * @ta_key (may be NULL).  Errors for unreadable files go to @err (quoted
 * file name); returns 0, or -errno when the TA key cannot be read (the
 * daemon refuses to start then, since every diagnosis would be wrong).
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

#endif
