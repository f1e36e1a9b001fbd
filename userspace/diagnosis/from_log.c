// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Kernel-log attempt -> attempt record (from_log.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diagnosis/from_log.h"
#include "diagnosis/kb.h"
#include "rproc_tee.h"

/* Names longer than the record holds are cut, as the module cuts them. */
static void copy_name(char *dst, const char *src)
{
	size_t n = strnlen(src, RPROC_DIAG_NAME_MAX - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

void klog_to_record(const struct klog_attempt *a, struct rd_record *rec)
{
	memset(rec, 0, sizeof(*rec));
	rec->kind = (uint32_t)a->kind;	/* same values as enum rproc_diag_kind */
	if (a->rproc_index >= 0) {
		rec->rproc_index = (uint32_t)a->rproc_index;
		rec->has_rproc_index = true;
	}
	copy_name(rec->rproc_name, a->rproc_name[0] ? a->rproc_name : a->platform_dev);
	copy_name(rec->fw_name, a->firmware);
	if (a->has_fw_size && a->fw_size >= 0) {
		rec->fw_size = (uint64_t)a->fw_size;
		rec->has_fw_size = true;
	}
	if (a->driver != KLOG_DRIVER_UNKNOWN) {
		rec->driver_api = a->driver == KLOG_DRIVER_UPSTREAM ? RPROC_DIAG_API_UPSTREAM :
				  RPROC_DIAG_API_ST;
		rec->has_driver_api = true;
	}

	if (a->kind == KLOG_KIND_PROBE) {
		/* the register record: boot_ret holds the register call's errno */
		if (a->has_err || a->outcome == KLOG_OUTCOME_OK) {
			rec->boot_ret = a->outcome == KLOG_OUTCOME_OK ? 0 : a->err;
			rec->has_boot_ret = true;
			rec->flags |= RPROC_DIAG_F_BOOT_RET_VALID;
		}
		if (a->session_failed) {
			rec->has_session = true;
			rec->session.ret = a->session_tee;
			rec->session.has_ret = true;
		} else if (a->outcome == KLOG_OUTCOME_OK) {
			rec->has_session = true;
			rec->session.has_ret = true;
		}
		return;
	}

	if (a->has_boot_ret) {
		rec->boot_ret = a->boot_ret;
		rec->has_boot_ret = true;
	} else if (a->has_fw_err && a->stage == KLOG_STAGE_FIRMWARE) {
		/* rproc_boot() returns request_firmware()'s error as it is */
		rec->boot_ret = a->fw_err;
		rec->has_boot_ret = true;
	}
	if (rec->has_boot_ret)
		rec->flags |= RPROC_DIAG_F_BOOT_RET_VALID;

	if (a->kind == KLOG_KIND_BOOT && a->n_cmds && a->cmds[0].func != RPROC_DIAG_TA_LOAD_FW &&
	    a->cmds[0].func != RPROC_DIAG_TA_RELEASE_FW) {
		struct rd_ta_cmd *c = &rec->cmds[rec->n_cmds++];

		c->func = RPROC_DIAG_TA_LOAD_FW;
		c->has_ret = true;	/* it succeeded: nothing was printed for it */
	}
	for (unsigned int i = 0; i < a->n_cmds && rec->n_cmds < RPROC_DIAG_MAX_TA_CMDS; i++) {
		struct rd_ta_cmd *c = &rec->cmds[rec->n_cmds++];

		c->func = a->cmds[i].func;
		c->ret = a->cmds[i].tee;
		c->has_ret = true;
		c->err = a->cmds[i].ret;
		c->has_errno = true;
		if (c->func == RPROC_DIAG_TA_LOAD_FW && c->ret)
			rec->flags |= RPROC_DIAG_F_LOAD_FAILED;
	}
}

unsigned int klog_candidate_causes(uint32_t cmd, uint32_t code, const char **out,
				   unsigned int max)
{
	unsigned int n = 0;

	for (size_t i = 0; i < kb_nrules && n < max; i++) {
		const struct kb_rule *r = &kb_rules[i];
		const char *name = diag_cause_name(r->cause);
		bool at = r->at == AT_TA_CMD || (r->at == AT_LOAD && cmd == RPROC_DIAG_TA_LOAD_FW) ||
			  (r->at == AT_START && cmd == RPROC_DIAG_TA_START_FW);
		bool dup = false;

		/*
		 * Rows that match any code and need an image fact (wrong
		 * generation, truncated, appended, unsigned, damaged header) are
		 * the header and size checks, which answer BAD_PARAMETERS on the
		 * F3 TAs (../shared/notes/optee-rproc-image-format.md §3.4).
		 */
		const diag_fact_set layout = FACT(F_WRONG_GENERATION) | FACT(F_TRUNCATED) |
					     FACT(F_APPENDED) | FACT(F_NOT_SIGNED) |
					     FACT(F_BAD_MAGIC) | FACT(F_BAD_VERSION) |
					     FACT(F_DAMAGED) | FACT(F_HEADER_OVERFLOW);
		bool header_row = !r->code && r->at == AT_LOAD && code == TEE_ERROR_BAD_PARAMETERS &&
				  ((r->need | r->need_any) & layout);

		if (!at || (r->code != code && !header_row) || !name)
			continue;
		for (unsigned int k = 0; k < n; k++)
			dup |= !strcmp(out[k], name);
		if (!dup)
			out[n++] = name;
	}
	return n;
}
