// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * TEE result-code tables (kmod/lib/rproc_tee.c) and `rproc-diag explain`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include "cmd/commands.h"
#include "cmd/explain.h"
#include "rproc_tee.h"

static void test_parse(void **state)
{
	uint32_t c;

	(void)state;
	assert_int_equal(explain_parse_code("0xffff0006", &c), 0);
	assert_int_equal(c, 0xffff0006);
	assert_int_equal(explain_parse_code("ffff3072", &c), 0);	/* as Linux prints it */
	assert_int_equal(c, 0xffff3072);
	assert_int_equal(explain_parse_code("-65530", &c), 0);
	assert_int_equal(c, 0xffff0006);
	assert_int_equal(explain_parse_code("BAD_PARAMETERS", &c), 0);
	assert_int_equal(c, 0xffff0006);
	assert_int_equal(explain_parse_code("tee_error_security", &c), 0);
	assert_int_equal(c, 0xffff000f);
	assert_int_equal(explain_parse_code("0x1ffffffff", &c), -1);
	assert_int_equal(explain_parse_code("zz", &c), -1);
	assert_int_equal(explain_parse_code("", &c), -1);
}

static void test_tables(void **state)
{
	const struct rpi_tee_cause *cs;
	const struct rpi_tee_code *codes;
	size_t n, m, i;

	(void)state;
	cs = rpi_tee_causes(&n);
	codes = rpi_tee_codes(&m);
	assert_true(n > 20);
	for (i = 0; i < n; i++) {
		/* every cause names a known code, a command, a TA and a check */
		assert_non_null(rpi_tee_code_lookup(cs[i].code));
		assert_string_not_equal(rpi_ta_cmd_name(cs[i].cmd), "unknown");
		assert_true(cs[i].ta_mask && !(cs[i].ta_mask & ~RPI_TA_ALL));
		assert_true(strlen(cs[i].check) > 10);
	}
	for (i = 1; i < m; i++)
		assert_true(codes[i].code != codes[i - 1].code);
	assert_string_equal(rpi_tee_code_name(0xffff0006), "TEE_ERROR_BAD_PARAMETERS");
	assert_string_equal(rpi_tee_code_name(0xffff000f), "TEE_ERROR_SECURITY");
	assert_string_equal(rpi_tee_code_name(0xffff3072), "TEE_ERROR_SIGNATURE_INVALID");
	assert_string_equal(rpi_tee_code_name(0xf0100001), "TEE_ERROR_CORRUPT_OBJECT");
	assert_string_equal(rpi_tee_code_name(0x1234), "unknown TEE result");
	assert_string_equal(rpi_tee_origin_name(4), "TEE_ORIGIN_TRUSTED_APP");
	assert_string_equal(rpi_ta_cmd_name(RPROC_DIAG_TA_LOAD_FW), "LOAD_FW");
}

static void test_explain_output(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_int_equal(explain_code(0xffff0006, -1, -1, 4, NULL, f), 0);
	fflush(f);
	assert_non_null(strstr(buf, "TEE_ERROR_BAD_PARAMETERS"));
	assert_non_null(strstr(buf, "not TEE_ERROR_SECURITY"));
	assert_non_null(strstr(buf, "20 + R8(tlv_len)"));
	assert_non_null(strstr(buf, "TEE_ORIGIN_TRUSTED_APP"));
	fclose(f);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	/* filters: a legacy-only cause must not appear for the upstream TA */
	assert_int_equal(explain_code(0xf0100001, RPROC_DIAG_TA_LOAD_FW, RPI_TA_UPSTREAM, -1,
				      NULL, f), 0);
	fflush(f);
	assert_null(strstr(buf, "F1 header"));
	assert_non_null(strstr(buf, "resource_table"));
	fclose(f);
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_int_equal(explain_code(0x12345678, -1, -1, -1, NULL, f), 1);
	fclose(f);
	free(buf);
	assert_int_equal(tu_cmd(cmd_explain, "explain", NULL), EXIT_USAGE);
	assert_int_equal(tu_cmd(cmd_explain, "explain", "--ta", "nope", "0xffff0006", NULL),
			 EXIT_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_explain_output),
	};

	return cmocka_run_group_tests_name("explain", tests, NULL, NULL);
}
