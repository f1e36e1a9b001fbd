/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Helpers for the cmocka unit tests (header-only; include after cmocka.h).
 * Paths compiled in by tests/unit/Makefile:
 *   TEST_FIXTURES  repo tests/fixtures      TEST_FW   built test firmware
 *   TEST_BUILD     build directory           TEST_BIN  sanitized rproc-diag
 */
#ifndef RPROC_DIAG_TESTUTIL_H
#define RPROC_DIAG_TESTUTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* main.c (not in the library) defines it for the real tool. */
__attribute__((weak)) const char *prog = "rproc-diag";

/* Whole file into a malloc'd buffer; fails the test if unreadable. */
static inline uint8_t *tu_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	assert_non_null(buf);
	if (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)
		fail_msg("short read on %s", path);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static inline void tu_write(const char *path, const void *d, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		fail_msg("cannot create %s: %s", path, strerror(errno));
	if (n && fwrite(d, 1, n, f) != n)
		fail_msg("short write on %s", path);
	fclose(f);
}

/* printf into a static rotating buffer (64 slots: results stay valid for 63 more calls). */
static inline const char *tu_fmt(const char *fmt, ...)
{
	static char bufs[64][1024];
	static int i;
	va_list ap;
	char *b = bufs[i++ & 63];

	va_start(ap, fmt);
	vsnprintf(b, sizeof(bufs[0]), fmt, ap);
	va_end(ap);
	return b;
}

/* Fresh directory under TEST_BUILD/tmp for one test binary. */
static inline const char *tu_tmpdir(const char *name)
{
	static char dir[512];

	mkdir(TEST_BUILD "/tmp", 0755);
	snprintf(dir, sizeof(dir), TEST_BUILD "/tmp/%s.XXXXXX", name);
	if (!mkdtemp(dir))
		fail_msg("mkdtemp %s: %s", dir, strerror(errno));
	return dir;
}

/* Run a shell command; returns its exit status (-1 if it did not exit). */
static inline int tu_sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* Run a subcommand in-process with a NULL-terminated argument list. */
static inline int tu_cmd(int (*fn)(int, char **), ...)
{
	char *argv[64];
	va_list ap;
	int argc = 0;

	va_start(ap, fn);
	while (argc < 63 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	return fn(argc, argv);
}

#endif
