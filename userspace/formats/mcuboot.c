// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * MCUboot images (imgtool format): header, protected and unprotected TLV
 * areas, image hash, signatures against candidate keys, KEYHASH/PUBKEY,
 * boot record (measured boot) and the slot trailer.
 */
#include <stdlib.h>
#include <string.h>

#include "formats/priv.h"
#include "common/json.h"

#define MCUBOOT_HDR	32
#define TLV_PROT_MAGIC	0x6908
#define TLV_MAGIC	0x6907
#define MAX_TLVS	128

enum {
	T_KEYHASH = 0x01, T_PUBKEY = 0x02, T_SHA256 = 0x10, T_SHA384 = 0x11, T_SHA512 = 0x12,
	T_RSA2048 = 0x20, T_ECDSA224 = 0x21, T_ECDSA = 0x22, T_RSA3072 = 0x23, T_ED25519 = 0x24,
	T_SIG_PURE = 0x25, T_DEPENDENCY = 0x40, T_SEC_CNT = 0x50, T_BOOT_RECORD = 0x60,
};

static const struct { uint16_t type; const char *name; } tlv_names[] = {
	{ 0x01, "KEYHASH" }, { 0x02, "PUBKEY" }, { 0x10, "SHA256" }, { 0x11, "SHA384" },
	{ 0x12, "SHA512" }, { 0x20, "RSA2048_PSS" }, { 0x21, "ECDSA224" }, { 0x22, "ECDSA_SIG" },
	{ 0x23, "RSA3072_PSS" }, { 0x24, "ED25519" }, { 0x25, "SIG_PURE" }, { 0x30, "ENC_RSA2048" },
	{ 0x31, "ENC_KW" }, { 0x32, "ENC_EC256" }, { 0x33, "ENC_X25519" },
	{ 0x34, "ENC_X25519_SHA512" }, { 0x40, "DEPENDENCY" }, { 0x50, "SEC_CNT" },
	{ 0x60, "BOOT_RECORD" }, { 0x70, "DECOMP_SIZE" }, { 0x71, "DECOMP_SHA" },
	{ 0x72, "DECOMP_SIGNATURE" }, { 0x73, "COMP_DEC_SIZE" }, { 0x74, "UUID_VID" },
	{ 0x75, "UUID_CID" },
};

/* unprotected TLVs MCUboot's allow-list accepts */
static bool allowed_unprotected(uint16_t t)
{
	return t == T_KEYHASH || t == T_PUBKEY || t == T_SHA256 || t == T_SHA384 ||
	       t == T_SHA512 || (t >= 0x20 && t <= 0x25) || (t >= 0x30 && t <= 0x34);
}

static const char *tlv_name(uint16_t t)
{
	size_t i;

	for (i = 0; i < sizeof(tlv_names) / sizeof(tlv_names[0]); i++)
		if (tlv_names[i].type == t)
			return tlv_names[i].name;
	if ((t & 0xff) >= 0xA0)
		return "vendor-reserved";
	return "unknown";
}

struct tlv {
	bool prot;
	uint16_t type, len;
	size_t off;			/* of the value */
};

struct mcu {
	const uint8_t *buf;
	size_t len;
	uint16_t hdr_size, prot_size;
	uint32_t img_size, flags;
	size_t tlv_off, end;		/* TLV areas start / end */
	unsigned int ntlv;
	struct tlv t[MAX_TLVS];
	const struct tlv *hash;		/* the hash TLV */
	const char *md;
	size_t hlen;
	uint8_t dgst[64];
	bool hash_ok;
	bool pure_nohash;		/* SIG_PURE without a hash TLV: signatures still checkable */
	EVP_PKEY *signer;		/* key that verified a signature (not owned) */
	const char *signer_src;
};

static const struct tlv *find(const struct mcu *m, uint16_t type)
{
	unsigned int i;

	for (i = 0; i < m->ntlv; i++)
		if (m->t[i].type == type)
			return &m->t[i];
	return NULL;
}

static void flags_str(uint32_t f, char *buf, size_t size)
{
	static const struct { uint32_t bit; const char *name; } fl[] = {
		{ 0x1, "PIC" }, { 0x4, "ENCRYPTED_AES128" }, { 0x8, "ENCRYPTED_AES256" },
		{ 0x10, "NON_BOOTABLE" }, { 0x20, "RAM_LOAD" }, { 0x100, "ROM_FIXED" },
		{ 0x200, "COMPRESSED_LZMA1" }, { 0x400, "COMPRESSED_LZMA2" },
		{ 0x800, "COMPRESSED_ARM_THUMB_FLT" },
	};
	size_t i, o = 0;

	buf[0] = 0;
	for (i = 0; i < sizeof(fl) / sizeof(fl[0]); i++)
		if ((f & fl[i].bit) && o < size)
			o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? " " : "", fl[i].name);
	if (!buf[0])
		snprintf(buf, size, "none");
}

/* Walk one TLV area; false if its structure is broken. */
static bool walk_area(struct mcu *m, size_t start, size_t tot, bool prot, struct rep *r)
{
	size_t off = start + 4, end = start + tot;

	while (off < end) {
		uint16_t type, l;

		if (off + 4 > end) {
			rep_verdict(r, "tlv-area", false,
				    "%s TLV area: %zu stray bytes at 0x%zx, too short for a TLV header",
				    prot ? "protected" : "unprotected", end - off, off);
			return false;
		}
		type = get_le16(m->buf + off);
		l = get_le16(m->buf + off + 2);
		if (l > end - off - 4) {
			rep_length(r, "tlv-area", off + 4 + (uint64_t)l, end,
				   "%s TLV 0x%02x (%s) at 0x%zx has length %u, past the end of its area (it ends at %llu, the area at %zu)",
				   prot ? "protected" : "unprotected", type, tlv_name(type), off, l,
				   off + 4 + (unsigned long long)l, end);
			return false;
		}
		if (m->ntlv < MAX_TLVS) {
			m->t[m->ntlv].prot = prot;
			m->t[m->ntlv].type = type;
			m->t[m->ntlv].len = l;
			m->t[m->ntlv].off = off + 4;
			m->ntlv++;
		}
		off += 4 + (size_t)l;
	}
	return true;
}

static void dump_tlvs(struct mcu *m, const struct fmt_opts *o, struct rep *r)
{
	unsigned int i;

	rep_arr(r, "tlvs");
	for (i = 0; i < m->ntlv; i++) {
		const struct tlv *t = &m->t[i];
		const uint8_t *v = m->buf + t->off;

		const char *area = t->prot ? "protected" : "unprotected";

		rep_open(r, NULL, '{', "%*s%-11s 0x%02x %-17s len %u", r->depth * 2, "", area,
			 t->type, tlv_name(t->type), t->len);
		rep_put(r, "area", rv_str(area), NULL);
		rep_put(r, "type", rv_u64(t->type), NULL);
		rep_put(r, "name", rv_str(tlv_name(t->type)), NULL);
		rep_put(r, "length", rv_u64(t->len), NULL);
		rep_put(r, "offset", rv_u64(t->off - 4), NULL);
		if (t->type == T_SEC_CNT && t->len == 4)
			rep_put(r, "security_counter", rv_u64(get_le32(v)), " = %u", get_le32(v));
		if (t->type == T_DEPENDENCY && t->len >= 12) {
			char ver[48];

			snprintf(ver, sizeof(ver), "%u.%u.%u+%u", v[4], v[5], get_le16(v + 6),
				 get_le32(v + 8));
			rep_put(r, "image_id", rv_u64(v[0]), " = image %u >= %s", v[0], ver);
			rep_put(r, "min_version", rv_str(ver), NULL);
		}
		rep_put(r, "value", rv_hex(v, t->len), NULL);
		if (!rep_is_json(r) && ((o && o->verbose) || t->len <= 64)) {
			rep_text(r, "%s", t->len ? " : " : "");
			for (unsigned int k = 0; k < t->len; k++)
				rep_text(r, "%02x", v[k]);
		}
		rep_text(r, "\n");
		rep_close(r, '}');
	}
	rep_arr_end(r);
}

/* ---- hash ------------------------------------------------------------ */

static void check_hash(struct mcu *m, struct rep *r)
{
	size_t covered = (size_t)m->hdr_size + m->img_size + m->prot_size;
	const struct tlv *h = NULL;
	unsigned int i, nh = 0;
	uint8_t alt[64];

	for (i = 0; i < m->ntlv; i++)
		if (m->t[i].type >= T_SHA256 && m->t[i].type <= T_SHA512) {
			h = &m->t[i];
			nh++;
		}
	if (covered > m->len) {
		rep_length(r, "image-hash", covered, m->len,
			   "the hashed range [0x0, 0x%zx) (header + payload + ih_protect_tlv_size) runs past the end of the 0x%zx-byte file",
			   covered, m->len);
		rep_cause(r, false, "mcuboot-protected-size",
			  "ih_protect_tlv_size (0x%x) does not describe the file: re-sign with imgtool", m->prot_size);
		return;
	}
	if (!h && find(m, T_SIG_PURE)) {
		m->pure_nohash = true;
		m->md = "SHA512";
		m->hlen = 64;
		rep_verdict(r, "hash-tlv", true,
			    "no hash TLV, but SIG_PURE: the signature covers [0x0, 0x%zx) itself", covered);
		return;
	}
	if (!h) {
		rep_verdict(r, "hash-tlv", false, "no SHA256/SHA384/SHA512 TLV: MCUboot has nothing to check the image against");
		rep_cause(r, false, "mcuboot-no-hash", "sign the image with imgtool sign (it always adds the hash TLV)");
		return;
	}
	m->hash = h;
	m->md = h->type == T_SHA256 ? "SHA256" : h->type == T_SHA384 ? "SHA384" : "SHA512";
	m->hlen = h->type == T_SHA256 ? 32 : h->type == T_SHA384 ? 48 : 64;
	if (nh > 1)
		rep_verdict(r, "hash-tlv", false, "%u hash TLVs; MCUboot expects exactly one", nh);
	if (h->len != m->hlen) {
		rep_verdict(r, "hash-tlv", false, "%s TLV is %u bytes, expected %zu", tlv_name(h->type), h->len, m->hlen);
		rep_cause(r, false, "mcuboot-hash-length", "the hash TLV has the wrong length: re-sign with imgtool");
		return;
	}
	if (h->prot)
		rep_verdict(r, "hash-tlv", false, "the hash TLV sits in the protected area; MCUboot looks for it in the unprotected area");
	fmt_digest(m->md, m->buf, covered, NULL, 0, m->dgst);
	rep_obj(r, "hash");
	rep_str(r, "algorithm", m->md);
	rep_strf(r, "covered_range", "[0x0, 0x%zx)", covered);
	rep_hex(r, "computed", m->dgst, m->hlen);
	rep_hex(r, "stored", m->buf + h->off, m->hlen);
	rep_obj_end(r);
	m->hash_ok = !memcmp(m->dgst, m->buf + h->off, m->hlen);
	if (m->flags & 0xC) {
		rep_verdict(r, "image-hash", true,
			    "encrypted image (flags 0x%x): MCUboot hashes the plaintext, which this tool cannot decrypt; hash %s over the ciphertext",
			    m->flags, m->hash_ok ? "also matches" : "not comparable");
		m->hash_ok = true;	/* cannot tell; signature check uses the stored hash */
		r->not_verified = true;
		memcpy(m->dgst, m->buf + h->off, m->hlen);
		return;
	}
	if (m->hash_ok) {
		rep_verdict(r, "image-hash", true, "%s over header + payload + protected TLVs matches the hash TLV", m->md);
		return;
	}
	rep_verdict(r, "image-hash", false, "%s over [0x0, 0x%zx) differs from the hash TLV", m->md, covered);
	/* which region was hashed instead? */
	fmt_digest(m->md, m->buf, (size_t)m->hdr_size + m->img_size, NULL, 0, alt);
	if (m->prot_size && !memcmp(alt, m->buf + h->off, m->hlen)) {
		rep_cause(r, true, "mcuboot-hash-excludes-protected-tlvs",
			  "the stored hash covers header + payload but not the protected TLV area: the signer added protected TLVs (security counter, boot record, dependencies) after hashing; let imgtool sign add them");
		return;
	}
	fmt_digest(m->md, m->buf + m->hdr_size, m->img_size, NULL, 0, alt);
	if (!memcmp(alt, m->buf + h->off, m->hlen)) {
		rep_cause(r, true, "mcuboot-hash-payload-only",
			  "the stored hash covers the payload only; MCUboot hashes header + payload + protected TLVs: sign with imgtool, or hash [0x0, 0x%zx)",
			  covered);
		return;
	}
	rep_cause(r, false, "mcuboot-hash-mismatch",
		  "the image was modified after signing (header fields, payload or protected TLVs, e.g. patched version or a binary rebuilt without re-signing): re-sign the final binary with imgtool sign");
}

/* ---- signatures ------------------------------------------------------ */

static const char *sig_key_type(uint16_t t)
{
	switch (t) {
	case T_RSA2048: return "RSA-2048";
	case T_RSA3072: return "RSA-3072";
	case T_ECDSA: return "EC";
	case T_ED25519: return "Ed25519";
	default: return NULL;
	}
}

static bool key_fits(EVP_PKEY *k, uint16_t t)
{
	switch (t) {
	case T_RSA2048: return EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA && EVP_PKEY_get_bits(k) == 2048;
	case T_RSA3072: return EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA && EVP_PKEY_get_bits(k) == 3072;
	case T_ECDSA: return EVP_PKEY_get_base_id(k) == EVP_PKEY_EC;
	case T_ED25519: return EVP_PKEY_get_base_id(k) == EVP_PKEY_ED25519;
	default: return false;
	}
}

/*
 * Length of the DER SEQUENCE at the start of an ECDSA_SIG TLV: imgtool
 * --pad-sig pads the signature with zero bytes to a fixed 72 bytes and
 * MCUboot ignores what follows the SEQUENCE.
 */
static size_t ecdsa_der_len(const uint8_t *sig, size_t len)
{
	size_t l;

	if (len < 2 || sig[0] != 0x30)
		return len;
	if (sig[1] < 0x80)
		l = 2 + (size_t)sig[1];
	else if (sig[1] == 0x81 && len >= 3)
		l = 3 + (size_t)sig[2];
	else
		return len;
	return l <= len ? l : len;
}

static bool verify_one(struct mcu *m, EVP_PKEY *k, const struct tlv *s, bool pure)
{
	const uint8_t *sig = m->buf + s->off;
	const char *md = m->md;
	size_t covered = (size_t)m->hdr_size + m->img_size + m->prot_size;

	switch (s->type) {
	case T_RSA2048:
	case T_RSA3072:
		return fmt_rsa_pss_verify(k, md, sig, s->len, m->dgst, m->hlen);
	case T_ECDSA:
		return fmt_ecdsa_verify_der(k, sig, ecdsa_der_len(sig, s->len), m->dgst, m->hlen);
	case T_ED25519:
		if (pure)
			return fmt_ed25519_verify(k, sig, s->len, m->buf, covered);
		return fmt_ed25519_verify(k, sig, s->len, m->dgst, m->hlen);
	default:
		return false;
	}
}

/* The signature TLV failed with every key of the right type: find out why. */
static void sig_experiments(struct mcu *m, const struct tlv *s, EVP_PKEY *k, struct rep *r)
{
	const uint8_t *sig = m->buf + s->off;
	uint8_t d2[64];
	size_t n;

	if (s->type == T_ECDSA) {
		n = s->len / 2;
		/*
		 * Not "unless it starts like DER": a raw r begins with 0x30
		 * one time in 256, and a DER blob has already failed here.
		 */
		if ((s->len == 64 || s->len == 96) &&
		    fmt_ecdsa_verify_rs(k, sig, n, sig + n, n, m->dgst, m->hlen)) {
			rep_verdict(r, "diagnosis", false, "ECDSA_SIG holds raw r || s, not DER");
			rep_cause(r, true, "mcuboot-ecdsa-raw-signature",
				  "MCUboot expects ECDSA_SIG as a DER SEQUENCE{r, s}; the external signer returned raw r || s: DER-encode it before `imgtool sign --fix-sig`");
			return;
		}
	}
	fmt_digest(m->md, m->dgst, m->hlen, NULL, 0, d2);
	if ((s->type == T_ECDSA && fmt_ecdsa_verify_der(k, sig, s->len, d2, m->hlen)) ||
	    ((s->type == T_RSA2048 || s->type == T_RSA3072) &&
	     fmt_rsa_pss_verify(k, m->md, sig, s->len, d2, m->hlen)) ||
	    (s->type == T_ED25519 && fmt_ed25519_verify(k, sig, s->len, d2, m->hlen))) {
		rep_verdict(r, "diagnosis", false, "signature is over the hash of the image digest (digest hashed twice)");
		rep_cause(r, true, "mcuboot-digest-hashed-twice",
			  "the external signer hashed the image digest again (KMS/HSM 'sign message' on `imgtool sign --vector-to-sign digest` output): use a sign-digest call, or export --vector-to-sign payload");
		return;
	}
	if (s->type == T_ED25519 && fmt_ed25519_verify(k, sig, s->len, m->buf,
						       (size_t)m->hdr_size + m->img_size + m->prot_size)) {
		rep_verdict(r, "diagnosis", false, "Ed25519 signature is over the image itself (pure), but there is no SIG_PURE TLV");
		rep_cause(r, true, "mcuboot-pure-signature",
			  "the image was signed in pure mode without the SIG_PURE TLV (or the bootloader is not built for pure signatures): sign with imgtool --pure consistently with MCUBOOT_SIGN_PURE");
		return;
	}
}

static void check_signatures(struct mcu *m, const struct fmt_keys *ks, struct rep *r)
{
	const struct tlv *pk = find(m, T_PUBKEY), *pure_t = find(m, T_SIG_PURE);
	EVP_PKEY *embedded = pk ? fmt_key_from_bytes(m->buf + pk->off, pk->len) : NULL;
	bool pure = pure_t && pure_t->len >= 1 && m->buf[pure_t->off];
	unsigned int i, k, nsig = 0, nok = 0, ntried = 0;
	const struct tlv *first_fail = NULL;
	const char *first_type = NULL, *signer_origin = NULL;
	EVP_PKEY *fail_key = NULL;

	if (pk && !embedded)
		rep_verdict(r, "pubkey-tlv", false, "the PUBKEY TLV (%u bytes) is not a SubjectPublicKeyInfo, PKCS#1 RSA or raw Ed25519 key", pk->len);
	rep_arr(r, "signatures");
	for (i = 0; i < m->ntlv; i++) {
		const struct tlv *s = &m->t[i];
		const char *kt = sig_key_type(s->type);
		const char *by = NULL, *origin = NULL;
		EVP_PKEY *byk = NULL;
		unsigned int cand = 0;

		if (s->type == T_ECDSA224) {
			rep_verdict(r, "signature", false, "ECDSA224 signatures are no longer supported by MCUboot");
			continue;
		}
		if (!kt)
			continue;
		nsig++;
		if (!first_type)
			first_type = s->type == T_ECDSA ? "ecdsa-der" : s->type == T_ED25519 ?
				     (pure ? "ed25519-pure" : "ed25519") :
				     s->type == T_RSA2048 ? "rsa2048-pss" : "rsa3072-pss";
		if (!m->hash && !m->pure_nohash)
			continue;
		if (m->pure_nohash && !pure)
			continue;
		for (k = 0; ks && k < ks->ring.n && !by; k++) {
			if (!key_fits(ks->ring.k[k].pkey, s->type))
				continue;
			cand++;
			if (verify_one(m, ks->ring.k[k].pkey, s, pure)) {
				by = ks->ring.k[k].name;
				origin = ks->ring.k[k].origin;
				byk = ks->ring.k[k].pkey;
			} else if (!fail_key) {
				fail_key = ks->ring.k[k].pkey;
			}
		}
		if (!by && embedded && key_fits(embedded, s->type)) {
			cand++;
			if (verify_one(m, embedded, s, pure)) {
				by = "PUBKEY TLV";
				origin = "PUBKEY";
				byk = embedded;
			} else if (!fail_key) {
				fail_key = embedded;
			}
		}
		ntried += cand;
		if (by) {
			nok++;
			if (!m->signer_src) {
				m->signer = byk == embedded ? NULL : byk;
				m->signer_src = by;
				signer_origin = origin;
			}
		} else if (cand && !first_fail) {
			first_fail = s;
		}
		rep_open(r, NULL, '{', "%*s%s (%u bytes): %s%s%s\n", r->depth * 2, "",
			 tlv_name(s->type), s->len,
			 by ? "valid, key " : cand ? "does not verify with any of the " :
			 "not checked: no ", by ? by : kt,
			 by ? "" : cand ? " candidate keys" : " key given (--key)");
		rep_put(r, "tlv", rv_str(tlv_name(s->type)), NULL);
		rep_put(r, "algorithm", rv_str(s->type == T_ECDSA ? "ecdsa-der" :
					      s->type == T_ED25519 ?
					      (pure ? "ed25519-pure" : "ed25519") : "rsa-pss"), NULL);
		rep_put(r, "length", rv_u64(s->len), NULL);
		if (s->type == T_ECDSA && ecdsa_der_len(m->buf + s->off, s->len) < s->len)
			rep_put(r, "padding", rv_u64(s->len - ecdsa_der_len(m->buf + s->off, s->len)),
				NULL);
		rep_put(r, "status", rv_str(by ? "valid" : cand ? "invalid" : "not-checked"), NULL);
		rep_put(r, "key", rv_str(by), NULL);
		rep_put(r, "candidate_keys", rv_u64(cand), NULL);
		rep_close(r, '}');
	}
	rep_arr_end(r);
	/* summary in the same shape as the OP-TEE formats */
	rep_obj(r, "signature");
	rep_str(r, "type", first_type);
	rep_str(r, "status", !nsig ? "absent" : nok ? "valid" : ntried ? "invalid" : "not-checked");
	if (m->signer_src) {
		rep_obj(r, "signed_by");
		rep_str(r, "name", m->signer_src);
		rep_str(r, "origin", signer_origin);
		rep_obj_end(r);
	} else {
		rep_put(r, "signed_by", rv_null(), NULL);
	}
	rep_obj_end(r);
	if (!nsig) {
		rep_verdict(r, "signature", false, "no signature TLV: the image is unsigned (imgtool create, or sign without --key)");
		rep_cause(r, false, "mcuboot-unsigned", "sign the image with `imgtool sign --key KEY.pem ...` using the key the bootloader trusts");
	} else if (nok && !m->signer) {
		r->not_verified = true;
		rep_verdict(r, "signature", true,
			    "%u of %u signature TLVs verify with the key embedded in the PUBKEY TLV; whether the device trusts that key is not checked (pass the provisioned key with --key)",
			    nok, nsig);
	} else if (nok) {
		rep_verdict(r, "signature", true, "%u of %u signature TLVs verify (key %s)", nok, nsig, m->signer_src);
	} else if (!ntried && ks && ks->ring.n) {
		char have[256] = "", d[64];
		size_t o = 0;

		for (k = 0; k < ks->ring.n && o < sizeof(have); k++) {
			fmt_key_desc(ks->ring.k[k].pkey, d, sizeof(d));
			o += (size_t)snprintf(have + o, sizeof(have) - o, "%s%s", k ? ", " : "", d);
		}
		rep_verdict(r, "signature", false,
			    "the image is signed with %s but none of the given keys has that type (given: %s)",
			    first_type, have);
		rep_cause(r, false, "mcuboot-key-type-mismatch",
			  "MCUboot is built for one signature type (RSA-2048/3072 PSS, ECDSA P-256/P-384 or Ed25519) and refuses the others: sign with a key of the type the bootloader expects, or give the bootloader's key with --key");
	} else if (!ntried) {
		r->not_verified = true;
		rep_verdict(r, "signature", true,
			    "not checked: no candidate key given; pass the bootloader's public key with --key");
	} else {
		rep_verdict(r, "signature", false, "no signature TLV verifies with the %u candidate key(s)", ntried);
		if (m->hash_ok && first_fail && fail_key)
			sig_experiments(m, first_fail, fail_key, r);
		if (m->hash_ok || m->pure_nohash)
			rep_cause(r, false, "mcuboot-wrong-key",
				  "the image hash is intact but no candidate key verifies the signature: it was signed with another key; sign with the key built into the bootloader (imgtool getpub -k KEY shows it)");
	}
	/* PUBKEY TLV must be the signing key */
	if (embedded && m->signer) {
		bool same = EVP_PKEY_eq(embedded, m->signer) == 1;

		rep_verdict(r, "pubkey-tlv", same, same ? "PUBKEY TLV is the signing key" :
			    "PUBKEY TLV is another key than the one that verifies the signature");
	}
	EVP_PKEY_free(embedded);
}

/* KEYHASH against the candidate keys. */
static void check_keyhash(struct mcu *m, const struct fmt_keys *ks, struct rep *r)
{
	const struct tlv *kh = find(m, T_KEYHASH), *pk = find(m, T_PUBKEY);
	unsigned int i;
	const char *match = NULL, *enc = NULL;
	EVP_PKEY *mk = NULL;

	if (!kh || !m->md)
		return;
	if (kh->len != m->hlen) {
		rep_verdict(r, "keyhash", false, "KEYHASH is %u bytes; with %s it must be %zu", kh->len, m->md, m->hlen);
		return;
	}
	for (i = 0; ks && i < ks->ring.n && !match; i++) {
		uint8_t der[2048], d[64];
		size_t l;
		static const char *const encs[] = { "SubjectPublicKeyInfo DER", "PKCS#1 DER", "raw" };
		int e;

		for (e = 0; e < 3 && !match; e++) {
			EVP_PKEY *k = ks->ring.k[i].pkey;

			l = e == 0 ? fmt_key_spki(k, der, sizeof(der)) :
			    e == 1 ? fmt_key_pkcs1(k, der, sizeof(der)) : fmt_key_raw(k, der, sizeof(der));
			if (l && fmt_digest(m->md, der, l, NULL, 0, d) &&
			    !memcmp(d, m->buf + kh->off, m->hlen)) {
				match = ks->ring.k[i].name;
				enc = encs[e];
				mk = k;
			}
		}
	}
	if (pk) {
		uint8_t d[64];

		fmt_digest(m->md, m->buf + pk->off, pk->len, NULL, 0, d);
		rep_verdict(r, "keyhash-pubkey", !memcmp(d, m->buf + kh->off, m->hlen),
			    "KEYHASH %s the hash of the PUBKEY TLV",
			    !memcmp(d, m->buf + kh->off, m->hlen) ? "is" : "is not");
	}
	if (match) {
		rep_verdict(r, "keyhash", true, "KEYHASH is %s of %s (%s)", m->md, match, enc);
		if (m->signer && mk != m->signer) {
			rep_verdict(r, "keyhash-signer", false,
				    "KEYHASH names %s but the signature verifies with %s", match, m->signer_src);
			rep_cause(r, true, "mcuboot-keyhash-mismatch",
				  "MCUboot selects the key by KEYHASH, which names %s while the image is signed with %s: sign with imgtool (it writes KEYHASH from the signing key), or with --fix-sig-pubkey matching --fix-sig",
				  match, m->signer_src);
		}
	} else if (m->signer) {
		rep_verdict(r, "keyhash", false,
			    "KEYHASH is not the hash of the signing key %s: MCUboot will not find a trusted key for this image",
			    m->signer_src);
		rep_cause(r, true, "mcuboot-keyhash-mismatch",
			  "the KEYHASH TLV does not match the key that signed the image: re-sign with imgtool using one key for both (with an external signature, --fix-sig-pubkey must be that signature's public key)");
	} else if (ks && ks->ring.n) {
		rep_verdict(r, "keyhash", true,
			    "KEYHASH matches none of the given keys: the bootloader must have the key with this hash built in");
	}
}

/* ---- boot record ----------------------------------------------------- */

static void check_boot_record(struct mcu *m, const struct fmt_opts *o, struct rep *r)
{
	const struct tlv *br = find(m, T_BOOT_RECORD), *kh = find(m, T_KEYHASH), *pk = find(m, T_PUBKEY);
	struct cbor_rd c;
	struct cbor_item map, key, val;
	uint64_t i;
	bool have_type = false, have_signer = false, have_desc = false, have_val = false;
	bool last_is_value = false, ok = true, zero = false;
	const uint8_t *signer = NULL, *mv = NULL;
	size_t signer_len = 0, mv_len = 0, mv_end = 0;
	char desc[32] = "", type[32] = "", ver[48] = "";

	if (!br) {
		if (o && o->measured_boot) {
			rep_verdict(r, "boot-record", false,
				    "no BOOT_RECORD TLV (0x60): MCUboot built with MCUBOOT_MEASURED_BOOT cannot add the image to the shared data area and refuses to boot it (\"Failed to add image data to shared area\")");
			rep_cause(r, true, "mcuboot-no-boot-record",
				  "sign with imgtool --boot-record SW_TYPE (TF-M wrapper: --measured-boot-record), which puts a boot record in the protected TLV area");
		} else {
			rep_verdict(r, "boot-record", true,
				    "no BOOT_RECORD TLV (only needed with MCUBOOT_MEASURED_BOOT; pass --measured-boot to require it)");
		}
		return;
	}
	rep_obj(r, "boot_record");
	rep_u64(r, "length", br->len);
	cbor_init(&c, m->buf + br->off, br->len);
	if (!cbor_next(&c, &map) || map.type != CBOR_MAP) {
		rep_obj_end(r);
		if (c.need)
			rep_length(r, "boot-record-length", c.need, c.have,
				   "the BOOT_RECORD map head needs %llu bytes, the record has %zu",
				   (unsigned long long)c.need, c.have);
		rep_verdict(r, "boot-record", false, "BOOT_RECORD is not a CBOR map (%s)", c.err ? c.err : "first item is not a map");
		rep_cause(r, false, "mcuboot-boot-record-cbor", "regenerate the boot record with imgtool --boot-record");
		return;
	}
	for (i = 0; i < map.val && i < 64; i++) {
		last_is_value = false;
		if (!cbor_next(&c, &key) || !cbor_next(&c, &val))
			break;
		if (key.type != CBOR_UINT) {
			if (!cbor_skip(&c, &val))
				break;
			continue;
		}
		switch (key.val) {
		case 1:
			have_type = val.type == CBOR_TSTR;
			if (have_type)
				snprintf(type, sizeof(type), "%.*s", (int)(val.val < 31 ? val.val : 31), (const char *)val.data);
			break;
		case 4:
			if (val.type == CBOR_TSTR)
				snprintf(ver, sizeof(ver), "%.*s", (int)(val.val < 47 ? val.val : 47), (const char *)val.data);
			break;
		case 5:
			have_signer = val.type == CBOR_BSTR;
			signer = val.data;
			signer_len = (size_t)val.val;
			break;
		case 6:
			have_desc = val.type == CBOR_TSTR;
			if (have_desc)
				snprintf(desc, sizeof(desc), "%.*s", (int)(val.val < 31 ? val.val : 31), (const char *)val.data);
			break;
		case 2:
			have_val = val.type == CBOR_BSTR;
			last_is_value = have_val;
			mv = val.data;
			mv_len = (size_t)val.val;
			mv_end = c.pos;
			break;
		default:
			break;
		}
		if (!cbor_skip(&c, &val))
			break;
	}
	if (c.err || i < map.val) {
		rep_obj_end(r);
		if (c.need)
			rep_length(r, "boot-record-length", c.need, c.have,
				   "a BOOT_RECORD item needs %llu bytes, the record has %zu (%s)",
				   (unsigned long long)c.need, c.have, c.err);
		rep_verdict(r, "boot-record", false, "BOOT_RECORD CBOR is malformed: %s", c.err ? c.err : "too many items");
		rep_cause(r, false, "mcuboot-boot-record-cbor", "regenerate the boot record with imgtool --boot-record");
		return;
	}
	rep_str(r, "sw_type", have_type ? type : NULL);
	rep_str(r, "sw_version", ver[0] ? ver : NULL);
	if (have_signer)
		rep_hex(r, "signer_id", signer, signer_len);
	rep_str(r, "measurement_description", have_desc ? desc : NULL);
	if (have_val)
		rep_hex(r, "measurement_value", mv, mv_len);
	rep_obj_end(r);

	if (!br->prot)
		ok = false;	/* reported by the placement check */
	if (!have_type || !have_signer || !have_desc || !have_val) {
		rep_verdict(r, "boot-record-fields", false,
			    "missing fields:%s%s%s%s", have_type ? "" : " SW_TYPE(1)", have_signer ? "" : " SIGNER_ID(5)",
			    have_desc ? "" : " MEASUREMENT_DESCRIPTION(6)", have_val ? "" : " MEASUREMENT_VALUE(2)");
		ok = false;
	}
	if (have_val) {
		size_t k;

		zero = true;
		for (k = 0; k < mv_len; k++)
			zero &= !mv[k];
		rep_verdict(r, "boot-record-measurement",
			    last_is_value && mv_end == br->len && mv_len == m->hlen && zero,
			    "MEASUREMENT_VALUE is %s, %zu bytes (hash is %zu), %s, and %s the record",
			    last_is_value ? "the last item" : "not the last item", mv_len, m->hlen,
			    zero ? "all zero" : "not zero", mv_end == br->len ? "ends" : "does not end");
		if (!(last_is_value && mv_end == br->len && mv_len == m->hlen && zero)) {
			ok = false;
			rep_cause(r, false, "mcuboot-boot-record-layout",
				  "MCUboot overwrites the last %zu bytes of the boot record with the image hash, so MEASUREMENT_VALUE must be a %zu-byte zero placeholder and the last map item: regenerate it with imgtool --boot-record",
				  m->hlen, m->hlen);
		}
	}
	if (have_desc && m->hash) {
		bool same = !strcmp(desc, tlv_name(m->hash->type));

		rep_verdict(r, "boot-record-description", same, "MEASUREMENT_DESCRIPTION \"%s\", hash TLV %s",
			    desc, tlv_name(m->hash->type));
		ok &= same;
	}
	if (have_signer && (kh || pk)) {
		uint8_t d[64];
		const uint8_t *want = NULL;

		if (kh && kh->len == m->hlen) {
			want = m->buf + kh->off;
		} else if (pk && m->md) {
			fmt_digest(m->md, m->buf + pk->off, pk->len, NULL, 0, d);
			want = d;
		}
		if (want) {
			bool same = signer_len == m->hlen && !memcmp(signer, want, m->hlen);

			rep_verdict(r, "boot-record-signer", same, "SIGNER_ID %s the key hash (%s)",
				    same ? "equals" : "differs from", kh ? "KEYHASH TLV" : "hash of PUBKEY TLV");
			ok &= same;
			if (!same)
				rep_cause(r, false, "mcuboot-boot-record-signer",
					  "the boot record was made for another signing key: regenerate it while signing with the final key");
		}
	}
	if (ver[0]) {
		char hv[48];

		snprintf(hv, sizeof(hv), "%u.%u.%u", m->buf[0x14], m->buf[0x15], get_le16(m->buf + 0x16));
		if (strncmp(ver, hv, strlen(hv)))
			rep_str(r, "boot_record_version_note", "SW_VERSION differs from the header version (attestation reports SW_VERSION)");
	}
	if (ok)
		rep_verdict(r, "boot-record", true, "BOOT_RECORD present in the protected area and consistent");
}

/* ---- trailer --------------------------------------------------------- */

static void check_trailer(struct mcu *m, struct rep *r)
{
	static const uint8_t magic8[16] = { 0x77, 0xc2, 0x95, 0xf3, 0x60, 0xd2, 0xef, 0x7f,
					    0x35, 0x52, 0x50, 0x0f, 0x2c, 0xb6, 0x79, 0x80 };
	static const uint8_t magic_tail[14] = { 0x2d, 0xe1, 0x5d, 0x29, 0x41, 0x0b, 0x8d, 0x77,
						0x67, 0x9c, 0x11, 0x0f, 0x1f, 0x8a };
	static const char *const sw[] = { "none", "none", "test", "perm", "revert" };
	const uint8_t *t, *base;
	size_t align = 0, slot;
	uint8_t v;

	if (m->len < m->end + 16 + 4 * 8 + 4) {
		rep_str(r, "trailer", m->len > m->end ? "bytes after the TLV area, but no image trailer" : "none (image not padded to its slot)");
		return;
	}
	t = m->buf + m->len - 16;
	if (!memcmp(t, magic8, 16))
		align = 8;
	else if (!memcmp(t + 2, magic_tail, 14))
		align = get_le16(t);
	/* the magic sits at the end of a slot of max(16, align) bytes; each flag has its own align-sized slot */
	slot = align > 16 ? align : 16;
	if (!align || align > 1024 || (align & (align - 1)) || m->len < m->end + slot + 4 * align) {
		bool erased = true;
		size_t k;

		for (k = 0; k < 16; k++)
			erased &= t[k] == 0xff;
		rep_str(r, "trailer", erased ? "erased (no boot magic): no upgrade requested" :
			"no boot magic at the end of the file");
		return;
	}
	base = m->buf + m->len - slot;
	rep_obj(r, "trailer");
	rep_u64(r, "max_align", align);
	rep_str(r, "magic", "good");
	v = base[-(long)align];
	rep_strf(r, "image_ok", "0x%02x (%s)", v, v == 1 ? "set" : v == 0xff ? "unset" : "bad");
	v = base[-2 * (long)align];
	rep_strf(r, "copy_done", "0x%02x (%s)", v, v == 1 ? "set" : v == 0xff ? "unset" : "bad");
	v = base[-3 * (long)align];
	if (v == 0xff)
		rep_str(r, "swap_info", "0xff (unset)");
	else
		rep_strf(r, "swap_info", "0x%02x (swap type %s, image %u)", v,
			 (v & 0xf) <= 4 ? sw[v & 0xf] : "bad", v >> 4);
	rep_x32(r, "swap_size", get_le32(base - 4 * align));
	rep_obj_end(r);
}

/* ---- entry ----------------------------------------------------------- */

int fmt_mcuboot_inspect(const uint8_t *buf, size_t len, const struct fmt_opts *o,
			const struct fmt_keys *ks, struct rep *r)
{
	struct mcu *m;
	uint16_t magic;
	size_t prot_start = 0, unprot_start, tot;
	char fl[256];
	unsigned int i;
	int ret;

	if (len < MCUBOOT_HDR) {
		rep_length(r, "header-length", MCUBOOT_HDR, len,
			   "the MCUboot header is %d bytes, the file has %zu", MCUBOOT_HDR, len);
		rep_unparseable(r, "mcuboot-truncated", "the file is %zu bytes, shorter than the 32-byte MCUboot header", len);
		return 2;
	}
	m = calloc(1, sizeof(*m));
	if (!m) {
		rep_unparseable(r, "out-of-memory", "out of memory");
		return 2;
	}
	m->buf = buf;
	m->len = len;
	m->hdr_size = get_le16(buf + 8);
	m->prot_size = get_le16(buf + 10);
	m->img_size = get_le32(buf + 12);
	m->flags = get_le32(buf + 16);
	flags_str(m->flags, fl, sizeof(fl));

	rep_obj(r, "header");
	rep_x32(r, "ih_magic", get_le32(buf));
	rep_x32(r, "ih_load_addr", get_le32(buf + 4));
	rep_x32(r, "ih_hdr_size", m->hdr_size);
	rep_x32(r, "ih_protect_tlv_size", m->prot_size);
	rep_x32(r, "ih_img_size", m->img_size);
	rep_x32(r, "ih_flags", m->flags);
	rep_str(r, "ih_flags_decoded", fl);
	rep_strf(r, "version", "%u.%u.%u+%u", buf[0x14], buf[0x15], get_le16(buf + 0x16), get_le32(buf + 0x18));
	rep_obj_end(r);
	if (get_le32(buf) == 0x96F3B83C)
		rep_verdict(r, "magic", false, "legacy MCUboot v1 magic 0x96f3b83c: current MCUboot expects 0x96f3b83d (re-sign with a current imgtool)");
	if (m->flags & 1)
		rep_verdict(r, "flags", false, "PIC flag set: MCUboot does not support position-independent images");
	if (m->hdr_size < MCUBOOT_HDR || (uint64_t)m->hdr_size + m->img_size + 4 > len) {
		if (m->hdr_size < MCUBOOT_HDR)
			rep_length(r, "header-length", MCUBOOT_HDR, m->hdr_size,
				   "ih_hdr_size 0x%x is smaller than the %d-byte header", m->hdr_size,
				   MCUBOOT_HDR);
		else
			rep_length(r, "image-length", (uint64_t)m->hdr_size + m->img_size + 4, len,
				   "ih_hdr_size 0x%x + ih_img_size 0x%x + 4 = %llu bytes, the file has %zu",
				   m->hdr_size, m->img_size,
				   (unsigned long long)m->hdr_size + m->img_size + 4, len);
		rep_unparseable(r, "mcuboot-truncated",
				"ih_hdr_size 0x%x + ih_img_size 0x%x + the TLV info header run past the end of the 0x%zx-byte file: the image is truncated or the header corrupt",
				m->hdr_size, m->img_size, len);
		goto out;
	}
	m->tlv_off = (size_t)m->hdr_size + m->img_size;
	unprot_start = m->tlv_off;
	magic = get_le16(buf + m->tlv_off);
	if (magic == TLV_PROT_MAGIC) {
		prot_start = m->tlv_off;
		tot = get_le16(buf + m->tlv_off + 2);
		rep_verdict(r, "protected-tlv-size", tot == m->prot_size,
			    "protected TLV area is 0x%zx bytes, ih_protect_tlv_size says 0x%x", tot, m->prot_size);
		if (tot != m->prot_size)
			rep_cause(r, false, "mcuboot-protected-size",
				  "ih_protect_tlv_size must equal the protected area's it_tlv_tot: the header was edited after signing, or protected TLVs were added by hand; re-sign with imgtool");
		if (tot > len - prot_start)
			rep_length(r, "tlv-area", (uint64_t)prot_start + tot, len,
				   "the protected TLV area at 0x%zx is 0x%zx bytes, ending at %llu; the file has %zu",
				   prot_start, tot, (unsigned long long)prot_start + tot, len);
		if (tot < 4 || tot > len - prot_start || !walk_area(m, prot_start, tot, true, r)) {
			rep_unparseable(r, "mcuboot-tlv-area", "the protected TLV area at 0x%zx is corrupt or truncated", prot_start);
			goto out;
		}
		unprot_start = prot_start + tot;
		if (unprot_start + 4 > len) {
			rep_length(r, "tlv-area", unprot_start + 4, len,
				   "the unprotected TLV info header would end at %zu; the file has %zu",
				   unprot_start + 4, len);
			rep_unparseable(r, "mcuboot-tlv-area", "no unprotected TLV area after the protected one (file ends at 0x%zx)", len);
			goto out;
		}
		magic = get_le16(buf + unprot_start);
	} else if (m->prot_size) {
		rep_verdict(r, "protected-tlv-size", false,
			    "ih_protect_tlv_size is 0x%x but there is no protected TLV area at 0x%zx", m->prot_size, m->tlv_off);
		rep_cause(r, false, "mcuboot-protected-size",
			  "the header announces protected TLVs that are missing: re-sign with imgtool");
	}
	if (magic != TLV_MAGIC) {
		rep_unparseable(r, "mcuboot-no-tlv-info",
				"no TLV info magic (0x6907) at 0x%zx (found 0x%04x): ih_img_size does not match the payload, or the image was never signed (a raw binary with an MCUboot header)",
				unprot_start, magic);
		goto out;
	}
	tot = get_le16(buf + unprot_start + 2);
	if (tot > len - unprot_start)
		rep_length(r, "tlv-area", (uint64_t)unprot_start + tot, len,
			   "the unprotected TLV area at 0x%zx is 0x%zx bytes, ending at %llu; the file has %zu",
			   unprot_start, tot, (unsigned long long)unprot_start + tot, len);
	if (tot < 4 || tot > len - unprot_start || !walk_area(m, unprot_start, tot, false, r)) {
		rep_unparseable(r, "mcuboot-tlv-area", "the unprotected TLV area at 0x%zx is corrupt or truncated", unprot_start);
		goto out;
	}
	m->end = unprot_start + tot;
	rep_obj(r, "tlv_areas");
	if (prot_start)
		rep_strf(r, "protected", "[0x%zx, 0x%zx)", prot_start, unprot_start);
	rep_strf(r, "unprotected", "[0x%zx, 0x%zx)", unprot_start, m->end);
	rep_obj_end(r);
	dump_tlvs(m, o, r);

	/* placement: what must be covered by the signature */
	for (i = 0; i < m->ntlv; i++) {
		const struct tlv *t = &m->t[i];

		if (t->prot)
			continue;
		if (t->type == T_SEC_CNT || t->type == T_DEPENDENCY || t->type == T_BOOT_RECORD) {
			rep_verdict(r, "protected-placement", false,
				    "%s TLV is in the unprotected area: it is not covered by the signature, and MCUboot rejects it",
				    tlv_name(t->type));
			rep_cause(r, true, "mcuboot-unprotected-tlv",
				  "%s must be in the protected TLV area: let imgtool sign add it (--security-counter, --dependencies, --boot-record) instead of appending it afterwards",
				  tlv_name(t->type));
		} else if (!allowed_unprotected(t->type) && (t->type & 0xff) < 0xA0) {
			rep_verdict(r, "protected-placement", false,
				    "%s TLV (0x%02x) is unprotected; MCUboot with MCUBOOT_USE_TLV_ALLOW_LIST rejects it",
				    tlv_name(t->type), t->type);
		}
	}
	check_hash(m, r);
	check_signatures(m, ks, r);
	check_keyhash(m, ks, r);
	check_boot_record(m, o, r);
	check_trailer(m, r);
out:
	ret = r->status;
	free(m);
	return ret;
}
