// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Sequence tracking of the event stream (userspace/kernel/seqtrack.c) against a
 * fake kernel ring: in-order delivery, duplicates from a dump overlapping
 * with events, a sequence gap fully recovered from the ring, a gap whose
 * records the ring already overwrote, a socket overrun, a failing dump and
 * a module reload that restarts the numbering.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/seqtrack.h"

#define RING 8

struct fake {
	uint64_t oldest, newest;	/* ring holds [oldest, newest] */
	int dump_err;
	unsigned int dumps;
	uint64_t delivered[64];
	unsigned int n_delivered;
	struct seq_loss loss;
	unsigned int n_lost;
};

static struct rd_record mk(uint64_t seq)
{
	struct rd_record r;

	memset(&r, 0, sizeof(r));
	r.seq = seq;
	r.has_seq = true;
	return r;
}

static int fake_dump(void *ctx, uint64_t from, void (*cb)(void *, struct rd_record *), void *arg)
{
	struct fake *f = ctx;
	int n = 0;

	f->dumps++;
	if (f->dump_err)
		return f->dump_err;
	for (uint64_t s = from > f->oldest ? from : f->oldest; s <= f->newest; s++) {
		struct rd_record r = mk(s);

		cb(arg, &r);
		n++;
	}
	return n;
}

static void fake_deliver(void *ctx, struct rd_record *rec)
{
	struct fake *f = ctx;

	assert_true(f->n_delivered < 64);
	f->delivered[f->n_delivered++] = rec->seq;
}

static void fake_lost(void *ctx, const char *why, const struct seq_loss *l)
{
	struct fake *f = ctx;

	assert_non_null(why);
	f->loss = *l;
	f->n_lost++;
}

static void setup(struct seqtrack *t, struct fake *f, uint64_t start)
{
	memset(f, 0, sizeof(*f));
	memset(t, 0, sizeof(*t));
	t->dump = fake_dump;
	t->deliver = fake_deliver;
	t->lost = fake_lost;
	t->ctx = f;
	seq_reset(t, start);
}

/* the kernel made records up to @newest, the ring keeps the last RING */
static void kernel_made(struct fake *f, uint64_t newest)
{
	f->newest = newest;
	f->oldest = newest >= RING ? newest - RING + 1 : 1;
}

static void event(struct seqtrack *t, struct fake *f, uint64_t seq)
{
	struct rd_record r = mk(seq);

	if (seq > f->newest)
		kernel_made(f, seq);
	seq_on_record(t, &r);
}

static void assert_delivered_in_order(const struct fake *f, uint64_t first, uint64_t last)
{
	assert_int_equal(f->n_delivered, last - first + 1);
	for (unsigned int i = 0; i < f->n_delivered; i++)
		assert_int_equal(f->delivered[i], first + i);
}

static void test_in_order_and_duplicates(void **state)
{
	struct seqtrack t;
	struct fake f;

	(void)state;
	setup(&t, &f, 5);
	for (uint64_t s = 5; s <= 9; s++)
		event(&t, &f, s);
	event(&t, &f, 7);	/* duplicate */
	event(&t, &f, 9);
	assert_delivered_in_order(&f, 5, 9);
	assert_int_equal(f.n_lost, 0);
	assert_int_equal(f.dumps, 0);
}

static void test_gap_recovered(void **state)
{
	struct seqtrack t;
	struct fake f;

	(void)state;
	setup(&t, &f, 1);
	event(&t, &f, 1);
	event(&t, &f, 2);
	kernel_made(&f, 5);	/* 3, 4 lost as events, still in the ring */
	event(&t, &f, 5);
	assert_int_equal(f.dumps, 1);
	assert_int_equal(f.n_lost, 1);
	assert_int_equal(f.loss.from, 3);
	assert_int_equal(f.loss.until, 5);
	assert_int_equal(f.loss.missed, 2);
	assert_int_equal(f.loss.recovered, 2);
	assert_int_equal(f.loss.overwritten, 0);
	assert_delivered_in_order(&f, 1, 5);
	/* the dump already delivered later events' records: no repeats */
	event(&t, &f, 5);
	event(&t, &f, 6);
	assert_delivered_in_order(&f, 1, 6);
}

static void test_gap_overwritten(void **state)
{
	struct seqtrack t;
	struct fake f;

	(void)state;
	setup(&t, &f, 1);
	event(&t, &f, 1);
	kernel_made(&f, 20);	/* ring keeps 13..20: 2..12 are gone */
	event(&t, &f, 20);
	assert_int_equal(f.loss.from, 2);
	assert_int_equal(f.loss.missed, 18);
	assert_int_equal(f.loss.overwritten, 11);
	assert_int_equal(f.loss.recovered, 7);
	assert_int_equal(f.n_delivered, 1 + 8);
	assert_int_equal(f.delivered[1], 13);
	assert_int_equal(f.delivered[8], 20);
}

static void test_overrun(void **state)
{
	struct seqtrack t;
	struct fake f;

	(void)state;
	setup(&t, &f, 3);
	event(&t, &f, 3);
	kernel_made(&f, 14);	/* 4..14 made, ring keeps 7..14 */
	seq_on_overrun(&t);
	assert_int_equal(f.loss.until, 0);
	assert_int_equal(f.loss.from, 4);
	assert_int_equal(f.loss.recovered, 8);
	assert_int_equal(f.loss.overwritten, 3);
	assert_int_equal(f.loss.missed, 11);
	assert_int_equal(f.delivered[f.n_delivered - 1], 14);
	/* events queued before the overrun arrive late: dropped as duplicates */
	event(&t, &f, 13);
	event(&t, &f, 15);
	assert_int_equal(f.delivered[f.n_delivered - 1], 15);
	assert_int_equal(f.n_delivered, 1 + 8 + 1);
}

static void test_overrun_before_anything(void **state)
{
	struct seqtrack t;
	struct fake f;

	(void)state;
	setup(&t, &f, 10);	/* --once: next_seq was 10 at start */
	kernel_made(&f, 12);
	seq_on_overrun(&t);
	assert_int_equal(f.loss.from, 10);
	assert_int_equal(f.loss.recovered, 3);
	assert_delivered_in_order(&f, 10, 12);
}

/* records made between start-up (next_seq) and the first event */
static void test_gap_before_first(void **state)
{
	struct seqtrack t;
	struct fake f;

	(void)state;
	setup(&t, &f, 10);
	kernel_made(&f, 12);
	event(&t, &f, 12);
	assert_int_equal(f.n_lost, 1);
	assert_int_equal(f.loss.from, 10);
	assert_int_equal(f.loss.missed, 2);
	assert_int_equal(f.loss.recovered, 2);
	assert_delivered_in_order(&f, 10, 12);
	/* the expected first record: no gap */
	setup(&t, &f, 10);
	event(&t, &f, 10);
	assert_int_equal(f.n_lost, 0);
	assert_int_equal(f.dumps, 0);
}

static void test_dump_fails(void **state)
{
	struct seqtrack t;
	struct fake f;

	(void)state;
	setup(&t, &f, 1);
	event(&t, &f, 1);
	f.dump_err = -ENOENT;	/* module gone meanwhile */
	kernel_made(&f, 4);
	event(&t, &f, 4);
	assert_int_equal(f.loss.err, -ENOENT);
	/* the record that revealed the gap is still delivered */
	assert_int_equal(f.n_delivered, 2);
	assert_int_equal(f.delivered[1], 4);
}

static void test_reload_restarts_numbering(void **state)
{
	struct seqtrack t;
	struct fake f;

	(void)state;
	setup(&t, &f, 1);
	event(&t, &f, 1);
	event(&t, &f, 2);
	event(&t, &f, 3);
	/* module reloaded: a new instance numbers from 1 (watch resets to its next_seq) */
	seq_reset(&t, 1);
	f.oldest = 1;
	f.newest = 0;
	event(&t, &f, 1);
	event(&t, &f, 2);
	assert_int_equal(f.n_delivered, 5);
	assert_int_equal(f.delivered[3], 1);
	assert_int_equal(f.n_lost, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order_and_duplicates),
		cmocka_unit_test(test_gap_recovered),
		cmocka_unit_test(test_gap_overwritten),
		cmocka_unit_test(test_overrun),
		cmocka_unit_test(test_overrun_before_anything),
		cmocka_unit_test(test_gap_before_first),
		cmocka_unit_test(test_dump_fails),
		cmocka_unit_test(test_reload_restarts_numbering),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
