/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * `rproc-diag explain`: TEE result codes for the remoteproc TA.  The tables
 * themselves are in kmod/lib/rproc_tee.h (shared with the kernel module and
 * the daemon); this is the text/JSON front end.
 */
#ifndef RPROC_DIAG_EXPLAIN_H
#define RPROC_DIAG_EXPLAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct json;

/* "0xffff0006", "ffff0006", "-65530", "BAD_PARAMETERS", ...: 0 or -1. */
int explain_parse_code(const char *s, uint32_t *code);

/*
 * Print what @code means; @cmd (enum rproc_diag_ta_cmd, 0 session open),
 * @ta (enum rpi_ta) and @origin filter/annotate when >= 0.  Text to @out,
 * or one JSON object to @j.  Returns 0 for a known code, 1 otherwise.
 */
int explain_code(uint32_t code, int cmd, int ta, int origin, struct json *j, FILE *out);

/* explain --log: a pasted kernel log (cmd/explain_log.c). */
struct explain_log_opts {
	const char *log;	/* a file, "-" for stdin, or the text itself */
	bool log_is_text;
	const char *firmware;	/* --firmware: the image the board loaded */
	const char *ta_key;	/* --ta-key: the key OP-TEE trusts */
	const char *keyring;	/* --keyring: more candidate signing keys */
	int soc;		/* --soc: enum remedy_soc, 0 when not given */
	bool json;
};

/*
 * Diagnose every attempt of the log.  Returns 0 when none failed, 1 when
 * one did, 2 when the log holds no line of the TEE remoteproc path or a
 * file cannot be read.
 */
int explain_log(const struct explain_log_opts *o);

#endif
