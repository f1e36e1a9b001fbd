/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RPROC_DIAG_TEE_CODES_H
#define RPROC_DIAG_TEE_CODES_H

#include <linux/types.h>

/* Names used in the debugfs dump and the kernel log. */
const char *rproc_diag_kind_name(u32 kind);
const char *rproc_diag_api_name(u32 api);
const char *rproc_diag_ta_cmd_name(u32 func);
/* Short GlobalPlatform name without "TEE_ERROR_": "BAD_PARAMETERS". */
const char *rproc_diag_tee_ret_name(u32 ret);
/* "API", "COMMS", "TEE", "TA"; "?" when unknown. */
const char *rproc_diag_tee_origin_name(u32 origin);
const char *rproc_diag_format_name(u32 format);

#endif /* RPROC_DIAG_TEE_CODES_H */
