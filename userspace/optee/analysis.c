// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The analysis of an OP-TEE remoteproc image shared by inspect, watch and
 * status (analysis.h): the image library's walk, the signature against the
 * key ring, the TA verdicts.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/file.h"
#include "common/hash.h"
#include "optee/analysis.h"
#include "rproc_tee.h"

/*
 * The signature bytes that are read and checked.  The real TA reads
 * sign_len without a bound of its own: remoteproc_save_fw_header_and_tlvs()
 * (OP-TEE/optee_os ta/remoteproc/src/remoteproc_core.c) copies header,
 * TLVs and signature into a TEE_Malloc() buffer of the TA heap,
 * CFG_REMOTEPROC_TA_HEAP_SIZE = 4 KiB by default (ta/remoteproc/user_ta.mk),
 * so a default TA never holds a longer signature (it answers OUT_OF_MEMORY,
 * see optee_ta_heap_need()).  The same bound for every command.
 */
#define SIG_MAX		OPTEE_TA_HEAP_DEFAULT
#define PKEY_MAX	4096

/* ---- keys --------------------------------------------------------------- */

int optee_keys_load(struct optee_keys *k, const char *const *files, size_t nfiles,
		    const char *ta_key, const char *dir, bool builtin,
		    const char **option, char *err, size_t errlen)
{
	size_t i;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < nfiles; i++) {
		if (keyring_add_file(&k->ring, files[i], err, errlen)) {
			*option = "--key";
			goto fail;
		}
	}
	if (ta_key && ta_key[0]) {
		if (key_load_file(&k->ta, ta_key, NULL, err, errlen)) {
			*option = "--ta-key";
			goto fail;
		}
		k->has_ta = true;
	}
	if (dir && dir[0] && keyring_add_dir(&k->ring, dir, err, errlen)) {
		*option = "--keyring";
		goto fail;
	}
	if (builtin)
		keyring_add_builtin(&k->ring);
	return 0;
fail:
	optee_keys_free(k);
	return -1;
}

void optee_keys_free(struct optee_keys *k)
{
	keyring_free(&k->ring);
	if (k->has_ta)
		key_free(&k->ta);
	memset(k, 0, sizeof(*k));
}

/* ---- what the library reports ------------------------------------------- */

/* Room for one more element of @n in *@p; NULL (and img->oom) when none. */
static void *grow(struct optee_image *img, void **p, size_t *cap, size_t n, size_t sz)
{
	void *np;

	if (n < *cap)
		return *p;
	np = realloc(*p, (*cap ? *cap * 2 : 16) * sz);
	if (!np) {
		img->oom = true;
		return NULL;
	}
	*cap = *cap ? *cap * 2 : 16;
	*p = np;
	return np;
}

#define APPEND(img, arr, n, cap, val) do {					\
	if (grow((img), (void **)&(img)->arr, &(img)->cap, (img)->n,		\
		 sizeof(*(img)->arr)))						\
		(img)->arr[(img)->n++] = (val);					\
} while (0)

static void on_tlv(void *ctx, const struct rpi_tlv *t)
{
	struct optee_image *img = ctx;
	struct optee_tlv c;

	memset(&c, 0, sizeof(c));
	c.t = *t;
	c.t.value = NULL;
	memcpy(c.val, t->value, t->value_len < sizeof(c.val) ? t->value_len : sizeof(c.val));
	APPEND(img, tlv, ntlv, cap_tlv, c);
}

static void on_image(void *ctx, const struct rpi_image *i)
{
	struct optee_image *img = ctx;

	APPEND(img, img, nimg, cap_img, *i);
}

static void on_segment(void *ctx, const struct rpi_segment *s)
{
	struct optee_image *img = ctx;

	APPEND(img, seg, nseg, cap_seg, *s);
}

static void on_finding(void *ctx, const struct rpi_finding *f)
{
	struct optee_image *img = ctx;

	APPEND(img, fnd, nfnd, cap_fnd, *f);
}

void optee_image_free(struct optee_image *img)
{
	free(img->tlv);
	free(img->img);
	free(img->seg);
	free(img->fnd);
	free(img->sig.cand);
	if (img->sig.have_pkey)
		key_free(&img->sig.pkey);
	memset(img, 0, sizeof(*img));
}

static int read_at(const struct rpi_source *src, uint64_t off, void *buf, size_t len)
{
	return src->read(src->ctx, off, buf, len);
}

/* A plain ELF: the program headers, for the advice on how to sign it. */
static void read_elf(const struct rpi_source *src, struct optee_elf *e)
{
	uint8_t h[52], p[32];
	uint32_t phoff, i;

	memset(e, 0, sizeof(*e));
	if (read_at(src, 0, h, sizeof(h)) || h[4] != 1 || h[5] != 1)
		return;
	e->valid = true;
	e->machine = rpi_le16(h + 18);
	e->entry = rpi_le32(h + 24);
	phoff = rpi_le32(h + 28);
	e->phnum = rpi_le16(h + 44);
	for (i = 0; i < e->phnum; i++) {
		if (read_at(src, (uint64_t)phoff + 32 * (uint64_t)i, p, sizeof(p)))
			break;
		if (rpi_le32(p) == 1 && (!e->have_load || rpi_le32(p + 12) < e->low_load)) {
			e->have_load = true;
			e->low_load = rpi_le32(p + 12);
		}
		if (i < OPTEE_ELF_PHDRS) {
			e->ph[i][0] = rpi_le32(p);
			e->ph[i][1] = rpi_le32(p + 4);
			e->ph[i][2] = rpi_le32(p + 12);
			e->ph[i][3] = rpi_le32(p + 16);
			e->ph[i][4] = rpi_le32(p + 20);
		}
	}
	/* the BOOTADDR an STM32MP2 image must be signed with (ELFs up to 64 MiB) */
	if (src->size <= (64U << 20)) {
		uint8_t *b = malloc(src->size ? (size_t)src->size : 1);

		if (b && !read_at(src, 0, b, (size_t)src->size)) {
			e->vt_looked = true;
			vt_find(b, (size_t)src->size, &e->vt);
		}
		free(b);
	}
}

/* ---- signature ---------------------------------------------------------- */

/* The PKEYINFO TLV's key as one more candidate (ST's TA may verify with it). */
static void add_pkey(const struct rpi_source *src, struct optee_image *img)
{
	const struct rpi_summary *s = &img->res.sum;
	struct optee_sig *sg = &img->sig;
	uint8_t *pk;

	if (!(s->flags & RPI_S_HAS_PKEY) || (s->flags & RPI_S_F1_KEYINFO) ||
	    !s->pkey_len || s->pkey_len > PKEY_MAX)
		return;
	pk = malloc(s->pkey_len);
	if (pk && !read_at(src, s->pkey_off, pk, s->pkey_len)) {
		if (!key_from_spki(&sg->pkey, pk, s->pkey_len, "PKEYINFO TLV")) {
			sg->have_pkey = true;
			sg->cand[sg->ncand].k = &sg->pkey;
			sg->cand[sg->ncand].origin = "PKEYINFO";
			sg->cand[sg->ncand].verifies = -1;
			sg->pkey_cand = (int)sg->ncand++;
		} else {
			sg->pkey_bad = true;
		}
	}
	free(pk);
}

/*
 * Every candidate, then the key the TEE trusts, against the signature, with
 * the image's signature type.  Without a SIGNTYPE TLV no key can check it:
 * the TA refuses such an image before the signature
 * (remoteproc_verify_signature(): SIGNTYPE missing or not 1 byte ->
 * TEE_ERROR_BAD_PARAMETERS), so it verifies with no key, whatever its bytes.
 */
static int check_signature(const struct rpi_source *src, const struct optee_keys *keys,
			   struct optee_image *img)
{
	const struct rpi_result *r = &img->res;
	const struct rpi_summary *s = &r->sum;
	struct optee_sig *sg = &img->sig;
	uint8_t *sig = NULL;
	size_t i, n = keys ? keys->ring.n : 0;
	int ret = 0;

	sg->signer = -1;
	sg->pkey_cand = -1;
	sg->ta_state = RPI_SIG_UNKNOWN;
	sg->have_type = s->flags & RPI_S_HAS_SIGN_TYPE;
	sg->type = s->sign_type;
	sg->cand = calloc(n + 1, sizeof(*sg->cand));
	if (!sg->cand)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		sg->cand[i].k = &keys->ring.k[i];
		sg->cand[i].origin = keys->ring.k[i].origin;
		sg->cand[i].verifies = -1;
	}
	sg->ncand = n;
	add_pkey(src, img);
	if (keys && keys->has_ta)
		sg->ta = &keys->ta;

	if (r->sig_len && r->sig_len <= SIG_MAX && r->sig_off <= s->file_size &&
	    r->sig_len <= s->file_size - r->sig_off && r->signed_len) {
		sig = malloc(r->sig_len);
		if (!sig)
			return -ENOMEM;
		ret = read_at(src, r->sig_off, sig, r->sig_len);
		if (ret) {
			free(sig);
			return ret;
		}
		sg->checked = true;
		for (i = 0; i < sg->ncand; i++) {
			sg->cand[i].verifies = key_verify(sg->cand[i].k, sg->type,
							  r->signed_digest, sig, r->sig_len);
			if (sg->cand[i].verifies == 1 && sg->signer < 0)
				sg->signer = (int)i;
		}
	}
	if (sg->ta) {
		sg->ta_verifies = sg->checked ? key_verify(sg->ta, sg->type, r->signed_digest,
							   sig, r->sig_len) : 0;
		sg->ta_state = sg->ta_verifies == 1 ? RPI_SIG_VALID : RPI_SIG_INVALID;
	}
	free(sig);
	return 0;
}

const struct optee_cand *optee_signer(const struct optee_image *img)
{
	return img->sig.signer >= 0 ? &img->sig.cand[img->sig.signer] : NULL;
}

/* ---- verdicts ----------------------------------------------------------- */

/*
 * ST 4.0.0 TA with CFG_REMOTEPROC_PUB_KEY_VERIFY=y: the key comes from the
 * PKEYINFO TLV and must hash (ST OTP form) to OTP oem_rproc_pkh.
 */
static void pkh_predict(const struct optee_image *img, const uint8_t pkh[32],
			struct rpi_verdict *v)
{
	const struct rpi_result *r = &img->res;
	const struct rpi_summary *s = &r->sum;
	const struct optee_sig *sg = &img->sig;
	const struct key *k = &sg->pkey;
	uint8_t swapped[32];
	char a[65], b[65];
	bool rsa_ok, ec_ok;
	size_t i;

	rpi_predict(r, RPI_TA_ST400, RPI_SIG_VALID, v);
	v->uncertain = false;
	if (r->pre[RPI_TA_ST400].result && r->pre[RPI_TA_ST400].f.code != RPROC_DIAG_FND_ECDSA)
		return;	/* fails before the key is looked at */
	v->cmd = RPROC_DIAG_TA_LOAD_FW;
	v->finding = RPROC_DIAG_FND_OK;
	if (!(s->flags & RPI_S_HAS_PKEY) || !sg->have_pkey) {
		v->result = TEE_ERROR_BAD_FORMAT;
		snprintf(v->reason, sizeof(v->reason), "%s",
			 (s->flags & RPI_S_HAS_PKEY) ?
			 "the PKEYINFO TLV is not a DER SubjectPublicKeyInfo" :
			 "no PKEYINFO TLV: sign with --key-info <DER public key>");
		return;
	}
	rsa_ok = k->kind == KEY_RSA && k->bits == 2048 && s->pkey_len == 294;
	ec_ok = k->kind == KEY_EC_P256 && s->pkey_len == 91;
	if (!rsa_ok && !ec_ok) {
		v->result = TEE_ERROR_BAD_FORMAT;
		snprintf(v->reason, sizeof(v->reason),
			 "PKEYINFO (%u bytes) is not a 294-byte RSA-2048 or 91-byte P-256 SubjectPublicKeyInfo",
			 s->pkey_len);
		return;
	}
	for (i = 0; i < 32; i++)
		swapped[i] = pkh[(i & ~3U) + 3 - (i & 3)];
	if (memcmp(k->otp_hash, pkh, 32)) {
		hex_str(k->otp_hash, 32, a);
		hex_str(pkh, 32, b);
		v->result = TEE_ERROR_SECURITY;
		snprintf(v->reason, sizeof(v->reason),
			 "PKEYINFO key hash %.16s... is not OTP oem_rproc_pkh %.16s...%s", a, b,
			 memcmp(k->otp_hash, swapped, 32) ? "" :
			 " (it matches with each 32-bit word byte-swapped: check the fuse order)");
		v->uncertain = !memcmp(k->otp_hash, swapped, 32);
		return;
	}
	if (sg->pkey_cand < 0 || sg->cand[sg->pkey_cand].verifies != 1) {
		v->result = TEE_ERROR_SIGNATURE_INVALID;
		snprintf(v->reason, sizeof(v->reason),
			 "the signature does not verify with the PKEYINFO key");
		return;
	}
	if (r->post[RPI_TA_ST400].result) {
		v->result = r->post[RPI_TA_ST400].result;
		v->cmd = r->post[RPI_TA_ST400].cmd;
		v->finding = r->post[RPI_TA_ST400].f.code;
		rpi_finding_text(&r->post[RPI_TA_ST400].f, v->reason, sizeof(v->reason));
		return;
	}
	v->result = 0;
	snprintf(v->reason, sizeof(v->reason),
		 "the PKEYINFO key matches OTP and verifies the signature: loads and starts");
}

/* inspect's exit status: see analysis.h. */
static int image_status(const struct optee_image *img)
{
	const struct rpi_summary *s = &img->res.sum;
	size_t i;

	if (s->format == RPROC_DIAG_FMT_UNKNOWN)
		return 2;
	for (i = 0; i < img->nfnd; i++)
		if (!rpi_finding_is_info(img->fnd[i].code))
			return 1;
	if (s->format == RPROC_DIAG_FMT_ELF || s->format == RPROC_DIAG_FMT_DAMAGED)
		return 1;
	if (img->sig.signer < 0)
		return 1;
	if (img->sig.ta && img->sig.ta_state != RPI_SIG_VALID)
		return 1;
	if (img->nverdicts > RPI_TA_COUNT && img->verdict[RPI_TA_COUNT].result)
		return 1;	/* this device would refuse it */
	return 0;
}

/* ---- entry points ------------------------------------------------------- */

bool optee_is_image(const uint8_t *head, size_t len)
{
	return len >= 4 && (rpi_le32(head) == RPI_MAGIC ||
			    (head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F'));
}

int optee_analyze(const struct rpi_source *src, const struct optee_keys *keys,
		  const uint8_t *otp_pkh, struct optee_image *out)
{
	struct rpi_visitor v = {
		.finding = on_finding,
		.tlv = on_tlv,
		.image = on_image,
		.segment = on_segment,
		.ctx = out,
	};
	struct sha256 h;
	void *scratch;
	size_t i;
	int ret;

	memset(out, 0, sizeof(*out));
	out->size = src->size;
	scratch = malloc(IMG_SCRATCH);
	if (!scratch || sha256_open(&h)) {
		free(scratch);
		return -ENOMEM;
	}
	ret = rpi_analyze(src, &h.ops, scratch, IMG_SCRATCH, &v, &out->res);
	sha256_close(&h);
	free(scratch);
	if (!ret && out->oom)
		ret = -ENOMEM;
	if (ret)
		return ret;
	if (out->res.sum.format == RPROC_DIAG_FMT_ELF)
		read_elf(src, &out->elf);
	ret = check_signature(src, keys, out);
	if (ret)
		return ret;
	for (i = 0; i < RPI_TA_COUNT; i++)
		rpi_predict(&out->res, (uint32_t)i, out->sig.ta_state, &out->verdict[i]);
	out->nverdicts = RPI_TA_COUNT;
	if (otp_pkh && out->res.sum.closest == RPROC_DIAG_FMT_F3)
		pkh_predict(out, otp_pkh, &out->verdict[out->nverdicts++]);
	out->status = image_status(out);
	return 0;
}

int optee_analyze_fd(int fd, const struct stat *st, const struct optee_keys *keys,
		     const uint8_t *otp_pkh, struct optee_image *out)
{
	struct fd_source src;
	int ret;

	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	fd_source_init(&src, fd, (uint64_t)st->st_size);
	ret = optee_analyze(&src.src, keys, otp_pkh, out);
	/* what was analysed must be one version of the file, or nothing is said */
	if (!ret)
		ret = file_check_unchanged(fd, st);
	return ret;
}

/* ---- facts about TA builds ---------------------------------------------- */

uint64_t optee_ta_heap_need(const struct rpi_summary *s)
{
	uint64_t need;

	if (s->closest != RPROC_DIAG_FMT_F3)
		return 0;
	need = RPI_F3_HDR_LEN + RPI_R8(s->tlv_len) + RPI_R8(s->sign_len) + s->table_len;
	return need > OPTEE_TA_HEAP_DEFAULT ? need : 0;
}

const struct optee_default_key optee_default_keys[] = {
	{ RPI_TA_UPSTREAM, "optee-default-rsa4096", "OP-TEE >= 4.7.0" },
	{ RPI_TA_UPSTREAM, "optee-default-rsa2048", "OP-TEE 4.1 to 4.6" },
	{ RPI_TA_ST400, "optee-default-rsa2048", "ST OP-TEE 4.0.0" },
	{ RPI_TA_ST_LEGACY, "st-default-rproc-rsa2048", "ST OP-TEE <= 3.19.0-r1.1" },
};
const size_t optee_n_default_keys = sizeof(optee_default_keys) / sizeof(optee_default_keys[0]);

int optee_builtin_cand(const struct optee_image *img, const char *name)
{
	size_t i;

	for (i = 0; i < img->sig.ncand; i++)
		if (img->sig.cand[i].k->builtin && !strcmp(img->sig.cand[i].k->name, name))
			return (int)i;
	return -1;
}

int optee_parse_pkh(const char *hex, uint8_t out[32])
{
	size_t i;

	if (!strncmp(hex, "0x", 2))
		hex += 2;
	if (strlen(hex) != 64)
		return -1;
	for (i = 0; i < 32; i++) {
		if (sscanf(hex + 2 * i, "%2hhx", &out[i]) != 1)
			return -1;
	}
	return 0;
}
