// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Sequence tracking of attempt records.  See seqtrack.h.
 */
#include <string.h>

#include "kernel/seqtrack.h"

void seq_reset(struct seqtrack *t, uint64_t start)
{
	t->have_last = false;
	t->last_seq = 0;
	t->start_seq = start;
}

void seq_take(struct seqtrack *t, struct rd_record *rec)
{
	if (t->have_last && rec->seq <= t->last_seq)
		return;	/* already seen: a dump overlapping with events */
	t->have_last = true;
	t->last_seq = rec->seq;
	t->deliver(t->ctx, rec);
}

struct resync {
	struct seqtrack *t;
	uint64_t until;
	uint64_t recovered;
	uint64_t first;
	bool any;
};

static void resync_cb(void *arg, struct rd_record *rec)
{
	struct resync *r = arg;

	if (!r->any || rec->seq < r->first)
		r->first = rec->seq;
	r->any = true;
	if (r->t->have_last && rec->seq <= r->t->last_seq)
		return;
	if (!r->until || rec->seq < r->until)
		r->recovered++;
	seq_take(r->t, rec);
}

static void resync(struct seqtrack *t, const char *why, uint64_t until)
{
	struct resync r = { t, until, 0, 0, false };
	struct seq_loss loss;
	int ret;

	memset(&loss, 0, sizeof(loss));
	loss.from = t->have_last ? t->last_seq + 1 : t->start_seq;
	loss.until = until;
	ret = t->dump(t->ctx, loss.from, resync_cb, &r);
	if (ret < 0) {
		loss.err = ret;
		t->lost(t->ctx, why, &loss);
		return;
	}
	/* below the oldest record the ring still holds, records were overwritten */
	if (r.any && r.first > loss.from)
		loss.overwritten = r.first - loss.from;
	else if (!r.any && until > loss.from)
		loss.overwritten = until - loss.from;
	if (until && loss.overwritten > until - loss.from)
		loss.overwritten = until - loss.from;
	loss.recovered = r.recovered;
	loss.missed = until ? until - loss.from : r.recovered + loss.overwritten;
	t->lost(t->ctx, why, &loss);
}

void seq_on_record(struct seqtrack *t, struct rd_record *rec)
{
	/* a gap after the last record, or before the first one expected */
	if ((t->have_last && rec->seq > t->last_seq + 1) ||
	    (!t->have_last && rec->seq > t->start_seq)) {
		resync(t, "sequence gap", rec->seq);
		seq_take(t, rec);	/* in case the ring no longer had it */
		return;
	}
	seq_take(t, rec);
}

void seq_on_overrun(struct seqtrack *t)
{
	resync(t, "netlink socket overrun (ENOBUFS)", 0);
}
