// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * tests/dist/journal_emit: diagnose three recorded attempts (a boot, a
 * truncated image refused at LOAD_FW, a missing BOOTADDR refused at
 * START_FW: records as the module sends them, the same shapes as
 * tests/unit/test_diag.c) and send each through journal_attempt(), the
 * function `rproc-diag watch` calls.  Prints "CAUSE PRIORITY" per entry.
 *   journal_emit send        send the three entries
 *   journal_emit stream      exit 0 if journal_is_stdout() (JOURNAL_STREAM)
 */
#include <stdio.h>
#include <string.h>

#include "diagnosis/diagnosis.h"
#include "diagnosis/journal.h"
#include "rproc_tee.h"

const char *prog = "journal_emit";

static void boot(struct rd_record *r, uint64_t seq, int32_t ret)
{
	memset(r, 0, sizeof(*r));
	r->seq = seq;
	r->has_seq = true;
	r->kind = RPROC_DIAG_KIND_BOOT;
	r->has_rproc_index = true;
	strcpy(r->rproc_name, "m33");
	strcpy(r->fw_name, "rproc-m33-fw.sig");
	r->has_boot_ret = true;
	r->boot_ret = ret;
	r->flags = RPROC_DIAG_F_BOOT_RET_VALID;
}

static void cmd(struct rd_record *r, uint32_t func, uint32_t ret)
{
	struct rd_ta_cmd *c = &r->cmds[r->n_cmds++];

	memset(c, 0, sizeof(*c));
	c->func = func;
	c->ret = ret;
	c->origin = TEE_ORIGIN_TRUSTED_APP;
	c->has_ret = c->has_origin = c->has_errno = true;
}

static void f3(struct diag_file *f, uint64_t size)
{
	memset(f, 0, sizeof(*f));
	f->looked = f->found = f->analyzed = true;
	strcpy(f->path, "/lib/firmware/rproc-m33-fw.sig");
	f->size = size;
	f->res.sum.format = RPROC_DIAG_FMT_F3;
	f->res.sum.magic = RPI_MAGIC;
	f->res.sum.file_size = size;
	f->res.sum.expected_size = size;
	f->res.sum.flags = RPI_S_HAS_EXPECTED | RPI_S_HAS_SIGN_TYPE;
	f->res.sum.sign_type = 1;
	f->res.sum.sign_len = 256;
	f->res.sum.tlv_len = 0x118;
	f->res.n_segments = 3;
	f->res.n_hash_checked = 2;
	f->res.sig_len = 256;
}

static int send(const struct rd_record *r, const struct diag_file *f, const struct diag_dev *d)
{
	static struct diag_result res;
	struct diag_input in = { .rec = r, .file = f, .dev = d };
	int ret;

	diag_run(&in, &res);
	ret = journal_attempt(r, f, &res);
	printf("%s %d\n", res.cause, journal_priority(&res));
	if (ret < 0)
		fprintf(stderr, "%s: journal_attempt: %s\n", prog, strerror(-ret));
	return ret;
}

int main(int argc, char **argv)
{
	static struct rd_record r;
	static struct diag_file f;
	struct diag_dev d = { .known = true, .tee_present = true, .ta_present = true,
			      .rproc_found = true, .state = "offline", .fw_format = "TEE" };

	if (argc == 2 && !strcmp(argv[1], "stream"))
		return journal_is_stdout() ? 0 : 1;
	if (argc != 2 || strcmp(argv[1], "send"))
		return 64;
	if (!journal_available()) {
		fprintf(stderr, "%s: built without libsystemd\n", prog);
		return 69;
	}
	boot(&r, 41, 0);
	cmd(&r, RPROC_DIAG_TA_LOAD_FW, 0);
	cmd(&r, RPROC_DIAG_TA_START_FW, 0);
	f3(&f, 1828);
	if (send(&r, &f, &d))
		return 1;

	boot(&r, 42, -5);
	cmd(&r, RPROC_DIAG_TA_LOAD_FW, TEE_ERROR_BAD_PARAMETERS);
	r.has_fw_size = true;
	r.fw_size = 42036;
	r.has_image = true;
	r.image.has_format = true;
	r.image.format = RPROC_DIAG_FMT_F3;
	r.image.has_expected_size = true;
	r.image.expected_size = 42044;
	if (send(&r, NULL, &d))
		return 1;

	boot(&r, 43, -5);
	cmd(&r, RPROC_DIAG_TA_LOAD_FW, 0);
	cmd(&r, RPROC_DIAG_TA_GET_RSC_TABLE, 0);
	cmd(&r, RPROC_DIAG_TA_START_FW, TEE_ERROR_GENERIC);
	f3(&f, 1828);
	f.findings[0].code = RPROC_DIAG_FND_MISSING_BOOTADDR;
	f.n_findings = 1;
	return send(&r, &f, &d) ? 1 : 0;
}
