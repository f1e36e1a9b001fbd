// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Diagnosis engine: facts (facts.c) -> the first knowledge-base row that
 * matches (kb.c) -> cause, explanation and remediation (text.c), after a
 * first sentence that names the TEE result, who returned it and for which
 * command, and with what the image library predicts for the file.
 */
#include <stdio.h>
#include <string.h>

#include "diagnosis/kb.h"
#include "diagnosis/text.h"
#include "rproc_tee.h"

static void predict(const struct diag_facts *c, struct diag_result *out, struct buf *b)
{
	const struct diag_file *f = c->in->file;
	const struct rd_record *r = c->in->rec;
	uint32_t ta, sig = RPI_SIG_UNKNOWN;
	struct rpi_verdict *v = &out->prediction;

	if (!f || !f->analyzed || c->image_changed)
		return;
	if ((c->failure != FAILED_TA_CMD ||
	     (c->cmd != RPROC_DIAG_TA_LOAD_FW && c->cmd != RPROC_DIAG_TA_START_FW)) &&
	    !(c->set & FACT(F_BOOT_OK)))
		return;
	if (r->kind != RPROC_DIAG_KIND_BOOT)
		return;
	ta = r->has_driver_api && r->driver_api == RPROC_DIAG_API_ST ? RPI_TA_ST400 : RPI_TA_UPSTREAM;
	if (r->has_driver_api && r->driver_api == RPROC_DIAG_API_ST &&
	    f->res.sum.format == RPROC_DIAG_FMT_F1 && (c->set & FACT(F_BOOT_OK)))
		ta = RPI_TA_ST_LEGACY;	/* an F1 image booted: the legacy TA */
	if (f->sig.ta_key_given)
		sig = f->sig.ta_key_verifies ? RPI_SIG_VALID : RPI_SIG_INVALID;
	rpi_predict(&f->res, ta, sig, v);
	out->has_prediction = true;
	out->prediction_agrees = c->has_code ? v->result == c->code : v->result == 0;
	if (!c->has_code || c->failure == FAILED_SESSION)
		return;
	if (c->code == TEE_ERROR_BAD_STATE && v->result && v->result != c->code)
		bprintf(b, " This file also fails on its own: the %s returns 0x%08x (%s) at %s because %s. That earlier failure is what left the TA in its state: fix it first.",
			rpi_ta_name(ta), v->result, rpi_tee_code_name(v->result),
			rpi_ta_cmd_name(v->cmd), v->reason);
	else if (v->result == c->code)
		bprintf(b, " The offline analysis of %s agrees: the %s returns 0x%08x at %s because %s.",
			f->path, rpi_ta_name(ta), v->result, rpi_ta_cmd_name(v->cmd), v->reason);
	else if (v->result && !v->uncertain)
		bprintf(b, " Offline, the %s would return 0x%08x (%s) at %s for %s: %s; the board answered differently, so its OP-TEE is another generation or it loaded other bytes than this file.",
			rpi_ta_name(ta), v->result, rpi_tee_code_name(v->result),
			rpi_ta_cmd_name(v->cmd), f->path, v->reason);
}

/* Row @i's texts for these facts into @out. */
static void render(unsigned int i, const struct diag_facts *c, struct diag_result *out)
{
	const struct kb_rule *row = &kb_rules[i];
	const struct rd_record *r = c->in->rec;
	struct buf b;

	out->rule = (int)i;
	out->cause = diag_cause_name(row->cause);
	out->title = row->title;
	out->failed = !(c->set & FACT(F_BOOT_OK));
	out->cmd_index = rd_first_failed_cmd(r);
	if (out->cmd_index >= 0) {
		const struct rd_ta_cmd *tc = &r->cmds[out->cmd_index];

		out->ta_command = rd_ta_cmd_name(tc->func);
		out->has_ta_result = tc->has_ret;
		out->ta_result = tc->ret;
		out->ta_origin = tc->origin;
		out->has_ta_origin = tc->has_origin;
	}

	buf_init(&b, out->explanation, sizeof(out->explanation));
	if (c->has_code) {
		const char *who = c->failure == FAILED_SESSION ? "the session open" :
				  rd_ta_cmd_name(c->cmd);

		bprintf(&b, "0x%08x is %s returned by %s for %s. ", c->code,
			rpi_tee_code_name(c->code), diag_origin_text(c->origin),
			who ? who : "a TA command");
	}
	diag_expand(&b, row->explain, c);
	predict(c, out, &b);

	for (unsigned int s = 0; s < DIAG_MAX_STEPS && row->steps[s]; s++) {
		buf_init(&b, out->steps[s], sizeof(out->steps[s]));
		diag_expand(&b, row->steps[s], c);
		out->n_steps = s + 1;
	}
}

void diag_run(const struct diag_input *in, struct diag_result *out)
{
	struct diag_facts c;
	unsigned int i;

	memset(out, 0, sizeof(*out));
	diag_facts_derive(in, &c);
	for (i = 0; i < kb_nrules; i++)
		if (kb_rule_matches(&kb_rules[i], &c))
			break;
	if (i == kb_nrules)	/* cannot happen: the last row matches all */
		i = kb_nrules - 1;
	render(i, &c, out);
}

void diag_run_rule(unsigned int rule, const struct diag_input *in, struct diag_result *out)
{
	struct diag_facts c;

	memset(out, 0, sizeof(*out));
	diag_facts_derive(in, &c);
	render(rule < kb_nrules ? rule : (unsigned int)kb_nrules - 1, &c, out);
}

unsigned int diag_kb_size(void)
{
	return (unsigned int)kb_nrules;
}

const char *diag_kb_cause(unsigned int i)
{
	return i < kb_nrules ? diag_cause_name(kb_rules[i].cause) : NULL;
}

const char *const *diag_cause_ids(void)
{
	static const char *ids[CAUSE_COUNT + 1];

	for (unsigned int i = 0; i < CAUSE_COUNT; i++)
		ids[i] = diag_cause_name((enum diag_cause)i);
	ids[CAUSE_COUNT] = NULL;
	return ids;
}
