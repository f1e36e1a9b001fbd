// SPDX-License-Identifier: GPL-2.0
/*
 * sim_ta_client: a kernel client of the remoteproc TA through the kernel's
 * TEE client API (tee_client_open_context, tee_client_open_session,
 * tee_client_invoke_func, tee_shm_register_kernel_buf), the calls ST's
 * tee_remoteproc.c makes, driven command by command from debugfs so a test
 * can send any sequence, including ones no remoteproc driver sends (START
 * before LOAD_FW, RELEASE_FW on ST's TA, a second session ...).
 *
 *   /sys/kernel/debug/sim_ta_client/image  write: the image of the next
 *                                          load (O_TRUNC starts a new one)
 *   /sys/kernel/debug/sim_ta_client/cmd    write one command, read its result
 *
 * Commands: "open ID", "close", "load", "start", "stop", "get_rsc",
 * "release", "coredump".  Result: "ret=0x%08x origin=N", "ret=none
 * origin=none" when there is no session to send it on, or "error -E" when
 * the TEE subsystem refused the call.  The parameters are those of ST's
 * driver (params[0] = VALUE_INPUT rproc id, LOAD_FW's image as a
 * MEMREF_INPUT of a registered kernel buffer; an empty image is sent as a
 * null memref).  Test-only; never installed.
 */
#define pr_fmt(fmt) "sim_ta_client: " fmt

#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/tee_drv.h>

#define IMAGE_MAX	(8 * 1024 * 1024)
#define MAX_SESSIONS	4

#define TA_CMD_LOAD_FW		1
#define TA_CMD_START_FW		2
#define TA_CMD_STOP_FW		3
#define TA_CMD_GET_RSC_TABLE	4
#define TA_CMD_GET_COREDUMP	5
#define TA_CMD_RELEASE_FW	6

static const uuid_t ta_uuid =
	UUID_INIT(0x80a4c275, 0x0a47, 0x4905,
		  0x82, 0x85, 0x14, 0x86, 0xa9, 0x77, 0x1a, 0x08);

static struct {
	struct mutex lock;	/* everything below */
	struct tee_context *ctx;
	struct dentry *dir;
	u8 *image;
	size_t image_len;
	unsigned int nsess;	/* open sessions, the last one is used */
	u32 sess[MAX_SESSIONS];
	u32 rproc_id[MAX_SESSIONS];
	char result[64];
} c;

static int match_optee(struct tee_ioctl_version_data *ver, const void *data)
{
	return ver->impl_id == TEE_IMPL_ID_OPTEE;
}

static void set_result(u32 ret, u32 origin)
{
	scnprintf(c.result, sizeof(c.result), "ret=0x%08x origin=%u", ret,
		  origin);
}

static void cmd_open(u32 id)
{
	struct tee_ioctl_open_session_arg arg = {};
	struct tee_param p[4] = {};
	int ret;

	if (c.nsess == MAX_SESSIONS) {
		scnprintf(c.result, sizeof(c.result), "error %d", -EMFILE);
		return;
	}
	memcpy(arg.uuid, ta_uuid.b, TEE_IOCTL_UUID_LEN);
	arg.clnt_login = TEE_IOCTL_LOGIN_REE_KERNEL;
	arg.num_params = 1;
	p[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	p[0].u.value.a = id;
	ret = tee_client_open_session(c.ctx, &arg, p);
	if (ret < 0) {
		scnprintf(c.result, sizeof(c.result), "error %d", ret);
		return;
	}
	set_result(arg.ret, arg.ret_origin);
	if (!arg.ret) {
		c.sess[c.nsess] = arg.session;
		c.rproc_id[c.nsess++] = id;
	}
}

static void cmd_close(void)
{
	int ret;

	if (!c.nsess) {
		strscpy(c.result, "ret=none origin=none", sizeof(c.result));
		return;
	}
	ret = tee_client_close_session(c.ctx, c.sess[--c.nsess]);
	if (ret < 0)
		scnprintf(c.result, sizeof(c.result), "error %d", ret);
	else
		set_result(0, 4);	/* TA_CloseSessionEntryPoint: no result */
}

static void cmd_invoke(u32 func)
{
	struct tee_ioctl_invoke_arg arg = {};
	struct tee_param p[4] = {};
	struct tee_shm *shm = NULL;
	int ret;

	if (!c.nsess) {
		strscpy(c.result, "ret=none origin=none", sizeof(c.result));
		return;
	}
	arg.func = func;
	arg.session = c.sess[c.nsess - 1];
	arg.num_params = 1;
	p[0].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT;
	p[0].u.value.a = c.rproc_id[c.nsess - 1];
	switch (func) {
	case TA_CMD_LOAD_FW:
		if (c.image_len) {
			shm = tee_shm_register_kernel_buf(c.ctx, c.image,
							  c.image_len);
			if (IS_ERR(shm)) {
				scnprintf(c.result, sizeof(c.result), "error %ld",
					  PTR_ERR(shm));
				return;
			}
		}
		p[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT;
		p[1].u.memref.shm = shm;
		p[1].u.memref.size = c.image_len;
		arg.num_params = 2;
		break;
	case TA_CMD_GET_RSC_TABLE:
		p[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
		p[2].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
		arg.num_params = 3;
		break;
	case TA_CMD_GET_COREDUMP:
		p[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT;
		arg.num_params = 2;
		break;
	}
	ret = tee_client_invoke_func(c.ctx, &arg, p);
	if (shm)
		tee_shm_free(shm);
	if (ret < 0)
		scnprintf(c.result, sizeof(c.result), "error %d", ret);
	else
		set_result(arg.ret, arg.ret_origin);
}

static ssize_t cmd_write(struct file *f, const char __user *ubuf, size_t n,
			 loff_t *ppos)
{
	static const struct { const char *name; u32 func; } cmds[] = {
		{ "load", TA_CMD_LOAD_FW }, { "start", TA_CMD_START_FW },
		{ "stop", TA_CMD_STOP_FW }, { "get_rsc", TA_CMD_GET_RSC_TABLE },
		{ "coredump", TA_CMD_GET_COREDUMP },
		{ "release", TA_CMD_RELEASE_FW },
	};
	char buf[32];
	unsigned int i;
	u32 id;

	if (n >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, n))
		return -EFAULT;
	buf[n] = 0;
	strim(buf);
	mutex_lock(&c.lock);
	if (!strncmp(buf, "open ", 5)) {
		if (kstrtou32(buf + 5, 0, &id)) {
			mutex_unlock(&c.lock);
			return -EINVAL;
		}
		cmd_open(id);
		goto out;
	}
	if (!strcmp(buf, "close")) {
		cmd_close();
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		if (!strcmp(buf, cmds[i].name)) {
			cmd_invoke(cmds[i].func);
			goto out;
		}
	}
	mutex_unlock(&c.lock);
	pr_err("unknown command \"%s\" (open ID, close, load, start, stop, get_rsc, release, coredump)\n",
	       buf);
	return -EINVAL;
out:
	mutex_unlock(&c.lock);
	return n;
}

static ssize_t cmd_read(struct file *f, char __user *ubuf, size_t n,
			loff_t *ppos)
{
	char buf[sizeof(c.result) + 1];
	size_t len;

	mutex_lock(&c.lock);
	len = scnprintf(buf, sizeof(buf), "%s\n", c.result);
	mutex_unlock(&c.lock);
	return simple_read_from_buffer(ubuf, n, ppos, buf, len);
}

static const struct file_operations cmd_fops = {
	.owner = THIS_MODULE,
	.write = cmd_write,
	.read = cmd_read,
	.llseek = default_llseek,
};

static int image_open(struct inode *inode, struct file *f)
{
	if (f->f_flags & O_TRUNC) {
		mutex_lock(&c.lock);
		c.image_len = 0;
		mutex_unlock(&c.lock);
	}
	return 0;
}

static ssize_t image_write(struct file *f, const char __user *ubuf, size_t n,
			   loff_t *ppos)
{
	ssize_t ret = n;

	mutex_lock(&c.lock);
	if (n > IMAGE_MAX - c.image_len)
		ret = -EFBIG;
	else if (copy_from_user(c.image + c.image_len, ubuf, n))
		ret = -EFAULT;
	else
		c.image_len += n;
	mutex_unlock(&c.lock);
	return ret;
}

static const struct file_operations image_fops = {
	.owner = THIS_MODULE,
	.open = image_open,
	.write = image_write,
	.llseek = noop_llseek,
};

static int __init sim_ta_client_init(void)
{
	mutex_init(&c.lock);
	c.image = kvmalloc(IMAGE_MAX, GFP_KERNEL);
	if (!c.image)
		return -ENOMEM;
	c.ctx = tee_client_open_context(NULL, match_optee, NULL, NULL);
	if (IS_ERR(c.ctx)) {
		int ret = PTR_ERR(c.ctx);

		pr_err("no OP-TEE device (%d): load sim_optee first\n", ret);
		kvfree(c.image);
		return ret;
	}
	strscpy(c.result, "none", sizeof(c.result));
	c.dir = debugfs_create_dir("sim_ta_client", NULL);
	debugfs_create_file("cmd", 0600, c.dir, NULL, &cmd_fops);
	debugfs_create_file("image", 0200, c.dir, NULL, &image_fops);
	return 0;
}

static void __exit sim_ta_client_exit(void)
{
	debugfs_remove_recursive(c.dir);
	while (c.nsess)
		tee_client_close_session(c.ctx, c.sess[--c.nsess]);
	tee_client_close_context(c.ctx);
	kvfree(c.image);
}

module_init(sim_ta_client_init);
module_exit(sim_ta_client_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rproc-diag test: TEE client API driver of the remoteproc TA");
