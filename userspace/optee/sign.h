/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * `rproc-diag sign`: F3 signed-image builder (also used by the tests).
 */
#ifndef RPROC_DIAG_SIGN_H
#define RPROC_DIAG_SIGN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SIGN_MAX_IN 16
#define SIGN_MAX_PLAT 32

struct sign_plat {
	uint32_t id;		/* 0x10000..0x1ffff */
	const uint8_t *val;
	size_t len;
};

struct sign_opts {
	const char *in[SIGN_MAX_IN];	/* ELF files, in image order */
	size_t nin;
	const char *out;
	const char *key;	/* private key; public with digest_out/signature */
	const char *passphrase;
	const char *key_info;	/* PKEYINFO TLV bytes */
	const char *digest_out;	/* write the digest to sign, raw 32 bytes */
	const char *signature;	/* externally made signature to assemble */
	struct sign_plat plat[SIGN_MAX_PLAT];
	size_t nplat;
};

/*
 * Build the image; progress and the digest go to @msg, errors to stderr.
 * Returns 0, 1 (signature does not verify), or 2 (bad input/key/IO).
 */
int sign_build(const struct sign_opts *so, FILE *msg);

#endif
