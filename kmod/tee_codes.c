// SPDX-License-Identifier: GPL-2.0
/*
 * Tables of the names the module prints: record kinds, driver generations,
 * remoteproc TA commands, GlobalPlatform TEE results and origins (values
 * from the GlobalPlatform TEE Client API, as OP-TEE defines them).
 */
#include <linux/kernel.h>
#include "compat.h"
#include "rproc_diag.h"
#include "tee_codes.h"

struct code_name {
	u32 code;
	const char *name;
};

static const struct code_name tee_results[] = {
	{ 0x00000000, "SUCCESS" },
	{ 0xf0100001, "CORRUPT_OBJECT" },
	{ 0xf0100002, "CORRUPT_OBJECT_2" },
	{ 0xf0100003, "STORAGE_NOT_AVAILABLE" },
	{ 0xf0100004, "STORAGE_NOT_AVAILABLE_2" },
	{ 0xf0100005, "UNSUPPORTED_VERSION" },
	{ 0xf0100006, "CIPHERTEXT_INVALID" },
	{ 0xffff0000, "GENERIC" },
	{ 0xffff0001, "ACCESS_DENIED" },
	{ 0xffff0002, "CANCEL" },
	{ 0xffff0003, "ACCESS_CONFLICT" },
	{ 0xffff0004, "EXCESS_DATA" },
	{ 0xffff0005, "BAD_FORMAT" },
	{ 0xffff0006, "BAD_PARAMETERS" },
	{ 0xffff0007, "BAD_STATE" },
	{ 0xffff0008, "ITEM_NOT_FOUND" },
	{ 0xffff0009, "NOT_IMPLEMENTED" },
	{ 0xffff000a, "NOT_SUPPORTED" },
	{ 0xffff000b, "NO_DATA" },
	{ 0xffff000c, "OUT_OF_MEMORY" },
	{ 0xffff000d, "BUSY" },
	{ 0xffff000e, "COMMUNICATION" },
	{ 0xffff000f, "SECURITY" },
	{ 0xffff0010, "SHORT_BUFFER" },
	{ 0xffff0011, "EXTERNAL_CANCEL" },
	{ 0xffff3001, "TIMEOUT" },
	{ 0xffff300f, "OVERFLOW" },
	{ 0xffff3024, "TARGET_DEAD" },
	{ 0xffff3041, "STORAGE_NO_SPACE" },
	{ 0xffff3071, "MAC_INVALID" },
	{ 0xffff3072, "SIGNATURE_INVALID" },
	{ 0xffff5000, "TIME_NOT_SET" },
	{ 0xffff5001, "TIME_NEEDS_RESET" },
};

static const char * const origins[] = {
	[1] = "API", [2] = "COMMS", [3] = "TEE", [4] = "TA",
};

static const char * const ta_cmds[] = {
	[RPROC_DIAG_TA_LOAD_FW] = "LOAD_FW",
	[RPROC_DIAG_TA_START_FW] = "START_FW",
	[RPROC_DIAG_TA_STOP_FW] = "STOP_FW",
	[RPROC_DIAG_TA_GET_RSC_TABLE] = "GET_RSC_TABLE",
	[RPROC_DIAG_TA_GET_COREDUMP] = "GET_COREDUMP",
	[RPROC_DIAG_TA_RELEASE_FW] = "RELEASE_FW",
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

const char *rproc_diag_ta_cmd_name(u32 func)
{
	return pick(ta_cmds, ARRAY_SIZE(ta_cmds), func);
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
	size_t lo = 0, hi = ARRAY_SIZE(tee_results);

	/* the table is sorted by code */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tee_results[mid].code == ret)
			return tee_results[mid].name;
		if (tee_results[mid].code < ret)
			lo = mid + 1;
		else
			hi = mid;
	}
	return "?";
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_tee_ret_name);
