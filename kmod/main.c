// SPDX-License-Identifier: GPL-2.0
/*
 * rproc_diag: diagnostics for TEE-delegated remoteproc firmware loading.
 */
#include <linux/module.h>
#include <linux/init.h>

static int __init rproc_diag_init(void)
{
	return 0;
}

static void __exit rproc_diag_exit(void)
{
}

module_init(rproc_diag_init);
module_exit(rproc_diag_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Remoteproc TEE firmware-load diagnostics");
