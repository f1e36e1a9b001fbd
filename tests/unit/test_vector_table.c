// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Cortex-M vector table finder (userspace/optee/vector_table.c): the
 * BOOTADDR an STM32MP2 image must be signed with.  Real ELFs built by
 * arm-none-eabi-gcc (tests/firmware: fw.elf, fw_hdr.elf whose table is not
 * in the first PT_LOAD), the clang-built fixture, and small synthetic ELFs
 * for the layouts a linker rarely makes here (code before the table, a
 * table only the entry point finds, LMA != VMA, no valid table at all).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include "optee/vector_table.h"

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

struct syn_seg {
	uint32_t vaddr, paddr, flags, size;
	uint32_t words[4];	/* first words of the segment */
	uint32_t at;		/* where in the segment they go */
};

/* A section-less ELF32 ARM executable with these PT_LOAD segments. */
static uint8_t *synth(const struct syn_seg *segs, unsigned int n, uint32_t entry, size_t *len)
{
	size_t off = 52 + 32 * n, total = off;
	uint8_t *b;

	for (unsigned int i = 0; i < n; i++)
		total += segs[i].size;
	b = calloc(1, total);
	assert_non_null(b);
	memcpy(b, "\x7f" "ELF\x01\x01\x01", 7);
	put16(b + 16, 2);		/* ET_EXEC */
	put16(b + 18, 40);		/* EM_ARM */
	put32(b + 20, 1);
	put32(b + 24, entry);
	put32(b + 28, 52);
	put16(b + 40, 52);
	put16(b + 42, 32);
	put16(b + 44, (uint16_t)n);
	put16(b + 46, 40);
	for (unsigned int i = 0; i < n; i++) {
		uint8_t *ph = b + 52 + 32 * i;

		put32(ph, 1);
		put32(ph + 4, (uint32_t)off);
		put32(ph + 8, segs[i].vaddr);
		put32(ph + 12, segs[i].paddr ? segs[i].paddr : segs[i].vaddr);
		put32(ph + 16, segs[i].size);
		put32(ph + 20, segs[i].size);
		put32(ph + 24, segs[i].flags);
		put32(ph + 28, 4);
		for (unsigned int w = 0; w < 4; w++)
			put32(b + off + segs[i].at + 4 * w, segs[i].words[w]);
		off += segs[i].size;
	}
	*len = total;
	return b;
}

#define RX 5
#define R 4
#define RW 6

static void check_file(const char *path, uint32_t addr, enum vt_rule rule, int seg)
{
	struct vt_result r;
	uint8_t *b;
	size_t len;

	b = tu_read(path, &len);
	assert_int_equal(vt_find(b, len, &r), 0);
	if (!r.found)
		fail_msg("%s: no vector table: %s", path, r.why_not);
	assert_int_equal(r.addr, addr);
	assert_int_equal(r.load_addr, addr);
	assert_int_equal(r.rule, rule);
	assert_int_equal(r.segment, seg);
	if (r.uncertain)
		fail_msg("%s: uncertain: %s", path, r.warning);
	assert_true(r.reset & 1);
	free(b);
}

/* Real ELFs: their `vectors' symbol, agreeing with .isr_vector and the segment rule. */
static void test_real_elfs(void **state)
{
	(void)state;
	/* program header 0 is PT_ARM_EXIDX */
	check_file(TEST_FW "/fw.elf", 0x80000000, VT_RULE_SYMBOL, 1);
	check_file(TEST_FW "/fw2.elf", 0x80200000, VT_RULE_SYMBOL, 1);
	/* the table is in the second PT_LOAD (header 2), behind a read-only header */
	check_file(TEST_FW "/fw_hdr.elf", 0x80000400, VT_RULE_SYMBOL, 2);
	/* clang-built fixture of the format notes (../shared/fixtures) */
	check_file(TEST_FIXTURES "/optee-rproc/fw.elf", 0x80000000, VT_RULE_SYMBOL, 0);
}

/* objcopy -S (symbols gone, sections kept), then no sections at all. */
static void test_not_first_segment(void **state)
{
	struct vt_result r;
	uint8_t *b;
	size_t len;
	char cmd[1024];

	(void)state;
	snprintf(cmd, sizeof(cmd), "arm-none-eabi-objcopy -S %s/fw_hdr.elf %s/fw_hdr_stripped.elf",
		 TEST_FW, TEST_BUILD);
	assert_int_equal(system(cmd), 0);
	check_file(TEST_BUILD "/fw_hdr_stripped.elf", 0x80000400, VT_RULE_SECTION, 2);
	b = tu_read(TEST_FW "/fw_hdr.elf", &len);
	put32(b + 32, 0);	/* e_shoff */
	put16(b + 48, 0);	/* e_shnum */
	assert_int_equal(vt_find(b, len, &r), 0);
	assert_true(r.found);
	assert_int_equal(r.rule, VT_RULE_SEGMENT);
	assert_int_equal(r.addr, 0x80000400);
	assert_int_equal(r.segment, 2);
	assert_false(r.uncertain);
	free(b);
}

/* Code (e.g. in TCM) before the segment that holds the table. */
static void test_code_first(void **state)
{
	const struct syn_seg segs[] = {
		{ .vaddr = 0x10000000, .flags = RX, .size = 0x100,
		  .words = { 0x4770bf00, 0x4770bf00 } },		/* code: nop; bx lr */
		{ .vaddr = 0x80000000, .flags = RX, .size = 0x200,
		  .words = { 0x80110000, 0x80000101 } },		/* SP, reset */
		{ .vaddr = 0x80100000, .flags = RW, .size = 0x40 },
	};
	struct vt_result r;
	uint8_t *b;
	size_t len;

	(void)state;
	b = synth(segs, 3, 0x80000101, &len);
	assert_int_equal(vt_find(b, len, &r), 0);
	assert_true(r.found);
	assert_int_equal(r.rule, VT_RULE_SEGMENT);
	assert_int_equal(r.addr, 0x80000000);
	assert_int_equal(r.segment, 1);
	assert_int_equal(r.sp, 0x80110000);
	assert_false(r.uncertain);
	free(b);
}

/* No valid table anywhere: say so, what was checked and how to find it. */
static void test_no_table(void **state)
{
	const struct syn_seg segs[] = {
		{ .vaddr = 0x80000000, .flags = RX, .size = 0x200,
		  .words = { 0x80110000, 0x80000100 } },		/* reset without Thumb bit */
	};
	const struct syn_seg segs2[] = {
		{ .vaddr = 0x80000000, .flags = RX, .size = 0x200,
		  .words = { 0x80000010, 0x80000101 } },		/* SP inside the code */
		{ .vaddr = 0x80100000, .flags = RW, .size = 0x40,
		  .words = { 0x80110000, 0x90000001 } },		/* not executable */
	};
	struct vt_result r;
	char how[512];
	uint8_t *b;
	size_t len;

	(void)state;
	b = synth(segs, 1, 0x80000101, &len);
	assert_int_equal(vt_find(b, len, &r), 0);
	assert_false(r.found);
	assert_non_null(strstr(r.why_not, "not a Thumb address"));
	free(b);
	b = synth(segs2, 2, 0x80000101, &len);
	assert_int_equal(vt_find(b, len, &r), 0);
	assert_false(r.found);
	assert_non_null(strstr(r.why_not, "not an initial stack pointer"));
	free(b);
	/* a real ELF whose first words were overwritten */
	b = tu_read(TEST_FW "/fw.elf", &len);
	memset(b + 0x100, 0xff, 8);
	assert_int_equal(vt_find(b, len, &r), 0);
	assert_false(r.found);
	free(b);
	vt_how_to_find("fw.elf", how, sizeof(how));
	assert_non_null(strstr(how, "readelf -S fw.elf"));
	assert_non_null(strstr(how, "--bootaddr"));
}

/* Uncertain answers carry a warning that says why. */
static void test_uncertain(void **state)
{
	/* reset vector is not the entry point */
	const struct syn_seg a[] = {
		{ .vaddr = 0x80000000, .flags = RX, .size = 0x200, .words = { 0x80110000, 0x80000101 } },
	};
	/* linked at 0x80000000, loaded at 0x90000000 */
	const struct syn_seg b[] = {
		{ .vaddr = 0x80000000, .paddr = 0x90000000, .flags = RX, .size = 0x200,
		  .words = { 0x80110000, 0x80000101 } },
	};
	/* the table is 0x80 into its segment: only the entry point finds it */
	const struct syn_seg c[] = {
		{ .vaddr = 0x80000000, .flags = RX, .size = 0x200, .at = 0x80,
		  .words = { 0x80110000, 0x80000181 } },
	};
	struct vt_result r;
	uint8_t *e;
	size_t len;

	(void)state;
	e = synth(a, 1, 0x80000151, &len);
	assert_int_equal(vt_find(e, len, &r), 0);
	assert_true(r.found && r.uncertain);
	assert_non_null(strstr(r.warning, "not the ELF entry point"));
	free(e);

	e = synth(b, 1, 0x80000101, &len);
	assert_int_equal(vt_find(e, len, &r), 0);
	assert_true(r.found && r.uncertain);
	assert_int_equal(r.addr, 0x80000000);
	assert_int_equal(r.load_addr, 0x90000000);
	assert_non_null(strstr(r.warning, "loaded at 0x90000000"));
	free(e);

	e = synth(c, 1, 0x80000181, &len);
	assert_int_equal(vt_find(e, len, &r), 0);
	assert_true(r.found && r.uncertain);
	assert_int_equal(r.rule, VT_RULE_ENTRY);
	assert_int_equal(r.addr, 0x80000080);
	assert_non_null(strstr(r.warning, "scanning"));
	free(e);
}

/* Not an ARM ELF: -EINVAL with the reason; every prefix of a real ELF is safe. */
static void test_bad_input(void **state)
{
	struct vt_result r;
	uint8_t *b;
	size_t len;

	(void)state;
	assert_int_equal(vt_find((const uint8_t *)"hello", 5, &r), -EINVAL);
	assert_non_null(strstr(r.why_not, "not an ELF"));
	b = tu_read(TEST_FW "/fw.elf", &len);
	put16(b + 18, 62);	/* EM_X86_64 */
	assert_int_equal(vt_find(b, len, &r), -EINVAL);
	assert_non_null(strstr(r.why_not, "EM_ARM"));
	put16(b + 18, 40);
	for (size_t n = 0; n < len; n++) {
		uint8_t *cut = malloc(n ? n : 1);

		assert_non_null(cut);
		memcpy(cut, b, n);
		(void)vt_find(cut, n, &r);	/* ASan checks the reads */
		free(cut);
	}
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_elfs),
		cmocka_unit_test(test_not_first_segment),
		cmocka_unit_test(test_code_first),
		cmocka_unit_test(test_no_table),
		cmocka_unit_test(test_uncertain),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
