// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Facts (facts.h) from the kernel record, then the firmware file's offline
 * analysis, then the devices.  The kernel's view comes first: it saw the
 * bytes the TEE got; the file may have changed since.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diagnosis/facts.h"
#include "diagnosis/kernel_log.h"
#include "rproc_tee.h"

static const char *const fact_names[F_COUNT] = {
	[F_BOOT_OK] = "F_BOOT_OK",
	[F_PROBE_DEFERRED] = "F_PROBE_DEFERRED",
	[F_TA_MISSING] = "F_TA_MISSING",
	[F_TEE_MISSING] = "F_TEE_MISSING",
	[F_TRUNCATED] = "F_TRUNCATED",
	[F_APPENDED] = "F_APPENDED",
	[F_WRONG_GENERATION] = "F_WRONG_GENERATION",
	[F_NOT_SIGNED] = "F_NOT_SIGNED",
	[F_BAD_MAGIC] = "F_BAD_MAGIC",
	[F_BAD_VERSION] = "F_BAD_VERSION",
	[F_DAMAGED] = "F_DAMAGED",
	[F_HEADER_OVERFLOW] = "F_HEADER_OVERFLOW",
	[F_MISSING_SIGNTYPE] = "F_MISSING_SIGNTYPE",
	[F_MISSING_TLV] = "F_MISSING_TLV",
	[F_BAD_TLV_LENGTH] = "F_BAD_TLV_LENGTH",
	[F_PLATFORM_TLV_LENGTH] = "F_PLATFORM_TLV_LENGTH",
	[F_SEGMENT_HASH] = "F_SEGMENT_HASH",
	[F_SEGMENT_TABLE] = "F_SEGMENT_TABLE",
	[F_SEGMENT_NO_ENTRY] = "F_SEGMENT_NO_ENTRY",
	[F_SEGMENT_RANGE] = "F_SEGMENT_RANGE",
	[F_BAD_ELF] = "F_BAD_ELF",
	[F_HAS_BOOTADDR] = "F_HAS_BOOTADDR",
	[F_ECDSA_SIGNED] = "F_ECDSA_SIGNED",
	[F_UNKNOWN_SIGNTYPE] = "F_UNKNOWN_SIGNTYPE",
	[F_UNKNOWN_PLATFORM_TLV] = "F_UNKNOWN_PLATFORM_TLV",
	[F_TA_KEY_VERIFIES] = "F_TA_KEY_VERIFIES",
	[F_KEY_SIZE_DIFFERS] = "F_KEY_SIZE_DIFFERS",
	[F_HAS_PKEYINFO] = "F_HAS_PKEYINFO",
	[F_ENCRYPTED] = "F_ENCRYPTED",
	[F_ELF_MODE] = "F_ELF_MODE",
	[F_SIGNED_MAGIC] = "F_SIGNED_MAGIC",
	[F_BOOT_ENOENT] = "F_BOOT_ENOENT",
	[F_IMAGE_CLEAN] = "F_IMAGE_CLEAN",
	[F_INVOKE_ERRNO] = "F_INVOKE_ERRNO",
	[F_KIND_SHUTDOWN] = "F_KIND_SHUTDOWN",
	[F_KIND_REGISTER] = "F_KIND_REGISTER",
	[F_BAD_RESOURCE_TABLE] = "F_BAD_RESOURCE_TABLE",
	[F_LOADED_BEFORE] = "F_LOADED_BEFORE",
	[F_FIRMWARE_EMPTY] = "F_FIRMWARE_EMPTY",
	[F_FIRMWARE_LOADER] = "F_FIRMWARE_LOADER",
	[F_FIRMWARE_TOO_LARGE] = "F_FIRMWARE_TOO_LARGE",
	[F_ELF_LOADER_REFUSED] = "F_ELF_LOADER_REFUSED",
	[F_RSC_UNMAPPABLE] = "F_RSC_UNMAPPABLE",
};

const char *diag_fact_name(enum diag_fact f)
{
	return (unsigned int)f < F_COUNT && fact_names[f] ? fact_names[f] : "?";
}

/* What a damaged image is: any of these makes it not clean. */
#define IMAGE_PROBLEMS (FACT(F_TRUNCATED) | FACT(F_APPENDED) | FACT(F_WRONG_GENERATION) | \
			FACT(F_NOT_SIGNED) | FACT(F_BAD_MAGIC) | FACT(F_BAD_VERSION) | \
			FACT(F_DAMAGED) | FACT(F_HEADER_OVERFLOW) | FACT(F_MISSING_SIGNTYPE) | \
			FACT(F_MISSING_TLV) | FACT(F_BAD_TLV_LENGTH) | FACT(F_SEGMENT_TABLE) | \
			FACT(F_SEGMENT_NO_ENTRY) | FACT(F_SEGMENT_RANGE) | FACT(F_BAD_ELF))

/* A BAD_ELF finding about the .resource_table (its value is the ELF error). */
static bool is_rsc_finding(uint32_t code, int64_t value)
{
	return code == RPROC_DIAG_FND_BAD_ELF && value >= RPI_ELF_ERR_RSC_TRUNC &&
	       value <= RPI_ELF_ERR_RSC_TWICE;
}

/* @text: how the finding reads (the kernel's own sentence, or the library's). */
static void add_finding(struct diag_facts *c, const struct rpi_finding *x, const char *text)
{
	uint32_t code = x->code, index = x->index, addr = x->addr;
	int64_t value = x->value;

	if (is_rsc_finding(code, value)) {
		c->set |= FACT(F_BAD_RESOURCE_TABLE);
		if (!c->rsc_text[0])
			snprintf(c->rsc_text, sizeof(c->rsc_text), "%s", text);
		return;
	}
	switch (code) {
	case RPROC_DIAG_FND_TRUNCATED:
		c->set |= FACT(F_TRUNCATED);
		if (value > 0 && !c->missing)
			c->missing = (uint64_t)value;
		break;
	case RPROC_DIAG_FND_APPENDED:
		c->set |= FACT(F_APPENDED);
		break;
	case RPROC_DIAG_FND_WRONG_GENERATION:
		c->set |= FACT(F_WRONG_GENERATION);
		if (!c->has_format && index) {
			c->format = index;
			c->has_format = true;
		}
		break;
	case RPROC_DIAG_FND_NOT_SIGNED:
		c->set |= FACT(F_NOT_SIGNED);
		break;
	case RPROC_DIAG_FND_BAD_MAGIC:
		c->set |= FACT(F_BAD_MAGIC);
		break;
	case RPROC_DIAG_FND_BAD_VERSION:
		c->set |= FACT(F_BAD_VERSION);
		break;
	case RPROC_DIAG_FND_MISSING_TLV:
		c->set |= addr == RPI_TLV_SIGNTYPE ? FACT(F_MISSING_SIGNTYPE) : FACT(F_MISSING_TLV);
		if (!c->has_tlv) {
			c->tlv_type = addr;
			c->has_tlv = true;
		}
		break;
	case RPROC_DIAG_FND_BAD_TLV_LEN:
		if (addr >= RPI_TLV_PLAT_MIN && addr <= RPI_TLV_PLAT_MAX)
			c->set |= FACT(F_PLATFORM_TLV_LENGTH);
		else if (addr == RPI_TLV_SIGNTYPE)
			c->set |= FACT(F_MISSING_SIGNTYPE);
		else
			c->set |= FACT(F_BAD_TLV_LENGTH);
		if (!c->has_tlv) {
			c->tlv_type = addr;
			c->has_tlv = true;
		}
		break;
	case RPROC_DIAG_FND_SEGMENT_HASH:
	case RPROC_DIAG_FND_SEGMENT_NOT_LOAD:
	case RPROC_DIAG_FND_SEGMENT_NO_ENTRY:
	case RPROC_DIAG_FND_SEGMENT_SIZE:
	case RPROC_DIAG_FND_SEGMENT_RANGE:
		c->set |= code == RPROC_DIAG_FND_SEGMENT_HASH ? FACT(F_SEGMENT_HASH) :
			  code == RPROC_DIAG_FND_SEGMENT_NO_ENTRY ? FACT(F_SEGMENT_NO_ENTRY) :
			  code == RPROC_DIAG_FND_SEGMENT_RANGE ? FACT(F_SEGMENT_RANGE) :
			  FACT(F_SEGMENT_TABLE);
		if (!c->has_seg) {
			c->seg_index = index;
			c->seg_paddr = addr;
			c->has_seg = true;
		}
		break;
	case RPROC_DIAG_FND_BAD_ELF:
		c->set |= FACT(F_BAD_ELF);
		break;
	case RPROC_DIAG_FND_ECDSA:
		c->set |= FACT(F_ECDSA_SIGNED);
		break;
	case RPROC_DIAG_FND_UNSUPPORTED_SIGN:
		c->set |= FACT(F_UNKNOWN_SIGNTYPE);
		break;
	case RPROC_DIAG_FND_HEADER_OVERFLOW:
		c->set |= FACT(F_HEADER_OVERFLOW);
		break;
	case RPROC_DIAG_FND_PLAT_TLV:
		c->set |= FACT(F_UNKNOWN_PLATFORM_TLV);
		c->plat_id = addr;
		break;
	case RPROC_DIAG_FND_IMAGE_CHANGED:
		c->image_changed = true;
		break;
	default:
		break;
	}
}

/* Findings that make an image not clean (notes and bookkeeping do not). */
static bool is_problem_finding(uint32_t code)
{
	return code != RPROC_DIAG_FND_OK && code != RPROC_DIAG_FND_DUPLICATE_PADDR &&
	       code != RPROC_DIAG_FND_FETCH_FAILED && code != RPROC_DIAG_FND_IMAGE_CHANGED &&
	       code != RPROC_DIAG_FND_MISSING_BOOTADDR && code != RPROC_DIAG_FND_ECDSA;
}

/* What failed: the first failing TA command, else the session open, else nothing. */
static void failure_facts(struct diag_facts *c, const struct rd_record *r)
{
	int fi = rd_first_failed_cmd(r);

	if (fi >= 0) {
		const struct rd_ta_cmd *tc = &r->cmds[fi];

		for (int i = 0; i < fi; i++)
			if (r->cmds[i].func == RPROC_DIAG_TA_LOAD_FW && r->cmds[i].has_ret &&
			    r->cmds[i].ret == 0)
				c->set |= FACT(F_LOADED_BEFORE);
		c->failure = FAILED_TA_CMD;
		c->cmd = tc->func;
		c->has_code = tc->has_ret && tc->ret != 0;
		c->code = c->has_code ? tc->ret : 0;
		c->origin = tc->has_origin ? tc->origin : 0;
		c->cmd_errno = tc->has_errno ? tc->err : 0;
		if (!c->has_code)
			c->set |= FACT(F_INVOKE_ERRNO);
	} else if (r->has_session &&
		   ((r->session.has_ret && r->session.ret) ||
		    (r->session.has_errno && r->session.err))) {
		c->failure = FAILED_SESSION;
		c->has_code = r->session.has_ret && r->session.ret != 0;
		c->code = c->has_code ? r->session.ret : 0;
		c->origin = r->session.has_origin ? r->session.origin : 0;
	} else {
		c->failure = FAILED_NOTHING;
		if (!r->has_boot_ret || r->boot_ret == 0)
			c->set |= FACT(F_BOOT_OK);
	}
	if (r->kind == RPROC_DIAG_KIND_SHUTDOWN)
		c->set |= FACT(F_KIND_SHUTDOWN);
	if (r->kind == RPROC_DIAG_KIND_REGISTER)
		c->set |= FACT(F_KIND_REGISTER);
	if (r->has_boot_ret && r->boot_ret == -517)
		c->set |= FACT(F_PROBE_DEFERRED);
	if (r->has_boot_ret && r->boot_ret == -ENOENT)
		c->set |= FACT(F_BOOT_ENOENT);
}

/* The kernel's header facts and deferred analysis; true when a problem was found. */
static bool kernel_facts(struct diag_facts *c, const struct rd_record *r)
{
	bool problems = false;

	if (r->has_fw_size) {
		c->size = r->fw_size;
		c->has_size = true;
	}
	if (r->has_image) {
		const struct rd_image *im = &r->image;

		c->analyzed = true;
		if (im->has_format) {
			c->format = im->format;
			c->has_format = true;
		}
		if (im->has_expected_size) {
			c->expected = im->expected_size;
			c->has_expected = true;
		}
		if (im->has_sign_len)
			c->sign_len = im->sign_len;
		if (im->has_magic && im->magic == RPI_MAGIC)
			c->set |= FACT(F_SIGNED_MAGIC);
		if (im->has_sign_type && im->sign_type == RPI_SIGN_ECDSA_P256_SHA256)
			c->set |= FACT(F_ECDSA_SIGNED);
		if (im->has_bootaddr) {
			c->set |= FACT(F_HAS_BOOTADDR);
			c->bootaddr = im->bootaddr;
		}
		if (im->has_pkey_sha256)
			c->set |= FACT(F_HAS_PKEYINFO);
	}
	for (unsigned int i = 0; i < r->n_findings; i++) {
		const struct rd_finding *k = &r->findings[i];
		struct rpi_finding x = {
			.code = k->code, .index = k->index, .addr = k->addr, .value = k->value,
		};

		add_finding(c, &x, k->text);
		if (is_problem_finding(k->code))
			problems = true;
	}
	if (r->has_analysis && r->has_an_status && r->an_status == 0)
		c->analyzed = true;
	return problems;
}

/* The firmware file's offline analysis; true when a problem was found. */
static bool file_facts(struct diag_facts *c, const struct diag_file *f)
{
	const struct rpi_summary *s = &f->res.sum;
	bool problems = false;

	c->analyzed = true;
	if (!c->has_size) {
		c->size = f->size;
		c->has_size = true;
	} else if (c->size != f->size) {
		c->image_changed = true;
	}
	if (!c->has_format) {
		c->format = s->format;
		c->has_format = true;
	}
	if (!c->has_expected && (s->flags & RPI_S_HAS_EXPECTED)) {
		c->expected = s->expected_size;
		c->has_expected = true;
	}
	if (!c->sign_len)
		c->sign_len = s->sign_len;
	if (s->magic == RPI_MAGIC)
		c->set |= FACT(F_SIGNED_MAGIC);
	if ((s->flags & RPI_S_HAS_SIGN_TYPE) && s->sign_type == RPI_SIGN_ECDSA_P256_SHA256)
		c->set |= FACT(F_ECDSA_SIGNED);
	if (s->flags & RPI_S_HAS_BOOTADDR) {
		c->set |= FACT(F_HAS_BOOTADDR);
		c->bootaddr = s->bootaddr;
	}
	if (s->flags & RPI_S_HAS_PKEY)
		c->set |= FACT(F_HAS_PKEYINFO);
	if (s->flags & RPI_S_HAS_ENC_TYPE)
		c->set |= FACT(F_ENCRYPTED);
	for (unsigned int i = 0; i < f->n_findings; i++) {
		char text[RPROC_DIAG_TEXT_MAX];

		rpi_finding_text(&f->findings[i], text, sizeof(text));
		add_finding(c, &f->findings[i], text);
		if (is_problem_finding(f->findings[i].code))
			problems = true;
	}
	if (f->sig.ta_key_given) {
		if (f->sig.ta_key_verifies)
			c->set |= FACT(F_TA_KEY_VERIFIES);
		if (c->sign_len && f->sig.ta_key_bits && f->sig.ta_key_bits != c->sign_len * 8)
			c->set |= FACT(F_KEY_SIZE_DIFFERS);
	}
	return problems;
}

/* Format and size facts the findings may not have stated; true: a problem. */
static bool layout_facts(struct diag_facts *c)
{
	bool problems = false;

	/* a file cut inside its header has no size equation: the finding's count */
	if (!c->has_expected && c->has_size && c->missing) {
		c->expected = c->size + c->missing;
		c->has_expected = true;
	}
	if (c->has_format) {
		switch (c->format) {
		case RPROC_DIAG_FMT_F1:
		case RPROC_DIAG_FMT_F2:
			c->set |= FACT(F_WRONG_GENERATION);
			problems = true;
			break;
		case RPROC_DIAG_FMT_ELF:
			c->set |= FACT(F_NOT_SIGNED);
			problems = true;
			break;
		case RPROC_DIAG_FMT_DAMAGED:
			c->set |= FACT(F_DAMAGED);
			problems = true;
			break;
		default:
			break;
		}
	}
	if (c->has_size && c->has_expected && !(c->set & FACT(F_WRONG_GENERATION)) &&
	    !(c->set & FACT(F_NOT_SIGNED))) {
		if (c->size < c->expected) {
			c->set |= FACT(F_TRUNCATED);
			problems = true;
		} else if (c->size > c->expected) {
			c->set |= FACT(F_APPENDED);
			problems = true;
		}
	}
	/* a size that is off explains the damage: it is not "damaged" then */
	if (c->set & (FACT(F_TRUNCATED) | FACT(F_APPENDED)))
		c->set &= ~FACT(F_DAMAGED);
	return problems;
}

static void device_facts(struct diag_facts *c, const struct diag_dev *d)
{
	if (!d->tee_present)
		c->set |= FACT(F_TEE_MISSING);
	else if (!d->ta_present)
		c->set |= FACT(F_TA_MISSING);
	if (!strcmp(d->fw_format, "ELF"))
		c->set |= FACT(F_ELF_MODE);
}

/*
 * What only the kernel log says (explain --log), from the layer that gave
 * the errno (diagnosis/kernel_log.c: klog_errno_reason() has the kernel's
 * reason for each).
 */
static void log_facts(struct diag_facts *c, const struct klog_attempt *a)
{
	if (!a->has_err)
		return;
	c->has_log_errno = true;
	c->log_errno = a->err;
	c->log_stage = a->stage;
	switch (a->stage) {
	case KLOG_STAGE_FIRMWARE:
		c->set |= FACT(F_FIRMWARE_LOADER);
		/* kernel_read_file(): -EINVAL for i_size <= 0 or !S_ISREG */
		if (a->err == -EINVAL)
			c->set |= FACT(F_FIRMWARE_EMPTY);
		/* ... -EFBIG over INT_MAX bytes, -ENOMEM when vmalloc() fails */
		if (a->err == -EFBIG || a->err == -ENOMEM)
			c->set |= FACT(F_FIRMWARE_TOO_LARGE);
		/* the sysfs fallback's timeout: the file was not found either */
		if (a->err == -ETIMEDOUT)
			c->set |= FACT(F_BOOT_ENOENT);
		break;
	case KLOG_STAGE_ELF:
		c->set |= FACT(F_ELF_LOADER_REFUSED) | FACT(F_ELF_MODE);
		break;
	case KLOG_STAGE_TEE:
		if (a->rsc_map_failed && a->err == -ENOMEM)
			c->set |= FACT(F_RSC_UNMAPPABLE);
		break;
	default:
		break;
	}
}

void diag_facts_derive(const struct diag_input *in, struct diag_facts *c)
{
	const struct diag_file *f = in->file;
	bool problems;

	memset(c, 0, sizeof(*c));
	c->in = in;
	failure_facts(c, in->rec);
	problems = kernel_facts(c, in->rec);
	if (f && f->analyzed && file_facts(c, f))
		problems = true;
	if (layout_facts(c))
		problems = true;
	if (c->analyzed && !problems && !(c->set & IMAGE_PROBLEMS) && f && f->analyzed)
		c->set |= FACT(F_IMAGE_CLEAN);
	if (in->dev && in->dev->known)
		device_facts(c, in->dev);
	/* kernel_read_file() refuses a file of size 0 before reading it */
	if (f && f->found && !f->err && f->size == 0)
		c->set |= FACT(F_FIRMWARE_EMPTY);
	if (in->log)
		log_facts(c, in->log);
}
