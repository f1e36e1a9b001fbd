// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc_tee: GlobalPlatform TEE result codes and what they mean for the
 * OP-TEE remoteproc TA.  Facts from the project notes
 * (kernel-tee-remoteproc.md §4/§6, optee-rproc-image-format.md §3).
 */
#include "rproc_tee.h"

#define UP	RPI_TA_BIT(RPI_TA_UPSTREAM)
#define S4	RPI_TA_BIT(RPI_TA_ST400)
#define F1	RPI_TA_BIT(RPI_TA_ST_LEGACY)
#define F3	(UP | S4)
#define ALL	RPI_TA_ALL

#define LOAD	RPROC_DIAG_TA_LOAD_FW
#define START	RPROC_DIAG_TA_START_FW
#define STOP	RPROC_DIAG_TA_STOP_FW
#define RSC	RPROC_DIAG_TA_GET_RSC_TABLE
#define DUMP	RPROC_DIAG_TA_GET_COREDUMP
#define REL	RPROC_DIAG_TA_RELEASE_FW
#define OPEN	0

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static const struct rpi_tee_code codes[] = {
	{ 0x00000000, "TEE_SUCCESS", "success" },
	{ 0xf0100001, "TEE_ERROR_CORRUPT_OBJECT", "object or data corrupted" },
	{ 0xf0100002, "TEE_ERROR_CORRUPT_OBJECT_2", "object corrupted (second instance)" },
	{ 0xf0100003, "TEE_ERROR_STORAGE_NOT_AVAILABLE", "trusted storage not available" },
	{ 0xf0100004, "TEE_ERROR_STORAGE_NOT_AVAILABLE_2", "trusted storage not available (second instance)" },
	{ 0xf0100005, "TEE_ERROR_UNSUPPORTED_VERSION", "unsupported version" },
	{ 0xf0100006, "TEE_ERROR_CIPHERTEXT_INVALID", "ciphertext invalid" },
	{ 0xffff0000, "TEE_ERROR_GENERIC", "non-specific failure" },
	{ 0xffff0001, "TEE_ERROR_ACCESS_DENIED", "access privileges not sufficient" },
	{ 0xffff0002, "TEE_ERROR_CANCEL", "operation cancelled" },
	{ 0xffff0003, "TEE_ERROR_ACCESS_CONFLICT", "concurrent accesses conflict" },
	{ 0xffff0004, "TEE_ERROR_EXCESS_DATA", "too much data for the operation" },
	{ 0xffff0005, "TEE_ERROR_BAD_FORMAT", "input data has an invalid format" },
	{ 0xffff0006, "TEE_ERROR_BAD_PARAMETERS", "invalid input parameters (not a signature failure)" },
	{ 0xffff0007, "TEE_ERROR_BAD_STATE", "operation not valid in the current state" },
	{ 0xffff0008, "TEE_ERROR_ITEM_NOT_FOUND", "requested data item not found" },
	{ 0xffff0009, "TEE_ERROR_NOT_IMPLEMENTED", "operation exists but is not implemented" },
	{ 0xffff000a, "TEE_ERROR_NOT_SUPPORTED", "operation or algorithm not supported" },
	{ 0xffff000b, "TEE_ERROR_NO_DATA", "expected data missing" },
	{ 0xffff000c, "TEE_ERROR_OUT_OF_MEMORY", "system ran out of resources" },
	{ 0xffff000d, "TEE_ERROR_BUSY", "system busy" },
	{ 0xffff000e, "TEE_ERROR_COMMUNICATION", "communication with the secure world failed" },
	{ 0xffff000f, "TEE_ERROR_SECURITY", "security fault detected" },
	{ 0xffff0010, "TEE_ERROR_SHORT_BUFFER", "supplied buffer too short" },
	{ 0xffff0011, "TEE_ERROR_EXTERNAL_CANCEL", "cancelled externally" },
	{ 0xffff3001, "TEE_ERROR_TIMEOUT", "operation timed out" },
	{ 0xffff300f, "TEE_ERROR_OVERFLOW", "internal overflow" },
	{ 0xffff3024, "TEE_ERROR_TARGET_DEAD", "trusted application has panicked" },
	{ 0xffff3041, "TEE_ERROR_STORAGE_NO_SPACE", "not enough space in storage" },
	{ 0xffff3071, "TEE_ERROR_MAC_INVALID", "MAC invalid" },
	{ 0xffff3072, "TEE_ERROR_SIGNATURE_INVALID", "signature invalid" },
	{ 0xffff5000, "TEE_ERROR_TIME_NOT_SET", "persistent time not set" },
	{ 0xffff5001, "TEE_ERROR_TIME_NEEDS_RESET", "persistent time needs reset" },
};

static const struct rpi_tee_cause causes[] = {
	/* CORRUPT_OBJECT */
	{ 0xf0100001, LOAD, S4, "platform TLVs",
	  "BOOTADDR (0x10001) or BOOTSEC (0x10002) TLV whose length is not 4: re-sign with --plat-tlv BOOTADDR 0x<address>" },
	{ 0xf0100001, LOAD, F1, "header check",
	  "F1 header inconsistent: file not larger than hdr_length, bad magic/version, hdr_length equation, a chunk past hdr_length, or hash table length not a multiple of 64; typical for an F3 image given to a legacy TA" },
	{ 0xf0100001, LOAD, F1, "segments",
	  "table entry for a PT_LOAD is not PT_LOAD, or its size/offset differs from the ELF program header, or the ELF lacks section headers" },
	{ 0xf0100001, LOAD, F3, "resource table",
	  "the .resource_table section is not aligned" },
	/* GENERIC */
	{ 0xffff0000, START, S4, "start",
	  "STM32MP2 start without a boot address: the image has no BOOTADDR TLV (sign with --plat-tlv BOOTADDR and the address of the firmware's vector table: `rproc-diag fix` reads it from the ELF), or the address is outside the declared M33 memories (\"Invalid boot address\")" },
	{ 0xffff0000, LOAD, S4, "platform TLVs",
	  "BOOTADDR given twice (\"Firmware boot address already set\")" },
	{ 0xffff0000, LOAD, F3, "segment load",
	  "the PTA could not map the destination region of a segment (\"Can't map region\")" },
	/* ACCESS_DENIED */
	{ 0xffff0001, LOAD, ALL, "segment load",
	  "a segment or the resource table targets a device address outside the memories OP-TEE declares for the coprocessor: link the firmware for the right addresses or fix the OP-TEE device tree" },
	{ 0xffff0001, OPEN, ALL, "session open",
	  "the PTA only accepts the remoteproc TA as client" },
	/* BAD_FORMAT */
	{ 0xffff0005, LOAD, F3, "ELF",
	  "the image inside the container is not a valid ELF32 (header, entry sizes, no program headers, section headers missing past the end): do not strip section headers" },
	{ 0xffff0005, LOAD, F3, "image table",
	  "NUM_IMG TLV length is not 1, or IMGTYPE is not 1 (ELF; ST 4.0.0: 2 with ENCTYPE)" },
	{ 0xffff0005, LOAD, F3, "segments",
	  "a program header or PT_LOAD segment lies outside its image" },
	{ 0xffff0005, LOAD, F3, "resource table",
	  "malformed .resource_table (truncated, version, reserved bytes) or two of them" },
	{ 0xffff0005, LOAD, S4, "signature",
	  "with CFG_REMOTEPROC_PUB_KEY_VERIFY=y: PKEYINFO is not a 294-byte RSA-2048 or 91-byte P-256 SubjectPublicKeyInfo" },
	{ 0xffff0005, LOAD, F1, "ELF", "bad ELF header inside the F1 image" },
	/* BAD_PARAMETERS */
	{ 0xffff0006, LOAD, F3, "header check",
	  "file size differs from 20 + R8(tlv_len) + R8(sign_len) + R8(img_len): truncated or appended bytes, or an F1/F2 (or unsigned ELF) file given to an F3 TA; also zero tlv_len/sign_len or an image buffer not 4-byte aligned" },
	{ 0xffff0006, LOAD, F3, "header check", "magic is not 0x3543A468 or version is not 1" },
	{ 0xffff0006, LOAD, F3, "signature",
	  "SIGNTYPE TLV missing or its length is not 1" },
	{ 0xffff0006, LOAD, F3, "tables",
	  "HASHTABLE length not a multiple of 64 (ENCTABLE: 80), IMGTYPE length not NUM_IMG, IMGSIZE length not 4*NUM_IMG; ST 4.0.0: HASHTYPE or ENCTYPE length not 1" },
	{ 0xffff0006, LOAD, F3, "segments",
	  "the first hash-table entry with a PT_LOAD's p_paddr is not PT_LOAD (e.g. PT_ARM_EXIDX sharing the address) or its filesz/memsz differ from the ELF" },
	{ 0xffff0006, LOAD, ALL, "parameters",
	  "wrong parameter types, a NULL/empty image buffer or an unknown command id from the Linux driver (driver/TA mismatch); the same check exists for every command" },
	{ 0xffff0006, START, ALL, "parameters",
	  "wrong parameter types or an rproc id the TA does not know" },
	{ 0xffff0006, STOP, ALL, "parameters",
	  "wrong parameter types or an rproc id the TA does not know" },
	{ 0xffff0006, OPEN, ALL, "session open",
	  "session parameters are not (VALUE_INPUT rproc id): Linux driver and TA disagree" },
	/* BAD_STATE */
	{ 0xffff0007, LOAD, ALL, "state",
	  "the TA is not in state OFF: an earlier load left it LOADED/STARTED (ST TAs reject a second load); stop the coprocessor or reboot" },
	{ 0xffff0007, START, ALL, "state", "start without a successful load" },
	{ 0xffff0007, STOP, ALL, "state", "stop while only loaded" },
	{ 0xffff0007, RSC, ALL, "state", "resource table asked before a load" },
	{ 0xffff0007, REL, UP, "state", "release while the firmware runs" },
	/* NOT_IMPLEMENTED */
	{ 0xffff0009, LOAD, S4, "platform TLVs",
	  "a platform TLV other than BOOTADDR/BOOTSEC (custom --plat-tlv id): remove it" },
	{ 0xffff0009, LOAD, ALL, "capabilities",
	  "the PTA lacks ELF + hash-table support" },
	{ 0xffff0009, DUMP, ALL, "command", "core dumps are not implemented" },
	/* NOT_SUPPORTED */
	{ 0xffff000a, LOAD, ALL, "signature",
	  "ECDSA-signed image: the upstream and legacy PTAs verify RSA only; ST 4.0.0 only with CFG_REMOTEPROC_PUB_KEY_VERIFY=y; or an unknown SIGNTYPE value" },
	{ 0xffff000a, LOAD, S4, "tables", "HASHTYPE or ENCTYPE value unknown" },
	{ 0xffff000a, OPEN, ALL, "session open",
	  "unknown rproc id: OP-TEE's device tree has no TEE-managed coprocessor node" },
	/* NO_DATA */
	{ 0xffff000b, LOAD, S4, "tables", "no HASHTYPE TLV (ST 4.0.0 requires it)" },
	{ 0xffff000b, LOAD, F3, "tables",
	  "no HASHTABLE, NUM_IMG (or NUM_IMG 0), IMGTYPE or IMGSIZE TLV" },
	{ 0xffff000b, LOAD, ALL, "segments",
	  "a PT_LOAD segment has no hash-table entry with its p_paddr" },
	/* OUT_OF_MEMORY */
	{ 0xffff000c, LOAD, F3, "header check",
	  "header, TLVs, signature and hash table do not fit in the TA heap (CFG_REMOTEPROC_TA_HEAP_SIZE, 4 KiB by default)" },
	/* COMMUNICATION */
	{ 0xffff000e, LOAD, ALL, "transport",
	  "origin 2 (COMMS): the Linux OP-TEE driver failed to reach the secure world" },
	/* SECURITY */
	{ 0xffff000f, LOAD, ALL, "segment load",
	  "a segment's SHA-256 differs from the signed hash table: the ELF was modified after signing; re-sign" },
	{ 0xffff000f, LOAD, S4, "signature",
	  "with CFG_REMOTEPROC_PUB_KEY_VERIFY=y: the PKEYINFO key hash does not match OTP oem_rproc_pkh, or the AES key is all zero" },
	{ 0xffff000f, LOAD, F1, "signature", "the PTA could not allocate the public key" },
	/* SIGNATURE_INVALID */
	{ 0xffff3072, LOAD, ALL, "signature",
	  "the signature does not verify with the key built into OP-TEE (RPROC_SIGN_KEY / CFG_RPROC_SIGN_KEY): signed with another key, a 2048-bit signature against a 4096-bit key, or header/TLVs changed after signing" },
};

const struct rpi_tee_code *rpi_tee_code_lookup(u32 code)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(codes); i++)
		if (codes[i].code == code)
			return &codes[i];
	return NULL;
}

const char *rpi_tee_code_name(u32 code)
{
	const struct rpi_tee_code *c = rpi_tee_code_lookup(code);

	return c ? c->name : "unknown TEE result";
}

const char *rpi_tee_origin_name(u32 origin)
{
	switch (origin) {
	case TEE_ORIGIN_API:
		return "TEE_ORIGIN_API";
	case TEE_ORIGIN_COMMS:
		return "TEE_ORIGIN_COMMS";
	case TEE_ORIGIN_TEE:
		return "TEE_ORIGIN_TEE";
	case TEE_ORIGIN_TRUSTED_APP:
		return "TEE_ORIGIN_TRUSTED_APP";
	default:
		return "unknown origin";
	}
}

const char *rpi_ta_cmd_name(u32 cmd)
{
	switch (cmd) {
	case 0:
		return "session open";
	case RPROC_DIAG_TA_LOAD_FW:
		return "LOAD_FW";
	case RPROC_DIAG_TA_START_FW:
		return "START_FW";
	case RPROC_DIAG_TA_STOP_FW:
		return "STOP_FW";
	case RPROC_DIAG_TA_GET_RSC_TABLE:
		return "GET_RSC_TABLE";
	case RPROC_DIAG_TA_GET_COREDUMP:
		return "GET_COREDUMP";
	case RPROC_DIAG_TA_RELEASE_FW:
		return "RELEASE_FW";
	default:
		return "unknown";
	}
}

const struct rpi_tee_cause *rpi_tee_causes(size_t *n)
{
	*n = ARRAY_LEN(causes);
	return causes;
}

const struct rpi_tee_code *rpi_tee_codes(size_t *n)
{
	*n = ARRAY_LEN(codes);
	return codes;
}
