/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* kshim: the kernel's one-shot sha256(), implemented by the fuzz target. */
#ifndef KSHIM_CRYPTO_SHA2_H
#define KSHIM_CRYPTO_SHA2_H
#include <linux/types.h>
#define SHA256_DIGEST_SIZE 32
void sha256(const u8 *data, size_t len, u8 out[SHA256_DIGEST_SIZE]);
#endif
