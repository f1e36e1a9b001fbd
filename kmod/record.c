// SPDX-License-Identifier: GPL-2.0
/*
 * Attempt assembler and record ring.
 *
 * An attempt opens at the first hooked call a task makes (rproc_boot(),
 * rproc_shutdown(), a TEE remoteproc register call, or a driver call made
 * outside of those, e.g. by the recovery path) and closes when that
 * outermost call returns.  Everything the task does in between (driver
 * calls, remoteproc TA commands, the image summary at LOAD) lands in the
 * same record.  A TA command outside any hooked call on its task (matched
 * by its session id only) becomes a record of its own.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include "compat.h"
#include "record.h"

struct rproc_diag_state *rproc_diag_st;

int rproc_diag_state_init(struct rproc_diag_state *st, unsigned int ring_size)
{
	memset(st, 0, sizeof(*st));
	spin_lock_init(&st->lock);
	st->ring_size = clamp_t(unsigned int, ring_size, 1, RPROC_DIAG_RING_MAX);
	st->recs = kvcalloc(st->ring_size, sizeof(*st->recs), GFP_KERNEL);
	if (!st->recs)
		return -ENOMEM;
	st->next_seq = 1;
	st->first_seq = 1;
	st->published_seq = 1;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_state_init);

void rproc_diag_state_destroy(struct rproc_diag_state *st)
{
	kvfree(st->recs);
	st->recs = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_state_destroy);

static struct rproc_diag_inflight *find_slot(struct rproc_diag_state *st,
					     const void *owner)
{
	unsigned int i;

	for (i = 0; i < RPROC_DIAG_INFLIGHT; i++)
		if (st->inflight[i].owner == owner)
			return &st->inflight[i];
	return NULL;
}

static u32 kind_of(enum rproc_diag_call call, u32 func)
{
	switch (call) {
	case RPROC_DIAG_CALL_SHUTDOWN:
	case RPROC_DIAG_CALL_DRV_STOP:
		return RPROC_DIAG_KIND_SHUTDOWN;
	case RPROC_DIAG_CALL_REGISTER:
		return RPROC_DIAG_KIND_REGISTER;
	default:
		return func == RPROC_DIAG_TA_STOP_FW ? RPROC_DIAG_KIND_SHUTDOWN :
						      RPROC_DIAG_KIND_BOOT;
	}
}

/* Open an attempt for @owner; NULL (and a drop) when all slots are busy. */
static struct rproc_diag_inflight *open_slot(struct rproc_diag_state *st,
					     const void *owner, u32 kind,
					     u64 now)
{
	struct rproc_diag_inflight *slot = find_slot(st, NULL);
	struct rproc_diag_record *rec;

	if (!slot) {
		st->cnt_drops++;
		return NULL;
	}
	memset(slot, 0, sizeof(*slot));
	slot->owner = owner;
	rec = &slot->rec;
	rec->kind = kind;
	rec->api = st->api;
	rec->ts_start = now;
	rec->rproc_index = -1;
	return slot;
}

static void merge_info(struct rproc_diag_record *rec,
		       const struct rproc_diag_rproc_info *info)
{
	if (!info)
		return;
	if (rec->rproc_index < 0)
		rec->rproc_index = info->index;
	if (!rec->rproc_name[0])
		strscpy(rec->rproc_name, info->name, sizeof(rec->rproc_name));
	if (!rec->fw_name[0])
		strscpy(rec->fw_name, info->fw_name, sizeof(rec->fw_name));
}

/* The ring slot of record @seq (div_u64_rem: 32-bit kernels have no u64 %). */
static struct rproc_diag_record *
ring_rec(const struct rproc_diag_state *st, u64 seq)
{
	u32 i;

	div_u64_rem(seq, st->ring_size, &i);
	return &st->recs[i];
}

static void push(struct rproc_diag_state *st, struct rproc_diag_record *rec)
{
	rec->seq = st->next_seq++;
	if (st->next_seq - st->first_seq > st->ring_size) {
		/* the oldest record is overwritten */
		if (st->first_seq >= st->published_seq)
			st->cnt_drops++;
		st->first_seq++;
	}
	*ring_rec(st, rec->seq) = *rec;
	st->cnt_attempts++;
}

static void finish(struct rproc_diag_state *st,
		   struct rproc_diag_inflight *slot, u64 now,
		   struct rproc_diag_done *done)
{
	struct rproc_diag_record *rec = &slot->rec;
	bool want;

	rec->ts_end = now;
	want = rec->kind == RPROC_DIAG_KIND_BOOT && rec->fw_name[0] &&
	       ((rec->flags & RPROC_DIAG_F_LOAD_FAILED) || st->analyze_always);
	if (want)
		rec->flags |= RPROC_DIAG_F_ANALYSIS_PENDING;
	push(st, rec);
	if (done) {
		done->finished = true;
		done->want_analysis = want;
		done->seq = rec->seq;
	}
	slot->owner = NULL;
}

void rproc_diag_ev_enter(struct rproc_diag_state *st, const void *owner,
			 enum rproc_diag_call call,
			 const struct rproc_diag_rproc_info *info, u64 now)
{
	struct rproc_diag_inflight *slot;
	unsigned long flags;

	spin_lock_irqsave(&st->lock, flags);
	slot = find_slot(st, owner);
	if (!slot)
		slot = open_slot(st, owner, kind_of(call, 0), now);
	if (slot) {
		slot->depth++;
		if (rproc_diag_call_is_driver(call))
			slot->drv_depth++;
		merge_info(&slot->rec, info);
	}
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ev_enter);

void rproc_diag_ev_exit(struct rproc_diag_state *st, const void *owner,
			enum rproc_diag_call call, int ret, u64 now,
			struct rproc_diag_done *done)
{
	struct rproc_diag_inflight *slot;
	struct rproc_diag_record *rec;
	unsigned long flags;

	if (done)
		memset(done, 0, sizeof(*done));
	spin_lock_irqsave(&st->lock, flags);
	slot = find_slot(st, owner);
	if (!slot || !slot->depth)
		goto out;
	rec = &slot->rec;
	if ((call == RPROC_DIAG_CALL_BOOT &&
	     rec->kind == RPROC_DIAG_KIND_BOOT) ||
	    (call == RPROC_DIAG_CALL_REGISTER &&
	     rec->kind == RPROC_DIAG_KIND_REGISTER) ||
	    (call == RPROC_DIAG_CALL_SHUTDOWN &&
	     rec->kind == RPROC_DIAG_KIND_SHUTDOWN)) {
		rec->boot_ret = ret;
		rec->flags |= RPROC_DIAG_F_BOOT_RET_VALID;
	}
	if (rproc_diag_call_is_driver(call) && slot->drv_depth)
		slot->drv_depth--;
	if (--slot->depth == 0)
		finish(st, slot, now, done);
out:
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ev_exit);

void rproc_diag_ev_image(struct rproc_diag_state *st, const void *owner,
			 const struct rproc_diag_image_rec *img, u64 fw_size)
{
	struct rproc_diag_inflight *slot;
	unsigned long flags;

	spin_lock_irqsave(&st->lock, flags);
	slot = find_slot(st, owner);
	if (slot) {
		slot->rec.image = *img;
		slot->rec.fw_size = fw_size;
		slot->rec.flags |= RPROC_DIAG_F_IMAGE_VALID;
	}
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ev_image);

static struct rproc_diag_session_slot *
find_session(struct rproc_diag_state *st, u32 id)
{
	unsigned int i;

	for (i = 0; i < RPROC_DIAG_SESSIONS; i++)
		if (st->sessions[i].used && st->sessions[i].s.id == id)
			return &st->sessions[i];
	return NULL;
}

/* Is a TEE invoke on @session by @owner one of the remoteproc TA's? */
bool rproc_diag_ev_tee_wanted(struct rproc_diag_state *st, const void *owner,
			      u32 session)
{
	struct rproc_diag_inflight *slot;
	unsigned long flags;
	bool want;

	spin_lock_irqsave(&st->lock, flags);
	slot = find_slot(st, owner);
	want = (slot && slot->drv_depth) || find_session(st, session);
	spin_unlock_irqrestore(&st->lock, flags);
	return want;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ev_tee_wanted);

void rproc_diag_ev_tee_invoke(struct rproc_diag_state *st, const void *owner,
			      const struct rproc_diag_ta_cmd_rec *cmd,
			      u32 session, u64 now,
			      struct rproc_diag_done *done)
{
	struct rproc_diag_session_slot *sess;
	struct rproc_diag_inflight *slot;
	struct rproc_diag_record *rec;
	bool implicit = false;
	unsigned long flags;

	if (done)
		memset(done, 0, sizeof(*done));
	spin_lock_irqsave(&st->lock, flags);
	sess = find_session(st, session);
	slot = find_slot(st, owner);
	if (slot && !slot->drv_depth && !sess)
		goto out;	/* not the remoteproc TA's session */
	if (!slot) {
		if (!sess)
			goto out;
		slot = open_slot(st, owner,
				 kind_of(RPROC_DIAG_CALL_CORE, cmd->func),
				 now - cmd->duration_ns);
		if (!slot)
			goto out;
		implicit = true;
	}
	rec = &slot->rec;
	if (rec->n_cmds < RPROC_DIAG_MAX_TA_CMDS)
		rec->cmds[rec->n_cmds++] = *cmd;
	else
		rec->flags |= RPROC_DIAG_F_CMDS_TRUNCATED;
	if (cmd->ret || cmd->err) {
		st->cnt_tee_failures++;
		if (cmd->func == RPROC_DIAG_TA_LOAD_FW)
			rec->flags |= RPROC_DIAG_F_LOAD_FAILED;
	}
	if (!rec->session.valid && sess)
		rec->session = sess->s;
	if (implicit)
		finish(st, slot, now, done);
out:
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ev_tee_invoke);

/* Is a session open by @owner (to @ta_uuid or not) worth following? */
bool rproc_diag_ev_tee_open_wanted(struct rproc_diag_state *st,
				   const void *owner, bool ta_uuid)
{
	struct rproc_diag_inflight *slot;
	unsigned long flags;
	bool want;

	if (ta_uuid)
		return true;
	spin_lock_irqsave(&st->lock, flags);
	slot = find_slot(st, owner);
	want = slot && (slot->drv_depth ||
			slot->rec.kind == RPROC_DIAG_KIND_REGISTER);
	spin_unlock_irqrestore(&st->lock, flags);
	return want;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ev_tee_open_wanted);

void rproc_diag_ev_tee_open(struct rproc_diag_state *st, const void *owner,
			    const struct rproc_diag_session_rec *s)
{
	struct rproc_diag_session_slot *sess;
	struct rproc_diag_inflight *slot;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&st->lock, flags);
	if (!s->ret && !s->err) {
		sess = find_session(st, s->id);
		for (i = 0; !sess && i < RPROC_DIAG_SESSIONS; i++)
			if (!st->sessions[i].used)
				sess = &st->sessions[i];
		if (!sess)	/* full: reuse a slot picked by the id */
			sess = &st->sessions[s->id % RPROC_DIAG_SESSIONS];
		sess->used = true;
		sess->s = *s;
		sess->s.valid = true;
	}
	slot = find_slot(st, owner);
	if (slot) {
		slot->rec.session = *s;
		slot->rec.session.valid = true;
	}
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ev_tee_open);

void rproc_diag_ev_tee_close(struct rproc_diag_state *st, u32 session)
{
	struct rproc_diag_session_slot *sess;
	unsigned long flags;

	spin_lock_irqsave(&st->lock, flags);
	sess = find_session(st, session);
	if (sess)
		sess->used = false;
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ev_tee_close);

static bool in_ring(struct rproc_diag_state *st, u64 seq)
{
	return seq >= st->first_seq && seq < st->next_seq;
}

int rproc_diag_ring_get(struct rproc_diag_state *st, u64 seq,
			struct rproc_diag_record *out)
{
	unsigned long flags;
	int ret = -ENOENT;

	spin_lock_irqsave(&st->lock, flags);
	if (in_ring(st, seq)) {
		*out = *ring_rec(st, seq);
		ret = 0;
	}
	spin_unlock_irqrestore(&st->lock, flags);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ring_get);

int rproc_diag_ring_set_analysis(struct rproc_diag_state *st, u64 seq,
				 const struct rproc_diag_analysis_rec *an)
{
	struct rproc_diag_record *rec;
	unsigned long flags;
	int ret = -ENOENT;

	spin_lock_irqsave(&st->lock, flags);
	if (in_ring(st, seq)) {
		rec = ring_rec(st, seq);
		rec->analysis = *an;
		rec->analysis.done = true;
		rec->flags &= ~RPROC_DIAG_F_ANALYSIS_PENDING;
		ret = 0;
	}
	spin_unlock_irqrestore(&st->lock, flags);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ring_set_analysis);

int rproc_diag_ring_set_analysis_status(struct rproc_diag_state *st, u64 seq,
					int status)
{
	struct rproc_diag_record *rec;
	unsigned long flags;
	int ret = -ENOENT;

	spin_lock_irqsave(&st->lock, flags);
	if (in_ring(st, seq)) {
		rec = ring_rec(st, seq);
		memset(&rec->analysis, 0, sizeof(rec->analysis));
		rec->analysis.status = status;
		rec->analysis.done = true;
		rec->flags &= ~RPROC_DIAG_F_ANALYSIS_PENDING;
		ret = 0;
	}
	spin_unlock_irqrestore(&st->lock, flags);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ring_set_analysis_status);

int rproc_diag_ring_next_unpublished(struct rproc_diag_state *st, u64 *seq)
{
	unsigned long flags;
	int ret = -ENOENT;

	spin_lock_irqsave(&st->lock, flags);
	if (st->published_seq < st->first_seq)
		st->published_seq = st->first_seq;
	if (st->published_seq < st->next_seq) {
		*seq = st->published_seq++;
		ret = 0;
	}
	spin_unlock_irqrestore(&st->lock, flags);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ring_next_unpublished);

void rproc_diag_ring_skip_unpublished(struct rproc_diag_state *st)
{
	unsigned long flags;

	spin_lock_irqsave(&st->lock, flags);
	st->published_seq = st->next_seq;
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ring_skip_unpublished);

void rproc_diag_ring_clear(struct rproc_diag_state *st)
{
	unsigned long flags;

	spin_lock_irqsave(&st->lock, flags);
	st->first_seq = st->next_seq;
	st->published_seq = st->next_seq;
	st->cnt_attempts = 0;
	st->cnt_tee_failures = 0;
	st->cnt_drops = 0;
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ring_clear);

void rproc_diag_count_drop(struct rproc_diag_state *st)
{
	unsigned long flags;

	spin_lock_irqsave(&st->lock, flags);
	st->cnt_drops++;
	spin_unlock_irqrestore(&st->lock, flags);
}

void rproc_diag_counters_get(struct rproc_diag_state *st,
			     struct rproc_diag_counters *c)
{
	unsigned long flags;

	spin_lock_irqsave(&st->lock, flags);
	c->attempts = st->cnt_attempts;
	c->tee_failures = st->cnt_tee_failures;
	c->drops = st->cnt_drops;
	c->first_seq = st->first_seq;
	c->next_seq = st->next_seq;
	spin_unlock_irqrestore(&st->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_counters_get);
