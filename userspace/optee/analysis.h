/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The one analysis of an OP-TEE remoteproc image (F1/F2/F3 container or
 * plain ELF), used by `inspect`, `watch` and `status`: the shared image
 * library (kmod/lib/rproc_image.h) walks the file in the TA's order, then
 * the signature is checked against the candidate keys and the key the TEE
 * trusts, and each TA generation's verdict is predicted.
 *
 * Pure analysis: no output here (inspect renders it in optee/report.c, the
 * diagnosis turns it into facts).
 */
#ifndef RPROC_DIAG_OPTEE_ANALYSIS_H
#define RPROC_DIAG_OPTEE_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "keys/key.h"
#include "optee/vector_table.h"
#include "rproc_image.h"

/* The keys an image is checked against. */
struct optee_keys {
	struct keyring ring;	/* candidates: --key files, --keyring, built-in keys */
	bool has_ta;
	struct key ta;		/* --ta-key: the key the TEE trusts (not a candidate) */
};

/*
 * @nfiles key files, the key the TEE trusts @ta_key (may be NULL), the
 * directory @dir (may be NULL), the built-in development keys when
 * @builtin.  0, or -1 with @err quoting the file and saying what to do and
 * *@option naming the option it came from ("--key", "--ta-key",
 * "--keyring"); @k is then empty.
 */
int optee_keys_load(struct optee_keys *k, const char *const *files, size_t nfiles,
		    const char *ta_key, const char *dir, bool builtin,
		    const char **option, char *err, size_t errlen);
void optee_keys_free(struct optee_keys *k);

/* A TLV record as the library reported it, with its first value bytes. */
struct optee_tlv {
	struct rpi_tlv t;	/* t.value is NULL: the bytes are in val */
	uint8_t val[64];
};

/* A plain (unsigned) ELF file: its program headers, i.e. what to sign. */
#define OPTEE_ELF_PHDRS 16
struct optee_elf {
	bool valid;
	uint16_t machine;
	uint32_t entry;
	uint32_t phnum;
	uint32_t ph[OPTEE_ELF_PHDRS][5];	/* type, offset, paddr, filesz, memsz */
	bool have_load;
	uint32_t low_load;		/* lowest PT_LOAD p_paddr */
	bool vt_looked;			/* the vector table was looked for */
	struct vt_result vt;		/* its Cortex-M vector table: the BOOTADDR */
};

/* One candidate key and what it says about this image's signature. */
struct optee_cand {
	const struct key *k;
	const char *origin;	/* "--key", "keyring", "built-in", "PKEYINFO" */
	int verifies;		/* 1, 0, -1 (cannot check this signature type) */
};

struct optee_sig {
	bool have_type;		/* SIGNTYPE TLV (F1: the header's sign_type) */
	uint32_t type;
	bool checked;		/* the signature was read and every candidate tried */
	struct optee_cand *cand;
	size_t ncand;
	int signer;		/* index of the first candidate that verifies, -1 */
	struct key pkey;	/* the PKEYINFO TLV's key, a candidate too */
	bool have_pkey;
	bool pkey_bad;		/* PKEYINFO is not a DER SubjectPublicKeyInfo */
	int pkey_cand;		/* its candidate index, -1 */
	const struct key *ta;	/* the key the TEE trusts, or NULL */
	int ta_verifies;	/* as verifies, 0 when nothing was checked */
	uint32_t ta_state;	/* enum rpi_sig_state for rpi_predict() */
};

struct optee_image {
	uint64_t size;
	struct rpi_result res;
	/* what the library reported, in file order */
	struct optee_tlv *tlv;
	size_t ntlv;
	struct rpi_image *img;
	size_t nimg;
	struct rpi_segment *seg;
	size_t nseg;
	struct rpi_finding *fnd;
	size_t nfnd;
	struct optee_elf elf;
	struct optee_sig sig;
	/* each TA generation's verdict; with an OTP key hash one more */
	struct rpi_verdict verdict[RPI_TA_COUNT + 1];
	size_t nverdicts;
	int status;		/* 0 valid, 1 invalid (a TA would refuse it), 2 unparseable */
	size_t cap_tlv, cap_img, cap_seg, cap_fnd;
	bool oom;
};

/* The file may be analysed as an OP-TEE image: magic or ELF magic. */
bool optee_is_image(const uint8_t *head, size_t len);

/*
 * Analyse the image behind @src (@size bytes).  @otp_pkh (32 bytes, may be
 * NULL): the OTP oem_rproc_pkh of an STM32MP2 whose ST OP-TEE checks the
 * PKEYINFO key (CFG_REMOTEPROC_PUB_KEY_VERIFY=y), for one more verdict.
 * Returns 0, or -errno (read error, out of memory: @out says nothing then).
 * Free @out with optee_image_free() in both cases.
 */
int optee_analyze(const struct rpi_source *src, const struct optee_keys *keys,
		  const uint8_t *otp_pkh, struct optee_image *out);

/*
 * The same on the regular file @fd whose fstat() is @st; -FILE_CHANGED
 * (common/file.h) when the file changed while it was read.
 */
int optee_analyze_fd(int fd, const struct stat *st, const struct optee_keys *keys,
		     const uint8_t *otp_pkh, struct optee_image *out);

void optee_image_free(struct optee_image *img);

/* The first candidate that verifies the signature, or NULL. */
const struct optee_cand *optee_signer(const struct optee_image *img);

/*
 * Bytes the upstream TA copies into its heap (header, TLVs, signature,
 * hash table) when CFG_REMOTEPROC_TA_HEAP_SIZE's default cannot hold them,
 * else 0.
 */
#define OPTEE_TA_HEAP_DEFAULT 4096
uint64_t optee_ta_heap_need(const struct rpi_summary *s);

/* Development keys a default build of each TA generation trusts. */
struct optee_default_key {
	uint32_t ta;		/* enum rpi_ta */
	const char *key;	/* built-in key name */
	const char *build;	/* "OP-TEE >= 4.7.0" */
};
extern const struct optee_default_key optee_default_keys[];
extern const size_t optee_n_default_keys;

/* Candidate index of the built-in key @name, -1 if it was not tried. */
int optee_builtin_cand(const struct optee_image *img, const char *name);

/* "0x..." or plain hex of 32 bytes (an OTP key hash); 0 or -1. */
int optee_parse_pkh(const char *hex, uint8_t out[32]);

#endif
