// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: the module's probe-context summary exactly as the
 * LOAD_FW handler runs it: kmod/image.c's rproc_diag_image_summarize()
 * (the shared library's rpi_summarize() over the first
 * RPROC_DIAG_HEAD_MAX bytes, then the record conversion with the
 * PKEYINFO fingerprint), compiled from the module's own source against
 * tests/fuzz/kshim.  The input is the firmware image; it also runs with
 * the prefix cut at every 4 KiB boundary below that (what a shorter copy
 * of the head would give).  F3 structure-aware mutator: mut_f3.h.
 */
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include <crypto/sha2.h>

#include "image.h"
#include "rproc_image.h"
#include "mut_f3.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* kshim/crypto/sha2.h: the kernel's one-shot sha256() */
void sha256(const u8 *d, size_t len, u8 out[SHA256_DIGEST_SIZE])
{
	unsigned int n = SHA256_DIGEST_SIZE;

	if (EVP_Digest(d, len, out, &n, EVP_sha256(), NULL) != 1)
		memset(out, 0, SHA256_DIGEST_SIZE);
}

static volatile uint32_t sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rproc_diag_image_rec img;
	struct rpi_summary s;
	size_t head;

	rproc_diag_image_summarize(data, size, &img);
	sink ^= img.format ^ img.present ^ img.tlv_mask;
	for (head = 0; head < size && head < RPROC_DIAG_HEAD_MAX; head += 4096) {
		rpi_summarize(data, head, size, &s);
		rproc_diag_image_from_summary(&s, data, head, &img);
		sink ^= img.format;
	}
	return 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	return f3_mutate(data, size, max_size, seed);
}
