// SPDX-License-Identifier: GPL-2.0
/*
 * sim_stm32_rproc: an emulated STM32MP coprocessor platform driver for the
 * rproc-diag test VM, shaped like ST's stm32_rproc in TEE mode (our own code
 * from the project's notes; there is no coprocessor, the TA "loads" it).
 *
 * ST build (sim_stm32_rproc.ko): binds "st,stm32mp2-m33-tee" (rproc id 1)
 * and "st,stm32mp1-m4-tee" (rproc id 0); tee_rproc_register() at probe,
 * authentication + load in .sanity_check (TA LOAD_FW), resource table in
 * .parse_fw (TA GET_RSC_TABLE), TA START/STOP in .start/.stop, and the ST
 * sysfs attribute fw_format ("TEE") on the remoteproc device.
 *
 * Upstream build (sim_stm32_rproc_upstream.ko, SIM_UPSTREAM_API): binds
 * "st,stm32mp1-m4" / "st,stm32mp2-m33" nodes that carry
 * "st,rproc-tee = <&tee_node RPROC_ID>" and uses rproc_tee_*(struct rproc *)
 * as ops (.parse_fw = LOAD_FW + GET_RSC_TABLE, .load = LOAD_FW again,
 * .start/.stop; RELEASE_FW from .unprepare, as the series' release_fw op
 * would be called).  Mainline has no fw_format, so this build has none.
 */
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/firmware.h>
#ifdef SIM_UPSTREAM_API
#include <linux/remoteproc_tee.h>
#define SIM_DRV_NAME	"stm32-rproc-upstream"
#else
#include <linux/tee_remoteproc.h>
#define SIM_DRV_NAME	"stm32-rproc"
#endif

#define STM32_MP1_M4_PROC_ID	0
#define STM32_MP2_M33_PROC_ID	1

static char *soc = "";
module_param(soc, charp, 0444);
MODULE_PARM_DESC(soc, "bind only this SoC's node: mp25 | mp15 (default: both)");

static bool detached;
module_param(detached, bool, 0444);
MODULE_PARM_DESC(detached,
		 "the coprocessor runs already (started by an earlier boot stage): attach (ST build)");

static int last_probe_ret = 1;	/* 1: no probe yet */
module_param(last_probe_ret, int, 0444);
MODULE_PARM_DESC(last_probe_ret,
		 "result of the last probe (read-only; -517 = deferred: no remoteproc TA)");

struct stm32_rproc_data {
	int proc_id;
	const char *soc;
};

static const struct stm32_rproc_data stm32_rproc_mp15 = {
	.proc_id = STM32_MP1_M4_PROC_ID, .soc = "mp15",
};

static const struct stm32_rproc_data stm32_rproc_mp25 = {
	.proc_id = STM32_MP2_M33_PROC_ID, .soc = "mp25",
};

enum rproc_fw_format { RPROC_FW_ELF, RPROC_FW_TEE, RPROC_FW_LAST };

struct stm32_rproc {
#ifndef SIM_UPSTREAM_API
	struct tee_rproc *trproc;
	bool fw_loaded;
	unsigned int fw_format;
#endif
	const struct stm32_rproc_data *desc;
};

static int stm32_rproc_prepare(struct rproc *rproc)
{
	/* No carveouts to register: the coprocessor memories are OP-TEE's. */
	return 0;
}

#ifndef SIM_UPSTREAM_API

static int stm32_rproc_tee_start(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;

	return tee_rproc_start(ddata->trproc);
}

static int stm32_rproc_tee_stop(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	ret = tee_rproc_stop(ddata->trproc);
	if (ret)
		return ret;
	ddata->fw_loaded = false;
	return 0;
}

/* ST: a failed GET_RSC_TABLE (or an image without table) only warns. */
static int stm32_rproc_parse_fw(struct rproc *rproc, const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;

	if (rproc_tee_get_rsc_table(ddata->trproc))
		dev_warn(&rproc->dev, "no resource table found for this firmware\n");
	return 0;
}

static struct resource_table *
stm32_rproc_tee_elf_find_loaded_rsc_table(struct rproc *rproc,
					  const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;

	return tee_rproc_get_loaded_rsc_table(ddata->trproc);
}

/*
 * ST: the TEE authenticates and loads the image here, before "Booting".
 * fw_loaded is only ever set here and cleared by a successful stop, as in
 * ST's stm32_rproc_tee_elf_sanity_check().
 */
static int stm32_rproc_tee_elf_sanity_check(struct rproc *rproc,
					    const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	if (rproc->state == RPROC_DETACHED)
		return 0;
	ret = tee_rproc_load_fw(ddata->trproc, fw);
	if (!ret)
		ddata->fw_loaded = true;
	return ret;
}

/* Recovery boots skip sanity_check: load through the TEE here then. */
static int stm32_rproc_tee_elf_load(struct rproc *rproc,
				    const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	if (ddata->fw_loaded)
		return 0;
	ret = tee_rproc_load_fw(ddata->trproc, fw);
	if (ret)
		return ret;
	ddata->fw_loaded = true;
	if (rproc_tee_get_rsc_table(ddata->trproc)) {
		rproc->cached_table = NULL;
		rproc->table_ptr = NULL;
		rproc->table_sz = 0;
	}
	return 0;
}

/* ST: stm32_rproc_tee_attach(), the secure side started it: nothing to do. */
static int stm32_rproc_tee_attach(struct rproc *rproc)
{
	return 0;
}

static const struct rproc_ops st_rproc_tee_ops = {
	.prepare = stm32_rproc_prepare,
	.start = stm32_rproc_tee_start,
	.stop = stm32_rproc_tee_stop,
	.attach = stm32_rproc_tee_attach,
	.parse_fw = stm32_rproc_parse_fw,
	.find_loaded_rsc_table = stm32_rproc_tee_elf_find_loaded_rsc_table,
	.sanity_check = stm32_rproc_tee_elf_sanity_check,
	.load = stm32_rproc_tee_elf_load,
};

/* ST kernels: /sys/class/remoteproc/remoteprocN/fw_format */
static const char * const rproc_format_string[] = {
	[RPROC_FW_ELF] = "ELF",
	[RPROC_FW_TEE] = "TEE",
	[RPROC_FW_LAST] = "invalid",
};

static ssize_t fw_format_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	struct rproc *rproc = container_of(dev, struct rproc, dev);
	struct stm32_rproc *ddata = rproc->priv;
	unsigned int f = min_t(unsigned int, ddata->fw_format, RPROC_FW_LAST);

	return sysfs_emit(buf, "%s\n", rproc_format_string[f]);
}
static DEVICE_ATTR_RO(fw_format);

static int stm32_rproc_tee_register(struct device *dev, struct rproc *rproc,
				    struct stm32_rproc *ddata)
{
	struct tee_rproc *trproc;

	trproc = tee_rproc_register(dev, ddata->desc->proc_id);
	if (IS_ERR(trproc))
		return dev_err_probe(dev, PTR_ERR(trproc),
				     "signed firmware not supported by TEE\n");
	dev_info(dev, "Support of signed firmware only\n");
	trproc->rproc = rproc;
	ddata->trproc = trproc;
	ddata->fw_format = RPROC_FW_TEE;
	return 0;
}

static void stm32_rproc_tee_unregister(struct device *dev, struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;

	tee_rproc_unregister(ddata->trproc);
}

static int stm32_rproc_add_sysfs(struct rproc *rproc)
{
	return device_create_file(&rproc->dev, &dev_attr_fw_format);
}

static void stm32_rproc_del_sysfs(struct rproc *rproc)
{
	device_remove_file(&rproc->dev, &dev_attr_fw_format);
}

static const struct of_device_id stm32_rproc_match[] = {
	{ .compatible = "st,stm32mp1-m4-tee", .data = &stm32_rproc_mp15 },
	{ .compatible = "st,stm32mp2-m33-tee", .data = &stm32_rproc_mp25 },
	{},
};

#else /* SIM_UPSTREAM_API */

static int stm32_rproc_tee_stop(struct rproc *rproc)
{
	return rproc_tee_stop(rproc);
}

/* Stands in for the series' new core op release_fw (not in 6.12). */
static int stm32_rproc_tee_unprepare(struct rproc *rproc)
{
	rproc_tee_release_fw(rproc);
	return 0;
}

static const struct rproc_ops st_rproc_tee_ops = {
	.prepare = stm32_rproc_prepare,
	.unprepare = stm32_rproc_tee_unprepare,
	.start = rproc_tee_start,
	.stop = stm32_rproc_tee_stop,
	.load = rproc_tee_load_fw,
	.parse_fw = rproc_tee_parse_fw,
	.find_loaded_rsc_table = rproc_tee_find_loaded_rsc_table,
};

static int stm32_rproc_tee_register(struct device *dev, struct rproc *rproc,
				    struct stm32_rproc *ddata)
{
	struct of_phandle_args args;
	int ret;

	ret = of_parse_phandle_with_fixed_args(dev->of_node, "st,rproc-tee", 1,
					       0, &args);
	if (ret)
		return dev_err_probe(dev, -ENODEV,
				     "no st,rproc-tee: ELF loading is not emulated\n");
	ret = rproc_tee_register(dev, rproc, &args);
	of_node_put(args.np);
	if (ret)
		return dev_err_probe(dev, ret, "signed firmware not supported by TEE\n");
	return 0;
}

static void stm32_rproc_tee_unregister(struct device *dev, struct rproc *rproc)
{
	rproc_tee_unregister(dev, rproc);
}

static int stm32_rproc_add_sysfs(struct rproc *rproc)
{
	return 0;
}

static void stm32_rproc_del_sysfs(struct rproc *rproc)
{
}

static const struct of_device_id stm32_rproc_match[] = {
	{ .compatible = "st,stm32mp1-m4", .data = &stm32_rproc_mp15 },
	{ .compatible = "st,stm32mp2-m33", .data = &stm32_rproc_mp25 },
	{},
};

#endif /* SIM_UPSTREAM_API */

MODULE_DEVICE_TABLE(of, stm32_rproc_match);

static int stm32_rproc_do_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	const struct stm32_rproc_data *desc = of_device_get_match_data(dev);
	struct stm32_rproc *ddata;
	struct rproc *rproc;
	int ret;

	if (!desc)
		return -ENODEV;
	if (*soc && strcmp(soc, desc->soc))
		return -ENODEV;	/* the test selected the other SoC */

	rproc = rproc_alloc(dev, np->name, &st_rproc_tee_ops, NULL,
			    sizeof(*ddata));
	if (!rproc)
		return -ENOMEM;
	rproc->auto_boot = of_property_read_bool(np, "st,auto-boot");
#ifndef SIM_UPSTREAM_API
	/* ST's get_info: the M4/M33 state register says it runs already. */
	if (detached)
		rproc->state = RPROC_DETACHED;
#endif
	ddata = rproc->priv;
	ddata->desc = desc;

	ret = stm32_rproc_tee_register(dev, rproc, ddata);
	if (ret)
		goto free_rproc;

	platform_set_drvdata(pdev, rproc);
	ret = rproc_add(rproc);
	if (ret)
		goto unregister;
	ret = stm32_rproc_add_sysfs(rproc);
	if (ret)
		goto del;
	return 0;

del:
	rproc_del(rproc);
unregister:
	stm32_rproc_tee_unregister(dev, rproc);
free_rproc:
	rproc_free(rproc);
	return ret;
}

static int stm32_rproc_probe(struct platform_device *pdev)
{
	const struct stm32_rproc_data *desc = of_device_get_match_data(&pdev->dev);
	int ret = stm32_rproc_do_probe(pdev);

	/* Only the selected SoC's node counts as "the" probe. */
	if (!desc || !*soc || !strcmp(soc, desc->soc))
		WRITE_ONCE(last_probe_ret, ret);
	return ret;
}

static void stm32_rproc_remove(struct platform_device *pdev)
{
	struct rproc *rproc = platform_get_drvdata(pdev);

	stm32_rproc_del_sysfs(rproc);
	rproc_del(rproc);
	stm32_rproc_tee_unregister(&pdev->dev, rproc);
	rproc_free(rproc);
}

static struct platform_driver stm32_rproc_driver = {
	.probe = stm32_rproc_probe,
	.remove_new = stm32_rproc_remove,
	.driver = {
		.name = SIM_DRV_NAME,
		.of_match_table = stm32_rproc_match,
	},
};
module_platform_driver(stm32_rproc_driver);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rproc-diag test: emulated STM32MP coprocessor in TEE mode");
