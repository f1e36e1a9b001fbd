/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RPROC_DIAG_HOOKS_H
#define RPROC_DIAG_HOOKS_H

#include <linux/types.h>

struct rproc_diag_hook_info {
	const char *role;	/* "load_fw" */
	const char *symbol;	/* "tee_rproc_load_fw" */
	bool attached;
	int error;		/* register_kretprobe() result if not attached */
	u64 hits;
	u64 missed;
};

int rproc_diag_hooks_init(void);
void rproc_diag_hooks_exit(void);
unsigned int rproc_diag_hooks_count(void);
/* Snapshot of hook @i (0 .. count - 1); may sleep. */
void rproc_diag_hook_get(unsigned int i, struct rproc_diag_hook_info *info);

#endif /* RPROC_DIAG_HOOKS_H */
