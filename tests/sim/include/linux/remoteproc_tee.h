/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulation of the upstream TEE remoteproc interface as proposed in the
 * "remoteproc: Add TEE support" series (v22, rproc_tee_*(struct rproc *)),
 * written from the project's notes for the rproc-diag test VM.
 */
#ifndef SIM_REMOTEPROC_TEE_H
#define SIM_REMOTEPROC_TEE_H

#include <linux/types.h>

struct device;
struct firmware;
struct rproc;
struct resource_table;
struct of_phandle_args;

int rproc_tee_register(struct device *dev, struct rproc *rproc,
		       const struct of_phandle_args *tee_phandle);
int rproc_tee_unregister(struct device *dev, struct rproc *rproc);
int rproc_tee_parse_fw(struct rproc *rproc, const struct firmware *fw);
int rproc_tee_load_fw(struct rproc *rproc, const struct firmware *fw);
void rproc_tee_release_fw(struct rproc *rproc);
struct resource_table *rproc_tee_find_loaded_rsc_table(struct rproc *rproc,
							const struct firmware *fw);
int rproc_tee_start(struct rproc *rproc);
int rproc_tee_stop(struct rproc *rproc);

#endif /* SIM_REMOTEPROC_TEE_H */
