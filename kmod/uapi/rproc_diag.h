/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * rproc_diag: generic netlink protocol of the rproc_diag kernel module.
 *
 * Documentation
 * =============
 *
 * rproc_diag.ko observes the Linux remoteproc core and the TEE remoteproc
 * driver (ST downstream tee_rproc_*(struct tee_rproc *), the intermediate
 * tee_rproc_*(struct rproc *) and the upstream rproc_tee_*(struct rproc *))
 * with kprobes.  It assembles one *attempt record* per boot attempt and
 * publishes it on generic netlink family RPROC_DIAG_GENL_NAME, version
 * RPROC_DIAG_GENL_VERSION.  The family lives in the initial network namespace
 * only.  This header is the protocol specification; kmod/rproc_diag.yaml
 * describes the same family in the kernel's YNL format.
 *
 * Every command is strictly validated: unknown attributes, attributes of the
 * wrong type or length and trailing garbage are rejected with -EINVAL and an
 * extended-ack message; a value outside its documented range (e.g.
 * RPROC_DIAG_A_ANALYZE_ALWAYS = 2) with -ERANGE.  Integers are host-endian,
 * as in every genetlink family.
 *
 * Commands
 * --------
 *
 * RPROC_DIAG_CMD_GET_STATUS  (NLM_F_REQUEST, do; no attributes)
 *     Replies with one RPROC_DIAG_CMD_GET_STATUS message:
 *
 *         RPROC_DIAG_A_VERSION: NLA_NUL_STRING, module version
 *         RPROC_DIAG_A_PROTO_VERSION: NLA_U32, == RPROC_DIAG_GENL_VERSION
 *         RPROC_DIAG_A_DRIVER_API: NLA_U32, enum rproc_diag_driver_api
 *         RPROC_DIAG_A_RING_SIZE: NLA_U32, records kept (module parameter)
 *         RPROC_DIAG_A_ANALYZE_ALWAYS: NLA_U8, 0/1
 *         RPROC_DIAG_A_NEXT_SEQ: NLA_U64, sequence number of the next record
 *         RPROC_DIAG_A_CNT_ATTEMPTS: NLA_U64, attempts recorded since load
 *         RPROC_DIAG_A_CNT_TEE_FAILURES: NLA_U64, TA commands with ret != 0
 *         RPROC_DIAG_A_CNT_DROPS: NLA_U64, records overwritten before they
 *             were published, or lost for lack of memory
 *         RPROC_DIAG_A_HOOKS: NLA_NESTED
 *             0: NLA_NESTED, one per hook the module knows
 *                 RPROC_DIAG_HOOK_A_NAME: NLA_NUL_STRING, role, e.g. "load_fw"
 *                 RPROC_DIAG_HOOK_A_SYMBOL: NLA_NUL_STRING, kernel symbol
 *                 RPROC_DIAG_HOOK_A_ATTACHED: NLA_U8, 1 if the probe is live
 *                 RPROC_DIAG_HOOK_A_ERROR: NLA_S32, register_kretprobe()
 *                     result when not attached (-ENOENT: symbol absent,
 *                     which is normal for the other driver generations)
 *                 RPROC_DIAG_HOOK_A_HITS: NLA_U64, times the probe fired
 *                 RPROC_DIAG_HOOK_A_MISSED: NLA_U64, kretprobe nmissed
 *             ...
 *
 * RPROC_DIAG_CMD_GET_ATTEMPTS  (NLM_F_REQUEST | NLM_F_DUMP)
 *     Optional request attribute RPROC_DIAG_A_SEQ (NLA_U64): only records
 *     with a sequence number >= that value.  Dumps the ring, oldest first,
 *     one RPROC_DIAG_CMD_ATTEMPT message per record (the "attempt record"
 *     below).  A consumer that saw a gap in event sequence numbers, or an
 *     ENOBUFS overrun, resynchronises with this dump.
 *
 * RPROC_DIAG_CMD_CLEAR  (NLM_F_REQUEST, do; needs CAP_NET_ADMIN)
 *     Empties the ring and zeroes the counters.  Sequence numbers keep
 *     increasing.
 *
 * RPROC_DIAG_CMD_SET_OPTIONS  (NLM_F_REQUEST, do; needs CAP_NET_ADMIN)
 *     RPROC_DIAG_A_ANALYZE_ALWAYS: NLA_U8, 0 or 1: run the deferred image
 *         analysis after every attempt, not only after a failed LOAD.
 *     At least one option must be present.
 *
 * Notifications on multicast group RPROC_DIAG_MCGRP_EVENTS
 * ---------------------------------------------------------
 *
 * Joining the group needs CAP_NET_ADMIN on kernels that support multicast
 * group permissions (v5.12 and later).  Notifications leave some 50 ms
 * after the attempt finished, several at once after a burst; attempts that
 * finish while nobody is in the group are not sent later (dump them).
 *
 * RPROC_DIAG_CMD_ATTEMPT: one per finished boot attempt (and one per
 *     tee_rproc_register()/rproc_tee_register() call, kind REGISTER),
 *     carrying the attempt record.
 * RPROC_DIAG_CMD_ANALYSIS: the deferred analysis of an attempt finished:
 *     RPROC_DIAG_A_SEQ of the attempt and RPROC_DIAG_A_ANALYSIS.  The same
 *     nest appears in later dumps of that attempt.
 *
 * The attempt record
 * ------------------
 *
 *     RPROC_DIAG_A_SEQ: NLA_U64, increases by one per record; a gap means
 *         records were lost
 *     RPROC_DIAG_A_KIND: NLA_U32, enum rproc_diag_kind
 *     RPROC_DIAG_A_TS_START: NLA_U64, CLOCK_REALTIME ns at entry
 *     RPROC_DIAG_A_TS_END: NLA_U64, CLOCK_REALTIME ns at return
 *     RPROC_DIAG_A_RPROC_INDEX: NLA_U32, N of /sys/class/remoteproc/remoteprocN
 *         (absent when unknown)
 *     RPROC_DIAG_A_RPROC_NAME: NLA_NUL_STRING, rproc->name
 *     RPROC_DIAG_A_FW_NAME: NLA_NUL_STRING, rproc->firmware
 *     RPROC_DIAG_A_FW_SIZE: NLA_U64, size of the image handed to the TEE
 *     RPROC_DIAG_A_DRIVER_API: NLA_U32, enum rproc_diag_driver_api
 *     RPROC_DIAG_A_BOOT_RET: NLA_S32, return of rproc_boot() (the number in
 *         "Boot failed: %d"); for kind REGISTER, the errno returned by the
 *         register call (0 on success, -EPROBE_DEFER when no TA is on the
 *         TEE bus)
 *     RPROC_DIAG_A_FLAGS: NLA_U32, RPROC_DIAG_F_* bits
 *     RPROC_DIAG_A_SESSION: NLA_NESTED, the TEE session open seen for this
 *         rproc (absent if the module was loaded after it)
 *         RPROC_DIAG_SESS_A_RET: NLA_U32, TEE result (arg.ret)
 *         RPROC_DIAG_SESS_A_ORIGIN: NLA_U32, TEE origin (arg.ret_origin)
 *         RPROC_DIAG_SESS_A_ERRNO: NLA_S32, tee_client_open_session() return
 *         RPROC_DIAG_SESS_A_ID: NLA_U32, session id
 *     RPROC_DIAG_A_TA_CMDS: NLA_NESTED, the TA commands of this attempt in
 *         call order (at most RPROC_DIAG_MAX_TA_CMDS; FLAG_CMDS_TRUNCATED
 *         is set when more were made)
 *         0: NLA_NESTED
 *             RPROC_DIAG_CMD_A_FUNC: NLA_U32, enum rproc_diag_ta_cmd
 *             RPROC_DIAG_CMD_A_RET: NLA_U32, TEE result (0xffff0006, ...)
 *             RPROC_DIAG_CMD_A_ORIGIN: NLA_U32, TEE origin (4: the TA)
 *             RPROC_DIAG_CMD_A_ERRNO: NLA_S32, tee_client_invoke_func()
 *                 return value
 *             RPROC_DIAG_CMD_A_DURATION_NS: NLA_U64
 *         ...
 *     RPROC_DIAG_A_IMAGE: NLA_NESTED, what the module read from the first
 *         bytes of the image at LOAD entry (bounded copy, never the
 *         segments)
 *         RPROC_DIAG_IMG_A_FORMAT: NLA_U32, enum rproc_diag_format
 *         RPROC_DIAG_IMG_A_MAGIC: NLA_U32, first 32-bit word (LE)
 *         RPROC_DIAG_IMG_A_TLV_LEN, _SIGN_LEN, _IMG_LEN: NLA_U32, header
 *             words (F3 meaning; F1/F2 mapped onto the same roles)
 *         RPROC_DIAG_IMG_A_EXPECTED_SIZE: NLA_U64, file size the header
 *             describes under FORMAT's size equation (absent if none)
 *         RPROC_DIAG_IMG_A_SIGN_TYPE: NLA_U32, SIGNTYPE TLV value
 *         RPROC_DIAG_IMG_A_NUM_IMG: NLA_U32
 *         RPROC_DIAG_IMG_A_BOOTADDR: NLA_U32 (present iff the TLV is)
 *         RPROC_DIAG_IMG_A_BOOTSEC: NLA_U32 (present iff the TLV is)
 *         RPROC_DIAG_IMG_A_PKEY_SHA256: NLA_BINARY, 32 bytes: SHA-256 of
 *             the PKEYINFO TLV value
 *         RPROC_DIAG_IMG_A_TLV_MASK: NLA_U32, bit n set when generic TLV
 *             type n (1..0x12, bits 0..31 via RPROC_DIAG_TLV_BIT()) is
 *             present
 *     RPROC_DIAG_A_ANALYSIS: NLA_NESTED, result of the deferred analysis
 *         (absent until it ran; sent alone in RPROC_DIAG_CMD_ANALYSIS)
 *         RPROC_DIAG_AN_A_STATUS: NLA_S32, 0 when the image could be
 *             fetched and analysed, else -errno (e.g. -ENOENT from
 *             request_firmware)
 *         RPROC_DIAG_AN_A_FINDINGS: NLA_NESTED
 *             0: NLA_NESTED
 *                 RPROC_DIAG_FND_A_CODE: NLA_U32, enum rproc_diag_finding
 *                 RPROC_DIAG_FND_A_INDEX: NLA_U32, segment/TLV index
 *                 RPROC_DIAG_FND_A_ADDR: NLA_U32, p_paddr or TLV type
 *                 RPROC_DIAG_FND_A_VALUE: NLA_S64, e.g. size delta in bytes
 *                 RPROC_DIAG_FND_A_TEXT: NLA_NUL_STRING, one-line summary
 *             ...
 *
 * Userspace must ignore attributes it does not know (newer modules may add
 * some) and must check that each attribute it uses has the documented type.
 */
#ifndef _UAPI_RPROC_DIAG_H
#define _UAPI_RPROC_DIAG_H

#define RPROC_DIAG_GENL_NAME		"rproc_diag"
#define RPROC_DIAG_GENL_VERSION		1
#define RPROC_DIAG_MCGRP_EVENTS		"events"

/* The remoteproc trusted application in OP-TEE. */
#define RPROC_DIAG_TA_UUID		"80a4c275-0a47-4905-8285-1486a9771a08"

#define RPROC_DIAG_NAME_MAX		64	/* incl. NUL: rproc and fw names */
#define RPROC_DIAG_MAX_TA_CMDS		16
#define RPROC_DIAG_MAX_FINDINGS		16
#define RPROC_DIAG_TEXT_MAX		128	/* incl. NUL */

enum rproc_diag_cmd {
	RPROC_DIAG_CMD_UNSPEC,
	RPROC_DIAG_CMD_GET_STATUS,
	RPROC_DIAG_CMD_GET_ATTEMPTS,
	RPROC_DIAG_CMD_CLEAR,
	RPROC_DIAG_CMD_SET_OPTIONS,
	RPROC_DIAG_CMD_ATTEMPT,		/* notification and dump reply */
	RPROC_DIAG_CMD_ANALYSIS,	/* notification */
	__RPROC_DIAG_CMD_MAX
};

#define RPROC_DIAG_CMD_MAX (__RPROC_DIAG_CMD_MAX - 1)

enum rproc_diag_attr {
	RPROC_DIAG_A_UNSPEC,
	RPROC_DIAG_A_VERSION,
	RPROC_DIAG_A_PROTO_VERSION,
	RPROC_DIAG_A_DRIVER_API,
	RPROC_DIAG_A_RING_SIZE,
	RPROC_DIAG_A_ANALYZE_ALWAYS,
	RPROC_DIAG_A_NEXT_SEQ,
	RPROC_DIAG_A_CNT_ATTEMPTS,
	RPROC_DIAG_A_CNT_TEE_FAILURES,
	RPROC_DIAG_A_CNT_DROPS,
	RPROC_DIAG_A_HOOKS,
	RPROC_DIAG_A_SEQ,
	RPROC_DIAG_A_KIND,
	RPROC_DIAG_A_TS_START,
	RPROC_DIAG_A_TS_END,
	RPROC_DIAG_A_RPROC_INDEX,
	RPROC_DIAG_A_RPROC_NAME,
	RPROC_DIAG_A_FW_NAME,
	RPROC_DIAG_A_FW_SIZE,
	RPROC_DIAG_A_BOOT_RET,
	RPROC_DIAG_A_FLAGS,
	RPROC_DIAG_A_SESSION,
	RPROC_DIAG_A_TA_CMDS,
	RPROC_DIAG_A_IMAGE,
	RPROC_DIAG_A_ANALYSIS,
	RPROC_DIAG_A_PAD,
	__RPROC_DIAG_A_MAX
};

#define RPROC_DIAG_A_MAX (__RPROC_DIAG_A_MAX - 1)

enum rproc_diag_hook_attr {
	RPROC_DIAG_HOOK_A_UNSPEC,
	RPROC_DIAG_HOOK_A_NAME,
	RPROC_DIAG_HOOK_A_SYMBOL,
	RPROC_DIAG_HOOK_A_ATTACHED,
	RPROC_DIAG_HOOK_A_ERROR,
	RPROC_DIAG_HOOK_A_HITS,
	RPROC_DIAG_HOOK_A_MISSED,
	RPROC_DIAG_HOOK_A_PAD,
	__RPROC_DIAG_HOOK_A_MAX
};

#define RPROC_DIAG_HOOK_A_MAX (__RPROC_DIAG_HOOK_A_MAX - 1)

enum rproc_diag_sess_attr {
	RPROC_DIAG_SESS_A_UNSPEC,
	RPROC_DIAG_SESS_A_RET,
	RPROC_DIAG_SESS_A_ORIGIN,
	RPROC_DIAG_SESS_A_ERRNO,
	RPROC_DIAG_SESS_A_ID,
	__RPROC_DIAG_SESS_A_MAX
};

#define RPROC_DIAG_SESS_A_MAX (__RPROC_DIAG_SESS_A_MAX - 1)

enum rproc_diag_cmd_attr {
	RPROC_DIAG_CMD_A_UNSPEC,
	RPROC_DIAG_CMD_A_FUNC,
	RPROC_DIAG_CMD_A_RET,
	RPROC_DIAG_CMD_A_ORIGIN,
	RPROC_DIAG_CMD_A_ERRNO,
	RPROC_DIAG_CMD_A_DURATION_NS,
	RPROC_DIAG_CMD_A_PAD,
	__RPROC_DIAG_CMD_A_MAX
};

#define RPROC_DIAG_CMD_A_MAX (__RPROC_DIAG_CMD_A_MAX - 1)

enum rproc_diag_img_attr {
	RPROC_DIAG_IMG_A_UNSPEC,
	RPROC_DIAG_IMG_A_FORMAT,
	RPROC_DIAG_IMG_A_MAGIC,
	RPROC_DIAG_IMG_A_TLV_LEN,
	RPROC_DIAG_IMG_A_SIGN_LEN,
	RPROC_DIAG_IMG_A_IMG_LEN,
	RPROC_DIAG_IMG_A_EXPECTED_SIZE,
	RPROC_DIAG_IMG_A_SIGN_TYPE,
	RPROC_DIAG_IMG_A_NUM_IMG,
	RPROC_DIAG_IMG_A_BOOTADDR,
	RPROC_DIAG_IMG_A_BOOTSEC,
	RPROC_DIAG_IMG_A_PKEY_SHA256,
	RPROC_DIAG_IMG_A_TLV_MASK,
	RPROC_DIAG_IMG_A_PAD,
	__RPROC_DIAG_IMG_A_MAX
};

#define RPROC_DIAG_IMG_A_MAX (__RPROC_DIAG_IMG_A_MAX - 1)

enum rproc_diag_an_attr {
	RPROC_DIAG_AN_A_UNSPEC,
	RPROC_DIAG_AN_A_STATUS,
	RPROC_DIAG_AN_A_FINDINGS,
	__RPROC_DIAG_AN_A_MAX
};

#define RPROC_DIAG_AN_A_MAX (__RPROC_DIAG_AN_A_MAX - 1)

enum rproc_diag_fnd_attr {
	RPROC_DIAG_FND_A_UNSPEC,
	RPROC_DIAG_FND_A_CODE,
	RPROC_DIAG_FND_A_INDEX,
	RPROC_DIAG_FND_A_ADDR,
	RPROC_DIAG_FND_A_VALUE,
	RPROC_DIAG_FND_A_TEXT,
	RPROC_DIAG_FND_A_PAD,
	__RPROC_DIAG_FND_A_MAX
};

#define RPROC_DIAG_FND_A_MAX (__RPROC_DIAG_FND_A_MAX - 1)

/* RPROC_DIAG_A_KIND */
enum rproc_diag_kind {
	RPROC_DIAG_KIND_BOOT = 1,	/* rproc_boot() */
	RPROC_DIAG_KIND_REGISTER = 2,	/* TEE rproc register: session open */
	RPROC_DIAG_KIND_SHUTDOWN = 3,	/* rproc_shutdown() */
};

/* RPROC_DIAG_A_DRIVER_API: which TEE remoteproc driver generation is hooked */
enum rproc_diag_driver_api {
	RPROC_DIAG_API_NONE = 0,	/* no TEE remoteproc driver found */
	RPROC_DIAG_API_ST = 1,		/* tee_rproc_*(struct tee_rproc *) */
	RPROC_DIAG_API_INTERMEDIATE = 2, /* tee_rproc_*(struct rproc *) */
	RPROC_DIAG_API_UPSTREAM = 3,	/* rproc_tee_*(struct rproc *) */
};

/* RPROC_DIAG_A_FLAGS */
#define RPROC_DIAG_F_CMDS_TRUNCATED	(1U << 0) /* > MAX_TA_CMDS commands */
#define RPROC_DIAG_F_BOOT_RET_VALID	(1U << 1) /* BOOT_RET was observed */
#define RPROC_DIAG_F_IMAGE_VALID	(1U << 2) /* IMAGE nest was filled */
#define RPROC_DIAG_F_ANALYSIS_PENDING	(1U << 3) /* analysis queued */
#define RPROC_DIAG_F_LOAD_FAILED	(1U << 4) /* LOAD_FW ret != 0 */

/* RPROC_DIAG_CMD_A_FUNC: remoteproc TA command ids (same in every kernel) */
enum rproc_diag_ta_cmd {
	RPROC_DIAG_TA_LOAD_FW = 1,
	RPROC_DIAG_TA_START_FW = 2,
	RPROC_DIAG_TA_STOP_FW = 3,
	RPROC_DIAG_TA_GET_RSC_TABLE = 4,
	RPROC_DIAG_TA_GET_COREDUMP = 5,
	RPROC_DIAG_TA_RELEASE_FW = 6,
	/* not a TA command: the session open, recorded in RPROC_DIAG_A_SESSION */
};

/* RPROC_DIAG_IMG_A_FORMAT */
enum rproc_diag_format {
	RPROC_DIAG_FMT_UNKNOWN = 0,	/* not a recognised signed image */
	RPROC_DIAG_FMT_ELF = 1,		/* plain, unsigned ELF */
	RPROC_DIAG_FMT_F1 = 2,		/* ST legacy, 56-byte header */
	RPROC_DIAG_FMT_F2 = 3,		/* STM32MP25 beta trailer */
	RPROC_DIAG_FMT_F3 = 4,		/* TLV format (upstream, ST >= 3.19-r2) */
	RPROC_DIAG_FMT_DAMAGED = 5,	/* remoteproc magic, no size equation holds */
};

#define RPROC_DIAG_TLV_BIT(type)	(1U << ((type) & 31))

/*
 * RPROC_DIAG_FND_A_CODE: findings of the image analysis.  The same codes are
 * produced by the shared image library in userspace (rproc-diag inspect).
 */
enum rproc_diag_finding {
	RPROC_DIAG_FND_OK = 0,			/* image consistent */
	RPROC_DIAG_FND_TRUNCATED = 1,		/* VALUE: bytes missing */
	RPROC_DIAG_FND_APPENDED = 2,		/* VALUE: bytes too many */
	RPROC_DIAG_FND_WRONG_GENERATION = 3,	/* INDEX: enum rproc_diag_format found */
	RPROC_DIAG_FND_NOT_SIGNED = 4,		/* plain ELF handed to the TEE */
	RPROC_DIAG_FND_BAD_MAGIC = 5,
	RPROC_DIAG_FND_BAD_VERSION = 6,
	RPROC_DIAG_FND_MISSING_TLV = 7,		/* ADDR: TLV type */
	RPROC_DIAG_FND_BAD_TLV_LEN = 8,		/* ADDR: TLV type */
	RPROC_DIAG_FND_SEGMENT_HASH = 9,	/* INDEX: table entry, ADDR: p_paddr */
	RPROC_DIAG_FND_SEGMENT_NOT_LOAD = 10,	/* first entry for p_paddr not PT_LOAD */
	RPROC_DIAG_FND_SEGMENT_NO_ENTRY = 11,	/* PT_LOAD without table entry */
	RPROC_DIAG_FND_SEGMENT_SIZE = 12,	/* filesz/memsz differ from the ELF */
	RPROC_DIAG_FND_SEGMENT_RANGE = 13,	/* segment outside the image */
	RPROC_DIAG_FND_BAD_ELF = 14,
	RPROC_DIAG_FND_MISSING_BOOTADDR = 15,
	RPROC_DIAG_FND_ECDSA = 16,		/* signed with ECDSA P-256 */
	RPROC_DIAG_FND_UNSUPPORTED_SIGN = 17,	/* ADDR: SIGNTYPE value */
	RPROC_DIAG_FND_HEADER_OVERFLOW = 18,	/* lengths overflow / zero */
	RPROC_DIAG_FND_DUPLICATE_PADDR = 19,	/* ADDR: p_paddr */
	RPROC_DIAG_FND_PLAT_TLV = 20,		/* ADDR: unknown platform TLV id */
	RPROC_DIAG_FND_FETCH_FAILED = 21,	/* VALUE: -errno of request_firmware */
	RPROC_DIAG_FND_IMAGE_CHANGED = 22,	/* file differs from what was loaded */
	__RPROC_DIAG_FND_MAX
};

#endif /* _UAPI_RPROC_DIAG_H */
