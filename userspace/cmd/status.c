// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `rproc-diag status`: health check of the remoteproc/TEE stack.
 *
 * Module loaded and which hooks attached (GET_STATUS), TEE present,
 * remoteproc TA enumerated on the TEE bus, and per remote processor its
 * state, firmware, whether that file is in the firmware search path and a
 * short inspect summary of it.
 *
 * Exit status: 0 healthy, 1 a problem was found, 69 the module is not
 * loaded (everything else is still reported), 77 permission denied.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "cmd/commands.h"
#include "cmd/config.h"
#include "board/devices.h"
#include "diagnosis/inputs.h"
#include "common/json.h"
#include "common/prom.h"
#include "common/report.h"
#include "common/version.h"
#include "kernel/netlink.h"
#include "diagnosis/report.h"

#define MAX_PROBLEMS 16

struct problems {
	unsigned int n;
	char text[MAX_PROBLEMS][512];
};

static void problem(struct problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void problem(struct problems *p, const char *fmt, ...)
{
	va_list ap;

	if (p->n >= MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	vsnprintf(p->text[p->n++], sizeof(p->text[0]), fmt, ap);
	va_end(ap);
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s status [--json | --format text|json|prometheus] [--ta-key FILE]\n"
		"                  [--keyring DIR] [--firmware-root DIR] [--config FILE]\n"
		"\n"
		"Health check of the remoteproc/TEE stack: rproc_diag module and its hooks,\n"
		"TEE and remoteproc TA presence, each remote processor with its state,\n"
		"firmware file (searched like the kernel does) and an inspect summary.\n"
		"Exit status: 0 healthy, 1 a problem found, 69 module not loaded, 77 denied.\n"
		"  --json            one JSON object (schema: userspace/JSON.md, \"status\")\n"
		"  --format FORMAT   text (default), json, or prometheus: node_exporter\n"
		"                    textfile-collector metrics named rproc_diag_* (also\n"
		"                    failures by cause and TA command in the module's ring)\n"
		"  --ta-key FILE     the public key OP-TEE trusts (RPROC_SIGN_KEY)\n"
		"  --keyring DIR     more candidate signing keys (*.pem, *.der)\n"
		"  --firmware-root DIR  prefix of the firmware search path (default /)\n"
		"  --config FILE     configuration (default /etc/rproc-diag.conf if present)\n",
		prog);
}

/* The last boot record of each remote processor in the module's ring. */
struct last_rec {
	bool have[DEV_MAX];
	struct rd_record rec[DEV_MAX];
	const struct dev_snapshot *snap;
};

static void last_cb(void *arg, struct rd_record *rec)
{
	struct last_rec *l = arg;
	const struct dev_rproc *r;

	if (rec->kind != RPROC_DIAG_KIND_BOOT)
		return;
	r = dev_find_rproc(l->snap, rec->has_rproc_index, rec->rproc_index, rec->rproc_name);
	if (!r)
		return;
	for (unsigned int i = 0; i < l->snap->n_rproc; i++) {
		if (&l->snap->rproc[i] == r) {
			l->have[i] = true;
			l->rec[i] = *rec;
		}
	}
}

/* --format prometheus: every record in the ring, diagnosed, counted */
#define MAX_FAIL_KEYS 64
#define MAX_FILES 8

struct fail_count {
	char rproc[RPROC_DIAG_NAME_MAX];
	const char *cause;
	const char *ta_command;
	unsigned int n;
};

struct ring_counts {
	const struct dev_snapshot *snap;
	const struct fw_search *fs;
	const struct optee_keys *keys;
	unsigned int records, failed;
	unsigned int n_keys;
	struct fail_count keys_[MAX_FAIL_KEYS];
	unsigned int n_files;
	char file_names[MAX_FILES][RPROC_DIAG_NAME_MAX];
	struct diag_file files[MAX_FILES];
	struct diag_result res;
};

/* the offline analysis of @name, made once per file name */
static const struct diag_file *ring_file(struct ring_counts *rc, const char *name)
{
	unsigned int i;

	for (i = 0; i < rc->n_files; i++)
		if (!strcmp(rc->file_names[i], name))
			return &rc->files[i];
	if (rc->n_files == MAX_FILES)
		return NULL;
	i = rc->n_files++;
	snprintf(rc->file_names[i], sizeof(rc->file_names[i]), "%s", name);
	diag_file_lookup(rc->fs, name, rc->keys, &rc->files[i]);
	return &rc->files[i];
}

static void count_cb(void *arg, struct rd_record *rec)
{
	struct ring_counts *rc = arg;
	struct diag_dev dev;
	struct diag_input in;
	unsigned int i;

	rc->records++;
	diag_dev_fill(&dev, rc->snap, rec);
	in.rec = rec;
	in.file = rec->fw_name[0] ? ring_file(rc, rec->fw_name) : NULL;
	in.dev = &dev;
	diag_run(&in, &rc->res);
	if (!rc->res.failed)
		return;
	rc->failed++;
	for (i = 0; i < rc->n_keys; i++) {
		struct fail_count *k = &rc->keys_[i];

		if (!strcmp(k->rproc, rec->rproc_name) && !strcmp(k->cause, rc->res.cause) &&
		    !strcmp(k->ta_command, rc->res.ta_command ? rc->res.ta_command : "none")) {
			k->n++;
			return;
		}
	}
	if (rc->n_keys == MAX_FAIL_KEYS)
		return;
	snprintf(rc->keys_[i].rproc, sizeof(rc->keys_[i].rproc), "%s", rec->rproc_name);
	rc->keys_[i].cause = rc->res.cause;	/* static strings of the knowledge base */
	rc->keys_[i].ta_command = rc->res.ta_command ? rc->res.ta_command : "none";
	rc->keys_[i].n = 1;
	rc->n_keys++;
}

static unsigned int hooks_attached(const struct rd_status *st);

static void print_prometheus(FILE *f, bool module_ok, const struct rd_status *st,
			     const struct dev_snapshot *snap, const struct ring_counts *rc,
			     const struct last_rec *last, const struct diag_result *results,
			     unsigned int n_problems)
{
	prom_family(f, "rproc_diag_info", PROM_GAUGE,
		    "rproc-diag and rproc_diag module versions (value 1)");
	{
		const char *l[] = { "version", rd_version(), "module_version",
				    module_ok && st->has_version ? st->version : "",
				    "driver_api", module_ok ? rd_api_name(st->driver_api) : "", NULL };

		prom_sample(f, "rproc_diag_info", l, 1);
	}
	prom_family(f, "rproc_diag_module_loaded", PROM_GAUGE,
		    "1 when the rproc_diag kernel module answers on generic netlink");
	prom_sample(f, "rproc_diag_module_loaded", NULL, module_ok);
	prom_family(f, "rproc_diag_kprobes", PROM_GAUGE, "1 when the running kernel has kprobes");
	prom_sample(f, "rproc_diag_kprobes", NULL, rd_kernel_has_kprobes());
	prom_family(f, "rproc_diag_tee_present", PROM_GAUGE, "1 when a TEE device exists (/sys/class/tee)");
	prom_sample(f, "rproc_diag_tee_present", NULL, snap->n_tee > 0);
	prom_family(f, "rproc_diag_ta_present", PROM_GAUGE,
		    "1 when the remoteproc TA is enumerated on the TEE bus");
	prom_sample(f, "rproc_diag_ta_present", NULL, snap->ta_present);
	prom_family(f, "rproc_diag_problems", PROM_GAUGE,
		    "problems rproc-diag status found (0: healthy)");
	prom_sample(f, "rproc_diag_problems", NULL, n_problems);
	if (module_ok) {
		prom_family(f, "rproc_diag_hooks", PROM_GAUGE, "hooks the module knows");
		prom_sample(f, "rproc_diag_hooks", NULL, st->n_hooks);
		prom_family(f, "rproc_diag_hooks_attached", PROM_GAUGE, "hooks attached (kretprobes live)");
		prom_sample(f, "rproc_diag_hooks_attached", NULL, hooks_attached(st));
		prom_family(f, "rproc_diag_hook_attached", PROM_GAUGE,
			    "1 when the hook on this kernel symbol is attached");
		for (unsigned int i = 0; i < st->n_hooks; i++) {
			const char *l[] = { "hook", st->hooks[i].name, "symbol", st->hooks[i].symbol, NULL };

			prom_sample(f, "rproc_diag_hook_attached", l, st->hooks[i].attached);
		}
		prom_family(f, "rproc_diag_attempts_total", PROM_COUNTER,
			    "boot attempts the module recorded since it was loaded");
		prom_sample(f, "rproc_diag_attempts_total", NULL, (double)st->cnt_attempts);
		prom_family(f, "rproc_diag_tee_failures_total", PROM_COUNTER,
			    "remoteproc TA commands that returned an error since the module was loaded");
		prom_sample(f, "rproc_diag_tee_failures_total", NULL, (double)st->cnt_tee_failures);
		prom_family(f, "rproc_diag_dropped_records_total", PROM_COUNTER,
			    "records the module dropped (ring overwritten before publication, no memory)");
		prom_sample(f, "rproc_diag_dropped_records_total", NULL, (double)st->cnt_drops);
		prom_family(f, "rproc_diag_ring_size", PROM_GAUGE, "records the module's ring keeps");
		prom_sample(f, "rproc_diag_ring_size", NULL, st->ring_size);
		prom_family(f, "rproc_diag_ring_records", PROM_GAUGE, "records now in the module's ring");
		prom_sample(f, "rproc_diag_ring_records", NULL, rc->records);
		prom_family(f, "rproc_diag_ring_failures", PROM_GAUGE,
			    "failed attempts among the records in the module's ring, by remote processor, diagnosed cause and failing TA command");
		for (unsigned int i = 0; i < rc->n_keys; i++) {
			const struct fail_count *k = &rc->keys_[i];
			const char *l[] = { "rproc", k->rproc, "cause", k->cause, "ta_command",
					    k->ta_command, NULL };

			prom_sample(f, "rproc_diag_ring_failures", l, k->n);
		}
	}
	prom_family(f, "rproc_diag_remoteproc_running", PROM_GAUGE,
		    "1 when the remote processor's state is running");
	for (unsigned int i = 0; i < snap->n_rproc; i++) {
		const char *l[] = { "rproc", snap->rproc[i].name, "device", snap->rproc[i].sysname, NULL };

		prom_sample(f, "rproc_diag_remoteproc_running", l, !strcmp(snap->rproc[i].state, "running"));
	}
	if (results) {
		prom_family(f, "rproc_diag_last_attempt_failed", PROM_GAUGE,
			    "1 when the last boot attempt of the remote processor failed, with its diagnosed cause");
		for (unsigned int i = 0; i < snap->n_rproc; i++) {
			const char *l[] = { "rproc", snap->rproc[i].name, "cause", results[i].cause, NULL };

			if (last->have[i])
				prom_sample(f, "rproc_diag_last_attempt_failed", l, results[i].failed);
		}
		prom_family(f, "rproc_diag_last_attempt_seq", PROM_GAUGE,
			    "sequence number of the last boot attempt of the remote processor");
		for (unsigned int i = 0; i < snap->n_rproc; i++) {
			const char *l[] = { "rproc", snap->rproc[i].name, NULL };

			if (last->have[i])
				prom_sample(f, "rproc_diag_last_attempt_seq", l, (double)last->rec[i].seq);
		}
	}
	fflush(f);
}

static unsigned int hooks_attached(const struct rd_status *st)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < st->n_hooks; i++)
		n += st->hooks[i].attached;
	return n;
}

/* What status found, for its report. */
struct status_view {
	bool module_ok;
	const struct rd_status *st;
	const char *nl_err;
	const struct dev_snapshot *snap;
	const struct diag_file *files;
	const struct last_rec *last;		/* NULL: no ring read */
	const struct diag_result *results;	/* NULL: nothing diagnosed */
	const struct problems *pb;
};

static void report_module(struct rep *r, const struct status_view *v)
{
	const struct rd_status *st = v->st;

	rep_open(r, "module", '{', NULL);
	rep_put(r, "loaded", rv_bool(v->module_ok), v->module_ok ? NULL :
		"rproc_diag module: not available\n");
	if (!v->module_ok) {
		rep_put(r, "error", rv_str(v->nl_err), NULL);
		rep_close(r, '}');
		return;
	}
	rep_put(r, "version", rv_str(st->has_version ? st->version : NULL),
		"rproc_diag module: loaded, version %s, protocol %u, driver API %s, %u/%u hooks attached\n",
		st->has_version ? st->version : "?", st->proto_version, rd_api_name(st->driver_api),
		hooks_attached(st), st->n_hooks);
	rep_put(r, "proto_version", rv_u64(st->proto_version), NULL);
	rep_put(r, "driver_api", rv_str(rd_api_name(st->driver_api)), NULL);
	rep_put(r, "ring_size", rv_u64(st->ring_size), NULL);
	rep_put(r, "analyze_always", rv_bool(st->analyze_always), NULL);
	rep_put(r, "next_seq", rv_u64(st->next_seq), NULL);
	rep_put(r, "attempts", rv_u64(st->cnt_attempts), NULL);
	rep_put(r, "tee_failures", rv_u64(st->cnt_tee_failures), NULL);
	rep_put(r, "drops", rv_u64(st->cnt_drops), NULL);
	rep_put(r, "hooks_attached", rv_u64(hooks_attached(st)), NULL);
	rep_open(r, "hooks", '[', NULL);
	for (unsigned int i = 0; i < st->n_hooks; i++) {
		const struct rd_hook *h = &st->hooks[i];

		rep_open(r, NULL, '{', "  %-14s %-32s %s", h->name, h->symbol,
			 h->attached ? "attached" : "not attached");
		rep_put(r, "name", rv_str(h->name), NULL);
		rep_put(r, "symbol", rv_str(h->symbol), NULL);
		rep_put(r, "attached", rv_bool(h->attached), NULL);
		if (h->has_error)
			rep_put(r, "error", rv_i64(h->error), h->attached ? NULL : " (error %d%s)",
				h->error, h->error == -ENOENT ? ": symbol absent in this kernel" : "");
		rep_put(r, "hits", rv_u64(h->hits), NULL);
		rep_put(r, "missed", rv_u64(h->missed), h->attached ? " (%llu hits, %llu missed)" : NULL,
			(unsigned long long)h->hits, (unsigned long long)h->missed);
		rep_text(r, "\n");
		rep_close(r, '}');
	}
	rep_close(r, ']');
	rep_text(r, "  ring: %u records, next #%llu; %llu attempts, %llu TEE failures, %llu dropped\n",
		 st->ring_size, (unsigned long long)st->next_seq,
		 (unsigned long long)st->cnt_attempts, (unsigned long long)st->cnt_tee_failures,
		 (unsigned long long)st->cnt_drops);
	rep_put(r, "error", rv_null(), NULL);
	rep_close(r, '}');
}

static void report_last(struct rep *r, const struct rd_record *lr, const struct diag_result *dr)
{
	rep_open(r, "last_attempt", '{', "  last boot attempt #%llu: %s (%s): %s\n",
		 (unsigned long long)lr->seq, dr->failed ? "failed" : "ok", dr->cause, dr->title);
	rep_put(r, "seq", rv_u64(lr->seq), NULL);
	rep_put(r, "boot_ret", lr->has_boot_ret ? rv_i64(lr->boot_ret) : rv_null(), NULL);
	rep_put(r, "ta_command", rv_str(dr->ta_command), NULL);
	rep_put(r, "ta_result", dr->has_ta_result ? rv_code(dr->ta_result) : rv_null(), NULL);
	rep_put(r, "cause", rv_str(dr->cause), NULL);
	rep_put(r, "title", rv_str(dr->title), NULL);
	rep_open(r, "remediation", '[', NULL);
	for (unsigned int k = 0; k < dr->n_steps; k++)
		rep_put(r, NULL, rv_str(dr->steps[k]), NULL);
	rep_close(r, ']');
	rep_close(r, '}');
}

static void status_report(struct rep *r, const struct status_view *v)
{
	const struct dev_snapshot *snap = v->snap;

	rep_open(r, NULL, '{', NULL);
	report_module(r, v);
	rep_put(r, "kprobes", rv_bool(rd_kernel_has_kprobes()), NULL);
	rep_open(r, "tee", '{', NULL);
	rep_put(r, "present", rv_bool(snap->n_tee > 0), "TEE: %s", snap->n_tee ? "present (" :
		"absent\n");
	rep_open(r, "devices", '[', NULL);
	for (unsigned int i = 0; i < snap->n_tee; i++)
		rep_put(r, NULL, rv_str(snap->tee[i]), "%s%s", i ? ", " : "", snap->tee[i]);
	rep_close(r, ']');
	rep_text(r, snap->n_tee ? ")\n" : NULL);
	rep_close(r, '}');
	rep_open(r, "ta", '{', NULL);
	rep_put(r, "present", rv_bool(snap->ta_present), "remoteproc TA (%s): %s\n",
		RPROC_DIAG_TA_UUID, snap->ta_present ? "present on the TEE bus" : "absent");
	rep_put(r, "device", rv_str("optee-ta-" RPROC_DIAG_TA_UUID), NULL);
	rep_close(r, '}');
	rep_open(r, "remoteprocs", '[', snap->n_rproc ? NULL : "remote processors: none\n");
	for (unsigned int i = 0; i < snap->n_rproc; i++) {
		const struct dev_rproc *p = &snap->rproc[i];

		rep_open(r, NULL, '{', "%s (%s): state %s, firmware %s%s%s\n", p->sysname, p->name,
			 p->state[0] ? p->state : "?", p->firmware[0] ? p->firmware : "(none)",
			 p->fw_format[0] ? ", fw_format " : "", p->fw_format);
		rep_put(r, "index", rv_u64(p->index), NULL);
		rep_put(r, "name", rv_str(p->name), NULL);
		rep_put(r, "state", rv_str(p->state), NULL);
		rep_put(r, "firmware", rv_str(p->firmware[0] ? p->firmware : NULL), NULL);
		rep_put(r, "fw_format", rv_str(p->fw_format[0] ? p->fw_format : NULL), NULL);
		report_file(r, "file", &v->files[i], true, 2);
		if (v->results && v->last->have[i])
			report_last(r, &v->last->rec[i], &v->results[i]);
		else
			rep_put(r, "last_attempt", rv_null(), NULL);
		rep_close(r, '}');
	}
	rep_close(r, ']');
	rep_open(r, "problems", '[', v->pb->n ? "\nproblems:\n" : "\nno problem found\n");
	for (unsigned int i = 0; i < v->pb->n; i++)
		rep_put(r, NULL, rv_str(v->pb->text[i]), "  %u. %s\n", i + 1, v->pb->text[i]);
	rep_close(r, ']');
	rep_put(r, "healthy", rv_bool(v->pb->n == 0), NULL);
	rep_close(r, '}');
	rep_end(r);
}

int cmd_status(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "ta-key", required_argument, NULL, 'k' },
		{ "keyring", required_argument, NULL, 'K' },
		{ "firmware-root", required_argument, NULL, 'f' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon_conf conf;
	const char *config = NULL, *ta_key = NULL, *keyring = NULL, *root = NULL;
	bool json = false, prom = false, module_ok = false;
	struct ring_counts *rc = NULL;
	int nlret, c, ret = 0;
	struct rd_nl nl;
	struct rd_status *st;
	struct dev_source src;
	struct dev_snapshot *snap;
	struct optee_keys keys;
	struct diag_file *files;
	struct fw_search fs;
	struct problems *pb;
	struct last_rec *last = NULL;
	struct diag_result *results = NULL;
	struct utsname u;
	char err[600], param[PATH_MAX + 64];
	const char *opt;
	bool have_dev;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; prom = false; break;
		case 'F':
			if (!strcmp(optarg, "text") || !strcmp(optarg, "json") ||
			    !strcmp(optarg, "prometheus")) {
				json = !strcmp(optarg, "json");
				prom = !strcmp(optarg, "prometheus");
				break;
			}
			fprintf(stderr, "%s status: --format `%s' is not text, json or prometheus\n",
				prog, optarg);
			usage_hint("status");
			return EXIT_USAGE;
		case 'k': ta_key = optarg; break;
		case 'K': keyring = optarg; break;
		case 'f': root = optarg; break;
		case 'c': config = optarg; break;
		case 'h': usage(stdout); return 0;
		default:
			fprintf(stderr, "%s status: unknown or incomplete option `%s'\n", prog,
				argv[optind - 1]);
			usage_hint("status");
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s status: unexpected argument `%s'\n", prog, argv[optind]);
		usage_hint("status");
		return EXIT_USAGE;
	}
	conf_defaults(&conf);
	c = conf_load(&conf, config ? config : CONF_DEFAULT_PATH, err, sizeof(err));
	if (c == -ENOENT && config) {
		fprintf(stderr, "%s status: --config `%s': no such file\n", prog, config);
		usage_hint("status");
		return EXIT_USAGE;
	}
	if (c == -EINVAL) {
		fprintf(stderr, "%s status: %s\n", prog, err);
		return 2;
	}
	if (ta_key)
		snprintf(conf.ta_key, sizeof(conf.ta_key), "%s", ta_key);
	if (keyring)
		snprintf(conf.keyring, sizeof(conf.keyring), "%s", keyring);
	if (root)
		snprintf(conf.firmware_root, sizeof(conf.firmware_root), "%s", root);
	if (optee_keys_load(&keys, NULL, 0, conf.ta_key, conf.keyring, true, &opt, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s status: %s\n", prog, err);
		optee_keys_free(&keys);
		return 2;
	}

	st = calloc(1, sizeof(*st));
	snap = calloc(1, sizeof(*snap));
	files = calloc(DEV_MAX, sizeof(*files));
	pb = calloc(1, sizeof(*pb));
	if (!st || !snap || !files || !pb) {
		fprintf(stderr, "%s status: out of memory\n", prog);
		ret = 70;
		goto out;
	}

	/* module */
	nlret = rd_nl_open(&nl, false);
	if (nlret == 0) {
		nlret = rd_nl_get_status(&nl, st);
		module_ok = nlret == 0;
		rd_nl_close(&nl);
	}
	if (!module_ok) {
		problem(pb, "%s", nl.err);
		ret = nlret == -EPERM ? 77 : 69;
	} else {
		if (st->n_hooks && !hooks_attached(st))
			problem(pb, "the rproc_diag module is loaded but none of its %u hooks is attached: this kernel has none of the probed functions (no TEE remoteproc driver?) — see the hook errors",
				st->n_hooks);
		if (st->has_driver_api && st->driver_api == RPROC_DIAG_API_NONE)
			problem(pb, "no TEE remoteproc driver found in this kernel (tee_rproc_*/rproc_tee_* absent): remote processors load plain ELF only");
	}

	/* devices */
	have_dev = dev_source_udev_open(&src, false) == 0;
	if (have_dev) {
		if (dev_snapshot_take(&src, snap) < 0)
			problem(pb, "cannot enumerate devices through libudev");
		dev_source_udev_close(&src);
	} else {
		problem(pb, "libudev unavailable: device facts unknown");
	}
	if (!snap->n_tee)
		problem(pb, "no TEE device (/sys/class/tee/tee*): OP-TEE is not running or the kernel lacks CONFIG_OPTEE");
	else if (!snap->ta_present)
		problem(pb, "the remoteproc TA is not enumerated on the TEE bus (/sys/bus/tee/devices/optee-ta-" RPROC_DIAG_TA_UUID " absent): this OP-TEE build has no remoteproc TA (e.g. the \"opteemin\" layout), so TEE remote processors stay deferred; flash an OP-TEE with the TA");

	/* last boot attempt per remote processor, diagnosed */
	if (module_ok && snap->n_rproc) {
		last = calloc(1, sizeof(*last));
		if (last && rd_nl_open(&nl, false) == 0) {
			last->snap = snap;
			if (rd_nl_dump(&nl, 0, last_cb, last) < 0)
				problem(pb, "cannot read the module's ring: %s", nl.err);
			rd_nl_close(&nl);
		}
	}
	snprintf(param, sizeof(param), "%s/sys/module/firmware_class/parameters/path",
		 conf.firmware_root);
	fw_search_init(&fs, conf.firmware_root, uname(&u) == 0 ? u.release : NULL, param);
	for (unsigned int i = 0; i < snap->n_rproc; i++) {
		const struct dev_rproc *r = &snap->rproc[i];

		if (!r->firmware[0])
			continue;
		diag_file_lookup(&fs, r->firmware, &keys, &files[i]);
		if (!files[i].found)
			problem(pb, "%s (%s): firmware `%s' is not in the firmware search path", r->sysname,
				r->name, r->firmware);
		else if (files[i].analyzed && !strcmp(r->fw_format, "TEE") &&
			 files[i].res.sum.format != RPROC_DIAG_FMT_F3)
			problem(pb, "%s (%s): fw_format is TEE but `%s' is %s, not an F3 signed image",
				r->sysname, r->name, files[i].path,
				rpi_format_desc(files[i].res.sum.format));
		else if (files[i].analyzed && !strcmp(r->fw_format, "ELF") &&
			 files[i].res.sum.format != RPROC_DIAG_FMT_ELF)
			problem(pb, "%s (%s): fw_format is ELF but `%s' is %s: Linux will reject it (bad magic)",
				r->sysname, r->name, files[i].path,
				rpi_format_desc(files[i].res.sum.format));
	}
	if (last) {
		results = calloc(DEV_MAX, sizeof(*results));
		for (unsigned int i = 0; results && i < snap->n_rproc; i++) {
			struct diag_dev dev;
			struct diag_input in;

			if (!last->have[i])
				continue;
			diag_dev_fill(&dev, snap, &last->rec[i]);
			in.rec = &last->rec[i];
			in.file = files[i].looked ? &files[i] : NULL;
			in.dev = &dev;
			diag_run(&in, &results[i]);
			if (results[i].failed)
				problem(pb, "%s (%s): the last boot attempt (#%llu) failed: %s: %s",
					snap->rproc[i].sysname, snap->rproc[i].name,
					(unsigned long long)last->rec[i].seq, results[i].cause,
					results[i].title);
		}
	}
	if (!ret && pb->n)
		ret = 1;

	if (prom) {
		rc = calloc(1, sizeof(*rc));
		if (!rc) {
			fprintf(stderr, "%s status: out of memory\n", prog);
			ret = 70;
			goto out;
		}
		rc->snap = snap;
		rc->fs = &fs;
		rc->keys = &keys;
		if (module_ok && rd_nl_open(&nl, false) == 0) {
			if (rd_nl_dump(&nl, 0, count_cb, rc) < 0)
				fprintf(stderr, "%s status: cannot read the module's ring: %s\n", prog, nl.err);
			rd_nl_close(&nl);
		}
		print_prometheus(stdout, module_ok, st, snap, rc, last, results, pb->n);
		goto out;
	}

	{
		struct status_view v = { module_ok, st, nl.err, snap, files, last, results, pb };
		struct json j;
		struct rep r;

		json_init(&j, stdout);
		rep_init(&r, json ? &j : NULL, stdout);
		status_report(&r, &v);
		if (json)
			json_end(&j);
	}
out:
	free(st);
	free(snap);
	free(files);
	free(pb);
	free(last);
	free(results);
	free(rc);
	optee_keys_free(&keys);
	return ret;
}
