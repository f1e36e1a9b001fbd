// SPDX-License-Identifier: GPL-2.0
/*
 * sim_upstream_api: the upstream-series TEE remoteproc API
 * (rproc_tee_*(struct rproc *), "remoteproc: Add TEE support" v22) for the
 * rproc-diag test VM.  Our own code from the project's notes.
 *
 * The TEE-bus client binds to the remoteproc TA device and takes the DT
 * node whose compatible is the TA UUID; platform drivers reference it with
 * "st,rproc-tee = <&node RPROC_ID>" and call rproc_tee_register().
 */
#include <linux/module.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/tee_drv.h>
#include <linux/uuid.h>
#include <linux/remoteproc.h>
#include <linux/remoteproc_tee.h>

#define TA_RPROC_CMD_LOAD_FW		1
#define TA_RPROC_CMD_START		2
#define TA_RPROC_CMD_STOP		3
#define TA_RPROC_CMD_GET_RSC_TABLE	4
#define TA_RPROC_CMD_RELEASE_FW		6

#define RPROC_TEE_MAX_PARAMS		4
#define RPROC_TEE_UUID_STR		"80a4c275-0a47-4905-8285-1486a9771a08"

struct rproc_tee {
	struct list_head node;
	struct rproc *rproc;
	struct device *dev;
	u32 rproc_id;
	u32 session_id;
	void *rsc_va;
	size_t rsc_size;
};

struct rproc_tee_context {
	struct list_head sessions;
	struct tee_context *tee_ctx;
	struct device *dev;
	struct device_node *np;
	uuid_t uuid;
};

static struct rproc_tee_context *rproc_tee_ctx;
static DEFINE_MUTEX(rproc_tee_lock);	/* rproc_tee_ctx and its list */

static struct rproc_tee *rproc_to_trproc(struct rproc *rproc)
{
	struct rproc_tee *trproc;

	if (!rproc_tee_ctx)
		return NULL;
	list_for_each_entry(trproc, &rproc_tee_ctx->sessions, node)
		if (trproc->rproc == rproc)
			return trproc;
	return NULL;
}

static void rproc_tee_prepare_args(struct rproc_tee *trproc, int cmd,
				   struct tee_ioctl_invoke_arg *arg,
				   struct tee_param *param,
				   unsigned int num_params)
{
	memset(arg, 0, sizeof(*arg));
	memset(param, 0, RPROC_TEE_MAX_PARAMS * sizeof(*param));
	arg->func = cmd;
	arg->session = trproc->session_id;
	arg->num_params = num_params + 1;
	param[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	param[0].u.value.a = trproc->rproc_id;
}

static int rproc_tee_invoke(struct rproc_tee *trproc, int cmd,
			    struct tee_ioctl_invoke_arg *arg,
			    struct tee_param *param, const char *name)
{
	int ret = tee_client_invoke_func(rproc_tee_ctx->tee_ctx, arg, param);

	if (ret < 0 || arg->ret != 0) {
		dev_err(rproc_tee_ctx->dev,
			"%s invoke failed TEE err: %#x, ret:%d\n", name,
			arg->ret, ret);
		if (!ret)
			ret = -EIO;
	}
	return ret;
}

int rproc_tee_load_fw(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_tee *trproc = rproc_to_trproc(rproc);
	struct tee_param param[RPROC_TEE_MAX_PARAMS];
	struct tee_ioctl_invoke_arg arg;
	struct tee_shm *fw_shm;
	int ret;

	if (!trproc)
		return -EINVAL;
	fw_shm = tee_shm_register_kernel_buf(rproc_tee_ctx->tee_ctx,
					     (void *)fw->data, fw->size);
	if (IS_ERR(fw_shm))
		return PTR_ERR(fw_shm);

	rproc_tee_prepare_args(trproc, TA_RPROC_CMD_LOAD_FW, &arg, param, 1);
	param[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	param[1].u.memref.shm = fw_shm;
	param[1].u.memref.size = fw->size;
	ret = rproc_tee_invoke(trproc, TA_RPROC_CMD_LOAD_FW, &arg, param,
			       "TA_RPROC_CMD_LOAD_FW");
	tee_shm_free(fw_shm);
	return ret;
}
EXPORT_SYMBOL_GPL(rproc_tee_load_fw);

static int rproc_tee_get_loaded_rsc_table(struct rproc *rproc,
					  phys_addr_t *rsc_pa,
					  size_t *table_sz)
{
	struct rproc_tee *trproc = rproc_to_trproc(rproc);
	struct tee_param param[RPROC_TEE_MAX_PARAMS];
	struct tee_ioctl_invoke_arg arg;
	int ret;

	if (!trproc)
		return -EINVAL;
	rproc_tee_prepare_args(trproc, TA_RPROC_CMD_GET_RSC_TABLE, &arg,
			       param, 2);
	param[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	param[2].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	ret = rproc_tee_invoke(trproc, TA_RPROC_CMD_GET_RSC_TABLE, &arg, param,
			       "TA_RPROC_CMD_GET_RSC_TABLE");
	if (ret)
		return ret;
	*rsc_pa = param[1].u.value.a | (u64)param[1].u.value.b << 32;
	*table_sz = param[2].u.value.a | (u64)param[2].u.value.b << 32;
	return 0;
}

int rproc_tee_parse_fw(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_tee *trproc = rproc_to_trproc(rproc);
	phys_addr_t pa;
	size_t sz;
	int ret;

	if (!trproc)
		return -EINVAL;
	/* Authenticate and load first: the table is read from TEE memory. */
	ret = rproc_tee_load_fw(rproc, fw);
	if (ret)
		return ret;
	ret = rproc_tee_get_loaded_rsc_table(rproc, &pa, &sz);
	if (ret)
		return ret;
	if (!sz)
		return 0;	/* no resource table in this firmware */

	trproc->rsc_va = memremap(pa, sz, MEMREMAP_WC);
	if (!trproc->rsc_va) {
		dev_err(rproc_tee_ctx->dev,
			"Unable to map memory region: %pa+%zx\n", &pa, sz);
		return -ENOMEM;
	}
	trproc->rsc_size = sz;
	rproc->cached_table = kmemdup(trproc->rsc_va, sz, GFP_KERNEL);
	if (!rproc->cached_table)
		return -ENOMEM;
	rproc->table_ptr = rproc->cached_table;
	rproc->table_sz = sz;
	return 0;
}
EXPORT_SYMBOL_GPL(rproc_tee_parse_fw);

struct resource_table *rproc_tee_find_loaded_rsc_table(struct rproc *rproc,
							const struct firmware *fw)
{
	struct rproc_tee *trproc = rproc_to_trproc(rproc);

	return trproc ? trproc->rsc_va : NULL;
}
EXPORT_SYMBOL_GPL(rproc_tee_find_loaded_rsc_table);

void rproc_tee_release_fw(struct rproc *rproc)
{
	struct rproc_tee *trproc = rproc_to_trproc(rproc);
	struct tee_param param[RPROC_TEE_MAX_PARAMS];
	struct tee_ioctl_invoke_arg arg;

	if (!trproc)
		return;
	if (trproc->rsc_va)
		memunmap(trproc->rsc_va);
	trproc->rsc_va = NULL;
	rproc_tee_prepare_args(trproc, TA_RPROC_CMD_RELEASE_FW, &arg, param, 0);
	rproc_tee_invoke(trproc, TA_RPROC_CMD_RELEASE_FW, &arg, param,
			 "TA_RPROC_CMD_RELEASE_FW");
}
EXPORT_SYMBOL_GPL(rproc_tee_release_fw);

int rproc_tee_start(struct rproc *rproc)
{
	struct rproc_tee *trproc = rproc_to_trproc(rproc);
	struct tee_param param[RPROC_TEE_MAX_PARAMS];
	struct tee_ioctl_invoke_arg arg;

	if (!trproc)
		return -EINVAL;
	rproc_tee_prepare_args(trproc, TA_RPROC_CMD_START, &arg, param, 0);
	return rproc_tee_invoke(trproc, TA_RPROC_CMD_START, &arg, param,
				"TA_RPROC_CMD_START");
}
EXPORT_SYMBOL_GPL(rproc_tee_start);

int rproc_tee_stop(struct rproc *rproc)
{
	struct rproc_tee *trproc = rproc_to_trproc(rproc);
	struct tee_param param[RPROC_TEE_MAX_PARAMS];
	struct tee_ioctl_invoke_arg arg;

	if (!trproc)
		return -EINVAL;
	rproc_tee_prepare_args(trproc, TA_RPROC_CMD_STOP, &arg, param, 0);
	return rproc_tee_invoke(trproc, TA_RPROC_CMD_STOP, &arg, param,
				"TA_RPROC_CMD_STOP");
}
EXPORT_SYMBOL_GPL(rproc_tee_stop);

int rproc_tee_register(struct device *dev, struct rproc *rproc,
		       const struct of_phandle_args *tee_phandle)
{
	struct tee_param param[RPROC_TEE_MAX_PARAMS];
	struct tee_ioctl_open_session_arg sess_arg;
	struct rproc_tee *trproc;
	int ret;

	if (!tee_phandle || tee_phandle->args_count < 1)
		return -EINVAL;
	mutex_lock(&rproc_tee_lock);
	if (!rproc_tee_ctx) {
		ret = -EPROBE_DEFER;
		goto out;
	}
	if (rproc_tee_ctx->np && tee_phandle->np != rproc_tee_ctx->np) {
		dev_err(dev, "st,rproc-tee does not point to the TEE remoteproc node\n");
		ret = -EINVAL;
		goto out;
	}
	trproc = kzalloc(sizeof(*trproc), GFP_KERNEL);
	if (!trproc) {
		ret = -ENOMEM;
		goto out;
	}
	memset(&sess_arg, 0, sizeof(sess_arg));
	memset(param, 0, sizeof(param));
	export_uuid(sess_arg.uuid, &rproc_tee_ctx->uuid);
	sess_arg.clnt_login = TEE_IOCTL_LOGIN_REE_KERNEL;
	sess_arg.num_params = 1;
	param[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	param[0].u.value.a = tee_phandle->args[0];
	ret = tee_client_open_session(rproc_tee_ctx->tee_ctx, &sess_arg, param);
	if (ret < 0 || sess_arg.ret != 0) {
		dev_err(dev, "tee_client_open_session failed, err: %#x\n",
			sess_arg.ret);
		kfree(trproc);
		ret = -EINVAL;
		goto out;
	}
	trproc->rproc = rproc;
	trproc->dev = dev;
	trproc->rproc_id = tee_phandle->args[0];
	trproc->session_id = sess_arg.session;
	list_add_tail(&trproc->node, &rproc_tee_ctx->sessions);
	ret = 0;
out:
	mutex_unlock(&rproc_tee_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(rproc_tee_register);

int rproc_tee_unregister(struct device *dev, struct rproc *rproc)
{
	struct rproc_tee *trproc;
	int ret;

	mutex_lock(&rproc_tee_lock);
	trproc = rproc_to_trproc(rproc);
	if (!trproc) {
		mutex_unlock(&rproc_tee_lock);
		return -EINVAL;
	}
	ret = tee_client_close_session(rproc_tee_ctx->tee_ctx,
				       trproc->session_id);
	if (ret < 0)
		dev_err(rproc_tee_ctx->dev,
			"tee_client_close_session failed, err: %#x\n", ret);
	list_del(&trproc->node);
	mutex_unlock(&rproc_tee_lock);
	if (trproc->rsc_va)
		memunmap(trproc->rsc_va);
	kfree(trproc);
	return ret;
}
EXPORT_SYMBOL_GPL(rproc_tee_unregister);

static int rproc_tee_ctx_match(struct tee_ioctl_version_data *ver,
			       const void *data)
{
	return ver->impl_id == TEE_IMPL_ID_OPTEE;
}

static int rproc_tee_probe(struct device *dev)
{
	struct rproc_tee_context *ctx;
	struct tee_context *tee_ctx;
	int ret = 0;

	mutex_lock(&rproc_tee_lock);
	if (rproc_tee_ctx) {
		ret = -EBUSY;
		goto out;
	}
	tee_ctx = tee_client_open_context(NULL, rproc_tee_ctx_match, NULL,
					  NULL);
	if (IS_ERR(tee_ctx)) {
		ret = PTR_ERR(tee_ctx);
		goto out;
	}
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx) {
		tee_client_close_context(tee_ctx);
		ret = -ENOMEM;
		goto out;
	}
	ctx->dev = dev;
	ctx->tee_ctx = tee_ctx;
	ctx->np = of_find_compatible_node(NULL, NULL, RPROC_TEE_UUID_STR);
	uuid_copy(&ctx->uuid, &to_tee_client_device(dev)->id.uuid);
	INIT_LIST_HEAD(&ctx->sessions);
	rproc_tee_ctx = ctx;
out:
	mutex_unlock(&rproc_tee_lock);
	return ret;
}

static int rproc_tee_remove(struct device *dev)
{
	struct rproc_tee *trproc, *tmp;

	mutex_lock(&rproc_tee_lock);
	list_for_each_entry_safe(trproc, tmp, &rproc_tee_ctx->sessions, node) {
		tee_client_close_session(rproc_tee_ctx->tee_ctx,
					 trproc->session_id);
		list_del(&trproc->node);
		if (trproc->rsc_va)
			memunmap(trproc->rsc_va);
		kfree(trproc);
	}
	tee_client_close_context(rproc_tee_ctx->tee_ctx);
	of_node_put(rproc_tee_ctx->np);
	kfree(rproc_tee_ctx);
	rproc_tee_ctx = NULL;
	mutex_unlock(&rproc_tee_lock);
	return 0;
}

static const struct tee_client_device_id rproc_tee_id_table[] = {
	{ UUID_INIT(0x80a4c275, 0x0a47, 0x4905,
		    0x82, 0x85, 0x14, 0x86, 0xa9, 0x77, 0x1a, 0x08) },
	{}
};
MODULE_DEVICE_TABLE(tee, rproc_tee_id_table);

static struct tee_client_driver rproc_tee_fw_driver = {
	.id_table = rproc_tee_id_table,
	.driver = {
		.name = "remoteproc_tee",
		.bus = &tee_bus_type,
		.probe = rproc_tee_probe,
		.remove = rproc_tee_remove,
	},
};

static int __init rproc_tee_mod_init(void)
{
	return driver_register(&rproc_tee_fw_driver.driver);
}

static void __exit rproc_tee_mod_exit(void)
{
	driver_unregister(&rproc_tee_fw_driver.driver);
}

module_init(rproc_tee_mod_init);
module_exit(rproc_tee_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rproc-diag test: upstream-style TEE remoteproc API (rproc_tee_*)");
