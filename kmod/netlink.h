/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RPROC_DIAG_NETLINK_H
#define RPROC_DIAG_NETLINK_H

#include <linux/types.h>
#include "record.h"

/* Set by kmod/Kbuild from scripts/version (one version for all parts). */
#ifndef RPROC_DIAG_MOD_VERSION
#define RPROC_DIAG_MOD_VERSION	"unknown"
#endif

/* Events leave this long after the attempt finished (batched). */
#define RPROC_DIAG_PUBLISH_DELAY_MS	50

/* Room one attempt message needs at most (16 findings with full text). */
#define RPROC_DIAG_NL_MSG_SIZE	8192

struct sk_buff;

int rproc_diag_nl_init(void);
void rproc_diag_nl_exit(void);
/* Publish finished records as events (callable from probe context). */
void rproc_diag_nl_kick(void);
/* Send RPROC_DIAG_CMD_ANALYSIS for record @seq (process context). */
void rproc_diag_nl_notify_analysis(u64 seq,
				   const struct rproc_diag_analysis_rec *an);

/* Message builders: attributes of an attempt record / an analysis nest. */
int rproc_diag_nl_put_record(struct sk_buff *skb,
			     const struct rproc_diag_record *rec);
int rproc_diag_nl_put_analysis(struct sk_buff *skb,
			       const struct rproc_diag_analysis_rec *an);

#endif /* RPROC_DIAG_NETLINK_H */
