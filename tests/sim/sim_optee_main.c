// SPDX-License-Identifier: GPL-2.0
/*
 * sim_optee: an emulated OP-TEE for the rproc-diag test VM.
 *
 * Registers a TEE device through the kernel's TEE subsystem with the OP-TEE
 * implementation id, so tee_client_open_context() with an OP-TEE match
 * finds it, and serves sessions to the remoteproc TA
 * (80a4c275-0a47-4905-8285-1486a9771a08), which it also enumerates on the
 * TEE bus as optee-ta-<uuid> like OP-TEE does for TA_FLAG_DEVICE_ENUM TAs.
 * The TA itself lives in sim_ta_rproc.c.  Knobs: see tests/sim/README.md.
 *
 * Test-only code; it is never installed.
 */
#define pr_fmt(fmt) "sim_optee: " fmt

#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/firmware.h>
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/uuid.h>
#include <linux/tee_core.h>
#include <linux/tee_drv.h>

#include "sim_optee.h"

static char *ta = "st";
module_param(ta, charp, 0444);
MODULE_PARM_DESC(ta, "TA generation: upstream | st | legacy (default st)");

static bool ta_enumerated = true;
module_param(ta_enumerated, bool, 0444);
MODULE_PARM_DESC(ta_enumerated,
		 "the OP-TEE image embeds the remoteproc TA (n: \"opteemin\" layout, no TA)");

static char *key = "sim-optee/rproc-key.pem";
module_param(key, charp, 0444);
MODULE_PARM_DESC(key,
		 "firmware file with the RSA key OP-TEE was built with (PEM or DER)");

static char *secure_ids = "";
module_param(secure_ids, charp, 0444);
MODULE_PARM_DESC(secure_ids,
		 "rproc ids OP-TEE's DT loads securely, e.g. \"0,1\" (default: upstream/legacy 0, st 0,1)");

static char *memory = "";
module_param(memory, charp, 0444);
MODULE_PARM_DESC(memory,
		 "coprocessor memories OP-TEE declares, \"DA+SIZE,...\" (default per rproc id)");

static uint ta_heap = 4096;
module_param(ta_heap, uint, 0444);
MODULE_PARM_DESC(ta_heap, "CFG_REMOTEPROC_TA_HEAP_SIZE, bytes (default 4096)");

static bool pub_key_verify;
module_param(pub_key_verify, bool, 0444);
MODULE_PARM_DESC(pub_key_verify,
		 "ST CFG_REMOTEPROC_PUB_KEY_VERIFY=y: the PKEYINFO key, checked against otp_pkh");

static char *otp_pkh = "";
module_param(otp_pkh, charp, 0444);
MODULE_PARM_DESC(otp_pkh, "OTP oem_rproc_pkh, 64 hex digits (default: unfused)");

static char *otp_enc_key = "";
module_param(otp_enc_key, charp, 0444);
MODULE_PARM_DESC(otp_enc_key,
		 "OTP oem_rproc_enc_key, 32, 48 or 64 hex digits (default: unfused)");

static char *st_da_translation = "dma-ranges";
module_param(st_da_translation, charp, 0444);
MODULE_PARM_DESC(st_da_translation,
		 "ST: dma-ranges (a8dd87d4) or regions (before ST commit 7a7a05e1)");

static const uuid_t sim_ta_uuid =
	UUID_INIT(0x80a4c275, 0x0a47, 0x4905,
		  0x82, 0x85, 0x14, 0x86, 0xa9, 0x77, 0x1a, 0x08);

#define SIM_MAX_SESSIONS	16
#define SIM_LOG_SIZE		(32 * 1024)

struct sim_session {
	u32 id;			/* 0: free */
	u32 rproc_id;
	struct tee_context *ctx;
};

static struct {
	struct mutex lock;	/* sessions, TA and PTA state, logs */
	struct sim_optee_cfg cfg;
	struct sim_platform plat;
	struct sim_ta ta;
	struct sim_session sess[SIM_MAX_SESSIONS];
	u32 next_session;
	struct platform_device *pdev;
	struct tee_device *teedev;
	struct tee_client_device *ta_dev;
	struct dentry *dbg;
	char *log, *console;	/* command log, emulated secure console */
	size_t log_len, console_len;
} sim;

/* Append to a bounded text log; the older half goes when it is full. */
static __printf(3, 0) void sim_append(char *buf, size_t *len, const char *fmt, va_list ap)
{
	char line[256];
	int n = vscnprintf(line, sizeof(line), fmt, ap);

	if (*len + n + 1 > SIM_LOG_SIZE) {
		size_t keep = *len / 2;

		memmove(buf, buf + *len - keep, keep);
		*len = keep;
	}
	memcpy(buf + *len, line, n);
	*len += n;
	buf[(*len)++] = '\n';
}

static __printf(1, 2) void sim_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sim_append(sim.log, &sim.log_len, fmt, ap);
	va_end(ap);
}

/* EMSG/DMSG of the TA: the secure console, never the kernel log. */
void sim_ta_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sim_append(sim.console, &sim.console_len, fmt, ap);
	va_end(ap);
}

/* ---- TEE driver ops ---------------------------------------------------- */

static void sim_get_version(struct tee_device *teedev,
			    struct tee_ioctl_version_data *vers)
{
	vers->impl_id = TEE_IMPL_ID_OPTEE;
	vers->impl_caps = TEE_OPTEE_CAP_TZ;
	vers->gen_caps = TEE_GEN_CAP_GP | TEE_GEN_CAP_REG_MEM |
			 TEE_GEN_CAP_MEMREF_NULL;
}

static int sim_open(struct tee_context *ctx)
{
	return 0;
}

static void sim_release(struct tee_context *ctx)
{
	int i;

	mutex_lock(&sim.lock);
	for (i = 0; i < SIM_MAX_SESSIONS; i++) {
		if (sim.sess[i].id && sim.sess[i].ctx == ctx) {
			sim_log("session close session=%u (context released)",
				sim.sess[i].id);
			sim_ta_close_session(&sim.ta);
			sim.sess[i].id = 0;
		}
	}
	mutex_unlock(&sim.lock);
}

static struct sim_session *sim_find(struct tee_context *ctx, u32 id)
{
	int i;

	for (i = 0; i < SIM_MAX_SESSIONS; i++)
		if (id && sim.sess[i].id == id && sim.sess[i].ctx == ctx)
			return &sim.sess[i];
	return NULL;
}

static int sim_open_session(struct tee_context *ctx,
			    struct tee_ioctl_open_session_arg *arg,
			    struct tee_param *param)
{
	u32 ret = TEE_SUCCESS, origin = TEE_ORIGIN_TRUSTED_APP, rproc_id = ~0U;
	struct tee_param p[4] = {};
	int i;

	mutex_lock(&sim.lock);
	arg->session = 0;
	if (!ta_enumerated || memcmp(arg->uuid, sim_ta_uuid.b, UUID_SIZE)) {
		/* No such TA in this OP-TEE image. */
		ret = TEE_ERROR_ITEM_NOT_FOUND;
		origin = TEE_ORIGIN_TEE;
		goto out;
	}
	if (arg->num_params > 4) {
		ret = TEE_ERROR_BAD_PARAMETERS;
		origin = TEE_ORIGIN_TEE;
		goto out;
	}
	for (i = 0; i < SIM_MAX_SESSIONS && sim.sess[i].id; i++)
		;
	if (i == SIM_MAX_SESSIONS) {
		ret = TEE_ERROR_OUT_OF_MEMORY;
		origin = TEE_ORIGIN_TEE;
		goto out;
	}
	memcpy(p, param, arg->num_params * sizeof(*p));
	rproc_id = p[0].u.value.a;
	ret = sim_ta_open_session(&sim.ta, p);
	if (ret)
		goto out;
	sim.sess[i].id = ++sim.next_session;
	sim.sess[i].rproc_id = rproc_id;
	sim.sess[i].ctx = ctx;
	arg->session = sim.sess[i].id;
out:
	arg->ret = ret;
	arg->ret_origin = origin;
	sim_log("session open rproc_id=%d login=%#x ret=0x%08x origin=%u session=%u",
		(int)rproc_id, arg->clnt_login, ret, origin, arg->session);
	mutex_unlock(&sim.lock);
	return 0;
}

static int sim_close_session(struct tee_context *ctx, u32 session)
{
	struct sim_session *s;

	mutex_lock(&sim.lock);
	s = sim_find(ctx, session);
	if (s) {
		sim_log("session close session=%u", session);
		sim_ta_close_session(&sim.ta);
		s->id = 0;
	}
	mutex_unlock(&sim.lock);
	return s ? 0 : -EINVAL;
}

/* The kernel address of a registered or pool buffer plus offset. */
static const u8 *sim_memref(struct tee_param *p, size_t *size)
{
	struct tee_shm *shm = p->u.memref.shm;
	const u8 *base;

	*size = p->u.memref.size;
	if (!shm)
		return NULL;
	if (p->u.memref.shm_offs + *size > shm->size)
		return ERR_PTR(-EINVAL);
	if (shm->flags & TEE_SHM_POOL)
		base = shm->kaddr;
	else
		base = (const u8 *)(uintptr_t)shm->sec_world_id + shm->offset;
	return base + p->u.memref.shm_offs;
}

static int sim_invoke_func(struct tee_context *ctx,
			   struct tee_ioctl_invoke_arg *arg,
			   struct tee_param *param)
{
	struct tee_param p[4] = {};
	const u8 *img = NULL;
	size_t img_size = 0;
	struct sim_session *s;
	u32 res, n = min_t(u32, arg->num_params, 4);

	memcpy(p, param, n * sizeof(*p));
	mutex_lock(&sim.lock);
	s = sim_find(ctx, arg->session);
	if (!s) {
		mutex_unlock(&sim.lock);
		return -EINVAL;
	}
	if ((p[1].attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK) ==
	    TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT) {
		img = sim_memref(&p[1], &img_size);
		if (IS_ERR(img)) {
			mutex_unlock(&sim.lock);
			return PTR_ERR(img);
		}
	}
	if (arg->num_params > 4)
		res = TEE_ERROR_BAD_PARAMETERS;
	else
		res = sim_ta_invoke(&sim.ta, arg->func, p, img, img_size);
	arg->ret = res;
	arg->ret_origin = TEE_ORIGIN_TRUSTED_APP;
	sim_log("invoke session=%u rproc_id=%u cmd=%s func=%u ret=0x%08x origin=%u size=%zu",
		arg->session, (u32)p[0].u.value.a, sim_ta_cmd_name(arg->func),
		arg->func, res, TEE_ORIGIN_TRUSTED_APP, img_size);
	if (arg->func == SIM_TA_CMD_GET_RSC_TABLE && !res) {
		/*
		 * The emulated coprocessor memories are not memory Linux could
		 * map: the caller is told "no resource table" (0/0), the TA's
		 * answer goes to the log.
		 */
		sim_log("rsc_table pa=%#llx size=%#llx (reported to Linux as 0/0)",
			(u64)p[1].u.value.b << 32 | p[1].u.value.a,
			(u64)p[2].u.value.b << 32 | p[2].u.value.a);
		p[1].u.value.a = p[1].u.value.b = 0;
		p[2].u.value.a = p[2].u.value.b = 0;
	}
	mutex_unlock(&sim.lock);
	memcpy(param, p, n * sizeof(*p));
	return 0;
}

static int sim_cancel_req(struct tee_context *ctx, u32 cancel_id,
			  u32 session)
{
	return 0;
}

/* arch/arm has no PAGE_KERNEL_RO (arch/arm/include/asm/pgtable.h) */
#ifdef PAGE_KERNEL_RO
#define SIM_SHM_PROT	PAGE_KERNEL_RO
#else
#define SIM_SHM_PROT	PAGE_KERNEL
#endif

static int sim_shm_register(struct tee_context *ctx, struct tee_shm *shm,
			    struct page **pages, size_t num_pages,
			    unsigned long start)
{
	void *va = vmap(pages, num_pages, VM_MAP, SIM_SHM_PROT);

	if (!va)
		return -ENOMEM;
	shm->sec_world_id = (uintptr_t)va;
	return 0;
}

static int sim_shm_unregister(struct tee_context *ctx, struct tee_shm *shm)
{
	vunmap((void *)(uintptr_t)shm->sec_world_id);
	shm->sec_world_id = 0;
	return 0;
}

static const struct tee_driver_ops sim_tee_ops = {
	.get_version = sim_get_version,
	.open = sim_open,
	.release = sim_release,
	.open_session = sim_open_session,
	.close_session = sim_close_session,
	.invoke_func = sim_invoke_func,
	.cancel_req = sim_cancel_req,
	.shm_register = sim_shm_register,
	.shm_unregister = sim_shm_unregister,
};

static const struct tee_desc sim_tee_desc = {
	.name = "sim-optee-clnt",
	.ops = &sim_tee_ops,
	.owner = THIS_MODULE,
};

/* ---- TEE bus enumeration of the TA ------------------------------------- */

static void sim_ta_dev_release(struct device *dev)
{
	kfree(to_tee_client_device(dev));
}

static int sim_enumerate_ta(void)
{
	struct tee_client_device *d = kzalloc(sizeof(*d), GFP_KERNEL);
	int ret;

	if (!d)
		return -ENOMEM;
	d->dev.bus = &tee_bus_type;
	d->dev.release = sim_ta_dev_release;
	uuid_copy(&d->id.uuid, &sim_ta_uuid);
	ret = dev_set_name(&d->dev, "optee-ta-%pUb", &sim_ta_uuid);
	if (ret) {
		kfree(d);
		return ret;
	}
	ret = device_register(&d->dev);
	if (ret) {
		put_device(&d->dev);
		return ret;
	}
	sim.ta_dev = d;
	return 0;
}

/* ---- configuration ----------------------------------------------------- */

/*
 * The coprocessor memories OP-TEE's DT declares by default.
 *
 * ST 4.0.0 (a8dd87d4) ships no MP25 board DT with the "-tee" M33
 * compatible: rproc 1 takes the reserved-memory areas of ST's STM32MP257F-EV1
 * DT (tfm_code, cm33_cube_fw, tfm_data, cm33_cube_data, ipc_shmem) and the
 * SoC's dma-ranges (M33 DA 0x0 and 0x10000000 alias DDR 0x80000000; DA >=
 * 0x20000000 is 1:1), rproc 0 the STM32MP15 M4 areas (RETRAM, MCU SRAMs)
 * with that SoC's dma-ranges.  OP-TEE 4.9.0 knows only the STM32MP15 M4
 * (rproc 0): the DK board regions at their device addresses.  These are the
 * ground truth's defaults (../shared/ground-truth/README.md).
 */
#define R(p, s)		{ .pa = (p), .size = (s) }
#define RD(p, d, s)	{ .pa = (p), .da = (d), .size = (s) }
#define D(d, p, s)	{ .da = (d), .pa = (p), .size = (s) }

static const struct sim_rproc_inst st_mp15 = {
	.present = true, .n_regions = 4, .n_dma = 3,
	.regions = { R(0x38000000, 0x10000), R(0x10000000, 0x20000),
		     R(0x10020000, 0x20000), R(0x10040000, 0x10000) },
	.dma = { D(0x0, 0x38000000, 0x10000), D(0x10000000, 0x10000000, 0x60000),
		 D(0x30000000, 0x10000000, 0x60000) },
};

static const struct sim_rproc_inst st_mp25 = {
	.present = true, .m33 = true, .n_regions = 5, .n_dma = 4,
	.regions = { R(0x80000000, 0x100000), R(0x80100000, 0x800000),
		     R(0x80900000, 0x100000), R(0x80a00000, 0x800000),
		     R(0x81200000, 0x100000) },
	.dma = { D(0x0, 0x80000000, 0x8000000), D(0x8000000, 0x8000000, 0x8000000),
		 D(0x10000000, 0x80000000, 0x10000000),
		 D(0x20000000, 0x20000000, 0xd0000000) },
};

/* Regions with their DA (stm32_rproc_get_dma_range() of 4.9.0). */
static const struct sim_rproc_inst upstream_mp15 = {
	.present = true, .n_regions = 7,
	.regions = { RD(0x38000000, 0x0, 0x10000),
		     RD(0x30000000, 0x30000000, 0x40000),
		     RD(0x10000000, 0x10000000, 0x40000),
		     RD(0x10040000, 0x10040000, 0x1000),
		     RD(0x10041000, 0x10041000, 0x1000),
		     RD(0x10042000, 0x10042000, 0x4000),
		     RD(0x10048000, 0x10048000, 0x8000) },
};

/* Legacy F1 TA (ST <= 3.19.0-r1.1, notes only): RETRAM, MCU SRAM, alias. */
static const struct sim_rproc_inst legacy_mp15 = {
	.present = true, .n_regions = 3,
	.regions = { RD(0x0, 0x0, 0x10000), RD(0x10000000, 0x10000000, 0x60000),
		     RD(0x30000000, 0x30000000, 0x60000) },
};

/* The older ST behaviour: each region carries the DA of its first alias. */
static void st_regions_da(struct sim_rproc_inst *r)
{
	unsigned int i, j;

	for (i = 0; i < r->n_regions; i++) {
		r->regions[i].da = r->regions[i].pa;
		for (j = 0; j < r->n_dma; j++) {
			const struct sim_dma_range *d = &r->dma[j];

			if (r->regions[i].pa >= d->pa &&
			    r->regions[i].pa + r->regions[i].size <= d->pa + d->size) {
				r->regions[i].da = d->da + (r->regions[i].pa - d->pa);
				break;
			}
		}
	}
}

static int parse_ids(unsigned long *ids)
{
	char *s, *tok, *copy;
	int ret = 0, id;

	copy = kstrdup(secure_ids, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	s = copy;
	while ((tok = strsep(&s, ", ")) && !ret) {
		if (!*tok)
			continue;
		if (kstrtoint(tok, 0, &id) || id < 0 || id >= SIM_MAX_RPROC) {
			pr_err("secure_ids: \"%s\" is not 0 or 1\n", tok);
			ret = -EINVAL;
		} else {
			__set_bit(id, ids);
		}
	}
	kfree(copy);
	return ret;
}

/* memory=DA+SIZE,...: the regions of every rproc, PA = DA. */
static int parse_memory(struct sim_region *out, unsigned int *n)
{
	char *s, *tok, *copy;
	int ret = 0;

	*n = 0;
	copy = kstrdup(memory, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	s = copy;
	while ((tok = strsep(&s, ", ")) && !ret) {
		char *plus = strchr(tok, '+');
		u32 da, size;

		if (!*tok)
			continue;
		if (!plus || *n == SIM_MAX_MEMS) {
			pr_err("memory: \"%s\": expected DA+SIZE (at most %d ranges)\n",
			       tok, SIM_MAX_MEMS);
			ret = -EINVAL;
			break;
		}
		*plus = 0;
		if (kstrtou32(tok, 0, &da) || kstrtou32(plus + 1, 0, &size)) {
			pr_err("memory: \"%s+%s\": not numbers\n", tok, plus + 1);
			ret = -EINVAL;
			break;
		}
		out[*n].pa = da;
		out[*n].da = da;
		out[(*n)++].size = size;
	}
	kfree(copy);
	return ret;
}

static int parse_otp(const char *name, const char *hex, u8 *out, size_t max,
		     const size_t *sizes, unsigned int nsizes)
{
	size_t len = strlen(hex);
	unsigned int i;

	if (!len)
		return 0;
	for (i = 0; i < nsizes; i++)
		if (len == 2 * sizes[i])
			break;
	if (i == nsizes || hex2bin(out, hex, len / 2)) {
		pr_err("%s=%s: expected hex digits of a %zu-byte value\n", name,
		       hex, max);
		return -EINVAL;
	}
	return 0;
}

static int sim_parse_cfg(struct sim_optee_cfg *cfg, struct sim_platform *plat)
{
	static const size_t pkh_sizes[] = { 32 }, key_sizes[] = { 16, 24, 32 };
	struct sim_region mem[SIM_MAX_MEMS];
	unsigned long ids = 0;
	unsigned int nmem, id;
	int ret;

	if (!strcmp(ta, "upstream"))
		cfg->ta = SIM_TA_UPSTREAM;
	else if (!strcmp(ta, "st"))
		cfg->ta = SIM_TA_ST;
	else if (!strcmp(ta, "legacy"))
		cfg->ta = SIM_TA_LEGACY;
	else {
		pr_err("ta=%s: expected upstream, st or legacy\n", ta);
		return -EINVAL;
	}
	cfg->ta_heap = ta_heap;
	cfg->pub_key_verify = pub_key_verify;
	if (!strcmp(st_da_translation, "regions")) {
		cfg->st_da_regions = true;
	} else if (strcmp(st_da_translation, "dma-ranges")) {
		pr_err("st_da_translation=%s: expected dma-ranges or regions\n",
		       st_da_translation);
		return -EINVAL;
	}
	ret = parse_otp("otp_pkh", otp_pkh, cfg->otp_pkh, 32, pkh_sizes, 1);
	if (!ret)
		ret = parse_otp("otp_enc_key", otp_enc_key, cfg->otp_enc_key, 32,
				key_sizes, ARRAY_SIZE(key_sizes));
	if (ret)
		return ret;

	if (*secure_ids) {
		ret = parse_ids(&ids);
		if (ret)
			return ret;
	} else {
		/* Upstream OP-TEE only knows "st,stm32mp1-m4-tee". */
		ids = cfg->ta == SIM_TA_ST ? 0x3 : 0x1;
	}
	ret = parse_memory(mem, &nmem);
	if (ret)
		return ret;

	plat->cfg = cfg;
	for (id = 0; id < SIM_MAX_RPROC; id++) {
		struct sim_rproc_inst *r = &plat->inst[id];

		if (cfg->ta == SIM_TA_ST)
			*r = id ? st_mp25 : st_mp15;
		else if (cfg->ta == SIM_TA_UPSTREAM)
			*r = upstream_mp15;
		else
			*r = legacy_mp15;
		r->present = test_bit(id, &ids);
		if (nmem) {
			memcpy(r->regions, mem, sizeof(mem));
			r->n_regions = nmem;
		}
		if (cfg->ta == SIM_TA_ST && cfg->st_da_regions && !nmem)
			st_regions_da(r);
	}
	return 0;
}

/* ---- debugfs ----------------------------------------------------------- */

static ssize_t sim_dbg_read(struct file *f, char __user *ubuf, size_t count,
			    loff_t *ppos)
{
	bool console = f->f_inode->i_private == &sim.console;
	char *copy;
	size_t len;
	ssize_t ret;

	copy = kvmalloc(SIM_LOG_SIZE, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	mutex_lock(&sim.lock);
	len = console ? sim.console_len : sim.log_len;
	memcpy(copy, console ? sim.console : sim.log, len);
	mutex_unlock(&sim.lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, copy, len);
	kvfree(copy);
	return ret;
}

static ssize_t sim_dbg_write(struct file *f, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	mutex_lock(&sim.lock);
	if (f->f_inode->i_private == &sim.console)
		sim.console_len = 0;
	else
		sim.log_len = 0;
	mutex_unlock(&sim.lock);
	return count;
}

static const struct file_operations sim_dbg_fops = {
	.owner = THIS_MODULE,
	.read = sim_dbg_read,
	.write = sim_dbg_write,
	.llseek = default_llseek,
};

static int sim_state_show(struct seq_file *m, void *v)
{
	int i;

	mutex_lock(&sim.lock);
	seq_printf(m, "ta: %s\nta_enumerated: %d\nkey_bits: %u\npub_key_verify: %d\n",
		   ta, ta_enumerated, sim_key_bits(), sim.cfg.pub_key_verify);
	seq_printf(m, "sessions: %u\nheap: %zu of %zu bytes in use\npta: %s\n",
		   sim.ta.session_refcount, sim.ta.heap.used,
		   sim.ta.heap.capacity, sim.plat.pta_on ? "ON" : "OFF");
	for (i = 0; i < SIM_MAX_RPROC; i++)
		seq_printf(m, "rproc%d: secure=%d boot_addr=%#x tzen=%d\n", i,
			   sim.plat.inst[i].present, sim.plat.inst[i].boot_addr,
			   sim.plat.inst[i].tzen);
	for (i = 0; i < SIM_TA_MAX_CTX; i++)
		if (sim.ta.ctx[i].used)
			seq_printf(m, "context rproc_id=%u state=%s\n",
				   sim.ta.ctx[i].rproc_id,
				   sim_ta_state_name(sim.ta.ctx[i].state));
	mutex_unlock(&sim.lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sim_state);

/* ---- module ------------------------------------------------------------ */

static int sim_load_key(void)
{
	const struct firmware *fw;
	int ret;

	ret = request_firmware(&fw, key, &sim.pdev->dev);
	if (ret) {
		pr_err("cannot read the key \"%s\" (%d): put it under /lib/firmware or set key=\n",
		       key, ret);
		return ret;
	}
	ret = sim_key_load(fw->data, fw->size, key);
	release_firmware(fw);
	return ret;
}

static int __init sim_optee_init(void)
{
	int ret;

	mutex_init(&sim.lock);
	sim.ta.plat = &sim.plat;
	sim.ta.cfg = &sim.cfg;
	ret = sim_parse_cfg(&sim.cfg, &sim.plat);
	if (ret)
		return ret;
	sim.log = kvzalloc(SIM_LOG_SIZE, GFP_KERNEL);
	sim.console = kvzalloc(SIM_LOG_SIZE, GFP_KERNEL);
	if (!sim.log || !sim.console) {
		ret = -ENOMEM;
		goto err_free;
	}
	sim.pdev = platform_device_register_simple("sim-optee", -1, NULL, 0);
	if (IS_ERR(sim.pdev)) {
		ret = PTR_ERR(sim.pdev);
		goto err_free;
	}
	ret = sim_load_key();
	if (ret)
		goto err_pdev;

	sim.teedev = tee_device_alloc(&sim_tee_desc, &sim.pdev->dev, NULL,
				      &sim);
	if (IS_ERR(sim.teedev)) {
		ret = PTR_ERR(sim.teedev);
		goto err_key;
	}
	ret = tee_device_register(sim.teedev);
	if (ret)
		goto err_teedev;

	sim.dbg = debugfs_create_dir("sim_optee", NULL);
	debugfs_create_file("log", 0600, sim.dbg, &sim.log, &sim_dbg_fops);
	debugfs_create_file("console", 0600, sim.dbg, &sim.console,
			    &sim_dbg_fops);
	debugfs_create_file("state", 0400, sim.dbg, NULL, &sim_state_fops);

	if (ta_enumerated) {
		ret = sim_enumerate_ta();
		if (ret)
			goto err_dbg;
	}
	pr_info("%s remoteproc TA, %s on the TEE bus, secure rproc ids:%s%s\n",
		ta, ta_enumerated ? "enumerated" : "absent (opteemin)",
		sim.plat.inst[0].present ? " 0" : "",
		sim.plat.inst[1].present ? " 1" : "");
	return 0;

err_dbg:
	debugfs_remove_recursive(sim.dbg);
	tee_device_unregister(sim.teedev);
	goto err_key;
err_teedev:
	tee_device_unregister(sim.teedev);
err_key:
	sim_key_release();
err_pdev:
	platform_device_unregister(sim.pdev);
err_free:
	kvfree(sim.log);
	kvfree(sim.console);
	return ret;
}

static void __exit sim_optee_exit(void)
{
	if (sim.ta_dev)
		device_unregister(&sim.ta_dev->dev);
	debugfs_remove_recursive(sim.dbg);
	tee_device_unregister(sim.teedev);
	sim_key_release();
	platform_device_unregister(sim.pdev);
	kvfree(sim.log);
	kvfree(sim.console);
}

module_init(sim_optee_init);
module_exit(sim_optee_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rproc-diag test: emulated OP-TEE with the remoteproc TA");
