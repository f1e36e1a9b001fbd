// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Kernel log reader (kernel_log.h): recognises the messages of the TEE
 * remoteproc load path in pasted dmesg/journal text and groups them into
 * attempts.
 *
 * 1. Each input line is cut at KLOG_LINE_MAX bytes and stripped of what
 *    log tools put in front of printk's text: "<3>", "kern  :err   : ",
 *    /dev/kmsg "3,123,456,-;", syslog/journal "Dec  4 18:00:00 host kernel: ",
 *    "[   12.345678]" (its value is kept), "[Thu Dec  4 ...]", "[  T123]".
 * 2. The message table patterns[] is tried at the start of the remaining
 *    text and after every ": " (so "driver device: " prefixes of any shape,
 *    and dev_err_probe()'s "error -EINVAL: ", need no parser of their own);
 *    the text before the match names the driver and the device.
 * 3. Lines are grouped into attempts: a boot starts at "powering up" (or at
 *    its first line when the excerpt begins later) and ends at "Boot failed",
 *    "is now up" or the next boot of that remote processor; probe lines
 *    (session open, "signed firmware not supported by TEE", deferred probe)
 *    form probe attempts of their platform device.  TEE driver lines name
 *    the TEE client device, not the remote processor: they belong to the
 *    boot that is open when they are printed.
 *
 * Message texts are the kernels' own, cited per row: Debian linux-source-6.12
 * (6.12.118) for the remoteproc core, firmware loader, driver core and OP-TEE
 * driver; ST's tee_remoteproc.c (Gen A: digi-embedded/linux 35769421, 5.10-
 * 6.1-r1 style; Gen B: digi-embedded/linux 94b45840, 6.6), ST's stm32_rproc.c
 * (STMicroelectronics/linux a85dcd05), the upstream series' remoteproc_tee.c
 * (intel-lab-lkp/linux 2a97ed74; v22 renames the commands TA_RPROC_CMD_*,
 * ../shared/notes/kernel-tee-remoteproc.md §1.3).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diagnosis/kernel_log.h"
#include "rproc_diag.h"

/* kernel-internal errno (include/linux/errno.h), not in the C library's */
#ifndef EPROBE_DEFER
#define EPROBE_DEFER 517
#endif

/* ------------------------------------------------------------------ */
/* the message table                                                    */

#define CORE	"drivers/remoteproc/remoteproc_core.c"
#define FWL	"drivers/base/firmware_loader/main.c"
#define ELFL	"drivers/remoteproc/remoteproc_elf_loader.c"
#define TEE_C	"drivers/remoteproc/tee_remoteproc.c"
#define TEE_U	"drivers/remoteproc/remoteproc_tee.c"
#define STM32	"drivers/remoteproc/stm32_rproc.c"
#define LINUX	KLOG_TREE_LINUX
#define OLD	KLOG_TREE_LINUX_OLD
#define ST	KLOG_TREE_ST
#define SERIES	KLOG_TREE_SERIES

/*
 * Conversions: %d decimal or a symbolic errno (%pe: "-EINVAL"), %x hex with
 * or without 0x, %r the TEE driver's "ret:" (hex "%x" in ST's driver,
 * decimal "%d" upstream), %w one word [A-Za-z0-9_], %s any non-empty text
 * up to what follows in the pattern (a leading %s holds no ':').  The whole
 * rest of the line must match (trailing blanks allowed).  Rows of one
 * message: most specific first.  kfmt is the format string exactly as it is
 * in the C source of file (tests/unit/test_kernel_log.c checks the
 * KLOG_TREE_LINUX rows against the kernel tree we build).
 */
static const struct klog_pattern patterns[] = {
	/* remoteproc core, 6.1 .. 6.12 (same texts in ST's 6.1 and 6.6) */
	{ KLOG_RPROC_AVAILABLE, "%s is available", "%s is available\n", LINUX, CORE, "rproc_add()" },
	{ KLOG_POWERING_UP, "powering up %s", "powering up %s\n", LINUX, CORE, "rproc_boot()" },
	{ KLOG_ATTACHING, "attaching to %s", "attaching to %s\n", LINUX, CORE, "rproc_boot()" },
	{ KLOG_REQUEST_FW_FAILED, "request_firmware failed: %d", "request_firmware failed: %d\n",
	  LINUX, CORE, "rproc_boot()" },
	{ KLOG_BOOTING_FW, "Booting fw image %s, size %d", "Booting fw image %s, size %zd\n",
	  LINUX, CORE, "rproc_fw_boot()" },
	{ KLOG_PREPARE_FAILED, "can't prepare rproc %s: %d", "can't prepare rproc %s: %d\n",
	  LINUX, CORE, "rproc_fw_boot()" },
	{ KLOG_RESOURCES_FAILED, "Failed to process resources: %d", "Failed to process resources: %d\n",
	  LINUX, CORE, "rproc_fw_boot()" },
	{ KLOG_CARVEOUTS_FAILED, "Failed to allocate associated carveouts: %d",
	  "Failed to allocate associated carveouts: %d\n", LINUX, CORE, "rproc_fw_boot()" },
	{ KLOG_CARVEOUT_ALLOC_FAILED, "Unable to allocate carveout %s: %d",
	  "Unable to allocate carveout %s: %d\n", LINUX, CORE, "rproc_alloc_registered_carveouts()" },
	{ KLOG_LOAD_SEGMENTS_FAILED, "Failed to load program segments: %d",
	  "Failed to load program segments: %d\n", LINUX, CORE, "rproc_start()" },
	{ KLOG_START_FAILED, "can't start rproc %s: %d", "can't start rproc %s: %d\n",
	  LINUX, CORE, "rproc_start()" },
	{ KLOG_SUBDEV_FAILED, "failed to prepare subdevices for %s: %d",
	  "failed to prepare subdevices for %s: %d\n", LINUX, CORE, "rproc_start()" },
	{ KLOG_SUBDEV_FAILED, "failed to probe subdevices for %s: %d",
	  "failed to probe subdevices for %s: %d\n", LINUX, CORE, "rproc_start()" },
	{ KLOG_UP, "remote processor %s is now up", "remote processor %s is now up\n",
	  LINUX, CORE, "rproc_start()" },
	{ KLOG_ATTACHED, "remote processor %s is now attached", "remote processor %s is now attached\n",
	  LINUX, CORE, "rproc_attach()" },
	{ KLOG_STOPPED, "stopped remote processor %s", "stopped remote processor %s\n",
	  LINUX, CORE, "rproc_stop()" },
	{ KLOG_STOP_FAILED, "can't stop rproc: %d", "can't stop rproc: %d\n", LINUX, CORE, "rproc_stop()" },
	{ KLOG_BOOT_FAILED, "Boot failed: %d", "Boot failed: %d\n",
	  LINUX, "drivers/remoteproc/remoteproc_sysfs.c", "state_store()" },
	{ KLOG_DELETING, "can't boot deleting rproc %s", "can't boot deleting rproc %s\n",
	  LINUX, CORE, "rproc_boot()" },
	{ KLOG_DELETING, "can't boot deleted rproc %s", "can't boot deleted rproc %s\n",
	  OLD, CORE, "rproc_boot()" },
	{ KLOG_ELF_REFUSED, "Image is corrupted (bad magic)", "Image is corrupted (bad magic)\n",
	  LINUX, ELFL, "rproc_elf_sanity_check()" },
	{ KLOG_ELF_REFUSED, "Image is too small", "Image is too small\n",
	  LINUX, ELFL, "rproc_elf_sanity_check()" },
	{ KLOG_ELF_REFUSED, "Unsupported class: %d", "Unsupported class: %d\n",
	  LINUX, ELFL, "rproc_elf_sanity_check()" },
	{ KLOG_ELF_REFUSED, "Unsupported firmware endianness", "Unsupported firmware endianness\n",
	  LINUX, ELFL, "rproc_elf_sanity_check()" },
	{ KLOG_ELF_REFUSED, "No loadable segments", "No loadable segments\n",
	  LINUX, ELFL, "rproc_elf_sanity_check()" },
	{ KLOG_ELF_REFUSED, "Section header table is out of bounds",
	  "Section header table is out of bounds\n", LINUX, ELFL, "rproc_elf_sanity_check()" },
	{ KLOG_ELF_REFUSED, "Section headers are out of bounds", "Section headers are out of bounds\n",
	  LINUX, ELFL, "rproc_elf_sanity_check()" },
	{ KLOG_ELF_REFUSED, "elf64 header is too small", "elf64 header is too small\n",
	  LINUX, ELFL, "rproc_elf_sanity_check()" },

	/* firmware loader */
	{ KLOG_FW_LOADING_FAILED, "loading %s failed with error %d", "loading %s failed with error %d\n",
	  LINUX, FWL, "fw_get_filesystem_firmware()" },
	{ KLOG_FW_FAILED_TO_LOAD, "firmware: failed to load %s (%d)", "firmware: failed to load %s (%d)\n",
	  LINUX, FWL, "fw_get_filesystem_firmware()" },
	{ KLOG_FW_DIRECT_FAILED, "Direct firmware load for %s failed with error %d",
	  "Direct firmware load for %s failed with error %d\n", LINUX, FWL, "_request_firmware()" },
	{ KLOG_FW_DOTDOT, "Firmware load for '%s' refused, path contains '..' component",
	  "Firmware load for '%s' refused, path contains '..' component\n",
	  LINUX, FWL, "_request_firmware()" },

	/*
	 * TEE remoteproc drivers.  ST (digi-embedded/linux 35769421 Gen A, 94b45840
	 * Gen B) and the first upstream revisions (intel-lab-lkp/linux 5c0eb7b2)
	 * print "%x, ret:%x"; the series from mid 2024 (intel-lab-lkp/linux
	 * 2a97ed74) "%#x, ret:%d", and v20+ name the commands TA_RPROC_CMD_*.
	 */
	{ KLOG_TA_INVOKE_FAILED, "%w invoke failed TEE err: 0x%x, ret:%d",
	  "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: %#x, ret:%d\n", SERIES, TEE_U,
	  "rproc_tee_load_fw(), rproc_tee_start(), rproc_tee_stop(), rproc_tee_release_fw(), "
	  "rproc_tee_get_loaded_rsc_table()" },
	{ KLOG_TA_INVOKE_FAILED, "%w invoke failed TEE err: %x, ret:%r",
	  "TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: %x, ret:%x\n", ST, TEE_C,
	  "tee_rproc_load_fw(), tee_rproc_start(), tee_rproc_stop(), rproc_tee_get_rsc_table()" },
	{ KLOG_SESSION_FAILED, "tee_client_open_session failed, err: 0x%x",
	  "tee_client_open_session failed, err: %#x\n", SERIES, TEE_U, "rproc_tee_register()" },
	{ KLOG_SESSION_FAILED, "tee_client_open_session failed, err: %x",
	  "tee_client_open_session failed, err: %x\n", ST, TEE_C, "tee_rproc_register()" },
	{ KLOG_CLOSE_SESSION_FAILED, "tee_client_close_session failed, err: %r",
	  "tee_client_close_session failed, err: %x\n", ST, TEE_C, "tee_rproc_unregister()" },
	{ KLOG_CLOSE_SESSION_FAILED, "tee_client_close_session failed",
	  "tee_client_close_session failed\n", SERIES, TEE_U, "rproc_tee_register()" },
	{ KLOG_SHM_REGISTER_FAILED, "Failed to register kernel buffer in tee: %d",
	  "Failed to register kernel buffer in tee: %ld\n", ST, TEE_C, "tee_rproc_load_fw() (6.1-r2)" },
	{ KLOG_RSC_MAP_FAILED, "Unable to map memory region: %s", "Unable to map memory region: %lld+%zx\n",
	  ST, TEE_C, "rproc_tee_get_rsc_table(); also stm32_rproc.c stm32_rproc_mem_alloc(), "
	  "remoteproc_tee.c rproc_tee_parse_fw()" },
	{ KLOG_TEE_RPROC_TWICE, "An RPROC OP-TEE device was already initialized: only one allowed",
	  "An RPROC OP-TEE device was already initialized: only one allowed\n", ST, TEE_C,
	  "tee_rproc_probe()" },
	{ KLOG_RELEASE_BAD_STATE, "unexpected rproc state: %d", "unexpected rproc state: %d\n",
	  SERIES, TEE_U, "rproc_tee_release_fw()" },

	/* ST platform driver (STMicroelectronics/linux a85dcd05) */
	{ KLOG_SIGNED_UNSUPPORTED, "error %d: signed firmware not supported by TEE",
	  "signed firmware not supported by TEE\n", ST, STM32,
	  "stm32_rproc_probe() through dev_err_probe() (drivers/base/core.c: \"error %pe: %pV\")" },
	{ KLOG_SIGNED_UNSUPPORTED, "signed firmware not supported by TEE",
	  "signed firmware not supported by TEE\n", ST, STM32, "stm32_rproc_probe()" },
	{ KLOG_SIGNED_ONLY, "Support of signed firmware only", "Support of signed firmware only\n",
	  ST, STM32, "stm32_rproc_probe()" },
	{ KLOG_NO_RSC_TABLE, "no resource table found for this firmware",
	  "no resource table found for this firmware\n", ST, STM32, "stm32_rproc_parse_fw()" },

	/* driver core: 6.9+ prints the dev_err_probe() reason, 6.1/6.6 do not */
	{ KLOG_DEFERRED_PENDING, "deferred probe pending: %s", "deferred probe pending: %s",
	  LINUX, "drivers/base/dd.c", "deferred_probe_timeout_work_func()" },
	{ KLOG_DEFERRED_PENDING, "deferred probe pending", "deferred probe pending\n",
	  OLD, "drivers/base/dd.c", "deferred_probe_timeout_work_func()" },

	/* OP-TEE driver (pr_fmt "optee: ") */
	{ KLOG_OPTEE_REVISION, "revision %s", "revision %lu.%lu (%08lx)",
	  LINUX, "drivers/tee/optee/smc_abi.c", "optee_msg_get_os_revision()" },
	{ KLOG_OPTEE_INITIALIZED, "initialized driver", "initialized driver\n",
	  LINUX, "drivers/tee/optee/smc_abi.c", "optee_probe()" },
	{ KLOG_OPTEE_ENUM_FAILED, "PTA_CMD_GET_DEVICES invoke function err: %x",
	  "PTA_CMD_GET_DEVICES invoke function err: %x\n", LINUX, "drivers/tee/optee/device.c",
	  "get_devices()" },
	{ KLOG_OPTEE_DEVREG_FAILED, "device registration failed, err: %d",
	  "device registration failed, err: %d\n", LINUX, "drivers/tee/optee/device.c",
	  "optee_register_device()" },
};

#define N_PATTERNS (sizeof(patterns) / sizeof(patterns[0]))

const struct klog_pattern *klog_patterns(size_t *n)
{
	*n = N_PATTERNS;
	return patterns;
}

static const char *const msg_names[KLOG__COUNT] = {
	[KLOG_NONE] = "none",
	[KLOG_RPROC_AVAILABLE] = "rproc-available",
	[KLOG_POWERING_UP] = "powering-up",
	[KLOG_ATTACHING] = "attaching",
	[KLOG_REQUEST_FW_FAILED] = "request-firmware-failed",
	[KLOG_BOOTING_FW] = "booting-fw-image",
	[KLOG_PREPARE_FAILED] = "prepare-failed",
	[KLOG_RESOURCES_FAILED] = "resources-failed",
	[KLOG_CARVEOUTS_FAILED] = "carveouts-failed",
	[KLOG_CARVEOUT_ALLOC_FAILED] = "carveout-alloc-failed",
	[KLOG_LOAD_SEGMENTS_FAILED] = "load-segments-failed",
	[KLOG_START_FAILED] = "start-failed",
	[KLOG_SUBDEV_FAILED] = "subdevices-failed",
	[KLOG_UP] = "now-up",
	[KLOG_ATTACHED] = "now-attached",
	[KLOG_STOPPED] = "stopped",
	[KLOG_STOP_FAILED] = "stop-failed",
	[KLOG_BOOT_FAILED] = "boot-failed",
	[KLOG_DELETING] = "deleting",
	[KLOG_ELF_REFUSED] = "elf-refused",
	[KLOG_FW_LOADING_FAILED] = "fw-loading-failed",
	[KLOG_FW_FAILED_TO_LOAD] = "fw-failed-to-load",
	[KLOG_FW_DIRECT_FAILED] = "fw-direct-load-failed",
	[KLOG_FW_DOTDOT] = "fw-name-refused",
	[KLOG_TA_INVOKE_FAILED] = "ta-invoke-failed",
	[KLOG_SESSION_FAILED] = "open-session-failed",
	[KLOG_CLOSE_SESSION_FAILED] = "close-session-failed",
	[KLOG_SHM_REGISTER_FAILED] = "shm-register-failed",
	[KLOG_RSC_MAP_FAILED] = "map-failed",
	[KLOG_TEE_RPROC_TWICE] = "tee-rproc-twice",
	[KLOG_RELEASE_BAD_STATE] = "release-bad-state",
	[KLOG_SIGNED_UNSUPPORTED] = "signed-fw-not-supported",
	[KLOG_SIGNED_ONLY] = "signed-fw-only",
	[KLOG_NO_RSC_TABLE] = "no-resource-table",
	[KLOG_DEFERRED_PENDING] = "deferred-probe-pending",
	[KLOG_OPTEE_REVISION] = "optee-revision",
	[KLOG_OPTEE_INITIALIZED] = "optee-initialized",
	[KLOG_OPTEE_ENUM_FAILED] = "optee-enumeration-failed",
	[KLOG_OPTEE_DEVREG_FAILED] = "optee-device-registration-failed",
};

_Static_assert(sizeof(msg_names) / sizeof(msg_names[0]) == KLOG__COUNT,
	       "one name per enum klog_msg");

static const char *const tree_names[KLOG_TREE__COUNT] = {
	[KLOG_TREE_LINUX] = "Linux 6.12 (Debian linux-source-6.12)",
	[KLOG_TREE_LINUX_OLD] = "Linux 6.1/6.6",
	[KLOG_TREE_ST] = "ST OpenSTLinux kernel",
	[KLOG_TREE_SERIES] = "upstream TEE remoteproc series",
};

const char *klog_tree_name(enum klog_tree t)
{
	return (unsigned int)t < KLOG_TREE__COUNT ? tree_names[t] : "unknown";
}

const char *klog_msg_name(enum klog_msg m)
{
	return (unsigned int)m < KLOG__COUNT && msg_names[m] ? msg_names[m] : "unknown";
}

static const char *const stage_names[KLOG_STAGE__COUNT] = {
	[KLOG_STAGE_UNKNOWN] = "unknown",
	[KLOG_STAGE_FIRMWARE] = "firmware-loader",
	[KLOG_STAGE_TEE] = "tee-driver",
	[KLOG_STAGE_SESSION] = "tee-session",
	[KLOG_STAGE_ELF] = "elf-loader",
	[KLOG_STAGE_CORE] = "remoteproc-core",
};

static const char *const stage_descs[KLOG_STAGE__COUNT] = {
	[KLOG_STAGE_UNKNOWN] = "an unknown layer",
	[KLOG_STAGE_FIRMWARE] = "the firmware loader (request_firmware)",
	[KLOG_STAGE_TEE] = "the TEE remoteproc driver",
	[KLOG_STAGE_SESSION] = "the TEE session open (probe)",
	[KLOG_STAGE_ELF] = "Linux's ELF loader",
	[KLOG_STAGE_CORE] = "the remoteproc core",
};

const char *klog_stage_desc(enum klog_stage s)
{
	return (unsigned int)s < KLOG_STAGE__COUNT ? stage_descs[s] : stage_descs[0];
}

const char *klog_stage_name(enum klog_stage s)
{
	return (unsigned int)s < KLOG_STAGE__COUNT ? stage_names[s] : "unknown";
}

/* ------------------------------------------------------------------ */
/* errno names (asm-generic/errno-base.h, errno.h, linux/errno.h)       */

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "EPERM", 1 }, { "ENOENT", 2 }, { "ESRCH", 3 }, { "EINTR", 4 }, { "EIO", 5 },
	{ "ENXIO", 6 }, { "E2BIG", 7 }, { "ENOEXEC", 8 }, { "EBADF", 9 }, { "ECHILD", 10 },
	{ "EAGAIN", 11 }, { "ENOMEM", 12 }, { "EACCES", 13 }, { "EFAULT", 14 },
	{ "ENOTBLK", 15 }, { "EBUSY", 16 }, { "EEXIST", 17 }, { "EXDEV", 18 },
	{ "ENODEV", 19 }, { "ENOTDIR", 20 }, { "EISDIR", 21 }, { "EINVAL", 22 },
	{ "ENFILE", 23 }, { "EMFILE", 24 }, { "ENOTTY", 25 }, { "ETXTBSY", 26 },
	{ "EFBIG", 27 }, { "ENOSPC", 28 }, { "ESPIPE", 29 }, { "EROFS", 30 },
	{ "EMLINK", 31 }, { "EPIPE", 32 }, { "EDOM", 33 }, { "ERANGE", 34 },
	{ "EDEADLK", 35 }, { "ENAMETOOLONG", 36 }, { "ENOLCK", 37 }, { "ENOSYS", 38 },
	{ "ENOTEMPTY", 39 }, { "ELOOP", 40 }, { "ENOMSG", 42 }, { "ENODATA", 61 },
	{ "ETIME", 62 }, { "EPROTO", 71 }, { "EBADMSG", 74 }, { "EOVERFLOW", 75 },
	{ "EILSEQ", 84 }, { "EOPNOTSUPP", 95 }, { "EADDRINUSE", 98 },
	{ "ENOBUFS", 105 }, { "ETIMEDOUT", 110 }, { "ECONNREFUSED", 111 },
	{ "EHOSTDOWN", 112 }, { "EALREADY", 114 }, { "EINPROGRESS", 115 },
	{ "ECANCELED", 125 }, { "ENOKEY", 126 }, { "EKEYEXPIRED", 127 },
	{ "EKEYREVOKED", 128 }, { "EKEYREJECTED", 129 },
	{ "ERESTARTSYS", 512 }, { "ENOIOCTLCMD", 515 }, { "EPROBE_DEFER", 517 },
	{ "EOPENSTALE", 518 }, { "ENOTSUPP", 524 },
};

const char *klog_errno_name(int32_t err)
{
	int v = err < 0 ? -(int)(err == INT32_MIN ? 0 : err) : err;

	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (errnos[i].value == v)
			return errnos[i].name;
	return NULL;
}

int klog_errno_value(const char *name)
{
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].value;
	return -1;
}

/* ------------------------------------------------------------------ */
/* the kernel's reasons for each errno                                 */

#define KRF "fs/kernel_read_file.c kernel_read_file()"

static const struct klog_errno_reason reasons[] = {
	/* request_firmware(), called by rproc_boot() before anything else */
	{ KLOG_STAGE_FIRMWARE, -ENOENT, "firmware-not-found",
	  "No file of that name is in the firmware search path (the firmware_class.path kernel "
	  "parameter, /lib/firmware/updates/$(uname -r), /lib/firmware/updates, "
	  "/lib/firmware/$(uname -r), /lib/firmware): the name the remote processor asks for "
	  "(/sys/class/remoteproc/remoteprocN/firmware) or the directory the file went to is wrong.",
	  FWL " fw_get_filesystem_firmware() (fw_path[]), _request_firmware()",
	  "Copy the signed image into /lib/firmware under the name the remote processor asks for (`cat /sys/class/remoteproc/remoteprocN/firmware`), or write the name of the file you copied there." },
	{ KLOG_STAGE_FIRMWARE, -EINVAL, "firmware-empty",
	  "The file is there, but the kernel refused it before reading a byte: kernel_read_file() "
	  "returns -EINVAL for a file of size 0 and for anything that is not a regular file (a "
	  "directory, a device node, a FIFO). An empty file is what a failed or interrupted copy "
	  "leaves (full disk, a download that failed, `cp` of a file that was not written yet).",
	  KRF " (S_ISREG, i_size <= 0)",
	  "Copy the signed image again and check on the board that its size and sha256sum are your build's." },
	{ KLOG_STAGE_FIRMWARE, -EFBIG, "firmware-too-large",
	  "The file is larger than the firmware loader reads in one buffer (INT_MAX bytes, 2 GiB): "
	  "kernel_read_file() returns -EFBIG. No coprocessor firmware is that large; another file "
	  "(a disk image, an archive) was copied under the firmware's name.",
	  KRF " (i_size > buf_size), " FWL " fw_get_filesystem_firmware() (msize = INT_MAX)",
	  "Look at what the firmware file is (`ls -l`, `file`): it is not the coprocessor image; copy the signed image under that name." },
	{ KLOG_STAGE_FIRMWARE, -ENOMEM, "firmware-too-large",
	  "The kernel could not allocate a buffer as large as the file (vmalloc() in "
	  "kernel_read_file()): the file is far larger than a coprocessor firmware, or the system "
	  "is out of memory.",
	  KRF " (vmalloc(i_size))",
	  "Look at what the firmware file is (`ls -l`, `file`): a coprocessor image is a few hundred KiB; copy the signed image under that name, or free memory." },
	{ KLOG_STAGE_FIRMWARE, -ETXTBSY, "firmware-unreadable",
	  "The file was open for writing when the boot started (kernel_read_file() calls "
	  "deny_write_access()): a copy or an editor was still writing it.",
	  KRF " (deny_write_access())",
	  "Wait until the copy or editor that writes the firmware file has finished (`sync`), then start the remote processor." },
	{ KLOG_STAGE_FIRMWARE, -EIO, "firmware-unreadable",
	  "Fewer bytes were read than the file's size (kernel_read_file(): pos != i_size), or the "
	  "filesystem returned an I/O error: the file changed while it was read, or the storage "
	  "failed.",
	  KRF " (pos != i_size)",
	  "Look in dmesg for I/O errors of the storage, then copy the firmware file again." },
	{ KLOG_STAGE_FIRMWARE, -EACCES, "firmware-unreadable",
	  "A Linux security module refused the read (security_kernel_read_file() or "
	  "security_kernel_post_read_file(): IMA appraisal, LoadPin, SELinux or lockdown policy).",
	  KRF " (security_kernel_read_file())",
	  "Find the security module's denial in dmesg (IMA, LoadPin, SELinux, lockdown) and allow the kernel to read firmware from that directory." },
	{ KLOG_STAGE_FIRMWARE, -EPERM, "firmware-unreadable",
	  "A Linux security module refused the read (security_kernel_read_file() or "
	  "security_kernel_post_read_file(): IMA appraisal, LoadPin, SELinux or lockdown policy).",
	  KRF " (security_kernel_read_file())",
	  "Find the security module's denial in dmesg (IMA, LoadPin, SELinux, lockdown) and allow the kernel to read firmware from that directory." },
	{ KLOG_STAGE_FIRMWARE, -ETIMEDOUT, "firmware-not-found",
	  "The file was not in the firmware search path, and the kernel then waited for a user-space "
	  "firmware helper (the CONFIG_FW_LOADER_USER_HELPER sysfs fallback, "
	  "/sys/class/firmware/timeout seconds, 60 by default) that never supplied it: the cause is "
	  "the same as -ENOENT, a wrong name or directory.",
	  "drivers/base/firmware_loader/fallback.c fw_load_sysfs_fallback(), firmware.h "
	  "__fw_state_wait_common()",
	  "Copy the signed image into /lib/firmware under the name the remote processor asks for (`cat /sys/class/remoteproc/remoteprocN/firmware`); nothing answers the user-space firmware fallback." },
	{ KLOG_STAGE_FIRMWARE, -EINTR, "firmware-unreadable",
	  "The user-space (sysfs) firmware fallback load was aborted (`echo -1 > "
	  "/sys/class/firmware/.../loading`) or the waiting process was killed.",
	  "drivers/base/firmware_loader/fallback.c fw_load_sysfs_fallback()",
	  "Start the remote processor again and let the firmware load finish." },
	{ KLOG_STAGE_FIRMWARE, -ENAMETOOLONG, "firmware-unreadable",
	  "The search-path directory plus the firmware name are longer than PATH_MAX.",
	  FWL " fw_get_filesystem_firmware()",
	  "Give the firmware a shorter name (/sys/class/remoteproc/remoteprocN/firmware)." },

	/* the TEE remoteproc driver */
	{ KLOG_STAGE_TEE, -EIO, NULL,
	  "The TEE remoteproc driver got a TEE error for a TA command (the `invoke failed TEE err` "
	  "line names the command and the TEE result) and turned it into -EIO; the TEE result says "
	  "which check of the TA failed.",
	  "ST " TEE_C " tee_rproc_load_fw()/tee_rproc_start() (`if (!ret) ret = -EIO`), "
	  "rproc_tee_get_rsc_table() (always -EIO); " "upstream series " TEE_U " rproc_tee_load_fw(), rproc_tee_start()",
	  NULL },
	{ KLOG_STAGE_TEE, -ENOMEM, "resource-table-unmappable",
	  "The TA loaded the image and returned the resource table's address, but Linux could not "
	  "map it (`Unable to map memory region`: ioremap_wc() failed) or copy it (kmemdup()): the "
	  "address the firmware's .resource_table is linked at is not memory Linux may map (not in a "
	  "memory-region of the remote processor, or a no-map region Linux does not own).",
	  "ST " TEE_C " rproc_tee_get_rsc_table(); " "upstream series " TEE_U " rproc_tee_parse_fw()",
	  NULL },
	{ KLOG_STAGE_TEE, -EINVAL, "tee-communication",
	  "tee_client_invoke_func() refused the call inside Linux before it reached OP-TEE (TEE err 0, "
	  "ret -22): the session is no longer known to the TEE driver (e.g. the OP-TEE driver was "
	  "unbound and bound again), or, upstream, the remote processor was never registered with "
	  "the TEE.",
	  "drivers/tee/optee/call.c optee_invoke_func(); " "upstream series " TEE_U " rproc_tee_load_fw() (!trproc)",
	  NULL },
	{ KLOG_STAGE_TEE, -ENODEV, "ta-not-present",
	  "The TEE remoteproc driver has no TEE context (it never probed on the TEE bus).",
	  "upstream series " TEE_U " rproc_tee_load_fw() (!rproc_tee_ctx.dev)",
	  NULL },

	/* registration (stm32_rproc probe) */
	{ KLOG_STAGE_SESSION, -EINVAL, "tee-session-refused",
	  "OP-TEE refused the session to the remoteproc TA (the `tee_client_open_session failed, "
	  "err:` line gives its TEE result): the register call returns -EINVAL, the probe of the "
	  "remote processor fails with `signed firmware not supported by TEE`, and no remoteproc "
	  "device exists until the cause is fixed.",
	  "ST " TEE_C " tee_rproc_register() (ERR_PTR(-EINVAL)), " "ST " STM32 " stm32_rproc_probe(); "
	  "upstream series " TEE_U " rproc_tee_register()",
	  NULL },
	{ KLOG_STAGE_SESSION, -EPROBE_DEFER, "ta-not-present",
	  "When the remote processor probed, no remoteproc TA was enumerated on the TEE bus "
	  "(the TEE remoteproc driver had no context): the register call returns -EPROBE_DEFER and "
	  "the probe is retried each time another driver binds. It stays pending when OP-TEE has no "
	  "remoteproc TA (e.g. ST's \"opteemin\" layout) or the OP-TEE driver never probed.",
	  "ST " TEE_C " tee_rproc_register() (Gen B, 6.1-r2/6.6); " "upstream series " TEE_U " rproc_tee_register(); "
	  "drivers/base/dd.c deferred_probe_timeout_work_func()",
	  NULL },
	{ KLOG_STAGE_SESSION, -ENODEV, "ta-not-present",
	  "The TEE remoteproc driver had not probed on the TEE bus: ST's first generation "
	  "(5.10 to 6.1-r1) returns -ENODEV and stm32_rproc then falls back to loading ELF firmware "
	  "itself, which refuses signed images.",
	  "ST drivers/remoteproc/tee_remoteproc.c tee_rproc_register() (Gen A, !pvt_data.ctx)",
	  NULL },
	{ KLOG_STAGE_SESSION, -EBUSY, NULL,
	  "A second TEE remoteproc device appeared on the TEE bus; the driver accepts only one.",
	  "ST " TEE_C " tee_rproc_probe()",
	  NULL },
	{ KLOG_STAGE_SESSION, -ENOMEM, NULL,
	  "The kernel could not allocate the TEE remoteproc context.",
	  "ST " TEE_C " tee_rproc_register() (devm_kzalloc())",
	  NULL },

	/* Linux's own ELF loader (remote processor in ELF mode) */
	{ KLOG_STAGE_ELF, -EINVAL, "signed-image-elf-mode",
	  "Linux loaded the file itself with its ELF loader, without the TEE (the remote processor "
	  "uses the plain compatible, fw_format ELF), and the ELF checks refused it: a signed image "
	  "does not start with \\x7fELF (`Image is corrupted (bad magic)`).",
	  ELFL " rproc_elf_sanity_check()",
	  NULL },

	/* remoteproc core */
	{ KLOG_STAGE_CORE, -ENOMEM, "boot-failed-outside-tee",
	  "Linux could not map or allocate a memory region of the remote processor (a "
	  "memory-region of its device-tree node: `Unable to map memory region` or `Unable to "
	  "allocate carveout`).",
	  CORE " rproc_alloc_registered_carveouts(); " "ST " STM32 " stm32_rproc_mem_alloc()",
	  NULL },
	{ KLOG_STAGE_CORE, -EINVAL, "boot-failed-outside-tee",
	  "The platform driver's prepare step or the resource table handling failed (for ST: a "
	  "memory-region the dma-ranges of the parent bus do not translate, `memory region not "
	  "valid`).",
	  CORE " rproc_fw_boot(); " "ST " STM32 " stm32_rproc_prepare()",
	  NULL },
};

const struct klog_errno_reason *klog_errno_reasons(size_t *n)
{
	*n = sizeof(reasons) / sizeof(reasons[0]);
	return reasons;
}

const struct klog_errno_reason *klog_errno_reason(enum klog_stage stage, int32_t err)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].stage == stage && reasons[i].err == err)
			return &reasons[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* matching one line                                                    */

struct conv {
	const char *p;		/* pattern position */
	const char *t;		/* text position */
};

static bool is_word(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* %d: decimal (sign optional) or a symbolic errno as %pe prints it. */
static const char *conv_dec(const char *t, int64_t *v)
{
	const char *s = t;
	bool neg = false;
	int64_t x = 0;
	int n = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (*s == 'E' && isupper((unsigned char)s[1])) {
		char name[24];
		size_t k = 0;
		int e;

		while ((isupper((unsigned char)s[k]) || isdigit((unsigned char)s[k]) || s[k] == '_') &&
		       k < sizeof(name) - 1) {
			name[k] = s[k];
			k++;
		}
		name[k] = 0;
		e = klog_errno_value(name);
		if (e < 0)
			return NULL;
		*v = neg ? -e : e;
		return s + k;
	}
	while (isdigit((unsigned char)*s) && n < 18) {
		x = x * 10 + (*s++ - '0');
		n++;
	}
	if (!n || isdigit((unsigned char)*s))
		return NULL;
	*v = neg ? -x : x;
	return s;
}

/* %x: hex, "0x" optional, at most 16 digits. */
static const char *conv_hex(const char *t, int64_t *v)
{
	const char *s = t;
	uint64_t x = 0;
	int n = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2]))
		s += 2;
	while (isxdigit((unsigned char)*s) && n < 16) {
		int d = isdigit((unsigned char)*s) ? *s - '0' : (tolower((unsigned char)*s) - 'a' + 10);

		x = x << 4 | (uint64_t)d;
		s++;
		n++;
	}
	if (!n || isxdigit((unsigned char)*s))
		return NULL;
	*v = (int64_t)x;
	return s;
}

/* %r: "ret:%x" (ST) prints -22 as ffffffea, "ret:%d" (upstream) as -22. */
static const char *conv_ret(const char *t, int64_t *v)
{
	int64_t x;
	const char *e;

	if (*t == '-')
		return conv_dec(t, v);
	e = conv_hex(t, &x);
	if (!e)
		return NULL;
	*v = (int32_t)(uint32_t)x;
	return e;
}

/* What the conversions of one pattern captured. */
struct margs {
	unsigned int n_num;
	int64_t num[3];
	char str[KLOG_PATH_MAX];
	char str2[KLOG_NAME_MAX];
};

/*
 * Match pattern @p against text @t entirely (trailing blanks allowed).
 * Non-greedy %s: each occurrence of what follows is tried in turn.
 */
static bool match_at(const char *p, const char *t, struct margs *out, int depth)
{
	const char *p0 = p;

	while (*p) {
		if (*p != '%') {
			if (*p != *t)
				return false;
			p++;
			t++;
			continue;
		}
		p++;
		switch (*p++) {
		case 'd':
		case 'x':
		case 'r': {
			int64_t v;
			const char *e = p[-1] == 'd' ? conv_dec(t, &v) :
					p[-1] == 'x' ? conv_hex(t, &v) : conv_ret(t, &v);

			if (!e || out->n_num >= 3)
				return false;
			out->num[out->n_num++] = v;
			t = e;
			break;
		}
		case 'w': {
			const char *s = t;
			char *dst = out->str[0] ? out->str2 : out->str;
			size_t cap = out->str[0] ? sizeof(out->str2) : sizeof(out->str);
			size_t k;

			while (is_word(*s))
				s++;
			if (s == t)
				return false;
			k = (size_t)(s - t) < cap - 1 ? (size_t)(s - t) : cap - 1;
			memcpy(dst, t, k);
			dst[k] = 0;
			t = s;
			break;
		}
		case 's': {
			/* the literal that follows, up to the next conversion */
			const char *lit = p;
			size_t ll = strcspn(lit, "%");
			bool lead = depth == 0 && p - 2 == p0;
			char litbuf[96];
			const char *s;

			if (depth > 3)
				return false;
			if (!ll) {
				/* end of pattern: the rest, without trailing blanks */
				size_t n = strlen(t);
				char *dst = out->str[0] ? out->str2 : out->str;
				size_t cap = out->str[0] ? sizeof(out->str2) : sizeof(out->str);

				while (n && isspace((unsigned char)t[n - 1]))
					n--;
				if (!n || *lit)
					return false;
				if (n > cap - 1)
					n = cap - 1;
				memcpy(dst, t, n);
				dst[n] = 0;
				return true;
			}
			if (ll >= 96 || !*t)
				return false;	/* %s is never empty */
			memcpy(litbuf, lit, ll);
			litbuf[ll] = 0;
			for (s = strstr(t + 1, litbuf); s; s = strstr(s + 1, litbuf)) {
				struct margs save;
				char *dst;
				size_t cap, n;

				/* a leading %s is a name: it never spans a "driver device: " prefix */
				if (lead && memchr(t, ':', (size_t)(s - t)))
					break;
				save = *out;
				dst = out->str[0] ? out->str2 : out->str;
				cap = out->str[0] ? sizeof(out->str2) : sizeof(out->str);
				n = (size_t)(s - t) < cap - 1 ? (size_t)(s - t) : cap - 1;
				memcpy(dst, t, n);
				dst[n] = 0;
				if (match_at(p, s, out, depth + 1))
					return true;
				*out = save;
			}
			return false;
		}
		default:
			return false;
		}
	}
	while (isspace((unsigned char)*t))
		t++;
	return *t == 0;
}

/* Skip "[ 12.345]" / "[Thu Dec ...]" / "[  T123]"; keep a numeric stamp. */
static const char *skip_brackets(const char *s, struct klog_line *out)
{
	for (;;) {
		const char *e;
		char *end;
		double v;

		while (*s == ' ' || *s == '\t')
			s++;
		if (*s != '[')
			return s;
		e = strchr(s, ']');
		if (!e || e - s > 40)
			return s;
		v = strtod(s + 1, &end);
		if (end != s + 1 && end <= e && (*end == ']' || *end == ' ') && !out->has_ts) {
			const char *q = end;

			while (q < e && *q == ' ')
				q++;
			if (q == e) {
				out->has_ts = true;
				out->ts = v;
			}
		}
		s = e + 1;
	}
}

/* Drop the log tool's prefixes (see the file comment, step 1). */
static const char *strip_prefixes(const char *s, struct klog_line *out)
{
	const char *k;

	while (*s == ' ' || *s == '\t' || *s == '>' || *s == '|')
		s++;
	/* "<3>" syslog level */
	if (s[0] == '<' && isdigit((unsigned char)s[1])) {
		const char *e = s + 1;

		while (isdigit((unsigned char)*e))
			e++;
		if (*e == '>')
			s = e + 1;
	}
	/* /dev/kmsg "3,1234,5678901,-;" or "...,-,caller=T12;" */
	if (isdigit((unsigned char)*s)) {
		size_t n = strspn(s, "0123456789,-+=abcdefghijklmnopqrstuvwxyzCT");

		if (n < 64 && s[n] == ';' && memchr(s, ',', n))
			s += n + 1;
	}
	/* dmesg -x "kern  :err   : " */
	if (!strncmp(s, "kern", 4) && s[4] == ' ') {
		const char *c1 = strchr(s, ':');
		const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (c2 && c2 - s < 24)
			s = c2 + 1;
	}
	/* journal / syslog "... host kernel: " (within the first 120 bytes) */
	s = skip_brackets(s, out);
	k = strstr(s, "kernel: ");
	if (k && k - s < 120)
		s = k + 8;
	s = skip_brackets(s, out);
	return s;
}

/* The "driver device" before position @at of @msg. */
static void split_prefix(const char *msg, const char *at, struct klog_line *out)
{
	const char *e = at;
	const char *b, *d;
	size_t n;

	while (e > msg && (e[-1] == ' ' || e[-1] == ':'))
		e--;
	/* dev_err_probe()'s "error -EINVAL: " is part of the pattern, not the device */
	b = e;
	while (b > msg && b[-1] != ' ')
		b--;
	n = (size_t)(e - b) < sizeof(out->device) - 1 ? (size_t)(e - b) : sizeof(out->device) - 1;
	memcpy(out->device, b, n);
	out->device[n] = 0;
	d = b;
	while (d > msg && d[-1] == ' ')
		d--;
	e = d;
	while (d > msg && d[-1] != ' ' && d[-1] != ':' && d[-1] != ']')
		d--;
	n = (size_t)(e - d) < sizeof(out->driver) - 1 ? (size_t)(e - d) : sizeof(out->driver) - 1;
	memcpy(out->driver, d, n);
	out->driver[n] = 0;
	if (!out->driver[0]) {
		/* a pr_fmt prefix ("optee: ") names the driver only */
		memcpy(out->driver, out->device, sizeof(out->driver) - 1);
		out->driver[sizeof(out->driver) - 1] = 0;
		out->device[0] = 0;
	}
}

/* Is this deferred-probe line about a remote processor? */
static bool deferred_is_ours(const struct klog_line *l)
{
	static const char *const keys[] = { "rproc", "remoteproc", "m33", "m4", "TEE" };
	const char *where[] = { l->device, l->driver, l->str };

	for (size_t w = 0; w < 3; w++)
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (strstr(where[w], keys[i]))
				return true;
	return false;
}

static uint32_t ta_cmd_of(const char *name)
{
	static const struct {
		const char *suffix;
		uint32_t cmd;
	} cmds[] = {
		{ "LOAD_FW", RPROC_DIAG_TA_LOAD_FW },
		{ "START_FW", RPROC_DIAG_TA_START_FW },
		{ "START", RPROC_DIAG_TA_START_FW },
		{ "STOP_FW", RPROC_DIAG_TA_STOP_FW },
		{ "STOP", RPROC_DIAG_TA_STOP_FW },
		{ "GET_RSC_TABLE", RPROC_DIAG_TA_GET_RSC_TABLE },
		{ "GET_COREDUMP", RPROC_DIAG_TA_GET_COREDUMP },
		{ "RELEASE_FW", RPROC_DIAG_TA_RELEASE_FW },
	};
	const char *s;

	if (!strncmp(name, "TA_RPROC_FW_CMD_", 16))
		s = name + 16;
	else if (!strncmp(name, "TA_RPROC_CMD_", 13))
		s = name + 13;
	else
		return 0;
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(s, cmds[i].suffix))
			return cmds[i].cmd;
	return 0;
}

static int rproc_index_of(const char *dev);

enum klog_msg klog_match_line(const char *line, unsigned int lineno, struct klog_line *out)
{
	char buf[KLOG_LINE_MAX];
	const char *msg, *at;
	size_t n;

	memset(out, 0, sizeof(*out));
	n = strcspn(line, "\r\n");
	if (n > sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	memcpy(buf, line, n);
	buf[n] = 0;
	/* NUL bytes and control characters from a damaged paste: blanks */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)buf[i] < 0x20)
			buf[i] = ' ';

	msg = strip_prefixes(buf, out);
	for (at = msg; at && *at; ) {
		for (size_t i = 0; i < N_PATTERNS; i++) {
			struct margs m;

			if (patterns[i].fmt[0] != '%' && patterns[i].fmt[0] != *at)
				continue;
			m.n_num = 0;
			m.str[0] = 0;
			m.str2[0] = 0;
			if (!match_at(patterns[i].fmt, at, &m, 0))
				continue;
			if (patterns[i].msg == KLOG_TA_INVOKE_FAILED && !ta_cmd_of(m.str))
				continue;
			out->n_num = m.n_num;
			memcpy(out->num, m.num, sizeof(out->num));
			memcpy(out->str, m.str, sizeof(out->str));
			memcpy(out->str2, m.str2, sizeof(out->str2));
			out->msg = patterns[i].msg;
			out->pat = &patterns[i];
			out->lineno = lineno;
			split_prefix(msg, at, out);
			if (out->msg == KLOG_DEFERRED_PENDING && !deferred_is_ours(out))
				break;
			/* "optee: revision" etc. only from the OP-TEE driver */
			if ((out->msg == KLOG_OPTEE_REVISION || out->msg == KLOG_OPTEE_INITIALIZED ||
			     out->msg == KLOG_OPTEE_ENUM_FAILED || out->msg == KLOG_OPTEE_DEVREG_FAILED) &&
			    strcmp(out->driver, "optee"))
				break;
			if (out->msg == KLOG_RPROC_AVAILABLE && rproc_index_of(out->device) < 0)
				break;
			n = strlen(msg) < sizeof(out->text) - 1 ? strlen(msg) : sizeof(out->text) - 1;
			out->body = (unsigned int)(at - msg) < n ? (unsigned int)(at - msg) : 0;
			memcpy(out->text, msg, n);
			out->text[n] = 0;
			while (n && isspace((unsigned char)out->text[n - 1]))
				out->text[--n] = 0;
			return out->msg;
		}
		at = strstr(at, ": ");
		if (at)
			at += 2;
	}
	memset(out, 0, sizeof(*out));
	return KLOG_NONE;
}

/* ------------------------------------------------------------------ */
/* grouping into attempts                                               */

struct parser {
	struct klog *k;
	size_t cap_lines, cap_attempts;
	int open_boot;			/* index of the open boot attempt, -1 */
};

static int rproc_index_of(const char *dev)
{
	char *end;
	long v;

	if (strncmp(dev, "remoteproc", 10) || !isdigit((unsigned char)dev[10]))
		return -1;
	v = strtol(dev + 10, &end, 10);
	return *end || v > 1000000 ? -1 : (int)v;
}

static void copy(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n > cap - 1)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
}

static struct klog_attempt *new_attempt(struct parser *ps, enum klog_kind kind, unsigned int li)
{
	struct klog *k = ps->k;
	struct klog_attempt *a;

	if (k->n_attempts == KLOG_MAX_ATTEMPTS) {
		k->truncated = true;
		return NULL;
	}
	if (k->n_attempts == ps->cap_attempts) {
		size_t nc = ps->cap_attempts ? ps->cap_attempts * 2 : 8;
		void *np = realloc(k->attempts, nc * sizeof(*k->attempts));

		if (!np)
			return NULL;
		k->attempts = np;
		ps->cap_attempts = nc;
	}
	a = &k->attempts[k->n_attempts++];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->rproc_index = -1;
	a->first_line = a->last_line = li;
	if (k->lines[li].has_ts) {
		a->has_ts = true;
		a->ts = k->lines[li].ts;
	}
	return a;
}

/* The boot attempt a remote-processor line belongs to (opens one if needed). */
static struct klog_attempt *boot_for(struct parser *ps, const char *rproc_dev, unsigned int li)
{
	struct klog *k = ps->k;
	struct klog_attempt *a;

	if (ps->open_boot >= 0) {
		a = &k->attempts[ps->open_boot];
		if (!rproc_dev[0] || !a->rproc_dev[0] || !strcmp(a->rproc_dev, rproc_dev)) {
			if (!a->rproc_dev[0] && rproc_dev[0]) {
				copy(a->rproc_dev, sizeof(a->rproc_dev), rproc_dev);
				a->rproc_index = rproc_index_of(rproc_dev);
			}
			return a;
		}
	}
	a = new_attempt(ps, KLOG_KIND_BOOT, li);
	if (!a)
		return NULL;
	ps->open_boot = (int)(a - k->attempts);
	if (rproc_dev[0]) {
		copy(a->rproc_dev, sizeof(a->rproc_dev), rproc_dev);
		a->rproc_index = rproc_index_of(rproc_dev);
	}
	return a;
}

/* The open probe attempt of @dev, or a new one. */
static struct klog_attempt *probe_for(struct parser *ps, const char *dev, unsigned int li)
{
	struct klog *k = ps->k;
	struct klog_attempt *a;

	for (unsigned int i = k->n_attempts; i-- > 0; ) {
		a = &k->attempts[i];
		if (a->kind == KLOG_KIND_PROBE && !strcmp(a->platform_dev, dev)) {
			if (a->outcome == KLOG_OUTCOME_UNKNOWN)
				return a;
			break;
		}
	}
	a = new_attempt(ps, KLOG_KIND_PROBE, li);
	if (a)
		copy(a->platform_dev, sizeof(a->platform_dev), dev);
	return a;
}

static void close_boot(struct parser *ps)
{
	ps->open_boot = -1;
}

/* Remember the remote-processor name "m33" of "remoteproc0: m33 is available". */
static const char *known_name(const struct klog *k, const char *rproc_dev, unsigned int upto)
{
	for (unsigned int i = upto; i-- > 0; ) {
		const struct klog_line *l = &k->lines[i];

		if (l->msg == KLOG_RPROC_AVAILABLE && !strcmp(l->device, rproc_dev))
			return l->str;
	}
	return NULL;
}

static void add_line(struct parser *ps, unsigned int li)
{
	struct klog *k = ps->k;
	struct klog_line *l = &k->lines[li];
	struct klog_attempt *a = NULL;
	const char *rdev = rproc_index_of(l->device) >= 0 ? l->device : "";
	int32_t e = l->n_num ? (int32_t)l->num[l->n_num - 1] : 0;

	switch (l->msg) {
	case KLOG_RPROC_AVAILABLE:
		return;
	case KLOG_OPTEE_REVISION:
		k->optee_seen = true;
		copy(k->optee_revision, sizeof(k->optee_revision), l->str);
		return;
	case KLOG_OPTEE_INITIALIZED:
		k->optee_seen = true;
		return;
	case KLOG_OPTEE_ENUM_FAILED:
	case KLOG_OPTEE_DEVREG_FAILED:
		k->optee_seen = true;
		k->optee_enum_failed = true;
		k->optee_enum_err = (uint32_t)l->num[0];
		return;
	case KLOG_POWERING_UP:
	case KLOG_ATTACHING:
		close_boot(ps);
		a = boot_for(ps, rdev, li);
		if (a)
			copy(a->rproc_name, sizeof(a->rproc_name), l->str);
		break;
	case KLOG_SESSION_FAILED:
	case KLOG_SIGNED_UNSUPPORTED:
	case KLOG_SIGNED_ONLY:
	case KLOG_DEFERRED_PENDING:
	case KLOG_TEE_RPROC_TWICE:
		a = probe_for(ps, l->device, li);
		if (!a)
			return;
		if (l->msg == KLOG_SESSION_FAILED) {
			a->session_failed = true;
			a->session_tee = (uint32_t)l->num[0];
			if (l->pat->tree == KLOG_TREE_SERIES)
				a->driver = KLOG_DRIVER_UPSTREAM;
		} else if (l->msg == KLOG_SIGNED_UNSUPPORTED) {
			if (l->n_num) {
				a->has_probe_err = true;
				a->probe_err = (int32_t)l->num[0];
			}
			a->outcome = KLOG_OUTCOME_FAILED;
		} else if (l->msg == KLOG_SIGNED_ONLY) {
			a->outcome = KLOG_OUTCOME_OK;
		} else if (l->msg == KLOG_DEFERRED_PENDING) {
			a->deferred = true;
			a->outcome = KLOG_OUTCOME_DEFERRED;
		} else {
			a->has_probe_err = true;
			a->probe_err = -EBUSY;
			a->outcome = KLOG_OUTCOME_FAILED;
		}
		break;
	case KLOG_TA_INVOKE_FAILED: {
		uint32_t cmd = ta_cmd_of(l->str);

		if (ps->open_boot < 0 && (cmd == RPROC_DIAG_TA_STOP_FW || cmd == RPROC_DIAG_TA_RELEASE_FW)) {
			a = new_attempt(ps, KLOG_KIND_SHUTDOWN, li);
			if (a)
				a->outcome = KLOG_OUTCOME_FAILED;
		} else {
			a = boot_for(ps, "", li);
		}
		if (!a)
			return;
		/* the series' "%#x, ret:%d", its command names, or its driver name */
		if (l->pat->tree == KLOG_TREE_SERIES || strstr(l->text, "ret:-") ||
		    !strncmp(l->str, "TA_RPROC_CMD_", 13) || cmd == RPROC_DIAG_TA_RELEASE_FW ||
		    !strcmp(l->str, "TA_RPROC_FW_CMD_START") || !strcmp(l->str, "TA_RPROC_FW_CMD_STOP") ||
		    !strcmp(l->driver, "remoteproc_tee"))
			a->driver = KLOG_DRIVER_UPSTREAM;
		else if (a->driver == KLOG_DRIVER_UNKNOWN)
			a->driver = KLOG_DRIVER_ST;
		if (a->n_cmds < KLOG_MAX_CMDS) {
			struct klog_cmd *c = &a->cmds[a->n_cmds++];

			c->func = cmd;
			c->tee = (uint32_t)l->num[0];
			c->ret = (int32_t)l->num[1];
			c->line = li;
		} else {
			k->truncated = true;
		}
		break;
	}
	case KLOG_STOPPED:
	case KLOG_STOP_FAILED:
		close_boot(ps);
		/* rproc_stop() prints after the TEE driver's STOP line of the same stop */
		a = k->n_attempts ? &k->attempts[k->n_attempts - 1] : NULL;
		if (!a || a->kind != KLOG_KIND_SHUTDOWN || a->last_line + 1 != li || a->rproc_dev[0])
			a = new_attempt(ps, KLOG_KIND_SHUTDOWN, li);
		if (!a)
			return;
		copy(a->rproc_dev, sizeof(a->rproc_dev), rdev);
		a->rproc_index = rproc_index_of(rdev);
		a->outcome = l->msg == KLOG_STOPPED ? KLOG_OUTCOME_OK : KLOG_OUTCOME_FAILED;
		if (l->msg == KLOG_STOPPED)
			copy(a->rproc_name, sizeof(a->rproc_name), l->str);
		else {
			a->has_core_err = true;
			a->core_err = e;
			a->core_msg = l->msg;
		}
		break;
	default:
		/* everything else belongs to a boot of a remote processor */
		a = boot_for(ps, rdev, li);
		if (!a)
			return;
		switch (l->msg) {
		case KLOG_REQUEST_FW_FAILED:
			a->has_fw_err = true;
			a->fw_err = e;
			break;
		case KLOG_FW_LOADING_FAILED:
			copy(a->fw_path, sizeof(a->fw_path), l->str);
			a->fw_path_err = e;
			break;
		case KLOG_FW_FAILED_TO_LOAD:
		case KLOG_FW_DIRECT_FAILED:
			copy(a->firmware, sizeof(a->firmware), l->str);
			a->has_fw_err = true;
			a->fw_err = e;
			break;
		case KLOG_FW_DOTDOT:
			copy(a->firmware, sizeof(a->firmware), l->str);
			a->has_fw_err = true;
			a->fw_err = -EINVAL;
			break;
		case KLOG_BOOTING_FW:
			copy(a->firmware, sizeof(a->firmware), l->str);
			a->has_fw_size = true;
			a->fw_size = l->num[0];
			break;
		case KLOG_PREPARE_FAILED:
		case KLOG_RESOURCES_FAILED:
		case KLOG_CARVEOUTS_FAILED:
		case KLOG_CARVEOUT_ALLOC_FAILED:
		case KLOG_LOAD_SEGMENTS_FAILED:
		case KLOG_START_FAILED:
		case KLOG_SUBDEV_FAILED:
			if (!a->has_core_err) {
				a->has_core_err = true;
				a->core_err = e;
				a->core_msg = l->msg;
			}
			break;
		case KLOG_ELF_REFUSED:
			a->elf_refused = true;
			copy(a->elf_reason, sizeof(a->elf_reason), l->text + l->body);
			break;
		case KLOG_NO_RSC_TABLE:
			a->no_rsc_table = true;
			break;
		case KLOG_RSC_MAP_FAILED:
			a->rsc_map_failed = true;
			break;
		case KLOG_SHM_REGISTER_FAILED:
			a->shm_failed = true;
			a->shm_err = e;
			break;
		case KLOG_UP:
		case KLOG_ATTACHED:
			l->attempt = (int)(a - k->attempts);
			a->outcome = KLOG_OUTCOME_OK;
			a->has_boot_ret = true;
			a->boot_ret = 0;
			a->last_line = li;
			close_boot(ps);
			return;
		case KLOG_BOOT_FAILED:
			l->attempt = (int)(a - k->attempts);
			a->has_boot_ret = true;
			a->boot_ret = e;
			a->outcome = e ? KLOG_OUTCOME_FAILED : KLOG_OUTCOME_OK;
			a->last_line = li;
			close_boot(ps);
			return;
		case KLOG_DELETING:
			a->outcome = KLOG_OUTCOME_FAILED;
			break;
		default:
			break;
		}
		break;
	}
	if (a) {
		l->attempt = (int)(a - k->attempts);
		if (li > a->last_line)
			a->last_line = li;
	}
	if (a && !a->rproc_name[0] && a->rproc_dev[0]) {
		const char *nm = known_name(k, a->rproc_dev, li);

		if (nm)
			copy(a->rproc_name, sizeof(a->rproc_name), nm);
	}
}

/* The errno an attempt ended with, and the layer it came from. */
static void finish(struct klog_attempt *a)
{
	if (a->kind == KLOG_KIND_PROBE) {
		a->stage = KLOG_STAGE_SESSION;
		if (a->has_probe_err) {
			a->has_err = true;
			a->err = a->probe_err;
		} else if (a->session_failed) {
			a->has_err = true;
			a->err = -EINVAL;	/* tee_rproc_register(): ERR_PTR(-EINVAL) */
		} else if (a->deferred) {
			a->has_err = true;
			a->err = -EPROBE_DEFER;
		}
		if (a->session_failed && a->outcome == KLOG_OUTCOME_UNKNOWN)
			a->outcome = KLOG_OUTCOME_FAILED;
		return;
	}
	if (a->has_boot_ret && a->boot_ret) {
		a->has_err = true;
		a->err = a->boot_ret;
	} else if (a->has_fw_err) {
		a->has_err = true;
		a->err = a->fw_err;
	} else if (a->n_cmds) {
		a->has_err = true;
		a->err = a->cmds[0].ret < 0 ? a->cmds[0].ret : -EIO;
	} else if (a->has_core_err) {
		a->has_err = true;
		a->err = a->core_err;
	} else if (a->elf_refused) {
		a->has_err = true;
		a->err = -EINVAL;
	}
	if (!a->has_err)
		return;
	if (a->outcome == KLOG_OUTCOME_UNKNOWN && (a->has_fw_err || a->n_cmds || a->has_core_err ||
						   a->elf_refused))
		a->outcome = KLOG_OUTCOME_FAILED;
	/* the first layer that reported this errno */
	if (a->has_fw_err && a->fw_err == a->err)
		a->stage = KLOG_STAGE_FIRMWARE;
	else if (a->elf_refused)
		a->stage = KLOG_STAGE_ELF;
	else if (a->n_cmds || a->rsc_map_failed || a->shm_failed)
		a->stage = KLOG_STAGE_TEE;
	else if (a->has_core_err)
		a->stage = KLOG_STAGE_CORE;
	else if (a->kind == KLOG_KIND_SHUTDOWN)
		a->stage = KLOG_STAGE_TEE;
}

static int push_line(struct parser *ps, const struct klog_line *l)
{
	struct klog *k = ps->k;

	if (k->n_lines == KLOG_MAX_LINES) {
		k->truncated = true;
		return 0;
	}
	if (k->n_lines == ps->cap_lines) {
		size_t nc = ps->cap_lines ? ps->cap_lines * 2 : 32;
		void *np = realloc(k->lines, nc * sizeof(*k->lines));

		if (!np)
			return -ENOMEM;
		k->lines = np;
		ps->cap_lines = nc;
	}
	k->lines[k->n_lines] = *l;
	k->lines[k->n_lines].attempt = -1;
	add_line(ps, k->n_lines);
	k->n_lines++;
	return 0;
}

static void parse_begin(struct parser *ps, struct klog *out)
{
	memset(out, 0, sizeof(*out));
	memset(ps, 0, sizeof(*ps));
	ps->k = out;
	ps->open_boot = -1;
}

static void parse_end(struct klog *k)
{
	for (unsigned int i = 0; i < k->n_attempts; i++)
		finish(&k->attempts[i]);
}

int klog_parse_file(FILE *f, struct klog *out)
{
	struct parser ps;
	struct klog_line *l;
	char buf[KLOG_LINE_MAX];
	int ret = 0;

	parse_begin(&ps, out);
	l = malloc(sizeof(*l));
	if (!l)
		return -ENOMEM;
	while (fgets(buf, sizeof(buf), f)) {
		size_t n = strlen(buf);

		/* a longer line: keep its first KLOG_LINE_MAX - 1 bytes, drop the rest */
		if (n && buf[n - 1] != '\n' && !feof(f)) {
			int c;

			while ((c = fgetc(f)) != EOF && c != '\n')
				;
		}
		out->n_input++;
		if (klog_match_line(buf, out->n_input, l) != KLOG_NONE) {
			ret = push_line(&ps, l);
			if (ret)
				break;
		}
	}
	if (!ret && ferror(f))
		ret = -EIO;
	free(l);
	parse_end(out);
	return ret;
}

int klog_parse_buf(const char *buf, size_t len, struct klog *out)
{
	struct parser ps;
	struct klog_line *l;
	char line[KLOG_LINE_MAX];
	size_t i = 0;
	int ret = 0;

	parse_begin(&ps, out);
	l = malloc(sizeof(*l));
	if (!l)
		return -ENOMEM;
	while (i < len) {
		size_t j = i, n;

		while (j < len && buf[j] != '\n')
			j++;
		n = j - i < sizeof(line) - 1 ? j - i : sizeof(line) - 1;
		memcpy(line, buf + i, n);
		line[n] = 0;
		i = j + 1;
		out->n_input++;
		if (klog_match_line(line, out->n_input, l) != KLOG_NONE) {
			ret = push_line(&ps, l);
			if (ret)
				break;
		}
	}
	free(l);
	parse_end(out);
	return ret;
}

void klog_free(struct klog *k)
{
	free(k->lines);
	free(k->attempts);
	memset(k, 0, sizeof(*k));
}
