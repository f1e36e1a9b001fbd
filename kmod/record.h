/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Attempt records, the ring that keeps the last N of them, and the
 * assembler that turns probe hits into records.
 *
 * The assembler is plain logic over explicit inputs (an owner cookie, which
 * is the task in production, and timestamps), so KUnit drives it without
 * probes.  Every function here may be called from a kprobe handler: no
 * sleeping, no allocation, one spinlock.
 */
#ifndef RPROC_DIAG_RECORD_H
#define RPROC_DIAG_RECORD_H

#include <linux/bits.h>
#include <linux/types.h>
#include <linux/spinlock.h>
#include "rproc_diag.h"

/* Boot attempts that can be in flight at once (one per task). */
#define RPROC_DIAG_INFLIGHT		8
/* TEE sessions to the remoteproc TA remembered at once. */
#define RPROC_DIAG_SESSIONS		8

#define RPROC_DIAG_RING_DEFAULT		32
#define RPROC_DIAG_RING_MAX		1024

/* Hooked functions, as the assembler sees them. */
enum rproc_diag_call {
	RPROC_DIAG_CALL_BOOT,		/* rproc_boot(): outer */
	RPROC_DIAG_CALL_SHUTDOWN,	/* rproc_shutdown(): outer */
	RPROC_DIAG_CALL_REGISTER,	/* tee_rproc_register() & co: outer */
	RPROC_DIAG_CALL_CORE,		/* rproc_start(), rproc_fw_boot() */
	RPROC_DIAG_CALL_DRV_LOAD,	/* TEE remoteproc driver calls */
	RPROC_DIAG_CALL_DRV_PARSE,
	RPROC_DIAG_CALL_DRV_RSC,
	RPROC_DIAG_CALL_DRV_START,
	RPROC_DIAG_CALL_DRV_STOP,
	RPROC_DIAG_CALL_DRV_RELEASE,
};

static inline bool rproc_diag_call_is_driver(enum rproc_diag_call c)
{
	return c >= RPROC_DIAG_CALL_DRV_LOAD;
}

struct rproc_diag_ta_cmd_rec {
	u32 func;
	u32 ret;
	u32 origin;
	s32 err;
	u64 duration_ns;
};

struct rproc_diag_session_rec {
	bool valid;
	u32 ret;
	u32 origin;
	s32 err;
	u32 id;
};

/* rproc_diag_image_rec.present */
#define RPROC_DIAG_IMG_EXPECTED		BIT(0)
#define RPROC_DIAG_IMG_SIGN_TYPE	BIT(1)
#define RPROC_DIAG_IMG_NUM_IMG		BIT(2)
#define RPROC_DIAG_IMG_BOOTADDR		BIT(3)
#define RPROC_DIAG_IMG_BOOTSEC		BIT(4)
#define RPROC_DIAG_IMG_PKEY		BIT(5)

struct rproc_diag_image_rec {
	u32 format;		/* enum rproc_diag_format */
	u32 magic;
	u32 tlv_len;
	u32 sign_len;
	u32 img_len;
	u32 present;		/* RPROC_DIAG_IMG_* */
	u64 expected_size;
	u32 sign_type;
	u32 num_img;
	u32 bootaddr;
	u32 bootsec;
	u32 tlv_mask;
	u8 pkey_sha256[32];
};

struct rproc_diag_finding_rec {
	u32 code;		/* enum rproc_diag_finding */
	u32 index;
	u32 addr;
	s64 value;
	char text[RPROC_DIAG_TEXT_MAX];
};

struct rproc_diag_analysis_rec {
	bool done;
	s32 status;
	u32 n_findings;
	struct rproc_diag_finding_rec findings[RPROC_DIAG_MAX_FINDINGS];
};

struct rproc_diag_record {
	u64 seq;
	u32 kind;		/* enum rproc_diag_kind */
	u32 api;		/* enum rproc_diag_driver_api */
	u64 ts_start;		/* CLOCK_REALTIME ns */
	u64 ts_end;
	s32 rproc_index;	/* -1: unknown */
	s32 boot_ret;
	u32 flags;		/* RPROC_DIAG_F_* */
	u64 fw_size;
	char rproc_name[RPROC_DIAG_NAME_MAX];
	char fw_name[RPROC_DIAG_NAME_MAX];
	struct rproc_diag_session_rec session;
	u32 n_cmds;
	struct rproc_diag_ta_cmd_rec cmds[RPROC_DIAG_MAX_TA_CMDS];
	struct rproc_diag_image_rec image;
	struct rproc_diag_analysis_rec analysis;
};

/* What a hook knows about the remote processor of a call. */
struct rproc_diag_rproc_info {
	s32 index;		/* -1: unknown */
	char name[RPROC_DIAG_NAME_MAX];	/* "" : unknown */
	char fw_name[RPROC_DIAG_NAME_MAX];
};

struct rproc_diag_inflight {
	const void *owner;	/* NULL: free slot */
	unsigned int depth;	/* hooked calls open on this owner */
	unsigned int drv_depth;	/* ... of which TEE driver calls */
	struct rproc_diag_record rec;
};

struct rproc_diag_session_slot {
	bool used;
	struct rproc_diag_session_rec s;
};

struct rproc_diag_state {
	spinlock_t lock;	/* everything below */
	u32 api;		/* enum rproc_diag_driver_api now hooked */
	bool analyze_always;
	/* ring: records [first_seq, next_seq) at recs[seq % ring_size] */
	unsigned int ring_size;
	struct rproc_diag_record *recs;
	u64 first_seq;
	u64 next_seq;
	u64 published_seq;	/* next record to send as an event */
	/* counters (CLEAR zeroes them) */
	u64 cnt_attempts;
	u64 cnt_tee_failures;
	u64 cnt_drops;
	struct rproc_diag_inflight inflight[RPROC_DIAG_INFLIGHT];
	struct rproc_diag_session_slot sessions[RPROC_DIAG_SESSIONS];
};

/* Result of an exit event. */
struct rproc_diag_done {
	bool finished;		/* a record was pushed to the ring */
	bool want_analysis;	/* ... and its image should be analysed */
	u64 seq;
};

int rproc_diag_state_init(struct rproc_diag_state *st, unsigned int ring_size);
void rproc_diag_state_destroy(struct rproc_diag_state *st);

void rproc_diag_ev_enter(struct rproc_diag_state *st, const void *owner,
			 enum rproc_diag_call call,
			 const struct rproc_diag_rproc_info *info, u64 now);
void rproc_diag_ev_exit(struct rproc_diag_state *st, const void *owner,
			enum rproc_diag_call call, int ret, u64 now,
			struct rproc_diag_done *done);
void rproc_diag_ev_image(struct rproc_diag_state *st, const void *owner,
			 const struct rproc_diag_image_rec *img, u64 fw_size);
bool rproc_diag_ev_tee_wanted(struct rproc_diag_state *st, const void *owner,
			      u32 session);
void rproc_diag_ev_tee_invoke(struct rproc_diag_state *st, const void *owner,
			      const struct rproc_diag_ta_cmd_rec *cmd,
			      u32 session, u64 now,
			      struct rproc_diag_done *done);
bool rproc_diag_ev_tee_open_wanted(struct rproc_diag_state *st,
				   const void *owner, bool ta_uuid);
void rproc_diag_ev_tee_open(struct rproc_diag_state *st, const void *owner,
			    const struct rproc_diag_session_rec *s);
void rproc_diag_ev_tee_close(struct rproc_diag_state *st, u32 session);

/* Copy record @seq out of the ring: 0, or -ENOENT if it is gone. */
int rproc_diag_ring_get(struct rproc_diag_state *st, u64 seq,
			struct rproc_diag_record *out);
/* Attach an analysis to record @seq (if still in the ring). */
int rproc_diag_ring_set_analysis(struct rproc_diag_state *st, u64 seq,
				 const struct rproc_diag_analysis_rec *an);
/* Mark record @seq analysed with @status and no findings. */
int rproc_diag_ring_set_analysis_status(struct rproc_diag_state *st, u64 seq,
					int status);
/* Next unpublished record: 0 and *seq, or -ENOENT when none. */
int rproc_diag_ring_next_unpublished(struct rproc_diag_state *st, u64 *seq);
/* Nobody listens: count every finished record as published. */
void rproc_diag_ring_skip_unpublished(struct rproc_diag_state *st);
void rproc_diag_ring_clear(struct rproc_diag_state *st);
void rproc_diag_count_drop(struct rproc_diag_state *st);

struct rproc_diag_counters {
	u64 attempts;
	u64 tee_failures;
	u64 drops;
	u64 first_seq;
	u64 next_seq;
};

void rproc_diag_counters_get(struct rproc_diag_state *st,
			     struct rproc_diag_counters *c);

/* The module's one instance (tests make their own). */
extern struct rproc_diag_state *rproc_diag_st;

#endif /* RPROC_DIAG_RECORD_H */
