/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Sockets to the rproc_diag generic netlink family (libnl-genl-3): one
 * socket for requests (status, dumps) and a dedicated one for the "events"
 * multicast group, so notifications never interleave with replies.  The
 * event socket also joins the generic netlink controller's "notify" group
 * to learn when the family disappears (module unloaded) or comes back.
 * Decoding is in kernel/decode.c.
 */
#ifndef RPROC_DIAG_NL_H
#define RPROC_DIAG_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/decode.h"

struct nl_sock;

/* Results of rd_nl_events_read() through the callback's event type. */
enum rd_nl_event {
	RD_EV_MSG,		/* msg holds a parsed family message */
	RD_EV_BAD_MSG,		/* a malformed message was dropped (text holds why) */
	RD_EV_FAMILY_GONE,	/* the module was unloaded */
	RD_EV_FAMILY_BACK,	/* the family was registered again */
};

typedef void (*rd_nl_event_cb)(void *arg, enum rd_nl_event ev, struct rd_msg *msg,
			       const char *text);

struct rd_nl {
	struct nl_sock *req;
	struct nl_sock *ev;
	int family;		/* generic netlink family id, <= 0 when absent */
	int grp;		/* events group id */
	int ctrl_grp;		/* nlctrl "notify" group id, or < 0 */
	char err[512];		/* last error, with what to do */
	rd_nl_event_cb cb;	/* current rd_nl_events_read() callback */
	void *cb_arg;
};

/*
 * Open the request socket and resolve the family.  With @events, also
 * open the event socket and join the events group.  Returns 0 or -errno:
 *   -ENOENT   the family is not registered (module not loaded)
 *   -EPERM    joining the group needs CAP_NET_ADMIN
 *   -EPROTONOSUPPORT  no generic netlink in this kernel
 * nl->err then explains what to do.
 */
int rd_nl_open(struct rd_nl *nl, bool events);
void rd_nl_close(struct rd_nl *nl);

/* Resolve the family again and rejoin the group (after a module reload). */
int rd_nl_reopen(struct rd_nl *nl, bool events);

int rd_nl_get_status(struct rd_nl *nl, struct rd_status *st);

/*
 * Dump the ring from sequence number @from_seq (GET_ATTEMPTS); @cb gets
 * every record, oldest first.  Returns the number of records or -errno.
 */
int rd_nl_dump(struct rd_nl *nl, uint64_t from_seq,
	       void (*cb)(void *arg, struct rd_record *rec), void *arg);

int rd_nl_event_fd(const struct rd_nl *nl);

/*
 * Read what is pending on the event socket (non-blocking) and call @cb for
 * each message.  Returns 0, -ENOBUFS when the socket overran (events were
 * lost: resynchronise with rd_nl_dump()), or another -errno.
 */
int rd_nl_events_read(struct rd_nl *nl, rd_nl_event_cb cb, void *arg);

/* true when /proc/kallsyms lists register_kprobe (CONFIG_KPROBES=y) */
bool rd_kernel_has_kprobes(void);
/* true when /sys/module/rproc_diag exists */
bool rd_module_loaded(void);

#endif
