// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Sockets to the rproc_diag generic netlink family.  See netlink.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "kernel/netlink.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define MODPROBE_HINT \
	"Load it: `modprobe rproc_diag` (or `insmod rproc_diag.ko` from the build directory), then run this command again."

bool rd_kernel_has_kprobes(void)
{
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return true;	/* cannot tell: do not claim otherwise */
	while (!found && fgets(line, sizeof(line), f)) {
		char *p = strrchr(line, ' ');

		if (p && !strncmp(p + 1, "register_kprobe", 15) &&
		    (p[16] == '\n' || p[16] == '\t' || p[16] == '\0'))
			found = true;
	}
	fclose(f);
	return found;
}

bool rd_module_loaded(void)
{
	return access("/sys/module/rproc_diag", F_OK) == 0;
}

static int nlerr_to_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_PERM:
	case NLE_NOACCESS:
		return -EPERM;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NOMEM:
		return -ENOBUFS;	/* on a receive: the socket overran */
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	case NLE_PROTO_MISMATCH:
	case NLE_OPNOTSUPP:
		return -EPROTONOSUPPORT;
	default:
		return -EIO;
	}
}

static void explain_missing(struct rd_nl *nl)
{
	if (!rd_kernel_has_kprobes())
		snprintf(nl->err, sizeof(nl->err),
			 "the generic netlink family `" RPROC_DIAG_GENL_NAME "' is not registered, and this kernel has no kprobes (register_kprobe is not in /proc/kallsyms): rproc_diag cannot work here. Rebuild the kernel with CONFIG_KPROBES=y (OpenSTLinux sets it in fragment-04-modules.config), then `modprobe rproc_diag`.");
	else if (rd_module_loaded())
		snprintf(nl->err, sizeof(nl->err),
			 "/sys/module/rproc_diag exists but the generic netlink family `" RPROC_DIAG_GENL_NAME "' is not registered: the module is being unloaded or failed to initialise. Check `dmesg | grep rproc_diag`, then `rmmod rproc_diag && modprobe rproc_diag`.");
	else
		snprintf(nl->err, sizeof(nl->err),
			 "the rproc_diag kernel module is not loaded (no generic netlink family `" RPROC_DIAG_GENL_NAME "'). " MODPROBE_HINT);
}

static struct nl_sock *open_sock(struct rd_nl *nl)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1, ret;

	if (!sk) {
		snprintf(nl->err, sizeof(nl->err), "out of memory allocating a netlink socket");
		return NULL;
	}
	ret = genl_connect(sk);
	if (ret < 0) {
		snprintf(nl->err, sizeof(nl->err),
			 "cannot open a generic netlink socket: %s (is CONFIG_NET enabled in this kernel?)",
			 nl_geterror(ret));
		nl_socket_free(sk);
		return NULL;
	}
	/* extended ACK: the kernel's reason for rejecting a request */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	return sk;
}

static int resolve(struct rd_nl *nl, bool events)
{
	int ret;

	nl->family = genl_ctrl_resolve(nl->req, RPROC_DIAG_GENL_NAME);
	if (nl->family < 0) {
		ret = nl->family;
		nl->family = 0;
		if (ret == -NLE_OBJ_NOTFOUND) {
			explain_missing(nl);
			return -ENOENT;
		}
		snprintf(nl->err, sizeof(nl->err), "cannot resolve the generic netlink family `%s': %s",
			 RPROC_DIAG_GENL_NAME, nl_geterror(ret));
		return nlerr_to_errno(ret);
	}
	if (!events)
		return 0;
	nl->grp = genl_ctrl_resolve_grp(nl->req, RPROC_DIAG_GENL_NAME, RPROC_DIAG_MCGRP_EVENTS);
	if (nl->grp < 0) {
		ret = nl->grp;
		snprintf(nl->err, sizeof(nl->err),
			 "the family `%s' has no multicast group `%s' (%s): the module is older or newer than this tool; install matching versions",
			 RPROC_DIAG_GENL_NAME, RPROC_DIAG_MCGRP_EVENTS, nl_geterror(ret));
		return -EPROTO;
	}
	ret = nl_socket_add_membership(nl->ev, nl->grp);
	if (ret < 0) {
		ret = nlerr_to_errno(ret);
		if (ret == -EPERM)
			snprintf(nl->err, sizeof(nl->err),
				 "joining the rproc_diag events group needs CAP_NET_ADMIN: run as root (the systemd unit runs as root; a non-root service needs AmbientCapabilities=CAP_NET_ADMIN).");
		else
			snprintf(nl->err, sizeof(nl->err), "cannot join the rproc_diag events group: %s",
				 strerror(-ret));
		return ret;
	}
	return 0;
}

static int on_event(struct nl_msg *msg, void *arg);

int rd_nl_open(struct rd_nl *nl, bool events)
{
	int ret;

	memset(nl, 0, sizeof(*nl));
	nl->ctrl_grp = -1;
	nl->req = open_sock(nl);
	if (!nl->req)
		return -EPROTONOSUPPORT;
	if (events) {
		nl->ev = open_sock(nl);
		if (!nl->ev) {
			rd_nl_close(nl);
			return -EPROTONOSUPPORT;
		}
		nl_socket_disable_seq_check(nl->ev);	/* multicast has no sequence */
		nl_socket_modify_cb(nl->ev, NL_CB_VALID, NL_CB_CUSTOM, on_event, nl);
		nl_socket_set_nonblocking(nl->ev);
		/*
		 * Large receive buffer against bursts.  RPROC_DIAG_EVENT_RCVBUF
		 * (bytes) overrides it: tests shrink it to provoke ENOBUFS.
		 */
		{
			const char *e = getenv("RPROC_DIAG_EVENT_RCVBUF");
			long sz = e ? strtol(e, NULL, 10) : 0;

			nl_socket_set_buffer_size(nl->ev, sz > 0 && sz < (1 << 26) ? (int)sz : 1 << 20, 0);
		}
		/* family add/remove notifications: survive module reloads */
		nl->ctrl_grp = genl_ctrl_resolve_grp(nl->req, "nlctrl", "notify");
		if (nl->ctrl_grp >= 0 && nl_socket_add_membership(nl->ev, nl->ctrl_grp) < 0)
			nl->ctrl_grp = -1;
	}
	ret = resolve(nl, events);
	if (ret < 0 && !(events && ret == -ENOENT && nl->ctrl_grp >= 0)) {
		char keep[sizeof(nl->err)];

		memcpy(keep, nl->err, sizeof(keep));
		rd_nl_close(nl);
		memcpy(nl->err, keep, sizeof(keep));
	}
	return ret;
}

int rd_nl_reopen(struct rd_nl *nl, bool events)
{
	return resolve(nl, events);
}

void rd_nl_close(struct rd_nl *nl)
{
	if (nl->ev)
		nl_socket_free(nl->ev);
	if (nl->req)
		nl_socket_free(nl->req);
	nl->ev = NULL;
	nl->req = NULL;
	nl->family = 0;
}

int rd_nl_event_fd(const struct rd_nl *nl)
{
	return nl->ev ? nl_socket_get_fd(nl->ev) : -1;
}

/* ------------------------------------------------------------------ */
/* requests                                                             */

struct req {
	struct rd_nl *nl;
	int err;		/* 0, or -errno from the kernel */
	bool done;
	char extack[256];
	void (*on_msg)(struct req *r, struct nlmsghdr *nlh);
	void *arg;
	void (*rec_cb)(void *arg, struct rd_record *rec);
	int count;
};

static int req_err(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct req *r = arg;
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	size_t ack_len = NLMSG_HDRLEN + sizeof(*e);

	(void)who;
	r->err = e->error;
	r->done = true;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		ack_len += e->msg.nlmsg_len - sizeof(e->msg);
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && nlh->nlmsg_len > ack_len) {
		struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

		if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + ack_len),
			      (int)(nlh->nlmsg_len - ack_len), NULL) == 0 &&
		    tb[NLMSGERR_ATTR_MSG] && nla_len(tb[NLMSGERR_ATTR_MSG]) > 0) {
			const char *s = nla_data(tb[NLMSGERR_ATTR_MSG]);
			int l = nla_len(tb[NLMSGERR_ATTR_MSG]);

			snprintf(r->extack, sizeof(r->extack), "%.*s", l, s);
		}
	}
	return NL_STOP;
}

static int req_finish(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->done = true;
	return NL_SKIP;
}

static int req_ack(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

static int req_valid(struct nl_msg *msg, void *arg)
{
	struct req *r = arg;

	r->on_msg(r, nlmsg_hdr(msg));
	return NL_OK;
}

static int do_request(struct rd_nl *nl, uint8_t cmd, int flags, uint64_t *seq_attr,
		      struct req *r)
{
	struct nl_msg *msg;
	struct nl_cb *cb;
	int ret;

	if (!nl->req || nl->family <= 0) {
		snprintf(nl->err, sizeof(nl->err), "not connected to the rproc_diag family");
		return -ENOTCONN;
	}
	msg = nlmsg_alloc();
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!msg || !cb) {
		nlmsg_free(msg);
		nl_cb_put(cb);
		return -ENOMEM;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags, cmd,
			 RPROC_DIAG_GENL_VERSION) ||
	    (seq_attr && nla_put_u64(msg, RPROC_DIAG_A_SEQ, *seq_attr) < 0)) {
		ret = -ENOMEM;
		goto out;
	}
	r->nl = nl;
	nl_cb_err(cb, NL_CB_CUSTOM, req_err, r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, req_finish, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, req_ack, r);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, req_valid, r);
	ret = nl_send_auto(nl->req, msg);
	if (ret < 0) {
		ret = nlerr_to_errno(ret);
		snprintf(nl->err, sizeof(nl->err), "sending the request failed: %s", strerror(-ret));
		goto out;
	}
	ret = 0;
	while (!r->done) {
		int n = nl_recvmsgs(nl->req, cb);

		if (n == -NLE_INTR)
			continue;
		if (n < 0 && !r->done) {
			ret = nlerr_to_errno(n);
			snprintf(nl->err, sizeof(nl->err), "receiving the reply failed: %s",
				 nl_geterror(n));
			goto out;
		}
	}
	if (r->err) {
		ret = r->err;
		if (ret == -EPERM || ret == -EACCES)
			snprintf(nl->err, sizeof(nl->err),
				 "the kernel refused the request (%s): this command needs CAP_NET_ADMIN, run it as root%s%s",
				 strerror(-ret), r->extack[0] ? "; kernel reports: " : "", r->extack);
		else
			snprintf(nl->err, sizeof(nl->err), "the kernel rejected the request: %s%s%s",
				 strerror(-ret), r->extack[0] ? "; kernel reports: " : "", r->extack);
	}
out:
	nlmsg_free(msg);
	nl_cb_put(cb);
	return ret;
}

static void status_msg(struct req *r, struct nlmsghdr *nlh)
{
	char err[256];

	if (rd_msg_cmd(nlh) != RPROC_DIAG_CMD_GET_STATUS)
		return;
	if (rd_parse_status(nlh, r->arg, err, sizeof(err)) < 0) {
		snprintf(r->nl->err, sizeof(r->nl->err), "malformed status reply: %s", err);
		r->err = -EPROTO;
	}
	r->count++;
}

int rd_nl_get_status(struct rd_nl *nl, struct rd_status *st)
{
	struct req r;
	int ret;

	memset(&r, 0, sizeof(r));
	memset(st, 0, sizeof(*st));
	r.on_msg = status_msg;
	r.arg = st;
	ret = do_request(nl, RPROC_DIAG_CMD_GET_STATUS, 0, NULL, &r);
	if (ret == 0 && r.count == 0) {
		snprintf(nl->err, sizeof(nl->err), "the module sent no status reply");
		return -EPROTO;
	}
	return ret;
}

static void dump_msg(struct req *r, struct nlmsghdr *nlh)
{
	struct rd_record *rec;
	char err[256];

	if (rd_msg_cmd(nlh) != RPROC_DIAG_CMD_ATTEMPT)
		return;
	rec = malloc(sizeof(*rec));
	if (!rec)
		return;
	if (rd_parse_attempt(nlh, rec, err, sizeof(err)) == 0) {
		r->rec_cb(r->arg, rec);
		r->count++;
	} else {
		fprintf(stderr, "rproc-diag: dropped a malformed record in the dump: %s\n", err);
	}
	free(rec);
}

int rd_nl_dump(struct rd_nl *nl, uint64_t from_seq,
	       void (*cb)(void *arg, struct rd_record *rec), void *arg)
{
	struct req r;
	int ret;

	memset(&r, 0, sizeof(r));
	r.on_msg = dump_msg;
	r.arg = arg;
	r.rec_cb = cb;
	ret = do_request(nl, RPROC_DIAG_CMD_GET_ATTEMPTS, NLM_F_DUMP, &from_seq, &r);
	return ret < 0 ? ret : r.count;
}

/* ------------------------------------------------------------------ */
/* events                                                               */

static void ctrl_event(struct rd_nl *nl, struct nlmsghdr *nlh)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct genlmsghdr *g;
	const char *name;

	if (!genlmsg_valid_hdr(nlh, 0))
		return;
	g = genlmsg_hdr(nlh);
	if (g->cmd != CTRL_CMD_DELFAMILY && g->cmd != CTRL_CMD_NEWFAMILY)
		return;
	if (genlmsg_parse(nlh, 0, tb, CTRL_ATTR_MAX, NULL) < 0 || !tb[CTRL_ATTR_FAMILY_NAME])
		return;
	if (nla_len(tb[CTRL_ATTR_FAMILY_NAME]) < 1)
		return;
	name = nla_data(tb[CTRL_ATTR_FAMILY_NAME]);
	if (name[nla_len(tb[CTRL_ATTR_FAMILY_NAME]) - 1] != '\0' ||
	    strcmp(name, RPROC_DIAG_GENL_NAME))
		return;
	if (g->cmd == CTRL_CMD_DELFAMILY) {
		nl->family = 0;
		nl->cb(nl->cb_arg, RD_EV_FAMILY_GONE, NULL, "the rproc_diag module was unloaded");
	} else {
		nl->cb(nl->cb_arg, RD_EV_FAMILY_BACK, NULL, "the rproc_diag module was loaded again");
	}
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct rd_nl *nl = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct rd_msg *m;
	char err[256];

	if (!nl->cb)
		return NL_OK;
	if (nlh->nlmsg_type == GENL_ID_CTRL) {
		ctrl_event(nl, nlh);
		return NL_OK;
	}
	if (nl->family <= 0 || nlh->nlmsg_type != nl->family)
		return NL_OK;
	m = malloc(sizeof(*m));
	if (!m)
		return NL_OK;
	if (rd_parse_buf(nlh, nlh->nlmsg_len, m, err, sizeof(err)) == 0)
		nl->cb(nl->cb_arg, RD_EV_MSG, m, NULL);
	else if (m->type != RD_MSG_NONE || rd_msg_cmd(nlh) < 0)
		nl->cb(nl->cb_arg, RD_EV_BAD_MSG, NULL, err);
	free(m);
	return NL_OK;
}

int rd_nl_events_read(struct rd_nl *nl, rd_nl_event_cb cb, void *arg)
{
	int ret;

	if (!nl->ev)
		return -ENOTCONN;
	nl->cb = cb;
	nl->cb_arg = arg;
	for (;;) {
		ret = nl_recvmsgs_default(nl->ev);
		if (ret == -NLE_AGAIN)
			return 0;
		if (ret == -NLE_INTR)
			continue;
		if (ret < 0)
			return nlerr_to_errno(ret);
	}
}
