/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * rproc_image: parser and checker for OP-TEE remoteproc signed firmware
 * images (magic 0x3543A468, version 1), shared verbatim by the kernel module
 * (kmod/) and the userspace tool (userspace/).
 *
 * Three container generations share magic and version and differ only in
 * layout; they are told apart by their size equations:
 *
 *   F3 (TLV, upstream OP-TEE >= 4.0, ST >= 3.19.0-r2):
 *	size == 20 + R8(tlv_len) + R8(sign_len) + R8(img_len)
 *   F2 (STM32MP25 beta trailer):
 *	size == 24 + R8(sign) + R8(img) + R8(tlv) + R8(plat_tlv)
 *   F1 (ST legacy, 56-byte header):
 *	hash_offset == 56, img_offset == hdr_length, size == img_offset + img_length
 *
 * Rules of this library: no allocation, no global state, no libc beyond
 * memcpy/memset/memcmp/snprintf, every read bounds-checked, little-endian
 * reads that do not assume alignment (images sit at 4-mod-8 offsets).
 *
 * Two entry points:
 *
 *   rpi_summarize() looks only at a bounded prefix (header + TLV area) that
 *	the caller already has in memory.  It does not hash, sleep or call
 *	back, so it can run in a kprobe handler.
 *
 *   rpi_analyze() walks the whole image in the order the TA does, through
 *	a random-access read callback, with caller-provided scratch memory
 *	and a SHA-256 interface.  Memory use does not depend on image size.
 *	It reports every problem through a finding callback, optionally every
 *	TLV, image and segment (for dumps), and fills struct rpi_result with
 *	what rpi_predict() needs to say what each TA generation would return.
 */
#ifndef RPROC_IMAGE_H
#define RPROC_IMAGE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
#endif

#include "rproc_diag.h"	/* enum rproc_diag_format, enum rproc_diag_finding */

#define RPI_MAGIC		0x3543a468U
#define RPI_VERSION		1
#define RPI_F3_HDR_LEN		20
#define RPI_F2_HDR_LEN		24
#define RPI_F1_HDR_LEN		56
#define RPI_SEG_ENTRY_LEN	64	/* Elf32_Phdr + SHA-256 */
#define RPI_ENC_ENTRY_LEN	80	/* ST: + 16-byte AES IV */
#define RPI_SHA256_LEN		32
#define RPI_F2_TLV_MAGIC	0x6907
#define RPI_F2_PLAT_MAGIC	0x6908

/* Prefix that covers header and TLV area of every usual image. */
#define RPI_SUMMARY_HEAD	2048
/* Smallest scratch buffer rpi_analyze() accepts; more makes it faster. */
#define RPI_SCRATCH_MIN		256
/* Program headers per image that rpi_analyze() checks (more: finding). */
#define RPI_MAX_PHDRS		1024
/* Images whose location struct rpi_result keeps (NUM_IMG may be larger). */
#define RPI_MAX_IMAGES		8

/* Round up to 8 in 64-bit arithmetic (lengths are u32, no overflow). */
#define RPI_R8(x)		((((u64)(x)) + 7) & ~(u64)7)

/* F3 TLV types (F2 uses the same small numbers in 16-bit records). */
enum rpi_tlv_type {
	RPI_TLV_SIGNTYPE = 0x01,
	RPI_TLV_HASHTYPE = 0x02,
	RPI_TLV_NUM_IMG = 0x03,
	RPI_TLV_IMGTYPE = 0x04,
	RPI_TLV_IMGSIZE = 0x05,
	RPI_TLV_ENCTYPE = 0x06,		/* ST 4.0.0 */
	RPI_TLV_HASHTABLE = 0x10,
	RPI_TLV_PKEYINFO = 0x11,
	RPI_TLV_ENCTABLE = 0x12,	/* ST 4.0.0 */
	RPI_TLV_PLAT_MIN = 0x10000,
	RPI_TLV_ST_BOOTADDR = 0x10001,
	RPI_TLV_ST_BOOTSEC = 0x10002,
	RPI_TLV_PLAT_MAX = 0x1ffff,
	/* F2 platform records */
	RPI_TLV_F2_SBOOTADDR = 0x21,
	RPI_TLV_F2_NSBOOTADDR = 0x22,
};

enum rpi_sign_type {
	RPI_SIGN_RSA_PKCS1_SHA256 = 1,
	RPI_SIGN_ECDSA_P256_SHA256 = 2,
};

enum rpi_img_type {
	RPI_IMG_ELF = 1,
	RPI_IMG_ENC_ELF = 2,	/* ST 4.0.0 */
};

/* struct rpi_summary.flags */
#define RPI_S_HAS_SIGN_TYPE	(1U << 0)
#define RPI_S_HAS_HASH_TYPE	(1U << 1)
#define RPI_S_HAS_NUM_IMG	(1U << 2)
#define RPI_S_HAS_BOOTADDR	(1U << 3)
#define RPI_S_HAS_BOOTSEC	(1U << 4)
#define RPI_S_HAS_PKEY		(1U << 5)
#define RPI_S_HAS_ENC_TYPE	(1U << 6)
#define RPI_S_HAS_HASHTABLE	(1U << 7)
#define RPI_S_TLV_PARTIAL	(1U << 8)	/* TLV area extends past head */
#define RPI_S_TLV_OVERRUN	(1U << 9)	/* a record runs past the area */
#define RPI_S_HAS_EXPECTED	(1U << 10)	/* expected_size is meaningful */
#define RPI_S_F1_KEYINFO	(1U << 11)	/* F1 key_length != 0 (script bug) */
#define RPI_S_PLAT_UNKNOWN	(1U << 12)	/* plat_unknown holds an id */
#define RPI_S_SHORT		(1U << 13)	/* empty or cut in the F3 header */

/*
 * What the first bytes of an image say.  Header words w[] are raw; the
 * tlv/sign/img lengths are in F3 roles (F1: phhdr_length, sign_length,
 * img_length; F2: tlv_len, sign_len, img_len).  Offsets are file offsets.
 */
struct rpi_summary {
	u32 format;		/* enum rproc_diag_format */
	u32 closest;		/* DAMAGED: format whose equation is nearest */
	u64 file_size;
	u64 expected_size;	/* size the header describes (closest format) */
	s64 size_delta;		/* file_size - expected_size */
	u32 w[14];		/* header words, nwords of them valid */
	u32 nwords;
	u32 magic;
	u32 version;
	u32 tlv_len;
	u32 sign_len;
	u32 img_len;
	u64 tlv_off;		/* F3: 20; F2: trailer; F1: hash table */
	u64 sig_off;
	u64 img_off;
	u32 flags;		/* RPI_S_* */
	u32 tlv_mask;		/* RPROC_DIAG_TLV_BIT(type) of generic types */
	u32 tlv_count;		/* records seen */
	u32 sign_type;		/* SIGNTYPE value (F1: sign_type word) */
	u32 hash_type;
	u32 num_img;
	u32 enc_type;
	u32 bootaddr;		/* ST BOOTADDR (F2: NSBOOTADDR/SBOOTADDR) */
	u32 bootsec;
	u32 plat_unknown;	/* first platform TLV id the ST TA rejects */
	u64 pkey_off;		/* PKEYINFO value: file offset and length */
	u32 pkey_len;
	u64 table_off;		/* HASHTABLE/ENCTABLE value */
	u32 table_len;
	u32 table_entry_len;	/* 64, or 80 for ENCTABLE */
};

/*
 * Fill @s from the first @head_len bytes of an image of @file_size bytes.
 * Reads nothing beyond head[head_len - 1], never sleeps, never allocates.
 * Returns s->format.
 */
u32 rpi_summarize(const void *head, size_t head_len, u64 file_size,
		  struct rpi_summary *s);

/* "optee-rproc-f3", "optee-rproc-f1", "optee-rproc-f2", "elf", "unknown" */
const char *rpi_format_name(u32 format);
/* "TLV container (upstream OP-TEE >= 4.0, ST >= 3.19.0-r2)", ... */
const char *rpi_format_desc(u32 format);
/* "SIGNTYPE", "BOOTADDR", ...; NULL for an unknown type. */
const char *rpi_tlv_name(u32 type);

/* Random-access read: fill exactly @len bytes at @off, 0 or -errno. */
struct rpi_source {
	int (*read)(void *ctx, u64 off, void *buf, size_t len);
	void *ctx;
	u64 size;
};

/*
 * SHA-256 interface.  Kernel: sha256_init/update/final on a struct
 * sha256_state; userspace: OpenSSL EVP.  @hctx is the caller's state.
 * Functions return 0 or -errno.
 */
struct rpi_hash_ops {
	int (*init)(void *hctx);
	int (*update)(void *hctx, const void *data, size_t len);
	int (*final)(void *hctx, u8 digest[RPI_SHA256_LEN]);
	void *hctx;
};

/*
 * One finding.  Meaning of index/addr/value per enum rproc_diag_finding.
 * A length finding (something claims more bytes than are there: TRUNCATED,
 * APPENDED, a TLV or segment past its area, an ELF table past its image)
 * also says how many bytes were claimed and how many there are: need (N,
 * never 0 for such a finding) and have (M).  need == 0: not a length
 * finding.
 */
struct rpi_finding {
	u32 code;		/* enum rproc_diag_finding */
	u32 index;		/* segment / TLV / image index */
	u32 addr;		/* p_paddr or TLV type */
	s64 value;		/* size delta, length, ... */
	u64 off;		/* file offset concerned (0 if none) */
	u64 need;		/* length finding: bytes claimed (N) */
	u64 have;		/* length finding: bytes there (M) */
};

/* Why an image is not an ELF the TA accepts: finding.value of BAD_ELF. */
enum rpi_elf_err {
	RPI_ELF_ERR_SMALL = 1,		/* image smaller than an ELF32 header */
	RPI_ELF_ERR_MAGIC,		/* no \x7fELF */
	RPI_ELF_ERR_CLASS,		/* not ELFCLASS32 / little endian */
	RPI_ELF_ERR_VERSION,		/* not EV_CURRENT */
	RPI_ELF_ERR_ENTSIZE,		/* phentsize != 32 or shentsize != 40 */
	RPI_ELF_ERR_NOPHDR,		/* e_phnum == 0 */
	RPI_ELF_ERR_SHOFF,		/* section headers past the image */
	RPI_ELF_ERR_PHOFF,		/* program headers past the image */
	RPI_ELF_ERR_OUTSIDE,		/* image outside the file */
	RPI_ELF_ERR_RSC_TRUNC,		/* .resource_table past the image / too short */
	RPI_ELF_ERR_RSC_VERSION,	/* resource table version != 1 */
	RPI_ELF_ERR_RSC_RESERVED,	/* reserved words not zero */
	RPI_ELF_ERR_RSC_INCOMPLETE,	/* offsets array past the section */
	RPI_ELF_ERR_RSC_TWICE,		/* a second resource table */
	RPI_ELF_ERR_MAX
};

/* One TLV record (value_len bytes of the value are at value, may be 0). */
struct rpi_tlv {
	u32 index;
	u32 type;
	u32 len;
	u64 off;		/* file offset of the record header */
	const u8 *value;	/* first value_len bytes (<= 64) of the value */
	u32 value_len;
};

/* One image of the container. */
struct rpi_image {
	u32 index;
	u32 type;		/* IMGTYPE value (F1: img_type) */
	u64 off;		/* file offset */
	u64 size;		/* IMGSIZE (padded) / F1 img_length */
	u32 e_phnum;
	u32 elf_ok;		/* ELF header passed the TA's checks */
	u32 first_entry;	/* index of its first hash-table entry */
};

/* struct rpi_segment.flags */
#define RPI_SEG_HASH_CHECKED	(1U << 0)
#define RPI_SEG_HASH_OK		(1U << 1)
#define RPI_SEG_OUT_OF_RANGE	(1U << 2)	/* data outside its image */
#define RPI_SEG_PHDR_MISMATCH	(1U << 3)	/* differs from the ELF phdr */
#define RPI_SEG_SHADOWED	(1U << 4)	/* earlier entry, same p_paddr */
#define RPI_SEG_ENC		(1U << 5)	/* ENCTABLE entry (ciphertext) */

/* One hash-table entry (Elf32_Phdr copy + SHA-256), with its verdict. */
struct rpi_segment {
	u32 entry;		/* index in the whole table */
	u32 image;		/* image it belongs to */
	u32 index;		/* program-header index inside that image */
	u32 p_type, p_offset, p_vaddr, p_paddr;
	u32 p_filesz, p_memsz, p_flags, p_align;
	u8 hash[RPI_SHA256_LEN];	/* from the table */
	u8 computed[RPI_SHA256_LEN];	/* recomputed (if HASH_CHECKED) */
	u64 table_off;		/* file offset of the entry */
	u64 data_off;		/* file offset of the segment bytes */
	u32 flags;		/* RPI_SEG_* */
};

/* Optional callbacks; any may be NULL. */
struct rpi_visitor {
	void (*finding)(void *ctx, const struct rpi_finding *f);
	void (*tlv)(void *ctx, const struct rpi_tlv *t);
	void (*image)(void *ctx, const struct rpi_image *img);
	void (*segment)(void *ctx, const struct rpi_segment *seg);
	void *ctx;
};

/* TA generations rpi_predict() knows. */
enum rpi_ta {
	RPI_TA_UPSTREAM = 0,	/* upstream OP-TEE F3 TA (>= 4.1.0) */
	RPI_TA_ST400 = 1,	/* ST 4.0.0-stm32mp F3 TA (MP2) */
	RPI_TA_ST_LEGACY = 2,	/* ST F1 TA (3.9.0-r2 ... 3.19.0-r1.1) */
	RPI_TA_COUNT
};

/* First failing check of one TA generation, in that TA's order. */
struct rpi_ta_fail {
	u32 result;		/* TEE result code, 0 = passed */
	u32 cmd;		/* enum rproc_diag_ta_cmd */
	struct rpi_finding f;	/* why */
};

/*
 * Outcome of rpi_analyze().  The TA checks before and after signature
 * verification are kept apart because only the caller can verify the
 * signature (it has the keys): pre[] = first failure before it,
 * post[] = first failure after it (load, then start).
 */
struct rpi_result {
	struct rpi_summary sum;
	u8 signed_digest[RPI_SHA256_LEN];	/* SHA-256 of the signed bytes */
	u64 signed_len;		/* how many bytes (0: not computed) */
	u64 sig_off;
	u32 sig_len;
	u32 n_findings;
	u32 n_images;		/* images located */
	struct rpi_image images[RPI_MAX_IMAGES];
	u32 n_segments;		/* hash-table entries */
	u32 n_hash_checked;
	u32 n_hash_bad;
	struct rpi_ta_fail pre[RPI_TA_COUNT];
	struct rpi_ta_fail post[RPI_TA_COUNT];
};

/*
 * Analyse the image behind @src.  @scratch (>= RPI_SCRATCH_MIN bytes, any
 * alignment) is the only buffer used for image bytes; larger is faster.
 * @hash may be NULL (no hashes: segment verdicts stay unchecked).
 * Returns 0 when the analysis ran (whatever it found), -EINVAL for bad
 * arguments, or the read/hash callback's error.
 */
int rpi_analyze(const struct rpi_source *src, const struct rpi_hash_ops *hash,
		void *scratch, size_t scratch_len,
		const struct rpi_visitor *v, struct rpi_result *res);

/* What the caller learnt about the signature, for rpi_predict(). */
enum rpi_sig_state {
	RPI_SIG_UNKNOWN = 0,	/* the key the TA trusts is not known */
	RPI_SIG_VALID,		/* verifies with the key the TA trusts */
	RPI_SIG_INVALID,	/* does not verify with that key */
};

struct rpi_verdict {
	u32 ta;			/* enum rpi_ta */
	u32 result;		/* TEE result code; 0 = success */
	u32 cmd;		/* TA command that fails (LOAD_FW, START_FW) */
	u32 finding;		/* enum rproc_diag_finding */
	bool uncertain;		/* depends on the unknown key */
	char reason[160];	/* one line, no trailing newline */
};

/* Predict what TA generation @ta returns for the analysed image. */
void rpi_predict(const struct rpi_result *res, u32 ta, u32 sig,
		 struct rpi_verdict *out);

/* "upstream OP-TEE F3 TA", "ST 4.0.0 TA", "ST legacy F1 TA" */
const char *rpi_ta_name(u32 ta);
/* short key for JSON: "upstream-f3", "st-4.0.0", "st-legacy-f1" */
const char *rpi_ta_id(u32 ta);

/* Short name of a finding code: "truncated", "segment-hash", ... */
const char *rpi_finding_name(u32 code);
/* One-line text for a finding into @buf (<= RPROC_DIAG_TEXT_MAX fits). */
int rpi_finding_text(const struct rpi_finding *f, char *buf, size_t len);
/* True for findings that do not make an image invalid (ECDSA, BOOTADDR). */
bool rpi_finding_is_info(u32 code);

/* Little-endian reads that need no alignment. */
static inline u32 rpi_le32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

static inline u16 rpi_le16(const void *p)
{
	const u8 *b = p;

	return (u16)(b[0] | b[1] << 8);
}

#endif /* RPROC_IMAGE_H */
