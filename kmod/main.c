// SPDX-License-Identifier: GPL-2.0
/*
 * rproc_diag: diagnostics for TEE-delegated remoteproc firmware loading.
 *
 * Init and exit only; each concern lives in its own file:
 * record.c (attempt assembler + ring), hooks.c (kretprobes), image.c and
 * analysis.c (image summary, deferred analysis), netlink.c (generic
 * netlink family), debugfs.c (text dump), tee_codes.c (names).
 */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include "record.h"
#include "hooks.h"
#include "analysis.h"
#include "netlink.h"
#include "debugfs.h"

static unsigned int ring_size = RPROC_DIAG_RING_DEFAULT;
module_param(ring_size, uint, 0444);
MODULE_PARM_DESC(ring_size, "boot-attempt records kept (1..1024, default 32)");

static bool analyze_always;

static int analyze_always_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_bool(val, kp);

	if (!ret && rproc_diag_st)
		WRITE_ONCE(rproc_diag_st->analyze_always, analyze_always);
	return ret;
}

static int analyze_always_get(char *buf, const struct kernel_param *kp)
{
	if (rproc_diag_st)
		analyze_always = READ_ONCE(rproc_diag_st->analyze_always);
	return param_get_bool(buf, kp);
}

static const struct kernel_param_ops analyze_always_ops = {
	.set = analyze_always_set,
	.get = analyze_always_get,
};
module_param_cb(analyze_always, &analyze_always_ops, &analyze_always, 0644);
MODULE_PARM_DESC(analyze_always,
		 "analyse the image after every boot attempt, not only after a failed LOAD");

static int __init rproc_diag_init(void)
{
	struct rproc_diag_state *st;
	int ret;

	if (!ring_size || ring_size > RPROC_DIAG_RING_MAX) {
		pr_err("ring_size=%u is out of range: use 1..%u\n", ring_size,
		       RPROC_DIAG_RING_MAX);
		return -EINVAL;
	}
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	ret = rproc_diag_state_init(st, ring_size);
	if (ret)
		goto err_free_state;
	st->analyze_always = analyze_always;
	rproc_diag_st = st;

	ret = rproc_diag_nl_init();
	if (ret)
		goto err_destroy_state;
	rproc_diag_debugfs_init();
	ret = rproc_diag_analysis_init();
	if (ret)
		goto err_debugfs;
	ret = rproc_diag_hooks_init();
	if (ret)
		goto err_analysis;
	return 0;

err_analysis:
	rproc_diag_analysis_exit();
err_debugfs:
	rproc_diag_debugfs_exit();
	rproc_diag_nl_exit();
err_destroy_state:
	rproc_diag_st = NULL;
	rproc_diag_state_destroy(st);
err_free_state:
	kfree(st);
	return ret;
}

static void __exit rproc_diag_exit(void)
{
	struct rproc_diag_state *st = rproc_diag_st;

	/* producers first: no probe fires after this returns */
	rproc_diag_hooks_exit();
	rproc_diag_analysis_exit();
	rproc_diag_debugfs_exit();
	rproc_diag_nl_exit();
	rproc_diag_st = NULL;
	rproc_diag_state_destroy(st);
	kfree(st);
}

module_init(rproc_diag_init);
module_exit(rproc_diag_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Remoteproc TEE firmware-load diagnostics");
MODULE_VERSION(RPROC_DIAG_MOD_VERSION);
MODULE_ALIAS_GENL_FAMILY(RPROC_DIAG_GENL_NAME);
