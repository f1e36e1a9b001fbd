// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The only file compiled with RPROC_DIAG_VERSION (userspace/Makefile
 * rebuilds it when the version changes).
 */
#include "common/version.h"

#ifndef RPROC_DIAG_VERSION
#define RPROC_DIAG_VERSION "unknown"
#endif

const char *rd_version(void)
{
	return RPROC_DIAG_VERSION;
}
