// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * STM32 boot-ROM header ("STM32 header for binary files"), versions 1.0
 * (STM32MP15), 2.0 (MP13), 2.2 (MP25/MP23) and 2.3 (MP21): every field and
 * extension header, checksum, signed range, ECDSA signature (raw big-endian
 * r||s), public-key hashes, and the diagnosis experiments run when the
 * signature does not verify.
 */
#include <stdlib.h>
#include <string.h>

#include "formats/priv.h"
#include "common/json.h"

#define EXT_AUTH	0x02005453u
#define EXT_DECRYPT	0x01005453u
#define EXT_PADDING	0xFFFF5453u
#define NB_PKH_MAX	8

struct stm32 {
	const uint8_t *buf;
	size_t len;
	unsigned int ver;		/* 10, 20, 22, 23 */
	size_t base;			/* base header size */
	size_t sig_len;			/* size of the signature field */
	size_t ver_off;			/* header_version offset = signed range start */
	size_t cks_off;
	size_t len_off;
	size_t hdr;			/* base + extension headers */
	uint32_t img_len;
	uint32_t algo;
	uint32_t flags;			/* option_flags (v1) / extension_flags (v2) */
	const uint8_t *xy;		/* public key X||Y in the header, or NULL */
	size_t xy_len;
	/* authentication extension (v2.x) */
	bool have_auth;
	uint32_t pk_idx, nb_pk;
	const uint8_t *pkh;		/* table of nb_pk hashes */
	size_t pkh_len;			/* bytes per hash */
	enum fmt_curve curve;		/* from algo, CURVE_NONE if invalid */
	const char *md;			/* digest of the signed range */
};

static enum fmt_curve algo_curve(uint32_t algo)
{
	switch (algo) {
	case 1: return CURVE_P256;
	case 2: return CURVE_BP256T1;
	case 3: return CURVE_P384;
	case 4: return CURVE_BP384T1;
	default: return CURVE_NONE;
	}
}

static const char *algo_name(uint32_t algo)
{
	switch (algo) {
	case 1: return "1 = NIST P-256";
	case 2: return "2 = brainpoolP256t1";
	case 3: return "3 = NIST P-384";
	case 4: return "4 = brainpoolP384t1";
	default: return "unknown";
	}
}

static const char *binary_type_name(uint32_t t)
{
	if (t == 0x00)
		return "U-Boot";
	if (t >= 0x10 && t <= 0x1F)
		return "TF-A (BL2 = 0x10)";
	if (t >= 0x20 && t <= 0x2F)
		return "OP-TEE";
	if (t == 0x30)
		return "coprocessor / Cortex-M33 image";
	return "unknown";
}

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* ---- header dump ----------------------------------------------------- */

static void dump_header(struct stm32 *s, struct rep *r)
{
	const uint8_t *b = s->buf;
	uint32_t v;

	rep_obj(r, "header");
	rep_strf(r, "magic", "0x%08x \"STM2\"", get_le32(b));
	rep_hex(r, "image_signature", b + 4, s->sig_len);
	rep_x32(r, "image_checksum", get_le32(b + s->cks_off));
	v = get_le32(b + s->ver_off);
	rep_strf(r, "header_version", "0x%08x (%u.%u)", v, (v >> 16) & 0xff, (v >> 8) & 0xff);
	rep_x32(r, "image_length", s->img_len);
	rep_x32(r, "image_entry_point", get_le32(b + s->ver_off + 8));
	rep_x32(r, "reserved1", get_le32(b + s->ver_off + 12));
	rep_x32(r, "load_address", get_le32(b + s->ver_off + 16));
	rep_x32(r, "reserved2", get_le32(b + s->ver_off + 20));
	rep_x32(r, "image_version", get_le32(b + s->ver_off + 24));
	if (s->ver == 10) {
		rep_x32(r, "option_flags", s->flags);
		rep_str(r, "option_flags_decoded", s->flags & 1 ?
			"bit0: no signature check (refused on a closed device)" :
			"signature check requested");
		rep_strf(r, "ecdsa_algorithm", "%s", algo_name(s->algo));
		rep_hex(r, "ecdsa_public_key", b + 0x6C, 64);
		rep_bool(r, "padding_zero", all_zero(b + 0xAC, 83));
		rep_strf(r, "binary_type", "0x%02x (%s)", b[0xFF], binary_type_name(b[0xFF]));
	} else {
		size_t o = s->ver_off + 28;

		rep_x32(r, "extension_flags", s->flags);
		rep_strf(r, "extension_flags_decoded", "%s%s%s%s",
			 s->flags & 1 ? "authentication " : "",
			 s->flags & 2 ? "decryption " : "",
			 s->flags & 0x80000000u ? "padding" : "",
			 s->flags & 0x7FFFFFFCu ? " (unknown bits set)" : "");
		rep_x32(r, "extension_headers_length", get_le32(b + o + 4));
		v = get_le32(b + o + 8);
		rep_strf(r, "binary_type", "0x%02x (%s)", v, binary_type_name(v));
		if (s->ver == 23) {
			rep_bool(r, "padding_zero", all_zero(b + 0x90, 8));
			rep_x32(r, "non_secure_payload_length", get_le32(b + 0x98));
			rep_x32(r, "non_secure_payload_hash", get_le32(b + 0x9C));
		} else {
			rep_bool(r, "padding_zero", all_zero(b + 0x70, 16));
		}
	}
	rep_x32(r, "header_size", (uint32_t)s->hdr);
	rep_obj_end(r);
}

/* ---- extension headers (v2.x) ---------------------------------------- */

static void parse_extensions(struct stm32 *s, struct rep *r)
{
	size_t off = s->base, keylen = s->ver == 23 ? 96 : 64;
	bool seen_auth = false, seen_dec = false, seen_pad = false, chain_ok = true;

	rep_arr(r, "extensions");
	while (off + 8 <= s->hdr) {
		uint32_t type = get_le32(s->buf + off), elen = get_le32(s->buf + off + 4);
		const uint8_t *p = s->buf + off;

		if (elen < 8 || elen > s->hdr - off) {
			rep_length(r, "extension-chain", elen < 8 ? 8 : (uint64_t)off + elen,
				   elen < 8 ? elen : s->hdr,
				   "extension header at 0x%zx has length %u, which does not fit in the 0x%zx bytes left before the payload (it ends at 0x%llx, the extensions at 0x%zx)",
				   off, elen, s->hdr - off, (unsigned long long)off + elen, s->hdr);
			rep_cause(r, false, "stm32-extension-chain",
				  "rebuild the header with the signing tool: extension_headers_length (0x%zx) must equal the sum of the extension lengths",
				  s->hdr - s->base);
			chain_ok = false;
			break;
		}
		rep_obj(r, NULL);
		rep_x32(r, "offset", (uint32_t)off);
		rep_x32(r, "type", type);
		rep_x32(r, "length", elen);
		if (type == EXT_AUTH && seen_auth) {
			/*
			 * Only the first one is read: its key, nb_pk and PKH
			 * table belong together (a second nb_pk checked against
			 * the first table read past the file).
			 */
			rep_str(r, "name", "authentication (repeated)");
			rep_verdict(r, "auth-extension", false,
				    "a second authentication extension at 0x%zx: a header carries one, only the first is checked",
				    off);
		} else if (type == EXT_AUTH) {
			rep_str(r, "name", "authentication");
			seen_auth = true;
			if (elen < 20 + keylen) {
				rep_length(r, "auth-extension", 20 + keylen, elen,
					   "authentication extension at 0x%zx is %u bytes, too short for pk_idx/nb_pk/algo and a %zu-byte key (%zu bytes)",
					   off, elen, keylen, 20 + keylen);
			} else {
				s->have_auth = true;
				s->pk_idx = get_le32(p + 8);
				s->nb_pk = get_le32(p + 12);
				s->algo = get_le32(p + 16);
				s->xy = p + 20;
				s->xy_len = keylen;
				rep_u64(r, "pk_idx", s->pk_idx);
				rep_u64(r, "nb_pk", s->nb_pk);
				rep_strf(r, "ecc_algo_type", "%s", algo_name(s->algo));
				rep_hex(r, "ecc_pubk", s->xy, keylen);
				if (s->nb_pk <= NB_PKH_MAX &&
				    20 + keylen + s->nb_pk * s->pkh_len <= elen) {
					uint32_t i;

					s->pkh = p + 20 + keylen;
					rep_arr(r, "pk_hashes");
					for (i = 0; i < s->nb_pk; i++)
						rep_hex(r, NULL, s->pkh + i * s->pkh_len, s->pkh_len);
					rep_arr_end(r);
				}
				rep_verdict(r, "auth-extension-length",
					    elen == 20 + keylen + s->nb_pk * s->pkh_len,
					    "length %u, expected %zu for nb_pk = %u (8 + 12 + %zu-byte key + %u x %zu-byte hashes)",
					    elen, 20 + keylen + s->nb_pk * s->pkh_len, s->nb_pk, keylen,
					    s->nb_pk, s->pkh_len);
			}
		} else if (type == EXT_DECRYPT) {
			rep_str(r, "name", "fsbl-decryption");
			seen_dec = true;
			if (elen >= 8 + 8 + 16) {
				rep_u64(r, "key_size", get_le32(p + 8));
				rep_x32(r, "derivation_constant", get_le32(p + 12));
				rep_hex(r, "plain_payload_hash_msb", p + 16, 16);
			}
		} else if (type == EXT_PADDING) {
			rep_str(r, "name", "padding");
			seen_pad = true;
			rep_bool(r, "content_zero", all_zero(p + 8, elen - 8));
		} else {
			rep_str(r, "name", "unknown");
		}
		rep_obj_end(r);
		off += elen;
	}
	rep_arr_end(r);
	if (chain_ok && off != s->hdr) {
		rep_verdict(r, "extension-chain", false,
			    "extension headers end at 0x%zx but extension_headers_length says the payload starts at 0x%zx",
			    off, s->hdr);
		chain_ok = false;
	}
	if (chain_ok)
		rep_verdict(r, "extension-chain", true, "extension headers fill 0x%zx..0x%zx exactly",
			    s->base, s->hdr);
	rep_verdict(r, "extension-flags",
		    !!(s->flags & 1) == seen_auth && !!(s->flags & 2) == seen_dec &&
		    !!(s->flags & 0x80000000u) == seen_pad,
		    "flags 0x%08x; present: authentication %s, decryption %s, padding %s",
		    s->flags, seen_auth ? "yes" : "no", seen_dec ? "yes" : "no",
		    seen_pad ? "yes" : "no");
}

/* ---- key hashes ------------------------------------------------------ */

static bool parse_hex(const char *hex, uint8_t *out, size_t max, size_t *n)
{
	size_t i = 0;

	if (!strncmp(hex, "0x", 2) || !strncmp(hex, "0X", 2))
		hex += 2;
	while (hex[0] && hex[1] && i < max) {
		unsigned int v;

		if (hex[0] == ':' || hex[0] == ' ') {
			hex++;
			continue;
		}
		if (sscanf(hex, "%2x", &v) != 1 ||
		    !strchr("0123456789abcdefABCDEF", hex[0]) || !strchr("0123456789abcdefABCDEF", hex[1]))
			return false;
		out[i++] = (uint8_t)v;
		hex += 2;
	}
	*n = i;
	return !hex[0];
}

static void check_key_hashes(struct stm32 *s, const struct fmt_opts *o, struct rep *r)
{
	const char *md = s->pkh_len == 48 ? "SHA384" : "SHA256";
	uint8_t entry[64], table[64], algo_le[4], otp[64];
	size_t hl, otp_len = 0;

	rep_obj(r, "key_hashes");
	if (s->ver == 10) {
		hl = fmt_digest("SHA256", s->xy, 64, NULL, 0, table);
		rep_hex(r, "pkh_sha256_xy", table, hl);
	} else if (s->have_auth) {
		put_le32(algo_le, s->algo);
		hl = fmt_digest(md, algo_le, 4, s->xy, s->xy_len, entry);
		rep_hex(r, "computed_entry", entry, hl);
		rep_verdict(r, "pk-index", s->nb_pk >= 1 && s->nb_pk <= NB_PKH_MAX && s->pk_idx < s->nb_pk,
			    "pk_idx %u, nb_pk %u (need pk_idx < nb_pk <= %d)", s->pk_idx, s->nb_pk,
			    NB_PKH_MAX);
		if (s->nb_pk > NB_PKH_MAX || s->pk_idx >= s->nb_pk)
			rep_cause(r, false, "stm32-pk-index",
				  "pk_idx must select one of the nb_pk (<= 8) entries of the PKH table; regenerate the authentication extension with the signing tool's key index option");
		if (s->pkh && s->pk_idx < s->nb_pk) {
			bool ok = !memcmp(entry, s->pkh + s->pk_idx * s->pkh_len, hl);

			rep_verdict(r, "pkh-entry", ok,
				    ok ? "%s(LE32 algo || X || Y) equals pk_hashes[%u]" :
				    "%s(LE32 algo || X || Y) differs from pk_hashes[%u]: the table was built for another key or algorithm",
				    md, s->pk_idx);
			if (!ok)
				rep_cause(r, false, "stm32-pkh-entry",
					  "the authentication extension's public key is not the one hashed in pk_hashes[%u]; rebuild the PKH table from the same public keys (and the same ecc_algo_type) the image is signed with",
					  s->pk_idx);
		}
		if (s->pkh) {
			hl = fmt_digest(md, s->pkh, s->nb_pk * s->pkh_len, NULL, 0, table);
			rep_hex(r, "pkh_table_hash", table, hl);
		} else {
			hl = 0;
		}
	} else {
		hl = 0;
	}
	if (o && o->otp_hash && hl) {
		if (!parse_hex(o->otp_hash, otp, sizeof(otp), &otp_len) || otp_len != hl) {
			rep_verdict(r, "otp-hash", false,
				    "--otp-hash `%s' is not %zu bytes of hex (give the OTP PKH words as one hex string)",
				    o->otp_hash, hl);
		} else {
			bool ok = !memcmp(otp, table, hl), swapped = false;
			size_t w;

			if (!ok) {
				/* OTP dumps list 32-bit words: accept the other byte order, and say so */
				for (w = 0; w < hl; w += 4) {
					uint8_t t0 = otp[w], t1 = otp[w + 1];

					otp[w] = otp[w + 3];
					otp[w + 1] = otp[w + 2];
					otp[w + 2] = t1;
					otp[w + 3] = t0;
				}
				ok = swapped = !memcmp(otp, table, hl);
			}
			rep_verdict(r, "otp-hash", ok,
				    ok ? "the %s matches --otp-hash%s" :
				    "the %s does not match --otp-hash: the boot ROM of that device rejects this key%s",
				    s->ver == 10 ? "public-key hash SHA-256(X || Y)" : "PKH table hash",
				    swapped ? " (given as 32-bit words in the other byte order, as some OTP dumps print them)" : "");
			if (!ok)
				rep_cause(r, false, "stm32-otp-hash-mismatch",
					  "the device's OTP holds the hash of other keys: sign with the key whose hash was fused, or (open device only) program the OTP with the hash printed here");
		}
	}
	rep_obj_end(r);
}

/* ---- signature and experiments --------------------------------------- */

struct experiment {
	const char *id;
	char title[160];
	bool verifies;
	char fix[400];
};

#define MAX_EXP 48

struct sigctx {
	struct stm32 *s;
	EVP_PKEY *key;
	size_t n;			/* bytes per r or s */
	const uint8_t *sig;
	uint8_t dgst[64];
	size_t dlen;
	bool der_cut;			/* field starts like a DER signature longer than it */
	unsigned int nexp;
	struct experiment exp[MAX_EXP];
};

static struct experiment *add_exp(struct sigctx *c, const char *id, bool verifies,
				  const char *title, const char *fixfmt, ...)
	__attribute__((format(printf, 5, 6)));

static struct experiment *add_exp(struct sigctx *c, const char *id, bool verifies,
				  const char *title, const char *fixfmt, ...)
{
	struct experiment *e;
	va_list ap;

	if (c->nexp >= MAX_EXP)
		return NULL;
	e = &c->exp[c->nexp++];
	e->id = id;
	e->verifies = verifies;
	snprintf(e->title, sizeof(e->title), "%s", title);
	va_start(ap, fixfmt);
	vsnprintf(e->fix, sizeof(e->fix), fixfmt, ap);
	va_end(ap);
	return e;
}

static bool verify_plain(struct sigctx *c, EVP_PKEY *k, const uint8_t *dgst, size_t dlen)
{
	return fmt_ecdsa_verify_rs(k, c->sig, c->n, c->sig + c->n, c->n, dgst, dlen);
}

/* digest of [start, end) of the file, optionally with the signature field zeroed */
static size_t range_digest(const struct stm32 *s, const char *md, size_t start, size_t end,
			   bool zero_sig, uint8_t *out)
{
	if (zero_sig && start == 0 && end >= 4 + s->sig_len) {
		uint8_t *tmp = malloc(4 + s->sig_len);
		EVP_MD_CTX *c;
		EVP_MD *m;
		unsigned int n = 0;

		if (!tmp)
			return 0;
		memcpy(tmp, s->buf, 4);
		memset(tmp + 4, 0, s->sig_len);
		c = EVP_MD_CTX_new();
		m = EVP_MD_fetch(NULL, md, NULL);
		if (!c || !m || !EVP_DigestInit_ex(c, m, NULL) ||
		    !EVP_DigestUpdate(c, tmp, 4 + s->sig_len) ||
		    !EVP_DigestUpdate(c, s->buf + 4 + s->sig_len, end - 4 - s->sig_len) ||
		    !EVP_DigestFinal_ex(c, out, &n))
			n = 0;
		EVP_MD_free(m);
		EVP_MD_CTX_free(c);
		free(tmp);
		return n;
	}
	return fmt_digest(md, s->buf + start, end - start, NULL, 0, out);
}

static void run_experiments(struct sigctx *c, const struct fmt_keys *ks)
{
	struct stm32 *s = c->s;
	size_t n = c->n, end = s->hdr + s->img_len, i, j;
	uint8_t d2[64], rs[2 * 48], tmp[2 * 48];
	size_t d2len;
	/* 0x48: the v1/v2.2 start, which a signer may keep for a v2.3 header */
	const size_t starts[] = { 0x00, 0x04, 0x44, 0x48, s->cks_off, s->ver_off, 0x80, s->base, s->hdr };
	const size_t ends[] = { end, s->len };
	bool ok;

	/* 1. digest hashed twice (KMS MessageType RAW on a pre-hashed digest) */
	d2len = fmt_digest(s->md, c->dgst, c->dlen, NULL, 0, d2);
	add_exp(c, "digest-hashed-twice", verify_plain(c, c->key, d2, d2len),
		"signature is over SHA(SHA(signed range)): the digest was hashed again by the signer",
		"the signer received the %s digest and hashed it again (AWS KMS Sign with MessageType RAW or omitted, or an HSM 'sign data' call): send the digest with MessageType=DIGEST (or a sign-digest/prehashed mechanism)",
		s->md);

	/* 2. wrong hashed range */
	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		for (j = 0; j < 2; j++) {
			size_t st = starts[i], en = ends[j], k;
			bool dup = false;
			char title[160];

			if ((st == s->ver_off && en == end) || st >= en || en > s->len ||
			    (j == 1 && en == end))
				continue;
			for (k = 0; k < i; k++)
				if (starts[k] == st)
					dup = true;
			if (dup)
				continue;
			d2len = range_digest(s, s->md, st, en, false, d2);
			ok = d2len && verify_plain(c, c->key, d2, d2len);
			snprintf(title, sizeof(title), "signature is over [0x%zx, 0x%zx)%s", st, en,
				 j ? " (to end of file)" : "");
			if (j)
				add_exp(c, "range-to-eof", ok, title,
					"the signer hashed to the end of the file, including %zu bytes after image_length (alignment/partition padding): sign exactly [0x%zx, 0x%zx), or pad before signing and set image_length to cover the padding",
					s->len - end, s->ver_off, end);
			else
				add_exp(c, "range-start", ok, title,
					"the ROM hashes from header_version (0x%zx) to the end of the payload (0x%zx); the signer started at 0x%zx: hash [0x%zx, 0x%zx)",
					s->ver_off, end, st, s->ver_off, end);
			if (st == 0) {
				d2len = range_digest(s, s->md, 0, en, true, d2);
				ok = d2len && verify_plain(c, c->key, d2, d2len);
				snprintf(title, sizeof(title),
					 "signature is over [0x0, 0x%zx) with the signature field zeroed%s",
					 en, j ? " (to end of file)" : "");
				add_exp(c, "range-zeroed-signature", ok, title,
					"the signer hashed the whole file with a blank signature field; the ROM hashes [0x%zx, 0x%zx) only (magic, signature and checksum excluded)",
					s->ver_off, end);
			}
		}
	}

	/* 3. DER pasted raw */
	if (c->sig[0] == 0x30) {
		size_t used = fmt_der_to_rs(c->sig, s->len - 4, n, rs);

		ok = used && fmt_ecdsa_verify_rs(c->key, rs, n, rs + n, n, c->dgst, c->dlen);
		add_exp(c, "der-pasted-raw", ok,
			"the signature field holds a DER SEQUENCE{r, s} instead of raw r || s",
			"convert the DER signature to raw: r and s as %zu-byte big-endian integers (strip a leading 0x00, left-pad short values), r || s at 0x04%s",
			n, used > s->sig_len ? "; the DER blob was longer than the field and overwrote the checksum/header_version: regenerate the header" : "");
		c->der_cut = !ok && c->sig[2] == 0x02 && c->sig[1] >= 2 * n + 4 &&
			     c->sig[1] <= 2 * n + 8 && (size_t)c->sig[1] + 2 > s->sig_len;
	} else {
		add_exp(c, "der-pasted-raw", false,
			"the signature field holds a DER SEQUENCE{r, s} instead of raw r || s (no: it does not start with 0x30)",
			"-");
	}

	/* 4. r and s swapped */
	ok = fmt_ecdsa_verify_rs(c->key, c->sig + n, n, c->sig, n, c->dgst, c->dlen);
	add_exp(c, "r-s-swapped", ok, "signature is s || r",
		"store r first: r at 0x04, s at 0x%zx", 4 + n);

	/* 5. little-endian r and s */
	for (i = 0; i < n; i++) {
		tmp[i] = c->sig[n - 1 - i];
		tmp[n + i] = c->sig[2 * n - 1 - i];
	}
	ok = fmt_ecdsa_verify_rs(c->key, tmp, n, tmp + n, n, c->dgst, c->dlen);
	add_exp(c, "r-s-little-endian", ok, "r and s are each stored little-endian",
		"byte-reverse r and s: the ROM reads big-endian integers (ESP32-style little-endian code was reused?)");
	ok = fmt_ecdsa_verify_rs(c->key, tmp + n, n, tmp, n, c->dgst, c->dlen);
	add_exp(c, "signature-reversed", ok,
		"the whole r || s field is byte-reversed (little-endian 2n-byte integer)",
		"write r then s, each big-endian");

	/* 6. short r or s not left-padded */
	{
		char title[160];

		snprintf(title, sizeof(title),
			 "r was %zu bytes and stored without its leading zero byte (s shifted left)", n - 1);
		ok = fmt_ecdsa_verify_rs(c->key, c->sig, n - 1, c->sig + n - 1, n, c->dgst, c->dlen);
		add_exp(c, "r-not-padded", ok, title,
			"left-pad r and s to %zu bytes each when converting DER to raw", n);
		snprintf(title, sizeof(title),
			 "s was %zu bytes and stored without its leading zero byte", n - 1);
		ok = fmt_ecdsa_verify_rs(c->key, c->sig, n, c->sig + n, n - 1, c->dgst, c->dlen);
		add_exp(c, "s-not-padded", ok, title,
			"left-pad r and s to %zu bytes each when converting DER to raw", n);
	}

	/* 7. other hash algorithm */
	{
		const char *other = !strcmp(s->md, "SHA256") ? "SHA384" : "SHA256";

		d2len = range_digest(s, other, s->ver_off, end, false, d2);
		ok = d2len && verify_plain(c, c->key, d2, d2len);
		add_exp(c, "hash-algorithm", ok, !strcmp(other, "SHA384") ?
			"signature is over SHA-384 of the signed range" :
			"signature is over SHA-256 of the signed range",
			"sign with %s (ECDSA_SHA_%s key usage / signing algorithm), which the ROM uses for %s",
			s->md, !strcmp(s->md, "SHA256") ? "256" : "384",
			fmt_curve_name(s->curve) ? fmt_curve_name(s->curve) : "this curve");
	}

	/* 8. candidate keys: signed by another key than the header's */
	for (i = 0; ks && i < ks->ring.n; i++) {
		EVP_PKEY *k = ks->ring.k[i].pkey;
		enum fmt_curve kc = fmt_key_curve(k);
		uint8_t xy[96];

		if (kc == CURVE_NONE || fmt_curve_bytes(kc) != n)
			continue;
		if (fmt_key_xy(k, xy, 2 * n) && s->xy && !memcmp(xy, s->xy, 2 * n))
			continue;
		ok = verify_plain(c, k, c->dgst, c->dlen);
		if (ok) {
			char title[320];

			snprintf(title, sizeof(title), "signature made with %s, not with the header's public key",
				 ks->ring.k[i].name);
			add_exp(c, "other-key", true, title,
				"the header (authentication extension) carries another public key than the signing key %s: put that key's X || Y, ecc_algo_type and PKH table in the header before signing",
				ks->ring.k[i].name);
		}
	}
}

/* Curve/algorithm mismatch: the header point is not on the declared curve. */
static void curve_mismatch(struct sigctx *c, struct rep *r)
{
	struct stm32 *s = c->s;
	enum fmt_curve alt;

	for (alt = CURVE_P256; alt <= CURVE_BP384T1; alt++) {
		EVP_PKEY *k;
		bool ok;

		if (alt == s->curve || fmt_curve_bytes(alt) * 2 != s->xy_len)
			continue;
		k = fmt_ec_from_xy(alt, s->xy, s->xy_len);
		if (!k)
			continue;
		ok = fmt_ecdsa_verify_rs(k, c->sig, c->n, c->sig + c->n, c->n, c->dgst, c->dlen);
		add_exp(c, "curve-algo-mismatch", ok, "the public key is a point of another curve than ecc_algo_type says",
			"ecc_algo_type is %u (%s) but the key is a %s point: set ecc_algo_type to %u and rebuild the PKH table (it hashes the algorithm)",
			s->algo, fmt_curve_name(s->curve) ? fmt_curve_name(s->curve) : "invalid",
			fmt_curve_name(alt), (unsigned int)alt);
		if (!c->key)
			rep_verdict(r, "public-key-curve", false,
				    "the header public key is not on %s (ecc_algo_type %u) but is a point of %s",
				    fmt_curve_name(s->curve) ? fmt_curve_name(s->curve) : "any declared curve",
				    s->algo, fmt_curve_name(alt));
		EVP_PKEY_free(k);
	}
}

static void emit_experiments(struct sigctx *c, struct rep *r)
{
	unsigned int i, hits = 0;

	rep_arr(r, "experiments");
	for (i = 0; i < c->nexp; i++) {
		struct experiment *e = &c->exp[i];

		rep_open(r, NULL, '{', "%*s%s %s: %s\n", r->depth * 2, "",
			 e->verifies ? "[VERIFIES]" : "[  no    ]", e->id, e->title);
		rep_put(r, "id", rv_str(e->id), NULL);
		rep_put(r, "hypothesis", rv_str(e->title), NULL);
		rep_put(r, "verifies", rv_bool(e->verifies), NULL);
		rep_put(r, "fix", rv_str(e->verifies ? e->fix : NULL), NULL);
		rep_close(r, '}');
		if (e->verifies)
			hits++;
	}
	rep_arr_end(r);
	for (i = 0; i < c->nexp; i++) {
		if (!c->exp[i].verifies)
			continue;
		char cause[64];

		snprintf(cause, sizeof(cause), "stm32-%s", c->exp[i].id);
		rep_verdict(r, "diagnosis", false, "%s", c->exp[i].title);
		rep_cause(r, true, cause, "%s", c->exp[i].fix);
		break;
	}
	if (!hits && c->der_cut) {
		rep_verdict(r, "diagnosis", false,
			    "the signature field starts with a DER header (30 %02x 02 ...) announcing %u bytes, more than the %zu-byte field: a DER signature was pasted and cut",
			    c->sig[1], c->sig[1] + 2u, c->s->sig_len);
		rep_cause(r, true, "stm32-der-pasted-raw",
			  "convert the signer's DER output to raw r || s (%zu-byte big-endian integers each: strip a leading 0x00, left-pad short values) and write those %zu bytes at 0x04",
			  c->n, 2 * c->n);
		return;
	}
	if (!hits)
		rep_cause(r, false, "stm32-signature-invalid",
			  "no known signing mistake reproduces this signature: it was made over other bytes (header changed after signing?) or with another key; re-sign the final image, and pass candidate keys with --key to test them");
}

static void check_signature(struct stm32 *s, const struct fmt_keys *ks, struct rep *r)
{
	struct sigctx *c;
	size_t end = s->hdr + s->img_len;
	unsigned int i;

	c = calloc(1, sizeof(*c));
	if (!c) {
		rep_verdict(r, "signature", false, "out of memory");
		return;
	}
	c->s = s;
	c->sig = s->buf + 4;
	c->n = fmt_curve_bytes(s->curve) ? fmt_curve_bytes(s->curve) : s->xy_len / 2;
	if (c->n * 2 > s->sig_len)
		c->n = s->sig_len / 2;

	rep_obj(r, "signature");
	{
		char alg[64];

		snprintf(alg, sizeof(alg), "ecdsa-%s-%s",
			 s->curve == CURVE_P256 ? "p256" : s->curve == CURVE_BP256T1 ? "brainpoolp256t1" :
			 s->curve == CURVE_P384 ? "p384" : s->curve == CURVE_BP384T1 ? "brainpoolp384t1" : "unknown",
			 !strcmp(s->md, "SHA384") ? "sha384" : "sha256");
		rep_str(r, "type", alg);
		rep_str(r, "algorithm", alg);
	}
	rep_str(r, "encoding", "raw big-endian r || s");
	rep_strf(r, "signed_range", "[0x%zx, 0x%zx)", s->ver_off, end);
	rep_u64(r, "signed_range_start", s->ver_off);
	rep_u64(r, "signed_range_end", end);
	if (s->ver == 23)
		rep_str(r, "note", "v2.3 signed range and SHA-384 for P-384 are inferred from the v2.2 rule (no public ROM source)");
	if (end > s->len) {
		rep_str(r, "status", "not-checked");
		rep_obj_end(r);
		rep_verdict(r, "signature", false, "the signed range ends at 0x%zx, past the end of the file (0x%zx)",
			    end, s->len);
		free(c);
		return;
	}
	c->dlen = range_digest(s, s->md, s->ver_off, end, false, c->dgst);
	rep_hex(r, "digest", c->dgst, c->dlen);

	if (s->xy && s->curve != CURVE_NONE)
		c->key = fmt_ec_from_xy(s->curve, s->xy, s->xy_len);
	if (all_zero(c->sig, s->sig_len)) {
		rep_str(r, "status", "absent");
		rep_obj_end(r);
		if (s->ver == 10 && (s->flags & 1)) {
			/* the header itself asks for no check: fine on an open device only */
			r->not_verified = true;
			rep_verdict(r, "signature", true,
				    "the signature field is all zero and option_flags bit0 disables the check: boots on an open device, refused by a closed (secure boot) one");
		} else {
			rep_verdict(r, "signature", false, "the signature field is all zero: the image is not signed");
			rep_cause(r, false, "stm32-unsigned",
				  "sign the image with STM32_SigningTool_CLI (or an equivalent signer) before booting a closed device");
		}
		EVP_PKEY_free(c->key);
		free(c);
		return;
	}
	if (!s->xy) {
		const char *by = NULL;

		/* which candidate key made it, if any: tells what the header is missing */
		for (i = 0; ks && i < ks->ring.n && !by; i++) {
			enum fmt_curve kc = fmt_key_curve(ks->ring.k[i].pkey);
			size_t n = fmt_curve_bytes(kc);
			uint8_t d[64];
			size_t dl;

			if (kc == CURVE_NONE || 2 * n > s->sig_len)
				continue;
			dl = range_digest(s, n == 48 ? "SHA384" : "SHA256", s->ver_off, end, false, d);
			if (dl && fmt_ecdsa_verify_rs(ks->ring.k[i].pkey, c->sig, n, c->sig + n, n, d, dl))
				by = ks->ring.k[i].name;
		}
		rep_str(r, "status", "not-checked");
		rep_str(r, "verifies_with", by);
		rep_obj_end(r);
		rep_verdict(r, "signature", false,
			    "no public key in the header (no authentication extension): the ROM cannot verify it%s%s",
			    by ? "; the signature does verify with " : "", by ? by : "");
		rep_cause(r, false, "stm32-no-auth-extension",
			  "add the authentication extension (public key, PKH table, pk_idx) with the signing tool and re-sign");
		free(c);
		return;
	}
	if (c->key && fmt_ecdsa_verify_rs(c->key, c->sig, c->n, c->sig + c->n, c->n, c->dgst, c->dlen)) {
		const struct key *named = NULL;

		rep_str(r, "status", "valid");
		rep_bool(r, "high_s", fmt_ecdsa_high_s(s->curve, c->sig + c->n, c->n));
		for (i = 0; ks && i < ks->ring.n && !named; i++) {
			uint8_t xy[96];

			if (fmt_key_curve(ks->ring.k[i].pkey) == s->curve &&
			    fmt_key_xy(ks->ring.k[i].pkey, xy, s->xy_len) && !memcmp(xy, s->xy, s->xy_len))
				named = &ks->ring.k[i];
		}
		rep_str(r, "key", named ? named->name : "header public key");
		rep_obj(r, "signed_by");
		rep_str(r, "name", named ? named->name : "header public key");
		rep_str(r, "origin", named ? named->origin : "header");
		rep_obj_end(r);
		rep_obj_end(r);
		rep_verdict(r, "signature", true, "ECDSA %s over [0x%zx, 0x%zx) verifies with the header public key",
			    fmt_curve_name(s->curve), s->ver_off, end);
		EVP_PKEY_free(c->key);
		free(c);
		return;
	}
	rep_str(r, "status", "invalid");
	rep_put(r, "signed_by", rv_null(), NULL);
	if (c->key) {
		rep_bool(r, "high_s", fmt_ecdsa_high_s(s->curve, c->sig + c->n, c->n));
		run_experiments(c, ks);
	} else {
		rep_verdict(r, "public-key-curve", false, "the header public key is not a point of %s (ecc_algo_type %u)",
			    fmt_curve_name(s->curve) ? fmt_curve_name(s->curve) : "a known curve", s->algo);
	}
	curve_mismatch(c, r);
	emit_experiments(c, r);
	rep_obj_end(r);
	rep_verdict(r, "signature", false, "ECDSA over [0x%zx, 0x%zx) does not verify with the header public key",
		    s->ver_off, end);
	EVP_PKEY_free(c->key);
	free(c);
}

/* ---- candidate keys vs header key ------------------------------------- */

static void match_keys(struct stm32 *s, const struct fmt_keys *ks, struct rep *r)
{
	unsigned int i, hit = 0;
	uint8_t xy[96];

	if (!ks || !ks->ring.n || !s->xy)
		return;
	rep_arr(r, "candidate_keys");
	for (i = 0; i < ks->ring.n; i++) {
		char desc[64];
		bool same;

		fmt_key_desc(ks->ring.k[i].pkey, desc, sizeof(desc));
		same = fmt_key_curve(ks->ring.k[i].pkey) == s->curve && s->curve != CURVE_NONE &&
		       fmt_key_xy(ks->ring.k[i].pkey, xy, s->xy_len) && !memcmp(xy, s->xy, s->xy_len);
		rep_open(r, NULL, '{', "%*s%s (%s): %s\n", r->depth * 2, "", ks->ring.k[i].name,
			 desc, same ? "is the header public key" : "not the header key");
		rep_put(r, "file", rv_str(ks->ring.k[i].name), NULL);
		rep_put(r, "type", rv_str(desc), NULL);
		rep_put(r, "is_header_key", rv_bool(same), NULL);
		rep_close(r, '}');
		hit += same;
	}
	rep_arr_end(r);
	rep_verdict(r, "candidate-keys", hit > 0, hit ? "the header public key is one of the given keys" :
		    "none of the %zu given keys is the public key in the header", ks->ring.n);
}

/* ---- entry ----------------------------------------------------------- */

int fmt_stm32_inspect(const uint8_t *buf, size_t len, const struct fmt_opts *o,
		      const struct fmt_keys *ks, struct rep *r)
{
	struct stm32 s = { .buf = buf, .len = len };
	uint32_t v, cks = 0, want;
	size_t i, pay_end;

	if (len < 0x4C || get_le32(buf) != 0x324D5453) {
		if (len < 0x4C)
			rep_length(r, "header-length", 0x80, len,
				   "the file is %zu bytes; the smallest STM32 header (v2.0/v2.2) is 0x80 = 128 bytes",
				   len);
		rep_unparseable(r, "stm32-truncated",
				"the file is %zu bytes, shorter than any STM32 header (at least 0x80): it was truncated", len);
		return 2;
	}
	/* (a v2.3 header cut before 0xA0 still says 2.3 at 0x68) */
	if (len >= 0x6C && get_le32(buf + 0x68) == 0x00020300) {
		s.ver = 23;
		s.base = 0xA0;
		s.sig_len = 96;
		s.ver_off = 0x68;
	} else {
		v = get_le32(buf + 0x48);
		s.ver_off = 0x48;
		s.sig_len = 64;
		if ((v & 0xFFFF00FFu) == 0x00010000u) {
			s.ver = 10;
			s.base = 0x100;
		} else if ((v & 0xFFFF00FFu) == 0x00020000u && v != 0x00020300u) {
			/* 2.0 (MP13), 2.1/2.2 (MP2x) share the 128-byte base header */
			s.ver = v == 0x00020000u ? 20 : 22;
			s.base = 0x80;
		} else {
			rep_strf(r, "header_version", "0x%08x at 0x48 (0x%08x at 0x68)", v,
				 len >= 0x6C ? get_le32(buf + 0x68) : 0);
			rep_unparseable(r, "stm32-unknown-version",
					"header_version 0x%08x is none of 1.0 (0x00010000), 2.0 (0x00020000), 2.2 (0x00020200) or 2.3 (0x00020300 at 0x68): regenerate the header with the signing tool for your SoC",
					v);
			return 2;
		}
	}
	rep_strf(r, "format_version", "%u.%u", s.ver / 10, s.ver % 10);
	rep_str(r, "soc", s.ver == 10 ? "STM32MP15" : s.ver == 20 ? "STM32MP13" :
		s.ver == 22 ? "STM32MP25/MP23" : "STM32MP21 (or STM32N6)");
	if (len < s.base) {
		rep_length(r, "header-length", s.base, len,
			   "the v%u.%u header is 0x%zx = %zu bytes, the file has %zu",
			   s.ver / 10, s.ver % 10, s.base, s.base, len);
		rep_unparseable(r, "stm32-truncated",
				"the file is 0x%zx bytes, shorter than the 0x%zx-byte v%u.%u header: it was truncated",
				len, s.base, s.ver / 10, s.ver % 10);
		return 2;
	}
	s.cks_off = s.ver_off - 4;
	s.len_off = s.ver_off + 4;
	s.img_len = get_le32(buf + s.len_off);
	s.flags = get_le32(buf + s.ver_off + 28);
	s.pkh_len = 32;
	s.md = "SHA256";
	if (s.ver == 10) {
		s.hdr = 0x100;
		s.algo = get_le32(buf + 0x68);
		s.xy = buf + 0x6C;
		s.xy_len = 64;
	} else {
		uint32_t ext = get_le32(buf + s.ver_off + 32);

		if (ext > len - s.base) {
			dump_header(&s, r);
			rep_length(r, "extension-length", (uint64_t)s.base + ext, len,
				   "header 0x%zx + extension_headers_length 0x%x = %llu bytes, the file has %zu",
				   s.base, ext, (unsigned long long)s.base + ext, len);
			rep_unparseable(r, "stm32-extension-length",
					"extension_headers_length 0x%x runs past the end of the 0x%zx-byte file: the header is corrupt or the file truncated",
					ext, len);
			return 2;
		}
		s.hdr = s.base + ext;
		if (s.ver == 23)
			s.pkh_len = 48;
	}
	dump_header(&s, r);
	if (s.ver != 10)
		parse_extensions(&s, r);
	s.curve = algo_curve(s.algo);
	if (s.ver == 23 && (s.curve == CURVE_P256 || s.curve == CURVE_BP256T1)) {
		/* 256-bit key in the 96-byte slot: use its first 64 bytes [inferred] */
		s.xy_len = 64;
	}
	if (fmt_curve_bytes(s.curve) == 48) {
		s.md = "SHA384";
		if (s.ver != 23)
			s.curve = CURVE_NONE;
	}
	if (s.xy)
		rep_verdict(r, "ecc-algorithm", s.curve != CURVE_NONE,
			    "ecc_algo_type %u (%s)%s", s.algo, algo_name(s.algo),
			    s.curve == CURVE_NONE ? ": not valid for this header version" : "");

	/* length, checksum, reserved fields */
	pay_end = s.hdr + s.img_len;
	if (pay_end > len)
		rep_length(r, "image-length", pay_end, len,
			   "header + image_length = 0x%zx (%zu) but the file has 0x%zx (%zu) bytes: the payload is truncated",
			   pay_end, pay_end, len, len);
	else
		rep_length(r, "image-length", pay_end, len, "header 0x%zx + image_length 0x%x = 0x%zx%s",
			   s.hdr, s.img_len, pay_end,
			   pay_end < len ? " (file has trailing bytes after the payload, which the ROM ignores)" : "");
	if (pay_end > len)
		rep_cause(r, false, "stm32-truncated-payload",
			  "the file is shorter than the header says (0x%zx < 0x%zx): copy the whole image, or fix image_length",
			  len, pay_end);
	for (i = s.hdr; i < pay_end && i < len; i++)
		cks += buf[i];
	want = get_le32(buf + s.cks_off);
	rep_verdict(r, "checksum", cks == want,
		    "sum of payload bytes 0x%08x, header says 0x%08x", cks, want);
	if (cks != want)
		rep_cause(r, false, "stm32-checksum",
			  "the payload changed after the header was made (checksum 0x%08x != 0x%08x): regenerate the header and re-sign the final payload",
			  cks, want);
	rep_verdict(r, "reserved-fields",
		    !get_le32(buf + s.ver_off + 12) && !get_le32(buf + s.ver_off + 20),
		    "reserved1 = 0x%08x, reserved2 = 0x%08x (must be 0)",
		    get_le32(buf + s.ver_off + 12), get_le32(buf + s.ver_off + 20));
	{
		size_t po = s.ver == 10 ? 0xAC : s.ver == 23 ? 0x90 : 0x70;
		size_t pl = s.ver == 10 ? 83 : s.ver == 23 ? 8 : 16;

		rep_verdict(r, "header-padding", all_zero(buf + po, pl),
			    "%zu padding bytes at 0x%zx %s", pl, po,
			    all_zero(buf + po, pl) ? "are zero" : "are not zero (U-Boot's stm32image check refuses the header)");
	}
	if (s.xy)
		check_key_hashes(&s, o, r);
	match_keys(&s, ks, r);
	check_signature(&s, ks, r);
	return r->status;
}
