/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Facts: what the diagnosis knows about an attempt, derived from the kernel
 * record, the offline analysis of the firmware file and the board's devices
 * (diagnosis/facts.c).  A fact is something a knowledge-base row matches
 * (diagnosis/kb.c): every fact is tested by a row (tests/unit/test_kb.c), so
 * a fact nobody looks at cannot creep in.  The numbers the explanations
 * quote (sizes, the TLV, the segment, ...) come with them in struct
 * diag_facts.
 */
#ifndef RPROC_DIAG_DIAGNOSIS_FACTS_H
#define RPROC_DIAG_DIAGNOSIS_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "diagnosis/diagnosis.h"

enum diag_fact {
	F_BOOT_OK,		/* the boot returned 0 (or nothing failed) and no TA command failed */
	F_PROBE_DEFERRED,	/* the register call returned -EPROBE_DEFER */
	F_TA_MISSING,		/* device: a TEE is present, the remoteproc TA is not on the TEE bus */
	F_TEE_MISSING,		/* device: no TEE device at all (/sys/class/tee) */
	F_TRUNCATED,		/* the file is shorter than its header describes */
	F_APPENDED,		/* the file is longer than its header describes */
	F_WRONG_GENERATION,	/* an F1 or F2 container */
	F_NOT_SIGNED,		/* a plain ELF */
	F_BAD_MAGIC,		/* the first word is not the container magic */
	F_BAD_VERSION,		/* the header version is not 1 */
	F_DAMAGED,		/* magic and version right, no layout's size equation holds */
	F_HEADER_OVERFLOW,	/* a header length is zero or the lengths overflow */
	F_MISSING_SIGNTYPE,	/* no valid SIGNTYPE TLV */
	F_MISSING_TLV,		/* another required TLV is missing */
	F_BAD_TLV_LENGTH,	/* a generic TLV has a length the TA refuses */
	F_PLATFORM_TLV_LENGTH,	/* BOOTADDR or BOOTSEC is not 4 bytes long */
	F_SEGMENT_HASH,		/* a segment's SHA-256 differs from its table entry */
	F_SEGMENT_TABLE,		/* a table entry is not PT_LOAD or its sizes differ from the ELF */
	F_SEGMENT_NO_ENTRY,	/* a PT_LOAD segment has no table entry */
	F_SEGMENT_RANGE,		/* a segment lies outside its image */
	F_BAD_ELF,		/* the ELF inside is not one the TA parses */
	F_HAS_BOOTADDR,		/* the image has a BOOTADDR TLV */
	F_ECDSA_SIGNED,		/* SIGNTYPE says ECDSA P-256 */
	F_UNKNOWN_SIGNTYPE,	/* SIGNTYPE holds a value the TA does not know */
	F_UNKNOWN_PLATFORM_TLV,	/* a platform TLV ST's PTA does not know */
	F_TA_KEY_VERIFIES,	/* --ta-key given, and it verifies this file's signature */
	F_KEY_SIZE_DIFFERS,	/* --ta-key given, its size is not the signature's */
	F_HAS_PKEYINFO,		/* the image carries a PKEYINFO TLV (a public key) */
	F_ENCRYPTED,		/* the image is encrypted (ENCTYPE TLV) */
	F_ELF_MODE,		/* device: the remote processor's fw_format is ELF */
	F_SIGNED_MAGIC,		/* the image starts with the container magic */
	F_BOOT_ENOENT,		/* the boot returned -ENOENT */
	F_IMAGE_CLEAN,		/* the file was analysed and nothing is wrong with it */
	F_INVOKE_ERRNO,		/* the failing command returned an errno without a TEE result */
	F_KIND_SHUTDOWN,		/* a record of rproc_shutdown() */
	F_KIND_REGISTER,		/* a record of the TEE remoteproc register call */
	F_BAD_RESOURCE_TABLE,	/* the ELF's .resource_table is malformed */
	F_LOADED_BEFORE,		/* an earlier LOAD_FW of the same attempt succeeded */
	F_FIRMWARE_EMPTY,	/* the firmware file is empty or not a regular file (the file, or
				 * the firmware loader's -EINVAL in the kernel log) */
	F_FIRMWARE_LOADER,	/* the kernel log: the boot failed in request_firmware() */
	F_FIRMWARE_TOO_LARGE,	/* the kernel log: the loader's -EFBIG/-ENOMEM (file too large) */
	F_ELF_LOADER_REFUSED,	/* the kernel log: Linux's own ELF loader refused the file */
	F_RSC_UNMAPPABLE,	/* the kernel log: Linux could not map the TA's resource table */
	F_COUNT
};

/* A set of facts: one bit each. */
typedef uint64_t diag_fact_set;
#define FACT(f)		((diag_fact_set)1 << (f))
_Static_assert(F_COUNT <= 64, "enum diag_fact does not fit diag_fact_set");

/* Where the attempt failed, which a row also matches (kb.h: enum kb_at). */
enum diag_failure {
	FAILED_NOTHING,		/* no TA command and no session open failed */
	FAILED_SESSION,		/* the session open failed */
	FAILED_TA_CMD,		/* a TA command failed: cmd says which */
};

struct diag_facts {
	const struct diag_input *in;
	diag_fact_set set;
	enum diag_failure failure;
	uint32_t cmd;		/* the failed TA command (enum rproc_diag_ta_cmd) */
	bool has_code;		/* the failure came with a TEE result */
	uint32_t code;
	uint32_t origin;
	int32_t cmd_errno;
	bool analyzed;		/* some image facts are known (kernel or file) */
	bool image_changed;	/* the file differs from what the kernel loaded */
	/* numbers for the explanations */
	uint64_t size;		/* bytes handed to the TEE (or the file's size) */
	bool has_size;
	uint64_t expected;	/* size the header describes */
	bool has_expected;
	uint64_t missing;	/* bytes a TRUNCATED finding says are missing */
	uint32_t format;
	bool has_format;
	uint32_t sign_len;
	uint32_t tlv_type;	/* the missing or malformed TLV */
	bool has_tlv;
	uint32_t seg_index, seg_paddr;
	bool has_seg;
	uint32_t bootaddr;
	uint32_t plat_id;	/* the platform TLV ST's PTA does not know */
	char rsc_text[RPROC_DIAG_TEXT_MAX];	/* the first resource-table finding */
	/* the kernel log (explain --log): the errno and the layer it came from */
	bool has_log_errno;
	int32_t log_errno;
	int log_stage;		/* enum klog_stage */
};

/* Name of a fact ("F_TRUNCATED"), for tests and debugging. */
const char *diag_fact_name(enum diag_fact f);

void diag_facts_derive(const struct diag_input *in, struct diag_facts *f);

#endif
