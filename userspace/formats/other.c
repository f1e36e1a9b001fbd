// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Formats `inspect` recognises and dumps but does not verify: OP-TEE signed
 * TAs, TF-A FIPs, U-Boot uImages (CRCs are checked), FIT/DTB, ESP32 images
 * and ST SFI packages (heuristic: the SFI layout is not public).
 */
#include <string.h>

#include "formats/priv.h"
#include "common/json.h"

static const char *ta_img_type(uint32_t t)
{
	switch (t) {
	case 0: return "SHDR_TA (legacy signed TA)";
	case 1: return "SHDR_BOOTSTRAP_TA";
	case 2: return "SHDR_ENCRYPTED_TA";
	case 3: return "SHDR_SUBKEY";
	default: return "unknown";
	}
}

static const char *ta_algo(uint32_t a)
{
	switch (a) {
	case 0x70004830: return "RSASSA_PKCS1_V1_5_SHA256";
	case 0x70414930: return "RSASSA_PKCS1_PSS_MGF1_SHA256";
	default: return "other";
	}
}

/* TA signature over the stored hash with each candidate RSA key */
static void optee_ta_signature(const uint8_t *b, uint32_t algo, uint16_t hs, uint16_t ss,
			       const struct fmt_keys *ks, struct rep *r)
{
	const uint8_t *hash = b + 20, *sig = b + 20 + hs;
	const char *by = NULL, *origin = NULL;
	unsigned int i, tried = 0;
	bool pss = algo == 0x70414930;

	if (algo != 0x70004830 && !pss) {
		rep_verdict(r, "signature", false, "algo 0x%08x is not an RSA SHA-256 signature OP-TEE loads TAs with", algo);
		return;
	}
	for (i = 0; ks && i < ks->ring.n && !by; i++) {
		EVP_PKEY *k = ks->ring.k[i].pkey;

		if (EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA)
			continue;
		tried++;
		if (pss ? fmt_rsa_pss_verify(k, "SHA256", sig, ss, hash, hs) :
			  fmt_rsa_pkcs1_verify(k, "SHA256", sig, ss, hash, hs)) {
			by = ks->ring.k[i].name;
			origin = ks->ring.k[i].origin;
		}
	}
	rep_obj(r, "signature");
	rep_str(r, "type", pss ? "rsa-pss-sha256" : "rsa-pkcs1v15-sha256");
	rep_str(r, "status", by ? "valid" : tried ? "invalid" : "not-checked");
	if (by) {
		rep_obj(r, "signed_by");
		rep_str(r, "name", by);
		rep_str(r, "origin", origin);
		rep_obj_end(r);
	} else {
		rep_put(r, "signed_by", rv_null(), NULL);
	}
	rep_obj_end(r);
	if (by) {
		r->not_verified = false;
		rep_verdict(r, "signature", true, "the signature over the stored hash verifies with %s", by);
	} else if (tried) {
		rep_verdict(r, "signature", false, "none of the %u RSA candidate keys verifies the signature", tried);
		rep_cause(r, false, "optee-ta-wrong-key",
			  "the TA was signed with another key than the given ones; OP-TEE accepts only TAs signed with the key built into it (TA_SIGN_KEY, default keys/default_ta.pem or keys/default.pem)");
	} else {
		rep_verdict(r, "signature", true, "not checked: no RSA candidate key given (--key)");
	}
}

static void optee_ta(const uint8_t *b, size_t len, const struct fmt_keys *ks, struct rep *r)
{
	uint32_t type, img_size, algo;
	uint16_t hs, ss;
	size_t off, bs = 0;

	if (len < 20) {
		rep_length(r, "header-length", 20, len, "the TA signed header is 20 bytes, the file has %zu", len);
		rep_unparseable(r, "optee-ta-truncated", "the file is %zu bytes, shorter than the 20-byte TA signed header", len);
		return;
	}
	type = get_le32(b + 4);
	img_size = get_le32(b + 8);
	algo = get_le32(b + 12);
	hs = get_le16(b + 16);
	ss = get_le16(b + 18);
	off = 20 + (size_t)hs + ss;
	rep_obj(r, "header");
	rep_x32(r, "magic", get_le32(b));
	rep_strf(r, "img_type", "%u (%s)", type, ta_img_type(type));
	rep_x32(r, "img_size", img_size);
	rep_strf(r, "algo", "0x%08x (%s)", algo, ta_algo(algo));
	rep_u64(r, "hash_size", hs);
	rep_u64(r, "sig_size", ss);
	if (off <= len) {
		rep_hex(r, "hash", b + 20, hs);
		rep_hex(r, "signature", b + 20 + hs, ss);
		if ((type == 1 || type == 2) && off + 20 <= len) {
			const uint8_t *u = b + off;

			bs = 20;
			rep_strf(r, "uuid", "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
				 get_be32(u), (u[4] << 8) | u[5], (u[6] << 8) | u[7], u[8], u[9],
				 u[10], u[11], u[12], u[13], u[14], u[15]);
			rep_u64(r, "ta_version", get_le32(u + 16));
		}
	}
	rep_obj_end(r);
	rep_length(r, "structure", off, len,
		   "20-byte header + %u-byte hash + %u-byte signature = %zu bytes %s the %zu-byte file",
		   hs, ss, off, off <= len ? "fit in" : "run past", len);
	if (off > len) {
		rep_cause(r, false, "optee-ta-truncated", "the TA file is truncated: copy it again from the build (out/*.ta)");
		return;
	}
	if (type == 0 || type == 1) {
		size_t img_off = off + bs;
		uint8_t d[32];
		EVP_MD_CTX *c;
		EVP_MD *m;
		unsigned int n = 0;

		if (hs != 32 || img_off > len || img_size != len - img_off) {
			if (hs == 32 && img_off <= len && img_size > len - img_off)
				rep_length(r, "image-size", (uint64_t)img_off + img_size, len,
					   "headers + img_size %u = %llu bytes, the file has %zu", img_size,
					   (unsigned long long)img_off + img_size, len);
			rep_verdict(r, "image-size", false,
				    "img_size %u, but %zu bytes follow the headers (hash size %u)", img_size,
				    img_off <= len ? len - img_off : 0, hs);
			rep_cause(r, false, "optee-ta-truncated",
				  "the TA file does not have the size its header says: copy it again from the build (out/*.ta)");
			return;
		}
		/* hash = SHA-256(shdr || [bootstrap header] || TA ELF) */
		c = EVP_MD_CTX_new();
		m = EVP_MD_fetch(NULL, "SHA256", NULL);
		if (!c || !m || !EVP_DigestInit_ex(c, m, NULL) || !EVP_DigestUpdate(c, b, 20) ||
		    (bs && !EVP_DigestUpdate(c, b + off, bs)) ||
		    !EVP_DigestUpdate(c, b + img_off, img_size) || !EVP_DigestFinal_ex(c, d, &n))
			n = 0;
		EVP_MD_free(m);
		EVP_MD_CTX_free(c);
		rep_verdict(r, "ta-hash", n == 32 && !memcmp(d, b + 20, 32),
			    "SHA-256 of header%s and TA binary %s the stored hash",
			    bs ? ", bootstrap header" : "", n == 32 && !memcmp(d, b + 20, 32) ? "equals" : "differs from");
		if (n != 32 || memcmp(d, b + 20, 32))
			rep_cause(r, false, "optee-ta-hash-mismatch",
				  "the TA changed after signing (or its header was edited): rebuild and re-sign it with scripts/sign_encrypt.py");
	} else if (type == 2) {
		rep_verdict(r, "ta-hash", true, "encrypted TA: the hash covers the plaintext, which this tool cannot decrypt");
	} else {
		rep_verdict(r, "ta-hash", true, "img_type %u: subkey chains are not checked by this tool", type);
	}
	if (hs == 32 && type <= 2)
		optee_ta_signature(b, algo, hs, ss, ks, r);
	rep_str(r, "remoteproc_note",
		"this is a Trusted Application, not coprocessor firmware: the remoteproc TA needs an image made by sign_rproc_fw.py (magic 0x3543A468)");
}

/* TF-A ToC entry UUIDs (file byte order) and fiptool's names for them */
static const struct { const char *uuid, *name; } fip_names[] = {
	{ "5ff9ec0b4d223e4da544c39d81c73f0a", "tb-fw (BL2)" },
	{ "9766fd3d89bee849ae5d78a140608213", "scp-fw (SCP_BL2)" },
	{ "47d4086d4cfe98469b952950cbbd5a00", "soc-fw (BL31)" },
	{ "05d0e18953dc13478d2b500a4b7a3e38", "tos-fw (BL32)" },
	{ "0b70c29b2a5a78409f650a5682738288", "tos-fw-extra1 (BL32 extra 1)" },
	{ "8ea87bb1cfa23f4d85fde7bba50220d9", "tos-fw-extra2 (BL32 extra 2)" },
	{ "d6d0eea7fcead54b97829934f234b6e4", "nt-fw (BL33)" },
	{ "862d1d72f860e411920b8be762160f24", "rot-cert" },
	{ "827ee890f860e411a1b4777a21b4f94c", "trusted-key-cert" },
	{ "1c67873d5f63e411978d27c0c7148abd", "nt-key-cert" },
	{ "024221a1f860e4118d9bf33c0e15a014", "scp-fw-key-cert" },
	{ "8ab8beccf960e4119ad0eb4822d8dcf8", "soc-fw-key-cert" },
	{ "9477d603fb60e41185ddb7105b8cee04", "tos-fw-key-cert" },
	{ "8ad5832afb60e4118aafdf30bbc49859", "nt-fw-key-cert" },
	{ "d6e269ea5d63e4118d8c9fbabe9956a5", "tb-fw-cert" },
	{ "44be6f045e63e411b28b73d8eaae9656", "scp-fw-cert" },
	{ "e2b20c205e63e4119ce8abccf92bb666", "soc-fw-cert" },
	{ "a49f44115e63e41187283f05722af33d", "tos-fw-cert" },
	{ "8ec4c1f35d63e411a7a987ee40b23fa7", "nt-fw-cert" },
	{ "08b8f1d9c9cf9349a9626fbc6b7265cc", "hw-config" },
	{ "6c0458ffaf6b7d4f82edaa27bc69bfd2", "tb-fw-config" },
	{ "9979814b0376fb468c8e8d267f7859e0", "soc-fw-config" },
	{ "26257c1adbc67f478d96c4c4b0248021", "tos-fw-config" },
	{ "28da981593e87e44ac661aaf801550f9", "nt-fw-config" },
	{ "5807e16a845947be8ed5648e8dddab0e", "fw-config" },
};

static const char *fip_name(const uint8_t *u)
{
	char hex[33];
	size_t i, k;

	for (i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", u[i]);
	for (k = 0; k < sizeof(fip_names) / sizeof(fip_names[0]); k++) {
		const char *t = fip_names[k].uuid;
		size_t o = 0;

		for (i = 0; t[i] && o < 32; i++)
			if (t[i] != ' ' && t[i] != hex[o++])
				break;
		if (!t[i] && o == 32)
			return fip_names[k].name;
	}
	return NULL;
}

static void fip(const uint8_t *b, size_t len, struct rep *r)
{
	size_t off = 16;
	unsigned int n = 0;
	bool ok = true, term = false;

	if (len < 16) {
		rep_length(r, "header-length", 16, len, "the FIP ToC header is 16 bytes, the file has %zu", len);
		rep_unparseable(r, "fip-truncated", "the file is %zu bytes, shorter than the 16-byte FIP ToC header", len);
		return;
	}
	rep_obj(r, "header");
	rep_x32(r, "name", get_le32(b));
	rep_x32(r, "serial_number", get_le32(b + 4));
	rep_strf(r, "flags", "0x%08x%08x", get_le32(b + 12), get_le32(b + 8));
	rep_obj_end(r);
	rep_arr(r, "entries");
	while (off + 40 <= len && n < 256) {
		const uint8_t *e = b + off;
		uint64_t o = get_le32(e + 16) | (uint64_t)get_le32(e + 20) << 32;
		uint64_t sz = get_le32(e + 24) | (uint64_t)get_le32(e + 28) << 32;
		bool inside = o <= len && sz <= len - o;
		size_t i;
		bool null = true;

		for (i = 0; i < 16; i++)
			null &= !e[i];
		if (null) {
			term = true;
			break;
		}
		rep_obj(r, NULL);
		rep_strf(r, "uuid", "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
			 e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10], e[11],
			 e[12], e[13], e[14], e[15]);
		rep_str(r, "name", fip_name(e));
		rep_u64(r, "offset", o);
		rep_u64(r, "size", sz);
		rep_bool(r, "inside_file", inside);
		rep_obj_end(r);
		if (!inside)
			rep_length(r, "toc-entry", o > UINT64_MAX - sz ? UINT64_MAX : o + sz, len,
				   "entry %u [%llu, +%llu) ends at %llu, past the %zu-byte file", n,
				   (unsigned long long)o, (unsigned long long)sz,
				   (unsigned long long)(o > UINT64_MAX - sz ? UINT64_MAX : o + sz), len);
		ok &= inside;
		off += 40;
		n++;
	}
	rep_arr_end(r);
	rep_verdict(r, "toc", ok && term, "%u entries%s%s", n, term ? ", terminated by a null UUID" : ", no terminating entry",
		    ok ? "" : "; an entry points outside the file");
	if (!(ok && term))
		rep_cause(r, false, "fip-truncated", "the FIP is truncated or corrupt: rebuild it with fiptool create");
	rep_str(r, "verification", "the chain of trust (X.509 certificates inside the FIP) is checked by TF-A BL2, not by this tool");
}

static uint32_t crc32_be_bytes(const uint8_t *p, size_t n, uint32_t crc)
{
	size_t i;
	int k;

	crc = ~crc;
	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static void uimage(const uint8_t *b, size_t len, struct rep *r)
{
	uint8_t hdr[64];
	uint32_t size, hcrc, dcrc, c;
	char name[33];

	if (len < 64) {
		rep_length(r, "header-length", 64, len, "the uImage header is 64 bytes, the file has %zu", len);
		rep_unparseable(r, "uimage-truncated", "the file is %zu bytes, shorter than the 64-byte uImage header", len);
		return;
	}
	memcpy(hdr, b, 64);
	hcrc = get_be32(b + 4);
	size = get_be32(b + 12);
	dcrc = get_be32(b + 24);
	memcpy(name, b + 32, 32);
	name[32] = 0;
	rep_obj(r, "header");
	rep_x32(r, "header_crc", hcrc);
	rep_x32(r, "timestamp", get_be32(b + 8));
	rep_x32(r, "data_size", size);
	rep_x32(r, "load_address", get_be32(b + 16));
	rep_x32(r, "entry_point", get_be32(b + 20));
	rep_x32(r, "data_crc", dcrc);
	rep_u64(r, "os", b[28]);
	rep_u64(r, "arch", b[29]);
	rep_u64(r, "type", b[30]);
	rep_u64(r, "compression", b[31]);
	rep_str(r, "name", name);
	rep_obj_end(r);
	memset(hdr + 4, 0, 4);
	c = crc32_be_bytes(hdr, 64, 0);
	rep_verdict(r, "header-crc", c == hcrc, "CRC32 of the header 0x%08x, stored 0x%08x", c, hcrc);
	if (size > len - 64) {
		rep_length(r, "data-size", 64 + (uint64_t)size, len,
			   "data size 0x%x runs past the end of the file (0x%zx bytes after the header; header + data = %llu, file %zu)",
			   size, len - 64, 64 + (unsigned long long)size, len);
		rep_cause(r, false, "uimage-truncated", "the uImage is truncated: copy it again");
	} else {
		c = crc32_be_bytes(b + 64, size, 0);
		rep_verdict(r, "data-crc", c == dcrc, "CRC32 of the data 0x%08x, stored 0x%08x", c, dcrc);
		if (c != dcrc)
			rep_cause(r, false, "uimage-data-crc", "the data changed after mkimage ran: rebuild the uImage");
	}
	rep_str(r, "verification", "legacy uImages carry CRCs only, no signature: use a signed FIT for verified boot");
}

static void fdt(enum fmt_kind k, const uint8_t *b, size_t len, struct rep *r)
{
	uint32_t total;

	if (len < 40) {
		rep_length(r, "header-length", 40, len, "the FDT header is 40 bytes, the file has %zu", len);
		rep_unparseable(r, "fdt-truncated", "the file is %zu bytes, shorter than the 40-byte FDT header", len);
		return;
	}
	total = get_be32(b + 4);
	rep_obj(r, "header");
	rep_x32(r, "totalsize", total);
	rep_x32(r, "off_dt_struct", get_be32(b + 8));
	rep_x32(r, "off_dt_strings", get_be32(b + 12));
	rep_u64(r, "version", get_be32(b + 20));
	rep_obj_end(r);
	rep_length(r, "totalsize", total, len, "totalsize 0x%x (%u), file 0x%zx (%zu) bytes", total, total,
		   len, len);
	if (total > len)
		rep_cause(r, false, "fdt-truncated", "the blob is shorter than its header says: copy it again");
	if (k == FMT_FIT && total <= len) {
		r->not_verified = true;
		fmt_fit_inspect(b, len, r);
	}
}

static void esp32(const uint8_t *b, size_t len, struct rep *r)
{
	if (len < 24) {
		rep_length(r, "header-length", 24, len, "the ESP32 image header is 24 bytes, the file has %zu", len);
		rep_unparseable(r, "esp32-truncated",
				"the file is %zu bytes, shorter than the 24-byte ESP32 image header", len);
		return;
	}
	rep_obj(r, "header");
	rep_u64(r, "segments", b[1]);
	rep_u64(r, "spi_mode", b[2]);
	rep_x32(r, "entry_point", get_le32(b + 4));
	rep_obj_end(r);
	rep_str(r, "verification", "ESP32 secure boot signatures are checked by espsecure verify-signature, not by this tool");
}

static void sfi(struct rep *r)
{
	rep_str(r, "heuristic", "recognised by its file name only: the SFI/SFIx container layout is not public (ST UM2238, AN4992), so nothing inside it is checked");
	rep_arr(r, "checklist");
	rep_str(r, NULL, "flash erased and no write protection (WRP) active before the install");
	rep_str(r, NULL, "RDP level 0 (0xAA) before starting; SFI changes option bytes (TZEN, SECWM) itself");
	rep_str(r, NULL, "the HSM was personalised for this device's product ID and still has license credits");
	rep_str(r, NULL, "STM32CubeProgrammer / Trusted Package Creator versions match the RSS (or RSSe) version of the device");
	rep_str(r, NULL, "the package was made for this exact part number (area destination addresses and sizes)");
	rep_str(r, NULL, "see AN4992 and the part's SFI wiki page; an RSS error (e.g. 0xF5F5F5F5) is a reported condition, not a confirmed cause");
	rep_arr_end(r);
}

int fmt_other_inspect(enum fmt_kind k, const uint8_t *buf, size_t len,
		      const struct fmt_keys *ks, struct rep *r)
{
	r->not_verified = true;
	switch (k) {
	case FMT_OPTEE_TA:
		optee_ta(buf, len, ks, r);
		break;
	case FMT_FIP:
		fip(buf, len, r);
		break;
	case FMT_UIMAGE:
		r->not_verified = false;
		uimage(buf, len, r);
		break;
	case FMT_FIT:
	case FMT_DTB:
		fdt(k, buf, len, r);
		break;
	case FMT_ESP32:
		esp32(buf, len, r);
		break;
	case FMT_SFI:
		sfi(r);
		break;
	case FMT_OPTEE_RPROC:
	case FMT_ELF:
		break;
	default:
		rep_unparseable(r, "unknown-format",
				"the first bytes (%02x %02x %02x %02x) match no known image format: check that this is the signed image and not a raw binary, an archive or a text file",
				len > 0 ? buf[0] : 0, len > 1 ? buf[1] : 0, len > 2 ? buf[2] : 0,
				len > 3 ? buf[3] : 0);
		break;
	}
	return r->status;
}
