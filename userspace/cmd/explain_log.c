// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc-diag explain --log FILE|-|TEXT: a pasted kernel log explained.
 * Every attempt the kernel-log reader finds (diagnosis/kernel_log.c) goes
 * through the diagnosis `watch` runs on the module's records
 * (diagnosis/from_log.c makes the record), with the firmware file when
 * --firmware names it, and comes out in watch's text or JSON form, with
 * the log lines it rests on and the kernel's reason for its errno.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/commands.h"
#include "cmd/explain.h"
#include "common/json.h"
#include "common/report.h"
#include "diagnosis/from_log.h"
#include "diagnosis/inputs.h"
#include "diagnosis/kernel_log.h"
#include "diagnosis/report.h"
#include "rproc_tee.h"

struct one {
	const struct explain_log_opts *o;
	const struct klog *k;
	const struct klog_attempt *a;
	const struct diag_result *res;
	char cannot_tell[DIAG_TEXT];
};

/* What the log alone cannot decide, and the command that decides it. */
static void cannot_tell(struct one *x)
{
	const struct klog_attempt *a = x->a;
	const char *causes[16];
	unsigned int n;
	size_t o = 0;

	x->cannot_tell[0] = 0;
	if (x->o->firmware || !a->n_cmds || !a->cmds[0].tee)
		return;
	n = klog_candidate_causes(a->cmds[0].func, a->cmds[0].tee, causes, 16);
	if (n < 2)
		return;
	o += (size_t)snprintf(x->cannot_tell, sizeof(x->cannot_tell),
			      "The TA's result says 0x%08x (%s) at %s, which %u causes share; with the "
			      "image, rproc-diag tells them apart (",
			      a->cmds[0].tee, rpi_tee_code_name(a->cmds[0].tee),
			      rpi_ta_cmd_name(a->cmds[0].func), n);
	for (unsigned int i = 0; i < n && o < sizeof(x->cannot_tell); i++)
		o += (size_t)snprintf(x->cannot_tell + o, sizeof(x->cannot_tell) - o, "%s%s",
				      i ? ", " : "", causes[i]);
	if (o < sizeof(x->cannot_tell))
		snprintf(x->cannot_tell + o, sizeof(x->cannot_tell) - o,
			 "): run `%s explain --log %s --firmware %s%s`", prog,
			 x->o->log_is_text ? "LOG" : x->o->log,
			 a->fw_path[0] ? a->fw_path : a->firmware[0] ? a->firmware : "IMAGE",
			 x->o->ta_key ? "" : " --ta-key KEY.pem");
}

/* A paragraph (text only), indented by 2, wrapped before 100 columns. */
static void wrap(struct rep *r, const char *s)
{
	int col = 2;

	rep_text(r, "  ");
	while (*s) {
		size_t w = strcspn(s, " ");

		if (col > 2 && col + (int)w > 98) {
			rep_text(r, "\n  ");
			col = 2;
		} else if (col > 2) {
			rep_text(r, " ");
			col++;
		}
		rep_text(r, "%.*s", (int)w, s);
		col += (int)w;
		s += w;
		while (*s == ' ')
			s++;
	}
	rep_text(r, "\n");
}

/* The "log" member of the attempt, and in text the lines and the errno's reason. */
static void log_report(struct rep *r, void *ctx)
{
	const struct one *x = ctx;
	const struct klog_attempt *a = x->a;
	const struct klog_errno_reason *why = a->has_err ? klog_errno_reason(a->stage, a->err) : NULL;

	rep_open(r, "log", '{', "  from the log:\n");
	rep_put(r, "first_line", rv_u64(x->k->lines[a->first_line].lineno), NULL);
	rep_put(r, "last_line", rv_u64(x->k->lines[a->last_line].lineno), NULL);
	rep_open(r, "lines", '[', NULL);
	for (unsigned int i = a->first_line; i <= a->last_line; i++) {
		const struct klog_line *l = &x->k->lines[i];

		if (!klog_line_in_attempt(x->k, a, i))
			continue;
		rep_open(r, NULL, '{', "    %5u  %s\n", l->lineno, l->text);
		rep_put(r, "line", rv_u64(l->lineno), NULL);
		rep_put(r, "message", rv_str(klog_msg_name(l->msg)), NULL);
		rep_put(r, "text", rv_str(l->text), NULL);
		rep_put(r, "source", rv_str(l->pat->file), NULL);
		rep_close(r, '}');
	}
	rep_close(r, ']');
	rep_put(r, "outcome", rv_str(a->outcome == KLOG_OUTCOME_OK ? "ok" :
				     a->outcome == KLOG_OUTCOME_FAILED ? "failed" :
				     a->outcome == KLOG_OUTCOME_DEFERRED ? "deferred" : "unknown"), NULL);
	if (a->has_err) {
		rep_put(r, "errno", rv_i64(a->err), NULL);
		rep_put(r, "errno_name", rv_str(klog_errno_name(a->err)), NULL);
	} else {
		rep_put(r, "errno", rv_null(), NULL);
		rep_put(r, "errno_name", rv_null(), NULL);
	}
	rep_put(r, "layer", rv_str(a->has_err ? klog_stage_name(a->stage) : NULL), NULL);
	rep_put(r, "kernel_reason", rv_str(why ? why->reason : NULL), NULL);
	rep_put(r, "kernel_source", rv_str(why ? why->source : NULL), NULL);
	rep_put(r, "cannot_tell", rv_str(x->cannot_tell[0] ? x->cannot_tell : NULL), NULL);
	rep_close(r, '}');
	if (rep_is_json(r))
		return;
	if (why) {
		char t[DIAG_TEXT];

		snprintf(t, sizeof(t), "%d (-%s) comes from %s: %s (%s)", a->err,
			 klog_errno_name(a->err), klog_stage_desc(a->stage), why->reason,
			 why->source);
		wrap(r, t);
	}
	if (a->outcome == KLOG_OUTCOME_UNKNOWN)
		wrap(r, "The excerpt ends before this attempt's outcome: paste the lines that follow.");
	if (x->cannot_tell[0])
		wrap(r, x->cannot_tell);
}

int explain_log(const struct explain_log_opts *o)
{
	static struct diag_file file;
	struct optee_keys keys;
	const char *opt = NULL;
	struct klog k;
	struct json j;
	char err[512], hdr[96];
	int ret, status = 0;
	FILE *f;

	if (o->log_is_text) {
		ret = klog_parse_buf(o->log, strlen(o->log), &k);
	} else {
		f = strcmp(o->log, "-") ? fopen(o->log, "r") : stdin;
		if (!f) {
			fprintf(stderr, "%s explain: cannot read the kernel log `%s': %s\n", prog, o->log,
				strerror(errno));
			return 2;
		}
		ret = klog_parse_file(f, &k);
		if (f != stdin)
			fclose(f);
	}
	if (ret) {
		fprintf(stderr, "%s explain: reading the kernel log failed: %s\n", prog, strerror(-ret));
		klog_free(&k);
		return 2;
	}
	if (!k.n_attempts) {
		fprintf(stderr,
			"%s explain: no line of the TEE remoteproc load path in the %u line(s) given%s; "
			"paste the dmesg or journalctl -k lines around \"Boot failed\" or \"invoke failed\"\n",
			prog, k.n_input, k.optee_seen ? " (only OP-TEE driver lines)" : "");
		klog_free(&k);
		return 2;
	}

	if (optee_keys_load(&keys, NULL, 0, o->ta_key, o->keyring, true, &opt, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s explain: %s: %s\n", prog, opt ? opt : "keys", err);
		klog_free(&k);
		return 2;
	}
	memset(&file, 0, sizeof(file));
	if (o->firmware) {
		struct stat st;

		if (stat(o->firmware, &st) < 0) {
			fprintf(stderr, "%s explain: --firmware `%s': %s\n", prog, o->firmware,
				strerror(errno));
			optee_keys_free(&keys);
			klog_free(&k);
			return 2;
		}
		file.looked = true;
		diag_file_analyze(o->firmware, &keys, &file);
		/* the board said: its BOOTADDR needs (none on the STM32MP15 M4) */
		if (o->soc)
			diag_file_replan(&file, o->soc);
	}

	if (o->json)
		json_init(&j, stdout);
	for (unsigned int i = 0; i < k.n_attempts; i++) {
		static struct diag_result res;
		struct rd_record rec;
		struct diag_input in;
		struct one x = { .o = o, .k = &k, .a = &k.attempts[i], .res = &res };
		struct report_opts ro = { .header = hdr };
		struct rep r;

		klog_to_record(x.a, &rec);
		in = (struct diag_input){ .rec = &rec, .file = o->firmware ? &file : NULL,
					  .log = x.a, .soc = o->soc };
		diag_run(&in, &res);
		cannot_tell(&x);
		if (res.failed)
			status = 1;
		snprintf(hdr, sizeof(hdr), "kernel log lines %u-%u:",
			 k.lines[x.a->first_line].lineno, k.lines[x.a->last_line].lineno);
		rep_init(&r, o->json ? &j : NULL, stdout);
		if (!o->json && i)
			putchar('\n');
		report_attempt_with(&r, &rec, in.file, NULL, &res, &ro, log_report, &x);
		if (o->json) {
			json_end(&j);
			if (i + 1 < k.n_attempts)
				json_init(&j, stdout);
		}
	}
	if (!o->json && k.truncated)
		printf("\n(the log holds more than rproc-diag keeps: the first %u lines of the path and "
		       "%u attempts were read)\n", KLOG_MAX_LINES, KLOG_MAX_ATTEMPTS);
	optee_keys_free(&keys);
	klog_free(&k);
	return status;
}
