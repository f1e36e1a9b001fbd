// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The knowledge base as data (userspace/diagnosis/kb.c, facts.c, text.c):
 * every cause has a name, a row and a line in userspace/JSON.md; every fact
 * is matched by some row (a fact nobody tests is a cause nobody gives);
 * every row's texts expand without an unknown {placeholder}; the last row
 * catches everything.  Which facts give which cause is test_diag.c's part.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"

#include "diagnosis/kb.h"
#include "diagnosis/text.h"

static void test_cause_names(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < CAUSE_COUNT; i++) {
		const char *n = diag_cause_name((enum diag_cause)i);

		assert_non_null(n);
		for (unsigned int j = 0; j < i; j++)
			assert_string_not_equal(n, diag_cause_name((enum diag_cause)j));
	}
	assert_null(diag_cause_name(CAUSE_COUNT));
}

/* JSON.md's cause table names every cause (as `name`). */
static void test_causes_documented(void **state)
{
	size_t len;
	char *doc = (char *)tu_read(TEST_TOP "/userspace/JSON.md", &len);
	char *md = malloc(len + 1);
	int missing = 0;

	(void)state;
	assert_non_null(md);
	memcpy(md, doc, len);
	md[len] = '\0';
	for (unsigned int i = 0; i < CAUSE_COUNT; i++) {
		const char *n = diag_cause_name((enum diag_cause)i);

		if (!strstr(md, tu_fmt("| `%s` |", n)) && !strstr(md, tu_fmt("| `%s` /", n)) &&
		    !strstr(md, tu_fmt("/ `%s` |", n))) {
			print_error("cause `%s' is not in the cause table of userspace/JSON.md\n", n);
			missing++;
		}
	}
	free(md);
	free(doc);
	assert_int_equal(missing, 0);
}

static void test_every_cause_has_a_row(void **state)
{
	int missing = 0;

	(void)state;
	for (unsigned int c = 0; c < CAUSE_COUNT; c++) {
		bool found = false;

		for (size_t i = 0; i < kb_nrules; i++)
			found |= kb_rules[i].cause == c;
		if (!found) {
			print_error("cause `%s' has no row\n", diag_cause_name((enum diag_cause)c));
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void test_every_fact_is_matched(void **state)
{
	diag_fact_set used = 0;
	int missing = 0;

	(void)state;
	for (size_t i = 0; i < kb_nrules; i++)
		used |= kb_rules[i].need | kb_rules[i].need_any | kb_rules[i].forbid;
	for (unsigned int f = 0; f < F_COUNT; f++) {
		assert_string_not_equal(diag_fact_name((enum diag_fact)f), "?");
		if (!(used & FACT(f))) {
			print_error("fact %s is tested by no row\n", diag_fact_name((enum diag_fact)f));
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void test_placeholders_known(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < kb_nrules; i++) {
		const struct kb_rule *r = &kb_rules[i];
		const char *tpl[DIAG_MAX_STEPS + 2] = { r->title, r->explain };
		size_t n = 2;

		for (unsigned int s = 0; s < DIAG_MAX_STEPS && r->steps[s]; s++)
			tpl[n++] = r->steps[s];
		for (size_t t = 0; t < n; t++) {
			const char *p;
			size_t len;

			assert_non_null(tpl[t]);
			p = diag_unknown_placeholder(tpl[t], &len);
			if (p) {
				print_error("row %zu (%s): unknown placeholder {%.*s}\n", i,
					    diag_cause_name(r->cause), (int)len, p);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* Every row's texts, expanded for a bare record and for a rich one. */
static void test_every_row_expands(void **state)
{
	struct rd_record *bare = calloc(1, sizeof(*bare)), *rich = calloc(1, sizeof(*rich));
	struct diag_file *f = calloc(1, sizeof(*f));
	struct diag_result *res = calloc(1, sizeof(*res));
	struct diag_dev d = { .known = true, .tee_present = true, .rproc_found = true,
			      .state = "offline", .fw_format = "TEE" };
	int bad = 0;

	(void)state;
	assert_non_null(bare);
	assert_non_null(rich);
	assert_non_null(f);
	assert_non_null(res);
	rich->kind = RPROC_DIAG_KIND_BOOT;
	rich->has_boot_ret = rich->has_rproc_index = true;
	rich->boot_ret = -5;
	strcpy(rich->rproc_name, "m33");
	strcpy(rich->fw_name, "fw.sig");
	rich->n_cmds = 1;
	rich->cmds[0].func = RPROC_DIAG_TA_LOAD_FW;
	rich->cmds[0].ret = 0xffff0006;
	rich->cmds[0].has_ret = rich->cmds[0].has_origin = true;
	rich->cmds[0].origin = 4;
	f->looked = f->found = f->analyzed = true;
	strcpy(f->path, "/lib/firmware/fw.sig");
	f->size = 1828;
	f->res.sum.format = RPROC_DIAG_FMT_F3;
	for (size_t i = 0; i < kb_nrules; i++) {
		const struct diag_input ins[] = { { .rec = bare }, { .rec = rich, .file = f, .dev = &d } };

		for (size_t k = 0; k < 2; k++) {
			diag_run_rule((unsigned int)i, &ins[k], res);
			assert_string_equal(res->cause, diag_cause_name(kb_rules[i].cause));
			if (strchr(res->explanation, '{') || !res->explanation[0]) {
				print_error("row %zu: explanation `%s'\n", i, res->explanation);
				bad++;
			}
			for (unsigned int s = 0; s < res->n_steps; s++)
				if (strchr(res->steps[s], '{') || !res->steps[s][0]) {
					print_error("row %zu: step `%s'\n", i, res->steps[s]);
					bad++;
				}
		}
	}
	free(bare);
	free(rich);
	free(f);
	free(res);
	assert_int_equal(bad, 0);
}

/* The last row takes whatever no other row does. */
static void test_last_row_catches_all(void **state)
{
	const struct kb_rule *last = &kb_rules[kb_nrules - 1];

	(void)state;
	assert_int_equal(last->cause, CAUSE_UNKNOWN);
	assert_int_equal(last->at, AT_ANY);
	assert_int_equal(last->code, 0);
	assert_true(!last->need && !last->need_any && !last->forbid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cause_names),
		cmocka_unit_test(test_causes_documented),
		cmocka_unit_test(test_every_cause_has_a_row),
		cmocka_unit_test(test_every_fact_is_matched),
		cmocka_unit_test(test_placeholders_known),
		cmocka_unit_test(test_every_row_expands),
		cmocka_unit_test(test_last_row_catches_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
