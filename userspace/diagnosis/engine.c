// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Diagnosis engine: facts -> knowledge-base row -> cause, explanation,
 * remediation.
 *
 * 1. derive_facts() turns the kernel record (first failing TA command, TEE
 *    result and origin, session open, boot return, image header words, the
 *    module's deferred findings), the offline analysis of the firmware file
 *    and the device facts into a bit set plus a few numbers.
 * 2. The knowledge base kb[] is scanned in order; the first row whose TA
 *    command, TEE result, origin, required and forbidden facts match wins.
 *    Rows are ordered from the most specific to the most general, and cover
 *    every check of the remoteproc TA listed in the format notes (§3):
 *    each TEE result the TA or its PTA can return has at least one row.
 * 3. The row's explanation and remediation templates are expanded with the
 *    facts ({size}, {expected}, {signer}, ...), after a first sentence that
 *    names the TEE result, who returned it and for which command.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diagnosis/diagnosis.h"
#include "rproc_tee.h"

enum fact {
	F_BOOT_OK,		/* boot_ret == 0 and no TA failure */
	F_SESSION_FAILED,	/* TEE session open failed */
	F_PROBE_DEFER,		/* register returned -EPROBE_DEFER */
	F_TA_MISSING,		/* device: TEE present, TA not on the bus */
	F_TEE_MISSING,		/* device: no TEE device */
	F_TRUNC,
	F_APPEND,
	F_WRONG_GEN,		/* F1/F2 container */
	F_NOT_SIGNED,		/* plain ELF */
	F_BAD_MAGIC,
	F_BAD_VERSION,
	F_DAMAGED,		/* magic ok, no size equation */
	F_HDR_OVERFLOW,
	F_MISSING_SIGNTYPE,
	F_MISSING_TLV,		/* another required TLV */
	F_BAD_TLV_LEN,
	F_PLAT_TLV_BADLEN,	/* BOOTADDR/BOOTSEC not 4 bytes */
	F_SEG_HASH,
	F_SEG_TABLE,		/* entry not PT_LOAD / size differs */
	F_SEG_NO_ENTRY,
	F_SEG_RANGE,
	F_BAD_ELF,
	F_MISSING_BOOTADDR,
	F_BOOTADDR,
	F_ECDSA,
	F_UNSUPP_SIGN,
	F_PLAT_TLV,		/* platform TLV the ST TA rejects */
	F_FETCH_FAILED,
	F_IMAGE_CHANGED,
	F_SIG_BAD_TAKEY,	/* --ta-key given, signature does not verify */
	F_SIG_GOOD_TAKEY,	/* --ta-key given, signature verifies */
	F_KEYSIZE_DIFF,		/* --ta-key size != signature size */
	F_PKEYINFO,
	F_ENC,
	F_FW_ELF_MODE,		/* device fw_format == ELF */
	F_SIGNED_MAGIC,		/* image starts with the rproc magic */
	F_FILE_MISSING,		/* not in the firmware search path */
	F_ENOENT,		/* boot returned -ENOENT */
	F_CLEAN,		/* analysis ran and found nothing wrong */
	F_TEE_ERRNO,		/* invoke returned -errno without a TEE result */
	F_ANALYZED,		/* some image facts are known */
	F_KIND_SHUTDOWN,	/* record of rproc_shutdown() */
	F_KIND_REGISTER,	/* record of a TEE rproc register call */
	F_BAD_RSC,		/* the ELF's .resource_table is malformed */
	F_LOADED_BEFORE,	/* an earlier LOAD_FW of the same attempt succeeded */
	F__COUNT
};

#define B(f)	(1ULL << (f))

/* Pseudo TA commands for kb[].cmd */
#define KB_ANY		0xffffffffU	/* any command, the session or none */
#define KB_SESSION	0x100U		/* the session open failed */
#define KB_NONE		0x101U		/* no TA command failed */
#define KB_TA_CMD	0x102U		/* any TA command */

struct ctx {
	const struct diag_input *in;
	const struct rd_record *rec;
	uint64_t facts;
	uint32_t cmd;		/* matched command (func / KB_SESSION / KB_NONE) */
	uint32_t code;		/* TEE result, 0 = none */
	uint32_t origin;
	bool has_code;
	int32_t cmd_errno;
	/* numbers */
	uint64_t size;		/* bytes handed to the TEE (or file size) */
	bool has_size;
	uint64_t expected;	/* size the header describes */
	bool has_expected;
	uint64_t missing;	/* bytes a TRUNCATED finding says are missing */
	uint32_t format;
	bool has_format;
	uint32_t sign_len;
	uint32_t tlv_type;	/* missing / bad TLV */
	bool has_tlv;
	uint32_t seg_index, seg_paddr;
	bool has_seg;
	uint32_t bootaddr;
	uint32_t plat_id;
	int64_t fetch_err;
	char rsc_text[RPROC_DIAG_TEXT_MAX];	/* what is wrong with .resource_table */
};

struct kb_row {
	const char *cause;
	uint32_t cmd;		/* enum rproc_diag_ta_cmd or KB_* */
	uint32_t code;		/* TEE result; 0 = any (KB_NONE rows: none) */
	uint32_t origin;	/* 0 = any */
	uint64_t need;		/* all of these facts */
	uint64_t forbid;	/* none of these */
	const char *title;
	const char *explain;	/* template, after the result sentence */
	const char *steps[DIAG_MAX_STEPS];
	uint64_t need_any;	/* at least one of these (0: no condition) */
};

#define T(x)	RPI_TEE_ERROR_##x
/* not in rproc_tee.h: the OP-TEE core answers it when a TA is absent */
#define RPI_TEE_ERROR_ITEM_NOT_FOUND	0xffff0008U
#define LOAD	RPROC_DIAG_TA_LOAD_FW
#define START	RPROC_DIAG_TA_START_FW

#define IMAGE_PROBLEMS (B(F_TRUNC) | B(F_APPEND) | B(F_WRONG_GEN) | B(F_NOT_SIGNED) | \
			B(F_BAD_MAGIC) | B(F_BAD_VERSION) | B(F_DAMAGED) | B(F_HDR_OVERFLOW) | \
			B(F_MISSING_SIGNTYPE) | B(F_MISSING_TLV) | B(F_BAD_TLV_LEN) | \
			B(F_SEG_TABLE) | B(F_SEG_NO_ENTRY) | B(F_SEG_RANGE) | B(F_BAD_ELF))

static const char STEP_COMPARE[] =
	"Compare `sha256sum {path}` on the target with the sha256sum of the file your build produced; they must be identical.";
static const char STEP_RETRY[] =
	"Retry the boot: echo start > /sys/class/remoteproc/{rproc_dev}/state";
static const char STEP_INSPECT[] =
	"Run `rproc-diag inspect {path}` to see every check the TA makes on this file.";

/* Rows leave trailing steps and need_any implicitly zero. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static const struct kb_row kb[] = {
	/* ---- success ---- */
	{ "ok", KB_NONE, 0, 0, B(F_BOOT_OK) | B(F_KIND_SHUTDOWN), 0,
	  "the remote processor was stopped",
	  "{rproc} was stopped cleanly.",
	  { NULL } },
	{ "ok", KB_NONE, 0, 0, B(F_BOOT_OK) | B(F_KIND_REGISTER), 0,
	  "the TEE remoteproc session was opened",
	  "The TEE remoteproc driver registered {rproc}: the remoteproc TA answered the session open.",
	  { NULL } },
	{ "ok", KB_NONE, 0, 0, B(F_BOOT_OK), 0,
	  "the remote processor booted",
	  "{rproc} booted firmware {fw}{size_sentence}.",
	  { NULL } },

	/* ---- TA not enumerated / TEE missing ---- */
	{ "ta-not-present", KB_ANY, 0, 0, B(F_PROBE_DEFER), 0,
	  "the remoteproc TA is not available in OP-TEE",
	  "The TEE remoteproc driver's register call returned -EPROBE_DEFER (-517): no remoteproc trusted application (UUID " RPROC_DIAG_TA_UUID ") is enumerated on the TEE bus{ta_dev_sentence}, so the remoteproc probe stays deferred. This is the case with OP-TEE layouts built without the remoteproc TA, such as \"opteemin\".",
	  { "Flash an OP-TEE build that embeds the remoteproc TA (ST: the \"optee\" flash layout, not \"opteemin\"; OP-TEE: CFG_IN_TREE_EARLY_TAS += remoteproc/" RPROC_DIAG_TA_UUID ").",
	    "After reboot check that /sys/bus/tee/devices/optee-ta-" RPROC_DIAG_TA_UUID " exists (`rproc-diag status`).",
	    "Or, to load unsigned ELF firmware without the TEE, use the non-\"-tee\" compatible for the remote processor in the Linux device tree.", NULL } },
	{ "ta-not-present", KB_SESSION, T(ITEM_NOT_FOUND), 0, 0, 0,
	  "the remoteproc TA is not available in OP-TEE",
	  "OP-TEE could not find the remoteproc trusted application (UUID " RPROC_DIAG_TA_UUID ") when Linux opened a session to it: this OP-TEE build does not contain the TA.",
	  { "Rebuild or reflash OP-TEE with the remoteproc TA (ST: the \"optee\" layout, not \"opteemin\").",
	    "Check with `rproc-diag status` that the TA appears on the TEE bus.", NULL } },
	{ "ta-not-present", KB_NONE, 0, 0, B(F_TA_MISSING), B(F_BOOT_OK),
	  "the remoteproc TA is not available in OP-TEE",
	  "A TEE device is present but /sys/bus/tee/devices/optee-ta-" RPROC_DIAG_TA_UUID " is not: the remoteproc trusted application is not enumerated on the TEE bus, so the TEE remoteproc driver cannot open a session ({boot_ret_sentence}). OP-TEE layouts such as \"opteemin\" lack this TA.",
	  { "Flash an OP-TEE build that embeds the remoteproc TA (ST: the \"optee\" layout, not \"opteemin\").",
	    "Check with `rproc-diag status` that the TA appears on the TEE bus.", NULL } },

	/* ---- transport ---- */
	{ "tee-communication", KB_ANY, T(COMMUNICATION), 0, 0, 0,
	  "Linux could not reach OP-TEE",
	  "The call never reached the TA: the OP-TEE driver failed to pass it to the secure world (SMC or parameter conversion failure).",
	  { "Check dmesg for optee driver errors and the OP-TEE secure console (UART) for panics.",
	    "Make sure the OP-TEE version matches the kernel's OP-TEE driver (same ABI, shared memory configured).",
	    STEP_RETRY, NULL } },
	{ "tee-communication", KB_TA_CMD, 0, 0, B(F_TEE_ERRNO), 0,
	  "Linux could not reach OP-TEE",
	  "tee_client_invoke_func() returned {cmd_errno} for {cmd} without a TEE result: the request failed in Linux before it reached the TA (e.g. unknown session).",
	  { "Check dmesg for tee/optee driver errors around the boot attempt.",
	    "Unbind and rebind the remote processor driver, or reboot, to get a fresh TEE session.", NULL } },

	/* ---- session open ---- */
	{ "tee-session-refused", KB_SESSION, T(NOT_SUPPORTED), 0, 0, 0,
	  "OP-TEE refused the remoteproc session: device-tree mismatch",
	  "The TA opens its PTA for the remote processor id given by Linux, and the PTA answers NOT_SUPPORTED when OP-TEE has no such remote processor: OP-TEE's device tree does not declare it for secure loading (e.g. Linux uses \"st,stm32mp2-m33-tee\" but OP-TEE's node is plain \"st,stm32mp2-m33\"), or the ids differ.",
	  { "Use the same flavour in both device trees: a \"-tee\" compatible for the coprocessor in OP-TEE's DT when Linux uses the \"-tee\" compatible.",
	    "Check that Linux and OP-TEE use the same remote processor id (ST: 0 = M4 on MP1, 1 = M33 on MP2).",
	    "Rebuild and flash OP-TEE, reboot, then run `rproc-diag status`.", NULL } },
	{ "tee-session-refused", KB_SESSION, T(BAD_PARAMETERS), 0, 0, 0,
	  "OP-TEE refused the remoteproc session: parameter mismatch",
	  "The TA requires exactly one VALUE_INPUT parameter (the remote processor id) at session open; older kernels (ST v6.1-r1 and earlier) open the session with no parameter and a PUBLIC login, which current TAs reject.",
	  { "Use a kernel whose TEE remoteproc driver matches the OP-TEE release (same OpenSTLinux ecosystem release for both).",
	    "Or use an OP-TEE whose remoteproc TA matches this kernel's driver.", NULL } },
	{ "tee-session-refused", KB_SESSION, 0, 0, 0, 0,
	  "OP-TEE refused the remoteproc session",
	  "The session open to the remoteproc TA failed with {sess}, so no firmware can be loaded through the TEE.",
	  { "Look at the OP-TEE secure console (UART) for the TA's error message at boot.",
	    "Check that OP-TEE's device tree declares the remote processor for secure loading and that the kernel and OP-TEE come from the same release.", NULL } },

	/* ---- LOAD_FW: state ---- */
	{ "ta-interface-mismatch", LOAD, T(BAD_STATE), 0, B(F_LOADED_BEFORE), 0,
	  "the kernel driver loads twice, this TA refuses the second load",
	  "In this same attempt LOAD_FW had already succeeded; the second LOAD_FW was refused because the firmware is already loaded. The upstream-series kernel driver (driver API {api}) loads once in parse_fw and again in load: upstream OP-TEE's TA (>= 4.2.0) treats a LOAD_FW in state LOADED as a no-op, ST's TA answers BAD_STATE. No earlier attempt failed: the kernel driver and the TA come from different generations.",
	  { "Use the TEE remoteproc driver that matches the OP-TEE on the board: ST's kernel (tee_rproc_*) with ST's OP-TEE, or the upstream series (rproc_tee_*) with upstream OP-TEE >= 4.2.0.",
	    "Or update the TA to one that accepts a LOAD_FW in state LOADED (upstream commit \"allow remoteproc_load_fw re-entrance\").", NULL } },
	{ "bad-state-after-failure", KB_TA_CMD, T(BAD_STATE), 0, 0, 0,
	  "the TA is still in the state of an earlier attempt",
	  "{cmd} was refused because the TA's remote processor is not in the state this command needs (LOAD_FW needs OFF). After an earlier attempt failed part-way (or the firmware is still loaded or running), the TA keeps LOADED/STARTED and ST's TA refuses to load again.{device_state_sentence}",
	  { "Stop the remote processor: echo stop > /sys/class/remoteproc/{rproc_dev}/state (ignore an error if it is already offline).",
	    "If that does not help, reboot the board so the TA starts from OFF.",
	    STEP_RETRY,
	    "If the first failure comes back, diagnose that one: it is the real cause (`rproc-diag watch` shows every attempt).", NULL } },

	/* ---- LOAD_FW: header and size (BAD_PARAMETERS) ---- */
	{ "wrong-format-generation", LOAD, 0, 0, B(F_WRONG_GEN), 0,
	  "the image uses another signed-image generation",
	  "The file is in the {format} layout. It has the same magic and version as the current TLV format (F3) but another layout, so the F3 TA's size equation 20 + R8(tlv_len) + R8(sign_len) + R8(img_len) does not hold and the header check fails. It was signed with an older sign_rproc_fw.py than the TA on the board expects.",
	  { "Re-sign the ELF with the sign_rproc_fw.py of the OP-TEE that runs on the board (export-ta_arm*/scripts/sign_rproc_fw.py of the same build), or with `rproc-diag sign`.",
	    "Sign with the key that OP-TEE trusts (RPROC_SIGN_KEY, by default keys/default.pem), not keys/default_rproc.pem of the legacy ST trees.",
	    "Copy the new image to {path} and retry: echo start > /sys/class/remoteproc/{rproc_dev}/state", NULL } },
	{ "truncated-image", LOAD, 0, 0, B(F_TRUNC), 0,
	  "the firmware file is truncated",
	  "This is not a signature failure. The file is {size} bytes but its header describes {expected}: {delta} bytes are missing, so the copy is truncated (interrupted transfer, full file system, or a tool that cut it).",
	  { "Copy the signed image to the target again (e.g. scp, then sync).",
	    STEP_COMPARE, STEP_RETRY, NULL } },
	{ "appended-bytes", LOAD, 0, 0, B(F_APPEND), 0,
	  "bytes were appended to the firmware file",
	  "This is not a signature failure. The file is {size} bytes but its header describes {expected}: {delta} extra bytes follow the image (padding added by a flashing or packaging tool, or two files concatenated), and the TA requires the exact size.",
	  { "Use the signed image exactly as sign_rproc_fw.py wrote it; do not pad or append to it.",
	    "If a packaging step pads files, strip the file back to {expected} bytes (e.g. truncate -s {expected} {path}) and check it with `rproc-diag inspect`.",
	    STEP_COMPARE, STEP_RETRY, NULL } },
	{ "unsigned-image", LOAD, 0, 0, B(F_NOT_SIGNED), 0,
	  "a plain ELF was handed to the TEE",
	  "The file is a plain ELF, not a signed container: the TA checks the magic 0x3543A468 first and rejects it. This remote processor is in TEE mode{fw_format_sentence}, which only accepts images signed with sign_rproc_fw.py.",
	  { "Sign the ELF: sign_rproc_fw.py --in {fw_elf} --out {fw} --key <the key OP-TEE trusts> (or `rproc-diag sign`).",
	    "Copy the signed file to {path} and retry: echo start > /sys/class/remoteproc/{rproc_dev}/state", NULL } },
	{ "corrupt-header", LOAD, 0, 0, 0, 0,
	  "the container header is corrupt",
	  "The header does not describe a valid container: {header_problem}.",
	  { "Re-sign the ELF with sign_rproc_fw.py and copy the result again.", STEP_COMPARE, NULL },
	  .need_any = B(F_BAD_MAGIC) | B(F_BAD_VERSION) | B(F_DAMAGED) | B(F_HDR_OVERFLOW) },
	{ "missing-tlv", LOAD, T(BAD_PARAMETERS), 0, B(F_MISSING_SIGNTYPE), 0,
	  "the SIGNTYPE TLV is missing",
	  "The TLV area has no valid SIGNTYPE record (type 1, length 1), which the TA reads before verifying the signature.",
	  { "Re-sign the ELF with an unmodified sign_rproc_fw.py; it always writes SIGNTYPE first.",
	    "If a tool rewrites the TLV area, fix it to keep SIGNTYPE (and re-sign: the TLV area is covered by the signature).", NULL } },
	{ "bad-tlv-length", LOAD, 0, 0, B(F_PLAT_TLV_BADLEN), 0,
	  "a platform TLV has the wrong length",
	  "Platform TLV {tlv} does not have the 4-byte value ST's PTA requires (CORRUPT_OBJECT on ST OP-TEE).",
	  { "Give the value as a number: --plat-tlv BOOTADDR 0x80100000 (a 0x… value becomes 4 bytes; anything else is stored as a string).",
	    "Re-sign and retry.", NULL } },
	{ "bad-tlv-length", LOAD, T(BAD_PARAMETERS), 0, B(F_BAD_TLV_LEN), 0,
	  "a TLV has the wrong length",
	  "TLV {tlv} has a length the TA does not accept (HASHTABLE must be a multiple of 64 bytes, NUM_IMG 1 byte, IMGTYPE n bytes, IMGSIZE 4n bytes).",
	  { "Re-sign the ELF with an unmodified sign_rproc_fw.py.", STEP_INSPECT, NULL } },
	{ "segment-table-mismatch", LOAD, T(BAD_PARAMETERS), 0, B(F_SEG_TABLE), 0,
	  "the hash table does not match the ELF's program headers",
	  "For segment {seg} (p_paddr {paddr}) the first hash-table entry with that address is not PT_LOAD or its p_filesz/p_memsz differ from the ELF's program header. The TA looks entries up by p_paddr only, so another program header (PT_ARM_EXIDX, PT_GNU_STACK) sharing the address of a PT_LOAD is picked first, or the ELF was changed after signing.",
	  { "Link the firmware so that no non-LOAD program header has the p_paddr of a PT_LOAD (e.g. place .ARM.exidx inside a PT_LOAD and drop PT_GNU_STACK with -z noexecstack / --no-warn-rwx-segments linker options).",
	    "Re-sign the exact ELF you ship; do not strip or modify it after signing.", STEP_INSPECT, NULL } },
	{ "corrupt-header", LOAD, T(BAD_PARAMETERS), 0, 0, B(F_CLEAN),
	  "the container header is not what the TA expects",
	  "BAD_PARAMETERS during LOAD_FW comes from the header and size checks or the per-segment metadata, not from the signature.{clean_sentence}",
	  { STEP_INSPECT, STEP_COMPARE, "Re-sign the ELF with the sign_rproc_fw.py of the OP-TEE on the board.", NULL } },
	{ "ta-interface-mismatch", LOAD, T(BAD_PARAMETERS), 0, B(F_CLEAN), 0,
	  "the image is consistent, the TA rejected the call's parameters",
	  "The file passes every header, TLV and segment check offline{clean_sentence}, so the TA rejected the call itself: the parameter types (VALUE_IN rproc id, MEMREF_IN image) or the alignment of the image buffer (it must be 4-byte aligned) do not match what this TA expects.",
	  { "Use a kernel TEE remoteproc driver from the same release as OP-TEE.",
	    "Check that the kernel registers the firmware buffer directly (4-byte aligned) with the TEE.", NULL } },

	/* ---- signature ---- */
	{ "key-size-mismatch", LOAD, T(SIGNATURE_INVALID), 0, B(F_KEYSIZE_DIFF), 0,
	  "the image was signed with a key of another size",
	  "{sig_sentence} The TEE's key is RSA-{ta_bits} but the signature is {sig_bits} bits long: a signature shorter or longer than the modulus never verifies (e.g. a 2048-bit signature on OP-TEE >= 4.7.0, whose default keys/default.pem is RSA-4096).",
	  { "Sign with the key OP-TEE was built with (RPROC_SIGN_KEY){takey_step}.",
	    "Or rebuild OP-TEE with RPROC_SIGN_KEY set to the public key you sign with.",
	    STEP_RETRY, NULL } },
	{ "signature-key-mismatch", LOAD, T(SIGNATURE_INVALID), 0, 0, 0,
	  "the image is signed with a key the TEE does not trust",
	  "{sig_sentence} The TEE rejected the signature, so this OP-TEE was built with another RPROC_SIGN_KEY (the public key compiled into OP-TEE's remoteproc PTA).{default_key_hint}",
	  { "Sign with the key OP-TEE was built with (RPROC_SIGN_KEY){takey_step}.",
	    "Or rebuild OP-TEE with RPROC_SIGN_KEY=<your key> so it trusts the key you sign with.",
	    "Check with `rproc-diag inspect --ta-key <OP-TEE's key> {path}` before copying.", STEP_RETRY, NULL } },

	/* ---- SECURITY: segment hash, OTP key hash, encryption key ---- */
	{ "segment-hash-mismatch", LOAD, T(SECURITY), 0, B(F_SEG_HASH), 0,
	  "a segment's content differs from its signed hash",
	  "The TA had already verified the signature over the header and hash table, but the SHA-256 of segment {seg} (p_paddr {paddr}) in the file does not match its table entry: the ELF bytes were changed after signing (edited, re-linked, stripped, or corrupted in transfer). The TA wipes the segment and fails the load.",
	  { "Re-sign the exact ELF you want to run (sign after the last objcopy/strip step).",
	    STEP_COMPARE, STEP_RETRY, NULL } },
	{ "otp-key-mismatch", LOAD, T(SECURITY), 0, B(F_PKEYINFO), B(F_ENC),
	  "the image's public key is not the one fused in OTP",
	  "The image carries a public key (PKEYINFO TLV) and ST's OP-TEE was built with CFG_REMOTEPROC_PUB_KEY_VERIFY=y: the SHA-256 of that key does not match the hash fused in OTP (oem_rproc_pkh), so the key is not trusted.",
	  { "Sign with the key whose hash is provisioned in OTP, and pass its DER public key with --key_info.",
	    "Or provision oem_rproc_pkh with the hash of the key you sign with (irreversible: check twice).", NULL } },
	{ "encryption-key-missing", LOAD, T(SECURITY), 0, B(F_ENC), 0,
	  "the encrypted image cannot be decrypted",
	  "The image is encrypted (ENCTYPE TLV); the PTA found no usable AES key (OTP oem_rproc_enc_key is zero) or the segment hash of the ciphertext does not match.",
	  { "Provision the AES-256 key in OTP (oem_rproc_enc_key) or build OP-TEE with CFG_REMOTEPROC_ENC_TESTKEY=y for development.",
	    "Encrypt with the same 32-byte key (--enc_key) and re-sign.", NULL } },
	{ "segment-hash-mismatch", LOAD, T(SECURITY), 0, 0, 0,
	  "a segment's content differs from its signed hash",
	  "SECURITY is the TA's answer when the SHA-256 of a segment copied to the coprocessor memory differs from the signed hash table.{clean_sentence_security}",
	  { STEP_COMPARE,
	    "Re-sign the ELF after its last modification and copy it again.", STEP_RETRY, NULL } },

	/* ---- NOT_SUPPORTED ---- */
	{ "ecdsa-unsupported", LOAD, T(NOT_SUPPORTED), 0, B(F_ECDSA), 0,
	  "ECDSA signatures are not supported by this OP-TEE",
	  "The image is signed with ECDSA P-256 (SIGNTYPE 2). The TA knows that type, but the remoteproc PTA only verifies RSA PKCS#1 v1.5 with SHA-256 (ST OP-TEE accepts ECDSA only with CFG_REMOTEPROC_PUB_KEY_VERIFY=y and the key hash in OTP).",
	  { "Re-sign with an RSA key: sign_rproc_fw.py --key_type RSA --key <RSA key OP-TEE trusts> (or `rproc-diag sign`).",
	    "Or, on ST OP-TEE 4.0 for STM32MP2, enable CFG_REMOTEPROC_PUB_KEY_VERIFY=y, fuse the key hash and sign with --key_info.", NULL } },
	{ "unsupported-signature-type", LOAD, T(NOT_SUPPORTED), 0, B(F_UNSUPP_SIGN), 0,
	  "the SIGNTYPE value is unknown to the TA",
	  "The SIGNTYPE TLV holds a value other than 1 (RSA) or 2 (ECDSA); the TA logs \"Unsupported signature type\".",
	  { "Re-sign with an unmodified sign_rproc_fw.py and --key_type RSA.", NULL } },
	{ "encryption-unsupported", LOAD, T(NOT_SUPPORTED), 0, B(F_ENC), 0,
	  "encrypted firmware is not supported by this OP-TEE",
	  "The image is encrypted (ENCTYPE TLV) but this OP-TEE cannot decrypt it (upstream OP-TEE has no encryption support; ST's PTA may be built without it).",
	  { "Sign without --enc_key, or use an ST OP-TEE 4.0 build with remoteproc decryption enabled.", NULL } },
	{ "rproc-id-unknown", KB_TA_CMD, T(NOT_SUPPORTED), 0, 0, 0,
	  "OP-TEE does not know this remote processor",
	  "The PTA answered NOT_SUPPORTED for the remote processor id: OP-TEE's device tree does not declare this coprocessor for secure loading, or Linux passes another id.{clean_sentence}",
	  { "Declare the coprocessor in OP-TEE's device tree with the \"-tee\" compatible (secure loading).",
	    "Check the remote processor id on both sides (ST: 0 = M4, 1 = M33).", NULL } },

	/* ---- NOT_IMPLEMENTED ---- */
	{ "unsupported-platform-tlv", LOAD, T(NOT_IMPLEMENTED), 0, B(F_PLAT_TLV), 0,
	  "a platform TLV is unknown to ST's PTA",
	  "The image carries platform TLV {plat}; ST's OP-TEE only knows BOOTADDR (0x10001) and BOOTSEC (0x10002) and answers NOT_IMPLEMENTED for any other --plat-tlv id.",
	  { "Re-sign without the custom --plat-tlv (keep only BOOTADDR/BOOTSEC).", STEP_RETRY, NULL } },
	{ "tee-capabilities", LOAD, T(NOT_IMPLEMENTED), 0, 0, 0,
	  "the platform PTA lacks ELF + hash-table support",
	  "The PTA's HW_CAPABILITIES do not include the ELF format with hash-table protection that the TA requires (or GET_COREDUMP, which the TA never implements, was called).",
	  { "Use an OP-TEE whose platform remoteproc PTA supports ELF + HASH_TABLE (CFG_STM32MP_REMOTEPROC on ST).", NULL } },

	{ "command-not-implemented", KB_TA_CMD, T(NOT_IMPLEMENTED), 0, 0, 0,
	  "the TA does not implement this command",
	  "The TA answered NOT_IMPLEMENTED for {cmd}: GET_COREDUMP is never implemented by the remoteproc TA, and RELEASE_FW exists only in upstream OP-TEE >= 4.4.0 (not in ST's TA copies).",
	  { "Use a kernel TEE remoteproc driver that matches the OP-TEE release (ST kernels with ST OP-TEE, upstream series with upstream OP-TEE).",
	    "Disable coredump collection for this remote processor if the kernel asks for it.", NULL } },

	/* ---- NO_DATA ---- */
	{ "missing-tlv", LOAD, T(NO_DATA), 0, B(F_MISSING_TLV), 0,
	  "a required TLV is missing",
	  "The TLV area has no {tlv} record, which the TA requires (HASHTABLE, NUM_IMG, IMGTYPE, IMGSIZE, and HASHTYPE on ST OP-TEE 4.0).",
	  { "Re-sign with the sign_rproc_fw.py of the OP-TEE on the board (ST's TA needs HASHTYPE, older upstream scripts may not write it).", STEP_INSPECT, NULL } },
	{ "segment-not-in-table", LOAD, T(NO_DATA), 0, B(F_SEG_NO_ENTRY), 0,
	  "a loadable segment has no hash-table entry",
	  "PT_LOAD segment {seg} (p_paddr {paddr}) has no entry in the signed hash table: the ELF in the container is not the one the table was computed from.",
	  { "Re-sign the exact ELF you ship.", STEP_INSPECT, NULL } },
	{ "missing-tlv", LOAD, T(NO_DATA), 0, 0, 0,
	  "a required TLV or hash-table entry is missing",
	  "NO_DATA means the TA did not find a TLV it needs (HASHTABLE, NUM_IMG, IMGTYPE, IMGSIZE; HASHTYPE on ST OP-TEE 4.0) or a hash-table entry for a PT_LOAD segment.{clean_sentence}",
	  { "Re-sign with the sign_rproc_fw.py of the OP-TEE on the board.", STEP_INSPECT, NULL } },

	/* ---- BAD_FORMAT ---- */
	{ "bad-resource-table", LOAD, 0, 0, B(F_BAD_RSC), B(F_BAD_ELF),
	  "the firmware's resource table is malformed",
	  "The ELF's .resource_table section is refused: {rsc_text}. The TA parses it after loading the segments and fails the load with BAD_FORMAT.",
	  { "Fix the .resource_table of the firmware (version 1, reserved fields zero, entry offsets inside the section, exactly one table), e.g. from the OpenAMP/ST resource table template.",
	    "Rebuild, re-sign and retry: echo start > /sys/class/remoteproc/{rproc_dev}/state", NULL } },
	{ "bad-elf", LOAD, 0, 0, B(F_BAD_ELF), 0,
	  "the ELF inside the container is not acceptable",
	  "The image inside the container is not an ELF32 the TA can parse (ELF header, phentsize/shentsize, no program headers, section headers missing, or a segment outside the image).",
	  { "Build the firmware as a 32-bit ELF with section headers kept (objcopy -S is fine, --strip-sections is not).", "Re-sign and retry.", NULL } },
	{ "bad-elf", LOAD, T(BAD_FORMAT), 0, B(F_SEG_RANGE), 0,
	  "a program header points outside the image",
	  "Segment {seg} lies outside the ELF image in the container.",
	  { "Re-sign the exact ELF you ship.", STEP_INSPECT, NULL } },
	{ "bad-key-info", LOAD, T(BAD_FORMAT), 0, B(F_PKEYINFO), 0,
	  "the PKEYINFO public key has the wrong form",
	  "With CFG_REMOTEPROC_PUB_KEY_VERIFY=y ST's PTA takes the key from the PKEYINFO TLV, which must be exactly a 294-byte RSA-2048 or 91-byte P-256 DER SubjectPublicKeyInfo.",
	  { "Pass the DER public key: openssl pkey -in key.pem -pubout -outform DER -out key.der; sign with --key_info key.der.", NULL } },
	{ "bad-image-type", LOAD, T(BAD_FORMAT), 0, B(F_BAD_TLV_LEN), 0,
	  "NUM_IMG or IMGTYPE has a value the TA refuses",
	  "TLV {tlv} is malformed (NUM_IMG must be 1 byte, IMGTYPE must be 1 = ELF, or 2 with encryption).",
	  { "Re-sign with an unmodified sign_rproc_fw.py.", NULL } },
	{ "bad-resource-table", LOAD, T(BAD_FORMAT), 0, 0, 0,
	  "the firmware's resource table is malformed",
	  "The container passes the header and segment checks offline{clean_sentence}; BAD_FORMAT after that comes from the .resource_table section: truncated, unsupported version, non-zero reserved bytes, or two tables.",
	  { "Check the .resource_table section of the ELF (version 1, reserved fields zero, exactly one table).",
	    "Rebuild the firmware with the OpenAMP/ST resource table template, re-sign, retry.", NULL } },
	{ "bad-resource-table", LOAD, T(CORRUPT_OBJECT), 0, 0, B(F_PLAT_TLV_BADLEN),
	  "the firmware's resource table is misaligned",
	  "CORRUPT_OBJECT comes from an unaligned .resource_table section (or, on ST OP-TEE, a BOOTADDR/BOOTSEC TLV that is not 4 bytes long).",
	  { "Align .resource_table to 8 bytes in the linker script, rebuild, re-sign, retry.", NULL } },

	/* ---- memory ---- */
	{ "segment-outside-memory", KB_TA_CMD, T(ACCESS_DENIED), 0, 0, 0,
	  "a segment is outside the coprocessor memory OP-TEE allows",
	  "ACCESS_DENIED comes from the platform PTA: a segment (or the resource table) has a device address that is not inside a memory region OP-TEE declares for this coprocessor.{seg_addrs_sentence}",
	  { "Link the firmware for the memory regions that OP-TEE's device tree assigns to the coprocessor (memory-region of its remoteproc node).",
	    "Or extend those regions in OP-TEE's device tree (and the Linux DT's reserved-memory to match).", STEP_RETRY, NULL } },
	{ "ta-out-of-memory", KB_TA_CMD, T(OUT_OF_MEMORY), 0, 0, 0,
	  "the TA ran out of heap",
	  "The TA keeps the header, TLV area, signature and a copy of the hash table on a small heap (CFG_REMOTEPROC_TA_HEAP_SIZE, 4 KiB by default){tlv_len_sentence}.",
	  { "Reduce program headers (fewer segments) or drop a large PKEYINFO/platform TLV.",
	    "Or build OP-TEE with a larger CFG_REMOTEPROC_TA_HEAP_SIZE.", NULL } },

	/* ---- START_FW ---- */
	{ "missing-bootaddr", START, T(GENERIC), 0, 0, B(F_BOOTADDR),
	  "no boot address was given for the Cortex-M33",
	  "The image loaded, but START failed: on STM32MP2 OP-TEE programs the M33 reset vector from the BOOTADDR platform TLV, and this image has none.",
	  { "Re-sign with the boot (vector table) address: sign_rproc_fw.py ... --plat-tlv BOOTADDR 0x80100000 (use your firmware's vector table address; for TF-M also BOOTSEC).",
	    STEP_RETRY, NULL } },
	{ "invalid-bootaddr", START, T(GENERIC), 0, B(F_BOOTADDR), 0,
	  "the boot address is outside the coprocessor memory",
	  "START failed although the image has BOOTADDR {bootaddr}: OP-TEE logs \"Invalid boot address\" when it is not inside the coprocessor's declared memory regions.",
	  { "Re-sign with the address of the firmware's vector table (see the ELF entry / .isr_vector) inside the M33 memory.", STEP_RETRY, NULL } },
	{ "duplicate-bootaddr", LOAD, T(GENERIC), 0, B(F_BOOTADDR), 0,
	  "the boot address was given twice",
	  "ST's PTA returns GENERIC (\"Firmware boot address already set\") when a BOOTADDR TLV is sent twice, e.g. for a second image.",
	  { "Re-sign with a single --plat-tlv BOOTADDR.", NULL } },
	{ "tee-map-failed", KB_TA_CMD, T(GENERIC), 0, 0, 0,
	  "OP-TEE could not map the coprocessor memory",
	  "GENERIC during {cmd} comes from the platform PTA failing to map a coprocessor memory region.",
	  { "Check OP-TEE's secure console for \"Can't map region\" and the memory regions in OP-TEE's device tree.", NULL } },
	{ "bad-parameters", KB_TA_CMD, T(BAD_PARAMETERS), 0, 0, 0,
	  "the TA rejected the command's parameters",
	  "{cmd} was called with parameters the TA does not accept (unknown remote processor id or command, or wrong parameter types): the kernel driver and the TA do not match.",
	  { "Use a kernel and an OP-TEE from the same release.", NULL } },

	/* ---- no TA failure, Linux side ---- */
	{ "signed-image-elf-mode", KB_NONE, 0, 0, B(F_SIGNED_MAGIC) | B(F_FW_ELF_MODE), B(F_BOOT_OK),
	  "a signed image was given to a remote processor in ELF mode",
	  "The remote processor is in ELF mode (fw_format = ELF), so Linux loads the file itself and rejects the signed container (\"Image is corrupted (bad magic)\", {boot_ret_sentence}); no TEE command was made.",
	  { "Use the \"-tee\" compatible for the coprocessor in the Linux device tree (st,stm32mp2-m33-tee / st,stm32mp1-m4-tee) so the TEE loads signed images.",
	    "Or give this remote processor the plain ELF instead of the signed image.", NULL } },
	{ "firmware-not-found", KB_NONE, 0, 0, B(F_ENOENT), B(F_BOOT_OK),
	  "the firmware file was not found",
	  "request_firmware() could not find {fw} ({boot_ret_sentence}). Linux searches {search_path}.",
	  { "Copy the signed image to /lib/firmware/{fw} (or set /sys/class/remoteproc/{rproc_dev}/firmware to its name).",
	    STEP_RETRY, NULL } },
	{ "boot-failed-outside-tee", KB_NONE, 0, 0, 0, B(F_BOOT_OK),
	  "the boot failed in Linux, not in the TEE",
	  "No TA command failed but the boot returned {boot_ret_sentence}: the failure is in Linux (resource table handling, carveouts, mailboxes or subdevices).",
	  { "Look at dmesg for the remoteproc messages just before \"Boot failed\".", NULL } },

	/* ---- fallback ---- */
	{ "unknown", KB_ANY, 0, 0, 0, 0,
	  "no rule matches these facts",
	  "The knowledge base has no rule for this combination.{clean_sentence}",
	  { "Run `rproc-diag inspect {path}` and look at the OP-TEE secure console (UART) for the TA's message.",
	    "Report the JSON line of `rproc-diag watch --json` to the rproc-diag maintainers.", NULL } },
};

#pragma GCC diagnostic pop

unsigned int diag_kb_size(void)
{
	return sizeof(kb) / sizeof(kb[0]);
}

const char *diag_kb_cause(unsigned int i)
{
	return i < diag_kb_size() ? kb[i].cause : NULL;
}

uint32_t diag_kb_code(unsigned int i)
{
	return i < diag_kb_size() ? kb[i].code : 0;
}

uint32_t diag_kb_cmd(unsigned int i)
{
	return i < diag_kb_size() ? kb[i].cmd : 0;
}

const char *const *diag_cause_ids(void)
{
	static const char *ids[sizeof(kb) / sizeof(kb[0]) + 1];
	static bool done;
	unsigned int n = 0;

	if (done)
		return ids;
	for (unsigned int i = 0; i < diag_kb_size(); i++) {
		const char *c = diag_kb_cause(i);
		bool dup = false;

		for (unsigned int j = 0; j < n; j++)
			if (!strcmp(ids[j], c))
				dup = true;
		if (!dup)
			ids[n++] = c;
	}
	ids[n] = NULL;
	done = true;
	return ids;
}

/* ------------------------------------------------------------------ */
/* facts                                                                */

static void add_finding(struct ctx *c, uint32_t code, uint32_t index, uint32_t addr,
			int64_t value, const char *text)
{
	/* the shared library reports resource-table problems as BAD_ELF */
	if (code == RPROC_DIAG_FND_BAD_ELF && text && strstr(text, ".resource_table")) {
		c->facts |= B(F_BAD_RSC);
		if (!c->rsc_text[0])
			snprintf(c->rsc_text, sizeof(c->rsc_text), "%s", text);
		return;
	}
	switch (code) {
	case RPROC_DIAG_FND_TRUNCATED:
		c->facts |= B(F_TRUNC);
		if (value > 0 && !c->missing)
			c->missing = (uint64_t)value;
		break;
	case RPROC_DIAG_FND_APPENDED:
		c->facts |= B(F_APPEND);
		break;
	case RPROC_DIAG_FND_WRONG_GENERATION:
		c->facts |= B(F_WRONG_GEN);
		if (!c->has_format && index) {
			c->format = index;
			c->has_format = true;
		}
		break;
	case RPROC_DIAG_FND_NOT_SIGNED:
		c->facts |= B(F_NOT_SIGNED);
		break;
	case RPROC_DIAG_FND_BAD_MAGIC:
		c->facts |= B(F_BAD_MAGIC);
		break;
	case RPROC_DIAG_FND_BAD_VERSION:
		c->facts |= B(F_BAD_VERSION);
		break;
	case RPROC_DIAG_FND_MISSING_TLV:
		if (addr == RPI_TLV_SIGNTYPE)
			c->facts |= B(F_MISSING_SIGNTYPE);
		else
			c->facts |= B(F_MISSING_TLV);
		if (!c->has_tlv) {
			c->tlv_type = addr;
			c->has_tlv = true;
		}
		break;
	case RPROC_DIAG_FND_BAD_TLV_LEN:
		if (addr >= RPI_TLV_PLAT_MIN && addr <= RPI_TLV_PLAT_MAX)
			c->facts |= B(F_PLAT_TLV_BADLEN);
		else if (addr == RPI_TLV_SIGNTYPE)
			c->facts |= B(F_MISSING_SIGNTYPE);
		else
			c->facts |= B(F_BAD_TLV_LEN);
		if (!c->has_tlv) {
			c->tlv_type = addr;
			c->has_tlv = true;
		}
		break;
	case RPROC_DIAG_FND_SEGMENT_HASH:
	case RPROC_DIAG_FND_SEGMENT_NOT_LOAD:
	case RPROC_DIAG_FND_SEGMENT_NO_ENTRY:
	case RPROC_DIAG_FND_SEGMENT_SIZE:
	case RPROC_DIAG_FND_SEGMENT_RANGE:
		c->facts |= code == RPROC_DIAG_FND_SEGMENT_HASH ? B(F_SEG_HASH) :
			    code == RPROC_DIAG_FND_SEGMENT_NO_ENTRY ? B(F_SEG_NO_ENTRY) :
			    code == RPROC_DIAG_FND_SEGMENT_RANGE ? B(F_SEG_RANGE) : B(F_SEG_TABLE);
		if (!c->has_seg) {
			c->seg_index = index;
			c->seg_paddr = addr;
			c->has_seg = true;
		}
		break;
	case RPROC_DIAG_FND_BAD_ELF:
		c->facts |= B(F_BAD_ELF);
		break;
	case RPROC_DIAG_FND_MISSING_BOOTADDR:
		c->facts |= B(F_MISSING_BOOTADDR);
		break;
	case RPROC_DIAG_FND_ECDSA:
		c->facts |= B(F_ECDSA);
		break;
	case RPROC_DIAG_FND_UNSUPPORTED_SIGN:
		c->facts |= B(F_UNSUPP_SIGN);
		break;
	case RPROC_DIAG_FND_HEADER_OVERFLOW:
		c->facts |= B(F_HDR_OVERFLOW);
		break;
	case RPROC_DIAG_FND_PLAT_TLV:
		c->facts |= B(F_PLAT_TLV);
		c->plat_id = addr;
		break;
	case RPROC_DIAG_FND_FETCH_FAILED:
		c->facts |= B(F_FETCH_FAILED);
		c->fetch_err = value;
		break;
	case RPROC_DIAG_FND_IMAGE_CHANGED:
		c->facts |= B(F_IMAGE_CHANGED);
		break;
	default:
		break;
	}
}

static bool is_problem_finding(uint32_t code)
{
	return code != RPROC_DIAG_FND_OK && code != RPROC_DIAG_FND_DUPLICATE_PADDR &&
	       code != RPROC_DIAG_FND_FETCH_FAILED && code != RPROC_DIAG_FND_IMAGE_CHANGED &&
	       code != RPROC_DIAG_FND_MISSING_BOOTADDR && code != RPROC_DIAG_FND_ECDSA;
}

static void derive_facts(struct ctx *c)
{
	const struct rd_record *r = c->rec;
	const struct diag_file *f = c->in->file;
	const struct diag_dev *d = c->in->dev;
	bool problems = false, analyzed = false;
	int fi = rd_first_failed_cmd(r);

	/* what failed */
	if (fi >= 0) {
		const struct rd_ta_cmd *tc = &r->cmds[fi];

		for (int i = 0; i < fi; i++)
			if (r->cmds[i].func == RPROC_DIAG_TA_LOAD_FW && r->cmds[i].has_ret &&
			    r->cmds[i].ret == 0)
				c->facts |= B(F_LOADED_BEFORE);

		c->cmd = tc->func;
		c->has_code = tc->has_ret && tc->ret != 0;
		c->code = c->has_code ? tc->ret : 0;
		c->origin = tc->has_origin ? tc->origin : 0;
		c->cmd_errno = tc->has_errno ? tc->err : 0;
		if (!c->has_code)
			c->facts |= B(F_TEE_ERRNO);
	} else if (r->has_session &&
		   ((r->session.has_ret && r->session.ret) ||
		    (r->session.has_errno && r->session.err))) {
		c->cmd = KB_SESSION;
		c->facts |= B(F_SESSION_FAILED);
		c->has_code = r->session.has_ret && r->session.ret != 0;
		c->code = c->has_code ? r->session.ret : 0;
		c->origin = r->session.has_origin ? r->session.origin : 0;
	} else {
		c->cmd = KB_NONE;
		if (!r->has_boot_ret || r->boot_ret == 0)
			c->facts |= B(F_BOOT_OK);
	}
	if (r->kind == RPROC_DIAG_KIND_SHUTDOWN)
		c->facts |= B(F_KIND_SHUTDOWN);
	if (r->kind == RPROC_DIAG_KIND_REGISTER)
		c->facts |= B(F_KIND_REGISTER);
	if (r->has_boot_ret && r->boot_ret == -517)
		c->facts |= B(F_PROBE_DEFER);
	if (r->has_boot_ret && r->boot_ret == -ENOENT)
		c->facts |= B(F_ENOENT);

	/* sizes and header, kernel first (it saw what was loaded) */
	if (r->has_fw_size) {
		c->size = r->fw_size;
		c->has_size = true;
	}
	if (r->has_image) {
		const struct rd_image *im = &r->image;

		analyzed = true;
		if (im->has_format) {
			c->format = im->format;
			c->has_format = true;
		}
		if (im->has_expected_size) {
			c->expected = im->expected_size;
			c->has_expected = true;
		}
		if (im->has_sign_len)
			c->sign_len = im->sign_len;
		if (im->has_magic && im->magic == RPI_MAGIC)
			c->facts |= B(F_SIGNED_MAGIC);
		if (im->has_sign_type && im->sign_type == RPI_SIGN_ECDSA_P256_SHA256)
			c->facts |= B(F_ECDSA);
		if (im->has_bootaddr) {
			c->facts |= B(F_BOOTADDR);
			c->bootaddr = im->bootaddr;
		}
		if (im->has_pkey_sha256)
			c->facts |= B(F_PKEYINFO);
	}
	for (unsigned int i = 0; i < r->n_findings; i++) {
		add_finding(c, r->findings[i].code, r->findings[i].index,
			    r->findings[i].addr, r->findings[i].value, r->findings[i].text);
		if (is_problem_finding(r->findings[i].code))
			problems = true;
	}
	if (r->has_analysis && r->has_an_status && r->an_status == 0)
		analyzed = true;

	/* offline analysis of the file */
	if (f && f->looked && !f->found)
		c->facts |= B(F_FILE_MISSING);
	if (f && f->analyzed) {
		const struct rpi_summary *s = &f->res.sum;

		analyzed = true;
		if (!c->has_size) {
			c->size = f->size;
			c->has_size = true;
		} else if (c->size != f->size) {
			c->facts |= B(F_IMAGE_CHANGED);
		}
		if (!c->has_format) {
			c->format = s->format;
			c->has_format = true;
		}
		if (!c->has_expected && (s->flags & RPI_S_HAS_EXPECTED)) {
			c->expected = s->expected_size;
			c->has_expected = true;
		}
		if (!c->sign_len)
			c->sign_len = s->sign_len;
		if (s->magic == RPI_MAGIC)
			c->facts |= B(F_SIGNED_MAGIC);
		if ((s->flags & RPI_S_HAS_SIGN_TYPE) && s->sign_type == RPI_SIGN_ECDSA_P256_SHA256)
			c->facts |= B(F_ECDSA);
		if (s->flags & RPI_S_HAS_BOOTADDR) {
			c->facts |= B(F_BOOTADDR);
			c->bootaddr = s->bootaddr;
		}
		if (s->flags & RPI_S_HAS_PKEY)
			c->facts |= B(F_PKEYINFO);
		if (s->flags & RPI_S_HAS_ENC_TYPE)
			c->facts |= B(F_ENC);
		for (unsigned int i = 0; i < f->n_findings; i++) {
			const struct rpi_finding *x = &f->findings[i];
			char text[RPROC_DIAG_TEXT_MAX];

			rpi_finding_text(x, text, sizeof(text));
			add_finding(c, x->code, x->index, x->addr, x->value, text);
			if (is_problem_finding(x->code))
				problems = true;
		}
		if (f->sig.ta_key_given) {
			c->facts |= f->sig.ta_key_verifies ? B(F_SIG_GOOD_TAKEY) : B(F_SIG_BAD_TAKEY);
			if (c->sign_len && f->sig.ta_key_bits &&
			    f->sig.ta_key_bits != c->sign_len * 8)
				c->facts |= B(F_KEYSIZE_DIFF);
		}
	}

	/* a file cut inside its header has no size equation: the finding's count */
	if (!c->has_expected && c->has_size && c->missing) {
		c->expected = c->size + c->missing;
		c->has_expected = true;
	}

	/* format and size facts that findings may not have stated */
	if (c->has_format) {
		switch (c->format) {
		case RPROC_DIAG_FMT_F1:
		case RPROC_DIAG_FMT_F2:
			c->facts |= B(F_WRONG_GEN);
			problems = true;
			break;
		case RPROC_DIAG_FMT_ELF:
			c->facts |= B(F_NOT_SIGNED);
			problems = true;
			break;
		case RPROC_DIAG_FMT_DAMAGED:
			c->facts |= B(F_DAMAGED);
			problems = true;
			break;
		default:
			break;
		}
	}
	if (c->has_size && c->has_expected && !(c->facts & B(F_WRONG_GEN)) &&
	    !(c->facts & B(F_NOT_SIGNED))) {
		if (c->size < c->expected) {
			c->facts |= B(F_TRUNC);
			c->facts &= ~B(F_DAMAGED);
			problems = true;
		} else if (c->size > c->expected) {
			c->facts |= B(F_APPEND);
			c->facts &= ~B(F_DAMAGED);
			problems = true;
		}
	}
	if (c->facts & (B(F_TRUNC) | B(F_APPEND)))
		c->facts &= ~B(F_DAMAGED);
	if (analyzed)
		c->facts |= B(F_ANALYZED);
	if (analyzed && !problems && (c->facts & IMAGE_PROBLEMS) == 0 && f && f->analyzed)
		c->facts |= B(F_CLEAN);

	/* device */
	if (d && d->known) {
		if (!d->tee_present)
			c->facts |= B(F_TEE_MISSING);
		else if (!d->ta_present)
			c->facts |= B(F_TA_MISSING);
		if (!strcmp(d->fw_format, "ELF"))
			c->facts |= B(F_FW_ELF_MODE);
	}
}

static bool row_matches(const struct kb_row *row, const struct ctx *c)
{
	switch (row->cmd) {
	case KB_ANY:
		break;
	case KB_TA_CMD:
		if (c->cmd == KB_SESSION || c->cmd == KB_NONE)
			return false;
		break;
	default:
		if (row->cmd != c->cmd)
			return false;
	}
	if (row->code && row->code != c->code)
		return false;
	if (row->cmd != KB_NONE && row->cmd != KB_ANY && !row->code &&
	    !row->need && !row->need_any && !c->has_code && row->cmd != KB_SESSION)
		return false;	/* a generic TA-command row needs a TEE result */
	if (row->cmd != KB_NONE && row->cmd != KB_ANY && c->cmd == KB_NONE)
		return false;
	if (row->origin && row->origin != c->origin)
		return false;
	if ((c->facts & row->need) != row->need)
		return false;
	if (c->facts & row->forbid)
		return false;
	if (row->need_any && !(c->facts & row->need_any))
		return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* text                                                                 */

struct buf {
	char *p;
	size_t n, len;
};

static void bputs(struct buf *b, const char *s)
{
	size_t l = strlen(s);

	if (b->len + 1 >= b->n)
		return;
	if (l > b->n - b->len - 1)
		l = b->n - b->len - 1;
	memcpy(b->p + b->len, s, l);
	b->len += l;
	b->p[b->len] = '\0';
}

static void bprintf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void bprintf(struct buf *b, const char *fmt, ...)
{
	char tmp[DIAG_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	bputs(b, tmp);
}

static const char *origin_text(uint32_t origin)
{
	switch (origin) {
	case RPI_TEE_ORIGIN_API: return "the TEE client API";
	case RPI_TEE_ORIGIN_COMMS: return "the Linux-to-OP-TEE transport";
	case RPI_TEE_ORIGIN_TEE: return "the OP-TEE core";
	case RPI_TEE_ORIGIN_TRUSTED_APP: return "the TA";
	default: return "the TEE";
	}
}

static const char *errno_name(int e)
{
	long v = e;	/* -INT_MIN does not fit an int (hostile records) */

	switch (v < 0 ? -v : v) {
	case 0: return "0";
	case EIO: return "EIO";
	case EINVAL: return "EINVAL";
	case ENOENT: return "ENOENT";
	case ENOMEM: return "ENOMEM";
	case EBUSY: return "EBUSY";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENODEV: return "ENODEV";
	case ENXIO: return "ENXIO";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EAGAIN: return "EAGAIN";
	case 517: return "EPROBE_DEFER";
	default: return NULL;
	}
}

static void put_errno(struct buf *b, int e)
{
	const char *n = errno_name(e);

	if (n && e)
		bprintf(b, "%d (-%s)", e, n);
	else
		bprintf(b, "%d", e);
}

static const char *fw_name(const struct ctx *c)
{
	return c->rec->fw_name[0] ? c->rec->fw_name : "<firmware>";
}

static void put_path(struct buf *b, const struct ctx *c)
{
	if (c->in->file && c->in->file->found)
		bputs(b, c->in->file->path);
	else
		bprintf(b, "/lib/firmware/%s", fw_name(c));
}

static void put_fp(struct buf *b, const char *fp)
{
	if (fp && fp[0])
		bprintf(b, ", SHA-256 %.8s…", fp);
}

static void put_key(struct buf *b, const char *name, const char *desc, unsigned int bits,
		    const char *fp)
{
	if (desc && desc[0])
		bprintf(b, "the well-known development key %s (%s; RSA-%u", name, desc, bits);
	else
		bprintf(b, "the key %s (RSA-%u", name, bits);
	put_fp(b, fp);
	bputs(b, ")");
}

static void put_sig_sentence(struct buf *b, const struct ctx *c)
{
	const struct diag_file *f = c->in->file;
	const struct diag_sig *s = f && f->analyzed ? &f->sig : NULL;

	if (s && s->signer_known) {
		bputs(b, "The image is signed with ");
		put_key(b, s->signer_name, s->signer_desc, s->signer_bits, s->signer_fpr);
		bputs(b, ".");
	} else if (c->sign_len) {
		bprintf(b, "The image carries a %u-bit signature that none of the known keys verifies (not one of the well-known development keys).",
			c->sign_len * 8);
	} else {
		bputs(b, "The signing key of the loaded image is not known (the firmware file could not be analysed).");
	}
	if (s && s->ta_key_given) {
		bputs(b, " The TEE trusts ");
		put_key(b, s->ta_key_name, s->ta_key_desc, s->ta_key_bits, s->ta_key_fpr);
		if (s->ta_key_verifies)
			bputs(b, ", which does verify this file's signature: the image the TEE received differs from this file, or the TEE runs with another key than you think.");
		else if (s->signer_known)
			bprintf(b, ": the image is signed with %s, the TEE expects %s.",
				s->signer_name, s->ta_key_name);
		else
			bputs(b, ", which does not verify this signature: the image was signed with another key.");
	}
}

static void put_clean_sentence(struct buf *b, const struct ctx *c)
{
	const struct diag_file *f = c->in->file;

	if (f && f->analyzed && (c->facts & B(F_CLEAN)))
		bprintf(b, " (%s: %u segment hashes checked, header and TLVs consistent)",
			f->path, f->res.n_hash_checked);
	else if (!(c->facts & B(F_ANALYZED)))
		bprintf(b, " The firmware file could not be analysed (%s), so the image facts are unknown.",
			f && f->looked && !f->found ? "not found in the firmware search path" : "no image data");
}

static void expand(struct buf *b, const char *tpl, const struct ctx *c)
{
	const struct rd_record *r = c->rec;
	const struct diag_file *f = c->in->file;
	const struct diag_dev *d = c->in->dev;

	while (*tpl) {
		const char *end;
		char key[32];
		size_t kl;

		if (*tpl != '{' || !(end = strchr(tpl, '}')) || (kl = end - tpl - 1) >= sizeof(key)) {
			char one[2] = { *tpl, 0 };

			bputs(b, one);
			tpl++;
			continue;
		}
		memcpy(key, tpl + 1, kl);
		key[kl] = '\0';
		tpl = end + 1;

		if (!strcmp(key, "fw")) {
			bputs(b, fw_name(c));
		} else if (!strcmp(key, "fw_elf")) {
			bputs(b, "<firmware>.elf");
		} else if (!strcmp(key, "rproc")) {
			bputs(b, r->rproc_name[0] ? r->rproc_name : "the remote processor");
		} else if (!strcmp(key, "rproc_dev")) {
			if (r->has_rproc_index)
				bprintf(b, "remoteproc%u", r->rproc_index);
			else
				bputs(b, "remoteproc0");
		} else if (!strcmp(key, "path")) {
			put_path(b, c);
		} else if (!strcmp(key, "size")) {
			bprintf(b, "%llu", (unsigned long long)c->size);
		} else if (!strcmp(key, "expected")) {
			bprintf(b, "%llu", (unsigned long long)c->expected);
		} else if (!strcmp(key, "delta")) {
			bprintf(b, "%llu", (unsigned long long)(c->size > c->expected ?
				c->size - c->expected : c->expected - c->size));
		} else if (!strcmp(key, "size_sentence")) {
			if (c->has_size && c->size)
				bprintf(b, " (%llu bytes)", (unsigned long long)c->size);
		} else if (!strcmp(key, "format")) {
			bprintf(b, "%s", rpi_format_desc(c->format));
		} else if (!strcmp(key, "tlv")) {
			const char *n = c->has_tlv ? rpi_tlv_name(c->tlv_type) : NULL;

			if (n)
				bprintf(b, "%s (0x%x)", n, c->tlv_type);
			else if (c->has_tlv)
				bprintf(b, "0x%x", c->tlv_type);
			else
				bputs(b, "(not identified)");
		} else if (!strcmp(key, "seg")) {
			if (c->has_seg)
				bprintf(b, "%u", c->seg_index);
			else
				bputs(b, "(not identified)");
		} else if (!strcmp(key, "paddr")) {
			if (c->has_seg)
				bprintf(b, "0x%08x", c->seg_paddr);
			else
				bputs(b, "unknown");
		} else if (!strcmp(key, "seg_addrs_sentence")) {
			if (c->has_seg)
				bprintf(b, " Segment %u is at p_paddr 0x%08x.", c->seg_index, c->seg_paddr);
		} else if (!strcmp(key, "bootaddr")) {
			bprintf(b, "0x%08x", c->bootaddr);
		} else if (!strcmp(key, "plat")) {
			bprintf(b, "0x%x", c->plat_id);
		} else if (!strcmp(key, "cmd")) {
			const char *n = rd_ta_cmd_name(c->cmd);

			bputs(b, n ? n : "the TA command");
		} else if (!strcmp(key, "cmd_errno")) {
			put_errno(b, c->cmd_errno);
		} else if (!strcmp(key, "sess")) {
			if (c->has_code)
				bprintf(b, "0x%08x (%s from %s)", c->code, rpi_tee_code_name(c->code),
					origin_text(c->origin));
			else {
				bputs(b, "errno ");
				put_errno(b, r->session.err);
			}
		} else if (!strcmp(key, "boot_ret_sentence")) {
			if (r->has_boot_ret) {
				bputs(b, "boot returned ");
				put_errno(b, r->boot_ret);
			} else {
				bputs(b, "boot result not observed");
			}
		} else if (!strcmp(key, "sig_sentence")) {
			put_sig_sentence(b, c);
		} else if (!strcmp(key, "sig_bits")) {
			bprintf(b, "%u", c->sign_len * 8);
		} else if (!strcmp(key, "ta_bits")) {
			bprintf(b, "%u", f ? f->sig.ta_key_bits : 0);
		} else if (!strcmp(key, "takey_step")) {
			if (f && f->sig.ta_key_given)
				bprintf(b, ": sign_rproc_fw.py --key <the private key of %s>", f->sig.ta_key_name);
		} else if (!strcmp(key, "rsc_text")) {
			bputs(b, c->rsc_text[0] ? c->rsc_text : "(not identified)");
		} else if (!strcmp(key, "api")) {
			bputs(b, r->has_driver_api ? rd_api_name(r->driver_api) : "unknown");
		} else if (!strcmp(key, "default_key_hint")) {
			if (f && f->analyzed && !f->sig.ta_key_given && f->sig.signer_known &&
			    !strcmp(f->sig.signer_name, "optee-default-rsa2048"))
				bputs(b, " OP-TEE 4.7.0 and later default to the RSA-4096 keys/default.pem (optee-default-rsa4096, SHA-256 cac7bcfa…), and ST's legacy trees to keys/default_rproc.pem (st-default-rproc-rsa2048): give the key of your OP-TEE build with --ta-key to name the mismatch exactly.");
			else if (f && f->analyzed && !f->sig.ta_key_given)
				bputs(b, " Give OP-TEE's key with --ta-key to name the mismatch exactly.");
		} else if (!strcmp(key, "clean_sentence")) {
			put_clean_sentence(b, c);
		} else if (!strcmp(key, "clean_or_unknown")) {
			put_clean_sentence(b, c);
		} else if (!strcmp(key, "clean_sentence_security")) {
			if (f && f->analyzed && !(c->facts & B(F_SEG_HASH)))
				bprintf(b, " The file %s on the target has correct segment hashes (%u checked), so the bytes the TEE received differed from it (file replaced since, or corrupted in memory).",
					f->path, f->res.n_hash_checked);
			else
				bputs(b, " The firmware file could not be checked offline.");
		} else if (!strcmp(key, "header_problem")) {
			if (c->facts & B(F_BAD_MAGIC))
				bputs(b, "the first word is not the magic 0x3543A468");
			else if (c->facts & B(F_BAD_VERSION))
				bputs(b, "the version is not 1");
			else if (c->facts & B(F_HDR_OVERFLOW))
				bputs(b, "a length is zero or the lengths overflow");
			else
				bprintf(b, "magic and version are right but no format's size equation holds for its %llu bytes",
					(unsigned long long)c->size);
		} else if (!strcmp(key, "ta_dev_sentence")) {
			if (d && d->known && !d->ta_present)
				bputs(b, " (/sys/bus/tee/devices/optee-ta-" RPROC_DIAG_TA_UUID " is absent)");
		} else if (!strcmp(key, "fw_format_sentence")) {
			if (d && d->known && d->fw_format[0])
				bprintf(b, " (fw_format = %s)", d->fw_format);
		} else if (!strcmp(key, "device_state_sentence")) {
			if (d && d->known && d->state[0])
				bprintf(b, " sysfs reports the remote processor as \"%s\".", d->state);
		} else if (!strcmp(key, "tlv_len_sentence")) {
			if (f && f->analyzed)
				bprintf(b, "; this image has a %u-byte TLV area and a %u-byte signature",
					f->res.sum.tlv_len, f->res.sum.sign_len);
		} else if (!strcmp(key, "search_path")) {
			bputs(b, "/lib/firmware/updates/<release>, /lib/firmware/updates, /lib/firmware/<release>, /lib/firmware and the firmware_class.path parameter");
		} else {
			bprintf(b, "{%s}", key);
		}
	}
}

/*
 * Compare the TEE's answer with what the shared image library predicts for
 * this file on the TA generation the kernel's driver API suggests.
 */
static void predict(const struct ctx *c, struct diag_result *out, struct buf *b)
{
	const struct diag_file *f = c->in->file;
	const struct rd_record *r = c->rec;
	uint32_t ta, sig = RPI_SIG_UNKNOWN;
	struct rpi_verdict *v = &out->prediction;

	if (!f || !f->analyzed || (c->facts & B(F_IMAGE_CHANGED)))
		return;
	if (c->cmd != RPROC_DIAG_TA_LOAD_FW && c->cmd != RPROC_DIAG_TA_START_FW &&
	    !(c->facts & B(F_BOOT_OK)))
		return;
	if (r->kind != RPROC_DIAG_KIND_BOOT)
		return;
	ta = r->has_driver_api && r->driver_api == RPROC_DIAG_API_ST ? RPI_TA_ST400 : RPI_TA_UPSTREAM;
	if (r->has_driver_api && r->driver_api == RPROC_DIAG_API_ST &&
	    f->res.sum.format == RPROC_DIAG_FMT_F1 && (c->facts & B(F_BOOT_OK)))
		ta = RPI_TA_ST_LEGACY;	/* an F1 image booted: the legacy TA */
	if (f->sig.ta_key_given)
		sig = f->sig.ta_key_verifies ? RPI_SIG_VALID : RPI_SIG_INVALID;
	rpi_predict(&f->res, ta, sig, v);
	out->has_prediction = true;
	out->prediction_agrees = c->has_code ? v->result == c->code : v->result == 0;
	if (!c->has_code || c->cmd == KB_SESSION)
		return;
	if (c->code == RPI_TEE_ERROR_BAD_STATE && v->result && v->result != c->code)
		bprintf(b, " This file also fails on its own: the %s returns 0x%08x (%s) at %s because %s. That earlier failure is what left the TA in its state: fix it first.",
			rpi_ta_name(ta), v->result, rpi_tee_code_name(v->result),
			rpi_ta_cmd_name(v->cmd), v->reason);
	else if (v->result == c->code)
		bprintf(b, " The offline analysis of %s agrees: the %s returns 0x%08x at %s because %s.",
			f->path, rpi_ta_name(ta), v->result, rpi_ta_cmd_name(v->cmd), v->reason);
	else if (v->result && !v->uncertain)
		bprintf(b, " Offline, the %s would return 0x%08x (%s) at %s for %s: %s; the board answered differently, so its OP-TEE is another generation or it loaded other bytes than this file.",
			rpi_ta_name(ta), v->result, rpi_tee_code_name(v->result),
			rpi_ta_cmd_name(v->cmd), f->path, v->reason);
}

void diag_run(const struct diag_input *in, struct diag_result *out)
{
	struct ctx c;
	const struct kb_row *row = NULL;
	struct buf b;
	unsigned int i;

	memset(&c, 0, sizeof(c));
	memset(out, 0, sizeof(*out));
	c.in = in;
	c.rec = in->rec;
	derive_facts(&c);

	for (i = 0; i < diag_kb_size(); i++) {
		row = &kb[i];
		if (row_matches(row, &c))
			break;
	}
	if (i == diag_kb_size()) {	/* cannot happen: the last row matches all */
		i = diag_kb_size() - 1;
		row = &kb[i];
	}
	out->rule = (int)i;
	out->cause = row->cause;
	out->title = row->title;
	out->failed = !(c.facts & B(F_BOOT_OK));
	out->cmd_index = rd_first_failed_cmd(c.rec);
	if (out->cmd_index >= 0) {
		const struct rd_ta_cmd *tc = &c.rec->cmds[out->cmd_index];

		out->ta_command = rd_ta_cmd_name(tc->func);
		out->has_ta_result = tc->has_ret;
		out->ta_result = tc->ret;
		out->ta_origin = tc->origin;
	}

	b.p = out->explanation;
	b.n = sizeof(out->explanation);
	b.len = 0;
	b.p[0] = '\0';
	if (c.has_code) {
		const char *who = c.cmd == KB_SESSION ? "the session open" : rd_ta_cmd_name(c.cmd);

		bprintf(&b, "0x%08x is %s returned by %s for %s. ", c.code,
			rpi_tee_code_name(c.code), origin_text(c.origin),
			who ? who : "a TA command");
	}
	expand(&b, row->explain, &c);
	predict(&c, out, &b);

	for (unsigned int s = 0; s < DIAG_MAX_STEPS && row->steps[s]; s++) {
		b.p = out->steps[s];
		b.n = sizeof(out->steps[s]);
		b.len = 0;
		b.p[0] = '\0';
		expand(&b, row->steps[s], &c);
		out->n_steps = s + 1;
	}
}
