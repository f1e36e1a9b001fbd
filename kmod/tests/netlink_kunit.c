// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the netlink message builder.  A record is serialised and parsed
 * back with strict policies written from the UAPI header, so a type or
 * nesting that differs from the protocol spec fails here.
 */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include <net/netlink.h>
#include "record.h"
#include "netlink.h"

static const struct nla_policy rec_policy[RPROC_DIAG_A_MAX + 1] = {
	[RPROC_DIAG_A_SEQ]		= { .type = NLA_U64 },
	[RPROC_DIAG_A_KIND]		= { .type = NLA_U32 },
	[RPROC_DIAG_A_TS_START]		= { .type = NLA_U64 },
	[RPROC_DIAG_A_TS_END]		= { .type = NLA_U64 },
	[RPROC_DIAG_A_RPROC_INDEX]	= { .type = NLA_U32 },
	[RPROC_DIAG_A_RPROC_NAME]	= { .type = NLA_NUL_STRING,
					    .len = RPROC_DIAG_NAME_MAX - 1 },
	[RPROC_DIAG_A_FW_NAME]		= { .type = NLA_NUL_STRING,
					    .len = RPROC_DIAG_NAME_MAX - 1 },
	[RPROC_DIAG_A_FW_SIZE]		= { .type = NLA_U64 },
	[RPROC_DIAG_A_DRIVER_API]	= { .type = NLA_U32 },
	[RPROC_DIAG_A_BOOT_RET]		= { .type = NLA_S32 },
	[RPROC_DIAG_A_FLAGS]		= { .type = NLA_U32 },
	[RPROC_DIAG_A_SESSION]		= { .type = NLA_NESTED },
	[RPROC_DIAG_A_TA_CMDS]		= { .type = NLA_NESTED },
	[RPROC_DIAG_A_IMAGE]		= { .type = NLA_NESTED },
	[RPROC_DIAG_A_ANALYSIS]		= { .type = NLA_NESTED },
	[RPROC_DIAG_A_PAD]		= { .type = NLA_BINARY },
};

static const struct nla_policy cmd_policy[RPROC_DIAG_CMD_A_MAX + 1] = {
	[RPROC_DIAG_CMD_A_FUNC]		= { .type = NLA_U32 },
	[RPROC_DIAG_CMD_A_RET]		= { .type = NLA_U32 },
	[RPROC_DIAG_CMD_A_ORIGIN]	= { .type = NLA_U32 },
	[RPROC_DIAG_CMD_A_ERRNO]	= { .type = NLA_S32 },
	[RPROC_DIAG_CMD_A_DURATION_NS]	= { .type = NLA_U64 },
	[RPROC_DIAG_CMD_A_PAD]		= { .type = NLA_BINARY },
};

static const struct nla_policy img_policy[RPROC_DIAG_IMG_A_MAX + 1] = {
	[RPROC_DIAG_IMG_A_FORMAT]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_MAGIC]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_TLV_LEN]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_SIGN_LEN]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_IMG_LEN]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_EXPECTED_SIZE] = { .type = NLA_U64 },
	[RPROC_DIAG_IMG_A_SIGN_TYPE]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_NUM_IMG]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_BOOTADDR]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_BOOTSEC]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_PKEY_SHA256]	= NLA_POLICY_EXACT_LEN(32),
	[RPROC_DIAG_IMG_A_TLV_MASK]	= { .type = NLA_U32 },
	[RPROC_DIAG_IMG_A_PAD]		= { .type = NLA_BINARY },
};

static const struct nla_policy sess_policy[RPROC_DIAG_SESS_A_MAX + 1] = {
	[RPROC_DIAG_SESS_A_RET]		= { .type = NLA_U32 },
	[RPROC_DIAG_SESS_A_ORIGIN]	= { .type = NLA_U32 },
	[RPROC_DIAG_SESS_A_ERRNO]	= { .type = NLA_S32 },
	[RPROC_DIAG_SESS_A_ID]		= { .type = NLA_U32 },
};

static const struct nla_policy an_policy[RPROC_DIAG_AN_A_MAX + 1] = {
	[RPROC_DIAG_AN_A_STATUS]	= { .type = NLA_S32 },
	[RPROC_DIAG_AN_A_FINDINGS]	= { .type = NLA_NESTED },
};

static const struct nla_policy fnd_policy[RPROC_DIAG_FND_A_MAX + 1] = {
	[RPROC_DIAG_FND_A_CODE]		= { .type = NLA_U32 },
	[RPROC_DIAG_FND_A_INDEX]	= { .type = NLA_U32 },
	[RPROC_DIAG_FND_A_ADDR]		= { .type = NLA_U32 },
	[RPROC_DIAG_FND_A_VALUE]	= { .type = NLA_S64 },
	[RPROC_DIAG_FND_A_TEXT]		= { .type = NLA_NUL_STRING,
					    .len = RPROC_DIAG_TEXT_MAX - 1 },
	[RPROC_DIAG_FND_A_PAD]		= { .type = NLA_BINARY },
};

static struct rproc_diag_record *sample(struct kunit *test)
{
	struct rproc_diag_record *rec;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	rec->seq = 7;
	rec->kind = RPROC_DIAG_KIND_BOOT;
	rec->api = RPROC_DIAG_API_ST;
	rec->ts_start = 1000;
	rec->ts_end = 2000;
	rec->rproc_index = 0;
	rec->boot_ret = -EIO;
	rec->fw_size = 4096;
	rec->flags = RPROC_DIAG_F_BOOT_RET_VALID | RPROC_DIAG_F_IMAGE_VALID |
		     RPROC_DIAG_F_LOAD_FAILED;
	strscpy(rec->rproc_name, "m33", sizeof(rec->rproc_name));
	strscpy(rec->fw_name, "fw.elf", sizeof(rec->fw_name));
	rec->session = (struct rproc_diag_session_rec){
		.valid = true, .id = 3,
	};
	rec->n_cmds = 2;
	rec->cmds[0] = (struct rproc_diag_ta_cmd_rec){
		.func = 1, .ret = 0, .origin = 4, .duration_ns = 10,
	};
	rec->cmds[1] = (struct rproc_diag_ta_cmd_rec){
		.func = 2, .ret = 0xffff0000, .origin = 4, .err = 0,
		.duration_ns = 20,
	};
	rec->image.format = RPROC_DIAG_FMT_F3;
	rec->image.magic = 0x3543a468;
	rec->image.present = RPROC_DIAG_IMG_BOOTADDR | RPROC_DIAG_IMG_PKEY;
	rec->image.bootaddr = 0x80000000;
	rec->image.pkey_sha256[31] = 0xaa;
	rec->analysis.done = true;
	rec->analysis.n_findings = 1;
	rec->analysis.findings[0] = (struct rproc_diag_finding_rec){
		.code = RPROC_DIAG_FND_SEGMENT_HASH, .index = 1,
		.addr = 0x80100000, .value = -1,
		.text = "segment 1 (p_paddr 0x80100000) hash mismatch",
	};
	return rec;
}

static void netlink_record_roundtrip(struct kunit *test)
{
	struct nlattr *tb[RPROC_DIAG_A_MAX + 1];
	struct nlattr *ctb[RPROC_DIAG_CMD_A_MAX + 1];
	struct nlattr *itb[RPROC_DIAG_IMG_A_MAX + 1];
	struct nlattr *stb[RPROC_DIAG_SESS_A_MAX + 1];
	struct nlattr *atb[RPROC_DIAG_AN_A_MAX + 1];
	struct nlattr *ftb[RPROC_DIAG_FND_A_MAX + 1];
	struct rproc_diag_record *rec = sample(test);
	struct nlattr *item;
	struct sk_buff *skb;
	u32 funcs[4];
	int rem, n = 0;

	skb = alloc_skb(RPROC_DIAG_NL_MSG_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, rproc_diag_nl_put_record(skb, rec), 0);
	KUNIT_ASSERT_EQ(test, nla_parse(tb, RPROC_DIAG_A_MAX,
					(struct nlattr *)skb->data, skb->len,
					rec_policy, NULL), 0);

	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[RPROC_DIAG_A_SEQ]), 7ULL);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[RPROC_DIAG_A_KIND]),
			(u32)RPROC_DIAG_KIND_BOOT);
	KUNIT_EXPECT_EQ(test, nla_get_s32(tb[RPROC_DIAG_A_BOOT_RET]), -EIO);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[RPROC_DIAG_A_RPROC_NAME]),
			   "m33");
	KUNIT_ASSERT_NOT_NULL(test, tb[RPROC_DIAG_A_RPROC_INDEX]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[RPROC_DIAG_A_FW_SIZE]), 4096ULL);

	KUNIT_ASSERT_NOT_NULL(test, tb[RPROC_DIAG_A_SESSION]);
	KUNIT_ASSERT_EQ(test, nla_parse_nested(stb, RPROC_DIAG_SESS_A_MAX,
					       tb[RPROC_DIAG_A_SESSION],
					       sess_policy, NULL), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(stb[RPROC_DIAG_SESS_A_ID]), 3U);

	/* TA commands: in call order, each a nest of the CMD_A_* set */
	KUNIT_ASSERT_NOT_NULL(test, tb[RPROC_DIAG_A_TA_CMDS]);
	nla_for_each_nested(item, tb[RPROC_DIAG_A_TA_CMDS], rem) {
		KUNIT_ASSERT_EQ(test, nla_parse_nested(ctb, RPROC_DIAG_CMD_A_MAX,
						       item, cmd_policy, NULL),
				0);
		KUNIT_ASSERT_LT(test, n, 4);
		funcs[n++] = nla_get_u32(ctb[RPROC_DIAG_CMD_A_FUNC]);
	}
	KUNIT_ASSERT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, funcs[0], 1U);
	KUNIT_EXPECT_EQ(test, funcs[1], 2U);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ctb[RPROC_DIAG_CMD_A_RET]),
			0xffff0000U);

	/* image: optional members only when present */
	KUNIT_ASSERT_NOT_NULL(test, tb[RPROC_DIAG_A_IMAGE]);
	KUNIT_ASSERT_EQ(test, nla_parse_nested(itb, RPROC_DIAG_IMG_A_MAX,
					       tb[RPROC_DIAG_A_IMAGE],
					       img_policy, NULL), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(itb[RPROC_DIAG_IMG_A_BOOTADDR]),
			0x80000000U);
	KUNIT_EXPECT_NULL(test, itb[RPROC_DIAG_IMG_A_BOOTSEC]);
	KUNIT_EXPECT_NULL(test, itb[RPROC_DIAG_IMG_A_SIGN_TYPE]);
	KUNIT_ASSERT_NOT_NULL(test, itb[RPROC_DIAG_IMG_A_PKEY_SHA256]);
	KUNIT_EXPECT_EQ(test,
			((u8 *)nla_data(itb[RPROC_DIAG_IMG_A_PKEY_SHA256]))[31],
			0xaa);

	KUNIT_ASSERT_NOT_NULL(test, tb[RPROC_DIAG_A_ANALYSIS]);
	KUNIT_ASSERT_EQ(test, nla_parse_nested(atb, RPROC_DIAG_AN_A_MAX,
					       tb[RPROC_DIAG_A_ANALYSIS],
					       an_policy, NULL), 0);
	n = 0;
	nla_for_each_nested(item, atb[RPROC_DIAG_AN_A_FINDINGS], rem) {
		KUNIT_ASSERT_EQ(test, nla_parse_nested(ftb, RPROC_DIAG_FND_A_MAX,
						       item, fnd_policy, NULL),
				0);
		n++;
	}
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ftb[RPROC_DIAG_FND_A_ADDR]),
			0x80100000U);
	KUNIT_EXPECT_EQ(test, nla_get_s64(ftb[RPROC_DIAG_FND_A_VALUE]), -1LL);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(ftb[RPROC_DIAG_FND_A_TEXT]),
			   "segment 1 (p_paddr 0x80100000) hash mismatch");
	kfree_skb(skb);
}

/* What is not known is not sent. */
static void netlink_record_minimal(struct kunit *test)
{
	struct nlattr *tb[RPROC_DIAG_A_MAX + 1];
	struct rproc_diag_record *rec;
	struct sk_buff *skb;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	rec->seq = 1;
	rec->rproc_index = -1;
	skb = alloc_skb(RPROC_DIAG_NL_MSG_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, rproc_diag_nl_put_record(skb, rec), 0);
	KUNIT_ASSERT_EQ(test, nla_parse(tb, RPROC_DIAG_A_MAX,
					(struct nlattr *)skb->data, skb->len,
					rec_policy, NULL), 0);
	KUNIT_EXPECT_NULL(test, tb[RPROC_DIAG_A_RPROC_INDEX]);
	KUNIT_EXPECT_NULL(test, tb[RPROC_DIAG_A_SESSION]);
	KUNIT_EXPECT_NULL(test, tb[RPROC_DIAG_A_IMAGE]);
	KUNIT_EXPECT_NULL(test, tb[RPROC_DIAG_A_ANALYSIS]);
	KUNIT_EXPECT_NOT_NULL(test, tb[RPROC_DIAG_A_TA_CMDS]);
	kfree_skb(skb);
}

/* A full record fits in the advertised size; a small buffer fails cleanly. */
static void netlink_record_sizes(struct kunit *test)
{
	struct rproc_diag_record *rec = sample(test);
	struct sk_buff *skb;
	unsigned int i;

	rec->n_cmds = RPROC_DIAG_MAX_TA_CMDS;
	rec->analysis.n_findings = RPROC_DIAG_MAX_FINDINGS;
	for (i = 0; i < RPROC_DIAG_MAX_FINDINGS; i++)
		memset(rec->analysis.findings[i].text, 'x',
		       RPROC_DIAG_TEXT_MAX - 1);
	memset(rec->rproc_name, 'r', RPROC_DIAG_NAME_MAX - 1);
	memset(rec->fw_name, 'f', RPROC_DIAG_NAME_MAX - 1);
	skb = alloc_skb(RPROC_DIAG_NL_MSG_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, rproc_diag_nl_put_record(skb, rec), 0);
	kfree_skb(skb);

	skb = alloc_skb(128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, rproc_diag_nl_put_record(skb, rec), -EMSGSIZE);
	kfree_skb(skb);
}

static struct kunit_case netlink_cases[] = {
	KUNIT_CASE(netlink_record_roundtrip),
	KUNIT_CASE(netlink_record_minimal),
	KUNIT_CASE(netlink_record_sizes),
	{}
};

static struct kunit_suite netlink_suite = {
	.name = "rproc_diag_netlink",
	.test_cases = netlink_cases,
};

kunit_test_suite(netlink_suite);
