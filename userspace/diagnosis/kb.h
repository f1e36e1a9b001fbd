/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The knowledge base: causes, and the rows that map facts (facts.h) to a
 * cause with its explanation and remediation (kb.c).  Data only: a row
 * says which failure it is about, which TEE result, which facts it needs
 * (all of .need, at least one of .need_any) and which it forbids; the
 * first matching row in table order wins, so rows go from the most
 * specific to the most general.  Texts take {placeholders} (text.c), each
 * expanded from the facts.
 *
 * Adding a cause: an enum value here, its name in kb.c's cause table, its
 * rows, a case in tests/unit/test_diag.c and a line in userspace/JSON.md
 * (tests/unit/test_kb.c checks that each exists).
 */
#ifndef RPROC_DIAG_DIAGNOSIS_KB_H
#define RPROC_DIAG_DIAGNOSIS_KB_H

#include <stddef.h>
#include <stdint.h>

#include "diagnosis/diagnosis.h"
#include "diagnosis/facts.h"

/* Stable cause identifiers (part of the JSON schema, userspace/JSON.md). */
enum diag_cause {
	CAUSE_OK,
	CAUSE_TEE_NOT_PRESENT,
	CAUSE_TA_NOT_PRESENT,
	CAUSE_TEE_COMMUNICATION,
	CAUSE_TEE_SESSION_REFUSED,
	CAUSE_TA_INTERFACE_MISMATCH,
	CAUSE_BAD_STATE_AFTER_FAILURE,
	CAUSE_WRONG_FORMAT_GENERATION,
	CAUSE_TRUNCATED_IMAGE,
	CAUSE_APPENDED_BYTES,
	CAUSE_UNSIGNED_IMAGE,
	CAUSE_CORRUPT_HEADER,
	CAUSE_MISSING_TLV,
	CAUSE_BAD_TLV_LENGTH,
	CAUSE_SEGMENT_TABLE_MISMATCH,
	CAUSE_LOADED_IMAGE_DIFFERS,
	CAUSE_KEY_SIZE_MISMATCH,
	CAUSE_SIGNATURE_KEY_MISMATCH,
	CAUSE_SEGMENT_HASH_MISMATCH,
	CAUSE_OTP_KEY_MISMATCH,
	CAUSE_ENCRYPTION_KEY_MISSING,
	CAUSE_ECDSA_UNSUPPORTED,
	CAUSE_UNSUPPORTED_SIGNATURE_TYPE,
	CAUSE_ENCRYPTION_UNSUPPORTED,
	CAUSE_RPROC_ID_UNKNOWN,
	CAUSE_UNSUPPORTED_PLATFORM_TLV,
	CAUSE_TEE_CAPABILITIES,
	CAUSE_COMMAND_NOT_IMPLEMENTED,
	CAUSE_SEGMENT_NOT_IN_TABLE,
	CAUSE_BAD_RESOURCE_TABLE,
	CAUSE_BAD_ELF,
	CAUSE_BAD_KEY_INFO,
	CAUSE_BAD_IMAGE_TYPE,
	CAUSE_SEGMENT_OUTSIDE_MEMORY,
	CAUSE_TA_OUT_OF_MEMORY,
	CAUSE_MISSING_BOOTADDR,
	CAUSE_INVALID_BOOTADDR,
	CAUSE_DUPLICATE_BOOTADDR,
	CAUSE_TEE_MAP_FAILED,
	CAUSE_BAD_PARAMETERS,
	CAUSE_SIGNED_IMAGE_ELF_MODE,
	CAUSE_FIRMWARE_NOT_FOUND,
	CAUSE_FIRMWARE_EMPTY,
	CAUSE_FIRMWARE_TOO_LARGE,
	CAUSE_FIRMWARE_UNREADABLE,
	CAUSE_RESOURCE_TABLE_UNMAPPABLE,
	CAUSE_BOOT_FAILED_OUTSIDE_TEE,
	CAUSE_UNKNOWN,
	CAUSE_COUNT
};

/* Which failure a row is about. */
enum kb_at {
	AT_ANY = 0,		/* any failure, or none */
	AT_NOTHING,		/* no TA command and no session open failed */
	AT_SESSION,		/* the session open failed */
	AT_TA_CMD,		/* some TA command failed */
	AT_LOAD,		/* LOAD_FW failed */
	AT_START,		/* START_FW failed */
};

struct kb_rule {
	enum diag_cause cause;
	enum kb_at at;
	uint32_t code;		/* the TEE result; 0: any (or none) */
	diag_fact_set need;	/* all of these */
	diag_fact_set need_any;	/* at least one of these (0: no condition) */
	diag_fact_set forbid;	/* none of these */
	const char *title;	/* one line */
	const char *explain;	/* after the sentence naming the TEE result */
	const char *steps[DIAG_MAX_STEPS];
};

extern const struct kb_rule kb_rules[];
extern const size_t kb_nrules;

/* "truncated-image", ...; NULL for a value outside the enum. */
const char *diag_cause_name(enum diag_cause c);

/* Does @rule match these facts? */
bool kb_rule_matches(const struct kb_rule *rule, const struct diag_facts *f);

#endif
