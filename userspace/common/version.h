/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* The version of rproc-diag (scripts/version), for every output that names it. */
#ifndef RPROC_DIAG_VERSION_H
#define RPROC_DIAG_VERSION_H

const char *rd_version(void);

#endif
