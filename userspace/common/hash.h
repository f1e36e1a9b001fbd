/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * SHA-256 for the shared image library (struct rpi_hash_ops over OpenSSL
 * EVP) and a struct rpi_source over a file descriptor or a memory buffer.
 */
#ifndef RPROC_DIAG_HASH_H
#define RPROC_DIAG_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "rproc_image.h"

struct evp_md_ctx_st;

struct sha256 {
	struct evp_md_ctx_st *ctx;
	struct rpi_hash_ops ops;
};

/* 0, or -1 when OpenSSL has no SHA-256 context to give. */
int sha256_open(struct sha256 *h);
void sha256_close(struct sha256 *h);
/* One-shot digest. */
void sha256_buf(const void *data, size_t len, uint8_t out[32]);

struct fd_source {
	int fd;
	const uint8_t *mem;	/* when not NULL: read from memory instead */
	struct rpi_source src;
};

/*
 * The source's read fails with -FILE_CHANGED (common/file.h) when the file
 * ends before @size: it shrank since the caller's fstat().
 */
void fd_source_init(struct fd_source *s, int fd, uint64_t size);
void mem_source_init(struct fd_source *s, const uint8_t *buf, size_t len);
/* pread() loop: 0, -EIO/-errno, or -ERANGE at end of file. */
int fd_read_at(int fd, uint64_t off, void *buf, size_t len);

/* Scratch size the tools give rpi_analyze() (large reads, few calls). */
#define IMG_SCRATCH (1U << 20)

#endif
