// SPDX-License-Identifier: GPL-2.0
/*
 * Tables of the names the module prints: record kinds, driver generations,
 * TEE origins and image formats.  TA command and TEE result names come from
 * the table shared with userspace (lib/rproc_tee.c).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "compat.h"
#include "rproc_diag.h"
#include "tee_codes.h"
#include "rproc_tee.h"

static const char * const origins[] = {
	[1] = "API", [2] = "COMMS", [3] = "TEE", [4] = "TA",
};

static const char * const kinds[] = {
	[RPROC_DIAG_KIND_BOOT] = "boot",
	[RPROC_DIAG_KIND_REGISTER] = "register",
	[RPROC_DIAG_KIND_SHUTDOWN] = "shutdown",
};

static const char * const apis[] = {
	[RPROC_DIAG_API_NONE] = "none",
	[RPROC_DIAG_API_ST] = "st",
	[RPROC_DIAG_API_INTERMEDIATE] = "intermediate",
	[RPROC_DIAG_API_UPSTREAM] = "upstream",
};

static const char * const formats[] = {
	[RPROC_DIAG_FMT_UNKNOWN] = "unknown",
	[RPROC_DIAG_FMT_ELF] = "elf",
	[RPROC_DIAG_FMT_F1] = "f1",
	[RPROC_DIAG_FMT_F2] = "f2",
	[RPROC_DIAG_FMT_F3] = "f3",
	[RPROC_DIAG_FMT_DAMAGED] = "damaged",
};

static const char *pick(const char * const *tab, size_t n, u32 i)
{
	return i < n && tab[i] ? tab[i] : "?";
}

const char *rproc_diag_kind_name(u32 kind)
{
	return pick(kinds, ARRAY_SIZE(kinds), kind);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_kind_name);

const char *rproc_diag_api_name(u32 api)
{
	return pick(apis, ARRAY_SIZE(apis), api);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_api_name);

/* TA command and TEE result names come from the shared table (lib/). */
const char *rproc_diag_ta_cmd_name(u32 func)
{
	if (func < RPROC_DIAG_TA_LOAD_FW || func > RPROC_DIAG_TA_RELEASE_FW)
		return "?";
	return rpi_ta_cmd_name(func);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_ta_cmd_name);

const char *rproc_diag_tee_origin_name(u32 origin)
{
	return pick(origins, ARRAY_SIZE(origins), origin);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_tee_origin_name);

const char *rproc_diag_format_name(u32 format)
{
	return pick(formats, ARRAY_SIZE(formats), format);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_format_name);

const char *rproc_diag_tee_ret_name(u32 ret)
{
	const struct rpi_tee_code *c = rpi_tee_code_lookup(ret);
	const char *n;

	if (!c)
		return "?";
	/* debugfs and the kernel log use the short form: BAD_PARAMETERS */
	n = c->name;
	if (!strncmp(n, "TEE_ERROR_", 10))
		return n + 10;
	if (!strncmp(n, "TEE_", 4))
		return n + 4;
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_tee_ret_name);
