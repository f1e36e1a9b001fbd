// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Attribute parsing of rproc_diag netlink messages (userspace/kernel/decode.c):
 * well-formed records, status replies and analysis notifications built
 * with libnl, then malformed and hostile messages that must be rejected
 * (or have the bad part ignored) without crashing under ASan/UBSan.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "kernel/decode.h"
#include "rproc_image.h"

#define FAMILY 0x20

static struct nl_msg *new_msg(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc_size(65536);

	assert_non_null(m);
	assert_non_null(genlmsg_put(m, 0, 1, FAMILY, 0, 0, cmd, RPROC_DIAG_GENL_VERSION));
	return m;
}

static void put_cmd(struct nl_msg *m, uint32_t func, uint32_t ret, uint32_t origin)
{
	struct nlattr *c = nla_nest_start(m, 0);

	nla_put_u32(m, RPROC_DIAG_CMD_A_FUNC, func);
	nla_put_u32(m, RPROC_DIAG_CMD_A_RET, ret);
	nla_put_u32(m, RPROC_DIAG_CMD_A_ORIGIN, origin);
	nla_put_s32(m, RPROC_DIAG_CMD_A_ERRNO, 0);
	nla_put_u64(m, RPROC_DIAG_CMD_A_DURATION_NS, 1234);
	nla_nest_end(m, c);
}

/* A complete, valid failing LOAD record. */
static struct nl_msg *good_attempt(void)
{
	struct nl_msg *m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	struct nlattr *n, *f, *fi;
	uint8_t sha[32];

	memset(sha, 0xab, sizeof(sha));
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 42);
	nla_put_u32(m, RPROC_DIAG_A_KIND, RPROC_DIAG_KIND_BOOT);
	nla_put_u64(m, RPROC_DIAG_A_TS_START, 1000);
	nla_put_u64(m, RPROC_DIAG_A_TS_END, 2000);
	nla_put_u32(m, RPROC_DIAG_A_RPROC_INDEX, 0);
	nla_put_string(m, RPROC_DIAG_A_RPROC_NAME, "m33");
	nla_put_string(m, RPROC_DIAG_A_FW_NAME, "rproc-m33-fw.sig");
	nla_put_u64(m, RPROC_DIAG_A_FW_SIZE, 42036);
	nla_put_u32(m, RPROC_DIAG_A_DRIVER_API, RPROC_DIAG_API_ST);
	nla_put_s32(m, RPROC_DIAG_A_BOOT_RET, -5);
	nla_put_u32(m, RPROC_DIAG_A_FLAGS, RPROC_DIAG_F_BOOT_RET_VALID | RPROC_DIAG_F_IMAGE_VALID |
		    RPROC_DIAG_F_LOAD_FAILED);
	n = nla_nest_start(m, RPROC_DIAG_A_SESSION);
	nla_put_u32(m, RPROC_DIAG_SESS_A_RET, 0);
	nla_put_u32(m, RPROC_DIAG_SESS_A_ORIGIN, 4);
	nla_put_s32(m, RPROC_DIAG_SESS_A_ERRNO, 0);
	nla_put_u32(m, RPROC_DIAG_SESS_A_ID, 7);
	nla_nest_end(m, n);
	n = nla_nest_start(m, RPROC_DIAG_A_TA_CMDS);
	put_cmd(m, RPROC_DIAG_TA_LOAD_FW, 0xffff0006, 4);
	nla_nest_end(m, n);
	n = nla_nest_start(m, RPROC_DIAG_A_IMAGE);
	nla_put_u32(m, RPROC_DIAG_IMG_A_FORMAT, RPROC_DIAG_FMT_F3);
	nla_put_u32(m, RPROC_DIAG_IMG_A_MAGIC, 0x3543a468);
	nla_put_u32(m, RPROC_DIAG_IMG_A_TLV_LEN, 0x118);
	nla_put_u32(m, RPROC_DIAG_IMG_A_SIGN_LEN, 256);
	nla_put_u32(m, RPROC_DIAG_IMG_A_IMG_LEN, 41744);
	nla_put_u64(m, RPROC_DIAG_IMG_A_EXPECTED_SIZE, 42044);
	nla_put_u32(m, RPROC_DIAG_IMG_A_SIGN_TYPE, 1);
	nla_put(m, RPROC_DIAG_IMG_A_PKEY_SHA256, 32, sha);
	nla_nest_end(m, n);
	n = nla_nest_start(m, RPROC_DIAG_A_ANALYSIS);
	nla_put_s32(m, RPROC_DIAG_AN_A_STATUS, 0);
	f = nla_nest_start(m, RPROC_DIAG_AN_A_FINDINGS);
	fi = nla_nest_start(m, 0);
	nla_put_u32(m, RPROC_DIAG_FND_A_CODE, RPROC_DIAG_FND_TRUNCATED);
	nla_put_s64(m, RPROC_DIAG_FND_A_VALUE, 8);
	nla_put_string(m, RPROC_DIAG_FND_A_TEXT, "8 bytes missing");
	nla_nest_end(m, fi);
	nla_nest_end(m, f);
	nla_nest_end(m, n);
	return m;
}

static void test_good_attempt(void **state)
{
	struct nl_msg *m = good_attempt();
	struct rd_record rec;
	char err[256] = "";

	(void)state;
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), 0);
	assert_int_equal(rec.seq, 42);
	assert_int_equal(rec.kind, RPROC_DIAG_KIND_BOOT);
	assert_string_equal(rec.rproc_name, "m33");
	assert_string_equal(rec.fw_name, "rproc-m33-fw.sig");
	assert_true(rec.has_fw_size);
	assert_int_equal(rec.fw_size, 42036);
	assert_true(rec.has_boot_ret);
	assert_int_equal(rec.boot_ret, -5);
	assert_true(rec.has_session);
	assert_int_equal(rec.session.id, 7);
	assert_int_equal(rec.n_cmds, 1);
	assert_int_equal(rec.cmds[0].func, RPROC_DIAG_TA_LOAD_FW);
	assert_int_equal(rec.cmds[0].ret, 0xffff0006);
	assert_int_equal(rec.cmds[0].origin, 4);
	assert_int_equal(rd_first_failed_cmd(&rec), 0);
	assert_true(rec.has_image);
	assert_int_equal(rec.image.format, RPROC_DIAG_FMT_F3);
	assert_int_equal(rec.image.expected_size, 42044);
	assert_true(rec.image.has_pkey_sha256);
	assert_int_equal(rec.image.pkey_sha256[31], 0xab);
	assert_true(rec.has_analysis);
	assert_int_equal(rec.n_findings, 1);
	assert_int_equal(rec.findings[0].code, RPROC_DIAG_FND_TRUNCATED);
	assert_int_equal(rec.findings[0].value, 8);
	assert_string_equal(rec.findings[0].text, "8 bytes missing");
	nlmsg_free(m);
}

static void test_dispatch_buf(void **state)
{
	struct nl_msg *m = good_attempt();
	struct nlmsghdr *nlh = nlmsg_hdr(m);
	struct rd_msg *msg = malloc(sizeof(*msg));
	char err[256];

	(void)state;
	assert_int_equal(rd_parse_buf(nlh, nlh->nlmsg_len, msg, err, sizeof(err)), 0);
	assert_int_equal(msg->type, RD_MSG_ATTEMPT);
	assert_int_equal(msg->u.rec.seq, 42);
	/* buffer shorter than the header claims */
	assert_int_equal(rd_parse_buf(nlh, nlh->nlmsg_len - 1, msg, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "does not fit"));
	assert_int_equal(rd_parse_buf(nlh, 3, msg, err, sizeof(err)), -EINVAL);
	free(msg);
	nlmsg_free(m);
}

/* Each attribute with the wrong payload size must be rejected and named. */
static void test_wrong_sizes(void **state)
{
	static const struct {
		int type;
		int len;
		const char *name;
	} bad[] = {
		{ RPROC_DIAG_A_SEQ, 4, "SEQ" },
		{ RPROC_DIAG_A_KIND, 2, "KIND" },
		{ RPROC_DIAG_A_FW_SIZE, 12, "FW_SIZE" },
		{ RPROC_DIAG_A_BOOT_RET, 8, "BOOT_RET" },
		{ RPROC_DIAG_A_RPROC_INDEX, 1, "RPROC_INDEX" },
		{ RPROC_DIAG_A_FLAGS, 0, "FLAGS" },
	};
	uint8_t junk[16];

	(void)state;
	memset(junk, 0x5a, sizeof(junk));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct nl_msg *m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
		struct rd_record rec;
		char err[256] = "";

		if (bad[i].type != RPROC_DIAG_A_SEQ)
			nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
		nla_put(m, bad[i].type, bad[i].len, junk);
		assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
		assert_non_null(strstr(err, bad[i].name));
		nlmsg_free(m);
	}
}

static void test_bad_strings(void **state)
{
	char longname[200];
	struct rd_record rec;
	char err[256];
	struct nl_msg *m;

	(void)state;
	/* not NUL-terminated */
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
	nla_put(m, RPROC_DIAG_A_FW_NAME, 4, "abcd");
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "FW_NAME"));
	nlmsg_free(m);
	/* longer than RPROC_DIAG_NAME_MAX */
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
	nla_put_string(m, RPROC_DIAG_A_RPROC_NAME, longname);
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "RPROC_NAME"));
	nlmsg_free(m);
	/* embedded NUL */
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
	nla_put(m, RPROC_DIAG_A_FW_NAME, 6, "ab\0cd");
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
	nlmsg_free(m);
	/* empty payload */
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
	nla_put(m, RPROC_DIAG_A_FW_NAME, 0, "");
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
	nlmsg_free(m);
}

static void test_missing_seq_and_unknown_attrs(void **state)
{
	struct rd_record rec;
	char err[256];
	struct nl_msg *m;

	(void)state;
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u32(m, RPROC_DIAG_A_KIND, 1);
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "SEQ"));
	nlmsg_free(m);
	/* unknown attribute types (newer module) are ignored */
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 9);
	nla_put_u32(m, RPROC_DIAG_A_MAX + 5, 1);
	nla_put(m, 0x3fff, 3, "xyz");
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), 0);
	assert_int_equal(rec.seq, 9);
	nlmsg_free(m);
}

static void test_nested_hostile(void **state)
{
	struct rd_record rec;
	char err[256];
	struct nl_msg *m;
	struct nlattr *n, *c;
	uint8_t junk[32] = { 1, 2, 3, 4, 5, 6, 7 };

	(void)state;
	/* TA command without FUNC */
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
	n = nla_nest_start(m, RPROC_DIAG_A_TA_CMDS);
	c = nla_nest_start(m, 0);
	nla_put_u32(m, RPROC_DIAG_CMD_A_RET, 0xffff0006);
	nla_nest_end(m, c);
	nla_nest_end(m, n);
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "CMD_FUNC"));
	nlmsg_free(m);
	/* RET of 2 bytes inside a command */
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
	n = nla_nest_start(m, RPROC_DIAG_A_TA_CMDS);
	c = nla_nest_start(m, 0);
	nla_put_u32(m, RPROC_DIAG_CMD_A_FUNC, 1);
	nla_put(m, RPROC_DIAG_CMD_A_RET, 2, junk);
	nla_nest_end(m, c);
	nla_nest_end(m, n);
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "CMD_RET"));
	nlmsg_free(m);
	/* a nest whose payload is random bytes: no crash, garbage ignored or rejected */
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
	nla_put(m, RPROC_DIAG_A_IMAGE, 7, junk);
	(void)rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err));
	nlmsg_free(m);
	/* PKEY hash of 31 bytes */
	m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 1);
	n = nla_nest_start(m, RPROC_DIAG_A_IMAGE);
	nla_put(m, RPROC_DIAG_IMG_A_PKEY_SHA256, 31, junk);
	nla_nest_end(m, n);
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "PKEY"));
	nlmsg_free(m);
}

static void test_too_many_cmds(void **state)
{
	struct rd_record rec;
	char err[256];
	struct nl_msg *m = new_msg(RPROC_DIAG_CMD_ATTEMPT);
	struct nlattr *n;

	(void)state;
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 3);
	n = nla_nest_start(m, RPROC_DIAG_A_TA_CMDS);
	for (int i = 0; i < RPROC_DIAG_MAX_TA_CMDS + 10; i++)
		put_cmd(m, RPROC_DIAG_TA_START_FW, 0, 4);
	nla_nest_end(m, n);
	assert_int_equal(rd_parse_attempt(nlmsg_hdr(m), &rec, err, sizeof(err)), 0);
	assert_int_equal(rec.n_cmds, RPROC_DIAG_MAX_TA_CMDS);
	assert_true(rec.flags & RPROC_DIAG_F_CMDS_TRUNCATED);
	nlmsg_free(m);
}

static void test_status(void **state)
{
	struct nl_msg *m = new_msg(RPROC_DIAG_CMD_GET_STATUS);
	struct rd_status *st = malloc(sizeof(*st));
	struct nlattr *n, *h;
	char err[256];

	(void)state;
	nla_put_string(m, RPROC_DIAG_A_VERSION, "1.0");
	nla_put_u32(m, RPROC_DIAG_A_PROTO_VERSION, 1);
	nla_put_u32(m, RPROC_DIAG_A_DRIVER_API, RPROC_DIAG_API_UPSTREAM);
	nla_put_u32(m, RPROC_DIAG_A_RING_SIZE, 64);
	nla_put_u8(m, RPROC_DIAG_A_ANALYZE_ALWAYS, 1);
	nla_put_u64(m, RPROC_DIAG_A_NEXT_SEQ, 17);
	nla_put_u64(m, RPROC_DIAG_A_CNT_ATTEMPTS, 16);
	n = nla_nest_start(m, RPROC_DIAG_A_HOOKS);
	for (int i = 0; i < 40; i++) {
		h = nla_nest_start(m, 0);
		nla_put_string(m, RPROC_DIAG_HOOK_A_NAME, "load_fw");
		nla_put_string(m, RPROC_DIAG_HOOK_A_SYMBOL, "rproc_tee_load_fw");
		nla_put_u8(m, RPROC_DIAG_HOOK_A_ATTACHED, i & 1);
		nla_put_s32(m, RPROC_DIAG_HOOK_A_ERROR, -ENOENT);
		nla_put_u64(m, RPROC_DIAG_HOOK_A_HITS, 3);
		nla_nest_end(m, h);
	}
	nla_nest_end(m, n);
	assert_int_equal(rd_parse_status(nlmsg_hdr(m), st, err, sizeof(err)), 0);
	assert_string_equal(st->version, "1.0");
	assert_int_equal(st->next_seq, 17);
	assert_int_equal(st->driver_api, RPROC_DIAG_API_UPSTREAM);
	assert_int_equal(st->n_hooks, RD_MAX_HOOKS);
	assert_true(st->hooks_truncated);
	assert_true(st->hooks[1].attached);
	assert_false(st->hooks[0].attached);
	assert_int_equal(st->hooks[0].error, -ENOENT);
	assert_string_equal(st->hooks[0].symbol, "rproc_tee_load_fw");
	nlmsg_free(m);
	/* ANALYZE_ALWAYS of 4 bytes is rejected */
	m = new_msg(RPROC_DIAG_CMD_GET_STATUS);
	nla_put_u32(m, RPROC_DIAG_A_ANALYZE_ALWAYS, 1);
	assert_int_equal(rd_parse_status(nlmsg_hdr(m), st, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "ANALYZE_ALWAYS"));
	nlmsg_free(m);
	free(st);
}

static void test_analysis_merge(void **state)
{
	struct nl_msg *m = new_msg(RPROC_DIAG_CMD_ANALYSIS);
	struct rd_analysis_msg an;
	struct rd_record rec;
	struct nlattr *n, *f, *fi;
	char err[256];

	(void)state;
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 5);
	n = nla_nest_start(m, RPROC_DIAG_A_ANALYSIS);
	nla_put_s32(m, RPROC_DIAG_AN_A_STATUS, 0);
	f = nla_nest_start(m, RPROC_DIAG_AN_A_FINDINGS);
	fi = nla_nest_start(m, 0);
	nla_put_u32(m, RPROC_DIAG_FND_A_CODE, RPROC_DIAG_FND_SEGMENT_HASH);
	nla_put_u32(m, RPROC_DIAG_FND_A_INDEX, 1);
	nla_put_u32(m, RPROC_DIAG_FND_A_ADDR, 0x80100000);
	nla_nest_end(m, fi);
	nla_nest_end(m, f);
	nla_nest_end(m, n);
	assert_int_equal(rd_parse_analysis(nlmsg_hdr(m), &an, err, sizeof(err)), 0);
	assert_int_equal(an.n_findings, 1);
	memset(&rec, 0, sizeof(rec));
	rec.seq = 4;
	rd_record_apply_analysis(&rec, &an);
	assert_false(rec.has_analysis);	/* other attempt */
	rec.seq = 5;
	rec.flags = RPROC_DIAG_F_ANALYSIS_PENDING;
	rd_record_apply_analysis(&rec, &an);
	assert_true(rec.has_analysis);
	assert_int_equal(rec.findings[0].addr, 0x80100000);
	assert_false(rec.flags & RPROC_DIAG_F_ANALYSIS_PENDING);
	nlmsg_free(m);
	/* notification without the ANALYSIS nest */
	m = new_msg(RPROC_DIAG_CMD_ANALYSIS);
	nla_put_u64(m, RPROC_DIAG_A_SEQ, 5);
	assert_int_equal(rd_parse_analysis(nlmsg_hdr(m), &an, err, sizeof(err)), -EINVAL);
	nlmsg_free(m);
}

/* Deterministic mutation fuzzing of a valid record: never crash. */
static void test_mutations(void **state)
{
	struct nl_msg *m = good_attempt();
	struct nlmsghdr *orig = nlmsg_hdr(m);
	size_t len = orig->nlmsg_len;
	uint8_t *buf = malloc(len);
	struct rd_msg *out = malloc(sizeof(*out));
	uint32_t x = 2463534242u;
	char err[256];
	int ok = 0, bad = 0;

	(void)state;
	for (int iter = 0; iter < 20000; iter++) {
		memcpy(buf, orig, len);
		for (int k = 0; k < 1 + iter % 4; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			/* keep the netlink header length honest: the socket layer checks it */
			size_t pos = NLMSG_HDRLEN + x % (len - NLMSG_HDRLEN);

			buf[pos] = (uint8_t)(x >> 8);
		}
		if (rd_parse_buf(buf, len, out, err, sizeof(err)) == 0)
			ok++;
		else
			bad++;
	}
	/* both outcomes occur: the checks are not vacuous */
	assert_true(ok > 0);
	assert_true(bad > 0);
	/* truncated copies of every length */
	for (size_t l = 0; l < len; l++) {
		memcpy(buf, orig, len);
		((struct nlmsghdr *)buf)->nlmsg_len = (uint32_t)l;
		(void)rd_parse_buf(buf, l < 16 ? 16 : l, out, err, sizeof(err));
	}
	free(out);
	free(buf);
	nlmsg_free(m);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(rd_ta_cmd_name(RPROC_DIAG_TA_LOAD_FW), "LOAD_FW");
	assert_string_equal(rd_ta_cmd_name(RPROC_DIAG_TA_RELEASE_FW), "RELEASE_FW");
	assert_null(rd_ta_cmd_name(0));
	assert_null(rd_ta_cmd_name(99));
	assert_string_equal(rd_kind_name(RPROC_DIAG_KIND_REGISTER), "register");
	assert_string_equal(rpi_finding_name(RPROC_DIAG_FND_IMAGE_CHANGED), "image-changed");
	assert_string_equal(rpi_finding_name(1000), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_attempt),
		cmocka_unit_test(test_dispatch_buf),
		cmocka_unit_test(test_wrong_sizes),
		cmocka_unit_test(test_bad_strings),
		cmocka_unit_test(test_missing_seq_and_unknown_attrs),
		cmocka_unit_test(test_nested_hostile),
		cmocka_unit_test(test_too_many_cmds),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_analysis_merge),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
