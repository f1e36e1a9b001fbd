// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the attempt assembler (ordering, filtering of TEE calls, nesting,
 * sessions) and the record ring (overwrite, drops, clear).
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include "record.h"

/* Owners stand for tasks; any distinct non-NULL pointers do. */
static const int task_a, task_b, task_c;
#define A (&task_a)
#define B (&task_b)
#define C (&task_c)

static struct rproc_diag_state *new_state(struct kunit *test,
					  unsigned int ring_size)
{
	struct rproc_diag_state *st;

	st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st);
	KUNIT_ASSERT_EQ(test, rproc_diag_state_init(st, ring_size), 0);
	return st;
}

static void put_state(struct rproc_diag_state *st)
{
	rproc_diag_state_destroy(st);
}

static const struct rproc_diag_rproc_info m33 = {
	.index = 0, .name = "m33", .fw_name = "rproc-m33-fw.elf",
};

static void cmd(struct rproc_diag_state *st, const void *owner, u32 func,
		u32 ret, u32 session, struct rproc_diag_done *done)
{
	struct rproc_diag_ta_cmd_rec c = {
		.func = func, .ret = ret, .origin = ret ? 4 : 0,
		.duration_ns = 1000,
	};

	if (rproc_diag_ev_tee_wanted(st, owner, session))
		rproc_diag_ev_tee_invoke(st, owner, &c, session, 5000, done);
}

/* ST flow: boot -> load_fw (cmd 1) -> get_rsc_table (cmd 4) -> start (2) */
static void record_boot_order(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 8);
	struct rproc_diag_record *rec;
	struct rproc_diag_done done;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);

	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_BOOT, &m33, 100);
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_DRV_LOAD, NULL, 110);
	cmd(st, A, RPROC_DIAG_TA_LOAD_FW, 0, 7, NULL);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_DRV_LOAD, 0, 120, &done);
	KUNIT_EXPECT_FALSE(test, done.finished);
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_DRV_RSC, NULL, 130);
	cmd(st, A, RPROC_DIAG_TA_GET_RSC_TABLE, 0, 7, NULL);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_DRV_RSC, 0, 140, NULL);
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_DRV_START, NULL, 150);
	cmd(st, A, RPROC_DIAG_TA_START_FW, 0xffff0000, 7, NULL);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_DRV_START, -EIO, 160, NULL);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_BOOT, -EIO, 170, &done);

	KUNIT_ASSERT_TRUE(test, done.finished);
	KUNIT_EXPECT_FALSE(test, done.want_analysis);	/* LOAD passed */
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, done.seq, rec), 0);
	KUNIT_EXPECT_EQ(test, rec->seq, 1ULL);
	KUNIT_EXPECT_EQ(test, rec->kind, (u32)RPROC_DIAG_KIND_BOOT);
	KUNIT_EXPECT_EQ(test, rec->ts_start, 100ULL);
	KUNIT_EXPECT_EQ(test, rec->ts_end, 170ULL);
	KUNIT_EXPECT_EQ(test, rec->boot_ret, -EIO);
	KUNIT_EXPECT_TRUE(test, rec->flags & RPROC_DIAG_F_BOOT_RET_VALID);
	KUNIT_EXPECT_FALSE(test, rec->flags & RPROC_DIAG_F_LOAD_FAILED);
	KUNIT_EXPECT_STREQ(test, rec->rproc_name, "m33");
	KUNIT_EXPECT_STREQ(test, rec->fw_name, "rproc-m33-fw.elf");
	KUNIT_EXPECT_EQ(test, rec->rproc_index, 0);
	KUNIT_ASSERT_EQ(test, rec->n_cmds, 3U);
	KUNIT_EXPECT_EQ(test, rec->cmds[0].func, (u32)RPROC_DIAG_TA_LOAD_FW);
	KUNIT_EXPECT_EQ(test, rec->cmds[1].func,
			(u32)RPROC_DIAG_TA_GET_RSC_TABLE);
	KUNIT_EXPECT_EQ(test, rec->cmds[2].func, (u32)RPROC_DIAG_TA_START_FW);
	KUNIT_EXPECT_EQ(test, rec->cmds[2].ret, 0xffff0000U);
	KUNIT_EXPECT_EQ(test, st->cnt_tee_failures, 1ULL);
	KUNIT_EXPECT_EQ(test, st->cnt_attempts, 1ULL);
	put_state(st);
}

/*
 * Inside rproc_boot() but outside a TEE remoteproc driver call, TEE calls
 * of other clients (SCMI clocks, ...) are not the TA's: dropped.
 */
static void record_filters_other_clients(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 8);
	struct rproc_diag_record *rec;
	struct rproc_diag_done done;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_BOOT, &m33, 1);
	KUNIT_EXPECT_FALSE(test, rproc_diag_ev_tee_wanted(st, A, 99));
	cmd(st, A, 17, 0, 99, NULL);			/* SCMI, say */
	/* the assembler refuses it too when asked directly */
	{
		struct rproc_diag_ta_cmd_rec scmi = { .func = 17 };

		rproc_diag_ev_tee_invoke(st, A, &scmi, 99, 2, &done);
		KUNIT_EXPECT_FALSE(test, done.finished);
	}
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_DRV_LOAD, NULL, 2);
	KUNIT_EXPECT_TRUE(test, rproc_diag_ev_tee_wanted(st, A, 3));
	cmd(st, A, RPROC_DIAG_TA_LOAD_FW, 0xffff0006, 3, NULL);
	/* another task's call on an unknown session is ignored too */
	KUNIT_EXPECT_FALSE(test, rproc_diag_ev_tee_wanted(st, B, 3));
	cmd(st, B, RPROC_DIAG_TA_LOAD_FW, 0, 3, NULL);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_DRV_LOAD, -EIO, 3, NULL);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_BOOT, -EIO, 4, &done);

	KUNIT_ASSERT_TRUE(test, done.finished);
	KUNIT_EXPECT_TRUE(test, done.want_analysis);	/* LOAD failed */
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, done.seq, rec), 0);
	KUNIT_ASSERT_EQ(test, rec->n_cmds, 1U);
	KUNIT_EXPECT_EQ(test, rec->cmds[0].ret, 0xffff0006U);
	KUNIT_EXPECT_TRUE(test, rec->flags & RPROC_DIAG_F_LOAD_FAILED);
	KUNIT_EXPECT_TRUE(test, rec->flags & RPROC_DIAG_F_ANALYSIS_PENDING);
	KUNIT_EXPECT_EQ(test, st->next_seq, 2ULL);	/* B made no record */
	put_state(st);
}

/* A session opened to the TA is followed on any task, even outside calls. */
static void record_session_learning(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 8);
	struct rproc_diag_session_rec s = { .id = 42 };
	struct rproc_diag_record *rec;
	struct rproc_diag_done done;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);

	/* register: the open inside the REGISTER call is followed */
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_REGISTER, NULL, 1);
	KUNIT_EXPECT_TRUE(test, rproc_diag_ev_tee_open_wanted(st, A, false));
	KUNIT_EXPECT_FALSE(test, rproc_diag_ev_tee_open_wanted(st, B, false));
	KUNIT_EXPECT_TRUE(test, rproc_diag_ev_tee_open_wanted(st, B, true));
	rproc_diag_ev_tee_open(st, A, &s);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_REGISTER, 0, 2, &done);
	KUNIT_ASSERT_TRUE(test, done.finished);
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, done.seq, rec), 0);
	KUNIT_EXPECT_EQ(test, rec->kind, (u32)RPROC_DIAG_KIND_REGISTER);
	KUNIT_EXPECT_TRUE(test, rec->session.valid);
	KUNIT_EXPECT_EQ(test, rec->session.id, 42U);
	KUNIT_EXPECT_EQ(test, rec->boot_ret, 0);

	/* a STOP on that session from a task with no hooked call open */
	cmd(st, C, RPROC_DIAG_TA_STOP_FW, 0, 42, &done);
	KUNIT_ASSERT_TRUE(test, done.finished);
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, done.seq, rec), 0);
	KUNIT_EXPECT_EQ(test, rec->kind, (u32)RPROC_DIAG_KIND_SHUTDOWN);
	KUNIT_EXPECT_EQ(test, rec->n_cmds, 1U);
	KUNIT_EXPECT_TRUE(test, rec->session.valid);
	KUNIT_EXPECT_FALSE(test, rec->flags & RPROC_DIAG_F_BOOT_RET_VALID);

	/* closed: no longer the TA's */
	rproc_diag_ev_tee_close(st, 42);
	KUNIT_EXPECT_FALSE(test, rproc_diag_ev_tee_wanted(st, C, 42));
	put_state(st);
}

/* A failed open (TA refuses the session) is kept but not learned. */
static void record_session_refused(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 8);
	struct rproc_diag_session_rec s = {
		.id = 5, .ret = 0xffff000a, .origin = 4,
	};
	struct rproc_diag_record *rec;
	struct rproc_diag_done done;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_REGISTER, NULL, 1);
	rproc_diag_ev_tee_open(st, A, &s);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_REGISTER, -EINVAL, 2, &done);
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, done.seq, rec), 0);
	KUNIT_EXPECT_EQ(test, rec->session.ret, 0xffff000aU);
	KUNIT_EXPECT_EQ(test, rec->boot_ret, -EINVAL);
	KUNIT_EXPECT_FALSE(test, rproc_diag_ev_tee_wanted(st, B, 5));
	put_state(st);
}

/* Two tasks booting two processors at once get two records. */
static void record_interleaved_owners(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 8);
	struct rproc_diag_rproc_info m4 = { .index = 1, .name = "m4" };
	struct rproc_diag_done da, db;
	struct rproc_diag_record *rec;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_BOOT, &m33, 1);
	rproc_diag_ev_enter(st, B, RPROC_DIAG_CALL_BOOT, &m4, 2);
	rproc_diag_ev_enter(st, B, RPROC_DIAG_CALL_DRV_LOAD, NULL, 3);
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_DRV_LOAD, NULL, 3);
	cmd(st, B, RPROC_DIAG_TA_LOAD_FW, 0xffff3072, 1, NULL);
	cmd(st, A, RPROC_DIAG_TA_LOAD_FW, 0, 2, NULL);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_DRV_LOAD, 0, 4, NULL);
	rproc_diag_ev_exit(st, B, RPROC_DIAG_CALL_DRV_LOAD, -EIO, 4, NULL);
	rproc_diag_ev_exit(st, B, RPROC_DIAG_CALL_BOOT, -EIO, 5, &db);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_BOOT, 0, 6, &da);

	KUNIT_ASSERT_TRUE(test, da.finished && db.finished);
	KUNIT_EXPECT_LT(test, db.seq, da.seq);	/* numbered as they finish */
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, db.seq, rec), 0);
	KUNIT_EXPECT_STREQ(test, rec->rproc_name, "m4");
	KUNIT_EXPECT_EQ(test, rec->cmds[0].ret, 0xffff3072U);
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, da.seq, rec), 0);
	KUNIT_EXPECT_STREQ(test, rec->rproc_name, "m33");
	KUNIT_EXPECT_EQ(test, rec->cmds[0].ret, 0U);
	KUNIT_EXPECT_EQ(test, rec->boot_ret, 0);
	put_state(st);
}

static void record_cmds_truncated(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 4);
	struct rproc_diag_record *rec;
	struct rproc_diag_done done;
	unsigned int i;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_DRV_START, &m33, 1);
	for (i = 0; i < RPROC_DIAG_MAX_TA_CMDS + 3; i++)
		cmd(st, A, RPROC_DIAG_TA_START_FW, 0, 1, NULL);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_DRV_START, 0, 2, &done);
	KUNIT_ASSERT_TRUE(test, done.finished);
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, done.seq, rec), 0);
	/* a driver call alone (recovery path) is a boot without boot_ret */
	KUNIT_EXPECT_EQ(test, rec->kind, (u32)RPROC_DIAG_KIND_BOOT);
	KUNIT_EXPECT_FALSE(test, rec->flags & RPROC_DIAG_F_BOOT_RET_VALID);
	KUNIT_EXPECT_EQ(test, rec->n_cmds, (u32)RPROC_DIAG_MAX_TA_CMDS);
	KUNIT_EXPECT_TRUE(test, rec->flags & RPROC_DIAG_F_CMDS_TRUNCATED);
	put_state(st);
}

static void one_boot(struct rproc_diag_state *st, int ret,
		     struct rproc_diag_done *done)
{
	rproc_diag_ev_enter(st, A, RPROC_DIAG_CALL_BOOT, &m33, 1);
	rproc_diag_ev_exit(st, A, RPROC_DIAG_CALL_BOOT, ret, 2, done);
}

static void record_ring_overwrite(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 2);
	struct rproc_diag_record *rec;
	struct rproc_diag_done done;
	u64 seq;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	one_boot(st, -1, &done);
	one_boot(st, -2, &done);
	/* record 1 published, record 2 not yet */
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_next_unpublished(st, &seq), 0);
	KUNIT_EXPECT_EQ(test, seq, 1ULL);
	one_boot(st, -3, &done);	/* overwrites 1: already published */
	KUNIT_EXPECT_EQ(test, st->cnt_drops, 0ULL);
	one_boot(st, -4, &done);	/* overwrites 2: never published */
	KUNIT_EXPECT_EQ(test, st->cnt_drops, 1ULL);
	KUNIT_EXPECT_EQ(test, rproc_diag_ring_get(st, 2, rec), -ENOENT);
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, 4, rec), 0);
	KUNIT_EXPECT_EQ(test, rec->boot_ret, -4);
	/* the publisher resumes at the oldest record still there */
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_next_unpublished(st, &seq), 0);
	KUNIT_EXPECT_EQ(test, seq, 3ULL);
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_next_unpublished(st, &seq), 0);
	KUNIT_EXPECT_EQ(test, seq, 4ULL);
	KUNIT_EXPECT_EQ(test, rproc_diag_ring_next_unpublished(st, &seq),
			-ENOENT);

	/* clear empties the ring and zeroes counters; seq keeps going */
	rproc_diag_ring_clear(st);
	KUNIT_EXPECT_EQ(test, rproc_diag_ring_get(st, 4, rec), -ENOENT);
	KUNIT_EXPECT_EQ(test, st->cnt_drops, 0ULL);
	KUNIT_EXPECT_EQ(test, st->cnt_attempts, 0ULL);
	one_boot(st, 0, &done);
	KUNIT_EXPECT_EQ(test, done.seq, 5ULL);
	put_state(st);
}

static void record_analysis_attach(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 4);
	struct rproc_diag_analysis_rec *an;
	struct rproc_diag_record *rec;
	struct rproc_diag_done done;

	rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	an = kunit_kzalloc(test, sizeof(*an), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_ASSERT_NOT_NULL(test, an);

	/* analyze_always: even a good boot asks for analysis */
	st->analyze_always = true;
	one_boot(st, 0, &done);
	KUNIT_EXPECT_TRUE(test, done.want_analysis);
	an->status = 0;
	an->n_findings = 1;
	an->findings[0].code = RPROC_DIAG_FND_APPENDED;
	an->findings[0].value = 8;
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_set_analysis(st, done.seq, an),
			0);
	KUNIT_ASSERT_EQ(test, rproc_diag_ring_get(st, done.seq, rec), 0);
	KUNIT_EXPECT_TRUE(test, rec->analysis.done);
	KUNIT_EXPECT_FALSE(test, rec->flags & RPROC_DIAG_F_ANALYSIS_PENDING);
	KUNIT_EXPECT_EQ(test, rec->analysis.findings[0].value, 8LL);
	KUNIT_EXPECT_EQ(test, rproc_diag_ring_set_analysis_status(st, 99, -1),
			-ENOENT);

	/* without a firmware name there is nothing to fetch */
	rproc_diag_ev_enter(st, B, RPROC_DIAG_CALL_BOOT, NULL, 1);
	rproc_diag_ev_exit(st, B, RPROC_DIAG_CALL_BOOT, 0, 2, &done);
	KUNIT_EXPECT_FALSE(test, done.want_analysis);
	put_state(st);
}

/* More tasks in flight than slots: the extra one is counted as a drop. */
static void record_inflight_exhausted(struct kunit *test)
{
	struct rproc_diag_state *st = new_state(test, 4);
	static const char owners[RPROC_DIAG_INFLIGHT + 1];
	struct rproc_diag_done done;
	unsigned int i;

	for (i = 0; i <= RPROC_DIAG_INFLIGHT; i++)
		rproc_diag_ev_enter(st, &owners[i], RPROC_DIAG_CALL_BOOT,
				    &m33, 1);
	KUNIT_EXPECT_EQ(test, st->cnt_drops, 1ULL);
	rproc_diag_ev_exit(st, &owners[RPROC_DIAG_INFLIGHT],
			   RPROC_DIAG_CALL_BOOT, 0, 2, &done);
	KUNIT_EXPECT_FALSE(test, done.finished);
	for (i = 0; i < RPROC_DIAG_INFLIGHT; i++) {
		rproc_diag_ev_exit(st, &owners[i], RPROC_DIAG_CALL_BOOT, 0, 2,
				   &done);
		KUNIT_EXPECT_TRUE(test, done.finished);
	}
	put_state(st);
}

static struct kunit_case record_cases[] = {
	KUNIT_CASE(record_boot_order),
	KUNIT_CASE(record_filters_other_clients),
	KUNIT_CASE(record_session_learning),
	KUNIT_CASE(record_session_refused),
	KUNIT_CASE(record_interleaved_owners),
	KUNIT_CASE(record_cmds_truncated),
	KUNIT_CASE(record_ring_overwrite),
	KUNIT_CASE(record_analysis_attach),
	KUNIT_CASE(record_inflight_exhausted),
	{}
};

static struct kunit_suite record_suite = {
	.name = "rproc_diag_record",
	.test_cases = record_cases,
};

kunit_test_suite(record_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for rproc_diag");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
