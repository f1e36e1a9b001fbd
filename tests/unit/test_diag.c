// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Diagnosis engine (userspace/diagnosis/engine.c) on recorded attempt records: every
 * cause identifier of the knowledge base is produced by at least one case
 * here (checked against diag_cause_ids()), every (TA command, TEE result)
 * pair of the shared TA cause table (kmod/lib/rproc_tee.c, notes §3) maps
 * to a real cause, and explanations quote the facts they rest on.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

#include "diagnosis/diagnosis.h"
#include "diagnosis/from_log.h"
#include "diagnosis/kernel_log.h"
#include "diagnosis/inputs.h"
#include "common/json.h"
#include "common/report.h"
#include "diagnosis/report.h"
#include "rproc_tee.h"

struct tcase {
	const char *name;
	const char *cause;
	const char *must;	/* substring of the explanation, or NULL */
	void (*setup)(struct rd_record *r, struct diag_file *f, struct diag_dev *d);
};

static void boot(struct rd_record *r, int32_t ret)
{
	r->seq = 10;
	r->has_seq = true;
	r->kind = RPROC_DIAG_KIND_BOOT;
	r->has_rproc_index = true;
	r->rproc_index = 0;
	strcpy(r->rproc_name, "m33");
	strcpy(r->fw_name, "rproc-m33-fw.sig");
	r->has_boot_ret = true;
	r->boot_ret = ret;
	r->flags = RPROC_DIAG_F_BOOT_RET_VALID;
}

static void cmd(struct rd_record *r, uint32_t func, uint32_t ret, uint32_t origin)
{
	struct rd_ta_cmd *c = &r->cmds[r->n_cmds++];

	memset(c, 0, sizeof(*c));
	c->func = func;
	c->ret = ret;
	c->origin = origin;
	c->has_ret = c->has_origin = c->has_errno = true;
}

static void fail_load(struct rd_record *r, uint32_t ret)
{
	boot(r, -5);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, ret, 4);
}

static void f3(struct diag_file *f, uint64_t size, uint64_t expected)
{
	f->looked = f->found = f->analyzed = true;
	strcpy(f->path, "/lib/firmware/rproc-m33-fw.sig");
	f->size = size;
	f->res.sum.format = RPROC_DIAG_FMT_F3;
	f->res.sum.magic = RPI_MAGIC;
	f->res.sum.file_size = size;
	f->res.sum.expected_size = expected;
	f->res.sum.flags = RPI_S_HAS_EXPECTED | RPI_S_HAS_SIGN_TYPE;
	f->res.sum.sign_type = 1;
	f->res.sum.sign_len = 256;
	f->res.sum.tlv_len = 0x118;
	f->res.n_segments = 3;
	f->res.n_hash_checked = 2;
	f->res.sig_len = 256;
}

static void fnd(struct diag_file *f, uint32_t code, uint32_t index, uint32_t addr, int64_t value)
{
	struct rpi_finding *x = &f->findings[f->n_findings++];

	memset(x, 0, sizeof(*x));
	x->code = code;
	x->index = index;
	x->addr = addr;
	x->value = value;
}

static void dev_ok(struct diag_dev *d)
{
	d->known = d->tee_present = d->ta_present = d->rproc_found = true;
	strcpy(d->state, "offline");
	strcpy(d->fw_format, "TEE");
}

/* ---- cases ---- */

static void c_ok(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, 0);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0, 4);
	cmd(r, RPROC_DIAG_TA_START_FW, 0, 4);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_stopped(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, 0);
	r->kind = RPROC_DIAG_KIND_SHUTDOWN;
	cmd(r, RPROC_DIAG_TA_STOP_FW, 0, 4);
	(void)f;
	(void)d;
}

static void c_registered(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, 0);
	r->kind = RPROC_DIAG_KIND_REGISTER;
	r->has_session = true;
	r->session.has_ret = true;
	(void)f;
	dev_ok(d);
}

static void c_truncated(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	r->has_fw_size = true;
	r->fw_size = 42036;
	r->has_image = true;
	r->image.has_format = true;
	r->image.format = RPROC_DIAG_FMT_F3;
	r->image.has_expected_size = true;
	r->image.expected_size = 42044;
	dev_ok(d);
	(void)f;
}

static void c_appended(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	f3(f, 1832, 1828);
	fnd(f, RPROC_DIAG_FND_APPENDED, 0, 0, 4);
	dev_ok(d);
}

static void c_wrong_gen(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	f3(f, 1776, 1776);
	f->res.sum.format = RPROC_DIAG_FMT_F1;
	dev_ok(d);
}

static void c_wrong_gen_kernel_finding(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	r->has_analysis = true;
	r->n_findings = 1;
	r->findings[0].code = RPROC_DIAG_FND_WRONG_GENERATION;
	r->findings[0].index = RPROC_DIAG_FMT_F2;
	(void)f;
	(void)d;
}

static void c_sig_key(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff3072);
	f3(f, 1828, 1828);
	f->sig.signer_known = true;
	strcpy(f->sig.signer_name, "optee-default-rsa2048");
	strcpy(f->sig.signer_desc, "OP-TEE keys/default.pem");
	strcpy(f->sig.signer_fpr, "3a21983aeeda3a503f4d3de2ff6fedbaa8b4389ab6ef7261cbdb1de85434fcc3");
	f->sig.signer_bits = 2048;
	dev_ok(d);
}

static void c_sig_key_takey(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	c_sig_key(r, f, d);
	f->sig.ta_key_given = true;
	strcpy(f->sig.ta_key_name, "/etc/optee/rproc.pem");
	strcpy(f->sig.ta_key_fpr, "0011223344556677889900112233445566778899001122334455667788990011");
	f->sig.ta_key_bits = 2048;
	f->sig.ta_key_verifies = false;
}

static void c_key_size(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	c_sig_key_takey(r, f, d);
	strcpy(f->sig.ta_key_name, "optee-default-rsa4096");
	f->sig.ta_key_bits = 4096;
}

static void c_seg_hash(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000f);
	f3(f, 1828, 1828);
	f->res.n_hash_bad = 1;
	fnd(f, RPROC_DIAG_FND_SEGMENT_HASH, 1, 0x80100000, 0);
	dev_ok(d);
}

static void c_seg_hash_kernel_only(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000f);
	(void)f;
	(void)d;
}

static void c_missing_signtype(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	f3(f, 1820, 1820);
	fnd(f, RPROC_DIAG_FND_MISSING_TLV, 0, RPI_TLV_SIGNTYPE, 0);
	dev_ok(d);
}

static void c_missing_hashtable(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000b);
	f3(f, 1620, 1620);
	fnd(f, RPROC_DIAG_FND_MISSING_TLV, 0, RPI_TLV_HASHTABLE, 0);
	dev_ok(d);
}

static void c_missing_bootaddr(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -5);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0, 4);
	cmd(r, RPROC_DIAG_TA_GET_RSC_TABLE, 0, 4);
	cmd(r, RPROC_DIAG_TA_START_FW, 0xffff0000, 4);
	f3(f, 1828, 1828);
	fnd(f, RPROC_DIAG_FND_MISSING_BOOTADDR, 0, 0, 0);
	dev_ok(d);
}

static void c_invalid_bootaddr(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	c_missing_bootaddr(r, f, d);
	f->n_findings = 0;
	f->res.sum.flags |= RPI_S_HAS_BOOTADDR;
	f->res.sum.bootaddr = 0x0a061000;
}

static void c_dup_bootaddr(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0000);
	f3(f, 3324, 3324);
	f->res.sum.flags |= RPI_S_HAS_BOOTADDR;
	dev_ok(d);
}

static void c_ecdsa(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000a);
	f3(f, 1740, 1740);
	f->res.sum.sign_type = RPI_SIGN_ECDSA_P256_SHA256;
	dev_ok(d);
}

static void c_unsupported_sign(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000a);
	f3(f, 1828, 1828);
	f->res.sum.sign_type = 7;
	fnd(f, RPROC_DIAG_FND_UNSUPPORTED_SIGN, 0, 7, 0);
	dev_ok(d);
}

static void c_enc_unsupported(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000a);
	f3(f, 1924, 1924);
	f->res.sum.flags |= RPI_S_HAS_ENC_TYPE;
	dev_ok(d);
}

static void c_enc_key(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000f);
	f3(f, 1924, 1924);
	f->res.sum.flags |= RPI_S_HAS_ENC_TYPE;
	dev_ok(d);
}

static void c_otp(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000f);
	f3(f, 2148, 2148);
	f->res.sum.flags |= RPI_S_HAS_PKEY;
	dev_ok(d);
}

static void c_rproc_id(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000a);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_ta_not_present_defer(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	memset(r, 0, sizeof(*r));
	r->seq = 1;
	r->has_seq = true;
	r->kind = RPROC_DIAG_KIND_REGISTER;
	strcpy(r->rproc_name, "m33");
	r->has_boot_ret = true;
	r->boot_ret = -517;
	d->known = d->tee_present = true;
	d->ta_present = false;
	(void)f;
}

static void c_ta_not_present_dev(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -22);
	d->known = d->tee_present = true;
	(void)f;
}

static void c_ta_not_found_session(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -22);
	r->kind = RPROC_DIAG_KIND_REGISTER;
	r->has_session = true;
	r->session.has_ret = r->session.has_origin = true;
	r->session.ret = 0xffff0008;
	r->session.origin = 3;
	(void)f;
	(void)d;
}

static void c_session_dt(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -22);
	r->kind = RPROC_DIAG_KIND_REGISTER;
	r->has_session = true;
	r->session.has_ret = r->session.has_origin = true;
	r->session.ret = 0xffff000a;
	r->session.origin = 4;
	dev_ok(d);
	(void)f;
}

static void c_session_params(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	c_session_dt(r, f, d);
	r->session.ret = 0xffff0006;
}

static void c_session_other(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	c_session_dt(r, f, d);
	r->session.ret = 0xffff0001;
}

static void c_bad_state(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0007);
	f3(f, 1828, 1828);
	dev_ok(d);
	strcpy(d->state, "crashed");
}

static void c_seg_outside(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0001);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_unsigned(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	f3(f, 1272, 0);
	f->res.sum.format = RPROC_DIAG_FMT_ELF;
	f->res.sum.flags = 0;
	f->res.sum.magic = 0x464c457f;
	dev_ok(d);
}

static void c_corrupt_header(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	f3(f, 1828, 1828);
	f->res.sum.format = RPROC_DIAG_FMT_UNKNOWN;
	f->res.sum.flags = 0;
	fnd(f, RPROC_DIAG_FND_BAD_MAGIC, 0, 0, 0);
	dev_ok(d);
}

static void c_corrupt_header_generic(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	(void)f;
	(void)d;
}

static void c_bad_tlv_len(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	f3(f, 1828, 1828);
	fnd(f, RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_HASHTABLE, 100);
	dev_ok(d);
}

static void c_plat_tlv_len(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xf0100001);
	f3(f, 2148, 2148);
	fnd(f, RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_ST_BOOTADDR, 10);
	dev_ok(d);
}

static void c_seg_table(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	f3(f, 1828, 1828);
	fnd(f, RPROC_DIAG_FND_SEGMENT_NOT_LOAD, 2, 0x80000050, 0);
	dev_ok(d);
}

static void c_ta_iface(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0006);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_plat_tlv(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0009);
	f3(f, 1836, 1836);
	fnd(f, RPROC_DIAG_FND_PLAT_TLV, 0, 0x10005, 0);
	dev_ok(d);
}

static void c_caps(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0009);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_coredump(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, 0);
	cmd(r, RPROC_DIAG_TA_GET_COREDUMP, 0xffff0009, 4);
	(void)f;
	(void)d;
}

static void c_seg_no_entry(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000b);
	f3(f, 1828, 1828);
	fnd(f, RPROC_DIAG_FND_SEGMENT_NO_ENTRY, 1, 0x80100000, 0);
	dev_ok(d);
}

static void c_bad_elf(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0005);
	f3(f, 1828, 1828);
	fnd(f, RPROC_DIAG_FND_BAD_ELF, 0, 0, 2);
	dev_ok(d);
}

static void c_bad_key_info(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0005);
	f3(f, 2148, 2148);
	f->res.sum.flags |= RPI_S_HAS_PKEY;
	dev_ok(d);
}

static void c_bad_image_type(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0005);
	f3(f, 1828, 1828);
	fnd(f, RPROC_DIAG_FND_BAD_TLV_LEN, 0, RPI_TLV_NUM_IMG, 2);
	dev_ok(d);
}

static void c_rsc_table(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0005);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_double_load(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -5);
	r->has_driver_api = true;
	r->driver_api = RPROC_DIAG_API_UPSTREAM;
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0, 4);
	cmd(r, RPROC_DIAG_TA_GET_RSC_TABLE, 0, 4);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0xffff0007, 4);
	cmd(r, RPROC_DIAG_TA_RELEASE_FW, 0xffff0006, 4);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_rsc_kernel_finding(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0005);
	r->has_analysis = true;
	r->n_findings = 1;
	r->findings[0].code = RPROC_DIAG_FND_BAD_ELF;
	r->findings[0].value = RPI_ELF_ERR_RSC_VERSION;	/* recognised by this code */
	r->findings[0].has_value = true;
	strcpy(r->findings[0].text, "image 0 is not a valid ELF32: .resource_table version is not 1");
	(void)f;
	dev_ok(d);
}

static void c_oom(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff000c);
	f3(f, 9000, 9000);
	dev_ok(d);
}

static void c_map(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	fail_load(r, 0xffff0000);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_comm(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -5);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0xffff000e, 2);
	(void)f;
	(void)d;
}

static void c_errno_only(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -22);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0, 0);
	r->cmds[0].err = -22;
	(void)f;
	(void)d;
}

static void c_bad_params_start(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -5);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0, 4);
	cmd(r, RPROC_DIAG_TA_START_FW, 0xffff0006, 4);
	(void)f;
	(void)d;
}

static void c_elf_mode(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -22);
	f3(f, 1828, 1828);
	dev_ok(d);
	strcpy(d->fw_format, "ELF");
}

/* The kernel-log attempt a case runs with (explain --log), else NULL. */
static const struct klog_attempt *case_log;

/* A firmware file of 0 bytes: the kernel refuses it before the TEE sees it. */
static void c_fw_empty(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -22);
	f->looked = f->found = true;
	strcpy(f->path, "/lib/firmware/rproc-m33-fw.sig");
	f->size = 0;
	dev_ok(d);
}

/* explain --log: an attempt the kernel log ends with ERR at STAGE. */
static void log_case(struct rd_record *r, int32_t err, enum klog_stage stage, bool rsc_map)
{
	static struct klog_attempt a;

	memset(&a, 0, sizeof(a));
	a.kind = KLOG_KIND_BOOT;
	a.outcome = KLOG_OUTCOME_FAILED;
	a.rproc_index = 0;
	a.has_err = true;
	a.err = err;
	a.stage = stage;
	a.rsc_map_failed = rsc_map;
	if (stage == KLOG_STAGE_FIRMWARE) {
		a.has_fw_err = true;
		a.fw_err = err;
		strcpy(a.fw_path, "/lib/firmware/rproc-m33-fw.sig");
	}
	klog_to_record(&a, r);
	r->has_boot_ret = true;
	r->boot_ret = err;
	case_log = &a;
}

static void c_log_empty(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	(void)f;
	(void)d;
	log_case(r, -22, KLOG_STAGE_FIRMWARE, false);
}

static void c_log_too_large(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	(void)f;
	(void)d;
	log_case(r, -27, KLOG_STAGE_FIRMWARE, false);
}

static void c_log_busy(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	(void)f;
	(void)d;
	log_case(r, -26, KLOG_STAGE_FIRMWARE, false);
}

static void c_log_rsc_map(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	(void)f;
	(void)d;
	log_case(r, -12, KLOG_STAGE_TEE, true);
}

static void c_log_elf_mode(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	(void)f;
	(void)d;
	log_case(r, -22, KLOG_STAGE_ELF, false);
}

static void c_not_found(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -2);
	f->looked = true;
	f->err = ENOENT;
	dev_ok(d);
}

/* No TEE at all: the register call is deferred for ever. */
static void c_tee_not_present(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -517);
	r->kind = RPROC_DIAG_KIND_REGISTER;
	(void)f;
	d->known = d->rproc_found = true;
	strcpy(d->state, "offline");
}

/* The key the TEE trusts verifies the file, the TEE said SIGNATURE_INVALID. */
static void c_loaded_image_differs(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	c_sig_key(r, f, d);
	f->sig.ta_key_given = true;
	strcpy(f->sig.ta_key_name, "optee-default-rsa2048");
	strcpy(f->sig.ta_key_fpr, f->sig.signer_fpr);
	f->sig.ta_key_bits = 2048;
	f->sig.ta_key_verifies = true;
}

static void c_linux_side(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -12);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0, 4);
	f3(f, 1828, 1828);
	dev_ok(d);
}

static void c_unknown(struct rd_record *r, struct diag_file *f, struct diag_dev *d)
{
	boot(r, -5);
	cmd(r, RPROC_DIAG_TA_LOAD_FW, 0xffff3024, 4);	/* TARGET_DEAD: no rule */
	(void)f;
	(void)d;
}

static const struct tcase cases[] = {
	{ "ok", "ok", "booted firmware rproc-m33-fw.sig (1828 bytes)", c_ok },
	{ "stopped", "ok", "stopped cleanly", c_stopped },
	{ "registered", "ok", "registered m33", c_registered },
	{ "truncated (kernel facts)", "truncated-image",
	  "0xffff0006 is TEE_ERROR_BAD_PARAMETERS returned by the TA for LOAD_FW. This is not a signature failure. The file is 42036 bytes but its header describes 42044", c_truncated },
	{ "appended", "appended-bytes", "1832 bytes but its header describes 1828: 4 extra", c_appended },
	{ "F1 file", "wrong-format-generation", "F1", c_wrong_gen },
	{ "F2 from kernel finding", "wrong-format-generation", NULL, c_wrong_gen_kernel_finding },
	{ "default key", "signature-key-mismatch", "optee-default-rsa2048", c_sig_key },
	{ "default key vs --ta-key", "signature-key-mismatch", "signed with optee-default-rsa2048, the TEE expects /etc/optee/rproc.pem", c_sig_key_takey },
	{ "2048 vs 4096", "key-size-mismatch", "RSA-4096 but the signature is 2048 bits", c_key_size },
	{ "segment hash", "segment-hash-mismatch", "segment 1 (p_paddr 0x80100000)", c_seg_hash },
	{ "segment hash, no file", "segment-hash-mismatch", "0xffff000f is TEE_ERROR_SECURITY", c_seg_hash_kernel_only },
	{ "no SIGNTYPE", "missing-tlv", "SIGNTYPE", c_missing_signtype },
	{ "no HASHTABLE", "missing-tlv", "HASHTABLE", c_missing_hashtable },
	{ "no BOOTADDR", "missing-bootaddr", "START", c_missing_bootaddr },
	{ "bad BOOTADDR", "invalid-bootaddr", "0x0a061000", c_invalid_bootaddr },
	{ "BOOTADDR twice", "duplicate-bootaddr", NULL, c_dup_bootaddr },
	{ "ECDSA", "ecdsa-unsupported", "ECDSA P-256", c_ecdsa },
	{ "SIGNTYPE 7", "unsupported-signature-type", NULL, c_unsupported_sign },
	{ "encrypted, no support", "encryption-unsupported", NULL, c_enc_unsupported },
	{ "encrypted, no key", "encryption-key-missing", NULL, c_enc_key },
	{ "OTP key hash", "otp-key-mismatch", "oem_rproc_pkh", c_otp },
	{ "unknown rproc id", "rproc-id-unknown", NULL, c_rproc_id },
	{ "register deferred", "ta-not-present", "-EPROBE_DEFER", c_ta_not_present_defer },
	{ "TA absent on bus", "ta-not-present", "opteemin", c_ta_not_present_dev },
	{ "TA absent in OP-TEE", "ta-not-present", "0xffff0008", c_ta_not_found_session },
	{ "session DT mismatch", "tee-session-refused", "st,stm32mp2-m33-tee", c_session_dt },
	{ "session params", "tee-session-refused", "VALUE_INPUT", c_session_params },
	{ "session other", "tee-session-refused", "0xffff0001", c_session_other },
	{ "bad state", "bad-state-after-failure", "\"crashed\"", c_bad_state },
	{ "access denied", "segment-outside-memory", NULL, c_seg_outside },
	{ "plain ELF", "unsigned-image", "plain ELF", c_unsigned },
	{ "bad magic", "corrupt-header", "0x3543A468", c_corrupt_header },
	{ "BAD_PARAMETERS, no facts", "corrupt-header", "not from the signature", c_corrupt_header_generic },
	{ "HASHTABLE length", "bad-tlv-length", "HASHTABLE", c_bad_tlv_len },
	{ "BOOTADDR length", "bad-tlv-length", "BOOTADDR", c_plat_tlv_len },
	{ "EXIDX first", "segment-table-mismatch", "0x80000050", c_seg_table },
	{ "clean image, BAD_PARAMETERS", "ta-interface-mismatch", "2 segment hashes checked", c_ta_iface },
	{ "custom platform TLV", "unsupported-platform-tlv", "0x10005", c_plat_tlv },
	{ "capabilities", "tee-capabilities", NULL, c_caps },
	{ "coredump", "command-not-implemented", "GET_COREDUMP", c_coredump },
	{ "segment without entry", "segment-not-in-table", "0x80100000", c_seg_no_entry },
	{ "bad ELF", "bad-elf", NULL, c_bad_elf },
	{ "bad key info", "bad-key-info", NULL, c_bad_key_info },
	{ "NUM_IMG length", "bad-image-type", "NUM_IMG", c_bad_image_type },
	{ "resource table", "bad-resource-table", NULL, c_rsc_table },
	{ "resource table version (kernel finding)", "bad-resource-table", ".resource_table version is not 1", c_rsc_kernel_finding },
	{ "upstream driver loads twice on ST TA", "ta-interface-mismatch", "already succeeded", c_double_load },
	{ "TA heap", "ta-out-of-memory", "280-byte TLV area", c_oom },
	{ "map failed", "tee-map-failed", NULL, c_map },
	{ "communication", "tee-communication", "0xffff000e", c_comm },
	{ "errno only", "tee-communication", "-22 (-EINVAL)", c_errno_only },
	{ "START bad params", "bad-parameters", "START_FW", c_bad_params_start },
	{ "signed image, ELF mode", "signed-image-elf-mode", "fw_format = ELF", c_elf_mode },
	{ "firmware missing", "firmware-not-found", "rproc-m33-fw.sig", c_not_found },
	{ "firmware file of 0 bytes", "firmware-empty", "/lib/firmware/rproc-m33-fw.sig is 0 bytes long", c_fw_empty },
	{ "log: the loader's -EINVAL", "firmware-empty", "refused /lib/firmware/rproc-m33-fw.sig with -EINVAL", c_log_empty },
	{ "log: the loader's -EFBIG", "firmware-too-large", "-27 (-EFBIG): The file is larger than", c_log_too_large },
	{ "log: the loader's -ETXTBSY", "firmware-unreadable", "deny_write_access", c_log_busy },
	{ "log: resource table not mappable", "resource-table-unmappable", "ioremap_wc", c_log_rsc_map },
	{ "log: Linux's ELF loader", "signed-image-elf-mode", NULL, c_log_elf_mode },
	{ "no TEE", "tee-not-present", "/sys/class/tee is empty", c_tee_not_present },
	{ "TA key verifies, TEE refuses", "loaded-image-differs", "the TEE received differs from this file", c_loaded_image_differs },
	{ "Linux-side failure", "boot-failed-outside-tee", "-12 (-ENOMEM)", c_linux_side },
	{ "no rule", "unknown", NULL, c_unknown },
};


/* ---- a minimal JSON validator for the watch output ---- */

static const char *jv_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *jv_value(const char *p, int depth);

static const char *jv_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
		p++;
	}
	return *p == '"' ? p + 1 : NULL;
}

static const char *jv_value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = jv_ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		bool obj = *p == '{';

		p = jv_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				p = jv_string(jv_ws(p));
				if (!p)
					return NULL;
				p = jv_ws(p);
				if (*p++ != ':')
					return NULL;
			}
			p = jv_value(p, depth + 1);
			if (!p)
				return NULL;
			p = jv_ws(p);
			if (*p == ',') {
				p++;
				continue;
			}
			return *p == close ? p + 1 : NULL;
		}
	}
	if (*p == '"')
		return jv_string(p);
	if (!strncmp(p, "true", 4))
		return p + 4;
	if (!strncmp(p, "false", 5))
		return p + 5;
	if (!strncmp(p, "null", 4))
		return p + 4;
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		char *end;

		strtod(p, &end);
		return end > p ? end : NULL;
	}
	return NULL;
}

static bool json_valid_line(const char *s)
{
	const char *p = jv_value(s, 0);

	return p && *jv_ws(p) == '\0';
}

static void run_case(const struct tcase *tc, struct diag_result *res, char **json_out,
		     size_t *json_len)
{
	struct rd_record *r = calloc(1, sizeof(*r));
	struct diag_file *f = calloc(1, sizeof(*f));
	struct diag_dev d;
	struct diag_input in;

	assert_non_null(r);
	assert_non_null(f);
	memset(&d, 0, sizeof(d));
	case_log = NULL;
	tc->setup(r, f, &d);
	in.rec = r;
	in.file = f->looked ? f : NULL;
	in.dev = d.known ? &d : NULL;
	in.log = case_log;
	diag_run(&in, res);
	if (json_out) {
		FILE *m = open_memstream(json_out, json_len);
		struct json j;
		struct rep rp;

		assert_non_null(m);
		json_init(&j, m);
		rep_init(&rp, &j, m);
		report_attempt(&rp, r, in.file, in.dev, res, NULL);
		json_end(&j);
		fclose(m);
	}
	free(r);
	free(f);
}

static void test_cases(void **state)
{
	struct diag_result *res = malloc(sizeof(*res));
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_case(&cases[i], res, NULL, NULL);
		if (strcmp(res->cause, cases[i].cause)) {
			print_error("case `%s': cause %s, expected %s (rule %d)\n", cases[i].name,
				    res->cause, cases[i].cause, res->rule);
			bad++;
			continue;
		}
		if (cases[i].must && !strstr(res->explanation, cases[i].must)) {
			print_error("case `%s': explanation lacks `%s':\n  %s\n", cases[i].name,
				    cases[i].must, res->explanation);
			bad++;
		}
		/* no placeholder left unexpanded, something to do on failure */
		if (strchr(res->explanation, '{')) {
			print_error("case `%s': unexpanded placeholder: %s\n", cases[i].name,
				    res->explanation);
			bad++;
		}
		for (unsigned int s = 0; s < res->n_steps; s++)
			if (strchr(res->steps[s], '{')) {
				print_error("case `%s': unexpanded placeholder in step: %s\n",
					    cases[i].name, res->steps[s]);
				bad++;
			}
		if (strcmp(res->cause, "ok") && res->n_steps == 0) {
			print_error("case `%s': no remediation\n", cases[i].name);
			bad++;
		}
	}
	free(res);
	assert_int_equal(bad, 0);
}

/* Every cause the knowledge base can produce is exercised above. */
static void test_every_cause_covered(void **state)
{
	const char *const *ids = diag_cause_ids();
	int missing = 0;

	(void)state;
	for (; *ids; ids++) {
		bool found = false;

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			if (!strcmp(cases[i].cause, *ids))
				found = true;
		if (!found) {
			print_error("cause `%s' has no test case\n", *ids);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* The identifiers the JSON schema promises exist. */
static void test_required_ids(void **state)
{
	static const char *const required[] = {
		"ok", "truncated-image", "appended-bytes", "wrong-format-generation",
		"signature-key-mismatch", "key-size-mismatch", "segment-hash-mismatch",
		"missing-tlv", "missing-bootaddr", "ecdsa-unsupported", "ta-not-present",
		"tee-session-refused", "bad-state-after-failure", "segment-outside-memory",
		"unknown",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		const char *const *ids = diag_cause_ids();
		bool found = false;

		for (; *ids; ids++)
			if (!strcmp(*ids, required[i]))
				found = true;
		if (!found)
			print_error("required cause `%s' missing\n", required[i]);
		assert_true(found);
	}
}

/*
 * Every (command, TEE result) the TA cause table lists has a specific
 * rule: with no image facts at all the engine still names a cause other
 * than "unknown".
 */
static void test_ta_table_covered(void **state)
{
	const struct rpi_tee_cause *tbl;
	size_t n;
	int bad = 0;
	struct diag_result *res = malloc(sizeof(*res));

	(void)state;
	tbl = rpi_tee_causes(&n);
	assert_true(n > 10);
	for (size_t i = 0; i < n; i++) {
		struct rd_record *r = calloc(1, sizeof(*r));
		struct diag_input in = { .rec = r };

		boot(r, -5);
		if (tbl[i].cmd == 0) {
			r->kind = RPROC_DIAG_KIND_REGISTER;
			r->has_session = true;
			r->session.has_ret = r->session.has_origin = true;
			r->session.ret = tbl[i].code;
			r->session.origin = 4;
		} else {
			if (tbl[i].cmd != RPROC_DIAG_TA_LOAD_FW)
				cmd(r, RPROC_DIAG_TA_LOAD_FW, 0, 4);
			cmd(r, tbl[i].cmd, tbl[i].code,
			    tbl[i].code == TEE_ERROR_COMMUNICATION ? 2 : 4);
		}
		diag_run(&in, res);
		if (!strcmp(res->cause, "unknown")) {
			print_error("TA check `%s' (%s, 0x%08x) has no rule\n", tbl[i].check,
				    rpi_ta_cmd_name(tbl[i].cmd), tbl[i].code);
			bad++;
		}
		free(r);
	}
	free(res);
	assert_int_equal(bad, 0);
}

/* Real files: the shared fixtures, truncated and appended copies. */
static const char *fixture(void)
{
	static const char *const cands[] = {
		TEST_FIXTURES "/optee-rproc/f3_upstream_rsa2048.sig",
		TEST_TOP "/tests/fixtures/shared/optee-rproc/f3_upstream_rsa2048.sig",
		"/work/shared/fixtures/optee-rproc/f3_upstream_rsa2048.sig",
	};

	for (size_t i = 0; i < sizeof(cands) / sizeof(cands[0]); i++)
		if (access(cands[i], R_OK) == 0)
			return cands[i];
	return NULL;
}

static void copy_file(const char *from, const char *to, long delta)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[65536];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	n = fread(buf, 1, sizeof(buf), in);
	if (delta < 0)
		n -= (size_t)-delta;
	fwrite(buf, 1, n, out);
	for (long i = 0; i < delta; i++)
		fputc(0, out);
	fclose(in);
	fclose(out);
}

static void test_real_files(void **state)
{
	const char *src = fixture();
	char dir[] = "/tmp/rproc-diag-test-XXXXXX";
	char path[512];
	struct optee_keys keys;
	const char *opt;
	struct diag_file *f = calloc(1, sizeof(*f));
	struct diag_result *res = calloc(1, sizeof(*res));
	struct rd_record *r = calloc(1, sizeof(*r));
	struct diag_input in = { .rec = r, .file = f };
	struct fw_search fs;
	char err[512];

	(void)state;
	if (!src) {
		free(f);
		free(res);
		free(r);
		skip();
	}
	assert_non_null(mkdtemp(dir));
	assert_int_equal(optee_keys_load(&keys, NULL, 0, NULL, NULL, true, &opt, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/lib", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/lib/firmware", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	fw_search_init(&fs, dir, "6.6.48", NULL);

	/* truncated by 8 bytes: BAD_PARAMETERS, sizes quoted */
	snprintf(path, sizeof(path), "%s/lib/firmware/fw.sig", dir);
	copy_file(src, path, -8);
	diag_file_lookup(&fs, "fw.sig", &keys, f);
	assert_true(f->found);
	assert_true(f->analyzed);
	fail_load(r, 0xffff0006);
	strcpy(r->fw_name, "fw.sig");
	diag_run(&in, res);
	assert_string_equal(res->cause, "truncated-image");
	assert_non_null(strstr(res->explanation, "The file is 1820 bytes but its header describes 1828"));
	assert_true(res->has_prediction);
	assert_true(res->prediction_agrees);
	assert_int_equal(res->prediction.result, 0xffff0006);
	assert_non_null(strstr(res->explanation, "offline analysis of"));
	assert_non_null(strstr(res->steps[1], path));

	/* intact: signed with the OP-TEE 2048-bit default key, TEE says SIGNATURE_INVALID */
	copy_file(src, path, 0);
	diag_file_lookup(&fs, "fw.sig", &keys, f);
	assert_true(f->sig.signer_known);
	memset(r, 0, sizeof(*r));
	fail_load(r, 0xffff3072);
	strcpy(r->fw_name, "fw.sig");
	diag_run(&in, res);
	assert_string_equal(res->cause, "signature-key-mismatch");
	assert_non_null(strstr(res->explanation, "optee-default-rsa2048"));
	assert_non_null(strstr(res->explanation, "3a21983a"));
	/* the intact file loads on the upstream TA: no failure predicted */
	assert_true(res->has_prediction);
	assert_int_equal(res->prediction.result, 0);
	assert_true(res->prediction.uncertain);

	/* missing: firmware-not-found */
	memset(r, 0, sizeof(*r));
	boot(r, -2);
	strcpy(r->fw_name, "nothere.sig");
	diag_file_lookup(&fs, "nothere.sig", &keys, f);
	assert_false(f->found);
	diag_run(&in, res);
	assert_string_equal(res->cause, "firmware-not-found");

	unlink(path);
	snprintf(path, sizeof(path), "%s/lib/firmware", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/lib", dir);
	rmdir(path);
	rmdir(dir);
	optee_keys_free(&keys);
	free(f);
	free(res);
	free(r);
}

/* The watch --json line of every case is valid JSON with the e2e contract keys. */
static void test_json_lines(void **state)
{
	static const char *const keys[] = {
		"\"type\":\"attempt\"", "\"seq\":", "\"boot_ret\":", "\"ta_command\":",
		"\"ta_result\":", "\"cause\":", "\"remediation\":[", "\"kernel\":{",
		"\"offline\":", "\"device\":", "\"prediction\":",
	};
	struct diag_result *res = malloc(sizeof(*res));
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = NULL, want[128];
		size_t len = 0;

		run_case(&cases[i], res, &out, &len);
		assert_non_null(out);
		assert_true(len > 0 && out[len - 1] == '\n');
		out[len - 1] = '\0';
		if (strchr(out, '\n') || !json_valid_line(out)) {
			print_error("case `%s': not one valid JSON line: %s\n", cases[i].name, out);
			bad++;
		}
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (!strstr(out, keys[k])) {
				print_error("case `%s': no %s\n", cases[i].name, keys[k]);
				bad++;
			}
		snprintf(want, sizeof(want), "\"cause\":\"%s\"", cases[i].cause);
		if (!strstr(out, want)) {
			print_error("case `%s': JSON lacks %s\n", cases[i].name, want);
			bad++;
		}
		if (res->has_ta_result) {
			snprintf(want, sizeof(want), "\"ta_result\":\"0x%08x\"", res->ta_result);
			if (!strstr(out, want)) {
				print_error("case `%s': JSON lacks %s\n", cases[i].name, want);
				bad++;
			}
		}
		free(out);
	}
	/* the validator itself rejects broken JSON */
	assert_false(json_valid_line("{\"a\":}"));
	assert_false(json_valid_line("{\"a\":\"\x01\"}"));
	assert_false(json_valid_line("[1,2"));
	assert_true(json_valid_line("{\"a\":[1,-2.5e3,null,true,\"\\u00e9\"]}"));
	free(res);
	assert_int_equal(bad, 0);
}


/* ---- golden output ------------------------------------------------------ */

/*
 * Compare @got (NUL-terminated) with TEST_TOP/tests/unit/golden/@name; with
 * UPDATE_GOLDEN set in the environment, write it there instead.
 */
static void golden_compare(const char *name, const char *got)
{
	const char *path = tu_fmt("%s/tests/unit/golden/%s", TEST_TOP, name);
	size_t len, glen = strlen(got);
	uint8_t *want;
	size_t i, line = 1;

	if (getenv("UPDATE_GOLDEN")) {
		tu_write(path, got, glen);
		return;
	}
	want = tu_read(path, &len);
	for (i = 0; i < len && i < glen && want[i] == (uint8_t)got[i]; i++)
		line += got[i] == '\n';
	if (i != len || i != glen) {
		const char *l = got + i;

		while (l > got && l[-1] != '\n')
			l--;
		print_error("%s differs from the golden file at line %zu:\n  got:  %.200s\n",
			    path, line, l);
		print_error("(a deliberate change: UPDATE_GOLDEN=1 tests/unit/run test_diag)\n");
	}
	free(want);
	assert_true(i == len && i == glen);
}

static void render_attempt(FILE *m, const char *title, const struct rd_record *r,
			   const struct diag_file *f, const struct diag_dev *d)
{
	struct diag_result *res = calloc(1, sizeof(*res));
	struct diag_input in = { .rec = r, .file = f, .dev = d };
	struct report_opts verbose = { .color = false, .verbose = true };
	struct json j;
	struct rep rp;

	assert_non_null(res);
	diag_run(&in, res);
	/* verbose text is the plain text plus the record and file details */
	fprintf(m, "=== %s\n", title);
	rep_init(&rp, NULL, m);
	report_attempt(&rp, r, f, d, res, &verbose);
	fprintf(m, "--- json\n");
	json_init(&j, m);
	rep_init(&rp, &j, m);
	report_attempt(&rp, r, f, d, res, &verbose);
	json_end(&j);
	free(res);
}

/* watch's text (verbose) and JSON line for every case above. */
static void test_golden_cases(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);

	(void)state;
	assert_non_null(m);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rd_record *r = calloc(1, sizeof(*r));
		struct diag_file *f = calloc(1, sizeof(*f));
		struct diag_dev d;

		assert_non_null(r);
		assert_non_null(f);
		memset(&d, 0, sizeof(d));
		cases[i].setup(r, f, &d);
		render_attempt(m, cases[i].name, r, f->looked ? f : NULL, d.known ? &d : NULL);
		free(r);
		free(f);
	}
	fclose(m);
	golden_compare("watch-cases.txt", out);
	free(out);
}

/*
 * The same outputs on real files (tests/unit/golden-inputs: the fixtures
 * and damaged copies), analysed as watch and status do it, with and without
 * the key the TEE trusts.
 */
static void test_golden_files(void **state)
{
	static const char *const files[] = {
		"f3_upstream_rsa2048.sig", "f3_st400_mp25_bootaddr.sig", "f1_st_legacy.sig",
		"f2_mp25beta.sig", "fw.elf", "fw_b.elf", "f3-truncated.sig", "f3-appended.sig",
		"f3-bad-magic.sig", "f3-bad-version.sig", "f3-segment-flip.sig",
		"f3-no-signtype.sig", "f3-ecdsa-type.sig", "f3-resigned.sig", "empty.bin",
		"short.bin", "text.txt", "elf-header-only.elf", "missing.sig", "keys",
	};
	static const char *const ta_keys[] = { NULL, "keys/optee-default-rsa4096.pem",
					       "keys/optee-default-rsa2048.pem" };
	static const struct { const char *name; uint32_t cmd; uint32_t ret; int32_t boot; } recs[] = {
		{ "LOAD_FW BAD_PARAMETERS", RPROC_DIAG_TA_LOAD_FW, 0xffff0006, -5 },
		{ "LOAD_FW SIGNATURE_INVALID", RPROC_DIAG_TA_LOAD_FW, 0xffff3072, -5 },
		{ "LOAD_FW SECURITY", RPROC_DIAG_TA_LOAD_FW, 0xffff000f, -5 },
		{ "START_FW GENERIC", RPROC_DIAG_TA_START_FW, 0xffff0000, -5 },
		{ "booted", RPROC_DIAG_TA_START_FW, 0, 0 },
	};
	const char *dir = tu_fmt("%s/golden-inputs", TEST_BUILD);
	char *out = NULL, cwd[4096], err[512];
	size_t len = 0;
	FILE *m;

	(void)state;
	assert_int_equal(tu_sh("%s/tests/unit/golden-inputs %s %s", TEST_TOP, TEST_FIXTURES, dir), 0);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	m = open_memstream(&out, &len);
	assert_non_null(m);
	for (size_t k = 0; k < sizeof(ta_keys) / sizeof(ta_keys[0]); k++) {
		struct optee_keys keys;
	const char *opt;

		assert_int_equal(optee_keys_load(&keys, NULL, 0, ta_keys[k], "ring", true, &opt, err, sizeof(err)), 0);
		for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			struct diag_file *f = calloc(1, sizeof(*f));
			struct rd_record *r = calloc(1, sizeof(*r));
			struct diag_dev d;
			struct json j;
			struct rep rp;

			assert_non_null(f);
			assert_non_null(r);
			f->looked = true;
			diag_file_analyze(files[i], &keys, f);
			fprintf(m, "##### %s, --ta-key %s\n", files[i], ta_keys[k] ? ta_keys[k] : "-");
			rep_init(&rp, NULL, m);
			report_file(&rp, NULL, f, true, 2);
			json_init(&j, m);
			rep_init(&rp, &j, m);
			report_file(&rp, NULL, f, false, 0);
			json_end(&j);
			dev_ok(&d);
			/* every record without a TA key, the key question with each */
			for (size_t n = 0; n < sizeof(recs) / sizeof(recs[0]); n++) {
				if (k && recs[n].ret != 0xffff3072)
					continue;
				memset(r, 0, sizeof(*r));
				boot(r, recs[n].boot);
				strcpy(r->fw_name, files[i]);
				if (recs[n].cmd != RPROC_DIAG_TA_LOAD_FW)
					cmd(r, RPROC_DIAG_TA_LOAD_FW, 0, 4);
				cmd(r, recs[n].cmd, recs[n].ret, 4);
				render_attempt(m, recs[n].name, r, f, &d);
			}
			free(f);
			free(r);
		}
		optee_keys_free(&keys);
	}
	fclose(m);
	assert_int_equal(chdir(cwd), 0);
	golden_compare("watch-files.txt", out);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_json_lines),
		cmocka_unit_test(test_every_cause_covered),
		cmocka_unit_test(test_required_ids),
		cmocka_unit_test(test_ta_table_covered),
		cmocka_unit_test(test_real_files),
		cmocka_unit_test(test_golden_cases),
		cmocka_unit_test(test_golden_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
