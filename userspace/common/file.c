// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Input files read whole, with a change check (see file.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/file.h"

const char *file_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err == FILE_CHANGED)
		return "file changed while reading (still being copied or written? read it again once it is complete)";
	return strerror(err);
}

int file_check_unchanged(int fd, const struct stat *st)
{
	struct stat now;

	if (fstat(fd, &now) < 0)
		return -errno;
	if (now.st_size != st->st_size || now.st_mtim.tv_sec != st->st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != st->st_mtim.tv_nsec)
		return -FILE_CHANGED;
	return 0;
}

int file_read_all(int fd, const struct stat *st, uint64_t max, uint8_t **out)
{
	uint64_t size = st->st_size > 0 ? (uint64_t)st->st_size : 0;
	size_t got = 0;
	uint8_t *b;
	ssize_t n;
	int ret;

	*out = NULL;
	if (size > max || size > SIZE_MAX - 1)
		return -EFBIG;
	b = malloc((size_t)size + 1);
	if (!b)
		return -ENOMEM;
	while (got < size) {
		n = pread(fd, b + got, (size_t)size - got, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ret = n < 0 ? -errno : -FILE_CHANGED;	/* 0: it shrank */
			free(b);
			return ret;
		}
		got += (size_t)n;
	}
	ret = file_check_unchanged(fd, st);
	if (ret) {
		free(b);
		return ret;
	}
	*out = b;
	return 0;
}
