/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Decoding of rproc_diag generic netlink messages (kmod/uapi/rproc_diag.h)
 * into plain structs.  No sockets here: the functions take a message that
 * is already in memory, so hostile or malformed messages can be unit
 * tested.  Every attribute is checked for type and length before use;
 * unknown attributes are ignored (newer modules may add some).
 */
#ifndef RPROC_DIAG_NLPARSE_H
#define RPROC_DIAG_NLPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>	/* struct nlmsghdr (libnl stays in decode.c) */

#include "rproc_diag.h"

struct rd_ta_cmd {
	uint32_t func;		/* enum rproc_diag_ta_cmd */
	uint32_t ret;		/* TEE result */
	uint32_t origin;	/* TEE origin */
	int32_t err;		/* tee_client_invoke_func() return */
	uint64_t duration_ns;
	bool has_ret, has_origin, has_errno, has_duration;
};

struct rd_finding {
	uint32_t code;		/* enum rproc_diag_finding */
	uint32_t index;
	uint32_t addr;
	int64_t value;
	char text[RPROC_DIAG_TEXT_MAX];
	bool has_index, has_addr, has_value;
};

struct rd_image {
	uint32_t format;	/* enum rproc_diag_format */
	uint32_t magic;
	uint32_t tlv_len, sign_len, img_len;
	uint64_t expected_size;
	uint32_t sign_type;
	uint32_t num_img;
	uint32_t bootaddr, bootsec;
	uint8_t pkey_sha256[32];
	uint32_t tlv_mask;
	bool has_format, has_magic, has_tlv_len, has_sign_len, has_img_len;
	bool has_expected_size, has_sign_type, has_num_img;
	bool has_bootaddr, has_bootsec, has_pkey_sha256, has_tlv_mask;
};

struct rd_session {
	uint32_t ret, origin, id;
	int32_t err;
	bool has_ret, has_origin, has_errno, has_id;
};

/* One attempt record (RPROC_DIAG_CMD_ATTEMPT) */
struct rd_record {
	uint64_t seq;
	uint32_t kind;		/* enum rproc_diag_kind, 0 if absent */
	uint64_t ts_start, ts_end;
	uint32_t rproc_index;
	char rproc_name[RPROC_DIAG_NAME_MAX];
	char fw_name[RPROC_DIAG_NAME_MAX];
	uint64_t fw_size;
	uint32_t driver_api;
	int32_t boot_ret;
	uint32_t flags;
	bool has_seq, has_ts_start, has_ts_end, has_rproc_index, has_fw_size;
	bool has_driver_api, has_boot_ret;

	bool has_session;
	struct rd_session session;

	unsigned int n_cmds;
	struct rd_ta_cmd cmds[RPROC_DIAG_MAX_TA_CMDS];

	bool has_image;
	struct rd_image image;

	bool has_analysis;
	int32_t an_status;
	bool has_an_status;
	unsigned int n_findings;
	struct rd_finding findings[RPROC_DIAG_MAX_FINDINGS];
};

#define RD_MAX_HOOKS 32

struct rd_hook {
	char name[RPROC_DIAG_NAME_MAX];
	char symbol[RPROC_DIAG_NAME_MAX];
	bool attached;
	int32_t error;
	uint64_t hits, missed;
	bool has_attached, has_error, has_hits, has_missed;
};

/* RPROC_DIAG_CMD_GET_STATUS reply */
struct rd_status {
	char version[RPROC_DIAG_NAME_MAX];
	uint32_t proto_version;
	uint32_t driver_api;
	uint32_t ring_size;
	uint8_t analyze_always;
	uint64_t next_seq;
	uint64_t cnt_attempts, cnt_tee_failures, cnt_drops;
	bool has_version, has_proto_version, has_driver_api, has_ring_size;
	bool has_analyze_always, has_next_seq, has_counters;
	unsigned int n_hooks;
	bool hooks_truncated;
	struct rd_hook hooks[RD_MAX_HOOKS];
};

/* RPROC_DIAG_CMD_ANALYSIS notification */
struct rd_analysis_msg {
	uint64_t seq;
	int32_t status;
	bool has_status;
	unsigned int n_findings;
	struct rd_finding findings[RPROC_DIAG_MAX_FINDINGS];
};

/*
 * Each parser returns 0 on success or -EINVAL / -EPROTO when the message is
 * malformed (err then holds a one-line reason naming the attribute).
 * The message must have passed nlmsg_ok() (the socket layer guarantees it;
 * rd_parse_buf() checks it for raw buffers).
 */
int rd_parse_attempt(struct nlmsghdr *nlh, struct rd_record *rec,
		     char *err, size_t errlen);
int rd_parse_status(struct nlmsghdr *nlh, struct rd_status *st,
		    char *err, size_t errlen);
int rd_parse_analysis(struct nlmsghdr *nlh, struct rd_analysis_msg *an,
		      char *err, size_t errlen);

/* genl command of a message, or -EINVAL if the header is too short */
int rd_msg_cmd(struct nlmsghdr *nlh);

enum rd_msg_type { RD_MSG_NONE, RD_MSG_ATTEMPT, RD_MSG_ANALYSIS, RD_MSG_STATUS };

struct rd_msg {
	enum rd_msg_type type;
	union {
		struct rd_record rec;
		struct rd_analysis_msg an;
		struct rd_status st;
	} u;
};

/*
 * Parse one message from a raw buffer (checks that the netlink header fits
 * in len) and dispatch on its genl command.
 */
int rd_parse_buf(const void *buf, size_t len, struct rd_msg *out,
		 char *err, size_t errlen);

/* Merge a deferred analysis into the record it belongs to. */
void rd_record_apply_analysis(struct rd_record *rec,
			      const struct rd_analysis_msg *an);

const char *rd_ta_cmd_name(uint32_t func);	/* "LOAD_FW" or NULL */
const char *rd_kind_name(uint32_t kind);	/* "boot", "register", ... */
const char *rd_api_name(uint32_t api);
const char *rd_format_name(uint32_t fmt);	/* "F3", "ELF", ... */

/* Index of the first TA command with ret != 0, or -1 */
int rd_first_failed_cmd(const struct rd_record *rec);

#endif
