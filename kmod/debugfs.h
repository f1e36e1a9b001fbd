/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RPROC_DIAG_DEBUGFS_H
#define RPROC_DIAG_DEBUGFS_H

void rproc_diag_debugfs_init(void);
void rproc_diag_debugfs_exit(void);

#endif /* RPROC_DIAG_DEBUGFS_H */
