// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The texts of the knowledge base: {placeholders} expanded from the facts
 * (text.h).  Every placeholder is one entry of the table below; a row that
 * names another one fails tests/unit/test_kb.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diagnosis/kernel_log.h"
#include "diagnosis/text.h"
#include "optee/remedy.h"
#include "rproc_tee.h"

void buf_init(struct buf *b, char *p, size_t n)
{
	b->p = p;
	b->n = n;
	b->len = 0;
	p[0] = '\0';
}

void bputs(struct buf *b, const char *s)
{
	size_t l = strlen(s);

	if (b->len + 1 >= b->n)
		return;
	if (l > b->n - b->len - 1)
		l = b->n - b->len - 1;
	memcpy(b->p + b->len, s, l);
	b->len += l;
	b->p[b->len] = '\0';
}

void bprintf(struct buf *b, const char *fmt, ...)
{
	char tmp[DIAG_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	bputs(b, tmp);
}

const char *diag_origin_text(uint32_t origin)
{
	switch (origin) {
	case TEE_ORIGIN_API: return "the TEE client API";
	case TEE_ORIGIN_COMMS: return "the Linux-to-OP-TEE transport";
	case TEE_ORIGIN_TEE: return "the OP-TEE core";
	case TEE_ORIGIN_TRUSTED_APP: return "the TA";
	default: return "the TEE";
	}
}

static const char *errno_name(int e)
{
	long v = e;	/* -INT_MIN does not fit an int (hostile records) */

	switch (v < 0 ? -v : v) {
	case 0: return "0";
	case EIO: return "EIO";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case ENOMEM: return "ENOMEM";
	case EBUSY: return "EBUSY";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENODEV: return "ENODEV";
	case ENXIO: return "ENXIO";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EAGAIN: return "EAGAIN";
	case 517: return "EPROBE_DEFER";
	default: return NULL;
	}
}

static void put_errno(struct buf *b, int e)
{
	const char *n = errno_name(e);

	if (n && e)
		bprintf(b, "%d (-%s)", e, n);
	else
		bprintf(b, "%d", e);
}

static const char *fw_name(const struct diag_facts *c)
{
	return c->in->rec->fw_name[0] ? c->in->rec->fw_name : "<firmware>";
}

static void put_path(struct buf *b, const struct diag_facts *c)
{
	if (c->in->file && c->in->file->found)
		bputs(b, c->in->file->path);
	else if (c->in->log && c->in->log->fw_path[0])
		bputs(b, c->in->log->fw_path);	/* the firmware loader's "loading %s" */
	else
		bprintf(b, "/lib/firmware/%s", fw_name(c));
}

static void put_fp(struct buf *b, const char *fp)
{
	if (fp && fp[0])
		bprintf(b, ", SHA-256 %.8s…", fp);
}

static void put_key(struct buf *b, const char *name, const char *desc, unsigned int bits,
		    const char *fp)
{
	if (desc && desc[0])
		bprintf(b, "the well-known development key %s (%s; RSA-%u", name, desc, bits);
	else
		bprintf(b, "the key %s (RSA-%u", name, bits);
	put_fp(b, fp);
	bputs(b, ")");
}

static void put_sig_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;
	const struct diag_sig *s = f && f->analyzed ? &f->sig : NULL;

	if (s && s->signer_known) {
		bputs(b, "The image is signed with ");
		put_key(b, s->signer_name, s->signer_desc, s->signer_bits, s->signer_fpr);
		bputs(b, ".");
	} else if (c->sign_len) {
		bprintf(b, "The image carries a %u-bit signature that none of the known keys verifies (not one of the well-known development keys).",
			c->sign_len * 8);
	} else {
		bputs(b, "The signing key of the loaded image is not known (the firmware file could not be analysed).");
	}
	if (s && s->ta_key_given) {
		bputs(b, " The TEE trusts ");
		put_key(b, s->ta_key_name, s->ta_key_desc, s->ta_key_bits, s->ta_key_fpr);
		if (s->ta_key_verifies)
			bputs(b, ", which does verify this file's signature: the image the TEE received differs from this file, or the TEE runs with another key than you think.");
		else if (s->signer_known)
			bprintf(b, ": the image is signed with %s, the TEE expects %s.",
				s->signer_name, s->ta_key_name);
		else
			bputs(b, ", which does not verify this signature: the image was signed with another key.");
	}
}

static void put_clean_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	if (f && f->analyzed && (c->set & FACT(F_IMAGE_CLEAN)))
		bprintf(b, " (%s: %u segment hashes checked, header and TLVs consistent)",
			f->path, f->res.n_hash_checked);
	else if (!c->analyzed)
		bprintf(b, " The firmware file could not be analysed (%s), so the image facts are unknown.",
			f && f->looked && !f->found ? "not found in the firmware search path" : "no image data");
}

/* ---- placeholders -------------------------------------------------------- */

struct placeholder {
	const char *name;
	void (*put)(struct buf *b, const struct diag_facts *c);
};

static void ph_fw(struct buf *b, const struct diag_facts *c)
{
	bputs(b, fw_name(c));
}

static void ph_fw_elf(struct buf *b, const struct diag_facts *c)
{
	(void)c;
	bputs(b, "<firmware>.elf");
}

static void ph_rproc(struct buf *b, const struct diag_facts *c)
{
	const struct rd_record *r = c->in->rec;

	bputs(b, r->rproc_name[0] ? r->rproc_name : "the remote processor");
}

static void ph_rproc_dev(struct buf *b, const struct diag_facts *c)
{
	const struct rd_record *r = c->in->rec;

	if (r->has_rproc_index)
		bprintf(b, "remoteproc%u", r->rproc_index);
	else
		bputs(b, "remoteproc0");
}

static void ph_path(struct buf *b, const struct diag_facts *c)
{
	put_path(b, c);
}

static void ph_size(struct buf *b, const struct diag_facts *c)
{
	bprintf(b, "%llu", (unsigned long long)c->size);
}

static void ph_expected(struct buf *b, const struct diag_facts *c)
{
	bprintf(b, "%llu", (unsigned long long)c->expected);
}

static void ph_delta(struct buf *b, const struct diag_facts *c)
{
	bprintf(b, "%llu", (unsigned long long)(c->size > c->expected ?
		c->size - c->expected : c->expected - c->size));
}

static void ph_size_sentence(struct buf *b, const struct diag_facts *c)
{
	if (c->has_size && c->size)
		bprintf(b, " (%llu bytes)", (unsigned long long)c->size);
}

static void ph_format(struct buf *b, const struct diag_facts *c)
{
	bprintf(b, "%s", rpi_format_desc(c->format));
}

static void ph_tlv(struct buf *b, const struct diag_facts *c)
{
	const char *n = c->has_tlv ? rpi_tlv_name(c->tlv_type) : NULL;

	if (n)
		bprintf(b, "%s (0x%x)", n, c->tlv_type);
	else if (c->has_tlv)
		bprintf(b, "0x%x", c->tlv_type);
	else
		bputs(b, "(not identified)");
}

static void ph_seg(struct buf *b, const struct diag_facts *c)
{
	if (c->has_seg)
		bprintf(b, "%u", c->seg_index);
	else
		bputs(b, "(not identified)");
}

static void ph_paddr(struct buf *b, const struct diag_facts *c)
{
	if (c->has_seg)
		bprintf(b, "0x%08x", c->seg_paddr);
	else
		bputs(b, "unknown");
}

static void ph_seg_addrs_sentence(struct buf *b, const struct diag_facts *c)
{
	if (c->has_seg)
		bprintf(b, " Segment %u is at p_paddr 0x%08x.", c->seg_index, c->seg_paddr);
}

static void ph_bootaddr(struct buf *b, const struct diag_facts *c)
{
	bprintf(b, "0x%08x", c->bootaddr);
}

static void ph_plat(struct buf *b, const struct diag_facts *c)
{
	bprintf(b, "0x%x", c->plat_id);
}

static void ph_cmd(struct buf *b, const struct diag_facts *c)
{
	const char *n = rd_ta_cmd_name(c->cmd);

	bputs(b, n ? n : "the TA command");
}

static void ph_cmd_errno(struct buf *b, const struct diag_facts *c)
{
	put_errno(b, c->cmd_errno);
}

static void ph_sess(struct buf *b, const struct diag_facts *c)
{
	const struct rd_record *r = c->in->rec;

	if (c->has_code)
		bprintf(b, "0x%08x (%s from %s)", c->code, rpi_tee_code_name(c->code),
			diag_origin_text(c->origin));
	else {
		bputs(b, "errno ");
		put_errno(b, r->session.err);
	}
}

static void ph_boot_ret_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct rd_record *r = c->in->rec;

	if (r->has_boot_ret) {
		bputs(b, "boot returned ");
		put_errno(b, r->boot_ret);
	} else {
		bputs(b, "boot result not observed");
	}
}

static void ph_sig_sentence(struct buf *b, const struct diag_facts *c)
{
	put_sig_sentence(b, c);
}

static void ph_sig_bits(struct buf *b, const struct diag_facts *c)
{
	bprintf(b, "%u", c->sign_len * 8);
}

static void ph_ta_bits(struct buf *b, const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	bprintf(b, "%u", f ? f->sig.ta_key_bits : 0);
}

static void ph_takey_step(struct buf *b, const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	if (f && f->sig.ta_key_given)
		bprintf(b, ": sign_rproc_fw.py --key <the private key of %s>", f->sig.ta_key_name);
}

static void ph_rsc_text(struct buf *b, const struct diag_facts *c)
{
	bputs(b, c->rsc_text[0] ? c->rsc_text : "(not identified)");
}

static void ph_api(struct buf *b, const struct diag_facts *c)
{
	const struct rd_record *r = c->in->rec;

	bputs(b, r->has_driver_api ? rd_api_name(r->driver_api) : "unknown");
}

static void ph_default_key_hint(struct buf *b, const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	if (f && f->analyzed && !f->sig.ta_key_given && f->sig.signer_known &&
	    !strcmp(f->sig.signer_name, "optee-default-rsa2048"))
		bputs(b, " OP-TEE 4.7.0 and later default to the RSA-4096 keys/default.pem (optee-default-rsa4096, SHA-256 cac7bcfa…), and ST's legacy trees to keys/default_rproc.pem (st-default-rproc-rsa2048): give the key of your OP-TEE build with --ta-key to name the mismatch exactly.");
	else if (f && f->analyzed && !f->sig.ta_key_given)
		bputs(b, " Give OP-TEE's key with --ta-key to name the mismatch exactly.");
}

static void ph_clean_sentence(struct buf *b, const struct diag_facts *c)
{
	put_clean_sentence(b, c);
}

static void ph_clean_sentence_security(struct buf *b, const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	if (f && f->analyzed && !(c->set & FACT(F_SEGMENT_HASH)))
		bprintf(b, " The file %s on the target has correct segment hashes (%u checked), so the bytes the TEE received differed from it (file replaced since, or corrupted in memory).",
			f->path, f->res.n_hash_checked);
	else
		bputs(b, " The firmware file could not be checked offline.");
}

static void ph_header_problem(struct buf *b, const struct diag_facts *c)
{
	if (c->set & FACT(F_BAD_MAGIC))
		bputs(b, "the first word is not the magic 0x3543A468");
	else if (c->set & FACT(F_BAD_VERSION))
		bputs(b, "the version is not 1");
	else if (c->set & FACT(F_HEADER_OVERFLOW))
		bputs(b, "a length is zero or the lengths overflow");
	else
		bprintf(b, "magic and version are right but no format's size equation holds for its %llu bytes",
			(unsigned long long)c->size);
}

static void ph_ta_dev_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct diag_dev *d = c->in->dev;

	if (d && d->known && !d->ta_present)
		bputs(b, " (/sys/bus/tee/devices/optee-ta-" RPROC_DIAG_TA_UUID " is absent)");
}

static void ph_fw_format_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct diag_dev *d = c->in->dev;

	if (d && d->known && d->fw_format[0])
		bprintf(b, " (fw_format = %s)", d->fw_format);
}

static void ph_device_state_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct diag_dev *d = c->in->dev;

	if (d && d->known && d->state[0])
		bprintf(b, " sysfs reports the remote processor as \"%s\".", d->state);
}

static void ph_tlv_len_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	if (f && f->analyzed)
		bprintf(b, "; this image has a %u-byte TLV area and a %u-byte signature",
			f->res.sum.tlv_len, f->res.sum.sign_len);
}

static void ph_search_path(struct buf *b, const struct diag_facts *c)
{
	(void)c;
	bputs(b, "/lib/firmware/updates/<release>, /lib/firmware/updates, /lib/firmware/<release>, /lib/firmware and the firmware_class.path parameter");
}

/* The kernel's reason for the errno the kernel log ends the attempt with. */
static const struct klog_errno_reason *log_reason(const struct diag_facts *c)
{
	return c->has_log_errno ? klog_errno_reason((enum klog_stage)c->log_stage, c->log_errno) :
				  NULL;
}

static void ph_log_errno(struct buf *b, const struct diag_facts *c)
{
	const char *n = c->has_log_errno ? klog_errno_name(c->log_errno) : NULL;

	if (!c->has_log_errno)
		bputs(b, "an error");
	else if (n)
		bprintf(b, "%d (-%s)", c->log_errno, n);
	else
		bprintf(b, "%d", c->log_errno);
}

static void ph_kernel_reason(struct buf *b, const struct diag_facts *c)
{
	const struct klog_errno_reason *r = log_reason(c);

	if (r)
		bprintf(b, "%s (%s)", r->reason, r->source);
	else
		bputs(b, "the kernel prints no more about it.");
}

static void ph_kernel_reason_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct klog_errno_reason *r = log_reason(c);

	if (r)
		bprintf(b, " The kernel log says where: %s (%s)", r->reason, r->source);
}

static void ph_loader_step(struct buf *b, const struct diag_facts *c)
{
	const struct klog_errno_reason *r = log_reason(c);

	if (r && r->step)
		bputs(b, r->step);
	else
		bputs(b, "Check the firmware file in the firmware search path, copy the signed image there again.");
}

static void ph_empty_sentence(struct buf *b, const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	if (f && f->found && !f->err && f->size == 0) {
		bprintf(b, "%s is 0 bytes long.", f->path);
	} else if (c->in->log) {
		bputs(b, "The firmware loader refused ");
		put_path(b, c);
		bputs(b, " with -EINVAL (the kernel log).");
	} else {
		bputs(b, "The firmware file is empty.");
	}
}

/* ---- remediation commands with the real values -------------------------- */

static const struct diag_fix *fix_of(const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	return f && f->analyzed && f->fix.planned ? &f->fix : NULL;
}

static const struct diag_sig *sig_of(const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;

	return f && f->analyzed ? &f->sig : NULL;
}

/*
 * The private key a command signs with: the key OP-TEE trusts when it is
 * known (--ta-key, or the image's own signer unless the TA refused that
 * signature); a development key as it ships in the OP-TEE tree and its TA
 * dev kit ($TA_DEV_KIT_DIR, which ST's SDK sets).  *@named: a real file.
 */
static void put_sign_key(struct buf *b, const struct diag_facts *c, bool *named)
{
	const struct diag_sig *s = sig_of(c);
	bool refused = c->has_code && c->code == TEE_ERROR_SIGNATURE_INVALID;

	*named = true;
	if (s && s->ta_key_named && s->ta_key_file[0])
		bprintf(b, "$TA_DEV_KIT_DIR/%s", s->ta_key_file);
	else if (s && s->ta_key_named && s->ta_key_private)
		bputs(b, s->ta_key_path);
	else if (s && !s->ta_key_named && s->signer_known && s->signer_file[0] && !refused)
		bprintf(b, "$TA_DEV_KIT_DIR/%s", s->signer_file);
	else {
		bputs(b, "PRIVATE_KEY.pem");
		*named = false;
	}
}

/* Which key that is, in words. */
static void put_sign_key_note(struct buf *b, const struct diag_facts *c)
{
	const struct diag_sig *s = sig_of(c);
	bool refused = c->has_code && c->code == TEE_ERROR_SIGNATURE_INVALID;

	if (s && s->ta_key_named) {
		bprintf(b, "the key OP-TEE trusts, %s (SHA-256 %.16s…", s->ta_key_name, s->ta_key_fpr);
		if (s->ta_key_desc[0])
			bprintf(b, "; a development key: %s", s->ta_key_desc);
		else if (!s->ta_key_private)
			bprintf(b, "; PRIVATE_KEY.pem: the private half of %s", s->ta_key_path);
		bputs(b, ")");
	} else if (s && s->signer_known && !refused) {
		bprintf(b, "the key the image is signed with, %s (SHA-256 %.16s…%s%s)", s->signer_name,
			s->signer_fpr, s->signer_desc[0] ? "; a development key: " : "",
			s->signer_desc);
	} else {
		bputs(b, "PRIVATE_KEY.pem: the private key OP-TEE was built with (RPROC_SIGN_KEY; "
			 "its public half given to --ta-key names it)");
	}
}

static void ph_sign_key(struct buf *b, const struct diag_facts *c)
{
	bool named;

	put_sign_key(b, c, &named);
}

static const char *ta_opt(const struct diag_facts *c)
{
	const struct rd_record *r = c->in->rec;

	return r->has_driver_api && r->driver_api == RPROC_DIAG_API_UPSTREAM ? "upstream" : "st";
}

/* The name the remote processor loads: the record's, else the file's. */
static const char *target_name(const struct diag_facts *c)
{
	const struct diag_file *f = c->in->file;
	const char *slash;

	if (c->in->rec->fw_name[0])
		return c->in->rec->fw_name;
	if (f && f->found && (slash = strrchr(f->path, '/')))
		return slash + 1;
	return f && f->found ? f->path : "rproc-m33-fw.sig";
}

static void ph_fix_step(struct buf *b, const struct diag_facts *c)
{
	const struct diag_fix *fx = fix_of(c);

	if (fx && !fx->fixable) {
		bprintf(b, "`rproc-diag fix` cannot repair this file: %s", fx->refusal);
		return;
	}
	bputs(b, "Fix the image with every remedy re-signing applies: `rproc-diag fix ");
	put_path(b, c);
	bputs(b, " --key ");
	ph_sign_key(b, c);
	if (c->in->soc || fx)
		bprintf(b, " --soc %s", (c->in->soc ? c->in->soc : fx->soc) == REMEDY_SOC_MP15 ? "mp15" : "mp25");
	bprintf(b, " --ta %s --out ", ta_opt(c));
	put_path(b, c);
	bputs(b, ".fixed` (");
	put_sign_key_note(b, c);
	bputs(b, "), then copy ");
	put_path(b, c);
	bprintf(b, ".fixed to /lib/firmware/%s on the board.", target_name(c));
}

static void ph_sign_step(struct buf *b, const struct diag_facts *c)
{
	const struct diag_fix *fx = fix_of(c);
	bool upstream = !strcmp(ta_opt(c), "upstream");

	if (fx && fx->is_elf) {
		/* the ELF itself: the whole command, ready to run */
		bputs(b, "Or sign it in your build: `$TA_DEV_KIT_DIR/scripts/sign_rproc_fw.py --in ");
		put_path(b, c);
		bprintf(b, " --out %s --key ", target_name(c));
		ph_sign_key(b, c);
		bprintf(b, "%s`.", upstream ? "" : fx->plat_opts);
		return;
	}
	bputs(b, "In your build, sign the firmware ELF with $TA_DEV_KIT_DIR/scripts/sign_rproc_fw.py --key ");
	ph_sign_key(b, c);
	if (fx && !upstream && fx->plat_opts[0])
		bprintf(b, "%s (ST's script takes BOOTADDR by name)", fx->plat_opts);
	else if (!fx && !upstream && c->in->soc != REMEDY_SOC_MP15)
		bputs(b, " and, for an STM32MP2 M33, --plat-tlv BOOTADDR with the address of its vector table");
	bputs(b, ".");
}

static void ph_bootaddr_vt(struct buf *b, const struct diag_facts *c)
{
	const struct diag_fix *fx = fix_of(c);

	if (fx && fx->vt_found) {
		bprintf(b, "0x%08x (%s)", fx->vt_addr, fx->bootaddr_rule);
		if (fx->bootaddr_uncertain)
			bprintf(b, "; not certain: %s", fx->bootaddr_warning);
	} else if (fx && fx->refusal[0]) {
		bprintf(b, "unknown: %s", fx->refusal);
	} else {
		bputs(b, "in the ELF (its .isr_vector section or the start of its first executable "
			 "segment; give rproc-diag the image with --firmware to read it)");
	}
}

static const struct placeholder placeholders[] = {
	{ "sign_key", ph_sign_key },
	{ "fix_step", ph_fix_step },
	{ "sign_step", ph_sign_step },
	{ "bootaddr_vt", ph_bootaddr_vt },
	{ "log_errno", ph_log_errno },
	{ "kernel_reason", ph_kernel_reason },
	{ "kernel_reason_sentence", ph_kernel_reason_sentence },
	{ "loader_step", ph_loader_step },
	{ "empty_sentence", ph_empty_sentence },
	{ "fw", ph_fw },
	{ "fw_elf", ph_fw_elf },
	{ "rproc", ph_rproc },
	{ "rproc_dev", ph_rproc_dev },
	{ "path", ph_path },
	{ "size", ph_size },
	{ "expected", ph_expected },
	{ "delta", ph_delta },
	{ "size_sentence", ph_size_sentence },
	{ "format", ph_format },
	{ "tlv", ph_tlv },
	{ "seg", ph_seg },
	{ "paddr", ph_paddr },
	{ "seg_addrs_sentence", ph_seg_addrs_sentence },
	{ "bootaddr", ph_bootaddr },
	{ "plat", ph_plat },
	{ "cmd", ph_cmd },
	{ "cmd_errno", ph_cmd_errno },
	{ "sess", ph_sess },
	{ "boot_ret_sentence", ph_boot_ret_sentence },
	{ "sig_sentence", ph_sig_sentence },
	{ "sig_bits", ph_sig_bits },
	{ "ta_bits", ph_ta_bits },
	{ "takey_step", ph_takey_step },
	{ "rsc_text", ph_rsc_text },
	{ "api", ph_api },
	{ "default_key_hint", ph_default_key_hint },
	{ "clean_sentence", ph_clean_sentence },
	{ "clean_sentence_security", ph_clean_sentence_security },
	{ "header_problem", ph_header_problem },
	{ "ta_dev_sentence", ph_ta_dev_sentence },
	{ "fw_format_sentence", ph_fw_format_sentence },
	{ "device_state_sentence", ph_device_state_sentence },
	{ "tlv_len_sentence", ph_tlv_len_sentence },
	{ "search_path", ph_search_path },
};

static const struct placeholder *placeholder(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
		if (strlen(placeholders[i].name) == len && !strncmp(placeholders[i].name, name, len))
			return &placeholders[i];
	return NULL;
}

const char *diag_unknown_placeholder(const char *tpl, size_t *len)
{
	for (const char *p = tpl; (p = strchr(p, '{')); p++) {
		const char *end = strchr(p, '}');

		if (!end)
			return NULL;
		if (!placeholder(p + 1, (size_t)(end - p - 1))) {
			*len = (size_t)(end - p - 1);
			return p + 1;
		}
	}
	return NULL;
}

void diag_expand(struct buf *b, const char *tpl, const struct diag_facts *c)
{
	while (*tpl) {
		const struct placeholder *ph;
		const char *end;

		if (*tpl != '{' || !(end = strchr(tpl, '}'))) {
			char one[2] = { *tpl, 0 };

			bputs(b, one);
			tpl++;
			continue;
		}
		ph = placeholder(tpl + 1, (size_t)(end - tpl - 1));
		if (ph)
			ph->put(b, c);
		else	/* a row with a typo: tests/unit/test_kb.c catches it */
			bprintf(b, "%.*s", (int)(end - tpl + 1), tpl);
		tpl = end + 1;
	}
}
