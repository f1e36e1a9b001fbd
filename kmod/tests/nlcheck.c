// SPDX-License-Identifier: GPL-2.0
/*
 * nlcheck: an independent raw-netlink client for the rproc_diag family
 * (no libnl, no daemon code), run inside the test VM by
 * tests/guest/kmod/run.sh.  It checks the protocol as uapi/rproc_diag.h
 * specifies it: replies, dumps, strict policies, permissions, events.
 *
 *   nlcheck protocol            as root; drops to uid 65534 at the end
 *   nlcheck events STATE_FILE   join "events", write "start" to STATE_FILE,
 *                               expect an ATTEMPT and (LOAD failed) an
 *                               ANALYSIS notification for the same seq
 *   nlcheck listen SECONDS      join "events" and drain it (a listener for
 *                               benchmarks); prints how many messages came
 *
 * Prints "ok   ..." / "FAIL ..." lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "rproc_diag.h"

#define BUF_LEN 65536

static int fails;
static int sock;
static uint16_t family;
static uint32_t events_group;
static uint32_t seqno = 1;

static void check(bool cond, const char *what)
{
	printf("%s %s\n", cond ? "ok  " : "FAIL", what);
	if (!cond)
		fails++;
}

struct msg {
	struct nlmsghdr nlh;
	struct genlmsghdr genl;
	char attrs[1024];
};

static void msg_init(struct msg *m, uint16_t type, uint8_t cmd, uint16_t flags)
{
	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	m->nlh.nlmsg_type = type;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | flags;
	m->nlh.nlmsg_seq = seqno++;
	m->genl.cmd = cmd;
	m->genl.version = 1;
}

static void put_attr(struct msg *m, uint16_t type, const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)m + NLMSG_ALIGN(m->nlh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	m->nlh.nlmsg_len = NLMSG_ALIGN(m->nlh.nlmsg_len) + NLA_ALIGN(a->nla_len);
}

static struct nlattr *attr_find(void *start, int len, uint16_t type)
{
	struct nlattr *a = start;

	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= len) {
		if ((a->nla_type & NLA_TYPE_MASK) == type)
			return a;
		len -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return NULL;
}

static void *attr_data(struct nlattr *a)
{
	return (char *)a + NLA_HDRLEN;
}

static int attr_len(struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static uint64_t attr_u64(struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

static uint32_t attr_u32(struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

static struct nlattr *genl_attrs(struct nlmsghdr *h, int *len)
{
	*len = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	return (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
}

/*
 * Send @m; call @cb for every reply message; return 0 or the -errno of the
 * ACK/error (dumps end at NLMSG_DONE).
 */
static int transact(struct msg *m, void (*cb)(struct nlmsghdr *, void *), void *ctx)
{
	static char buf[BUF_LEN];
	bool dump = m->nlh.nlmsg_flags & NLM_F_DUMP;

	m->nlh.nlmsg_flags |= NLM_F_ACK;
	if (send(sock, m, m->nlh.nlmsg_len, 0) < 0)
		return -errno;
	for (;;) {
		int n = recv(sock, buf, sizeof(buf), 0);
		struct nlmsghdr *h;

		if (n < 0)
			return -errno;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != m->nlh.nlmsg_seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				if (e->error || !dump)
					return e->error;
				continue;
			}
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (cb)
				cb(h, ctx);
		}
	}
}

static void on_family(struct nlmsghdr *h, void *ctx)
{
	struct nlattr *a, *grps, *g;
	int len, rem;

	(void)ctx;
	a = genl_attrs(h, &len);
	if (attr_find(a, len, CTRL_ATTR_FAMILY_ID))
		family = *(uint16_t *)attr_data(attr_find(a, len, CTRL_ATTR_FAMILY_ID));
	grps = attr_find(a, len, CTRL_ATTR_MCAST_GROUPS);
	if (!grps)
		return;
	g = attr_data(grps);
	rem = attr_len(grps);
	while (rem >= NLA_HDRLEN && g->nla_len >= NLA_HDRLEN) {
		struct nlattr *name, *id;

		name = attr_find(attr_data(g), attr_len(g), CTRL_ATTR_MCAST_GRP_NAME);
		id = attr_find(attr_data(g), attr_len(g), CTRL_ATTR_MCAST_GRP_ID);

		if (name && id && !strcmp(attr_data(name), RPROC_DIAG_MCGRP_EVENTS))
			events_group = attr_u32(id);
		rem -= NLA_ALIGN(g->nla_len);
		g = (struct nlattr *)((char *)g + NLA_ALIGN(g->nla_len));
	}
}

static int resolve(void)
{
	struct msg m;

	msg_init(&m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	put_attr(&m, CTRL_ATTR_FAMILY_NAME, RPROC_DIAG_GENL_NAME,
		 sizeof(RPROC_DIAG_GENL_NAME));
	return transact(&m, on_family, NULL);
}

struct status {
	bool got;
	uint32_t proto, ring;
	uint64_t attempts, next_seq;
	bool boot_hook;
};

static void on_status(struct nlmsghdr *h, void *ctx)
{
	struct status *s = ctx;
	struct nlattr *a, *x, *hooks, *hk;
	int len, rem;

	a = genl_attrs(h, &len);
	s->got = true;
	x = attr_find(a, len, RPROC_DIAG_A_PROTO_VERSION);
	s->proto = x ? attr_u32(x) : 0;
	x = attr_find(a, len, RPROC_DIAG_A_RING_SIZE);
	s->ring = x ? attr_u32(x) : 0;
	x = attr_find(a, len, RPROC_DIAG_A_CNT_ATTEMPTS);
	s->attempts = x ? attr_u64(x) : ~0ULL;
	x = attr_find(a, len, RPROC_DIAG_A_NEXT_SEQ);
	s->next_seq = x ? attr_u64(x) : 0;
	hooks = attr_find(a, len, RPROC_DIAG_A_HOOKS);
	if (!hooks)
		return;
	hk = attr_data(hooks);
	rem = attr_len(hooks);
	while (rem >= NLA_HDRLEN && hk->nla_len >= NLA_HDRLEN) {
		struct nlattr *sym, *at;

		sym = attr_find(attr_data(hk), attr_len(hk), RPROC_DIAG_HOOK_A_SYMBOL);
		at = attr_find(attr_data(hk), attr_len(hk), RPROC_DIAG_HOOK_A_ATTACHED);

		if (sym && at && !strcmp(attr_data(sym), "rproc_boot") &&
		    *(uint8_t *)attr_data(at) == 1)
			s->boot_hook = true;
		rem -= NLA_ALIGN(hk->nla_len);
		hk = (struct nlattr *)((char *)hk + NLA_ALIGN(hk->nla_len));
	}
}

struct dump {
	int n;
	uint64_t first, last;
	bool ordered;
};

static void on_attempt(struct nlmsghdr *h, void *ctx)
{
	struct dump *d = ctx;
	struct genlmsghdr *g = NLMSG_DATA(h);
	struct nlattr *a, *s;
	int len;

	a = genl_attrs(h, &len);
	s = attr_find(a, len, RPROC_DIAG_A_SEQ);
	if (g->cmd != RPROC_DIAG_CMD_ATTEMPT || !s || attr_len(s) != 8) {
		d->ordered = false;
		return;
	}
	if (d->n && attr_u64(s) <= d->last)
		d->ordered = false;
	if (!d->n)
		d->first = attr_u64(s);
	d->last = attr_u64(s);
	d->n++;
}

static int get_status(struct status *s)
{
	struct msg m;

	memset(s, 0, sizeof(*s));
	msg_init(&m, family, RPROC_DIAG_CMD_GET_STATUS, 0);
	return transact(&m, on_status, s);
}

static int dump(struct dump *d, const uint64_t *from)
{
	struct msg m;

	memset(d, 0, sizeof(*d));
	d->ordered = true;
	msg_init(&m, family, RPROC_DIAG_CMD_GET_ATTEMPTS, NLM_F_DUMP);
	if (from)
		put_attr(&m, RPROC_DIAG_A_SEQ, from, sizeof(*from));
	return transact(&m, on_attempt, d);
}

static int simple(uint8_t cmd, uint16_t type, const void *data, uint16_t len)
{
	struct msg m;

	msg_init(&m, family, cmd, 0);
	if (data)
		put_attr(&m, type, data, len);
	return transact(&m, NULL, NULL);
}

static int check_protocol(void)
{
	struct status s;
	struct dump d;
	uint64_t from, seq = 1;
	uint8_t v;
	int ret;
	char what[128];

	ret = get_status(&s);
	check(!ret && s.got, "GET_STATUS answers");
	check(s.proto == RPROC_DIAG_GENL_VERSION, "GET_STATUS: protocol version 1");
	check(s.ring == 32, "GET_STATUS: ring size 32 (module default)");
	check(s.boot_hook, "GET_STATUS: hook rproc_boot attached");
	check(simple(RPROC_DIAG_CMD_GET_STATUS, RPROC_DIAG_A_SEQ, &seq, 8) == -EINVAL,
	      "GET_STATUS with an attribute is rejected (-EINVAL)");
	v = 1;
	check(simple(RPROC_DIAG_CMD_CLEAR, RPROC_DIAG_A_VERSION, &v, 1) == -EINVAL,
	      "CLEAR with attribute type 1 is rejected (-EINVAL)");

	ret = dump(&d, NULL);
	snprintf(what, sizeof(what), "GET_ATTEMPTS dump: %d records, seq %llu..%llu, increasing",
		 d.n, (unsigned long long)d.first, (unsigned long long)d.last);
	check(!ret && d.n >= 2 && d.ordered && (uint64_t)d.n == s.attempts, what);
	from = d.last;
	ret = dump(&d, &from);
	check(!ret && d.n == 1 && d.first == from,
	      "GET_ATTEMPTS from SEQ: only the records >= SEQ");
	{
		struct msg m;

		v = 1;
		msg_init(&m, family, RPROC_DIAG_CMD_GET_ATTEMPTS, NLM_F_DUMP);
		put_attr(&m, RPROC_DIAG_A_SEQ, &v, 1);
		check(transact(&m, NULL, NULL) == -EINVAL,
		      "GET_ATTEMPTS with a 1-byte SEQ is rejected (-EINVAL)");
	}
	v = 2;
	check(simple(RPROC_DIAG_CMD_SET_OPTIONS, RPROC_DIAG_A_ANALYZE_ALWAYS, &v, 1) == -ERANGE,
	      "SET_OPTIONS analyze_always=2 is rejected (policy max 1: -ERANGE)");
	check(simple(RPROC_DIAG_CMD_SET_OPTIONS, 0, NULL, 0) == -EINVAL,
	      "SET_OPTIONS without an option is rejected");
	check(simple(RPROC_DIAG_CMD_SET_OPTIONS, RPROC_DIAG_A_SEQ, &seq, 8) == -EINVAL,
	      "SET_OPTIONS with a foreign attribute is rejected");
	v = 0;
	check(simple(RPROC_DIAG_CMD_SET_OPTIONS, RPROC_DIAG_A_ANALYZE_ALWAYS, &v, 1) == 0,
	      "SET_OPTIONS analyze_always=0 as root");
	check(simple(RPROC_DIAG_CMD_CLEAR, 0, NULL, 0) == 0, "CLEAR as root");
	ret = get_status(&s) || dump(&d, NULL);
	check(!ret && d.n == 0 && s.attempts == 0 && s.next_seq == from + 1,
	      "after CLEAR: ring empty, counters zero, sequence numbers go on");

	/* without CAP_NET_ADMIN */
	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534)) {
		check(false, "drop privileges");
		return 1;
	}
	check(get_status(&s) == 0, "GET_STATUS as an unprivileged user");
	check(simple(RPROC_DIAG_CMD_CLEAR, 0, NULL, 0) == -EPERM,
	      "CLEAR as an unprivileged user: -EPERM");
	v = 1;
	check(simple(RPROC_DIAG_CMD_SET_OPTIONS, RPROC_DIAG_A_ANALYZE_ALWAYS, &v, 1) == -EPERM,
	      "SET_OPTIONS as an unprivileged user: -EPERM");
	ret = setsockopt(sock, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &events_group,
			 sizeof(events_group));
	check(ret < 0 && errno == EPERM, "joining \"events\" as an unprivileged user: EPERM");
	return 0;
}

static int check_events(const char *state)
{
	static char buf[BUF_LEN];
	uint64_t attempt_seq = 0;
	bool attempt = false, analysis = false, finding = false;
	int fd, ret;

	ret = setsockopt(sock, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &events_group,
			 sizeof(events_group));
	check(!ret, "join the \"events\" group as root");
	fd = open(state, O_WRONLY);
	check(fd >= 0, "open the remoteproc state file");
	if (fd >= 0) {
		/* the boot is expected to fail: the write returns -EIO */
		ssize_t w = write(fd, "start", 5);

		(void)w;
		close(fd);
	}
	while (!(attempt && analysis)) {
		struct pollfd p = { .fd = sock, .events = POLLIN };
		struct nlmsghdr *h;
		int n;

		if (poll(&p, 1, 20000) <= 0)
			break;
		n = recv(sock, buf, sizeof(buf), 0);
		for (h = (struct nlmsghdr *)buf; n > 0 && NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			struct genlmsghdr *g = NLMSG_DATA(h);
			struct nlattr *a, *x, *an, *fl, *f;
			int len;

			if (h->nlmsg_type != family)
				continue;
			a = genl_attrs(h, &len);
			x = attr_find(a, len, RPROC_DIAG_A_SEQ);
			if (g->cmd == RPROC_DIAG_CMD_ATTEMPT && x) {
				struct nlattr *k = attr_find(a, len, RPROC_DIAG_A_KIND);
				struct nlattr *fg = attr_find(a, len, RPROC_DIAG_A_FLAGS);

				attempt = k && attr_u32(k) == RPROC_DIAG_KIND_BOOT && fg &&
					  (attr_u32(fg) & RPROC_DIAG_F_LOAD_FAILED);
				attempt_seq = attr_u64(x);
			} else if (g->cmd == RPROC_DIAG_CMD_ANALYSIS && x) {
				analysis = attempt && attr_u64(x) == attempt_seq;
				an = attr_find(a, len, RPROC_DIAG_A_ANALYSIS);
				fl = an ? attr_find(attr_data(an), attr_len(an),
						    RPROC_DIAG_AN_A_FINDINGS) : NULL;
				f = fl ? attr_data(fl) : NULL;
				if (f && attr_len(fl) >= NLA_HDRLEN) {
					struct nlattr *c = attr_find(attr_data(f), attr_len(f),
								     RPROC_DIAG_FND_A_CODE);

					finding = c && attr_u32(c) == RPROC_DIAG_FND_TRUNCATED;
				}
			}
		}
	}
	check(attempt, "event ATTEMPT: a boot whose LOAD failed");
	check(analysis, "event ANALYSIS for the same sequence number");
	check(finding, "event ANALYSIS: first finding is TRUNCATED");
	return 0;
}

static int listen_for(int seconds)
{
	static char buf[BUF_LEN];
	int n, msgs = 0;
	time_t end = time(NULL) + seconds;

	if (setsockopt(sock, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &events_group,
		       sizeof(events_group)))
		return 1;
	while (time(NULL) < end) {
		struct pollfd p = { .fd = sock, .events = POLLIN };

		if (poll(&p, 1, 1000) <= 0)
			continue;
		n = recv(sock, buf, sizeof(buf), 0);
		if (n > 0)
			msgs++;
	}
	printf("listened %d s: %d messages\n", seconds, msgs);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (argc < 2) {
		fprintf(stderr, "usage: nlcheck protocol | events STATE_FILE | listen SECONDS\n");
		return 64;
	}
	sock = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
	if (sock < 0 || bind(sock, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("nlcheck: netlink socket");
		return 1;
	}
	check(resolve() == 0 && family && events_group,
	      "family \"rproc_diag\" and group \"events\" resolve");
	if (!family)
		return 1;
	if (!strcmp(argv[1], "protocol"))
		check_protocol();
	else if (!strcmp(argv[1], "events") && argc == 3)
		check_events(argv[2]);
	else if (!strcmp(argv[1], "listen") && argc == 3)
		return listen_for(atoi(argv[2]));
	return fails ? 1 : 0;
}
