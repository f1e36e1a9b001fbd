/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Signed-image formats other than the OP-TEE remoteproc containers:
 * detection by magic and structure, and `inspect` for STM32 boot-ROM
 * headers (v1.0, v2.0, v2.2, v2.3), MCUboot images, and a description of
 * the formats the tool recognises but does not verify (OP-TEE TA, TF-A FIP,
 * uImage, FIT, ESP32, SFI).
 *
 * Contract with inspect:
 *   - fmt_detect() classifies a file from its first bytes; it covers every
 *     format of the magic table, including the OP-TEE remoteproc container
 *     and plain ELF, so inspect can use one detector.
 *   - inspect handles FMT_OPTEE_RPROC and FMT_ELF itself and hands every
 *     other file to fmt_inspect(), which prints text to `out` or, when `j`
 *     is not NULL, writes one JSON object (the caller has called json_init()
 *     and calls json_end()).  Return value = process exit status:
 *     0 valid, 1 negative finding (bad signature, bad hash, ...),
 *     2 unparseable input.
 *   - fmt_wrong_tool() words the "this file is really X" sentence for a file
 *     handed to a question about another format.
 */
#ifndef RPROC_DIAG_FMT_H
#define RPROC_DIAG_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct json;

enum fmt_kind {
	FMT_UNKNOWN = 0,
	FMT_OPTEE_RPROC,	/* 68 A4 43 35: OP-TEE remoteproc F1/F2/F3 (img) */
	FMT_ELF,		/* 7F 'E' 'L' 'F': plain, unsigned ELF (img) */
	FMT_STM32_V1,		/* "STM2", header version 1.x (STM32MP15) */
	FMT_STM32_V2,		/* "STM2", header version 2.x (MP13/MP2x/MP21) */
	FMT_STM32_UNKNOWN,	/* "STM2" with an unknown header version */
	FMT_MCUBOOT,		/* 3D B8 F3 96 (or legacy 3C B8 F3 96) */
	FMT_OPTEE_TA,		/* "HSTO": OP-TEE signed TA (struct shdr) */
	FMT_FIP,		/* 01 00 64 AA: TF-A firmware image package */
	FMT_UIMAGE,		/* 27 05 19 56 (BE): U-Boot legacy image */
	FMT_FIT,		/* D0 0D FE ED with an /images node: U-Boot FIT */
	FMT_DTB,		/* D0 0D FE ED without /images: device tree */
	FMT_ESP32,		/* E9 + plausible segment count: ESP32 image */
	FMT_SFI,		/* heuristic only (.sfi/.sfix name): ST SFI */
	FMT_KIND_COUNT
};

/* Bytes fmt_detect() wants to see (fewer is fine: it never reads past len). */
#define FMT_DETECT_HEAD 4096

/*
 * Classify a file from its first `len` bytes (`file_size` = whole file).
 * Never reads beyond head[len - 1].  FMT_SFI is never returned here (the
 * SFI layout is not public): use fmt_detect_path() for the name heuristic.
 */
enum fmt_kind fmt_detect(const uint8_t *head, size_t len, uint64_t file_size);

/* fmt_detect() plus the file-name heuristic for SFI/SFIx packages. */
enum fmt_kind fmt_detect_path(const char *path, const uint8_t *head, size_t len,
			      uint64_t file_size);

/* Read the head of `path` and classify it; -1 (errno set) if unreadable. */
int fmt_detect_file(const char *path, enum fmt_kind *kind);

/* JSON "format" value: "stm32-boot-v1", "mcuboot", "optee-ta", ... */
const char *fmt_name(enum fmt_kind k);
/* Noun phrase for sentences: "an MCUboot image", "a TF-A FIP", ... */
const char *fmt_describe(enum fmt_kind k);

/*
 * "This file is really X" sentence for a file of kind `actual` handed to a
 * tool or question about `expected` (FMT_UNKNOWN: any other tool), with the
 * command that does handle it.  Returns the would-be length (snprintf).
 */
int fmt_wrong_tool(enum fmt_kind actual, enum fmt_kind expected, char *buf,
		   size_t size);

/* Options of the other-format inspection (inspect fills them from argv). */
#define FMT_MAX_KEYS 16
struct fmt_opts {
	const char *keys[FMT_MAX_KEYS];	/* --key FILE (PEM/DER public or private) */
	unsigned int nkeys;
	const char *keyring;		/* --keyring DIR: every *.pem/.der/.pub/.key in it */
	const char *otp_hash;		/* --otp-hash HEX: STM32 PKH/PKTH in OTP */
	bool measured_boot;		/* --measured-boot: MCUboot boot record required */
	bool verbose;			/* dump every TLV / extension in hex */
};

/*
 * Inspect a file that is not an OP-TEE remoteproc container or plain ELF.
 * `kind` as returned by fmt_detect_path() (FMT_UNKNOWN: detect here).
 */
int fmt_inspect(const char *path, enum fmt_kind kind, const struct fmt_opts *opts,
		struct json *j, FILE *out);

/* Same on a buffer already in memory (unit tests, fuzzing). */
int fmt_inspect_buf(const uint8_t *buf, size_t len, const char *name, enum fmt_kind kind,
		    const struct fmt_opts *opts, struct json *j, FILE *out);


#endif
