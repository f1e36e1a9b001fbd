// SPDX-License-Identifier: GPL-2.0
/*
 * kretprobes on the remoteproc core, the TEE client API and the TEE
 * remoteproc driver of whichever generation the running kernel has.
 *
 * Handlers run with preemption disabled: they read arguments with
 * *_nofault accessors, call the assembler (one spinlock) and queue work.
 * Nothing here sleeps or allocates.  A symbol that does not exist
 * (-ENOENT) is normal: each generation of the TEE remoteproc driver has its
 * own names.  A module notifier attaches the missing hooks when a module
 * that may provide them comes up, and detaches hooks from a module before
 * it goes away.
 */
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/firmware.h>
#include <linux/remoteproc.h>
#include <linux/tee_drv.h>
#include "compat.h"
#include "record.h"
#include "hooks.h"
#include "image.h"
#include "analysis.h"
#include "netlink.h"

/*
 * ST's struct tee_rproc (include/linux/tee_remoteproc.h in ST kernels, the
 * same layout from v5.10-stm32mp to v6.6-stm32mp).  Use the real header
 * when the tree has it; only ->rproc is read.
 */
#ifdef __has_include
#if __has_include("linux/tee_remoteproc.h")
#define RPROC_DIAG_HAVE_ST_HEADER
#endif
#endif

#ifdef RPROC_DIAG_HAVE_ST_HEADER
#include <linux/tee_remoteproc.h>
#define rproc_diag_trproc tee_rproc
#else
struct rproc_diag_trproc {
	struct list_head node;
	struct rproc *rproc;
	struct device *parent;
	u32 rproc_id;
	u32 session_id;
	void *rsc_va;
};
#endif

static const uuid_t rproc_ta_uuid =
	UUID_INIT(0x80a4c275, 0x0a47, 0x4905,
		  0x82, 0x85, 0x14, 0x86, 0xa9, 0x77, 0x1a, 0x08);

struct hook {
	const char *role;
	const char *symbol;
	enum rproc_diag_call call;
	u32 proves_api;		/* attaching it identifies the generation */
	u32 arg_api;		/* type of arg 0; 0: the detected generation's */
	kretprobe_handler_t entry;
	kretprobe_handler_t ret;
	size_t data_size;
	int maxactive;
	/* runtime, under hooks_lock */
	struct kretprobe krp;
	bool attached;
	int error;
	atomic64_t hits;
};

struct call_data {
	struct rproc *rproc;
};

struct invoke_data {
	struct tee_ioctl_invoke_arg *arg;
	u32 func;
	u32 session;
	u64 t0;
};

struct open_data {
	struct tee_ioctl_open_session_arg *arg;
};

static DEFINE_MUTEX(hooks_lock);

static struct hook *to_hook(struct kretprobe_instance *ri)
{
	return container_of(get_kretprobe(ri), struct hook, krp);
}

static struct rproc *arg_rproc(const struct hook *h, struct pt_regs *regs)
{
	u32 api = h->arg_api ? h->arg_api : READ_ONCE(rproc_diag_st->api);
	struct rproc_diag_trproc *trproc;
	struct rproc *rproc;

	switch (h->call) {
	case RPROC_DIAG_CALL_BOOT:
	case RPROC_DIAG_CALL_SHUTDOWN:
	case RPROC_DIAG_CALL_CORE:
		return (struct rproc *)rproc_diag_arg(regs, 0);
	case RPROC_DIAG_CALL_REGISTER:
		/* intermediate: (dev, rproc, id); ST: (dev, id) */
		if (api == RPROC_DIAG_API_INTERMEDIATE)
			return (struct rproc *)rproc_diag_arg(regs, 1);
		return NULL;
	default:
		break;
	}
	if (api == RPROC_DIAG_API_UPSTREAM ||
	    api == RPROC_DIAG_API_INTERMEDIATE)
		return (struct rproc *)rproc_diag_arg(regs, 0);
	if (api != RPROC_DIAG_API_ST)
		return NULL;
	trproc = (struct rproc_diag_trproc *)rproc_diag_arg(regs, 0);
	if (!trproc || get_kernel_nofault(rproc, &trproc->rproc))
		return NULL;
	return rproc;
}

/* Copy the string *@src into @dst without faulting; "" on a bad pointer. */
static void read_str(char *dst, size_t len, const char * const *src)
{
	const char *p;
	size_t i;

	dst[0] = '\0';
	if (get_kernel_nofault(p, src) || !p)
		return;
	for (i = 0; i + 1 < len; i++) {
		if (get_kernel_nofault(dst[i], p + i)) {
			dst[0] = '\0';
			return;
		}
		if (!dst[i])
			return;
	}
	dst[i] = '\0';
}

static void read_info(struct rproc_diag_rproc_info *info, struct rproc *rproc)
{
	info->index = -1;
	info->name[0] = '\0';
	info->fw_name[0] = '\0';
	if (!rproc)
		return;
	if (get_kernel_nofault(info->index, &rproc->index))
		info->index = -1;
	read_str(info->name, sizeof(info->name), &rproc->name);
	read_str(info->fw_name, sizeof(info->fw_name), &rproc->firmware);
}

/* LOAD/PARSE entry: summarise the image header the driver hands over. */
static void image_at_load(struct pt_regs *regs)
{
	const struct firmware *fw;
	struct rproc_diag_image_rec img;
	const u8 *data;
	size_t size;

	fw = (const struct firmware *)rproc_diag_arg(regs, 1);
	if (!fw || get_kernel_nofault(data, &fw->data) ||
	    get_kernel_nofault(size, &fw->size) || !data)
		return;
	rproc_diag_image_summarize(data, size, &img);
	rproc_diag_ev_image(rproc_diag_st, current, &img, size);
}

static int call_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct call_data *d = (struct call_data *)ri->data;
	struct rproc_diag_rproc_info info;
	struct hook *h = to_hook(ri);

	atomic64_inc(&h->hits);
	d->rproc = arg_rproc(h, regs);
	read_info(&info, d->rproc);
	rproc_diag_ev_enter(rproc_diag_st, current, h->call, &info,
			    ktime_get_real_ns());
	if (h->call == RPROC_DIAG_CALL_DRV_LOAD ||
	    h->call == RPROC_DIAG_CALL_DRV_PARSE)
		image_at_load(regs);
	return 0;
}

static int call_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct call_data *d = (struct call_data *)ri->data;
	unsigned long rv = regs_return_value(regs);
	struct hook *h = to_hook(ri);
	struct rproc_diag_done done;
	struct device *dev = NULL;
	int ret = (int)rv;

	/* ST's tee_rproc_register() returns a struct tee_rproc * */
	if (h->call == RPROC_DIAG_CALL_REGISTER &&
	    READ_ONCE(rproc_diag_st->api) == RPROC_DIAG_API_ST)
		ret = IS_ERR_VALUE(rv) ? (int)rv : 0;
	rproc_diag_ev_exit(rproc_diag_st, current, h->call, ret,
			   ktime_get_real_ns(), &done);
	if (!done.finished)
		return 0;
	/*
	 * Only a remoteproc core call's argument is known to be a live
	 * struct rproc; otherwise request_firmware() goes without a device.
	 */
	if (done.want_analysis) {
		if (d->rproc && (h->call == RPROC_DIAG_CALL_BOOT ||
				 h->call == RPROC_DIAG_CALL_CORE))
			dev = &d->rproc->dev;
		rproc_diag_analysis_queue(done.seq, dev);
	}
	rproc_diag_nl_kick();
	return 0;
}

static int invoke_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct invoke_data *d = (struct invoke_data *)ri->data;

	atomic64_inc(&to_hook(ri)->hits);
	d->arg = (struct tee_ioctl_invoke_arg *)rproc_diag_arg(regs, 1);
	if (!d->arg || get_kernel_nofault(d->func, &d->arg->func) ||
	    get_kernel_nofault(d->session, &d->arg->session))
		return 1;
	if (!rproc_diag_ev_tee_wanted(rproc_diag_st, current, d->session))
		return 1;	/* another TEE client: no return handler */
	d->t0 = ktime_get_ns();
	return 0;
}

static int invoke_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct invoke_data *d = (struct invoke_data *)ri->data;
	struct rproc_diag_ta_cmd_rec cmd = {
		.func = d->func,
		.err = (int)regs_return_value(regs),
	};
	struct rproc_diag_done done;

	cmd.duration_ns = ktime_get_ns() - d->t0;
	if (get_kernel_nofault(cmd.ret, &d->arg->ret) ||
	    get_kernel_nofault(cmd.origin, &d->arg->ret_origin))
		return 0;
	rproc_diag_ev_tee_invoke(rproc_diag_st, current, &cmd, d->session,
				 ktime_get_real_ns(), &done);
	if (done.finished)
		rproc_diag_nl_kick();
	return 0;
}

static int open_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct open_data *d = (struct open_data *)ri->data;
	u8 uuid[UUID_SIZE];

	atomic64_inc(&to_hook(ri)->hits);
	d->arg = (struct tee_ioctl_open_session_arg *)
		 rproc_diag_arg(regs, 1);
	if (!d->arg || copy_from_kernel_nofault(uuid, d->arg->uuid,
						sizeof(uuid)))
		return 1;
	if (!rproc_diag_ev_tee_open_wanted(rproc_diag_st, current,
					   !memcmp(uuid, &rproc_ta_uuid,
						   sizeof(uuid))))
		return 1;
	return 0;
}

static int open_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct open_data *d = (struct open_data *)ri->data;
	struct rproc_diag_session_rec s = {
		.err = (int)regs_return_value(regs),
	};

	if (get_kernel_nofault(s.ret, &d->arg->ret) ||
	    get_kernel_nofault(s.origin, &d->arg->ret_origin) ||
	    get_kernel_nofault(s.id, &d->arg->session))
		return 0;
	rproc_diag_ev_tee_open(rproc_diag_st, current, &s);
	return 0;
}

/* tee_client_close_session(ctx, session): forget the session id. */
static int close_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	atomic64_inc(&to_hook(ri)->hits);
	rproc_diag_ev_tee_close(rproc_diag_st,
				(u32)rproc_diag_arg(regs, 1));
	return 1;
}

#define CALL_HOOK(_role, _sym, _call, _proves, _arg_api)		\
	{ .role = _role, .symbol = _sym, .call = RPROC_DIAG_CALL_##_call, \
	  .proves_api = _proves, .arg_api = _arg_api,			\
	  .entry = call_entry, .ret = call_return,			\
	  .data_size = sizeof(struct call_data) }

#define API_ST		RPROC_DIAG_API_ST
#define API_INTER	RPROC_DIAG_API_INTERMEDIATE
#define API_UP		RPROC_DIAG_API_UPSTREAM

/*
 * Order matters: a symbol that identifies a generation comes before the
 * symbols that generations share (tee_rproc_load_fw takes a struct
 * tee_rproc * on ST kernels and a struct rproc * in the intermediate
 * upstream series).
 */
static struct hook hooks[] = {
	CALL_HOOK("boot", "rproc_boot", BOOT, 0, 0),
	CALL_HOOK("shutdown", "rproc_shutdown", SHUTDOWN, 0, 0),
	CALL_HOOK("fw_boot", "rproc_fw_boot", CORE, 0, 0),
	CALL_HOOK("start_core", "rproc_start", CORE, 0, 0),
	{ .role = "open_session", .symbol = "tee_client_open_session",
	  .entry = open_entry, .ret = open_return,
	  .data_size = sizeof(struct open_data), .maxactive = 32 },
	{ .role = "close_session", .symbol = "tee_client_close_session",
	  .entry = close_entry, .maxactive = 32 },
	{ .role = "invoke", .symbol = "tee_client_invoke_func",
	  .entry = invoke_entry, .ret = invoke_return,
	  .data_size = sizeof(struct invoke_data), .maxactive = 64 },
	/* ST downstream (OpenSTLinux 5.10 .. 6.6) */
	CALL_HOOK("get_rsc_table", "rproc_tee_get_rsc_table", DRV_RSC,
		  API_ST, API_ST),
	/* intermediate upstream series: tee_rproc_*(struct rproc *) */
	CALL_HOOK("parse_fw", "tee_rproc_parse_fw", DRV_PARSE,
		  API_INTER, API_INTER),
	CALL_HOOK("release_fw", "tee_rproc_release_fw", DRV_RELEASE,
		  API_INTER, API_INTER),
	/* shared by ST and the intermediate series */
	CALL_HOOK("register", "tee_rproc_register", REGISTER, 0, 0),
	CALL_HOOK("load_fw", "tee_rproc_load_fw", DRV_LOAD, 0, 0),
	CALL_HOOK("start", "tee_rproc_start", DRV_START, 0, 0),
	CALL_HOOK("stop", "tee_rproc_stop", DRV_STOP, 0, 0),
	/* upstream series v12+: rproc_tee_*(struct rproc *) */
	CALL_HOOK("register", "rproc_tee_register", REGISTER, API_UP, API_UP),
	CALL_HOOK("parse_fw", "rproc_tee_parse_fw", DRV_PARSE, API_UP, API_UP),
	CALL_HOOK("load_fw", "rproc_tee_load_fw", DRV_LOAD, API_UP, API_UP),
	CALL_HOOK("start", "rproc_tee_start", DRV_START, API_UP, API_UP),
	CALL_HOOK("stop", "rproc_tee_stop", DRV_STOP, API_UP, API_UP),
	CALL_HOOK("release_fw", "rproc_tee_release_fw", DRV_RELEASE,
		  API_UP, API_UP),
};

static void update_api(void)
{
	u32 api = RPROC_DIAG_API_NONE;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hooks); i++)
		if (hooks[i].attached && hooks[i].proves_api) {
			api = hooks[i].proves_api;
			break;
		}
	WRITE_ONCE(rproc_diag_st->api, api);
}

static void attach(struct hook *h, const char *why)
{
	int ret;

	memset(&h->krp, 0, sizeof(h->krp));
	h->krp.kp.symbol_name = h->symbol;
	h->krp.entry_handler = h->entry;
	h->krp.handler = h->ret;
	h->krp.data_size = h->data_size;
	h->krp.maxactive = h->maxactive;
	ret = register_kretprobe(&h->krp);
	h->error = ret;
	h->attached = !ret;
	if (ret)
		return;
	if (h->proves_api)
		update_api();
	pr_info("hooked %s (%s)%s\n", h->symbol, h->role, why);
}

static void detach(struct hook *h)
{
	unregister_kretprobe(&h->krp);
	h->attached = false;
	h->error = -ENOENT;
}

#ifdef CONFIG_MODULES
static int module_event(struct notifier_block *nb, unsigned long action,
			void *data)
{
	struct module *mod = data;
	bool changed = false;
	unsigned int i;

	mutex_lock(&hooks_lock);
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		struct hook *h = &hooks[i];

		if (action == MODULE_STATE_COMING && !h->attached) {
			attach(h, " in a module loaded later");
		} else if (action == MODULE_STATE_GOING && h->attached &&
			   within_module((unsigned long)h->krp.kp.addr, mod)) {
			detach(h);
			changed = true;
			pr_info("unhooked %s: module %s is going away\n",
				h->symbol, mod->name);
		}
	}
	if (changed)
		update_api();
	mutex_unlock(&hooks_lock);
	return NOTIFY_DONE;
}

static struct notifier_block module_nb = {
	.notifier_call = module_event,
};

static int watch_modules(void)
{
	return register_module_notifier(&module_nb);
}

static void unwatch_modules(void)
{
	unregister_module_notifier(&module_nb);
}
#else
/* no modules: every hook target is built in and was tried at init */
static int watch_modules(void)
{
	return 0;
}

static void unwatch_modules(void)
{
}
#endif

int rproc_diag_hooks_init(void)
{
	unsigned int i, n = 0;
	int ret;

	mutex_lock(&hooks_lock);
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		atomic64_set(&hooks[i].hits, 0);
		attach(&hooks[i], "");
		n += hooks[i].attached;
	}
	mutex_unlock(&hooks_lock);
	ret = watch_modules();
	if (ret)
		goto err_detach;
	if (!hooks[0].attached)
		pr_warn("rproc_boot could not be hooked (%d): boot attempts will not be recorded\n",
			hooks[0].error);
	pr_info("%u of %zu hooks attached, TEE remoteproc driver API %u\n",
		n, ARRAY_SIZE(hooks), READ_ONCE(rproc_diag_st->api));
	return 0;

err_detach:
	rproc_diag_hooks_exit();
	return ret;
}

void rproc_diag_hooks_exit(void)
{
	struct kretprobe *krps[ARRAY_SIZE(hooks)];
	unsigned int i, n = 0;

	unwatch_modules();
	mutex_lock(&hooks_lock);
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		if (!hooks[i].attached)
			continue;
		krps[n++] = &hooks[i].krp;
		hooks[i].attached = false;
		hooks[i].error = -ENOENT;
	}
	/* one RCU grace period for all: no handler runs after this */
	if (n)
		unregister_kretprobes(krps, n);
	update_api();
	mutex_unlock(&hooks_lock);
}

unsigned int rproc_diag_hooks_count(void)
{
	return ARRAY_SIZE(hooks);
}

void rproc_diag_hook_get(unsigned int i, struct rproc_diag_hook_info *info)
{
	struct hook *h = &hooks[i];

	mutex_lock(&hooks_lock);
	info->role = h->role;
	info->symbol = h->symbol;
	info->attached = h->attached;
	info->error = h->attached ? 0 : h->error;
	info->hits = atomic64_read(&h->hits);
	info->missed = h->attached ? h->krp.nmissed : 0;
	mutex_unlock(&hooks_lock);
}
