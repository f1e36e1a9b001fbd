// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Kernel log reader (userspace/diagnosis/kernel_log.c).
 *
 * 1. Every row of the message table, with a line made from the row's
 *    kernel format string (the kernel's own text, the arguments rendered the
 *    way printk renders them), under every prefix style of dmesg, journalctl,
 *    syslog and /dev/kmsg.
 * 2. The kernel format strings of the rows taken from mainline are compared
 *    with the kernel tree we build against (Debian linux-source-6.12).
 * 3. Whole excerpts, one per way a boot ends, grouped into attempts, with
 *    the errno each ends with, its layer and its cause.
 * 4. Hostile input: long lines, NUL bytes, thousands of separators.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include "diagnosis/diagnosis.h"
#include "diagnosis/kernel_log.h"
#include "rproc_diag.h"

#define TA_DEV	"tee_remoteproc optee-ta-80a4c275-0a47-4905-8285-1486a9771a08: "
#define UP_DEV	"remoteproc_tee optee-ta-80a4c275-0a47-4905-8285-1486a9771a08: "
#define RP	"remoteproc remoteproc0: "
#define PLAT	"stm32-rproc 812345.m33: "

/* ------------------------------------------------------------------ */
/* 1. one line per table row                                            */

struct line_case {
	const char *kfmt;	/* selects the row (its kernel format string) */
	const char *prefix;	/* "driver device: " as dev_printk() prints it */
	const char *args[3];	/* each conversion as printk renders it */
	enum klog_msg msg;
	unsigned int n_num;
	int64_t num[3];
	const char *str;
	const char *str2;
};

static const struct line_case lines[] = {
	{ .kfmt = "%s is available\n", .prefix = RP, .args = { "m33" }, .msg = KLOG_RPROC_AVAILABLE, .n_num = 0, .num = { 0 }, .str = "m33" },
	{ .kfmt = "powering up %s\n", .prefix = RP, .args = { "m33" }, .msg = KLOG_POWERING_UP, .n_num = 0, .num = { 0 }, .str = "m33" },
	{ .kfmt = "attaching to %s\n", .prefix = RP, .args = { "m33" }, .msg = KLOG_ATTACHING, .n_num = 0, .num = { 0 }, .str = "m33" },
	{ .kfmt = "request_firmware failed: %d\n", .prefix = RP, .args = { "-2" }, .msg = KLOG_REQUEST_FW_FAILED, .n_num = 1, .num = { -2 } },
	{ .kfmt = "Booting fw image %s, size %zd\n", .prefix = RP, .args = { "rproc-m33-fw.sig", "1828" }, .msg = KLOG_BOOTING_FW, .n_num = 1, .num = { 1828 }, .str = "rproc-m33-fw.sig" },
	{ .kfmt = "can't prepare rproc %s: %d\n", .prefix = RP, .args = { "m33", "-22" }, .msg = KLOG_PREPARE_FAILED, .n_num = 1, .num = { -22 }, .str = "m33" },
	{ .kfmt = "Failed to process resources: %d\n", .prefix = RP, .args = { "-22" }, .msg = KLOG_RESOURCES_FAILED, .n_num = 1, .num = { -22 } },
	{ .kfmt = "Failed to allocate associated carveouts: %d\n", .prefix = RP, .args = { "-12" }, .msg = KLOG_CARVEOUTS_FAILED, .n_num = 1, .num = { -12 } },
	{ .kfmt = "Unable to allocate carveout %s: %d\n", .prefix = RP, .args = { "vdev0buffer", "-12" }, .msg = KLOG_CARVEOUT_ALLOC_FAILED, .n_num = 1, .num = { -12 }, .str = "vdev0buffer" },
	{ .kfmt = "Failed to load program segments: %d\n", .prefix = RP, .args = { "-5" }, .msg = KLOG_LOAD_SEGMENTS_FAILED, .n_num = 1, .num = { -5 } },
	{ .kfmt = "can't start rproc %s: %d\n", .prefix = RP, .args = { "m33", "-5" }, .msg = KLOG_START_FAILED, .n_num = 1, .num = { -5 }, .str = "m33" },
	{ .kfmt = "failed to prepare subdevices for %s: %d\n", .prefix = RP, .args = { "m33", "-12" }, .msg = KLOG_SUBDEV_FAILED, .n_num = 1, .num = { -12 }, .str = "m33" },
	{ .kfmt = "failed to probe subdevices for %s: %d\n", .prefix = RP, .args = { "m33", "-19" }, .msg = KLOG_SUBDEV_FAILED, .n_num = 1, .num = { -19 }, .str = "m33" },
	{ .kfmt = "remote processor %s is now up\n", .prefix = RP, .args = { "m33" }, .msg = KLOG_UP, .n_num = 0, .num = { 0 }, .str = "m33" },
	{ .kfmt = "remote processor %s is now attached\n", .prefix = RP, .args = { "m33" }, .msg = KLOG_ATTACHED, .n_num = 0, .num = { 0 }, .str = "m33" },
	{ .kfmt = "stopped remote processor %s\n", .prefix = RP, .args = { "m33" }, .msg = KLOG_STOPPED, .n_num = 0, .num = { 0 }, .str = "m33" },
	{ .kfmt = "can't stop rproc: %d\n", .prefix = RP, .args = { "-5" }, .msg = KLOG_STOP_FAILED, .n_num = 1, .num = { -5 } },
	{ .kfmt = "Boot failed: %d\n", .prefix = RP, .args = { "-5" }, .msg = KLOG_BOOT_FAILED, .n_num = 1, .num = { -5 } },
	{ .kfmt = "can't boot deleting rproc %s\n", .prefix = RP, .args = { "m33" }, .msg = KLOG_DELETING, .n_num = 0, .num = { 0 }, .str = "m33" },
	{ .kfmt = "can't boot deleted rproc %s\n", .prefix = RP, .args = { "m33" }, .msg = KLOG_DELETING, .n_num = 0, .num = { 0 }, .str = "m33" },
	{ .kfmt = "Image is corrupted (bad magic)\n", .prefix = RP, .args = { 0 }, .msg = KLOG_ELF_REFUSED },
	{ .kfmt = "Image is too small\n", .prefix = RP, .args = { 0 }, .msg = KLOG_ELF_REFUSED },
	{ .kfmt = "Unsupported class: %d\n", .prefix = RP, .args = { "2" }, .msg = KLOG_ELF_REFUSED, .n_num = 1, .num = { 2 } },
	{ .kfmt = "Unsupported firmware endianness\n", .prefix = RP, .args = { 0 }, .msg = KLOG_ELF_REFUSED },
	{ .kfmt = "No loadable segments\n", .prefix = RP, .args = { 0 }, .msg = KLOG_ELF_REFUSED },
	{ .kfmt = "Section header table is out of bounds\n", .prefix = RP, .args = { 0 }, .msg = KLOG_ELF_REFUSED },
	{ .kfmt = "Section headers are out of bounds\n", .prefix = RP, .args = { 0 }, .msg = KLOG_ELF_REFUSED },
	{ .kfmt = "elf64 header is too small\n", .prefix = RP, .args = { 0 }, .msg = KLOG_ELF_REFUSED },
	{ .kfmt = "loading %s failed with error %d\n", .prefix = RP, .args = { "/lib/firmware/rproc-m33-fw.sig", "-22" }, .msg = KLOG_FW_LOADING_FAILED, .n_num = 1, .num = { -22 }, .str = "/lib/firmware/rproc-m33-fw.sig" },
	{ .kfmt = "firmware: failed to load %s (%d)\n", .prefix = RP, .args = { "rproc-m33-fw.sig", "-2" }, .msg = KLOG_FW_FAILED_TO_LOAD, .n_num = 1, .num = { -2 }, .str = "rproc-m33-fw.sig" },
	{ .kfmt = "Direct firmware load for %s failed with error %d\n", .prefix = RP, .args = { "rproc-m33-fw.sig", "-2" }, .msg = KLOG_FW_DIRECT_FAILED, .n_num = 1, .num = { -2 }, .str = "rproc-m33-fw.sig" },
	{ .kfmt = "Firmware load for '%s' refused, path contains '..' component\n", .prefix = RP, .args = { "../etc/shadow" }, .msg = KLOG_FW_DOTDOT, .n_num = 0, .num = { 0 }, .str = "../etc/shadow" },
	/* ST: arg.ret with %x, ret with %x (-22 prints as ffffffea) */
	{ .kfmt = "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: %x, ret:%x\n", .prefix = TA_DEV, .args = { "ffff0006", "0" }, .msg = KLOG_TA_INVOKE_FAILED, .n_num = 2, .num = { 0xffff0006, 0 }, .str = "TA_RPROC_FW_CMD_LOAD_FW" },
	/* the series: %#x and %d */
	{ .kfmt = "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: %#x, ret:%d\n", .prefix = UP_DEV, .args = { "0xffff3072", "0" }, .msg = KLOG_TA_INVOKE_FAILED, .n_num = 2, .num = { 0xffff3072, 0 }, .str = "TA_RPROC_FW_CMD_LOAD_FW" },
	{ .kfmt = "tee_client_open_session failed, err: %#x\n", .prefix = PLAT, .args = { "0xffff000a" }, .msg = KLOG_SESSION_FAILED, .n_num = 1, .num = { 0xffff000a } },
	{ .kfmt = "tee_client_open_session failed, err: %x\n", .prefix = PLAT, .args = { "ffff0008" }, .msg = KLOG_SESSION_FAILED, .n_num = 1, .num = { 0xffff0008 } },
	{ .kfmt = "tee_client_close_session failed, err: %x\n", .prefix = PLAT, .args = { "ffffffea" }, .msg = KLOG_CLOSE_SESSION_FAILED, .n_num = 1, .num = { -22 } },
	{ .kfmt = "tee_client_close_session failed\n", .prefix = UP_DEV, .args = { 0 }, .msg = KLOG_CLOSE_SESSION_FAILED },
	{ .kfmt = "Failed to register kernel buffer in tee: %ld\n", .prefix = TA_DEV, .args = { "-12" }, .msg = KLOG_SHM_REGISTER_FAILED, .n_num = 1, .num = { -12 } },
	{ .kfmt = "Unable to map memory region: %lld+%zx\n", .prefix = TA_DEV, .args = { "2684354560", "400" }, .msg = KLOG_RSC_MAP_FAILED, .n_num = 0, .num = { 0 }, .str = "2684354560+400" },
	{ .kfmt = "An RPROC OP-TEE device was already initialized: only one allowed\n", .prefix = TA_DEV, .args = { 0 }, .msg = KLOG_TEE_RPROC_TWICE },
	{ .kfmt = "unexpected rproc state: %d\n", .prefix = UP_DEV, .args = { "2" }, .msg = KLOG_RELEASE_BAD_STATE, .n_num = 1, .num = { 2 } },
	/* dev_err_probe() prints "error %pe: " first: symbolic with CONFIG_SYMBOLIC_ERRNAME */
	{ .kfmt = "signed firmware not supported by TEE\n", .prefix = PLAT "error -EINVAL: ", .args = { 0 }, .msg = KLOG_SIGNED_UNSUPPORTED, .n_num = 1, .num = { -22 } },
	{ .kfmt = "signed firmware not supported by TEE\n", .prefix = PLAT, .args = { 0 }, .msg = KLOG_SIGNED_UNSUPPORTED },
	{ .kfmt = "Support of signed firmware only\n", .prefix = PLAT, .args = { 0 }, .msg = KLOG_SIGNED_ONLY },
	{ .kfmt = "no resource table found for this firmware\n", .prefix = RP, .args = { 0 }, .msg = KLOG_NO_RSC_TABLE },
	{ .kfmt = "deferred probe pending: %s", .prefix = PLAT, .args = { "stm32-rproc: signed firmware not supported by TEE\n" }, .msg = KLOG_DEFERRED_PENDING, .n_num = 0, .num = { 0 }, .str = "stm32-rproc: signed firmware not supported by TEE" },
	{ .kfmt = "deferred probe pending\n", .prefix = "platform 812345.m33: ", .args = { 0 }, .msg = KLOG_DEFERRED_PENDING },
	{ .kfmt = "revision %lu.%lu (%08lx)", .prefix = "optee: ", .args = { "4", "0", "a8dd87d4" }, .msg = KLOG_OPTEE_REVISION, .n_num = 0, .num = { 0 }, .str = "4.0 (a8dd87d4)" },
	{ .kfmt = "initialized driver\n", .prefix = "optee: ", .args = { 0 }, .msg = KLOG_OPTEE_INITIALIZED },
	{ .kfmt = "PTA_CMD_GET_DEVICES invoke function err: %x\n", .prefix = "optee: ", .args = { "ffff0006" }, .msg = KLOG_OPTEE_ENUM_FAILED, .n_num = 1, .num = { 0xffff0006 } },
	{ .kfmt = "device registration failed, err: %d\n", .prefix = "optee: ", .args = { "-17" }, .msg = KLOG_OPTEE_DEVREG_FAILED, .n_num = 1, .num = { -17 } },
};

/* What tools put before printk's text. */
static const char *const prefixes[] = {
	"",
	"[   12.345678] ",					/* dmesg */
	"[Thu Dec  4 18:00:01 2026] ",				/* dmesg -T */
	"kern  :err   : [   12.345678] ",			/* dmesg -x */
	"<3>[   12.345678] ",					/* dmesg -r */
	"3,1021,12345678,-;",					/* /dev/kmsg */
	"3,1021,12345678,-,caller=T123;",			/* /dev/kmsg, PRINTK_CALLER */
	"Dec 04 18:00:01 stm32mp2-e3-c3-a4 kernel: ",		/* journalctl -k */
	"[   12.345678] stm32mp2 kernel: ",			/* journalctl -o short-monotonic */
	"Dec  4 18:00:01 stm32mp2 kernel: [   12.345678] ",	/* /var/log/kern.log */
	"2026-12-04T18:00:01.123456+00:00 stm32mp2 kernel: ",	/* journalctl -o short-iso-precise */
	"[   12.345678] [  T123] ",				/* CONFIG_PRINTK_CALLER */
	">   [   12.345678] ",					/* quoted in a forum post */
};

/* The kernel format with each conversion replaced by its rendering. */
static void render(const char *kfmt, const char *const args[3], char *out, size_t len)
{
	size_t o = 0, k = 0;

	for (const char *p = kfmt; *p && o + 1 < len; ) {
		if (*p == '%' && p[1] == '%') {
			out[o++] = '%';
			p += 2;
			continue;
		}
		if (*p != '%') {
			if (*p != '\n')
				out[o++] = *p;
			p++;
			continue;
		}
		p++;
		while (strchr("#0123456789.-lhzt", *p))
			p++;
		if (*p == 'p')
			while (isalpha((unsigned char)p[1]))
				p++;
		p++;
		assert_true(k < 3 && args[k]);
		for (const char *a = args[k++]; *a && *a != '\n' && o + 1 < len; a++)
			out[o++] = *a;
	}
	out[o] = 0;
}

static const struct klog_pattern *row_of(const char *kfmt)
{
	const struct klog_pattern *p;
	size_t n;

	p = klog_patterns(&n);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].kfmt, kfmt))
			return &p[i];
	return NULL;
}

static void test_every_row(void **state)
{
	const struct klog_pattern *pats;
	size_t n_pats;
	bool *covered;

	(void)state;
	pats = klog_patterns(&n_pats);
	covered = calloc(n_pats, sizeof(*covered));
	assert_non_null(covered);
	for (size_t c = 0; c < sizeof(lines) / sizeof(lines[0]); c++) {
		const struct line_case *lc = &lines[c];
		char body[512], line[768];
		struct klog_line out;

		assert_non_null(row_of(lc->kfmt));
		render(lc->kfmt, lc->args, body, sizeof(body));
		for (size_t p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]); p++) {
			snprintf(line, sizeof(line), "%s%s%s\n", prefixes[p], lc->prefix, body);
			if (klog_match_line(line, 7, &out) != lc->msg)
				fail_msg("line `%s': got %s, expected %s", line,
					 klog_msg_name(out.msg), klog_msg_name(lc->msg));
			assert_int_equal(out.lineno, 7);
			assert_int_equal(out.n_num, lc->n_num);
			for (unsigned int i = 0; i < lc->n_num; i++)
				assert_int_equal(out.num[i], lc->num[i]);
			if (lc->str)
				assert_string_equal(out.str, lc->str);
			if (lc->str2)
				assert_string_equal(out.str2, lc->str2);
			/* the numeric dmesg stamp is kept */
			if (strstr(prefixes[p], "12.345678")) {
				assert_true(out.has_ts);
				assert_true(out.ts > 12.34 && out.ts < 12.35);
			}
			/* the device prefix is split off */
			if (!strcmp(lc->prefix, RP)) {
				assert_string_equal(out.driver, "remoteproc");
				assert_string_equal(out.device, "remoteproc0");
			}
			if (!strcmp(lc->prefix, "optee: "))
				assert_string_equal(out.driver, "optee");
			covered[out.pat - pats] = true;
		}
	}
	for (size_t i = 0; i < n_pats; i++)
		if (!covered[i])
			fail_msg("table row %zu (%s) has no test line", i, pats[i].kfmt);
	free(covered);
}

/* Lines that are not ours stay unrecognised. */
static void test_not_ours(void **state)
{
	static const char *const other[] = {
		"",
		"\n",
		"[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd034]",
		"usb 1-1: new high-speed USB device number 2 using ehci-platform",
		"i2c 0-0050: deferred probe pending: i2c: supply vcc not found",
		"foo bar: something is available",
		"systemd[1]: Started rproc-diag.service - remoteproc diagnosis.",
		"tee_remoteproc optee-ta-x: TA_RPROC_FW_CMD_BOGUS invoke failed TEE err: 1, ret:0",
		"remoteproc remoteproc0: Boot failed: ",
		"remoteproc remoteproc0: Boot failed: -5 and more",
		"mmc0: revision 3.2",
	};
	struct klog_line out;

	(void)state;
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (klog_match_line(other[i], 1, &out) != KLOG_NONE)
			fail_msg("`%s' taken for %s", other[i], klog_msg_name(out.msg));
}

/* ------------------------------------------------------------------ */
/* 2. the texts are the kernel's                                        */

/* The tree we build against, unpacked by scripts/lib.sh (shared cache). */
static bool kernel_src(char *dir, size_t len)
{
	char cmd[1024];
	FILE *p;
	bool ok;

	snprintf(cmd, sizeof(cmd),
		 "bash -c '. \"%s/scripts/lib.sh\" && dpkg-query -W linux-source-6.12 >/dev/null 2>&1 && kernel_source_dir 6.12' 2>/dev/null",
		 TEST_TOP);
	p = popen(cmd, "r");
	if (!p)
		return false;
	ok = fgets(dir, (int)len, p) != NULL;
	pclose(p);
	dir[strcspn(dir, "\n")] = 0;
	return ok && dir[0];
}

/* "%s is available\n" as it stands in C: "\"%s is available\\n\"" */
static void c_literal(const char *s, char *out, size_t len)
{
	size_t o = 0;

	out[o++] = '"';
	for (; *s && o + 3 < len; s++) {
		if (*s == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else {
			out[o++] = *s;
		}
	}
	out[o++] = '"';
	out[o] = 0;
}

static void test_texts_are_the_kernels(void **state)
{
	const struct klog_pattern *pats;
	char src[512];
	size_t n, checked = 0;

	(void)state;
	if (!kernel_src(src, sizeof(src))) {
		/* make check installs linux-source-6.12 (scripts/setup); a laptop may not */
		print_message("[   NOTE   ] linux-source-6.12 is not installed: the message texts "
			      "were not compared with the kernel source\n");
		return;
	}
	pats = klog_patterns(&n);
	for (size_t i = 0; i < n; i++) {
		char path[1024], lit[512];
		uint8_t *text;
		size_t len;

		if (pats[i].tree != KLOG_TREE_LINUX)
			continue;
		snprintf(path, sizeof(path), "%s/%s", src, pats[i].file);
		text = tu_read(path, &len);
		text = realloc(text, len + 1);
		assert_non_null(text);
		text[len] = 0;
		c_literal(pats[i].kfmt, lit, sizeof(lit));
		if (!strstr((char *)text, lit))
			fail_msg("%s: %s not found (row %zu, %s)", path, lit, i, pats[i].func);
		free(text);
		checked++;
	}
	assert_true(checked >= 30);
}

/* ------------------------------------------------------------------ */
/* 3. excerpts: attempts, errno, layer, cause                           */

struct log_case {
	const char *name;
	const char *log;
	unsigned int n_attempts;
	unsigned int which;		/* attempt checked */
	enum klog_kind kind;
	enum klog_outcome outcome;
	bool has_err;
	int32_t err;
	enum klog_stage stage;
	const char *cause;		/* klog_errno_reason()'s, NULL: none */
	const char *firmware;
	const char *fw_path;
	uint32_t cmd;			/* first failed TA command, 0 none */
	uint32_t tee;
	enum klog_driver driver;
};

#define BOOT_OF(fw) RP "powering up m33\n"
#define ST_FW "rproc-m33-fw.sig"

static const struct log_case logs[] = {
	{ .name = "empty file: the firmware loader refuses size 0 (-22)", .log = "[  101.20] " RP "powering up m33\n"
	  "[  101.21] " RP "loading /lib/firmware/" ST_FW " failed with error -22\n"
	  "[  101.21] " RP "firmware: failed to load " ST_FW " (-22)\n"
	  "[  101.21] " RP "Direct firmware load for " ST_FW " failed with error -22\n"
	  "[  101.21] " RP "request_firmware failed: -22\n"
	  "[  101.21] " RP "Boot failed: -22\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -22, .stage = KLOG_STAGE_FIRMWARE, .cause = "firmware-empty", .firmware = ST_FW, .fw_path = "/lib/firmware/" ST_FW },
	{ .name = "no such file (-2)", .log = RP "powering up m33\n"
	  RP "firmware: failed to load " ST_FW " (-2)\n"
	  RP "Direct firmware load for " ST_FW " failed with error -2\n"
	  RP "request_firmware failed: -2\n"
	  RP "Boot failed: -2\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -2, .stage = KLOG_STAGE_FIRMWARE, .cause = "firmware-not-found", .firmware = ST_FW },
	{ .name = "no such file, sysfs fallback timed out (-110)", .log = RP "powering up m33\n"
	  RP "Direct firmware load for " ST_FW " failed with error -2\n"
	  RP "request_firmware failed: -110\n"
	  RP "Boot failed: -110\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -110, .stage = KLOG_STAGE_FIRMWARE, .cause = "firmware-not-found", .firmware = ST_FW },
	{ .name = "file of 3 GiB (-27)", .log = RP "loading /lib/firmware/" ST_FW " failed with error -27\n"
	  RP "Direct firmware load for " ST_FW " failed with error -27\n"
	  RP "request_firmware failed: -27\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -27, .stage = KLOG_STAGE_FIRMWARE, .cause = "firmware-too-large", .firmware = ST_FW, .fw_path = "/lib/firmware/" ST_FW },
	{ .name = "no memory for the file (-12), auto-boot: no Boot failed line", .log = RP "loading /lib/firmware/" ST_FW " failed with error -12\n"
	  RP "Direct firmware load for " ST_FW " failed with error -12\n"
	  RP "request_firmware failed: -12\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -12, .stage = KLOG_STAGE_FIRMWARE, .cause = "firmware-too-large", .firmware = ST_FW },
	{ .name = "file still being written (-26)", .log = RP "loading /lib/firmware/" ST_FW " failed with error -26\n"
	  RP "request_firmware failed: -26\n" RP "Boot failed: -26\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -26, .stage = KLOG_STAGE_FIRMWARE, .cause = "firmware-unreadable" },
	{ .name = "ST TA refuses the LOAD (BAD_PARAMETERS): -5 from the TEE driver", .log = "Dec 04 18:00:01 stm32mp2 kernel: " TA_DEV
	  "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: ffff0006, ret:0\n"
	  "Dec 04 18:00:01 stm32mp2 kernel: " RP "Boot failed: -5\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -5, .stage = KLOG_STAGE_TEE, .cause = NULL, .firmware = NULL, .fw_path = NULL, .cmd = RPROC_DIAG_TA_LOAD_FW, .tee = 0xffff0006, .driver = KLOG_DRIVER_ST },
	{ .name = "upstream v22 START refused (GENERIC)", .log = RP "powering up m33\n"
	  RP "Booting fw image " ST_FW ", size 1828\n"
	  UP_DEV "TA_RPROC_CMD_START invoke failed TEE err: 0xffff0000, ret:0\n"
	  RP "can't start rproc m33: -5\n"
	  RP "Boot failed: -5\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -5, .stage = KLOG_STAGE_TEE, .cause = NULL, .firmware = ST_FW, .fw_path = NULL, .cmd = RPROC_DIAG_TA_START_FW, .tee = 0xffff0000, .driver = KLOG_DRIVER_UPSTREAM },
	{ .name = "invoke refused in Linux (ret -22 printed as ffffffea)", .log = TA_DEV "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: 0, ret:ffffffea\n"
	  RP "Boot failed: -22\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -22, .stage = KLOG_STAGE_TEE, .cause = "tee-communication", .firmware = NULL, .fw_path = NULL, .cmd = RPROC_DIAG_TA_LOAD_FW, .tee = 0, .driver = KLOG_DRIVER_ST },
	{ .name = "resource table the series cannot map (-12)", .log = RP "powering up m33\n"
	  RP "Booting fw image " ST_FW ", size 1828\n"
	  UP_DEV "Unable to map memory region: 0x00000000a0000000+400\n"
	  RP "Boot failed: -12\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -12, .stage = KLOG_STAGE_TEE, .cause = "resource-table-unmappable", .firmware = ST_FW },
	{ .name = "session refused: -22 from the register call, probe fails", .log = "[    2.51] " PLAT "tee_client_open_session failed, err: ffff000a\n"
	  "[    2.51] " PLAT "error -EINVAL: signed firmware not supported by TEE\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_PROBE, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -22, .stage = KLOG_STAGE_SESSION, .cause = "tee-session-refused" },
	{ .name = "session refused, kernel without CONFIG_SYMBOLIC_ERRNAME", .log = PLAT "tee_client_open_session failed, err: ffff0008\n"
	  PLAT "error -22: signed firmware not supported by TEE\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_PROBE, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -22, .stage = KLOG_STAGE_SESSION, .cause = "tee-session-refused" },
	{ .name = "no remoteproc TA: probe deferred (-517), 6.12 names the reason", .log = "[   12.80] " PLAT "deferred probe pending: stm32-rproc: signed firmware not supported by TEE\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_PROBE, .outcome = KLOG_OUTCOME_DEFERRED, .has_err = true, .err = -517, .stage = KLOG_STAGE_SESSION, .cause = "ta-not-present" },
	{ .name = "no remoteproc TA: probe deferred, 6.6 without reason", .log = "[   12.80] platform 812345.m33: deferred probe pending\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_PROBE, .outcome = KLOG_OUTCOME_DEFERRED, .has_err = true, .err = -517, .stage = KLOG_STAGE_SESSION, .cause = "ta-not-present" },
	{ .name = "ELF mode: Linux's ELF loader refuses a signed image (-22)", .log = RP "powering up m33\n"
	  RP "Image is corrupted (bad magic)\n"
	  RP "Boot failed: -22\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -22, .stage = KLOG_STAGE_ELF, .cause = "signed-image-elf-mode" },
	{ .name = "a good boot", .log = RP "m33 is available\n"
	  RP "powering up m33\n"
	  RP "Booting fw image " ST_FW ", size 1828\n"
	  RP "remote processor m33 is now up\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_OK, .has_err = false, .err = 0, .stage = KLOG_STAGE_UNKNOWN, .cause = NULL, .firmware = ST_FW },
	{ .name = "failure, then a good boot: two attempts", .log = TA_DEV "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: ffff3072, ret:0\n"
	  RP "Boot failed: -5\n"
	  RP "powering up m33\n"
	  RP "Booting fw image " ST_FW ", size 1828\n"
	  RP "remote processor m33 is now up\n", .n_attempts = 2, .which = 1, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_OK, .has_err = false, .err = 0, .stage = KLOG_STAGE_UNKNOWN, .cause = NULL, .firmware = ST_FW },
	{ .name = "auto-boot failures without Boot failed lines: split at powering up", .log = RP "powering up m33\n"
	  TA_DEV "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: ffff0006, ret:0\n"
	  RP "powering up m33\n"
	  TA_DEV "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: ffff0007, ret:0\n", .n_attempts = 2, .which = 1, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -5, .stage = KLOG_STAGE_TEE, .cause = NULL, .firmware = NULL, .fw_path = NULL, .cmd = RPROC_DIAG_TA_LOAD_FW, .tee = 0xffff0007, .driver = KLOG_DRIVER_ST },
	{ .name = "STOP refused after a boot: a shutdown attempt", .log = RP "remote processor m33 is now up\n"
	  TA_DEV "TA_RPROC_FW_CMD_STOP_FW invoke failed TEE err: ffff0007, ret:0\n"
	  RP "can't stop rproc: -5\n", .n_attempts = 2, .which = 1, .kind = KLOG_KIND_SHUTDOWN, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -5, .stage = KLOG_STAGE_TEE, .cause = NULL, .firmware = NULL, .fw_path = NULL, .cmd = RPROC_DIAG_TA_STOP_FW, .tee = 0xffff0007, .driver = KLOG_DRIVER_ST },
	{ .name = "noise between the lines of one attempt", .log = "[  101.20] " RP "powering up m33\n"
	  "[  101.20] usb 1-1: new high-speed USB device number 2 using ehci-platform\n"
	  "[  101.21] " RP "Direct firmware load for " ST_FW " failed with error -2\n"
	  "[  101.21] systemd-journald[123]: Time spent on flushing is 1 ms\n"
	  "[  101.21] " RP "Boot failed: -2\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_FAILED, .has_err = true, .err = -2, .stage = KLOG_STAGE_FIRMWARE, .cause = "firmware-not-found", .firmware = ST_FW },
	{ .name = "excerpt that ends before the outcome", .log = RP "powering up m33\n" RP "Booting fw image " ST_FW ", size 1828\n", .n_attempts = 1, .which = 0, .kind = KLOG_KIND_BOOT, .outcome = KLOG_OUTCOME_UNKNOWN, .has_err = false, .err = 0, .stage = KLOG_STAGE_UNKNOWN, .cause = NULL, .firmware = ST_FW },
};

static void test_attempts(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(logs) / sizeof(logs[0]); c++) {
		const struct log_case *lc = &logs[c];
		const struct klog_errno_reason *r;
		const struct klog_attempt *a;
		struct klog k;

		assert_int_equal(klog_parse_buf(lc->log, strlen(lc->log), &k), 0);
		if (k.n_attempts != lc->n_attempts)
			fail_msg("%s: %u attempts, expected %u", lc->name, k.n_attempts, lc->n_attempts);
		a = &k.attempts[lc->which];
		if (a->kind != lc->kind || a->outcome != lc->outcome || a->has_err != lc->has_err)
			fail_msg("%s: kind %d outcome %d has_err %d", lc->name, a->kind, a->outcome,
				 a->has_err);
		if (lc->has_err && (a->err != lc->err || a->stage != lc->stage))
			fail_msg("%s: err %d at %s, expected %d at %s", lc->name, a->err,
				 klog_stage_name(a->stage), lc->err, klog_stage_name(lc->stage));
		r = a->has_err ? klog_errno_reason(a->stage, a->err) : NULL;
		if (lc->cause && (!r || strcmp(r->cause, lc->cause)))
			fail_msg("%s: cause %s, expected %s", lc->name, r ? r->cause : "(none)", lc->cause);
		if (lc->firmware)
			assert_string_equal(a->firmware, lc->firmware);
		if (lc->fw_path)
			assert_string_equal(a->fw_path, lc->fw_path);
		if (lc->cmd) {
			assert_true(a->n_cmds > 0);
			assert_int_equal(a->cmds[0].func, lc->cmd);
			assert_int_equal(a->cmds[0].tee, lc->tee);
			assert_int_equal(a->driver, lc->driver);
		}
		if (a->kind == KLOG_KIND_BOOT && strstr(lc->log, RP "powering up")) {
			assert_string_equal(a->rproc_dev, "remoteproc0");
			assert_int_equal(a->rproc_index, 0);
			assert_string_equal(a->rproc_name, "m33");
		}
		klog_free(&k);
	}
}

/* Every errno the issue lists has its kernel reason, with a source. */
static void test_errno_reasons(void **state)
{
	static const struct {
		enum klog_stage stage;
		int32_t err;
		const char *cause;
	} want[] = {
		{ KLOG_STAGE_FIRMWARE, -22, "firmware-empty" },
		{ KLOG_STAGE_FIRMWARE, -2, "firmware-not-found" },
		{ KLOG_STAGE_FIRMWARE, -12, "firmware-too-large" },
		{ KLOG_STAGE_FIRMWARE, -27, "firmware-too-large" },
		{ KLOG_STAGE_FIRMWARE, -110, "firmware-not-found" },
		{ KLOG_STAGE_SESSION, -517, "ta-not-present" },
		{ KLOG_STAGE_TEE, -5, NULL },
		{ KLOG_STAGE_SESSION, -22, "tee-session-refused" },
		{ KLOG_STAGE_TEE, -12, "resource-table-unmappable" },
		{ KLOG_STAGE_TEE, -22, "tee-communication" },
		{ KLOG_STAGE_ELF, -22, "signed-image-elf-mode" },
	};
	const struct klog_errno_reason *rs;
	size_t n;

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct klog_errno_reason *r = klog_errno_reason(want[i].stage, want[i].err);

		assert_non_null(r);
		if (want[i].cause)
			assert_string_equal(r->cause, want[i].cause);
		else
			assert_null(r->cause);	/* the TEE result decides */
	}
	rs = klog_errno_reasons(&n);
	for (size_t i = 0; i < n; i++) {
		assert_true(rs[i].err < 0);
		assert_non_null(klog_errno_name(rs[i].err));
		assert_true(strlen(rs[i].reason) > 40);
		assert_true(strstr(rs[i].source, ".c") != NULL);
		/* one reason per (stage, errno) */
		assert_ptr_equal(klog_errno_reason(rs[i].stage, rs[i].err), &rs[i]);
		/* the cause it names is one the knowledge base has */
		if (rs[i].cause) {
			const char *const *ids = diag_cause_ids();
			bool known = false;

			for (size_t k = 0; ids[k]; k++)
				known |= !strcmp(ids[k], rs[i].cause);
			if (!known)
				fail_msg("reason %zu names cause %s, which kb.c does not have", i,
					 rs[i].cause);
		}
	}
	assert_string_equal(klog_errno_name(-517), "EPROBE_DEFER");
	assert_int_equal(klog_errno_value("ETIMEDOUT"), 110);
	assert_int_equal(klog_errno_value("ENOPE"), -1);
	assert_null(klog_errno_name(-4242));
}

/* ------------------------------------------------------------------ */
/* 4. hostile input                                                     */

static void test_hostile(void **state)
{
	struct klog k;
	struct klog_line out;
	char *big;
	size_t n = 1 << 20;

	(void)state;
	big = malloc(n + 1);
	assert_non_null(big);
	/* one 1 MiB line of ": " separators, then one of NUL bytes */
	for (size_t i = 0; i < n; i++)
		big[i] = i % 2 ? ' ' : ':';
	big[n] = 0;
	assert_int_equal(klog_match_line(big, 1, &out), KLOG_NONE);
	assert_int_equal(klog_parse_buf(big, n, &k), 0);
	assert_int_equal(k.n_attempts, 0);
	klog_free(&k);
	memset(big, 0, n);
	assert_int_equal(klog_parse_buf(big, n, &k), 0);
	assert_int_equal(k.n_attempts, 0);
	klog_free(&k);
	/* a real message buried at the end of an over-long line is cut off */
	memset(big, 'x', n);
	memcpy(big + n - 40, RP "Boot failed: -5", strlen(RP "Boot failed: -5"));
	big[n - 40 + strlen(RP "Boot failed: -5")] = 0;
	assert_int_equal(klog_match_line(big, 1, &out), KLOG_NONE);
	/* more attempts than kept: bounded, and said */
	{
		const char *one = RP "Boot failed: -5\n";
		size_t len = strlen(one), m = (KLOG_MAX_ATTEMPTS + 10) * len;
		char *many = malloc(m + 1);

		assert_non_null(many);
		for (size_t i = 0; i < KLOG_MAX_ATTEMPTS + 10; i++)
			memcpy(many + i * len, one, len);
		many[m] = 0;
		assert_int_equal(klog_parse_buf(many, m, &k), 0);
		assert_int_equal(k.n_attempts, KLOG_MAX_ATTEMPTS);
		assert_true(k.truncated);
		klog_free(&k);
		free(many);
	}
	free(big);
}

/* The file reader agrees with the buffer reader. */
static void test_file(void **state)
{
	const char *log = logs[0].log;
	struct klog a, b;
	FILE *f;

	(void)state;
	f = fmemopen((void *)log, strlen(log), "r");
	assert_non_null(f);
	assert_int_equal(klog_parse_file(f, &a), 0);
	fclose(f);
	assert_int_equal(klog_parse_buf(log, strlen(log), &b), 0);
	assert_int_equal(a.n_input, b.n_input);
	assert_int_equal(a.n_lines, b.n_lines);
	assert_int_equal(a.n_attempts, 1);
	assert_int_equal(b.n_attempts, 1);
	assert_int_equal(a.attempts[0].err, b.attempts[0].err);
	klog_free(&a);
	klog_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row),
		cmocka_unit_test(test_not_ours),
		cmocka_unit_test(test_texts_are_the_kernels),
		cmocka_unit_test(test_attempts),
		cmocka_unit_test(test_errno_reasons),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
