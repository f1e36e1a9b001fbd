// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * nlfuzz: random and mutated generic netlink messages to the rproc_diag
 * family, inside the test VM (tests/guest/fuzz/run.sh), as root and, in a
 * child that drops to uid/gid 65534, as an unprivileged user, while boots
 * run.  Static, no libnl: its own raw netlink.
 *
 *   nlfuzz SEED COUNT SECONDS
 *
 * Messages: every command number 0..255 with random flags (DUMP, ACK,
 * ECHO, ATOMIC, ...), genl versions and reserved bytes; attribute streams
 * with unknown types, type 0, types past maxattr, NLA_F_NESTED on scalars,
 * nests of nests, lengths of 0..nla_len-1, lengths past the message,
 * strings without NUL, RPROC_DIAG_A_SEQ of every width and of 0, 2^63,
 * 2^64 - 1, ANALYZE_ALWAYS of 2 and 255; netlink headers that lie about
 * their length (shorter than a header, than a genl header, longer than
 * what was sent), several messages in one send; dumps read one message at
 * a time with a small receive buffer, left half-read, raced with CLEAR
 * and with new records (the dump's resume point, cb->args[0], then names
 * records that are gone), and abandoned by closing the socket.
 *
 * Checks: every well-formed request is answered (an error, an ACK, data
 * or a dump's DONE) within 5 s, an answer is a well-formed netlink
 * message, an unprivileged CLEAR/SET_OPTIONS or join of the events group
 * is refused with EPERM, and GET_STATUS still works after every 64
 * messages and at the end.  The kernel's own checks (oops, KASAN,
 * kmemleak, lockdep, soft lockups) are read by scripts/vm-run.
 * Prints "ok   ..." / "FAIL ..." lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include "rproc_diag.h"

#define BUF_LEN		65536
#define REPLY_MS	5000

static int fails, oks;
static uint16_t family;
static uint32_t events_group;
static uint64_t rng;
static const char *who = "root";

static void report(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s %s: ", ok ? "ok  " : "FAIL", who);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (ok)
		oks++;
	else
		fails++;
}

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static int sock_open(void)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK };
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
		report(false, "netlink socket: %s", strerror(errno));
		exit(1);
	}
	return s;
}

/* Wait for the reply with @seq: its -errno (0: ACK, data or DONE), -ETIME. */
static int wait_reply(int s, uint32_t seq, bool *well_formed)
{
	static char buf[BUF_LEN];
	struct pollfd p = { .fd = s, .events = POLLIN };
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	*well_formed = true;
	for (;;) {
		struct nlmsghdr *h;
		long ms;
		int n;

		clock_gettime(CLOCK_MONOTONIC, &t);
		ms = (t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
		if (ms >= REPLY_MS || poll(&p, 1, (int)(REPLY_MS - ms)) <= 0)
			return -ETIME;
		n = (int)recv(s, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -errno;	/* ENOBUFS: an answer too, the socket overran */
		}
		for (h = (struct nlmsghdr *)buf; n > 0; h = NLMSG_NEXT(h, n)) {
			if (!NLMSG_OK(h, n)) {
				*well_formed = false;
				return -EBADMSG;
			}
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e))) {
					*well_formed = false;
					return -EBADMSG;
				}
				return e->error;
			}
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == family && !(h->nlmsg_flags & NLM_F_MULTI))
				return 0;	/* a do command's reply (its ACK follows) */
		}
	}
}

struct msg {
	struct nlmsghdr nlh;
	struct genlmsghdr g;
	uint8_t a[4096];
};

static uint32_t seqno = 1;

static size_t put_attr(uint8_t *p, size_t room, uint16_t type, const void *v, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)p;

	if (room < (size_t)NLA_ALIGN(NLA_HDRLEN + len))
		return 0;
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (v)
		memcpy(p + NLA_HDRLEN, v, len);
	else
		memset(p + NLA_HDRLEN, 0, len);
	memset(p + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	return NLA_ALIGN(NLA_HDRLEN + len);
}

/* a random attribute stream, nests included, of at most @room bytes */
static size_t rand_attrs(uint8_t *p, size_t room, int depth)
{
	size_t off = 0;
	unsigned int n = below(6), i;

	for (i = 0; i < n && off + 8 <= room; i++) {
		uint8_t v[300];
		uint16_t type, len;
		size_t k;

		switch (below(6)) {
		case 0: type = RPROC_DIAG_A_SEQ; break;
		case 1: type = RPROC_DIAG_A_ANALYZE_ALWAYS; break;
		case 2: type = 0; break;
		case 3: type = (uint16_t)(RPROC_DIAG_A_MAX + below(8)); break;
		default: type = (uint16_t)below(0x40); break;
		}
		if (below(6) == 0)
			type |= NLA_F_NESTED;
		if (below(10) == 0)
			type |= NLA_F_NET_BYTEORDER;
		if (depth < 3 && below(5) == 0) {
			size_t start = off, inner;

			if (room - off < NLA_HDRLEN)
				break;
			inner = rand_attrs(p + off + NLA_HDRLEN, room - off - NLA_HDRLEN, depth + 1);
			((struct nlattr *)(p + start))->nla_type = type | NLA_F_NESTED;
			((struct nlattr *)(p + start))->nla_len = (uint16_t)(NLA_HDRLEN + inner);
			off += NLA_HDRLEN + inner;
			continue;
		}
		len = (uint16_t)((uint16_t[]){ 0, 1, 2, 4, 7, 8, 9, 16 })[below(8)];
		if (below(8) == 0)
			len = (uint16_t)below(sizeof(v));
		for (k = 0; k < len; k++)
			v[k] = (uint8_t)rnd();
		if (type == RPROC_DIAG_A_SEQ && len == 8) {
			static const uint64_t seqs[] = { 0, 1, 1ULL << 63, ~0ULL, 0x7fffffff };
			uint64_t sv = seqs[below(5)];

			memcpy(v, &sv, 8);
		}
		if (type == RPROC_DIAG_A_ANALYZE_ALWAYS && len >= 1)
			v[0] = (uint8_t)((uint8_t[]){ 0, 1, 2, 255 })[below(4)];
		off += put_attr(p + off, room - off, type, v, len);
	}
	/* sometimes an attribute whose length lies */
	if (off >= NLA_HDRLEN && below(8) == 0)
		((struct nlattr *)p)->nla_len = (uint16_t)((uint16_t[]){ 0, 1, 3, 5, 0xffff })[below(5)];
	return off;
}

/* one message: a request to the family with random command/flags/attrs */
static size_t rand_msg(struct msg *m, bool *expect_reply)
{
	static const uint16_t flags[] = { 0, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP | NLM_F_ACK,
					  NLM_F_ECHO, NLM_F_ATOMIC, NLM_F_ROOT, NLM_F_EXCL,
					  NLM_F_REPLACE | NLM_F_CREATE };
	size_t alen;

	memset(m, 0, sizeof(*m));
	m->nlh.nlmsg_type = family;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | flags[below(9)];
	m->nlh.nlmsg_seq = seqno++;
	m->g.cmd = (uint8_t)(below(4) ? 1 + below(RPROC_DIAG_CMD_MAX + 1) : rnd());
	m->g.version = (uint8_t)(below(4) ? RPROC_DIAG_GENL_VERSION : rnd());
	m->g.reserved = (uint16_t)(below(8) ? 0 : rnd());
	alen = rand_attrs(m->a, below(4) ? 512 : sizeof(m->a), 0);
	m->nlh.nlmsg_len = (uint32_t)NLMSG_LENGTH(GENL_HDRLEN + alen);
	*expect_reply = true;
	/* the netlink header lies: shorter than a header, than genl, longer */
	switch (below(16)) {
	case 0:
		m->nlh.nlmsg_len = below(NLMSG_HDRLEN);
		*expect_reply = false;
		break;
	case 1:
		m->nlh.nlmsg_len = (uint32_t)(NLMSG_HDRLEN + below(GENL_HDRLEN));
		break;
	case 2:
		m->nlh.nlmsg_len += 4 + below(64);
		*expect_reply = false;	/* past what is sent: dropped */
		break;
	default:
		break;
	}
	if (!(m->nlh.nlmsg_flags & NLM_F_ACK) && !(m->nlh.nlmsg_flags & NLM_F_DUMP))
		m->nlh.nlmsg_flags |= below(2) ? NLM_F_ACK : 0;
	if (!(m->nlh.nlmsg_flags & (NLM_F_ACK | NLM_F_DUMP)))
		*expect_reply = false;	/* a do without ACK answers only on success */
	return NLMSG_ALIGN(NLMSG_LENGTH(GENL_HDRLEN + alen));
}

static int simple(int s, uint8_t cmd, uint16_t flags, const void *attrs, size_t alen)
{
	struct msg m;
	bool wf;

	memset(&m, 0, sizeof(m));
	m.nlh.nlmsg_type = family;
	m.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	m.nlh.nlmsg_seq = seqno++;
	m.g.cmd = cmd;
	m.g.version = RPROC_DIAG_GENL_VERSION;
	if (alen)
		memcpy(m.a, attrs, alen);
	m.nlh.nlmsg_len = (uint32_t)NLMSG_LENGTH(GENL_HDRLEN + alen);
	if (send(s, &m, m.nlh.nlmsg_len, 0) < 0)
		return -errno;
	return wait_reply(s, m.nlh.nlmsg_seq, &wf);
}

static void resolve(int s)
{
	struct msg m;
	static char buf[BUF_LEN];
	size_t alen = put_attr(m.a, sizeof(m.a), CTRL_ATTR_FAMILY_NAME, RPROC_DIAG_GENL_NAME,
			       sizeof(RPROC_DIAG_GENL_NAME));
	int n;

	memset(&m, 0, offsetof(struct msg, a));
	m.nlh.nlmsg_type = GENL_ID_CTRL;
	m.nlh.nlmsg_flags = NLM_F_REQUEST;
	m.nlh.nlmsg_len = (uint32_t)NLMSG_LENGTH(GENL_HDRLEN + alen);
	m.g.cmd = CTRL_CMD_GETFAMILY;
	m.g.version = 1;
	if (send(s, &m, m.nlh.nlmsg_len, 0) < 0 || (n = (int)recv(s, buf, sizeof(buf), 0)) <= 0) {
		report(false, "resolve %s: %s", RPROC_DIAG_GENL_NAME, strerror(errno));
		exit(1);
	}
	{
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		uint8_t *a = (uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN;
		int len = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);

		while (h->nlmsg_type != NLMSG_ERROR && len >= NLA_HDRLEN) {
			struct nlattr *x = (struct nlattr *)a;

			if (x->nla_len < NLA_HDRLEN || x->nla_len > len)
				break;
			if (x->nla_type == CTRL_ATTR_FAMILY_ID)
				memcpy(&family, a + NLA_HDRLEN, 2);
			if (x->nla_type == CTRL_ATTR_MCAST_GROUPS) {
				/* the first group's id: "events" is the only one */
				uint8_t *g = a + NLA_HDRLEN + NLA_HDRLEN;
				int gl = x->nla_len - 2 * NLA_HDRLEN;

				while (gl >= NLA_HDRLEN) {
					struct nlattr *y = (struct nlattr *)g;

					if (y->nla_len < NLA_HDRLEN)
						break;
					if (y->nla_type == CTRL_ATTR_MCAST_GRP_ID)
						memcpy(&events_group, g + NLA_HDRLEN, 4);
					gl -= NLA_ALIGN(y->nla_len);
					g += NLA_ALIGN(y->nla_len);
				}
			}
			len -= NLA_ALIGN(x->nla_len);
			a += NLA_ALIGN(x->nla_len);
		}
	}
	if (!family) {
		report(false, "family %s not found (module not loaded?)", RPROC_DIAG_GENL_NAME);
		exit(1);
	}
}

/* A dump read one message at a time, raced with CLEAR, then dropped. */
static void dump_race(bool root)
{
	int s = sock_open(), c = sock_open(), rcv = 1024, k, n;
	struct msg m;
	static char buf[512];
	uint64_t from = below(2) ? 0 : (uint64_t)below(40);
	size_t alen = put_attr(m.a, sizeof(m.a), RPROC_DIAG_A_SEQ, &from, 8);

	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv));
	memset(&m, 0, offsetof(struct msg, a));
	m.nlh.nlmsg_type = family;
	m.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	m.nlh.nlmsg_seq = seqno++;
	m.nlh.nlmsg_len = (uint32_t)NLMSG_LENGTH(GENL_HDRLEN + alen);
	m.g.cmd = RPROC_DIAG_CMD_GET_ATTEMPTS;
	m.g.version = RPROC_DIAG_GENL_VERSION;
	if (send(s, &m, m.nlh.nlmsg_len, 0) < 0) {
		report(false, "dump send: %s", strerror(errno));
		goto out;
	}
	for (k = 0; k < 1 + (int)below(4); k++) {
		n = (int)recv(s, buf, sizeof(buf), MSG_DONTWAIT);	/* truncated on purpose */
		(void)n;
		if (root && below(2))
			simple(c, RPROC_DIAG_CMD_CLEAR, 0, NULL, 0);
		usleep(1000 * below(20));
	}
out:
	close(s);	/* mid-dump: the kernel must drop its state */
	close(c);
}

/* Liveness: GET_STATUS answers. */
static void alive(int s, const char *when)
{
	int r = simple(s, RPROC_DIAG_CMD_GET_STATUS, 0, NULL, 0);

	report(r == 0, "GET_STATUS answers %s (%d)", when, r);
}

static void fuzz(unsigned int count, unsigned int seconds, bool root)
{
	int s = sock_open();
	unsigned int i, timeouts = 0, bad = 0, perm = 0, sent = 0, answered = 0;
	time_t end = time(NULL) + seconds;

	resolve(s);
	alive(s, "before fuzzing");
	if (!root) {
		int r = simple(s, RPROC_DIAG_CMD_CLEAR, 0, NULL, 0);
		uint8_t v[8];
		size_t l = put_attr(v, sizeof(v), RPROC_DIAG_A_ANALYZE_ALWAYS, "\1", 1);
		int g = (int)events_group;

		report(r == -EPERM, "unprivileged CLEAR refused with EPERM (%d)", r);
		r = simple(s, RPROC_DIAG_CMD_SET_OPTIONS, 0, v, l);
		report(r == -EPERM, "unprivileged SET_OPTIONS refused with EPERM (%d)", r);
		r = setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &g, sizeof(g));
		report(r < 0 && errno == EPERM, "unprivileged join of the events group refused (%s)",
		       r < 0 ? strerror(errno) : "joined");
	}
	for (i = 0; i < count && time(NULL) < end; i++) {
		struct msg m[3];
		bool expect[3], wf = true;
		size_t len[3], total = 0;
		unsigned int nm = below(8) == 0 ? 2 + below(2) : 1, k;
		uint8_t batch[sizeof(m)];
		int r;

		if (below(32) == 0) {
			dump_race(root);
			continue;
		}
		for (k = 0; k < nm; k++) {
			len[k] = rand_msg(&m[k], &expect[k]);
			memcpy(batch + total, &m[k], len[k]);
			total += len[k];
		}
		if (send(s, batch, total, 0) < 0)
			continue;
		sent++;
		/* only the first message of a batch is sure to be read */
		if (expect[0]) {
			r = wait_reply(s, m[0].nlh.nlmsg_seq, &wf);
			if (r == -ETIME)
				timeouts++;
			else
				answered++;
			if (r == -EPERM)
				perm++;
		}
		if (!wf)
			bad++;
		if (i % 64 == 63) {
			/* drain, then a liveness check on a fresh socket */
			int t = sock_open();

			close(s);
			s = sock_open();
			if (simple(t, RPROC_DIAG_CMD_GET_STATUS, 0, NULL, 0)) {
				report(false, "GET_STATUS after %u messages", i + 1);
			}
			close(t);
		}
	}
	report(!timeouts, "%u messages (%u batches sent), %u answered, %u without an answer in %d ms",
	       i, sent, answered, timeouts, REPLY_MS);
	report(!bad, "%u malformed answers", bad);
	if (root)
		report(true, "%u answers were EPERM (as root: unexpected ones are counted above)", perm);
	close(s);
	s = sock_open();
	alive(s, "after fuzzing");
	close(s);
}

int main(int argc, char **argv)
{
	unsigned int count, seconds;
	pid_t pid;
	int st;

	if (argc != 4) {
		fprintf(stderr, "usage: nlfuzz SEED COUNT SECONDS\n");
		return 64;
	}
	rng = strtoull(argv[1], NULL, 0) * 2654435761ULL | 1;
	count = (unsigned int)strtoul(argv[2], NULL, 0);
	seconds = (unsigned int)strtoul(argv[3], NULL, 0);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("nlfuzz: seed %s, at most %u messages or %u s (reproduce: nlfuzz %s %u %u)\n",
	       argv[1], count, seconds, argv[1], count, seconds);
	pid = fork();
	if (pid == 0) {
		who = "uid 65534";
		rng ^= 0x5deece66dULL;
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
			report(false, "drop to uid 65534: %s", strerror(errno));
			_exit(1);
		}
		fuzz(count / 2, seconds, false);
		_exit(fails ? 1 : 0);
	}
	fuzz(count, seconds, true);
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st)) {
		who = "root";
		report(false, "the unprivileged fuzzer failed (see its lines)");
	}
	return fails ? 1 : 0;
}
