/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The diagnosis engine of `rproc-diag watch`/`status`: joins a kernel
 * attempt record (kernel/decode.h) with the offline analysis of the same
 * firmware file and with device facts (facts.h), and looks them up in the
 * knowledge base (kb.h).  The output is a stable cause identifier (part of the
 * JSON schema, see userspace/JSON.md), an explanation that states the facts
 * it rests on, and numbered remediation steps.
 *
 * Pure functions: no I/O here, so recorded attempts can be unit-tested.
 */
#ifndef RPROC_DIAG_DIAG_H
#define RPROC_DIAG_DIAG_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "kernel/decode.h"
#include "rproc_image.h"

#define DIAG_MAX_FINDINGS	32
#define DIAG_MAX_STEPS		8
#define DIAG_TEXT		1536
#define DIAG_STEP		1024
#define DIAG_NAME		320

/* What is known about the signature of the image (from the key helpers). */
struct diag_sig {
	bool signer_known;		/* a key in the keyring verifies it */
	char signer_name[DIAG_NAME];	/* "optee-default-rsa2048" or the key file */
	char signer_desc[DIAG_NAME];	/* where a well-known key ships, or "" */
	char signer_fpr[65];		/* SHA-256 of the DER SubjectPublicKeyInfo, hex */
	unsigned int signer_bits;
	bool ta_key_given;		/* --ta-key: the key the TEE trusts */
	char ta_key_name[DIAG_NAME];
	char ta_key_desc[DIAG_NAME];
	char ta_key_fpr[65];
	unsigned int ta_key_bits;
	bool ta_key_verifies;		/* the signature verifies with the TA key */
	/* what remediation commands sign with (diagnosis/text.c {sign_key}) */
	bool ta_key_named;		/* --ta-key was given (ta_key_name..._private set) */
	char signer_file[64];		/* a development key's file as it ships, or "" */
	char ta_key_file[64];		/* the same for the TA key */
	char ta_key_path[DIAG_NAME];	/* --ta-key as given */
	bool ta_key_private;		/* that file holds the private key too */
};

/*
 * What re-signing would change (optee/remedy.h, the plan `rproc-diag fix`
 * carries out): the values the remediation commands quote.
 */
struct diag_fix {
	bool planned;			/* the file was planned for */
	bool fixable;			/* re-signing fixes it (nothing refused) */
	bool is_elf;			/* the file is a plain ELF */
	int soc;			/* enum remedy_soc the plan is for */
	bool soc_inferred;
	bool has_bootaddr;		/* the plan signs BOOTADDR */
	uint32_t bootaddr;
	bool from_vector_table;		/* ... found in the ELF's vector table */
	bool vt_found;			/* the ELF's vector table (image 0) */
	uint32_t vt_addr;
	char bootaddr_rule[160];	/* which rule found it */
	bool bootaddr_uncertain;
	char bootaddr_warning[320];
	char plat_opts[200];		/* " --plat-tlv BOOTADDR 0x80000000" (ST's script) */
	char refusal[640];		/* the first thing re-signing cannot fix, or "" */
};

/* Offline analysis of the firmware file found in the search path. */
struct diag_file {
	bool looked;			/* a search was made */
	bool found;
	char path[PATH_MAX];
	int err;			/* errno when not found / unreadable */
	uint64_t size;
	bool analyzed;
	struct rpi_result res;
	unsigned int n_findings;
	struct rpi_finding findings[DIAG_MAX_FINDINGS];
	struct diag_sig sig;
	struct diag_fix fix;
};

/* What the board's devices say (board/devices.h fills it). */
struct diag_dev {
	bool known;			/* device facts were collected */
	bool tee_present;		/* a TEE device (/sys/class/tee/tee*) */
	bool ta_present;		/* optee-ta-<remoteproc TA uuid> on the TEE bus */
	bool rproc_found;		/* the record's remoteproc device exists */
	char state[32];			/* sysfs state of that remoteproc */
	char fw_format[16];		/* ST kernels: "ELF" / "TEE"; "" when absent */
};

struct klog_attempt;

struct diag_input {
	const struct rd_record *rec;
	const struct diag_file *file;	/* may be NULL */
	const struct diag_dev *dev;	/* may be NULL */
	/* explain --log: the kernel-log attempt @rec was made from, else NULL */
	const struct klog_attempt *log;
	int soc;			/* --soc: enum remedy_soc, 0 when not given */
};

struct diag_result {
	const char *cause;		/* stable identifier, e.g. "truncated-image" */
	const char *title;		/* one line */
	bool failed;			/* the attempt failed */
	int cmd_index;			/* first failing TA command, -1 if none */
	const char *ta_command;		/* its name ("LOAD_FW") or NULL */
	bool has_ta_result;
	uint32_t ta_result;
	uint32_t ta_origin;
	bool has_ta_origin;		/* a kernel log does not say the origin */
	char explanation[DIAG_TEXT];
	unsigned int n_steps;
	char steps[DIAG_MAX_STEPS][DIAG_STEP];
	int rule;			/* index of the knowledge-base row that matched */
	/* what the shared library predicts for this file and TA generation */
	bool has_prediction;
	struct rpi_verdict prediction;
	bool prediction_agrees;		/* same TEE result as the board returned */
};

void diag_run(const struct diag_input *in, struct diag_result *out);

/* Every cause identifier the knowledge base can produce (NULL-terminated). */
const char *const *diag_cause_ids(void);

/* Number of knowledge-base rows, and row i's cause (for tests). */
unsigned int diag_kb_size(void);
const char *diag_kb_cause(unsigned int i);
/* Render row @rule for @in whether it matches or not (tests expand every row). */
void diag_run_rule(unsigned int rule, const struct diag_input *in, struct diag_result *out);

#endif
