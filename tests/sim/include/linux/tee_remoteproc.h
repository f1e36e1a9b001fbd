/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulation of ST's downstream TEE remoteproc interface (OpenSTLinux 6.1-r2
 * and 6.6, "Gen B"): the same function names, signatures and struct layout,
 * written from the project's notes for the rproc-diag test VM.
 */
#ifndef SIM_TEE_REMOTEPROC_H
#define SIM_TEE_REMOTEPROC_H

#include <linux/list.h>
#include <linux/types.h>

struct device;
struct firmware;
struct rproc;
struct resource_table;

/* One coprocessor handled by the remoteproc TA; arm64 offsets in comments. */
struct tee_rproc {
	struct list_head node;		/* @0  */
	struct rproc *rproc;		/* @16 */
	struct device *parent;		/* @24 */
	u32 rproc_id;			/* @32 */
	u32 session_id;			/* @36 */
	void *rsc_va;			/* @40: mapped resource table */
};

struct tee_rproc *tee_rproc_register(struct device *dev,
				     unsigned int rproc_id);
int tee_rproc_unregister(struct tee_rproc *trproc);
int tee_rproc_load_fw(struct tee_rproc *trproc, const struct firmware *fw);
int rproc_tee_get_rsc_table(struct tee_rproc *trproc);
struct resource_table *tee_rproc_get_loaded_rsc_table(struct tee_rproc *trproc);
int tee_rproc_start(struct tee_rproc *trproc);
int tee_rproc_stop(struct tee_rproc *trproc);

#endif /* SIM_TEE_REMOTEPROC_H */
