/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Sequence tracking of attempt records for `rproc-diag watch`: in-order
 * delivery without duplicates, gap detection by sequence number, and
 * resynchronisation through a GET_ATTEMPTS dump after a gap or a socket
 * overrun, reporting how many records were missed, recovered from the
 * kernel's ring, or already overwritten there.  Socket-free: the dump and
 * the outputs are callbacks, so the logic is unit-tested with a fake ring.
 */
#ifndef RPROC_DIAG_SEQTRACK_H
#define RPROC_DIAG_SEQTRACK_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/decode.h"

struct seq_loss {
	uint64_t missed;	/* records not received as events */
	uint64_t recovered;	/* of those, read back from the ring */
	uint64_t overwritten;	/* of those, no longer in the ring */
	uint64_t from;		/* first sequence number looked for */
	uint64_t until;		/* gap: the record that revealed it; 0: overrun */
	int err;		/* dump failed: -errno, nothing else valid */
};

struct seqtrack {
	bool have_last;
	uint64_t last_seq;
	uint64_t start_seq;	/* where tracking starts when nothing was seen */
	/* GET_ATTEMPTS from @from; calls @cb per record; returns count or -errno */
	int (*dump)(void *ctx, uint64_t from, void (*cb)(void *arg, struct rd_record *rec),
		    void *arg);
	/* a new record, in sequence order */
	void (*deliver)(void *ctx, struct rd_record *rec);
	/* records were lost */
	void (*lost)(void *ctx, const char *why, const struct seq_loss *loss);
	void *ctx;
};

/* A record arrived as an event. */
void seq_on_record(struct seqtrack *t, struct rd_record *rec);
/* The socket overran (ENOBUFS): re-read the ring from the last seen record. */
void seq_on_overrun(struct seqtrack *t);
/* Feed a record from a dump the caller made (e.g. --replay). */
void seq_take(struct seqtrack *t, struct rd_record *rec);
/* Forget what was seen (a reloaded module numbers from @start again). */
void seq_reset(struct seqtrack *t, uint64_t start);

#endif
