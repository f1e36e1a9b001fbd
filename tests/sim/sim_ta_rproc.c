// SPDX-License-Identifier: GPL-2.0
/*
 * The remoteproc trusted application and its platform PTA, emulated.
 *
 * Written from the project's notes on the OP-TEE remoteproc TA (the checks,
 * their order and their result codes), independently of the project's image
 * library: this is the reference the library is tested against, so it must
 * not share code with it.
 *
 * Three generations:
 *  - upstream: OP-TEE >= 4.2 ta/remoteproc with the stm32mp PTA (F3 images,
 *    platform TLVs ignored, reload of a LOADED firmware is a no-op, RSA
 *    only);
 *  - st: ST 4.0.0-stm32mp (F3 images, HASHTYPE required, BOOTADDR/BOOTSEC
 *    platform TLVs, any non-OFF state refuses a load, START on the MP25 M33
 *    needs a boot address);
 *  - legacy: ST 3.9 ... 3.19.0-r1.1 (F1 images with the 56-byte header).
 */
#define pr_fmt(fmt) "sim_optee: " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/tee.h>
#include <linux/elf.h>
#include <crypto/sha2.h>

#include "sim_optee.h"

#define R8(x)		(((u64)(x) + 7) & ~(u64)7)
#define HDR_LEN		20
#define F3_MAGIC	0x3543A468
#define F1_HDR_LEN	56

#define TLV_SIGNTYPE	0x01
#define TLV_HASHTYPE	0x02
#define TLV_NUM_IMG	0x03
#define TLV_IMGTYPE	0x04
#define TLV_IMGSIZE	0x05
#define TLV_ENCTYPE	0x06
#define TLV_HASHTABLE	0x10
#define TLV_PLAT_MIN	0x10000
#define TLV_PLAT_MAX	0x1FFFF
#define TLV_BOOTADDR	0x10001
#define TLV_BOOTSEC	0x10002

#define SEG_ENTRY_LEN	64	/* Elf32_Phdr + SHA-256 */
#define PT_LOAD_T	1

#define ATTR(p)		((p).attr & TEE_IOCTL_PARAM_ATTR_TYPE_MASK)
#define P_NONE		TEE_IOCTL_PARAM_ATTR_TYPE_NONE
#define P_VAL_IN	TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT
#define P_VAL_OUT	TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT
#define P_MEM_IN	TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT

static u32 rd32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u16 rd16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

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

static bool types_are(const struct tee_param *p, u64 t0, u64 t1, u64 t2,
		      u64 t3)
{
	return ATTR(p[0]) == t0 && ATTR(p[1]) == t1 && ATTR(p[2]) == t2 &&
	       ATTR(p[3]) == t3;
}

/* PTA: is [da, da + size) inside one memory region OP-TEE declares? */
static bool da_ok(const struct sim_optee_cfg *cfg, u32 id, u32 da, u64 size)
{
	unsigned int i;

	for (i = 0; i < cfg->num_mems[id]; i++) {
		const struct sim_mem_range *m = &cfg->mems[id][i];

		if (da >= m->da && (u64)da + size <= (u64)m->da + m->size)
			return true;
	}
	return false;
}

/* ---- F3 container ------------------------------------------------------ */

struct f3 {
	const u8 *img;
	size_t size;
	u32 tlv_len, sign_len, img_len;
	const u8 *tlv;
};

/* First TLV of @type; NULL when absent.  Records are 8-byte aligned. */
static const u8 *f3_tlv(const struct f3 *f, u32 type, u32 *len)
{
	u64 off = 0;

	while (off + 8 <= f->tlv_len) {
		u32 t = rd32(f->tlv + off), l = rd32(f->tlv + off + 4);

		if (off + 8 + l > f->tlv_len)
			return NULL;
		if (t == type) {
			*len = l;
			return f->tlv + off + 8;
		}
		off += 8 + R8(l);
	}
	return NULL;
}

/* e32_parse_ehdr: the ELF header checks of the TA's ELF parser. */
static u32 elf_check_ehdr(const u8 *e, u64 size, bool legacy)
{
	if (!e || ((uintptr_t)e & 3)) {
		sim_ta_msg("Invalid firmware address");
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (size < 52)
		return TEE_ERROR_BAD_FORMAT;
	if (size < (u64)rd32(e + 32) + 40)	/* e_shoff */
		return legacy ? TEE_ERROR_CORRUPT_OBJECT : TEE_ERROR_BAD_FORMAT;
	if (memcmp(e, ELFMAG, SELFMAG) || e[4] != 1 /* ELFCLASS32 */ ||
	    e[6] != 1 || rd32(e + 20) != 1 /* EV_CURRENT */ ||
	    rd16(e + 42) != 32 || rd16(e + 46) != 40) {
		sim_ta_msg("Invalid header");
		return TEE_ERROR_BAD_FORMAT;
	}
	if (!rd16(e + 44)) {
		sim_ta_msg("No loadable segment found");
		return TEE_ERROR_BAD_FORMAT;
	}
	return TEE_SUCCESS;
}

/* First hash-table entry whose p_paddr is @paddr. */
static const u8 *seg_entry(const u8 *table, u32 table_len, u32 paddr)
{
	u32 off;

	for (off = 0; off + SEG_ENTRY_LEN <= table_len; off += SEG_ENTRY_LEN)
		if (rd32(table + off + 12) == paddr)
			return table + off;
	return NULL;
}

/* PTA LOAD_SEGMENT_SHA256 + SET_MEMORY. */
static u32 pta_load_segment(const struct sim_optee_cfg *cfg, u32 id,
			    const u8 *src, u32 paddr, u32 filesz, u32 memsz,
			    const u8 *hash)
{
	u8 digest[SHA256_DIGEST_SIZE];

	if (filesz) {
		if (!da_ok(cfg, id, paddr, filesz))
			return TEE_ERROR_ACCESS_DENIED;
		/*
		 * The PTA copies the bytes into the coprocessor memory and
		 * hashes the copy; the emulation hashes the source (the same
		 * bytes) and leaves the "memory" alone.
		 */
		sha256(src, filesz, digest);
		if (memcmp(digest, hash, sizeof(digest)))
			return TEE_ERROR_SECURITY;
	}
	if (memsz > filesz && !da_ok(cfg, id, paddr + filesz, memsz - filesz)) {
		sim_ta_msg("Fails to clear segment, res = %#x",
			   TEE_ERROR_ACCESS_DENIED);
		return TEE_ERROR_ACCESS_DENIED;
	}
	return TEE_SUCCESS;
}

/* Optional ".resource_table" section: the TA validates and translates it. */
static u32 elf_check_rsc_table(const struct sim_optee_cfg *cfg, u32 id,
			       const u8 *e, u64 size)
{
	u32 shoff = rd32(e + 32);
	u16 shnum = rd16(e + 48), shstrndx = rd16(e + 50);
	const u8 *strsh;
	bool found = false;
	u32 i;

	if (!shnum || shstrndx >= shnum ||
	    (u64)shoff + (u64)shnum * 40 > size)
		return TEE_SUCCESS;	/* no usable section table: no table */
	strsh = e + shoff + shstrndx * 40;
	for (i = 0; i < shnum; i++) {
		const u8 *sh = e + shoff + i * 40;
		u64 name = (u64)rd32(strsh + 16) + rd32(sh);
		u32 off = rd32(sh + 16), sz = rd32(sh + 20), addr = rd32(sh + 12);
		const u8 *t;

		if (name + sizeof(".resource_table") > size ||
		    memcmp(e + name, ".resource_table", sizeof(".resource_table")))
			continue;
		if (found) {
			sim_ta_msg("More than one resource table found");
			return TEE_ERROR_BAD_FORMAT;
		}
		found = true;
		if ((u64)off + sz > size || sz < 16) {
			sim_ta_msg("Resource table truncated");
			return TEE_ERROR_BAD_FORMAT;
		}
		t = e + off;
		if (rd32(t) != 1) {
			sim_ta_msg("Unsupported firmware version %u", rd32(t));
			return TEE_ERROR_BAD_FORMAT;
		}
		if (rd32(t + 8) || rd32(t + 12)) {
			sim_ta_msg("Non zero reserved bytes");
			return TEE_ERROR_BAD_FORMAT;
		}
		if (16 + (u64)rd32(t + 4) * 4 > sz) {
			sim_ta_msg("Resource table incomplete");
			return TEE_ERROR_BAD_FORMAT;
		}
		if (!da_ok(cfg, id, addr, sz)) {
			sim_ta_msg("Failed to translate device address %#x",
				   addr);
			return TEE_ERROR_ACCESS_DENIED;
		}
	}
	return TEE_SUCCESS;
}

/* Load the PT_LOAD segments of one ELF image against the hash table. */
static u32 load_one_elf(const struct sim_optee_cfg *cfg, u32 id,
			const u8 *e, u64 size, const u8 *table, u32 table_len,
			bool legacy)
{
	u32 phoff = rd32(e + 28);
	u16 phnum = rd16(e + 44), i;
	u32 res;

	if ((u64)phoff + (u64)phnum * 32 > size)
		return legacy ? TEE_ERROR_CORRUPT_OBJECT : TEE_ERROR_BAD_FORMAT;
	for (i = 0; i < phnum; i++) {
		const u8 *ph = e + phoff + i * 32, *ent;
		u32 off = rd32(ph + 4), paddr = rd32(ph + 12);
		u32 filesz = rd32(ph + 16), memsz = rd32(ph + 20);

		if (rd32(ph) != PT_LOAD_T)
			continue;
		if ((u64)off + filesz > size)
			return legacy ? TEE_ERROR_CORRUPT_OBJECT :
					TEE_ERROR_BAD_FORMAT;
		sim_ta_msg("Load segment %#x size %u (%u)", paddr, filesz,
			   memsz);
		ent = seg_entry(table, table_len, paddr);
		if (!ent)
			return TEE_ERROR_NO_DATA;
		if (rd32(ent) != PT_LOAD_T || rd32(ent + 16) != filesz ||
		    rd32(ent + 20) != memsz ||
		    (legacy && rd32(ent + 4) != off))
			return legacy ? TEE_ERROR_CORRUPT_OBJECT :
					TEE_ERROR_BAD_PARAMETERS;
		res = pta_load_segment(cfg, id, e + off, paddr, filesz, memsz,
				       ent + 32);
		if (res) {
			sim_ta_msg("Fails to load segment, res = 0x%#x", res);
			return res;
		}
	}
	if (legacy)
		return TEE_SUCCESS;
	return elf_check_rsc_table(cfg, id, e, size);
}

static u32 f3_authenticate(const struct sim_optee_cfg *cfg,
			   struct sim_rproc *rp, const struct f3 *f)
{
	struct sha256_state st;
	u8 digest[SHA256_DIGEST_SIZE];
	const u8 *v;
	u32 len, res;
	u64 off;

	/* remoteproc_verify_signature */
	v = f3_tlv(f, TLV_SIGNTYPE, &len);
	if (!v || len != 1)
		return TEE_ERROR_BAD_PARAMETERS;
	if (v[0] != 1 && v[0] != 2) {
		sim_ta_msg("Unsupported signature type %d", v[0]);
		return TEE_ERROR_NOT_SUPPORTED;
	}
	sha256_init(&st);
	sha256_update(&st, f->img, HDR_LEN);
	sha256_update(&st, f->tlv, R8(f->tlv_len));
	sha256_final(&st, digest);
	if (v[0] == 2) {
		/*
		 * The PTA verifies RSASSA-PKCS1-v1_5-SHA256 only (ST:
		 * ECDSA only with CFG_REMOTEPROC_PUB_KEY_VERIFY=y, which
		 * the emulation does not model).
		 */
		res = TEE_ERROR_NOT_SUPPORTED;
	} else {
		res = sim_key_verify_rsa_sha256(digest,
						f->tlv + R8(f->tlv_len),
						f->sign_len);
	}
	if (res) {
		sim_ta_msg("Failed to verify signature, res = %#x", res);
		return res;
	}
	if (cfg->ta != SIM_TA_ST)
		return TEE_SUCCESS;

	/* ST: get_tlv_hash_type */
	v = f3_tlv(f, TLV_HASHTYPE, &len);
	if (!v)
		return TEE_ERROR_NO_DATA;
	if (len != 1)
		return TEE_ERROR_BAD_PARAMETERS;
	if (v[0] != 1) {
		sim_ta_msg("Invalid hash ID %#x", v[0]);
		return TEE_ERROR_NOT_SUPPORTED;
	}
	/* ST: remoteproc_set_platform_tlv, every platform TLV in order */
	for (off = 0; off + 8 <= f->tlv_len;) {
		u32 t = rd32(f->tlv + off), l = rd32(f->tlv + off + 4);

		if (off + 8 + l > f->tlv_len)
			break;
		v = f->tlv + off + 8;
		off += 8 + R8(l);
		if (t < TLV_PLAT_MIN || t > TLV_PLAT_MAX)
			continue;
		if (t != TLV_BOOTADDR && t != TLV_BOOTSEC)
			return TEE_ERROR_NOT_IMPLEMENTED;
		if (l != 4)
			return TEE_ERROR_CORRUPT_OBJECT;
		if (t == TLV_BOOTSEC) {
			rp->boot_sec = true;
			continue;
		}
		if (rp->boot_addr_set) {
			sim_ta_msg("Firmware boot address already set");
			return TEE_ERROR_GENERIC;
		}
		rp->boot_addr = rd32(v);
		rp->boot_addr_set = true;
	}
	return TEE_SUCCESS;
}

static u32 f3_load_elf(const struct sim_optee_cfg *cfg, u32 id,
		       const struct f3 *f)
{
	const u8 *images = f->tlv + R8(f->tlv_len) + R8(f->sign_len);
	const u8 *table, *v, *types, *sizes;
	u32 table_len, len, n, i, res;
	u64 base = 0;

	res = elf_check_ehdr(images, f->img_len, false);
	if (res) {
		sim_ta_msg("Failed to parse firmware, res = %#x", res);
		return res;
	}
	if (cfg->ta == SIM_TA_ST) {
		v = f3_tlv(f, TLV_ENCTYPE, &len);
		if (v && len != 1)
			return TEE_ERROR_BAD_PARAMETERS;
		if (v && v[0] == 1)
			sim_ta_msg("Decryption not supported!");
		else if (v)
			sim_ta_msg("Unsupported encryption type %d", v[0]);
		if (v)
			return TEE_ERROR_NOT_SUPPORTED;
	}
	table = f3_tlv(f, TLV_HASHTABLE, &table_len);
	if (!table)
		return TEE_ERROR_NO_DATA;
	if (table_len % SEG_ENTRY_LEN)
		return TEE_ERROR_BAD_PARAMETERS;
	if (HDR_LEN + R8(f->tlv_len) + R8(f->sign_len) + table_len >
	    cfg->ta_heap)
		return TEE_ERROR_OUT_OF_MEMORY;
	v = f3_tlv(f, TLV_NUM_IMG, &len);
	if (!v)
		return TEE_ERROR_NO_DATA;
	if (len != 1)
		return TEE_ERROR_BAD_FORMAT;
	n = v[0];
	if (!n)
		return TEE_ERROR_NO_DATA;
	types = f3_tlv(f, TLV_IMGTYPE, &len);
	if (!types)
		return TEE_ERROR_NO_DATA;
	if (len != n)
		return TEE_ERROR_BAD_PARAMETERS;
	sizes = f3_tlv(f, TLV_IMGSIZE, &len);
	if (!sizes)
		return TEE_ERROR_NO_DATA;
	if (len != 4 * n)
		return TEE_ERROR_BAD_PARAMETERS;
	for (i = 0; i < n; i++) {
		u32 isz = rd32(sizes + 4 * i);

		if (types[i] != 1)
			return TEE_ERROR_BAD_FORMAT;
		if (base + isz > f->img_len)
			return TEE_ERROR_BAD_FORMAT;
		res = elf_check_ehdr(images + base, isz, false);
		if (!res)
			res = load_one_elf(cfg, id, images + base, isz, table,
					   table_len, false);
		if (res)
			return res;
		base += isz;
	}
	return TEE_SUCCESS;
}

static u32 load_f3(const struct sim_optee_cfg *cfg, struct sim_rproc *rp,
		   u32 id, const u8 *img, size_t size)
{
	struct f3 f = { .img = img, .size = size };
	u64 meta;
	u32 res;

	/* remoteproc_save_fw_header_and_tlvs */
	if ((uintptr_t)img & 3 || size < HDR_LEN)
		return TEE_ERROR_BAD_PARAMETERS;
	f.tlv_len = rd32(img + 8);
	f.sign_len = rd32(img + 12);
	f.img_len = rd32(img + 16);
	f.tlv = img + HDR_LEN;
	sim_ta_msg("magic %#x version %u tlv_len %#x sign_len %#x img_len %#x",
		   rd32(img), rd32(img + 4), f.tlv_len, f.sign_len, f.img_len);
	meta = HDR_LEN + R8(f.tlv_len) + R8(f.sign_len);
	if (meta > U32_MAX || size <= meta || !f.sign_len || !f.tlv_len)
		return TEE_ERROR_BAD_PARAMETERS;
	if (meta > cfg->ta_heap)
		return TEE_ERROR_OUT_OF_MEMORY;
	/* remoteproc_verify_header */
	if (rd32(img) != F3_MAGIC || rd32(img + 4) != 1 ||
	    size != meta + R8(f.img_len))
		return TEE_ERROR_BAD_PARAMETERS;

	res = f3_authenticate(cfg, rp, &f);
	if (res) {
		sim_ta_msg("Can't Authenticate the firmware (res = %#x)", res);
		return res;
	}
	return f3_load_elf(cfg, id, &f);
}

/* ---- F1 container (legacy TA) ------------------------------------------ */

static u32 load_f1(const struct sim_optee_cfg *cfg, u32 id, const u8 *img,
		   size_t size)
{
	u32 w[14], i, res;
	u8 digest[SHA256_DIGEST_SIZE];
	const u8 *e;

	if (size <= F1_HDR_LEN)
		return TEE_ERROR_CORRUPT_OBJECT;
	for (i = 0; i < 14; i++)
		w[i] = rd32(img + 4 * i);
	/* w: magic version hdr_len sign_len sign_off sign_type ph_len ph_off
	 *    ph_type key_len key_off img_len img_off img_type
	 */
	if (w[0] != F3_MAGIC || w[1] != 1 || size <= w[2])
		return TEE_ERROR_CORRUPT_OBJECT;
	if ((u64)w[2] != F1_HDR_LEN + (u64)w[3] + w[6] + w[9] +
			 (w[3] % 8 + w[6] % 8 + w[9] % 8))
		return TEE_ERROR_CORRUPT_OBJECT;
	if ((u64)w[4] + w[3] > w[2] || (u64)w[7] + w[6] > w[2] ||
	    (u64)w[10] + w[9] > w[2])
		return TEE_ERROR_CORRUPT_OBJECT;
	if (w[6] % SEG_ENTRY_LEN)
		return TEE_ERROR_CORRUPT_OBJECT;
	if (w[5] != 1 && w[5] != 2)
		return TEE_ERROR_NOT_SUPPORTED;
	/* Legacy PTA: firmware id 0 only, RSA only. */
	if (id != 0 || w[5] != 1)
		return TEE_ERROR_NOT_SUPPORTED;
	sha256(img, w[4], digest);
	res = sim_key_verify_rsa_sha256(digest, img + w[4], w[3]);
	if (res)
		return res;
	if ((u64)w[12] + w[11] > size)
		return TEE_ERROR_CORRUPT_OBJECT;
	e = img + w[12];
	res = elf_check_ehdr(e, w[11], true);
	if (res)
		return res;
	return load_one_elf(cfg, id, e, w[11], img + w[7], w[6], true);
}

/* ---- commands ---------------------------------------------------------- */

static u32 cmd_load(const struct sim_optee_cfg *cfg, struct sim_rproc *rp,
		    struct sim_ta_call *c)
{
	u32 id = c->params[0].u.value.a, res;

	if (!types_are(c->params, P_VAL_IN, P_MEM_IN, P_NONE, P_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	if (cfg->ta == SIM_TA_UPSTREAM && rp->state == SIM_LOADED)
		return TEE_SUCCESS;	/* re-entrant load (OP-TEE >= 4.2) */
	if (rp->state != SIM_OFF)
		return TEE_ERROR_BAD_STATE;
	if (!c->img || !c->img_size)
		return TEE_ERROR_BAD_PARAMETERS;
	sim_ta_msg("Got base addr: %p size %#zx", c->img, c->img_size);
	/* PTA HW_CAPABILITIES: the id must be a registered rproc. */
	if (id >= SIM_MAX_RPROC || !test_bit(id, &cfg->secure_ids))
		return TEE_ERROR_NOT_SUPPORTED;

	if (cfg->ta == SIM_TA_LEGACY)
		res = load_f1(cfg, id, c->img, c->img_size);
	else
		res = load_f3(cfg, rp, id, c->img, c->img_size);
	if (res) {
		/* ST: PTA CLEAN after a failure; the boot address is lost. */
		rp->boot_addr_set = false;
		rp->boot_sec = false;
		return res;
	}
	rp->state = SIM_LOADED;
	return TEE_SUCCESS;
}

static u32 cmd_start(const struct sim_optee_cfg *cfg, struct sim_rproc *rp,
		     u32 id)
{
	if (rp->state == SIM_OFF)
		return TEE_ERROR_BAD_STATE;
	if (rp->state == SIM_STARTED)
		return TEE_SUCCESS;
	/* PTA START: the MP25 M33 reset vector comes from BOOTADDR. */
	if (cfg->ta == SIM_TA_ST && id == 1) {
		if (!rp->boot_addr_set)
			return TEE_ERROR_GENERIC;
		if (!da_ok(cfg, id, rp->boot_addr, 4)) {
			sim_ta_msg("Invalid boot address");
			return TEE_ERROR_GENERIC;
		}
	}
	rp->state = SIM_STARTED;
	return TEE_SUCCESS;
}

static u32 cmd_stop(struct sim_rproc *rp)
{
	if (rp->state == SIM_LOADED)
		return TEE_ERROR_BAD_STATE;
	rp->state = SIM_OFF;
	rp->boot_addr_set = false;
	rp->boot_sec = false;
	return TEE_SUCCESS;
}

u32 sim_ta_invoke(const struct sim_optee_cfg *cfg, struct sim_rproc *rp,
		  struct sim_ta_call *c)
{
	struct tee_param *p = c->params;
	u32 id = p[0].u.value.a;

	if (c->cmd == SIM_TA_CMD_LOAD_FW)
		return cmd_load(cfg, rp, c);

	switch (c->cmd) {
	case SIM_TA_CMD_START_FW:
	case SIM_TA_CMD_STOP_FW:
	case SIM_TA_CMD_RELEASE_FW:
		if (!types_are(p, P_VAL_IN, P_NONE, P_NONE, P_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		break;
	case SIM_TA_CMD_GET_RSC_TABLE:
		if (!types_are(p, P_VAL_IN, P_VAL_OUT, P_VAL_OUT, P_NONE))
			return TEE_ERROR_BAD_PARAMETERS;
		break;
	case SIM_TA_CMD_GET_COREDUMP:
		return TEE_ERROR_NOT_IMPLEMENTED;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	if (id >= SIM_MAX_RPROC || !test_bit(id, &cfg->secure_ids))
		return TEE_ERROR_BAD_PARAMETERS;

	switch (c->cmd) {
	case SIM_TA_CMD_START_FW:
		return cmd_start(cfg, rp, id);
	case SIM_TA_CMD_STOP_FW:
		return cmd_stop(rp);
	case SIM_TA_CMD_GET_RSC_TABLE:
		if (rp->state == SIM_OFF)
			return TEE_ERROR_BAD_STATE;
		/*
		 * The emulated coprocessor memories are not physical memory
		 * Linux could map, so the TA reports "no resource table"
		 * (0/0), which the TA also does for an image without one.
		 */
		p[1].u.value.a = 0;
		p[1].u.value.b = 0;
		p[2].u.value.a = 0;
		p[2].u.value.b = 0;
		return TEE_SUCCESS;
	case SIM_TA_CMD_RELEASE_FW:
		if (cfg->ta != SIM_TA_UPSTREAM)
			return TEE_ERROR_BAD_PARAMETERS;
		if (rp->state == SIM_STARTED)
			return TEE_ERROR_BAD_STATE;
		rp->state = SIM_OFF;
		return TEE_SUCCESS;
	}
	return TEE_ERROR_BAD_PARAMETERS;
}
