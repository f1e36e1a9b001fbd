/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * `rproc-diag inspect`: dump and verify signed coprocessor firmware images
 * offline.  OP-TEE remoteproc containers (F1/F2/F3) and plain ELF files go
 * through the OP-TEE analysis (optee/analysis.h), every other file to
 * fmt_inspect() (formats/formats.h).
 */
#ifndef RPROC_DIAG_INSPECT_H
#define RPROC_DIAG_INSPECT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "rproc_image.h"

struct json;
struct optee_keys;

#define INSPECT_MAX_KEYS 16

struct inspect_opts {
	const char *keys[INSPECT_MAX_KEYS];	/* --key FILE (PEM/DER, pub/priv) */
	unsigned int nkeys;
	const char *keyring;	/* --keyring DIR: every *.pem / *.der in it */
	const char *ta_key;	/* --ta-key FILE: key the target TA trusts */
	bool json;		/* --json: one JSON object per file */
	bool builtin_keys;	/* also try the built-in development keys */
	/* other-format options, passed to fmt_inspect() as struct fmt_opts */
	const char *otp_hash;	/* --otp-hash HEX */
	bool measured_boot;	/* --measured-boot */
	bool verbose;		/* --verbose */
	/*
	 * --otp-rproc-pkh HEX: OTP oem_rproc_pkh of an STM32MP2 whose ST
	 * OP-TEE has CFG_REMOTEPROC_PUB_KEY_VERIFY=y (adds a verdict).
	 */
	const char *rproc_pkh;
	/* the OP-TEE keys of these options, loaded once; NULL: load per file */
	const struct optee_keys *loaded;
};

/* Defaults: builtin_keys on, everything else off. */
void inspect_opts_init(struct inspect_opts *o);

/*
 * Inspect one file; text to @out, or one JSON object to @j when @j is not
 * NULL (caller did json_init() and calls json_end()).  Returns the exit
 * status: 0 valid, 1 invalid (bad hash, no key verifies, a TA would
 * reject it), 2 unparseable or unreadable.
 */
int inspect_file(const char *path, const struct inspect_opts *o,
		 struct json *j, FILE *out);

/* Same on a buffer in memory (tests, fuzzing); @name is for messages. */
int inspect_buf(const uint8_t *buf, size_t len, const char *name,
		const struct inspect_opts *o, struct json *j, FILE *out);

#endif
