// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: names of TEE results, origins, TA commands, kinds and driver
 * generations (what the debugfs dump prints).
 */
#include <kunit/test.h>
#include "rproc_diag.h"
#include "tee_codes.h"

struct name_case {
	u32 value;
	const char *name;
	const char *desc;
};

static const struct name_case tee_ret_cases[] = {
	{ 0x00000000, "SUCCESS", "success" },
	{ 0xffff0006, "BAD_PARAMETERS", "bad parameters (not a signature error)" },
	{ 0xffff000f, "SECURITY", "security: segment hash mismatch" },
	{ 0xffff3072, "SIGNATURE_INVALID", "signature invalid" },
	{ 0xffff000a, "NOT_SUPPORTED", "not supported" },
	{ 0xffff0007, "BAD_STATE", "bad state" },
	{ 0xf0100001, "CORRUPT_OBJECT", "corrupt object (first entry)" },
	{ 0xffff5001, "TIME_NEEDS_RESET", "last entry" },
	{ 0xffff0000, "GENERIC", "generic" },
	{ 0xffff0012, "?", "unknown code between known ones" },
	{ 0x12345678, "?", "unknown code" },
	{ 0xffffffff, "?", "beyond the table" },
};

static void name_case_desc(const struct name_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(tee_ret, tee_ret_cases, name_case_desc);

static void tee_codes_ret_name(struct kunit *test)
{
	const struct name_case *c = test->param_value;

	KUNIT_EXPECT_STREQ(test, rproc_diag_tee_ret_name(c->value), c->name);
}

static void tee_codes_origin(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, rproc_diag_tee_origin_name(1), "API");
	KUNIT_EXPECT_STREQ(test, rproc_diag_tee_origin_name(2), "COMMS");
	KUNIT_EXPECT_STREQ(test, rproc_diag_tee_origin_name(3), "TEE");
	KUNIT_EXPECT_STREQ(test, rproc_diag_tee_origin_name(4), "TA");
	KUNIT_EXPECT_STREQ(test, rproc_diag_tee_origin_name(0), "?");
	KUNIT_EXPECT_STREQ(test, rproc_diag_tee_origin_name(5), "?");
}

static void tee_codes_ta_cmds(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, rproc_diag_ta_cmd_name(1), "LOAD_FW");
	KUNIT_EXPECT_STREQ(test, rproc_diag_ta_cmd_name(2), "START_FW");
	KUNIT_EXPECT_STREQ(test, rproc_diag_ta_cmd_name(3), "STOP_FW");
	KUNIT_EXPECT_STREQ(test, rproc_diag_ta_cmd_name(4), "GET_RSC_TABLE");
	KUNIT_EXPECT_STREQ(test, rproc_diag_ta_cmd_name(6), "RELEASE_FW");
	KUNIT_EXPECT_STREQ(test, rproc_diag_ta_cmd_name(0), "?");
	KUNIT_EXPECT_STREQ(test, rproc_diag_ta_cmd_name(7), "?");
}

static void tee_codes_enums(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, rproc_diag_kind_name(RPROC_DIAG_KIND_BOOT),
			   "boot");
	KUNIT_EXPECT_STREQ(test,
			   rproc_diag_kind_name(RPROC_DIAG_KIND_SHUTDOWN),
			   "shutdown");
	KUNIT_EXPECT_STREQ(test, rproc_diag_kind_name(0), "?");
	KUNIT_EXPECT_STREQ(test, rproc_diag_api_name(RPROC_DIAG_API_ST), "st");
	KUNIT_EXPECT_STREQ(test,
			   rproc_diag_api_name(RPROC_DIAG_API_UPSTREAM),
			   "upstream");
	KUNIT_EXPECT_STREQ(test, rproc_diag_api_name(9), "?");
	KUNIT_EXPECT_STREQ(test, rproc_diag_format_name(RPROC_DIAG_FMT_F3),
			   "f3");
	KUNIT_EXPECT_STREQ(test,
			   rproc_diag_format_name(RPROC_DIAG_FMT_DAMAGED),
			   "damaged");
}

static struct kunit_case tee_codes_cases[] = {
	KUNIT_CASE_PARAM(tee_codes_ret_name, tee_ret_gen_params),
	KUNIT_CASE(tee_codes_origin),
	KUNIT_CASE(tee_codes_ta_cmds),
	KUNIT_CASE(tee_codes_enums),
	{}
};

static struct kunit_suite tee_codes_suite = {
	.name = "rproc_diag_tee_codes",
	.test_cases = tee_codes_cases,
};

kunit_test_suite(tee_codes_suite);
