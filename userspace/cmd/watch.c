// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `rproc-diag watch`: follow the kernel module's boot-attempt records and
 * print each with its root cause and remediation.  A foreground daemon (for
 * systemd) by default; with --once it prints the next finished attempt and
 * exits.
 *
 * Records arrive as notifications on a dedicated socket.  A sequence-number
 * gap or a socket overrun (ENOBUFS) triggers a GET_ATTEMPTS dump from the
 * last seen sequence number; how many records were lost is reported.  If
 * the module is unloaded the daemon says so and waits; when it is loaded
 * again it resolves the family anew and resubscribes.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "cmd/config.h"
#include "board/devices.h"
#include "diagnosis/diagnosis.h"
#include "diagnosis/journal.h"
#include "diagnosis/inputs.h"
#include "common/json.h"
#include "common/report.h"
#include "kernel/netlink.h"
#include "diagnosis/report.h"
#include "kernel/seqtrack.h"

#define MAX_PENDING 16

struct pending {
	struct rd_record *rec;
	uint64_t deadline_ms;
};

struct watch {
	struct daemon_conf conf;
	bool journal;		/* diagnoses go to the journal as structured entries */
	bool journal_failed;	/* said once that they could not */
	bool once;
	bool replay;
	bool has_since;
	uint64_t since;
	long timeout_s;
	struct report_opts ropts;

	struct rd_nl nl;
	struct dev_source dev;
	bool have_dev;
	struct fw_search fs;
	struct optee_keys keys;

	struct seqtrack seq;	/* gaps, duplicates, resync */
	uint64_t start_seq;	/* --once: first sequence number that counts */
	bool done;
	int exit_code;
	bool family_gone;
	struct pending pend[MAX_PENDING];
};

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s watch [--json] [--once] [--timeout SEC] [--since SEQ] [--replay]\n"
		"                  [--ta-key FILE] [--keyring DIR] [--firmware-root DIR]\n"
		"                  [--config FILE] [--color|--no-color] [--verbose]\n"
		"\n"
		"Follow remote processor boot attempts recorded by the rproc_diag kernel\n"
		"module and print each with its root cause and numbered remediation steps.\n"
		"\n"
		"  --json           one JSON object per line (schema: JSON.md, \"watch\")\n"
		"  --once           print the next finished attempt, then exit (0 if it\n"
		"                   booted, 1 if it failed); attempts already in the ring\n"
		"                   when watch starts are not reported (see --since)\n"
		"  --timeout SEC    give up after SEC seconds (exit 69)\n"
		"  --since SEQ      with --once: the first attempt with sequence number >= SEQ,\n"
		"                   also if it is already in the ring\n"
		"  --replay         first print every record still in the kernel's ring\n"
		"  --ta-key FILE    the public key OP-TEE trusts (RPROC_SIGN_KEY)\n"
		"  --keyring DIR    more candidate signing keys (*.pem, *.der)\n"
		"  --firmware-root DIR  prefix of the firmware search path (default /)\n"
		"  --config FILE    configuration (default " CONF_DEFAULT_PATH " if present)\n"
		"  --color          colour the text output also when it is not a terminal\n"
		"  --no-color       never colour the text output\n"
		"  --verbose        also print the TA command list and the file summary\n"
		"Under systemd each diagnosis is a structured journal entry (journalctl -x).\n",
		prog);
}

/* ------------------------------------------------------------------ */

static void notice_json(struct watch *w, const char *type, const char *key, uint64_t a,
			const char *key2, uint64_t b, const char *text)
{
	struct json j;
	struct rep r;

	json_init(&j, stdout);
	rep_init(&r, &j, stdout);
	rep_open(&r, NULL, '{', NULL);
	rep_put(&r, "type", rv_str(type), NULL);
	if (key)
		rep_put(&r, key, rv_u64(a), NULL);
	if (key2)
		rep_put(&r, key2, rv_u64(b), NULL);
	rep_put(&r, "message", rv_str(text), NULL);
	rep_close(&r, '}');
	json_end(&j);
	(void)w;
}

/* Operational message: stderr, and a JSON line in daemon --json mode. */
static void notice(struct watch *w, const char *type, const char *key, uint64_t a,
		   const char *key2, uint64_t b, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static void notice(struct watch *w, const char *type, const char *key, uint64_t a,
		   const char *key2, uint64_t b, const char *fmt, ...)
{
	char text[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", prog, text);
	if (w->conf.json && !w->once)
		notice_json(w, type, key, a, key2, b, text);
}

static bool counts_for_once(const struct watch *w, const struct rd_record *rec)
{
	bool failed = (rec->has_boot_ret && rec->boot_ret != 0) || rd_first_failed_cmd(rec) >= 0;

	if (rec->seq < w->start_seq)
		return false;
	/* a successful register or shutdown is not the boot the caller waits for */
	if ((rec->kind == RPROC_DIAG_KIND_REGISTER || rec->kind == RPROC_DIAG_KIND_SHUTDOWN) &&
	    !failed)
		return false;
	return true;
}

static void emit(struct watch *w, struct rd_record *rec)
{
	struct diag_file *file;
	struct diag_dev dev;
	struct diag_result *res;
	struct diag_input in;
	struct dev_snapshot *snap;

	if (w->done)
		return;
	if (w->once && !counts_for_once(w, rec))
		return;
	file = calloc(1, sizeof(*file));
	res = calloc(1, sizeof(*res));
	snap = calloc(1, sizeof(*snap));
	if (!file || !res || !snap) {
		fprintf(stderr, "%s: out of memory diagnosing record %llu\n", prog,
			(unsigned long long)rec->seq);
		goto out;
	}
	memset(&dev, 0, sizeof(dev));
	if (w->have_dev && dev_snapshot_take(&w->dev, snap) == 0)
		diag_dev_fill(&dev, snap, rec);
	if (rec->fw_name[0])
		diag_file_lookup(&w->fs, rec->fw_name, &w->keys, file);
	in.rec = rec;
	in.file = rec->fw_name[0] ? file : NULL;
	in.dev = dev.known ? &dev : NULL;
	diag_run(&in, res);
	if (w->journal) {
		int r = journal_attempt(rec, in.file, res);

		if (r < 0 && !w->journal_failed) {
			fprintf(stderr, "%s watch: cannot write to the journal (%s): printing the diagnoses instead\n",
				prog, strerror(-r));
			w->journal_failed = true;
		}
		/* under systemd the entry replaces the text (no duplicates) */
		if (r == 0 && !w->conf.json)
			goto done;
	}
	if (w->conf.json) {
		struct json j;
		struct rep r;

		json_init(&j, stdout);
		rep_init(&r, &j, stdout);
		report_attempt(&r, rec, in.file, in.dev, res, &w->ropts);
		json_end(&j);
	} else {
		struct rep r;

		rep_init(&r, NULL, stdout);
		report_attempt(&r, rec, in.file, in.dev, res, &w->ropts);
		fputc('\n', stdout);
		fflush(stdout);
	}
done:
	if (w->once) {
		w->done = true;
		w->exit_code = res->failed ? 1 : 0;
	}
out:
	free(file);
	free(res);
	free(snap);
}

static void flush_pending(struct watch *w, bool all)
{
	uint64_t now = now_ms();

	for (;;) {
		int best = -1;

		/* oldest sequence number first */
		for (int i = 0; i < MAX_PENDING; i++)
			if (w->pend[i].rec && (all || w->pend[i].deadline_ms <= now) &&
			    (best < 0 || w->pend[i].rec->seq < w->pend[best].rec->seq))
				best = i;
		if (best < 0)
			return;
		emit(w, w->pend[best].rec);
		free(w->pend[best].rec);
		w->pend[best].rec = NULL;
	}
}

/* Hold a record whose deferred analysis is still running. */
static void hold_or_emit(struct watch *w, struct rd_record *rec)
{
	if ((rec->flags & RPROC_DIAG_F_ANALYSIS_PENDING) && !rec->has_analysis &&
	    w->conf.analysis_wait_ms) {
		for (int i = 0; i < MAX_PENDING; i++) {
			if (w->pend[i].rec)
				continue;
			w->pend[i].rec = malloc(sizeof(*rec));
			if (!w->pend[i].rec)
				break;
			memcpy(w->pend[i].rec, rec, sizeof(*rec));
			w->pend[i].deadline_ms = now_ms() + w->conf.analysis_wait_ms;
			return;
		}
	}
	emit(w, rec);
}

static void apply_analysis(struct watch *w, const struct rd_analysis_msg *an)
{
	for (int i = 0; i < MAX_PENDING; i++) {
		if (w->pend[i].rec && w->pend[i].rec->seq == an->seq) {
			rd_record_apply_analysis(w->pend[i].rec, an);
			emit(w, w->pend[i].rec);
			free(w->pend[i].rec);
			w->pend[i].rec = NULL;
			return;
		}
	}
}

static void seq_deliver(void *ctx, struct rd_record *rec)
{
	hold_or_emit(ctx, rec);
}

static void seq_lost(void *ctx, const char *why, const struct seq_loss *l)
{
	struct watch *w = ctx;

	if (l->err) {
		notice(w, "lost", NULL, 0, NULL, 0,
		       "%s, and resynchronising failed: %s", why, w->nl.err);
		return;
	}
	if (l->until)
		notice(w, "lost", "count", l->missed, "recovered", l->recovered,
		       "%s: %llu record(s) missed before #%llu; %llu recovered from the kernel's ring, %llu already overwritten there (ring too small or reader too slow)",
		       why, (unsigned long long)l->missed, (unsigned long long)l->until,
		       (unsigned long long)l->recovered, (unsigned long long)l->overwritten);
	else
		notice(w, "lost", "count", l->missed, "recovered", l->recovered,
		       "%s: events were lost; %llu record(s) recovered from the kernel's ring (GET_ATTEMPTS dump from #%llu), %llu already overwritten there",
		       why, (unsigned long long)l->recovered, (unsigned long long)l->from,
		       (unsigned long long)l->overwritten);
}

static int seq_dump(void *ctx, uint64_t from, void (*cb)(void *arg, struct rd_record *rec),
		    void *arg)
{
	struct watch *w = ctx;

	return rd_nl_dump(&w->nl, from, cb, arg);
}

static void on_record(struct watch *w, struct rd_record *rec)
{
	seq_on_record(&w->seq, rec);
}

static int start_session(struct watch *w, bool first);
static void replay_cb(void *arg, struct rd_record *rec);

static void on_nl_event(void *arg, enum rd_nl_event ev, struct rd_msg *msg, const char *text)
{
	struct watch *w = arg;

	switch (ev) {
	case RD_EV_MSG:
		if (msg->type == RD_MSG_ATTEMPT)
			on_record(w, &msg->u.rec);
		else if (msg->type == RD_MSG_ANALYSIS)
			apply_analysis(w, &msg->u.an);
		break;
	case RD_EV_BAD_MSG:
		notice(w, "bad-message", NULL, 0, NULL, 0,
		       "dropped a malformed message from the kernel: %s", text);
		break;
	case RD_EV_FAMILY_GONE:
		w->family_gone = true;
		notice(w, "module", NULL, 0, NULL, 0,
		       "%s; waiting for it to be loaded again (modprobe rproc_diag)", text);
		break;
	case RD_EV_FAMILY_BACK:
		if (start_session(w, false) == 0) {
			w->family_gone = false;
			notice(w, "module", NULL, 0, NULL, 0,
			       "%s: family resolved again and events group rejoined", text);
		}
		break;
	}
}

/* Resolve/subscribe done; read status; set where --once starts. */
static int start_session(struct watch *w, bool first)
{
	struct rd_status st;
	int ret;

	if (!first) {
		ret = rd_nl_reopen(&w->nl, true);
		if (ret < 0)
			return ret;
	}
	ret = rd_nl_get_status(&w->nl, &st);
	if (ret < 0) {
		fprintf(stderr, "%s: %s\n", prog, w->nl.err);
		return ret;
	}
	if (st.has_proto_version && st.proto_version != RPROC_DIAG_GENL_VERSION)
		fprintf(stderr, "%s: warning: the module speaks protocol version %u, this tool %d; install matching versions\n",
			prog, st.proto_version, RPROC_DIAG_GENL_VERSION);
	if (first) {
		w->start_seq = w->has_since ? w->since : (st.has_next_seq ? st.next_seq : 0);
		seq_reset(&w->seq, w->start_seq);
	} else {
		/*
		 * A new module instance numbers from scratch: read what it
		 * recorded before we were subscribed again (e.g. the register
		 * call at probe time), then follow its events.
		 */
		int n;

		w->start_seq = 0;
		seq_reset(&w->seq, 0);
		n = rd_nl_dump(&w->nl, 0, replay_cb, w);
		if (n > 0)
			notice(w, "module", "count", (uint64_t)n, NULL, 0,
			       "read %d record(s) the reloaded module made before the events group was rejoined",
			       n);
		if (!w->seq.have_last)
			w->seq.start_seq = st.has_next_seq ? st.next_seq : 0;
	}
	return 0;
}

static int open_nl(struct watch *w)
{
	int ret = rd_nl_open(&w->nl, true);

	if (ret == 0)
		return start_session(w, true) < 0 ? 69 : 0;
	fprintf(stderr, "%s watch: %s\n", prog, w->nl.err);
	if (ret == -EPERM)
		return 77;
	return 69;
}

static void on_device(struct watch *w)
{
	static const char *const acts[] = { "add", "remove", "change", "other" };
	enum dev_action act;
	struct dev_raw d;
	char text[400];
	struct json j;
	struct rep r;

	if (w->dev.monitor_read(w->dev.ctx, &act, &d) < 0)
		return;
	if (!w->conf.log_devices || w->once)
		return;
	if (strcmp(d.subsystem, "remoteproc") && !dev_is_rproc_ta(d.sysname))
		return;
	dev_describe_event(act, &d, text, sizeof(text));
	json_init(&j, stdout);
	rep_init(&r, w->conf.json ? &j : NULL, stdout);
	rep_open(&r, NULL, '{', NULL);
	rep_put(&r, "type", rv_str("device"), NULL);
	rep_put(&r, "action", rv_str(acts[act]), NULL);
	rep_put(&r, "subsystem", rv_str(d.subsystem), NULL);
	rep_put(&r, "sysname", rv_str(d.sysname), NULL);
	if (!strcmp(d.subsystem, "remoteproc")) {
		rep_put(&r, "name", rv_str(d.name), NULL);
		rep_put(&r, "state", rv_str(d.state), NULL);
		rep_put(&r, "firmware", rv_str(d.firmware), NULL);
	}
	rep_put(&r, "message", rv_str(text), "device: %s\n", text);
	rep_close(&r, '}');
	if (w->conf.json)
		json_end(&j);
	fflush(stdout);
}

static void replay_cb(void *arg, struct rd_record *rec)
{
	struct watch *w = arg;

	seq_take(&w->seq, rec);
}

static int parse_args(struct watch *w, int argc, char **argv, const char **config)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "once", no_argument, NULL, '1' },
		{ "timeout", required_argument, NULL, 't' },
		{ "since", required_argument, NULL, 's' },
		{ "replay", no_argument, NULL, 'r' },
		{ "ta-key", required_argument, NULL, 'k' },
		{ "keyring", required_argument, NULL, 'K' },
		{ "firmware-root", required_argument, NULL, 'f' },
		{ "config", required_argument, NULL, 'c' },
		{ "color", no_argument, NULL, 'C' },
		{ "no-color", no_argument, NULL, 'N' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	/* command-line values, applied after the configuration file */
	const char *ta_key = NULL, *keyring = NULL, *root = NULL;
	int json = -1, color = -1, verbose = -1;
	char err[600];
	int c, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'j': json = 1; break;
		case '1': w->once = true; break;
		case 'r': w->replay = true; break;
		case 'k': ta_key = optarg; break;
		case 'K': keyring = optarg; break;
		case 'f': root = optarg; break;
		case 'c': *config = optarg; break;
		case 'C': color = COLOR_ALWAYS; break;
		case 'N': color = COLOR_NEVER; break;
		case 'v': verbose = 1; break;
		case 't':
			errno = 0;
			w->timeout_s = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || w->timeout_s <= 0 || w->timeout_s > 86400 * 365) {
				fprintf(stderr, "%s watch: --timeout: `%s' is not a number of seconds (1 or more)\n",
					prog, optarg);
				usage_hint("watch");
				return EXIT_USAGE;
			}
			break;
		case 's':
			errno = 0;
			w->since = strtoull(optarg, &end, 10);
			if (errno || *end || end == optarg || optarg[0] == '-') {
				fprintf(stderr, "%s watch: --since: `%s' is not a sequence number\n",
					prog, optarg);
				usage_hint("watch");
				return EXIT_USAGE;
			}
			w->has_since = true;
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			fprintf(stderr, "%s watch: unknown or incomplete option `%s'\n", prog,
				argv[optind - 1]);
			usage_hint("watch");
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s watch: unexpected argument `%s'\n", prog, argv[optind]);
		usage_hint("watch");
		return EXIT_USAGE;
	}
	conf_defaults(&w->conf);
	ret = conf_load(&w->conf, *config ? *config : CONF_DEFAULT_PATH, err, sizeof(err));
	if (ret == -ENOENT && *config) {
		fprintf(stderr, "%s watch: --config `%s': no such file\n", prog, *config);
		usage_hint("watch");
		return EXIT_USAGE;
	}
	if (ret == -EINVAL) {
		fprintf(stderr, "%s watch: %s\n", prog, err);
		return 2;
	}
	if (ta_key)
		snprintf(w->conf.ta_key, sizeof(w->conf.ta_key), "%s", ta_key);
	if (keyring)
		snprintf(w->conf.keyring, sizeof(w->conf.keyring), "%s", keyring);
	if (root)
		snprintf(w->conf.firmware_root, sizeof(w->conf.firmware_root), "%s", root);
	if (json >= 0)
		w->conf.json = json;
	if (color >= 0)
		w->conf.color = (enum conf_color)color;
	if (verbose >= 0)
		w->conf.verbose = verbose;
	if (w->has_since && !w->once) {
		fprintf(stderr, "%s watch: --since only makes sense with --once (use --replay to see the ring)\n",
			prog);
		usage_hint("watch");
		return EXIT_USAGE;
	}
	return 0;
}

int cmd_watch(int argc, char **argv)
{
	struct watch *w;
	const char *config = NULL;
	char err[600], param[PATH_MAX + 64];
	const char *opt;
	struct utsname u;
	sigset_t mask;
	int sfd = -1, ret;
	uint64_t deadline = 0;

	w = calloc(1, sizeof(*w));
	if (!w) {
		fprintf(stderr, "%s watch: out of memory\n", prog);
		return 70;
	}
	ret = parse_args(w, argc, argv, &config);
	if (ret) {
		free(w);
		return ret < 0 ? 0 : ret;
	}
	w->ropts.color = w->conf.color == COLOR_ALWAYS ||
			 (w->conf.color == COLOR_AUTO && isatty(STDOUT_FILENO) && !w->conf.json);
	w->ropts.verbose = w->conf.verbose;
	if (w->conf.journal == JOURNAL_YES && !journal_available()) {
		fprintf(stderr, "%s watch: journal = yes, but this rproc-diag was built without libsystemd; set journal = no (or auto) in %s\n",
			prog, config && *config ? config : CONF_DEFAULT_PATH);
		free(w);
		return 2;
	}
	w->journal = w->conf.journal == JOURNAL_YES ||
		     (w->conf.journal == JOURNAL_AUTO && journal_available() && journal_is_stdout());

	if (optee_keys_load(&w->keys, NULL, 0, w->conf.ta_key, w->conf.keyring, true, &opt, err,
			    sizeof(err)) < 0) {
		fprintf(stderr, "%s watch: %s\n", prog, err);
		optee_keys_free(&w->keys);
		free(w);
		return 2;
	}
	snprintf(param, sizeof(param), "%s/sys/module/firmware_class/parameters/path",
		 w->conf.firmware_root);
	fw_search_init(&w->fs, w->conf.firmware_root, uname(&u) == 0 ? u.release : NULL, param);
	w->have_dev = dev_source_udev_open(&w->dev, !w->once) == 0;
	if (!w->have_dev)
		fprintf(stderr, "%s watch: warning: libudev unavailable, device facts will be missing\n",
			prog);

	w->seq.dump = seq_dump;
	w->seq.deliver = seq_deliver;
	w->seq.lost = seq_lost;
	w->seq.ctx = w;
	ret = open_nl(w);
	if (ret)
		goto out;

	if (w->replay || w->has_since) {
		ret = rd_nl_dump(&w->nl, w->has_since ? w->since : 0, replay_cb, w);
		if (ret < 0)
			fprintf(stderr, "%s watch: reading the ring failed: %s\n", prog, w->nl.err);
	}

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (w->timeout_s)
		deadline = now_ms() + (uint64_t)w->timeout_s * 1000;
	if (!w->once && !w->conf.json)
		fprintf(stderr, "%s: watching remoteproc boot attempts (from #%llu)\n", prog,
			(unsigned long long)w->start_seq);

	ret = 0;
	while (!w->done) {
		struct pollfd pfd[3];
		int n = 0, nl_i = -1, dev_i = -1, sig_i = -1;
		int wait_ms = w->family_gone ? 5000 : -1;
		uint64_t now = now_ms();

		for (int i = 0; i < MAX_PENDING; i++) {
			if (w->pend[i].rec) {
				int64_t left = (int64_t)(w->pend[i].deadline_ms - now);

				if (left < 0)
					left = 0;
				if (wait_ms < 0 || left < wait_ms)
					wait_ms = (int)left;
			}
		}
		if (deadline) {
			int64_t left = (int64_t)(deadline - now);

			if (left <= 0) {
				flush_pending(w, true);
				if (!w->done) {
					fprintf(stderr, "%s watch: no %sboot attempt finished within %ld s\n",
						prog, w->once ? "new " : "", w->timeout_s);
					ret = w->once ? 69 : 0;
				}
				break;
			}
			if (wait_ms < 0 || left < wait_ms)
				wait_ms = (int)left;
		}
		if (rd_nl_event_fd(&w->nl) >= 0) {
			pfd[n].fd = rd_nl_event_fd(&w->nl);
			pfd[n].events = POLLIN;
			nl_i = n++;
		}
		if (w->have_dev && w->dev.monitor_fd(w->dev.ctx) >= 0) {
			pfd[n].fd = w->dev.monitor_fd(w->dev.ctx);
			pfd[n].events = POLLIN;
			dev_i = n++;
		}
		if (sfd >= 0) {
			pfd[n].fd = sfd;
			pfd[n].events = POLLIN;
			sig_i = n++;
		}
		if (poll(pfd, n, wait_ms) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "%s watch: poll: %s\n", prog, strerror(errno));
			ret = 70;
			break;
		}
		if (sig_i >= 0 && (pfd[sig_i].revents & POLLIN)) {
			flush_pending(w, true);
			break;
		}
		if (nl_i >= 0 && (pfd[nl_i].revents & POLLIN)) {
			int r = rd_nl_events_read(&w->nl, on_nl_event, w);

			if (r == -ENOBUFS)
				seq_on_overrun(&w->seq);
			else if (r < 0 && r != -EAGAIN)
				fprintf(stderr, "%s watch: reading events: %s\n", prog, strerror(-r));
		}
		if (dev_i >= 0 && (pfd[dev_i].revents & POLLIN))
			on_device(w);
		if (w->family_gone && wait_ms == 5000) {
			/* no controller notification seen: poll for the family */
			if (start_session(w, false) == 0) {
				w->family_gone = false;
				notice(w, "module", NULL, 0, NULL, 0,
				       "the rproc_diag module is back: family resolved again and events group rejoined");
			}
		}
		flush_pending(w, false);
	}
	if (w->done)
		ret = w->exit_code;
out:
	for (int i = 0; i < MAX_PENDING; i++)
		free(w->pend[i].rec);
	if (sfd >= 0)
		close(sfd);
	rd_nl_close(&w->nl);
	if (w->have_dev)
		dev_source_udev_close(&w->dev);
	optee_keys_free(&w->keys);
	free(w);
	return ret;
}
