// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Device side of the daemon against a fake device list (userspace/board/devices.c):
 * classification of remoteproc/TEE devices and the remoteproc TA, lookup of
 * the record's remote processor, the firmware search path in a temporary
 * tree, the device facts handed to the engine, and the configuration file.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cmd/config.h"
#include "board/devices.h"
#include "diagnosis/inputs.h"

#define TA "optee-ta-" RPROC_DIAG_TA_UUID

static const struct dev_raw board[] = {
	{ "remoteproc", "remoteproc0", "m33", "offline", "rproc-m33-fw.sig", "TEE" },
	{ "remoteproc", "remoteproc1", "m0", "running", "m0.elf", "" },
	{ "remoteproc", "remoteprocX", "bogus", "", "", "" },	/* not remoteprocN */
	{ "tee", "tee0", "", "", "", "" },
	{ "tee", "teepriv0", "", "", "", "" },
	{ "tee", "optee-ta-11111111-2222-3333-4444-555555555555", "", "", "", "" },
	{ "tee", TA, "", "", "", "" },
	{ "block", "mmcblk0", "", "", "", "" },
};

static void test_collect(void **state)
{
	struct dev_snapshot s;

	(void)state;
	dev_collect(board, sizeof(board) / sizeof(board[0]), &s);
	assert_int_equal(s.n_rproc, 2);
	assert_int_equal(s.rproc[0].index, 0);
	assert_string_equal(s.rproc[0].name, "m33");
	assert_string_equal(s.rproc[0].fw_format, "TEE");
	assert_int_equal(s.rproc[1].index, 1);
	assert_string_equal(s.rproc[1].state, "running");
	assert_int_equal(s.n_tee, 2);
	assert_int_equal(s.n_ta, 2);
	assert_true(s.ta_present);
	/* opteemin: TEE there, remoteproc TA absent */
	dev_collect(board, 6, &s);
	assert_int_equal(s.n_tee, 2);
	assert_false(s.ta_present);
	assert_int_equal(s.n_ta, 1);
	/* no TEE at all */
	dev_collect(board, 2, &s);
	assert_int_equal(s.n_tee, 0);
	assert_false(s.ta_present);
}

static void test_find_rproc(void **state)
{
	struct dev_snapshot s;

	(void)state;
	dev_collect(board, sizeof(board) / sizeof(board[0]), &s);
	assert_string_equal(dev_find_rproc(&s, true, 1, NULL)->name, "m0");
	assert_string_equal(dev_find_rproc(&s, false, 0, "m33")->sysname, "remoteproc0");
	assert_string_equal(dev_find_rproc(&s, true, 7, "m33")->sysname, "remoteproc0");
	assert_null(dev_find_rproc(&s, true, 7, "nope"));
	assert_null(dev_find_rproc(&s, false, 0, NULL));	/* two candidates: ambiguous */
	dev_collect(board, 1, &s);
	assert_non_null(dev_find_rproc(&s, false, 0, NULL));	/* the only one */
}

/* A fake source, as the daemon sees libudev. */
struct fake {
	const struct dev_raw *list;
	size_t n;
	int fail;
	unsigned int reads;
};

static int fake_enum(void *ctx, struct dev_raw *out, size_t max)
{
	struct fake *f = ctx;
	size_t n = f->n < max ? f->n : max;

	if (f->fail)
		return f->fail;
	memcpy(out, f->list, n * sizeof(*out));
	return (int)n;
}

static int fake_fd(void *ctx)
{
	(void)ctx;
	return -1;
}

static int fake_read(void *ctx, enum dev_action *act, struct dev_raw *d)
{
	struct fake *f = ctx;

	if (f->reads >= f->n)
		return -EAGAIN;
	*act = DEV_CHANGE;
	*d = f->list[f->reads++];
	return 0;
}

static void test_fake_source_and_facts(void **state)
{
	struct fake fk = { board, sizeof(board) / sizeof(board[0]), 0, 0 };
	struct dev_source src = { fake_enum, fake_fd, fake_read, &fk };
	struct dev_snapshot s;
	struct rd_record rec;
	struct diag_dev d;
	enum dev_action act;
	struct dev_raw raw;
	char text[256];

	(void)state;
	assert_int_equal(dev_snapshot_take(&src, &s), 0);
	memset(&rec, 0, sizeof(rec));
	rec.has_rproc_index = true;
	rec.rproc_index = 0;
	diag_dev_fill(&d, &s, &rec);
	assert_true(d.known);
	assert_true(d.tee_present);
	assert_true(d.ta_present);
	assert_true(d.rproc_found);
	assert_string_equal(d.state, "offline");
	assert_string_equal(d.fw_format, "TEE");

	assert_int_equal(src.monitor_read(src.ctx, &act, &raw), 0);
	dev_describe_event(act, &raw, text, sizeof(text));
	assert_string_equal(text, "remoteproc remoteproc0 (m33) changed, state offline");
	fk.reads = 6;
	assert_int_equal(src.monitor_read(src.ctx, &act, &raw), 0);
	dev_describe_event(act, &raw, text, sizeof(text));
	assert_non_null(strstr(text, "remoteproc TA"));

	fk.fail = -EIO;
	assert_int_equal(dev_snapshot_take(&src, &s), -EIO);
	assert_int_equal(s.n_rproc, 0);
}

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs("x", f);
	fclose(f);
}

static void test_fw_search(void **state)
{
	char root[] = "/tmp/rproc-diag-fw-XXXXXX";
	char p[512], found[512], param[512];
	struct fw_search fs;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(p, sizeof(p), "%s/lib", root);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/lib/firmware", root);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/lib/firmware/updates", root);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/lib/firmware/6.6.48", root);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/custom", root);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(param, sizeof(param), "%s/path", root);
	f = fopen(param, "w");
	assert_non_null(f);
	fputs("/custom\n", f);
	fclose(f);

	fw_search_init(&fs, root, "6.6.48", param);
	assert_int_equal(fs.n, 5);
	snprintf(p, sizeof(p), "%s/custom", root);
	assert_string_equal(fs.dir[0], p);

	assert_int_equal(fw_find(&fs, "a.sig", found, sizeof(found)), -ENOENT);
	snprintf(p, sizeof(p), "%s/lib/firmware/a.sig", root);
	touch(p);
	assert_int_equal(fw_find(&fs, "a.sig", found, sizeof(found)), 0);
	assert_string_equal(found, p);
	/* the release directory wins over /lib/firmware */
	snprintf(p, sizeof(p), "%s/lib/firmware/6.6.48/a.sig", root);
	touch(p);
	assert_int_equal(fw_find(&fs, "a.sig", found, sizeof(found)), 0);
	assert_string_equal(found, p);
	/* updates wins over the release directory */
	snprintf(p, sizeof(p), "%s/lib/firmware/updates/a.sig", root);
	touch(p);
	assert_int_equal(fw_find(&fs, "a.sig", found, sizeof(found)), 0);
	assert_string_equal(found, p);
	/* firmware_class.path wins over everything */
	snprintf(p, sizeof(p), "%s/custom/a.sig", root);
	touch(p);
	assert_int_equal(fw_find(&fs, "a.sig", found, sizeof(found)), 0);
	assert_string_equal(found, p);
	/* a directory of that name is not a firmware file */
	snprintf(p, sizeof(p), "%s/lib/firmware/dir.sig", root);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(fw_find(&fs, "dir.sig", found, sizeof(found)), -ENOENT);
	rmdir(p);
	/* unsafe names */
	assert_int_equal(fw_find(&fs, "../etc/passwd", found, sizeof(found)), -EINVAL);
	assert_int_equal(fw_find(&fs, "st/../../x", found, sizeof(found)), -EINVAL);
	assert_int_equal(fw_find(&fs, "/etc/passwd", found, sizeof(found)), -EINVAL);
	assert_int_equal(fw_find(&fs, "", found, sizeof(found)), -EINVAL);
	assert_int_equal(fw_find(&fs, "st/..x", found, sizeof(found)), -ENOENT);

	/* no parameter file, no release */
	fw_search_init(&fs, root, NULL, "/nonexistent/param");
	assert_int_equal(fs.n, 2);

	snprintf(p, sizeof(p), "rm -rf '%s'", root);
	assert_int_equal(system(p), 0);
}

static void test_conf(void **state)
{
	struct daemon_conf c;
	char err[512], path[] = "/tmp/rproc-diag-conf-XXXXXX";
	int fd;
	FILE *f;

	(void)state;
	conf_defaults(&c);
	assert_int_equal(c.analysis_wait_ms, 3000);
	assert_true(c.log_devices);
	assert_int_equal(conf_line(&c, "  # comment", err, sizeof(err)), 0);
	assert_int_equal(conf_line(&c, "", err, sizeof(err)), 0);
	assert_int_equal(conf_line(&c, "keyring = /etc/rproc-diag/keys ", err, sizeof(err)), 0);
	assert_string_equal(c.keyring, "/etc/rproc-diag/keys");
	assert_int_equal(conf_line(&c, "ta_key=/k.pem", err, sizeof(err)), 0);
	assert_string_equal(c.ta_key, "/k.pem");
	assert_int_equal(conf_line(&c, "color = never", err, sizeof(err)), 0);
	assert_int_equal(c.color, COLOR_NEVER);
	assert_int_equal(conf_line(&c, "format = json", err, sizeof(err)), 0);
	assert_true(c.json);
	assert_int_equal(conf_line(&c, "log_devices = no", err, sizeof(err)), 0);
	assert_false(c.log_devices);
	assert_int_equal(conf_line(&c, "analysis_wait_ms = 0", err, sizeof(err)), 0);
	assert_int_equal(c.analysis_wait_ms, 0);
	assert_int_equal(conf_line(&c, "analysis_wait_ms = -1", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "`-1'"));
	assert_int_equal(conf_line(&c, "analysis_wait_ms = 99999999999999999999", err, sizeof(err)), -EINVAL);
	assert_int_equal(conf_line(&c, "color = purple", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "purple"));
	assert_int_equal(conf_line(&c, "colour = never", err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "unknown key `colour'"));
	assert_int_equal(conf_line(&c, "just words", err, sizeof(err)), -EINVAL);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("# rproc-diag\nverbose = yes\n\nbogus line\n", f);
	fclose(f);
	conf_defaults(&c);
	assert_int_equal(conf_load(&c, path, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, ":4: "));
	assert_true(c.verbose);
	unlink(path);
	assert_int_equal(conf_load(&c, path, err, sizeof(err)), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collect),
		cmocka_unit_test(test_find_rproc),
		cmocka_unit_test(test_fake_source_and_facts),
		cmocka_unit_test(test_fw_search),
		cmocka_unit_test(test_conf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
