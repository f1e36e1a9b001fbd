// SPDX-License-Identifier: GPL-2.0
/*
 * Deferred image analysis.  The firmware the TEE refused is gone by the time
 * rproc_boot() returns (release_firmware()), so a work item fetches it
 * again by name for the same device, walks it with the shared image
 * library (size equations, TA-order checks, segment SHA-256 recompute) and
 * attaches the findings to the record.  Never runs in probe context.
 */
#include <linux/device.h>
#include <linux/firmware.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <crypto/sha2.h>
#include "compat.h"
#include "record.h"
#include "image.h"
#include "analysis.h"
#include "netlink.h"
#include "rproc_image.h"

#define SCRATCH_LEN	16384

struct job {
	bool used;
	u64 seq;
	struct device *dev;
};

static DEFINE_SPINLOCK(jobs_lock);
static struct job jobs[RPROC_DIAG_ANALYSIS_JOBS];
static void analysis_work_fn(struct work_struct *work);
static DECLARE_WORK(analysis_work, analysis_work_fn);
static bool analysis_live;

struct buf_src {
	const u8 *data;
	size_t size;
};

static int buf_read(void *ctx, u64 off, void *buf, size_t len)
{
	const struct buf_src *b = ctx;

	if (off > b->size || len > b->size - off)
		return -ERANGE;
	memcpy(buf, b->data + off, len);
	return 0;
}

static int hash_init(void *hctx)
{
	sha256_init(hctx);
	return 0;
}

static int hash_update(void *hctx, const void *data, size_t len)
{
	sha256_update(hctx, data, len);
	return 0;
}

static int hash_final(void *hctx, u8 digest[RPI_SHA256_LEN])
{
	sha256_final(hctx, digest);
	return 0;
}

static void add_finding(struct rproc_diag_analysis_rec *an,
			const struct rpi_finding *f)
{
	struct rproc_diag_finding_rec *r;

	if (an->n_findings >= RPROC_DIAG_MAX_FINDINGS)
		return;
	r = &an->findings[an->n_findings++];
	r->code = f->code;
	r->index = f->index;
	r->addr = f->addr;
	r->value = f->value;
	rpi_finding_text(f, r->text, sizeof(r->text));
}

static void on_finding(void *ctx, const struct rpi_finding *f)
{
	add_finding(ctx, f);
}

struct analyze_mem {
	struct sha256_state sha;
	struct rpi_result res;
	u8 scratch[SCRATCH_LEN];
};

int rproc_diag_analyze_buf(const u8 *data, size_t size,
			   struct rproc_diag_analysis_rec *an)
{
	struct buf_src b = { .data = data, .size = size };
	struct rpi_source src = {
		.read = buf_read, .ctx = &b, .size = size,
	};
	struct rpi_visitor v = { .finding = on_finding, .ctx = an };
	struct rpi_hash_ops hash = {
		.init = hash_init, .update = hash_update, .final = hash_final,
	};
	struct analyze_mem *m;
	int ret;

	m = kvmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	hash.hctx = &m->sha;
	ret = rpi_analyze(&src, &hash, m->scratch, sizeof(m->scratch), &v,
			  &m->res);
	kvfree(m);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_analyze_buf);

/* Did the header the TEE was handed differ from the file's now? */
static bool same_image(const struct rproc_diag_image_rec *a,
		       const struct rproc_diag_image_rec *b)
{
	return a->format == b->format && a->magic == b->magic &&
	       a->tlv_len == b->tlv_len && a->sign_len == b->sign_len &&
	       a->img_len == b->img_len && a->present == b->present &&
	       a->tlv_mask == b->tlv_mask && a->bootaddr == b->bootaddr &&
	       !memcmp(a->pkey_sha256, b->pkey_sha256, sizeof(a->pkey_sha256));
}

void rproc_diag_analyze(const struct rproc_diag_record *rec,
			struct device *dev,
			struct rproc_diag_analysis_rec *an)
{
	struct rproc_diag_image_rec now;
	const struct firmware *fw;
	struct rpi_finding f = {};
	int ret;

	memset(an, 0, sizeof(*an));
	ret = firmware_request_nowarn(&fw, rec->fw_name, dev);
	if (ret) {
		an->status = ret;
		f.code = RPROC_DIAG_FND_FETCH_FAILED;
		f.value = ret;
		add_finding(an, &f);
		return;
	}
	/* what was handed to the TEE may differ from the file now */
	if (rec->flags & RPROC_DIAG_F_IMAGE_VALID) {
		rproc_diag_image_summarize(fw->data, fw->size, &now);
		if (fw->size != rec->fw_size || !same_image(&now, &rec->image)) {
			f.code = RPROC_DIAG_FND_IMAGE_CHANGED;
			f.value = (s64)fw->size - (s64)rec->fw_size;
			add_finding(an, &f);
		}
	}
	an->status = rproc_diag_analyze_buf(fw->data, fw->size, an);
	release_firmware(fw);
}

static void analysis_work_fn(struct work_struct *work)
{
	struct rproc_diag_analysis_rec *an;
	struct rproc_diag_record *rec;
	struct job job;
	unsigned int i;

	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	an = kmalloc(sizeof(*an), GFP_KERNEL);
	for (i = 0; i < RPROC_DIAG_ANALYSIS_JOBS; i++) {
		spin_lock_irq(&jobs_lock);
		job = jobs[i];
		jobs[i].used = false;
		spin_unlock_irq(&jobs_lock);
		if (!job.used)
			continue;
		if (rec && an && !rproc_diag_ring_get(rproc_diag_st, job.seq,
						      rec)) {
			rproc_diag_analyze(rec, job.dev, an);
			if (!rproc_diag_ring_set_analysis(rproc_diag_st,
							  job.seq, an))
				rproc_diag_nl_notify_analysis(job.seq, an);
		}
		put_device(job.dev);
	}
	kfree(an);
	kfree(rec);
}

void rproc_diag_analysis_queue(u64 seq, struct device *dev)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&jobs_lock, flags);
	for (i = 0; i < RPROC_DIAG_ANALYSIS_JOBS; i++)
		if (!jobs[i].used)
			break;
	if (i == RPROC_DIAG_ANALYSIS_JOBS || !READ_ONCE(analysis_live)) {
		spin_unlock_irqrestore(&jobs_lock, flags);
		rproc_diag_ring_set_analysis_status(rproc_diag_st, seq, -EBUSY);
		return;
	}
	jobs[i].used = true;
	jobs[i].seq = seq;
	jobs[i].dev = get_device(dev);
	spin_unlock_irqrestore(&jobs_lock, flags);
	schedule_work(&analysis_work);
}

int rproc_diag_analysis_init(void)
{
	WRITE_ONCE(analysis_live, true);
	return 0;
}

void rproc_diag_analysis_exit(void)
{
	unsigned int i;

	WRITE_ONCE(analysis_live, false);
	cancel_work_sync(&analysis_work);
	for (i = 0; i < RPROC_DIAG_ANALYSIS_JOBS; i++) {
		if (jobs[i].used)
			put_device(jobs[i].dev);
		jobs[i].used = false;
	}
}
