// SPDX-License-Identifier: GPL-2.0
/*
 * sim_st_api: ST's downstream TEE remoteproc API (tee_rproc_*(struct
 * tee_rproc *), OpenSTLinux 6.1-r2/6.6 generation) for the rproc-diag test
 * VM.  Same exported names, signatures, struct layout, TA commands, session
 * parameters and error messages as the notes describe; our own code.
 *
 * A client driver on the TEE bus binds to the remoteproc TA device
 * (optee-ta-80a4c275-...) and opens the TEE context; tee_rproc_register()
 * returns -EPROBE_DEFER until that happened, i.e. when the OP-TEE image has
 * no remoteproc TA ("opteemin").
 */
#include <linux/module.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/tee_drv.h>
#include <linux/uuid.h>
#include <linux/remoteproc.h>
#include <linux/tee_remoteproc.h>

#define TA_RPROC_FW_CMD_LOAD_FW		1
#define TA_RPROC_FW_CMD_START_FW	2
#define TA_RPROC_FW_CMD_STOP_FW		3
#define TA_RPROC_FW_CMD_GET_RSC_TABLE	4
#define TA_RPROC_FW_CMD_GET_COREDUMP	5

#define TEE_RPROC_MAX_PARAMS		4

/* ST's layout: 16, 24, 32, 36, 40 on 64-bit kernels; 8, 12, 16, 20, 24 on arm */
#define TRP_PTR	sizeof(void *)
static_assert(offsetof(struct tee_rproc, rproc) == 2 * TRP_PTR);
static_assert(offsetof(struct tee_rproc, parent) == 3 * TRP_PTR);
static_assert(offsetof(struct tee_rproc, rproc_id) == 4 * TRP_PTR);
static_assert(offsetof(struct tee_rproc, session_id) == 4 * TRP_PTR + 4);
static_assert(offsetof(struct tee_rproc, rsc_va) == 4 * TRP_PTR + 8);

struct tee_rproc_context {
	struct list_head sessions;
	struct tee_context *tee_ctx;
	struct device *dev;
	uuid_t uuid;
};

static struct tee_rproc_context *tee_rproc_ctx;
static DEFINE_MUTEX(tee_rproc_lock);	/* tee_rproc_ctx and its list */

static void tee_rproc_prepare_args(struct tee_rproc *trproc, int cmd,
				   struct tee_ioctl_invoke_arg *arg,
				   struct tee_param *param,
				   unsigned int num_params)
{
	memset(arg, 0, sizeof(*arg));
	memset(param, 0, TEE_RPROC_MAX_PARAMS * sizeof(*param));
	arg->func = cmd;
	arg->session = trproc->session_id;
	arg->num_params = num_params + 1;
	param[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	param[0].u.value.a = trproc->rproc_id;
}

int tee_rproc_load_fw(struct tee_rproc *trproc, const struct firmware *fw)
{
	struct tee_param param[TEE_RPROC_MAX_PARAMS];
	struct tee_ioctl_invoke_arg arg;
	struct tee_shm *fw_shm;
	int ret;

	/* The whole signed image is shared with the TEE, not copied. */
	fw_shm = tee_shm_register_kernel_buf(tee_rproc_ctx->tee_ctx,
					     (void *)fw->data, fw->size);
	if (IS_ERR(fw_shm))
		return PTR_ERR(fw_shm);

	tee_rproc_prepare_args(trproc, TA_RPROC_FW_CMD_LOAD_FW, &arg, param, 1);
	param[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
	param[1].u.memref.shm = fw_shm;
	param[1].u.memref.size = fw->size;
	param[1].u.memref.shm_offs = 0;

	ret = tee_client_invoke_func(tee_rproc_ctx->tee_ctx, &arg, param);
	if (ret < 0 || arg.ret != 0) {
		dev_err(tee_rproc_ctx->dev,
			"TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: %x, ret:%x\n",
			arg.ret, ret);
		if (!ret)
			ret = -EIO;
	}
	tee_shm_free(fw_shm);
	return ret;
}
EXPORT_SYMBOL_GPL(tee_rproc_load_fw);

int rproc_tee_get_rsc_table(struct tee_rproc *trproc)
{
	struct tee_param param[TEE_RPROC_MAX_PARAMS];
	struct tee_ioctl_invoke_arg arg;
	phys_addr_t rsc_pa;
	size_t rsc_size;
	int ret;

	tee_rproc_prepare_args(trproc, TA_RPROC_FW_CMD_GET_RSC_TABLE, &arg,
			       param, 2);
	param[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	param[2].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;

	ret = tee_client_invoke_func(tee_rproc_ctx->tee_ctx, &arg, param);
	if (ret < 0 || arg.ret != 0) {
		dev_err(tee_rproc_ctx->dev,
			"TA_RPROC_FW_CMD_GET_RSC_TABLE invoke failed TEE err: %x, ret:%x\n",
			arg.ret, ret);
		return -EIO;
	}

	rsc_pa = param[1].u.value.a | (u64)param[1].u.value.b << 32;
	rsc_size = param[2].u.value.a | (u64)param[2].u.value.b << 32;
	if (trproc->rsc_va)
		iounmap(trproc->rsc_va);
	trproc->rsc_va = NULL;
	if (!rsc_size)
		return 0;	/* the firmware has no resource table */

	trproc->rsc_va = ioremap_wc(rsc_pa, rsc_size);
	if (!trproc->rsc_va) {
		dev_err(tee_rproc_ctx->dev,
			"Unable to map memory region: %lld+%zx\n",
			(u64)rsc_pa, rsc_size);
		return -ENOMEM;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(rproc_tee_get_rsc_table);

struct resource_table *tee_rproc_get_loaded_rsc_table(struct tee_rproc *trproc)
{
	return (struct resource_table *)trproc->rsc_va;
}
EXPORT_SYMBOL_GPL(tee_rproc_get_loaded_rsc_table);

static int tee_rproc_simple_cmd(struct tee_rproc *trproc, int cmd,
				const char *name)
{
	struct tee_param param[TEE_RPROC_MAX_PARAMS];
	struct tee_ioctl_invoke_arg arg;
	int ret;

	tee_rproc_prepare_args(trproc, cmd, &arg, param, 0);
	ret = tee_client_invoke_func(tee_rproc_ctx->tee_ctx, &arg, param);
	if (ret < 0 || arg.ret != 0) {
		dev_err(tee_rproc_ctx->dev,
			"%s invoke failed TEE err: %x, ret:%x\n", name, arg.ret,
			ret);
		if (!ret)
			ret = -EIO;
	}
	return ret;
}

int tee_rproc_start(struct tee_rproc *trproc)
{
	return tee_rproc_simple_cmd(trproc, TA_RPROC_FW_CMD_START_FW,
				    "TA_RPROC_FW_CMD_START_FW");
}
EXPORT_SYMBOL_GPL(tee_rproc_start);

int tee_rproc_stop(struct tee_rproc *trproc)
{
	int ret = tee_rproc_simple_cmd(trproc, TA_RPROC_FW_CMD_STOP_FW,
				       "TA_RPROC_FW_CMD_STOP_FW");

	if (!ret && trproc->rsc_va) {
		iounmap(trproc->rsc_va);
		trproc->rsc_va = NULL;
	}
	return ret;
}
EXPORT_SYMBOL_GPL(tee_rproc_stop);

struct tee_rproc *tee_rproc_register(struct device *dev,
				     unsigned int rproc_id)
{
	struct tee_param param[TEE_RPROC_MAX_PARAMS];
	struct tee_ioctl_open_session_arg sess_arg;
	struct tee_rproc *trproc;
	int ret;

	mutex_lock(&tee_rproc_lock);
	if (!tee_rproc_ctx) {
		/* The remoteproc TA is not (yet) on the TEE bus. */
		trproc = ERR_PTR(-EPROBE_DEFER);
		goto out;
	}
	trproc = kzalloc(sizeof(*trproc), GFP_KERNEL);
	if (!trproc) {
		trproc = ERR_PTR(-ENOMEM);
		goto out;
	}

	memset(&sess_arg, 0, sizeof(sess_arg));
	memset(param, 0, sizeof(param));
	export_uuid(sess_arg.uuid, &tee_rproc_ctx->uuid);
	sess_arg.clnt_login = TEE_IOCTL_LOGIN_REE_KERNEL;
	sess_arg.num_params = 1;
	param[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	param[0].u.value.a = rproc_id;

	ret = tee_client_open_session(tee_rproc_ctx->tee_ctx, &sess_arg, param);
	if (ret < 0 || sess_arg.ret != 0) {
		dev_err(dev, "tee_client_open_session failed, err: %x\n",
			sess_arg.ret);
		kfree(trproc);
		trproc = ERR_PTR(-EINVAL);
		goto out;
	}
	trproc->parent = dev;
	trproc->rproc_id = rproc_id;
	trproc->session_id = sess_arg.session;
	list_add_tail(&trproc->node, &tee_rproc_ctx->sessions);
out:
	mutex_unlock(&tee_rproc_lock);
	return trproc;
}
EXPORT_SYMBOL_GPL(tee_rproc_register);

int tee_rproc_unregister(struct tee_rproc *trproc)
{
	int ret = 0;

	mutex_lock(&tee_rproc_lock);
	if (tee_rproc_ctx) {
		ret = tee_client_close_session(tee_rproc_ctx->tee_ctx,
					       trproc->session_id);
		if (ret < 0)
			dev_err(tee_rproc_ctx->dev,
				"tee_client_close_session failed, err: %x\n",
				ret);
	}
	list_del(&trproc->node);
	mutex_unlock(&tee_rproc_lock);
	if (trproc->rsc_va)
		iounmap(trproc->rsc_va);
	kfree(trproc);
	return ret;
}
EXPORT_SYMBOL_GPL(tee_rproc_unregister);

static int tee_ctx_match(struct tee_ioctl_version_data *ver, const void *data)
{
	return ver->impl_id == TEE_IMPL_ID_OPTEE;
}

static int tee_rproc_probe(struct device *dev)
{
	struct tee_rproc_context *ctx;
	struct tee_context *tee_ctx;
	int ret = 0;

	mutex_lock(&tee_rproc_lock);
	if (tee_rproc_ctx) {
		dev_err(dev, "An RPROC OP-TEE device was already initialized: only one allowed\n");
		ret = -EBUSY;
		goto out;
	}
	tee_ctx = tee_client_open_context(NULL, tee_ctx_match, NULL, NULL);
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
	uuid_copy(&ctx->uuid, &to_tee_client_device(dev)->id.uuid);
	INIT_LIST_HEAD(&ctx->sessions);
	tee_rproc_ctx = ctx;
out:
	mutex_unlock(&tee_rproc_lock);
	return ret;
}

static int tee_rproc_remove(struct device *dev)
{
	struct tee_rproc *trproc, *tmp;

	mutex_lock(&tee_rproc_lock);
	list_for_each_entry_safe(trproc, tmp, &tee_rproc_ctx->sessions, node) {
		tee_client_close_session(tee_rproc_ctx->tee_ctx,
					 trproc->session_id);
		list_del_init(&trproc->node);
	}
	tee_client_close_context(tee_rproc_ctx->tee_ctx);
	kfree(tee_rproc_ctx);
	tee_rproc_ctx = NULL;
	mutex_unlock(&tee_rproc_lock);
	return 0;
}

static const struct tee_client_device_id stm32_tee_rproc_id_table[] = {
	{ UUID_INIT(0x80a4c275, 0x0a47, 0x4905,
		    0x82, 0x85, 0x14, 0x86, 0xa9, 0x77, 0x1a, 0x08) },
	{}
};
MODULE_DEVICE_TABLE(tee, stm32_tee_rproc_id_table);

static struct tee_client_driver tee_rproc_fw_driver = {
	.id_table = stm32_tee_rproc_id_table,
	.driver = {
		.name = "tee_remoteproc",
		.bus = &tee_bus_type,
		.probe = tee_rproc_probe,
		.remove = tee_rproc_remove,
	},
};

static int __init tee_rproc_fw_mod_init(void)
{
	return driver_register(&tee_rproc_fw_driver.driver);
}

static void __exit tee_rproc_fw_mod_exit(void)
{
	driver_unregister(&tee_rproc_fw_driver.driver);
}

module_init(tee_rproc_fw_mod_init);
module_exit(tee_rproc_fw_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rproc-diag test: ST-style TEE remoteproc API (tee_rproc_*)");
