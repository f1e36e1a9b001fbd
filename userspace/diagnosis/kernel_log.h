/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Kernel log reader: the lines of the TEE remoteproc load path in a dmesg,
 * journalctl or syslog excerpt (any kernel generation, with or without
 * timestamps, log-level and host prefixes), grouped into attempts, and the
 * real kernel reason of every errno such an attempt can end with.
 *
 * Every message this file recognises is a row of one table (kernel_log.c),
 * with the kernel file and function that prints it.  Pure functions on
 * text: no I/O but the FILE * the caller hands in, so pasted logs can be
 * unit-tested.  Memory is bounded whatever the input: lines are cut at
 * KLOG_LINE_MAX bytes, and at most KLOG_MAX_LINES recognised lines and
 * KLOG_MAX_ATTEMPTS attempts are kept (klog.truncated says so).
 */
#ifndef RPROC_DIAG_KERNEL_LOG_H
#define RPROC_DIAG_KERNEL_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KLOG_LINE_MAX		1024	/* printk's own limit is 1024 - prefix */
#define KLOG_MAX_LINES		4096
#define KLOG_MAX_ATTEMPTS	256
#define KLOG_MAX_CMDS		8	/* failed TA commands kept per attempt */
#define KLOG_NAME_MAX		128
#define KLOG_PATH_MAX		512

/* What a recognised line says (one or more table rows per message). */
enum klog_msg {
	KLOG_NONE = 0,
	/* remoteproc core: drivers/remoteproc/remoteproc_core.c, _sysfs.c */
	KLOG_RPROC_AVAILABLE,	/* "%s is available" (rproc_add) */
	KLOG_POWERING_UP,	/* "powering up %s" (rproc_boot) */
	KLOG_ATTACHING,		/* "attaching to %s" (rproc_boot) */
	KLOG_REQUEST_FW_FAILED,	/* "request_firmware failed: %d" (rproc_boot) */
	KLOG_BOOTING_FW,	/* "Booting fw image %s, size %zd" (rproc_fw_boot) */
	KLOG_PREPARE_FAILED,	/* "can't prepare rproc %s: %d" */
	KLOG_RESOURCES_FAILED,	/* "Failed to process resources: %d" */
	KLOG_CARVEOUTS_FAILED,	/* "Failed to allocate associated carveouts: %d" */
	KLOG_CARVEOUT_ALLOC_FAILED, /* "Unable to allocate carveout %s: %d" */
	KLOG_LOAD_SEGMENTS_FAILED, /* "Failed to load program segments: %d" (rproc_start) */
	KLOG_START_FAILED,	/* "can't start rproc %s: %d" (rproc_start) */
	KLOG_SUBDEV_FAILED,	/* "failed to prepare|probe subdevices for %s: %d" */
	KLOG_UP,		/* "remote processor %s is now up" */
	KLOG_ATTACHED,		/* "remote processor %s is now attached" */
	KLOG_STOPPED,		/* "stopped remote processor %s" (rproc_stop) */
	KLOG_STOP_FAILED,	/* "can't stop rproc: %d" */
	KLOG_BOOT_FAILED,	/* "Boot failed: %d" (remoteproc_sysfs.c state_store) */
	KLOG_DELETING,		/* "can't boot deleting|deleted rproc %s" */
	KLOG_ELF_REFUSED,	/* rproc_elf_sanity_check (remoteproc_elf_loader.c) */
	/* firmware loader: drivers/base/firmware_loader/main.c */
	KLOG_FW_LOADING_FAILED,	/* "loading %s failed with error %d" (full path) */
	KLOG_FW_FAILED_TO_LOAD,	/* "firmware: failed to load %s (%d)" */
	KLOG_FW_DIRECT_FAILED,	/* "Direct firmware load for %s failed with error %d" */
	KLOG_FW_DOTDOT,		/* "Firmware load for '%s' refused, path contains '..' component" */
	/* TEE remoteproc drivers: ST tee_remoteproc.c, upstream remoteproc_tee.c */
	KLOG_TA_INVOKE_FAILED,	/* "<TA command> invoke failed TEE err: %x, ret:%x" */
	KLOG_SESSION_FAILED,	/* "tee_client_open_session failed, err: %x" */
	KLOG_CLOSE_SESSION_FAILED, /* "tee_client_close_session failed, err: %x" */
	KLOG_SHM_REGISTER_FAILED, /* "Failed to register kernel buffer in tee: %ld" (ST 6.1-r2) */
	KLOG_RSC_MAP_FAILED,	/* "Unable to map memory region: %lld+%zx" */
	KLOG_TEE_RPROC_TWICE,	/* "An RPROC OP-TEE device was already initialized: ..." */
	KLOG_RELEASE_BAD_STATE,	/* "unexpected rproc state: %d" (rproc_tee_release_fw) */
	/* platform driver: ST drivers/remoteproc/stm32_rproc.c */
	KLOG_SIGNED_UNSUPPORTED, /* "[error %pe: ]signed firmware not supported by TEE" */
	KLOG_SIGNED_ONLY,	/* "Support of signed firmware only" */
	KLOG_NO_RSC_TABLE,	/* "no resource table found for this firmware" */
	/* driver core: drivers/base/dd.c */
	KLOG_DEFERRED_PENDING,	/* "deferred probe pending[: %s]" */
	/* OP-TEE driver: drivers/tee/optee/ */
	KLOG_OPTEE_REVISION,	/* "optee: revision %lu.%lu (%08lx)" */
	KLOG_OPTEE_INITIALIZED,	/* "optee: initialized driver" */
	KLOG_OPTEE_ENUM_FAILED,	/* "optee: PTA_CMD_GET_DEVICES invoke function err: %x" */
	KLOG_OPTEE_DEVREG_FAILED, /* "optee: device registration failed, err: %d" */
	KLOG__COUNT
};

/* Where an errno a boot ends with comes from. */
enum klog_stage {
	KLOG_STAGE_UNKNOWN = 0,
	KLOG_STAGE_FIRMWARE,	/* request_firmware(): the file */
	KLOG_STAGE_TEE,		/* TEE remoteproc driver: LOAD/START/STOP/RSC */
	KLOG_STAGE_SESSION,	/* TEE session open / probe of the remoteproc */
	KLOG_STAGE_ELF,		/* Linux's own ELF loader (fw_format ELF) */
	KLOG_STAGE_CORE,	/* remoteproc core: prepare, resources, carveouts */
	KLOG_STAGE__COUNT
};

/* The kernel tree a message text comes from. */
enum klog_tree {
	KLOG_TREE_LINUX = 0,	/* mainline as we build it: Debian linux-source-6.12 */
	KLOG_TREE_LINUX_OLD,	/* mainline 6.1/6.6 only (text changed by 6.12) */
	KLOG_TREE_ST,		/* ST's OpenSTLinux kernels (5.10 .. 6.6) */
	KLOG_TREE_SERIES,	/* the upstream TEE remoteproc patch series */
	KLOG_TREE__COUNT
};

/* One row of the message table (exposed for the tests and for listings). */
struct klog_pattern {
	enum klog_msg msg;
	const char *fmt;	/* what we match: %d %x %r %w %s, see kernel_log.c */
	const char *kfmt;	/* the kernel's format string, verbatim from @file */
	enum klog_tree tree;
	const char *file;	/* "drivers/remoteproc/remoteproc_core.c" */
	const char *func;	/* "rproc_boot()" */
};

const struct klog_pattern *klog_patterns(size_t *n);
const char *klog_tree_name(enum klog_tree t);
const char *klog_msg_name(enum klog_msg m);
const char *klog_stage_name(enum klog_stage s);	/* "firmware-loader" (JSON) */
const char *klog_stage_desc(enum klog_stage s);	/* "the firmware loader (request_firmware)" */

/* One recognised line. */
struct klog_line {
	unsigned int lineno;		/* 1-based line number in the input */
	enum klog_msg msg;
	const struct klog_pattern *pat;	/* the row that matched */
	bool has_ts;
	double ts;			/* seconds, from "[  12.345678]" */
	char driver[64];		/* "remoteproc", "tee_remoteproc", "optee" */
	char device[KLOG_NAME_MAX];	/* "remoteproc0", "optee-ta-80a4...", "" */
	char text[KLOG_LINE_MAX];	/* the message, prefixes removed */
	unsigned int body;		/* offset in text of what the pattern matched */
	int attempt;			/* index of the attempt it belongs to, -1: none */
	/* arguments, in the order of the pattern's conversions */
	unsigned int n_num;
	int64_t num[3];			/* %d / %x / %r values */
	char str[KLOG_PATH_MAX];	/* first %s / %w */
	char str2[KLOG_NAME_MAX];	/* second %s / %w */
};

enum klog_kind {
	KLOG_KIND_BOOT = 1,		/* same values as enum rproc_diag_kind */
	KLOG_KIND_PROBE = 2,		/* registration with the TEE (session open) */
	KLOG_KIND_SHUTDOWN = 3,
};

enum klog_outcome {
	KLOG_OUTCOME_UNKNOWN = 0,	/* the excerpt ends before the outcome */
	KLOG_OUTCOME_OK,		/* "is now up" / "Support of signed firmware only" */
	KLOG_OUTCOME_FAILED,
	KLOG_OUTCOME_DEFERRED,		/* probe deferred, still pending */
};

/* Kernel TEE remoteproc driver generation, as far as its messages tell. */
enum klog_driver {
	KLOG_DRIVER_UNKNOWN = 0,
	KLOG_DRIVER_ST,			/* tee_remoteproc "%x, ret:%x" (ST, or the
					 * first upstream revisions: same text) */
	KLOG_DRIVER_UPSTREAM,		/* remoteproc_tee "%#x, ret:%d" */
};

struct klog_cmd {
	uint32_t func;			/* enum rproc_diag_ta_cmd */
	uint32_t tee;			/* TEE result printed as "TEE err" */
	int32_t ret;			/* tee_client_invoke_func() return */
	unsigned int line;		/* index in klog.lines */
};

struct klog_attempt {
	enum klog_kind kind;
	enum klog_outcome outcome;
	enum klog_driver driver;
	unsigned int first_line, last_line;	/* indices in klog.lines */
	bool has_ts;
	double ts;
	char rproc_dev[KLOG_NAME_MAX];	/* "remoteproc0" */
	int rproc_index;		/* N of remoteprocN, -1 unknown */
	char rproc_name[KLOG_NAME_MAX];	/* "m33" (powering up / is available) */
	char platform_dev[KLOG_NAME_MAX]; /* probe: "812345.m33" */
	char firmware[KLOG_PATH_MAX];	/* name given to request_firmware() */
	char fw_path[KLOG_PATH_MAX];	/* file the loader tried ("loading %s") */
	bool has_fw_size;
	int64_t fw_size;
	bool has_boot_ret;		/* "Boot failed: %d" / "is now up" */
	int32_t boot_ret;
	bool has_fw_err;		/* request_firmware() / loader errno */
	int32_t fw_err;
	int32_t fw_path_err;		/* errno of "loading %s failed" (0: none) */
	bool has_core_err;		/* remoteproc core step that failed */
	int32_t core_err;
	enum klog_msg core_msg;
	bool elf_refused;		/* Linux's ELF loader refused the file */
	char elf_reason[96];
	unsigned int n_cmds;		/* failed TA commands, in order */
	struct klog_cmd cmds[KLOG_MAX_CMDS];
	bool session_failed;
	uint32_t session_tee;
	bool has_probe_err;		/* "error %pe: signed firmware not supported" */
	int32_t probe_err;
	bool deferred;			/* "deferred probe pending" */
	bool no_rsc_table;
	bool rsc_map_failed;
	bool shm_failed;
	int32_t shm_err;
	/* the errno the attempt ended with, and where it came from */
	bool has_err;
	int32_t err;
	enum klog_stage stage;
};

struct klog {
	unsigned int n_input;		/* lines read */
	unsigned int n_lines;
	struct klog_line *lines;	/* recognised lines, input order */
	unsigned int n_attempts;
	struct klog_attempt *attempts;
	bool truncated;			/* a limit above was reached */
	/* board-wide facts */
	bool optee_seen;		/* the OP-TEE driver printed something */
	char optee_revision[64];	/* "4.0 (a8dd87d4)" */
	bool optee_enum_failed;		/* TEE bus enumeration failed */
	uint32_t optee_enum_err;
};

/* Does line @i belong to attempt @a (lines of other attempts interleave)? */
static inline bool klog_line_in_attempt(const struct klog *k, const struct klog_attempt *a,
					unsigned int i)
{
	return i < k->n_lines && k->lines[i].attempt == (int)(a - k->attempts);
}

/* Read @f to the end.  0, -ENOMEM, or -errno of a read error. */
int klog_parse_file(FILE *f, struct klog *out);
/* The same for text in memory. */
int klog_parse_buf(const char *buf, size_t len, struct klog *out);
void klog_free(struct klog *k);

/*
 * Match one input line (no newline needed).  Returns the message, KLOG_NONE
 * when the line is not one of ours; @out is filled when it is.
 */
enum klog_msg klog_match_line(const char *line, unsigned int lineno,
			      struct klog_line *out);

/* The kernel's reason for @err at @stage (NULL when it has none for it). */
struct klog_errno_reason {
	enum klog_stage stage;
	int32_t err;			/* negative errno */
	const char *cause;		/* the knowledge base's cause (kb.c) it leads to, or
					 * NULL when the TEE result decides */
	const char *reason;		/* one or two sentences */
	const char *source;		/* kernel file and function */
	const char *step;		/* what to do, or NULL (the cause's rows say it) */
};

const struct klog_errno_reason *klog_errno_reason(enum klog_stage stage, int32_t err);
const struct klog_errno_reason *klog_errno_reasons(size_t *n);

/* "EINVAL" for 22 or -22, NULL when unknown; and back (-1 unknown). */
const char *klog_errno_name(int32_t err);
int klog_errno_value(const char *name);

#endif
