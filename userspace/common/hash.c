// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * OpenSSL SHA-256 behind struct rpi_hash_ops, and image sources.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "common/file.h"
#include "common/hash.h"

static int h_init(void *c)
{
	return EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 ? 0 : -EIO;
}

static int h_update(void *c, const void *d, size_t n)
{
	return EVP_DigestUpdate(c, d, n) == 1 ? 0 : -EIO;
}

static int h_final(void *c, u8 out[RPI_SHA256_LEN])
{
	return EVP_DigestFinal_ex(c, out, NULL) == 1 ? 0 : -EIO;
}

int sha256_open(struct sha256 *h)
{
	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx)
		return -1;
	h->ops.init = h_init;
	h->ops.update = h_update;
	h->ops.final = h_final;
	h->ops.hctx = h->ctx;
	return 0;
}

void sha256_close(struct sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

void sha256_buf(const void *data, size_t len, uint8_t out[32])
{
	unsigned int n = 32;

	if (EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) != 1)
		memset(out, 0, 32);
}

int fd_read_at(int fd, uint64_t off, void *buf, size_t len)
{
	uint8_t *p = buf;
	ssize_t r;

	while (len) {
		r = pread(fd, p, len, (off_t)off);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			return -ERANGE;
		p += r;
		off += (uint64_t)r;
		len -= (size_t)r;
	}
	return 0;
}

static int src_read(void *ctx, u64 off, void *buf, size_t len)
{
	struct fd_source *s = ctx;
	int ret;

	if (s->mem) {
		if (off > s->src.size || len > s->src.size - off)
			return -ERANGE;
		memcpy(buf, s->mem + off, len);
		return 0;
	}
	ret = fd_read_at(s->fd, off, buf, len);
	/* the library reads only inside src.size: an early end is a shrunk file */
	return ret == -ERANGE ? -FILE_CHANGED : ret;
}

void fd_source_init(struct fd_source *s, int fd, uint64_t size)
{
	s->fd = fd;
	s->mem = NULL;
	s->src.read = src_read;
	s->src.ctx = s;
	s->src.size = size;
}

void mem_source_init(struct fd_source *s, const uint8_t *buf, size_t len)
{
	s->fd = -1;
	s->mem = buf;
	s->src.read = src_read;
	s->src.ctx = s;
	s->src.size = len;
}
