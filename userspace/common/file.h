/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Reading input files that may change under us.  A firmware file being
 * copied, flashed or rebuilt while it is inspected can shrink, grow or be
 * rewritten: a mapping of it faults (SIGBUS past a truncated end), a read
 * comes back short.  These helpers read regular files into memory, check
 * afterwards that size and mtime are still those of the fstat() the
 * caller made, and turn every such change into one error, -ESTALE, whose
 * text is "file changed while reading".
 */
#ifndef RPROC_DIAG_FILE_H
#define RPROC_DIAG_FILE_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* The error a changed file gives (ESTALE: an NFS stale handle is that too). */
#define FILE_CHANGED	ESTALE

/* strerror(), with "file changed while reading" for FILE_CHANGED. */
const char *file_strerror(int err);

/*
 * 0 when @fd still has the size and mtime of @st; -FILE_CHANGED when not;
 * -errno when fstat() fails.
 */
int file_check_unchanged(int fd, const struct stat *st);

/*
 * The st->st_size bytes of regular file @fd (st from fstat(fd)) into a
 * malloc'd buffer (*out, at least 1 byte; free() it).  0, -EFBIG above
 * @max bytes, -ENOMEM, -errno, or -FILE_CHANGED when the file ended early
 * or its size or mtime changed while it was read.
 */
int file_read_all(int fd, const struct stat *st, uint64_t max, uint8_t **out);

#endif
