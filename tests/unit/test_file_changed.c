// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * A file that changes while it is read (being copied, flashed or rebuilt)
 * is "file changed while reading", never a crash (inspect used to map the
 * file: SIGBUS past a truncated end) and never a verdict about a mix of
 * two versions.  The test links with -Wl,--wrap=pread (tests/unit/
 * Makefile): its pread() shrinks, grows or rewrites the file just before
 * the Nth read, deterministically, for each reader: inspect of an OP-TEE
 * image, inspect of the other formats, the daemon's offline analysis, and
 * sign's input ELF.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <cmocka.h>

#include "testutil.h"

#include "cmd/inspect.h"
#include "common/file.h"
#include "common/json.h"
#include "formats/formats.h"
#include "formats/bytes.h"
#include "diagnosis/inputs.h"

#define FX TEST_FIXTURES "/optee-rproc/"

enum change { NONE, SHRINK, GROW, REWRITE };

static struct {
	const char *path;
	int after;		/* preads to let through first */
	enum change what;
	int fired;
} arm;

ssize_t __real_pread(int fd, void *buf, size_t n, off_t off);
ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t off);

static void change_file(void)
{
	struct stat st;
	struct timespec ts[2];
	int fd = open(arm.path, O_WRONLY);

	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	switch (arm.what) {
	case SHRINK:
		assert_int_equal(ftruncate(fd, st.st_size / 2), 0);
		break;
	case GROW:
		assert_int_equal(ftruncate(fd, st.st_size + 4096), 0);
		break;
	case REWRITE:
		/* same size, other content and mtime (a second, later copy) */
		assert_int_equal(pwrite(fd, "X", 1, st.st_size - 1), 1);
		ts[0] = st.st_atim;
		ts[1] = st.st_mtim;
		ts[1].tv_sec += 2;
		assert_int_equal(futimens(fd, ts), 0);
		break;
	default:
		break;
	}
	close(fd);
	arm.fired++;
}

ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t off)
{
	if (arm.path && arm.what != NONE && !arm.fired && arm.after-- == 0)
		change_file();
	return __real_pread(fd, buf, n, off);
}

static const char *dir;

/* Copy @src to a fresh file in the test directory. */
static const char *copy(const char *src, const char *name)
{
	size_t len;
	uint8_t *b = tu_read(src, &len);
	const char *path = tu_fmt("%s/%s", dir, name);

	tu_write(path, b, len);
	free(b);
	return path;
}

static void arm_change(const char *path, int after, enum change what)
{
	arm.path = path;
	arm.after = after;
	arm.what = what;
	arm.fired = 0;
}

struct out {
	char *text;
	size_t len;
};

/* inspect --json of @path, stdout into o->text; returns the exit status. */
static int inspect_json(const char *path, struct out *o)
{
	struct inspect_opts io;
	struct json j;
	FILE *f = open_memstream(&o->text, &o->len);
	int rc;

	assert_non_null(f);
	inspect_opts_init(&io);
	io.builtin_keys = false;
	json_init(&j, f);
	rc = inspect_file(path, &io, &j, f);
	json_end(&j);
	fclose(f);
	return rc;
}

#define CHANGED "file changed while reading"

static void expect_changed(const char *what, int rc, struct out *o)
{
	if (rc != 2 || !strstr(o->text, "\"error\":") || !strstr(o->text, CHANGED)) {
		fail_msg("%s: exit %d, output: %s", what, rc, o->text);
		free(o->text);
	}
	assert_int_equal(arm.fired, 1);
	free(o->text);
}

/* inspect of an OP-TEE image: the head, then the analysis reads. */
static void test_inspect_optee(void **state)
{
	static const enum change changes[] = { SHRINK, GROW, REWRITE };
	struct out o;
	size_t i;
	int after;

	(void)state;
	for (i = 0; i < 3; i++) {
		for (after = 0; after < 3; after++) {
			const char *p = copy(FX "f3_upstream_rsa2048.sig", "f3.sig");
			int rc;

			arm_change(p, after, changes[i]);
			rc = inspect_json(p, &o);
			expect_changed(tu_fmt("OP-TEE change %zu before read %d", i, after), rc, &o);
		}
	}
	/* unchanged: a verdict as usual */
	arm_change(copy(FX "f3_upstream_rsa2048.sig", "f3.sig"), 0, NONE);
	assert_int_not_equal(inspect_json(arm.path, &o), 2);
	assert_null(strstr(o.text, CHANGED));
	free(o.text);
}

/* inspect of the other formats: the whole file is read, then checked. */
static void test_inspect_other(void **state)
{
	static const enum change changes[] = { SHRINK, GROW, REWRITE };
	uint8_t img[0x200] = { 'S', 'T', 'M', '2' };
	struct out o;
	size_t i;

	(void)state;
	put_le32(img + 0x48, 0x00010000);	/* a v1.0 header, 0x100 bytes of payload */
	put_le32(img + 0x4C, 0x100);
	/*
	 * Read 0 is inspect's look at the head; read 1 the formats' own read
	 * of the whole file (after their own fstat: a change before it is a
	 * consistent newer file, except a shrink below the head).
	 */
	for (i = 0; i < 4; i++) {
		const char *p = tu_fmt("%s/img.stm32", dir);
		int rc;

		tu_write(p, img, sizeof(img));
		arm_change(p, i < 3 ? 1 : 0, i < 3 ? changes[i] : SHRINK);
		rc = inspect_json(p, &o);
		expect_changed(tu_fmt("STM32 change %zu", i), rc, &o);
	}
}

/* The daemon's offline analysis of the firmware file (watch, status). */
static void test_daemon_analysis(void **state)
{
	static const enum change changes[] = { SHRINK, GROW, REWRITE };
	struct optee_keys keys;
	const char *opt;
	struct diag_file *f = calloc(1, sizeof(*f));
	char err[256];
	size_t i;

	(void)state;
	assert_non_null(f);
	assert_int_equal(optee_keys_load(&keys, NULL, 0, NULL, NULL, true, &opt, err, sizeof(err)), 0);
	for (i = 0; i < 3; i++) {
		const char *p = copy(FX "f3_upstream_rsa2048.sig", "fw.sig");

		memset(f, 0, sizeof(*f));
		arm_change(p, 0, changes[i]);
		diag_file_analyze(p, &keys, f);
		assert_int_equal(arm.fired, 1);
		assert_false(f->analyzed);
		assert_int_equal(f->err, FILE_CHANGED);
		assert_non_null(strstr(file_strerror(f->err), CHANGED));
	}
	memset(f, 0, sizeof(*f));
	arm_change(copy(FX "f3_upstream_rsa2048.sig", "fw.sig"), 0, NONE);
	diag_file_analyze(arm.path, &keys, f);
	assert_true(f->analyzed);
	optee_keys_free(&keys);
	free(f);
}

/* The reader sign uses for its input ELF. */
static void test_read_all(void **state)
{
	static const enum change changes[] = { SHRINK, GROW, REWRITE };
	const char *p;
	struct stat st;
	uint8_t *b;
	size_t i;
	int fd;

	(void)state;
	for (i = 0; i < 3; i++) {
		p = copy(FX "fw.elf", "fw.elf");
		fd = open(p, O_RDONLY);
		assert_true(fd >= 0);
		assert_int_equal(fstat(fd, &st), 0);
		arm_change(p, 0, changes[i]);
		assert_int_equal(file_read_all(fd, &st, 1 << 20, &b), -FILE_CHANGED);
		assert_null(b);
		close(fd);
	}
	p = copy(FX "fw.elf", "fw.elf");
	fd = open(p, O_RDONLY);
	assert_int_equal(fstat(fd, &st), 0);
	arm_change(p, 0, NONE);
	assert_int_equal(file_read_all(fd, &st, st.st_size - 1, &b), -EFBIG);
	assert_int_equal(file_read_all(fd, &st, 1 << 20, &b), 0);
	assert_non_null(b);
	free(b);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inspect_optee),
		cmocka_unit_test(test_inspect_other),
		cmocka_unit_test(test_daemon_analysis),
		cmocka_unit_test(test_read_all),
	};

	/* inspect reaches the formats through weak references: link them in */
	static int (*volatile keep)(const char *, enum fmt_kind, const struct fmt_opts *,
				    struct json *, FILE *) = fmt_inspect;

	(void)keep;
	dir = tu_tmpdir("file_changed");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
