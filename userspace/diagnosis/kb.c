// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The knowledge base (kb.h): every check of the remoteproc TA listed in the
 * format notes (section 3) has a row, each TEE result the TA or its PTA can
 * return at least one.
 */
#include "diagnosis/kb.h"
#include "rproc_tee.h"

static const char *const cause_names[CAUSE_COUNT] = {
	[CAUSE_OK] = "ok",
	[CAUSE_TEE_NOT_PRESENT] = "tee-not-present",
	[CAUSE_TA_NOT_PRESENT] = "ta-not-present",
	[CAUSE_TEE_COMMUNICATION] = "tee-communication",
	[CAUSE_TEE_SESSION_REFUSED] = "tee-session-refused",
	[CAUSE_TA_INTERFACE_MISMATCH] = "ta-interface-mismatch",
	[CAUSE_BAD_STATE_AFTER_FAILURE] = "bad-state-after-failure",
	[CAUSE_WRONG_FORMAT_GENERATION] = "wrong-format-generation",
	[CAUSE_TRUNCATED_IMAGE] = "truncated-image",
	[CAUSE_APPENDED_BYTES] = "appended-bytes",
	[CAUSE_UNSIGNED_IMAGE] = "unsigned-image",
	[CAUSE_CORRUPT_HEADER] = "corrupt-header",
	[CAUSE_MISSING_TLV] = "missing-tlv",
	[CAUSE_BAD_TLV_LENGTH] = "bad-tlv-length",
	[CAUSE_SEGMENT_TABLE_MISMATCH] = "segment-table-mismatch",
	[CAUSE_LOADED_IMAGE_DIFFERS] = "loaded-image-differs",
	[CAUSE_KEY_SIZE_MISMATCH] = "key-size-mismatch",
	[CAUSE_SIGNATURE_KEY_MISMATCH] = "signature-key-mismatch",
	[CAUSE_SEGMENT_HASH_MISMATCH] = "segment-hash-mismatch",
	[CAUSE_OTP_KEY_MISMATCH] = "otp-key-mismatch",
	[CAUSE_ENCRYPTION_KEY_MISSING] = "encryption-key-missing",
	[CAUSE_ECDSA_UNSUPPORTED] = "ecdsa-unsupported",
	[CAUSE_UNSUPPORTED_SIGNATURE_TYPE] = "unsupported-signature-type",
	[CAUSE_ENCRYPTION_UNSUPPORTED] = "encryption-unsupported",
	[CAUSE_RPROC_ID_UNKNOWN] = "rproc-id-unknown",
	[CAUSE_UNSUPPORTED_PLATFORM_TLV] = "unsupported-platform-tlv",
	[CAUSE_TEE_CAPABILITIES] = "tee-capabilities",
	[CAUSE_COMMAND_NOT_IMPLEMENTED] = "command-not-implemented",
	[CAUSE_SEGMENT_NOT_IN_TABLE] = "segment-not-in-table",
	[CAUSE_BAD_RESOURCE_TABLE] = "bad-resource-table",
	[CAUSE_BAD_ELF] = "bad-elf",
	[CAUSE_BAD_KEY_INFO] = "bad-key-info",
	[CAUSE_BAD_IMAGE_TYPE] = "bad-image-type",
	[CAUSE_SEGMENT_OUTSIDE_MEMORY] = "segment-outside-memory",
	[CAUSE_TA_OUT_OF_MEMORY] = "ta-out-of-memory",
	[CAUSE_MISSING_BOOTADDR] = "missing-bootaddr",
	[CAUSE_INVALID_BOOTADDR] = "invalid-bootaddr",
	[CAUSE_DUPLICATE_BOOTADDR] = "duplicate-bootaddr",
	[CAUSE_TEE_MAP_FAILED] = "tee-map-failed",
	[CAUSE_BAD_PARAMETERS] = "bad-parameters",
	[CAUSE_SIGNED_IMAGE_ELF_MODE] = "signed-image-elf-mode",
	[CAUSE_FIRMWARE_NOT_FOUND] = "firmware-not-found",
	[CAUSE_FIRMWARE_EMPTY] = "firmware-empty",
	[CAUSE_FIRMWARE_TOO_LARGE] = "firmware-too-large",
	[CAUSE_FIRMWARE_UNREADABLE] = "firmware-unreadable",
	[CAUSE_RESOURCE_TABLE_UNMAPPABLE] = "resource-table-unmappable",
	[CAUSE_BOOT_FAILED_OUTSIDE_TEE] = "boot-failed-outside-tee",
	[CAUSE_UNKNOWN] = "unknown",
};

const char *diag_cause_name(enum diag_cause c)
{
	return (unsigned int)c < CAUSE_COUNT ? cause_names[c] : NULL;
}

bool kb_rule_matches(const struct kb_rule *rule, const struct diag_facts *f)
{
	switch (rule->at) {
	case AT_ANY:
		break;
	case AT_NOTHING:
		if (f->failure != FAILED_NOTHING)
			return false;
		break;
	case AT_SESSION:
		if (f->failure != FAILED_SESSION)
			return false;
		break;
	case AT_TA_CMD:
		if (f->failure != FAILED_TA_CMD)
			return false;
		break;
	case AT_LOAD:
		if (f->failure != FAILED_TA_CMD || f->cmd != RPROC_DIAG_TA_LOAD_FW)
			return false;
		break;
	case AT_START:
		if (f->failure != FAILED_TA_CMD || f->cmd != RPROC_DIAG_TA_START_FW)
			return false;
		break;
	}
	if (rule->code && rule->code != f->code)
		return false;
	if ((f->set & rule->need) != rule->need)
		return false;
	if (rule->need_any && !(f->set & rule->need_any))
		return false;
	return !(f->set & rule->forbid);
}

/* Steps several rows share. */
#define STEP_COMPARE \
	"Compare `sha256sum {path}` on the target with the sha256sum of the file your build produced; they must be identical."
#define STEP_RETRY \
	"Retry the boot: echo start > /sys/class/remoteproc/{rproc_dev}/state"
#define STEP_INSPECT \
	"Run `rproc-diag inspect {path}` to see every check the TA makes on this file."

const struct kb_rule kb_rules[] = {
	/* ---- success ---- */
	{
		.cause = CAUSE_OK,
		.at = AT_NOTHING, .need = FACT(F_BOOT_OK) | FACT(F_KIND_SHUTDOWN),
		.title = "the remote processor was stopped",
		.explain = "{rproc} was stopped cleanly.",
	},
	{
		.cause = CAUSE_OK,
		.at = AT_NOTHING, .need = FACT(F_BOOT_OK) | FACT(F_KIND_REGISTER),
		.title = "the TEE remoteproc session was opened",
		.explain = "The TEE remoteproc driver registered {rproc}: the remoteproc TA answered the session open.",
	},
	{
		.cause = CAUSE_OK,
		.at = AT_NOTHING, .need = FACT(F_BOOT_OK),
		.title = "the remote processor booted",
		.explain = "{rproc} booted firmware {fw}{size_sentence}.",
	},
	/* ---- TEE missing / TA not enumerated ---- */
	{
		.cause = CAUSE_TEE_NOT_PRESENT,
		.need = FACT(F_TEE_MISSING), .forbid = FACT(F_BOOT_OK),
		.title = "OP-TEE is not running",
		.explain = "The board has no TEE device (/sys/class/tee is empty): OP-TEE did not start, or this kernel has no OP-TEE driver (CONFIG_OPTEE), so the TEE remoteproc driver can reach no TA ({boot_ret_sentence}).",
		.steps = {
			"Check the boot log for the OP-TEE banner and `optee: ` lines in dmesg; flash a boot chain with OP-TEE (ST: the \"optee\" flash layout).",
			"Build the kernel with CONFIG_OPTEE=y (or load the optee module) and the firmware node that starts it (/firmware/optee in the device tree).",
			"After reboot check with `rproc-diag status` that a TEE and the remoteproc TA are present.",
		},
	},
	{
		.cause = CAUSE_TA_NOT_PRESENT,
		.need = FACT(F_PROBE_DEFERRED),
		.title = "the remoteproc TA is not available in OP-TEE",
		.explain = "The TEE remoteproc driver's register call returned -EPROBE_DEFER (-517): no remoteproc trusted application (UUID " RPROC_DIAG_TA_UUID ") is enumerated on the TEE bus{ta_dev_sentence}, so the remoteproc probe stays deferred. This is the case with OP-TEE layouts built without the remoteproc TA, such as \"opteemin\".",
		.steps = {
			"Flash an OP-TEE build that embeds the remoteproc TA (ST: the \"optee\" flash layout, not \"opteemin\"; OP-TEE: CFG_IN_TREE_EARLY_TAS += remoteproc/" RPROC_DIAG_TA_UUID ").",
			"After reboot check that /sys/bus/tee/devices/optee-ta-" RPROC_DIAG_TA_UUID " exists (`rproc-diag status`).",
			"Or, to load unsigned ELF firmware without the TEE, use the non-\"-tee\" compatible for the remote processor in the Linux device tree.",
		},
	},
	{
		.cause = CAUSE_TA_NOT_PRESENT,
		.at = AT_SESSION, .code = TEE_ERROR_ITEM_NOT_FOUND,
		.title = "the remoteproc TA is not available in OP-TEE",
		.explain = "OP-TEE could not find the remoteproc trusted application (UUID " RPROC_DIAG_TA_UUID ") when Linux opened a session to it: this OP-TEE build does not contain the TA.",
		.steps = {
			"Rebuild or reflash OP-TEE with the remoteproc TA (ST: the \"optee\" layout, not \"opteemin\").",
			"Check with `rproc-diag status` that the TA appears on the TEE bus.",
		},
	},
	{
		.cause = CAUSE_TA_NOT_PRESENT,
		.at = AT_NOTHING, .need = FACT(F_TA_MISSING), .forbid = FACT(F_BOOT_OK),
		.title = "the remoteproc TA is not available in OP-TEE",
		.explain = "A TEE device is present but /sys/bus/tee/devices/optee-ta-" RPROC_DIAG_TA_UUID " is not: the remoteproc trusted application is not enumerated on the TEE bus, so the TEE remoteproc driver cannot open a session ({boot_ret_sentence}). OP-TEE layouts such as \"opteemin\" lack this TA.",
		.steps = {
			"Flash an OP-TEE build that embeds the remoteproc TA (ST: the \"optee\" layout, not \"opteemin\").",
			"Check with `rproc-diag status` that the TA appears on the TEE bus.",
		},
	},
	/* ---- transport ---- */
	{
		.cause = CAUSE_TEE_COMMUNICATION,
		.code = TEE_ERROR_COMMUNICATION,
		.title = "Linux could not reach OP-TEE",
		.explain = "The call never reached the TA: the OP-TEE driver failed to pass it to the secure world (SMC or parameter conversion failure).",
		.steps = {
			"Check dmesg for optee driver errors and the OP-TEE secure console (UART) for panics.",
			"Make sure the OP-TEE version matches the kernel's OP-TEE driver (same ABI, shared memory configured).",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_TEE_COMMUNICATION,
		.at = AT_TA_CMD, .need = FACT(F_INVOKE_ERRNO),
		.title = "Linux could not reach OP-TEE",
		.explain = "tee_client_invoke_func() returned {cmd_errno} for {cmd} without a TEE result: the request failed in Linux before it reached the TA (e.g. unknown session).",
		.steps = {
			"Check dmesg for tee/optee driver errors around the boot attempt.",
			"Unbind and rebind the remote processor driver, or reboot, to get a fresh TEE session.",
		},
	},
	/* ---- session open ---- */
	{
		.cause = CAUSE_TEE_SESSION_REFUSED,
		.at = AT_SESSION, .code = TEE_ERROR_NOT_SUPPORTED,
		.title = "OP-TEE refused the remoteproc session: device-tree mismatch",
		.explain = "The TA opens its PTA for the remote processor id given by Linux, and the PTA answers NOT_SUPPORTED when OP-TEE has no such remote processor: OP-TEE's device tree does not declare it for secure loading (e.g. Linux uses \"st,stm32mp2-m33-tee\" but OP-TEE's node is plain \"st,stm32mp2-m33\"), or the ids differ.",
		.steps = {
			"Use the same flavour in both device trees: a \"-tee\" compatible for the coprocessor in OP-TEE's DT when Linux uses the \"-tee\" compatible.",
			"Check that Linux and OP-TEE use the same remote processor id (ST: 0 = M4 on MP1, 1 = M33 on MP2).",
			"Rebuild and flash OP-TEE, reboot, then run `rproc-diag status`.",
		},
	},
	{
		.cause = CAUSE_TEE_SESSION_REFUSED,
		.at = AT_SESSION, .code = TEE_ERROR_BAD_PARAMETERS,
		.title = "OP-TEE refused the remoteproc session: parameter mismatch",
		.explain = "The TA requires exactly one VALUE_INPUT parameter (the remote processor id) at session open; older kernels (ST v6.1-r1 and earlier) open the session with no parameter and a PUBLIC login, which current TAs reject.",
		.steps = {
			"Use a kernel whose TEE remoteproc driver matches the OP-TEE release (same OpenSTLinux ecosystem release for both).",
			"Or use an OP-TEE whose remoteproc TA matches this kernel's driver.",
		},
	},
	{
		.cause = CAUSE_TEE_SESSION_REFUSED,
		.at = AT_SESSION,
		.title = "OP-TEE refused the remoteproc session",
		.explain = "The session open to the remoteproc TA failed with {sess}, so no firmware can be loaded through the TEE.",
		.steps = {
			"Look at the OP-TEE secure console (UART) for the TA's error message at boot.",
			"Check that OP-TEE's device tree declares the remote processor for secure loading and that the kernel and OP-TEE come from the same release.",
		},
	},
	/* ---- LOAD_FW: state ---- */
	{
		.cause = CAUSE_TA_INTERFACE_MISMATCH,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_STATE, .need = FACT(F_LOADED_BEFORE),
		.title = "the kernel driver loads twice, this TA refuses the second load",
		.explain = "In this same attempt LOAD_FW had already succeeded; the second LOAD_FW was refused because the firmware is already loaded. The upstream-series kernel driver (driver API {api}) loads once in parse_fw and again in load: upstream OP-TEE's TA (>= 4.2.0) treats a LOAD_FW in state LOADED as a no-op, ST's TA answers BAD_STATE. No earlier attempt failed: the kernel driver and the TA come from different generations.",
		.steps = {
			"Use the TEE remoteproc driver that matches the OP-TEE on the board: ST's kernel (tee_rproc_*) with ST's OP-TEE, or the upstream series (rproc_tee_*) with upstream OP-TEE >= 4.2.0.",
			"Or update the TA to one that accepts a LOAD_FW in state LOADED (upstream commit \"allow remoteproc_load_fw re-entrance\").",
		},
	},
	{
		.cause = CAUSE_BAD_STATE_AFTER_FAILURE,
		.at = AT_TA_CMD, .code = TEE_ERROR_BAD_STATE,
		.title = "the TA is still in the state of an earlier attempt",
		.explain = "{cmd} was refused because the TA's remote processor is not in the state this command needs (LOAD_FW needs OFF). After an earlier attempt failed part-way (or the firmware is still loaded or running), the TA keeps LOADED/STARTED and ST's TA refuses to load again.{device_state_sentence}",
		.steps = {
			"Stop the remote processor: echo stop > /sys/class/remoteproc/{rproc_dev}/state (ignore an error if it is already offline).",
			"If that does not help, reboot the board so the TA starts from OFF.",
			STEP_RETRY,
			"If the first failure comes back, diagnose that one: it is the real cause (`rproc-diag watch` shows every attempt).",
		},
	},
	/* ---- LOAD_FW: header and size (BAD_PARAMETERS) ---- */
	{
		.cause = CAUSE_WRONG_FORMAT_GENERATION,
		.at = AT_LOAD, .need = FACT(F_WRONG_GENERATION),
		.title = "the image uses another signed-image generation",
		.explain = "The file is in the {format} layout. It has the same magic and version as the current TLV format (F3) but another layout, so the F3 TA's size equation 20 + R8(tlv_len) + R8(sign_len) + R8(img_len) does not hold and the header check fails. It was signed with an older sign_rproc_fw.py than the TA on the board expects.",
		.steps = {
			"{fix_step}",
			"Or re-sign the ELF with the sign_rproc_fw.py of the OP-TEE that runs on the board (export-ta_arm*/scripts/sign_rproc_fw.py of the same build), with the key that OP-TEE trusts (RPROC_SIGN_KEY, by default keys/default.pem), not keys/default_rproc.pem of the legacy ST trees.",
			"Copy the new image to {path} and retry: echo start > /sys/class/remoteproc/{rproc_dev}/state",
		},
	},
	{
		.cause = CAUSE_TRUNCATED_IMAGE,
		.at = AT_LOAD, .need = FACT(F_TRUNCATED),
		.title = "the firmware file is truncated",
		.explain = "This is not a signature failure. The file is {size} bytes but its header describes {expected}: {delta} bytes are missing, so the copy is truncated (interrupted transfer, full file system, or a tool that cut it).",
		.steps = {
			"Copy the signed image to the target again (e.g. scp, then sync).",
			STEP_COMPARE,
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_APPENDED_BYTES,
		.at = AT_LOAD, .need = FACT(F_APPENDED),
		.title = "bytes were appended to the firmware file",
		.explain = "This is not a signature failure. The file is {size} bytes but its header describes {expected}: {delta} extra bytes follow the image (padding added by a flashing or packaging tool, or two files concatenated), and the TA requires the exact size.",
		.steps = {
			"{fix_step}",
			"Use the signed image exactly as sign_rproc_fw.py wrote it; do not pad or append to it.",
			"If a packaging step pads files, strip the file back to {expected} bytes (e.g. truncate -s {expected} {path}) and check it with `rproc-diag inspect`.",
			STEP_COMPARE,
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_UNSIGNED_IMAGE,
		.at = AT_LOAD, .need = FACT(F_NOT_SIGNED),
		.title = "a plain ELF was handed to the TEE",
		.explain = "The file is a plain ELF, not a signed container: the TA checks the magic 0x3543A468 first and rejects it. This remote processor is in TEE mode{fw_format_sentence}, which only accepts images signed with sign_rproc_fw.py.",
		.steps = {
			"{fix_step}",
			"{sign_step}",
			"Copy the signed file to {path} and retry: echo start > /sys/class/remoteproc/{rproc_dev}/state",
		},
	},
	{
		.cause = CAUSE_CORRUPT_HEADER,
		.at = AT_LOAD, .need_any = FACT(F_BAD_MAGIC) | FACT(F_BAD_VERSION) | FACT(F_DAMAGED) | FACT(F_HEADER_OVERFLOW),
		.title = "the container header is corrupt",
		.explain = "The header does not describe a valid container: {header_problem}.",
		.steps = {
			"Re-sign the ELF with sign_rproc_fw.py and copy the result again.",
			STEP_COMPARE,
		},
	},
	{
		.cause = CAUSE_MISSING_TLV,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_PARAMETERS, .need = FACT(F_MISSING_SIGNTYPE),
		.title = "the SIGNTYPE TLV is missing",
		.explain = "The TLV area has no valid SIGNTYPE record (type 1, length 1), which the TA reads before verifying the signature.",
		.steps = {
			"Re-sign the ELF with an unmodified sign_rproc_fw.py; it always writes SIGNTYPE first.",
			"If a tool rewrites the TLV area, fix it to keep SIGNTYPE (and re-sign: the TLV area is covered by the signature).",
		},
	},
	{
		.cause = CAUSE_BAD_TLV_LENGTH,
		.at = AT_LOAD, .need = FACT(F_PLATFORM_TLV_LENGTH),
		.title = "a platform TLV has the wrong length",
		.explain = "Platform TLV {tlv} does not have the 4-byte value ST's PTA requires (CORRUPT_OBJECT on ST OP-TEE).",
		.steps = {
			"{fix_step}",
			"{sign_step} Give BOOTADDR as a 0x… number: it then becomes the 4 bytes the PTA reads; anything else is stored as a string.",
		},
	},
	{
		.cause = CAUSE_BAD_TLV_LENGTH,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_PARAMETERS, .need = FACT(F_BAD_TLV_LENGTH),
		.title = "a TLV has the wrong length",
		.explain = "TLV {tlv} has a length the TA does not accept (HASHTABLE must be a multiple of 64 bytes, NUM_IMG 1 byte, IMGTYPE n bytes, IMGSIZE 4n bytes).",
		.steps = {
			"Re-sign the ELF with an unmodified sign_rproc_fw.py.",
			STEP_INSPECT,
		},
	},
	{
		.cause = CAUSE_SEGMENT_TABLE_MISMATCH,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_PARAMETERS, .need = FACT(F_SEGMENT_TABLE),
		.title = "the hash table does not match the ELF's program headers",
		.explain = "For segment {seg} (p_paddr {paddr}) the first hash-table entry with that address is not PT_LOAD or its p_filesz/p_memsz differ from the ELF's program header. The TA looks entries up by p_paddr only, so another program header (PT_ARM_EXIDX, PT_GNU_STACK) sharing the address of a PT_LOAD is picked first, or the ELF was changed after signing.",
		.steps = {
			"Link the firmware so that no non-LOAD program header has the p_paddr of a PT_LOAD (e.g. place .ARM.exidx inside a PT_LOAD and drop PT_GNU_STACK with -z noexecstack / --no-warn-rwx-segments linker options).",
			"Re-sign the exact ELF you ship; do not strip or modify it after signing.",
			STEP_INSPECT,
		},
	},
	{
		.cause = CAUSE_CORRUPT_HEADER,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_PARAMETERS, .forbid = FACT(F_IMAGE_CLEAN),
		.title = "the container header is not what the TA expects",
		.explain = "BAD_PARAMETERS during LOAD_FW comes from the header and size checks or the per-segment metadata, not from the signature.{clean_sentence}",
		.steps = {
			STEP_INSPECT,
			STEP_COMPARE,
			"Re-sign the ELF with the sign_rproc_fw.py of the OP-TEE on the board.",
		},
	},
	{
		.cause = CAUSE_TA_INTERFACE_MISMATCH,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_PARAMETERS, .need = FACT(F_IMAGE_CLEAN),
		.title = "the image is consistent, the TA rejected the call's parameters",
		.explain = "The file passes every header, TLV and segment check offline{clean_sentence}, so the TA rejected the call itself: the parameter types (VALUE_IN rproc id, MEMREF_IN image) or the alignment of the image buffer (it must be 4-byte aligned) do not match what this TA expects.",
		.steps = {
			"Use a kernel TEE remoteproc driver from the same release as OP-TEE.",
			"Check that the kernel registers the firmware buffer directly (4-byte aligned) with the TEE.",
		},
	},
	/* ---- signature ---- */
	{
		.cause = CAUSE_LOADED_IMAGE_DIFFERS,
		.at = AT_LOAD, .code = TEE_ERROR_SIGNATURE_INVALID, .need = FACT(F_TA_KEY_VERIFIES),
		.title = "the TEE checked other bytes than this file",
		.explain = "{sig_sentence}",
		.steps = {
			STEP_COMPARE,
			"Check that --ta-key is the key this OP-TEE was built with (RPROC_SIGN_KEY).",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_KEY_SIZE_MISMATCH,
		.at = AT_LOAD, .code = TEE_ERROR_SIGNATURE_INVALID, .need = FACT(F_KEY_SIZE_DIFFERS),
		.title = "the image was signed with a key of another size",
		.explain = "{sig_sentence} The TEE's key is RSA-{ta_bits} but the signature is {sig_bits} bits long: a signature shorter or longer than the modulus never verifies (e.g. a 2048-bit signature on OP-TEE >= 4.7.0, whose default keys/default.pem is RSA-4096).",
		.steps = {
			"Sign with the key OP-TEE was built with (RPROC_SIGN_KEY){takey_step}. {fix_step}",
			"Or rebuild OP-TEE with RPROC_SIGN_KEY set to the public key you sign with.",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_SIGNATURE_KEY_MISMATCH,
		.at = AT_LOAD, .code = TEE_ERROR_SIGNATURE_INVALID,
		.title = "the image is signed with a key the TEE does not trust",
		.explain = "{sig_sentence} The TEE rejected the signature, so this OP-TEE was built with another RPROC_SIGN_KEY (the public key compiled into OP-TEE's remoteproc PTA).{default_key_hint}",
		.steps = {
			"Sign with the key OP-TEE was built with (RPROC_SIGN_KEY){takey_step}. {fix_step}",
			"Or rebuild OP-TEE with RPROC_SIGN_KEY set to the public half of the key you sign with, so it trusts that key.",
			"Check the result with `rproc-diag inspect --ta-key` and OP-TEE's public key before copying it.",
			STEP_RETRY,
		},
	},
	/* ---- SECURITY: segment hash, OTP key hash, encryption key ---- */
	{
		.cause = CAUSE_SEGMENT_HASH_MISMATCH,
		.at = AT_LOAD, .code = TEE_ERROR_SECURITY, .need = FACT(F_SEGMENT_HASH),
		.title = "a segment's content differs from its signed hash",
		.explain = "The TA had already verified the signature over the header and hash table, but the SHA-256 of segment {seg} (p_paddr {paddr}) in the file does not match its table entry: the ELF bytes were changed after signing (edited, re-linked, stripped, or corrupted in transfer). The TA wipes the segment and fails the load.",
		.steps = {
			"Re-sign the exact ELF you want to run (sign after the last objcopy/strip step).",
			STEP_COMPARE,
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_OTP_KEY_MISMATCH,
		.at = AT_LOAD, .code = TEE_ERROR_SECURITY, .need = FACT(F_HAS_PKEYINFO), .forbid = FACT(F_ENCRYPTED),
		.title = "the image's public key is not the one fused in OTP",
		.explain = "The image carries a public key (PKEYINFO TLV) and ST's OP-TEE was built with CFG_REMOTEPROC_PUB_KEY_VERIFY=y: the SHA-256 of that key does not match the hash fused in OTP (oem_rproc_pkh), so the key is not trusted.",
		.steps = {
			"Sign with the key whose hash is provisioned in OTP, and pass its DER public key with --key_info.",
			"Or provision oem_rproc_pkh with the hash of the key you sign with (irreversible: check twice).",
		},
	},
	{
		.cause = CAUSE_ENCRYPTION_KEY_MISSING,
		.at = AT_LOAD, .code = TEE_ERROR_SECURITY, .need = FACT(F_ENCRYPTED),
		.title = "the encrypted image cannot be decrypted",
		.explain = "The image is encrypted (ENCTYPE TLV); the PTA found no usable AES key (OTP oem_rproc_enc_key is zero) or the segment hash of the ciphertext does not match.",
		.steps = {
			"Provision the AES-256 key in OTP (oem_rproc_enc_key) or build OP-TEE with CFG_REMOTEPROC_ENC_TESTKEY=y for development.",
			"Encrypt with the same 32-byte key (--enc_key) and re-sign.",
		},
	},
	{
		.cause = CAUSE_SEGMENT_HASH_MISMATCH,
		.at = AT_LOAD, .code = TEE_ERROR_SECURITY,
		.title = "a segment's content differs from its signed hash",
		.explain = "SECURITY is the TA's answer when the SHA-256 of a segment copied to the coprocessor memory differs from the signed hash table.{clean_sentence_security}",
		.steps = {
			STEP_COMPARE,
			"Re-sign the ELF after its last modification and copy it again.",
			STEP_RETRY,
		},
	},
	/* ---- NOT_SUPPORTED ---- */
	{
		.cause = CAUSE_ECDSA_UNSUPPORTED,
		.at = AT_LOAD, .code = TEE_ERROR_NOT_SUPPORTED, .need = FACT(F_ECDSA_SIGNED),
		.title = "ECDSA signatures are not supported by this OP-TEE",
		.explain = "The image is signed with ECDSA P-256 (SIGNTYPE 2). The TA knows that type, but the remoteproc PTA only verifies RSA PKCS#1 v1.5 with SHA-256 (ST OP-TEE accepts ECDSA only with CFG_REMOTEPROC_PUB_KEY_VERIFY=y and the key hash in OTP).",
		.steps = {
			"Re-sign with the RSA key OP-TEE trusts. {fix_step}",
			"Or, on ST OP-TEE 4.0 for STM32MP2, enable CFG_REMOTEPROC_PUB_KEY_VERIFY=y, fuse the key hash and sign with --key_info.",
		},
	},
	{
		.cause = CAUSE_UNSUPPORTED_SIGNATURE_TYPE,
		.at = AT_LOAD, .code = TEE_ERROR_NOT_SUPPORTED, .need = FACT(F_UNKNOWN_SIGNTYPE),
		.title = "the SIGNTYPE value is unknown to the TA",
		.explain = "The SIGNTYPE TLV holds a value other than 1 (RSA) or 2 (ECDSA); the TA logs \"Unsupported signature type\".",
		.steps = {
			"Re-sign with an unmodified sign_rproc_fw.py and --key_type RSA.",
		},
	},
	{
		.cause = CAUSE_ENCRYPTION_UNSUPPORTED,
		.at = AT_LOAD, .code = TEE_ERROR_NOT_SUPPORTED, .need = FACT(F_ENCRYPTED),
		.title = "encrypted firmware is not supported by this OP-TEE",
		.explain = "The image is encrypted (ENCTYPE TLV) but this OP-TEE cannot decrypt it (upstream OP-TEE has no encryption support; ST's PTA may be built without it).",
		.steps = {
			"Sign without --enc_key, or use an ST OP-TEE 4.0 build with remoteproc decryption enabled.",
		},
	},
	{
		.cause = CAUSE_RPROC_ID_UNKNOWN,
		.at = AT_TA_CMD, .code = TEE_ERROR_NOT_SUPPORTED,
		.title = "OP-TEE does not know this remote processor",
		.explain = "The PTA answered NOT_SUPPORTED for the remote processor id: OP-TEE's device tree does not declare this coprocessor for secure loading, or Linux passes another id.{clean_sentence}",
		.steps = {
			"Declare the coprocessor in OP-TEE's device tree with the \"-tee\" compatible (secure loading).",
			"Check the remote processor id on both sides (ST: 0 = M4, 1 = M33).",
		},
	},
	/* ---- NOT_IMPLEMENTED ---- */
	{
		.cause = CAUSE_UNSUPPORTED_PLATFORM_TLV,
		.at = AT_LOAD, .code = TEE_ERROR_NOT_IMPLEMENTED, .need = FACT(F_UNKNOWN_PLATFORM_TLV),
		.title = "a platform TLV is unknown to ST's PTA",
		.explain = "The image carries platform TLV {plat}; ST's OP-TEE only knows BOOTADDR (0x10001) and BOOTSEC (0x10002) and answers NOT_IMPLEMENTED for any other --plat-tlv id.",
		.steps = {
			"{fix_step}",
			"In your build, sign without the custom --plat-tlv (keep only BOOTADDR/BOOTSEC).",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_TEE_CAPABILITIES,
		.at = AT_LOAD, .code = TEE_ERROR_NOT_IMPLEMENTED,
		.title = "the platform PTA lacks ELF + hash-table support",
		.explain = "The PTA's HW_CAPABILITIES do not include the ELF format with hash-table protection that the TA requires (or GET_COREDUMP, which the TA never implements, was called).",
		.steps = {
			"Use an OP-TEE whose platform remoteproc PTA supports ELF + HASH_TABLE (CFG_STM32MP_REMOTEPROC on ST).",
		},
	},
	{
		.cause = CAUSE_COMMAND_NOT_IMPLEMENTED,
		.at = AT_TA_CMD, .code = TEE_ERROR_NOT_IMPLEMENTED,
		.title = "the TA does not implement this command",
		.explain = "The TA answered NOT_IMPLEMENTED for {cmd}: GET_COREDUMP is never implemented by the remoteproc TA, and RELEASE_FW exists only in upstream OP-TEE >= 4.4.0 (not in ST's TA copies).",
		.steps = {
			"Use a kernel TEE remoteproc driver that matches the OP-TEE release (ST kernels with ST OP-TEE, upstream series with upstream OP-TEE).",
			"Disable coredump collection for this remote processor if the kernel asks for it.",
		},
	},
	/* ---- NO_DATA ---- */
	{
		.cause = CAUSE_MISSING_TLV,
		.at = AT_LOAD, .code = TEE_ERROR_NO_DATA, .need = FACT(F_MISSING_TLV),
		.title = "a required TLV is missing",
		.explain = "The TLV area has no {tlv} record, which the TA requires (HASHTABLE, NUM_IMG, IMGTYPE, IMGSIZE, and HASHTYPE on ST OP-TEE 4.0).",
		.steps = {
			"{fix_step}",
			"Or re-sign with the sign_rproc_fw.py of the OP-TEE on the board (ST's TA needs HASHTYPE, older upstream scripts may not write it).",
			STEP_INSPECT,
		},
	},
	{
		.cause = CAUSE_SEGMENT_NOT_IN_TABLE,
		.at = AT_LOAD, .code = TEE_ERROR_NO_DATA, .need = FACT(F_SEGMENT_NO_ENTRY),
		.title = "a loadable segment has no hash-table entry",
		.explain = "PT_LOAD segment {seg} (p_paddr {paddr}) has no entry in the signed hash table: the ELF in the container is not the one the table was computed from.",
		.steps = {
			"{fix_step}",
			"Re-sign the exact ELF you ship.",
			STEP_INSPECT,
		},
	},
	{
		.cause = CAUSE_MISSING_TLV,
		.at = AT_LOAD, .code = TEE_ERROR_NO_DATA,
		.title = "a required TLV or hash-table entry is missing",
		.explain = "NO_DATA means the TA did not find a TLV it needs (HASHTABLE, NUM_IMG, IMGTYPE, IMGSIZE; HASHTYPE on ST OP-TEE 4.0) or a hash-table entry for a PT_LOAD segment.{clean_sentence}",
		.steps = {
			"Re-sign with the sign_rproc_fw.py of the OP-TEE on the board.",
			STEP_INSPECT,
		},
	},
	/* ---- BAD_FORMAT ---- */
	{
		.cause = CAUSE_BAD_RESOURCE_TABLE,
		.at = AT_LOAD, .need = FACT(F_BAD_RESOURCE_TABLE), .forbid = FACT(F_BAD_ELF),
		.title = "the firmware's resource table is malformed",
		.explain = "The ELF's .resource_table section is refused: {rsc_text}. The TA parses it after loading the segments and fails the load with BAD_FORMAT.",
		.steps = {
			"Fix the .resource_table of the firmware (version 1, reserved fields zero, entry offsets inside the section, exactly one table), e.g. from the OpenAMP/ST resource table template.",
			"Rebuild, re-sign and retry: echo start > /sys/class/remoteproc/{rproc_dev}/state",
		},
	},
	{
		.cause = CAUSE_BAD_ELF,
		.at = AT_LOAD, .need = FACT(F_BAD_ELF),
		.title = "the ELF inside the container is not acceptable",
		.explain = "The image inside the container is not an ELF32 the TA can parse (ELF header, phentsize/shentsize, no program headers, section headers missing, or a segment outside the image).",
		.steps = {
			"Build the firmware as a 32-bit ELF with section headers kept (objcopy -S is fine, --strip-sections is not).",
			"Re-sign and retry.",
		},
	},
	{
		.cause = CAUSE_BAD_ELF,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_FORMAT, .need = FACT(F_SEGMENT_RANGE),
		.title = "a program header points outside the image",
		.explain = "Segment {seg} lies outside the ELF image in the container.",
		.steps = {
			"{fix_step}",
			"Re-sign the exact ELF you ship.",
			STEP_INSPECT,
		},
	},
	{
		.cause = CAUSE_BAD_KEY_INFO,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_FORMAT, .need = FACT(F_HAS_PKEYINFO),
		.title = "the PKEYINFO public key has the wrong form",
		.explain = "With CFG_REMOTEPROC_PUB_KEY_VERIFY=y ST's PTA takes the key from the PKEYINFO TLV, which must be exactly a 294-byte RSA-2048 or 91-byte P-256 DER SubjectPublicKeyInfo.",
		.steps = {
			"Pass the DER public key: openssl pkey -in key.pem -pubout -outform DER -out key.der; sign with --key_info key.der.",
		},
	},
	{
		.cause = CAUSE_BAD_IMAGE_TYPE,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_FORMAT, .need = FACT(F_BAD_TLV_LENGTH),
		.title = "NUM_IMG or IMGTYPE has a value the TA refuses",
		.explain = "TLV {tlv} is malformed (NUM_IMG must be 1 byte, IMGTYPE must be 1 = ELF, or 2 with encryption).",
		.steps = {
			"Re-sign with an unmodified sign_rproc_fw.py.",
		},
	},
	{
		.cause = CAUSE_BAD_RESOURCE_TABLE,
		.at = AT_LOAD, .code = TEE_ERROR_BAD_FORMAT,
		.title = "the firmware's resource table is malformed",
		.explain = "The container passes the header and segment checks offline{clean_sentence}; BAD_FORMAT after that comes from the .resource_table section: truncated, unsupported version, non-zero reserved bytes, or two tables.",
		.steps = {
			"Check the .resource_table section of the ELF (version 1, reserved fields zero, exactly one table).",
			"Rebuild the firmware with the OpenAMP/ST resource table template, re-sign, retry.",
		},
	},
	{
		.cause = CAUSE_BAD_RESOURCE_TABLE,
		.at = AT_LOAD, .code = TEE_ERROR_CORRUPT_OBJECT, .forbid = FACT(F_PLATFORM_TLV_LENGTH),
		.title = "the firmware's resource table is misaligned",
		.explain = "CORRUPT_OBJECT comes from an unaligned .resource_table section (or, on ST OP-TEE, a BOOTADDR/BOOTSEC TLV that is not 4 bytes long).",
		.steps = {
			"Align .resource_table to 8 bytes in the linker script, rebuild, re-sign, retry.",
		},
	},
	/* ---- memory ---- */
	{
		.cause = CAUSE_SEGMENT_OUTSIDE_MEMORY,
		.at = AT_TA_CMD, .code = TEE_ERROR_ACCESS_DENIED,
		.title = "a segment is outside the coprocessor memory OP-TEE allows",
		.explain = "ACCESS_DENIED comes from the platform PTA: a segment (or the resource table) has a device address that is not inside a memory region OP-TEE declares for this coprocessor.{seg_addrs_sentence}",
		.steps = {
			"Link the firmware for the memory regions that OP-TEE's device tree assigns to the coprocessor (memory-region of its remoteproc node).",
			"Or extend those regions in OP-TEE's device tree (and the Linux DT's reserved-memory to match).",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_TA_OUT_OF_MEMORY,
		.at = AT_TA_CMD, .code = TEE_ERROR_OUT_OF_MEMORY,
		.title = "the TA ran out of heap",
		.explain = "The TA keeps the header, TLV area, signature and a copy of the hash table on a small heap (CFG_REMOTEPROC_TA_HEAP_SIZE, 4 KiB by default){tlv_len_sentence}.",
		.steps = {
			"Reduce program headers (fewer segments) or drop a large PKEYINFO/platform TLV.",
			"Or build OP-TEE with a larger CFG_REMOTEPROC_TA_HEAP_SIZE.",
		},
	},
	/* ---- START_FW ---- */
	{
		.cause = CAUSE_MISSING_BOOTADDR,
		.at = AT_START, .code = TEE_ERROR_GENERIC, .forbid = FACT(F_HAS_BOOTADDR),
		.title = "no boot address was given for the Cortex-M33",
		.explain = "The image loaded, but START failed: on STM32MP2 OP-TEE programs the M33 reset vector from the BOOTADDR platform TLV, and this image has none. The firmware's vector table, the address to give, is {bootaddr_vt}.",
		.steps = {
			"{fix_step}",
			"{sign_step} For a TF-M image also give BOOTSEC.",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_INVALID_BOOTADDR,
		.at = AT_START, .code = TEE_ERROR_GENERIC, .need = FACT(F_HAS_BOOTADDR),
		.title = "the boot address is outside the coprocessor memory",
		.explain = "START failed although the image has BOOTADDR {bootaddr}: OP-TEE logs \"Invalid boot address\" when it is not inside the coprocessor's declared memory regions. The firmware's vector table is {bootaddr_vt}.",
		.steps = {
			"{fix_step}",
			"{sign_step}",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_DUPLICATE_BOOTADDR,
		.at = AT_LOAD, .code = TEE_ERROR_GENERIC, .need = FACT(F_HAS_BOOTADDR),
		.title = "the boot address was given twice",
		.explain = "ST's PTA returns GENERIC (\"Firmware boot address already set\") when a BOOTADDR TLV is sent twice, e.g. for a second image.",
		.steps = {
			"{fix_step}",
			"In your build, sign with a single --plat-tlv BOOTADDR.",
		},
	},
	{
		.cause = CAUSE_TEE_MAP_FAILED,
		.at = AT_TA_CMD, .code = TEE_ERROR_GENERIC,
		.title = "OP-TEE could not map the coprocessor memory",
		.explain = "GENERIC during {cmd} comes from the platform PTA failing to map a coprocessor memory region.",
		.steps = {
			"Check OP-TEE's secure console for \"Can't map region\" and the memory regions in OP-TEE's device tree.",
		},
	},
	{
		.cause = CAUSE_BAD_PARAMETERS,
		.at = AT_TA_CMD, .code = TEE_ERROR_BAD_PARAMETERS,
		.title = "the TA rejected the command's parameters",
		.explain = "{cmd} was called with parameters the TA does not accept (unknown remote processor id or command, or wrong parameter types): the kernel driver and the TA do not match.",
		.steps = {
			"Use a kernel and an OP-TEE from the same release.",
		},
	},
	/* ---- no TA failure, Linux side ---- */
	/* request_firmware(): drivers/base/firmware_loader/main.c, fs/kernel_read_file.c */
	{
		.cause = CAUSE_FIRMWARE_EMPTY,
		.at = AT_NOTHING, .need = FACT(F_FIRMWARE_EMPTY), .forbid = FACT(F_BOOT_OK),
		.title = "the firmware file is empty (or not a regular file)",
		.explain = "{empty_sentence} The kernel refuses such a file before reading a byte: kernel_read_file() (fs/kernel_read_file.c) returns -EINVAL for a size of 0 and for anything that is not a regular file, so request_firmware() fails ({boot_ret_sentence}) and the TEE never sees an image. An empty file is what a failed or interrupted copy leaves (a full disk, a download that failed).",
		.steps = {
			"Copy the signed image to {path} again and check that it arrived whole: `ls -l {path}` shows its real size and `sha256sum {path}` equals your build's.",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_FIRMWARE_TOO_LARGE,
		.at = AT_NOTHING, .need = FACT(F_FIRMWARE_TOO_LARGE), .forbid = FACT(F_BOOT_OK),
		.title = "the firmware file is far too large to be a coprocessor image",
		.explain = "request_firmware() failed with {log_errno}: {kernel_reason}",
		.steps = {
			"{loader_step}",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_FIRMWARE_UNREADABLE,
		.at = AT_NOTHING, .need = FACT(F_FIRMWARE_LOADER),
		.forbid = FACT(F_BOOT_OK) | FACT(F_FIRMWARE_EMPTY) | FACT(F_FIRMWARE_TOO_LARGE) |
			  FACT(F_BOOT_ENOENT),
		.title = "the kernel could not read the firmware file",
		.explain = "request_firmware() failed with {log_errno}: {kernel_reason}",
		.steps = {
			"{loader_step}",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_RESOURCE_TABLE_UNMAPPABLE,
		.at = AT_NOTHING, .need = FACT(F_RSC_UNMAPPABLE), .forbid = FACT(F_BOOT_OK),
		.title = "Linux could not map the firmware's resource table",
		.explain = "The TA loaded and verified the image and returned where its resource table is, but the boot failed with {log_errno}: {kernel_reason}",
		.steps = {
			"Link .resource_table into memory Linux maps for this coprocessor (a memory-region of its remoteproc node in the Linux device tree), rebuild, re-sign and copy the image again.",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_SIGNED_IMAGE_ELF_MODE,
		.at = AT_NOTHING, .need = FACT(F_ELF_MODE),
		.need_any = FACT(F_SIGNED_MAGIC) | FACT(F_ELF_LOADER_REFUSED), .forbid = FACT(F_BOOT_OK),
		.title = "a signed image was given to a remote processor in ELF mode",
		.explain = "The remote processor is in ELF mode (fw_format = ELF), so Linux loads the file itself and rejects the signed container (\"Image is corrupted (bad magic)\", {boot_ret_sentence}); no TEE command was made.",
		.steps = {
			"Use the \"-tee\" compatible for the coprocessor in the Linux device tree (st,stm32mp2-m33-tee / st,stm32mp1-m4-tee) so the TEE loads signed images.",
			"Or give this remote processor the plain ELF instead of the signed image.",
		},
	},
	{
		.cause = CAUSE_FIRMWARE_NOT_FOUND,
		.at = AT_NOTHING, .need = FACT(F_BOOT_ENOENT), .forbid = FACT(F_BOOT_OK),
		.title = "the firmware file was not found",
		.explain = "request_firmware() could not find {fw} ({boot_ret_sentence}). Linux searches {search_path}.",
		.steps = {
			"Copy the signed image to /lib/firmware/{fw} (or set /sys/class/remoteproc/{rproc_dev}/firmware to its name).",
			STEP_RETRY,
		},
	},
	{
		.cause = CAUSE_BOOT_FAILED_OUTSIDE_TEE,
		.at = AT_NOTHING, .forbid = FACT(F_BOOT_OK),
		.title = "the boot failed in Linux, not in the TEE",
		.explain = "No TA command failed but the boot returned {boot_ret_sentence}: the failure is in Linux (resource table handling, carveouts, mailboxes or subdevices).{kernel_reason_sentence}",
		.steps = {
			"Look at dmesg for the remoteproc messages just before \"Boot failed\".",
		},
	},
	/* ---- fallback ---- */
	{
		.cause = CAUSE_UNKNOWN,
		.title = "no rule matches these facts",
		.explain = "The knowledge base has no rule for this combination.{clean_sentence}",
		.steps = {
			"Run `rproc-diag inspect {path}` and look at the OP-TEE secure console (UART) for the TA's message.",
			"Report the JSON line of `rproc-diag watch --json` to the rproc-diag maintainers.",
		},
	},
};

const size_t kb_nrules = sizeof(kb_rules) / sizeof(kb_rules[0]);
