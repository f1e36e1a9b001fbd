// SPDX-License-Identifier: GPL-2.0
/*
 * The remoteproc trusted application, emulated: ta/remoteproc/src/
 * remoteproc_core.c of ST's OP-TEE 4.0.0-stm32mp at a8dd87d4 (ta = st) and
 * of OP-TEE 4.9.0 (ta = upstream), function by function (each function
 * below names the one it follows), with the state the real TA keeps
 * between commands: one context per rproc id created by the first LOAD_FW
 * (so START/STOP/GET_RSC_TABLE before any LOAD_FW are BAD_PARAMETERS), its
 * OFF/LOADED/STARTED state, and the TA heap.  The TA is single-instance
 * and keep-alive: its state survives closing every session; only
 * unloading sim_optee (a reboot) resets it.
 *
 * Independent of the project's image library on purpose: this is the
 * reference that library is checked against.  The legacy F1 TA lives in
 * sim_ta_legacy.c.
 */
#define pr_fmt(fmt) "sim_optee: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/tee.h>
#include <crypto/sha2.h>

#include "sim_optee.h"

#define R8(x)		(((u64)(x) + 7) & ~(u64)7)
#define HDR_LEN		20
#define F3_MAGIC	0x3543A468

#define TLV_SIGNTYPE	0x01
#define TLV_HASHTYPE	0x02
#define TLV_NUM_IMG	0x03
#define TLV_IMGTYPE	0x04
#define TLV_IMGSIZE	0x05
#define TLV_ENCTYPE	0x06
#define TLV_HASHTABLE	0x10
#define TLV_PKEYINFO	0x11
#define TLV_ENCTABLE	0x12
#define TLV_PLAT_MIN	0x10000
#define TLV_PLAT_MAX	0x20000		/* exclusive */

#define HASH_SEG_LEN	64	/* Elf32_Phdr + SHA-256 */
#define ENC_SEG_LEN	80	/* Elf32_Phdr + SHA-256 + AES IV */
#define PT_LOAD_T	1
#define IMG_ELF		1
#define IMG_ENC_ELF	2

#define ATTR(p)		((p).attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK)
#define P_NONE		TEE_IOCTL_PARAM_ATTR_TYPE_NONE
#define P_VAL_IN	TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT
#define P_VAL_OUT	TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT
#define P_MEM_IN	TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT

/*
 * Sizes of what the TA allocates on its heap (LP64 TA): struct
 * remoteproc_context (ST adds hash_algo, hash_sz, enc_table, enc_algo),
 * libutee's struct ta_session per open session, the digest operation of
 * TEE_AllocateOperation (struct __TEE_OperationHandle + its digest buffer),
 * struct rproc_pta_key_info without its key.
 */
#define SZ_CTX_ST	136
#define SZ_CTX_UPSTREAM	112
#define SZ_TA_SESSION	32
#define SZ_DIGEST_OP	96
#define SZ_KEYINFO_HDR	8

/* ---- the TA heap (lib/libutils/isoc/bget_malloc.c) --------------------- */

/*
 * bget on LP64: every block is its size rounded up to SizeQuant (16) plus
 * struct bhead (16); the pool loses its end sentinel (struct bhead) and the
 * malloc_pool array raw_malloc_add_pool() reallocates from it; a pool
 * smaller than MALLOC_INITIAL_POOL_MIN_SIZE (1024) is not added at all.
 * Allocation order and lifetimes follow remoteproc_core.c.  The model is
 * exact about what is allocated, approximate about bget's fragmentation
 * (none here: the TA frees in reverse order).
 */
#define HEAP_QUANT	16
#define HEAP_BHEAD	16

static size_t heap_cost(size_t len)
{
	return ALIGN(len, HEAP_QUANT) + HEAP_BHEAD;
}

static void heap_init(struct sim_heap *h, size_t size)
{
	size = ALIGN_DOWN(size, HEAP_QUANT);
	h->used = 0;
	if (size < 1024) {
		h->capacity = 0;
		return;
	}
	h->capacity = size - HEAP_BHEAD - heap_cost(16);
}

bool sim_heap_alloc(struct sim_heap *h, size_t len)
{
	size_t c;

	if (!len)
		return true;	/* TEE_NULL_SIZED_VA */
	c = heap_cost(len);
	if (h->used + c > h->capacity)
		return false;
	h->used += c;
	return true;
}

void sim_heap_free(struct sim_heap *h, size_t len)
{
	if (len)
		h->used -= min(h->used, heap_cost(len));
}

/* ---- names ------------------------------------------------------------- */

const char *sim_ta_cmd_name(u32 cmd)
{
	switch (cmd) {
	case SIM_TA_CMD_LOAD_FW: return "LOAD_FW";
	case SIM_TA_CMD_START_FW: return "START_FW";
	case SIM_TA_CMD_STOP_FW: return "STOP_FW";
	case SIM_TA_CMD_GET_RSC_TABLE: return "GET_RSC_TABLE";
	case SIM_TA_CMD_GET_COREDUMP: return "GET_COREDUMP";
	case SIM_TA_CMD_RELEASE_FW: return "RELEASE_FW";
	default: return "UNKNOWN";
	}
}

const char *sim_ta_state_name(enum sim_rproc_state s)
{
	static const char * const names[] = { "OFF", "LOADED", "STARTED" };

	return s <= SIM_STARTED ? names[s] : "?";
}

static bool types_are(const struct tee_param *p, u64 t0, u64 t1, u64 t2,
		      u64 t3)
{
	return ATTR(p[0]) == t0 && ATTR(p[1]) == t1 && ATTR(p[2]) == t2 &&
	       ATTR(p[3]) == t3;
}

/* ---- one LOAD_FW ------------------------------------------------------- */

/* What remoteproc_load_fw() works on: the context plus the secure copy. */
struct load {
	struct sim_ta *ta;
	struct sim_ta_ctx *ctx;
	bool st;
	const u8 *sec;		/* secure copy: header, TLVs, signature */
	size_t sec_len;
	u32 tlv_len, sign_len, img_len;
	const u8 *tlvs;
	const u8 *fw_img;	/* the images, in the non-secure buffer */
	size_t fw_img_sz;
	const u8 *table;	/* hash or encryption table copy */
	u32 table_len;
	u32 nb_segment;
	u32 enc_algo;
};

/*
 * remoteproc_get_tlv(): the first TLV of @type; a TLV of length 0 is
 * NO_DATA.  ST walks "while (p < end)" and does not bound the value; the
 * emulation bounds both to the secure copy (the real TA reads on into the
 * signature that follows the TLV area, and past it undefined).  4.9.0
 * bounds every record to the TLV area.
 */
static u32 get_tlv(const struct load *l, u32 type, const u8 **value, u32 *len)
{
	u64 off = 0, end = l->tlv_len;
	u64 limit = l->sec_len - HDR_LEN;	/* bytes after the header */

	*value = NULL;
	*len = 0;
	while (off < end) {
		u32 t, n;

		if (l->st ? off + 8 > limit : off + 8 > end)
			break;
		t = sim_rd32(l->tlvs + off);
		n = sim_rd32(l->tlvs + off + 4);
		if (l->st) {
			if (t == type) {
				if (off + 8 + n > limit)
					return TEE_ERROR_NO_DATA;
				*value = l->tlvs + off + 8;
				*len = n;
				return n ? TEE_SUCCESS : TEE_ERROR_NO_DATA;
			}
		} else if (off + 8 + n <= end && t == type) {
			*value = l->tlvs + off + 8;
			*len = n;
			return n ? TEE_SUCCESS : TEE_ERROR_NO_DATA;
		}
		off += R8(8 + (u64)n);
	}
	return TEE_ERROR_NO_DATA;
}

/* remoteproc_save_fw_header_and_tlvs() */
static u32 save_fw_header_and_tlvs(struct load *l, const u8 *fw, size_t size)
{
	u64 length;

	if (!IS_ALIGNED((uintptr_t)fw, 4))
		return TEE_ERROR_BAD_PARAMETERS;
	if (size < HDR_LEN)
		return TEE_ERROR_BAD_PARAMETERS;	/* the emulation's bound */
	l->tlv_len = sim_rd32(fw + 8);
	l->sign_len = sim_rd32(fw + 12);
	l->img_len = sim_rd32(fw + 16);
	length = HDR_LEN + R8(l->tlv_len) + R8(l->sign_len);
	if (length > U32_MAX)
		return TEE_ERROR_BAD_PARAMETERS;	/* ADD_OVERFLOW */
	if (size <= length || !l->sign_len || !l->tlv_len)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!sim_heap_alloc(&l->ta->heap, length))
		return TEE_ERROR_OUT_OF_MEMORY;
	/* The copy is the same bytes: the emulation reads them in place. */
	l->sec = fw;
	l->sec_len = length;
	l->tlvs = fw + HDR_LEN;
	return TEE_SUCCESS;
}

/* remoteproc_verify_header() */
static u32 verify_header(const struct load *l, size_t size)
{
	if (sim_rd32(l->sec) != F3_MAGIC || sim_rd32(l->sec + 4) != 1)
		return TEE_ERROR_BAD_PARAMETERS;
	if (HDR_LEN + R8(l->sign_len) + R8(l->img_len) + R8(l->tlv_len) != size)
		return TEE_ERROR_BAD_PARAMETERS;
	return TEE_SUCCESS;
}

/* remoteproc_pta_verify(): the PTA checks the signature (and ST the key). */
static u32 pta_verify(struct load *l, u32 algo, const u8 *hash)
{
	const u8 *info;
	u32 info_len, res;
	size_t ki;

	res = get_tlv(l, TLV_PKEYINFO, &info, &info_len);
	if (res && res != TEE_ERROR_NO_DATA)
		return res;
	ki = SZ_KEYINFO_HDR + info_len;
	if (!sim_heap_alloc(&l->ta->heap, ki))
		return TEE_ERROR_OUT_OF_MEMORY;
	res = sim_pta_verify_digest(l->ta->plat, l->ctx->rproc_id, algo, info,
				    info_len, hash, l->sec + HDR_LEN + R8(l->tlv_len),
				    l->sign_len);
	if (res)
		sim_ta_msg("Failed to verify signature, res = %#x", res);
	sim_heap_free(&l->ta->heap, ki);
	return res;
}

/* remoteproc_verify_signature() */
static u32 verify_signature(struct load *l)
{
	struct sim_heap *h = &l->ta->heap;
	u8 hash[SHA256_DIGEST_SIZE];
	struct sha256_state s;
	const u8 *v;
	u32 len, res, algo;

	res = get_tlv(l, TLV_SIGNTYPE, &v, &len);
	if (res || len != 1)
		return TEE_ERROR_BAD_PARAMETERS;
	switch (v[0]) {
	case 1:
		algo = TEE_ALG_RSASSA_PKCS1_V1_5_SHA256;
		break;
	case 2:
		algo = TEE_ALG_ECDSA_SHA256;
		break;
	default:
		sim_ta_msg("Unsupported signature type %d", v[0]);
		return TEE_ERROR_NOT_SUPPORTED;
	}
	/* hash buffer, then TEE_AllocateOperation(SHA-256) and its buffer */
	if (!sim_heap_alloc(h, SHA256_DIGEST_SIZE))
		return TEE_ERROR_OUT_OF_MEMORY;
	if (!sim_heap_alloc(h, SZ_DIGEST_OP)) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto free_hash;
	}
	if (!sim_heap_alloc(h, SHA256_DIGEST_SIZE)) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto free_op;
	}
	sha256_init(&s);
	sha256_update(&s, l->sec, HDR_LEN);
	sha256_update(&s, l->tlvs, R8(l->tlv_len));
	sha256_final(&s, hash);
	res = pta_verify(l, algo, hash);
	sim_heap_free(h, SHA256_DIGEST_SIZE);
free_op:
	sim_heap_free(h, SZ_DIGEST_OP);
free_hash:
	sim_heap_free(h, SHA256_DIGEST_SIZE);
	return res;
}

/* get_tlv_hash_type() (ST) */
static u32 get_tlv_hash_type(struct load *l)
{
	const u8 *v;
	u32 len, res;

	res = get_tlv(l, TLV_HASHTYPE, &v, &len);
	if (res)
		return res;
	if (len != 1)
		return TEE_ERROR_BAD_PARAMETERS;
	return v[0] == 1 ? TEE_SUCCESS : TEE_ERROR_NOT_SUPPORTED;
}

/*
 * remoteproc_set_platform_tlv() (ST): every platform TLV, in order, to the
 * PTA.  The length is read into a uint16_t there, for the PTA and for the
 * step to the next record alike.
 */
static u32 set_platform_tlv(struct load *l)
{
	u64 off = 0, limit = l->sec_len - HDR_LEN;
	u32 res;

	while (off < l->tlv_len) {
		u32 t;
		u16 n;

		if (off + 8 > limit)
			break;		/* real: reads past its copy */
		t = sim_rd32(l->tlvs + off);
		n = (u16)sim_rd32(l->tlvs + off + 4);
		if (t >= TLV_PLAT_MIN && t < TLV_PLAT_MAX) {
			if (off + 8 + n > limit)
				return TEE_ERROR_CORRUPT_OBJECT; /* emulation */
			res = sim_pta_tlv_param(l->ta->plat, l->ctx->rproc_id, t,
						l->tlvs + off + 8, n);
			if (res)
				return res;
		}
		off += R8(8 + (u64)n);
	}
	return TEE_SUCCESS;
}

/* remoteproc_verify_firmware() */
static u32 verify_firmware(struct load *l, const u8 *fw, size_t size)
{
	u32 fmt, prot, res;

	res = sim_pta_capabilities(l->ta->plat, l->ctx->rproc_id, &fmt, &prot);
	if (res)
		return res;
	if (!(prot & PTA_RPROC_HWCAP_PROT_HASH_TABLE))
		return TEE_ERROR_NOT_IMPLEMENTED;
	if (l->st ? !(fmt & (PTA_RPROC_HWCAP_FMT_ELF | PTA_RPROC_HWCAP_FMT_ENC_ELF))
		  : fmt != PTA_RPROC_HWCAP_FMT_ELF)
		return TEE_ERROR_NOT_IMPLEMENTED;
	res = save_fw_header_and_tlvs(l, fw, size);
	if (res)
		return res;
	res = verify_header(l, size);
	if (!res)
		res = verify_signature(l);
	if (!res && l->st)
		res = get_tlv_hash_type(l);
	if (!res && l->st)
		res = set_platform_tlv(l);
	if (res) {
		sim_heap_free(&l->ta->heap, l->sec_len);
		l->sec = NULL;
		return res;
	}
	l->fw_img = fw + HDR_LEN + R8(l->tlv_len) + R8(l->sign_len);
	l->fw_img_sz = l->img_len;
	return TEE_SUCCESS;
}

/* remoteproc_clean_resources() (ST): PTA CLEAN */
static void clean_resources(struct load *l)
{
	if (sim_pta_clean(l->ta->plat, l->ctx->rproc_id))
		sim_ta_msg("assertion '!res' failed (PTA CLEAN)");
}

/* get_hash_table() / get_enc_table(): the table copied to the TA heap */
static u32 get_table(struct load *l, u32 type, u32 entry)
{
	const u8 *v;
	u32 len, res;

	res = get_tlv(l, type, &v, &len);
	if (res)
		return res;
	if (len % entry)
		return TEE_ERROR_BAD_PARAMETERS;
	if (!sim_heap_alloc(&l->ta->heap, len))
		return TEE_ERROR_OUT_OF_MEMORY;
	l->table = v;
	l->table_len = len;
	l->nb_segment = len / entry;
	return TEE_SUCCESS;
}

/*
 * get_hash_seg_info() / get_enc_seg_info() (4.9.0: get_segment_hash()):
 * the first table entry with this p_paddr, checked against the segment.
 */
static u32 seg_info(struct load *l, const u8 *src, u32 size, u32 da,
		    u32 mem_size, struct sim_seg_info *si)
{
	u32 entry = l->enc_algo ? ENC_SEG_LEN : HASH_SEG_LEN, i;
	const u8 *end = l->fw_img + l->fw_img_sz;

	for (i = 0; i < l->nb_segment; i++) {
		const u8 *e = l->table + i * entry;

		if (sim_rd32(e + 12) != da)
			continue;
		if (sim_rd32(e) != PT_LOAD_T)
			return TEE_ERROR_BAD_PARAMETERS;
		if (sim_rd32(e + 16) != size || sim_rd32(e + 20) != mem_size)
			return TEE_ERROR_BAD_PARAMETERS;
		if (src < l->fw_img || src > end || sim_rd32(e + 16) > end - src)
			return TEE_ERROR_BAD_PARAMETERS;
		si->hash = e + 32;
		si->enc_algo = l->enc_algo;
		si->iv = l->enc_algo ? e + 64 : NULL;
		return TEE_SUCCESS;
	}
	return TEE_ERROR_NO_DATA;
}

/* remoteproc_load_segment(): PTA LOAD_SEGMENT, then SET_MEMORY for BSS */
static u32 load_segment(const u8 *src, u32 size, u32 da, u32 mem_size,
			void *priv)
{
	struct load *l = priv;
	struct sim_seg_info si;
	u32 res;

	res = seg_info(l, src, size, da, mem_size, &si);
	if (res)
		return res;
	if (size) {
		res = sim_pta_load_segment(l->ta->plat, l->ctx->rproc_id, src,
					   size, da, &si);
		if (res) {
			sim_ta_msg("Fails to load segment, res = 0x%#x", res);
			return res;
		}
	}
	if (size < mem_size) {
		res = sim_pta_set_memory(l->ta->plat, l->ctx->rproc_id,
					 da + size, mem_size - size);
		if (res)
			sim_ta_msg("Fails to clear segment, res = %#x", res);
	}
	return res;
}

/* remoteproc_parse_rsc_table() */
static u32 parse_rsc_table(struct load *l, const u8 *img, size_t img_sz,
			   u64 *pa, u64 *size)
{
	u32 da, sz, res;

	res = sim_elf_find_rsc_table(img, img_sz, &da, &sz,
				     !l->st || !l->enc_algo);
	if (res)
		return res;
	if (sim_pta_da_to_pa(l->ta->plat, l->ctx->rproc_id, da, sz, pa)) {
		sim_ta_msg("Failed to translate device address %#x", da);
		return TEE_ERROR_ACCESS_DENIED;
	}
	*size = sz;
	return TEE_SUCCESS;
}

static u32 load_images(struct load *l)
{
	const u8 *v, *types, *sizes;
	u32 len, num_img, i, res, img_size;
	u64 offset = 0, rsc_pa = 0, rsc_size = 0;

	res = get_tlv(l, TLV_NUM_IMG, &v, &len);
	if (res)
		return res;
	if (len != 1)
		return TEE_ERROR_BAD_FORMAT;
	num_img = v[0];
	if (!num_img)
		return TEE_ERROR_NO_DATA;
	l->ctx->rsc_pa = 0;
	l->ctx->rsc_size = 0;
	for (i = 0; i < num_img; i++) {
		/* get_tlv_images_type() */
		res = get_tlv(l, TLV_IMGTYPE, &types, &len);
		if (res)
			return res;
		if (len != num_img)
			return TEE_ERROR_BAD_PARAMETERS;
		if (types[i] != IMG_ELF && (!l->st || types[i] != IMG_ENC_ELF))
			return TEE_ERROR_BAD_FORMAT;
		if (l->st && (types[i] == IMG_ELF) != !l->enc_algo)
			return TEE_ERROR_BAD_FORMAT;
		/* get_tlv_images_size() */
		res = get_tlv(l, TLV_IMGSIZE, &sizes, &len);
		if (res)
			return res;
		if (len != 4 * num_img)
			return TEE_ERROR_BAD_PARAMETERS;
		img_size = sim_rd32(sizes + 4 * i);
		/*
		 * Nothing bounds IMGSIZE against the image area in the real
		 * TA; the segments are (get_hash_seg_info).  The emulation
		 * parses at most what is there.
		 */
		if (offset >= l->fw_img_sz)
			return TEE_ERROR_BAD_FORMAT;
		res = sim_elf_load_image(l->fw_img + offset,
					 min_t(u64, img_size, l->fw_img_sz - offset),
					 load_segment, l);
		if (res)
			return res;
		res = parse_rsc_table(l, l->fw_img + offset,
				      min_t(u64, img_size, l->fw_img_sz - offset),
				      &rsc_pa, &rsc_size);
		if (res && res != TEE_ERROR_NO_DATA)
			return res;
		if (!res) {
			if (l->ctx->rsc_pa || l->ctx->rsc_size) {
				sim_ta_msg("More than one resource table found");
				return TEE_ERROR_BAD_FORMAT;
			}
			l->ctx->rsc_pa = rsc_pa;
			l->ctx->rsc_size = rsc_size;
		}
		offset += img_size;
	}
	return TEE_SUCCESS;
}

/*
 * remoteproc_load_elf().  ST runs PTA CLEAN (which forgets the boot
 * address) only for failures from NUM_IMG on: a failure of the ELF header,
 * ENCTYPE or the hash/encryption table returns before it and leaves
 * BOOTADDR/BOOTSEC set.  4.9.0 never cleans.
 */
static u32 load_elf(struct load *l)
{
	const u8 *v;
	u32 len, res;

	res = sim_elf_parse_ehdr(l->fw_img, l->fw_img_sz);
	if (res) {
		sim_ta_msg("Failed to parse firmware, res = %#x", res);
		return res;
	}
	l->enc_algo = 0;
	if (l->st) {
		res = get_tlv(l, TLV_ENCTYPE, &v, &len);
		if (!res) {
			if (len != 1)
				return TEE_ERROR_BAD_PARAMETERS;
			if (v[0] != 1) {
				sim_ta_msg("Unsupported encryption type %d", v[0]);
				return TEE_ERROR_NOT_SUPPORTED;
			}
			l->enc_algo = TEE_ALG_AES_CBC_NOPAD;
		}
	}
	if (l->enc_algo)
		res = get_table(l, TLV_ENCTABLE, ENC_SEG_LEN);
	else
		res = get_table(l, TLV_HASHTABLE, HASH_SEG_LEN);
	if (res)
		return res;
	res = load_images(l);
	if (res && l->st)
		clean_resources(l);
	sim_heap_free(&l->ta->heap, l->table_len);
	l->table = NULL;
	return res;
}

/* ---- commands ---------------------------------------------------------- */

/* remoteproc_find_firmware() */
static struct sim_ta_ctx *find_ctx(struct sim_ta *ta, u32 id)
{
	int i;

	for (i = 0; i < SIM_TA_MAX_CTX; i++)
		if (ta->ctx[i].used && ta->ctx[i].rproc_id == id)
			return &ta->ctx[i];
	return NULL;
}

/* remoteproc_add_firmware(): TEE_Malloc(sizeof(*ctx)) */
static struct sim_ta_ctx *add_ctx(struct sim_ta *ta, u32 id)
{
	int i;

	for (i = 0; i < SIM_TA_MAX_CTX && ta->ctx[i].used; i++)
		;
	if (i == SIM_TA_MAX_CTX ||
	    !sim_heap_alloc(&ta->heap, ta->cfg->ta == SIM_TA_ST ?
			    SZ_CTX_ST : SZ_CTX_UPSTREAM))
		return NULL;
	memset(&ta->ctx[i], 0, sizeof(ta->ctx[i]));
	ta->ctx[i].used = true;
	ta->ctx[i].rproc_id = id;
	return &ta->ctx[i];
}

/* remoteproc_load_fw() */
static u32 cmd_load(struct sim_ta *ta, struct tee_param *p, const u8 *img,
		    size_t size)
{
	struct load l = { .ta = ta, .st = ta->cfg->ta == SIM_TA_ST };
	u32 id = p[0].u.value.a, res;

	if (!types_are(p, P_VAL_IN, P_MEM_IN, P_NONE, P_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	l.ctx = find_ctx(ta, id);
	if (!l.ctx)
		l.ctx = add_ctx(ta, id);
	if (!l.ctx)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (!l.st && l.ctx->state == SIM_LOADED)
		return TEE_SUCCESS;	/* 4.9.0: already loaded, do nothing */
	if (l.ctx->state != SIM_OFF)
		return TEE_ERROR_BAD_STATE;
	if (!img || !size)
		return TEE_ERROR_BAD_PARAMETERS;

	if (ta->cfg->ta == SIM_TA_LEGACY) {
		res = sim_ta_legacy_load(ta->plat, id, img, size);
		if (!res)
			l.ctx->state = SIM_LOADED;
		return res;
	}
	if (l.st) {
		res = sim_pta_get_mem(ta->plat, id);
		if (res) {
			sim_ta_msg("Can't get access right to memories");
			return res;
		}
	}
	res = verify_firmware(&l, img, size);
	if (res)
		sim_ta_msg("Can't Authenticate the firmware (res = %#x)", res);
	else
		res = load_elf(&l);
	if (!res)
		l.ctx->state = SIM_LOADED;
	if (l.st)
		sim_pta_release_mem(ta->plat, id);	/* always succeeds */
	if (l.sec)
		sim_heap_free(&ta->heap, l.sec_len);
	return res;
}

/* remoteproc_start_fw(): ST cleans (forgets BOOTADDR) on failure, LOADED */
static u32 cmd_start(struct sim_ta *ta, struct sim_ta_ctx *ctx)
{
	u32 res;

	switch (ctx->state) {
	case SIM_OFF:
		return TEE_ERROR_BAD_STATE;
	case SIM_STARTED:
		return TEE_SUCCESS;
	default:
		res = sim_pta_start(ta->plat, ctx->rproc_id);
		if (!res)
			ctx->state = SIM_STARTED;
		else if (ta->cfg->ta == SIM_TA_ST &&
			 sim_pta_clean(ta->plat, ctx->rproc_id))
			sim_ta_msg("assertion '!res' failed (PTA CLEAN)");
		return res;
	}
}

/* remoteproc_stop_fw(): ST: STOP while LOADED cleans and goes OFF */
static u32 cmd_stop(struct sim_ta *ta, struct sim_ta_ctx *ctx)
{
	bool st = ta->cfg->ta == SIM_TA_ST;
	u32 res;

	switch (ctx->state) {
	case SIM_LOADED:
		if (st) {
			if (sim_pta_clean(ta->plat, ctx->rproc_id))
				sim_ta_msg("assertion '!res' failed (PTA CLEAN)");
			ctx->state = SIM_OFF;
		}
		return TEE_ERROR_BAD_STATE;
	case SIM_OFF:
		return TEE_SUCCESS;
	default:
		res = sim_pta_stop(ta->plat, ctx->rproc_id);
		if (!res) {
			if (st && sim_pta_clean(ta->plat, ctx->rproc_id))
				sim_ta_msg("assertion '!res' failed (PTA CLEAN)");
			ctx->state = SIM_OFF;
		}
		return res;
	}
}

/* remoteproc_release_fw() (4.9.0 only) */
static u32 cmd_release(struct sim_ta *ta, struct sim_ta_ctx *ctx)
{
	u32 res;

	if (ctx->state == SIM_STARTED)
		return TEE_ERROR_BAD_STATE;
	res = sim_pta_release(ta->plat, ctx->rproc_id);
	if (!res)
		ctx->state = SIM_OFF;
	return res;
}

/* TA_InvokeCommandEntryPoint() */
u32 sim_ta_invoke(struct sim_ta *ta, u32 cmd, struct tee_param *p,
		  const u8 *img, size_t img_size)
{
	bool upstream = ta->cfg->ta == SIM_TA_UPSTREAM;
	struct sim_ta_ctx *ctx;

	switch (cmd) {
	case SIM_TA_CMD_LOAD_FW:
		return cmd_load(ta, p, img, img_size);
	case SIM_TA_CMD_START_FW:
	case SIM_TA_CMD_STOP_FW:
		if (!types_are(p, P_VAL_IN, P_NONE, P_NONE, P_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		break;
	case SIM_TA_CMD_GET_RSC_TABLE:
		if (!types_are(p, P_VAL_IN, P_VAL_OUT, P_VAL_OUT, P_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		break;
	case SIM_TA_CMD_GET_COREDUMP:
		return TEE_ERROR_NOT_IMPLEMENTED;
	case SIM_TA_CMD_RELEASE_FW:
		if (!upstream)
			return TEE_ERROR_BAD_PARAMETERS;	/* no such command */
		if (!types_are(p, P_VAL_IN, P_NONE, P_NONE, P_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	ctx = find_ctx(ta, p[0].u.value.a);
	if (!ctx)
		return TEE_ERROR_BAD_PARAMETERS;	/* no LOAD_FW yet */

	switch (cmd) {
	case SIM_TA_CMD_START_FW:
		return cmd_start(ta, ctx);
	case SIM_TA_CMD_STOP_FW:
		return cmd_stop(ta, ctx);
	case SIM_TA_CMD_RELEASE_FW:
		return cmd_release(ta, ctx);
	default:	/* remoteproc_get_rsc_table() */
		if (ctx->state == SIM_OFF)
			return TEE_ERROR_BAD_STATE;
		p[1].u.value.a = lower_32_bits(ctx->rsc_pa);
		p[1].u.value.b = upper_32_bits(ctx->rsc_pa);
		p[2].u.value.a = lower_32_bits(ctx->rsc_size);
		p[2].u.value.b = upper_32_bits(ctx->rsc_size);
		return TEE_SUCCESS;
	}
}

/*
 * TA_OpenSessionEntryPoint(): one VALUE_INPUT, the rproc id; the first
 * session opens the PTA session, whose open checks the id.  libutee keeps
 * a struct ta_session on the TA heap for every session; the first session
 * creates the instance and its heap (init_instance()).
 */
u32 sim_ta_open_session(struct sim_ta *ta, const struct tee_param *p)
{
	u32 res;

	if (!ta->instance) {
		heap_init(&ta->heap, ta->cfg->ta_heap);
		ta->instance = true;
	}
	if (!sim_heap_alloc(&ta->heap, SZ_TA_SESSION))
		return TEE_ERROR_OUT_OF_MEMORY;
	if (!types_are(p, P_VAL_IN, P_NONE, P_NONE, P_NONE)) {
		res = TEE_ERROR_BAD_PARAMETERS;
		goto err;
	}
	if (!ta->session_refcount) {
		res = sim_pta_open_session(ta->plat, p[0].u.value.a);
		if (res)
			goto err;
	}
	ta->session_refcount++;
	return TEE_SUCCESS;
err:
	sim_heap_free(&ta->heap, SZ_TA_SESSION);
	return res;
}

/* TA_CloseSessionEntryPoint() */
void sim_ta_close_session(struct sim_ta *ta)
{
	if (ta->session_refcount)
		ta->session_refcount--;
	sim_heap_free(&ta->heap, SZ_TA_SESSION);
}
