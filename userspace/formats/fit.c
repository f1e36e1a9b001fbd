// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * U-Boot FIT images: walk the flattened device tree (bounded), list the
 * /images nodes and recompute their hash-N nodes (crc32, sha1, sha256,
 * sha384, sha512) over the embedded or external data.  Signature nodes are
 * listed; checking them needs the U-Boot key (fit_check_sign).
 */
#include <stdlib.h>
#include <string.h>

#include "formats/priv.h"
#include "common/json.h"

#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4
#define FDT_END		9
#define MAX_DEPTH	16
#define MAX_IMAGES	32
#define MAX_HASHES	4

struct fit_hash {
	char node[48];
	char algo[16];
	const uint8_t *value;
	uint32_t vlen;
};

struct fit_image {
	char name[48];
	char type[32];
	const uint8_t *data;		/* embedded "data" */
	uint32_t dlen;
	bool ext;			/* data-offset / data-position + data-size */
	uint64_t ext_off;
	uint32_t ext_size;
	bool ext_abs;			/* data-position (absolute) */
	unsigned int nhash, nsig;
	struct fit_hash hash[MAX_HASHES];
};

struct fit {
	const uint8_t *b;
	size_t len;
	uint32_t total, strings, strings_size;
	unsigned int nimg;
	struct fit_image img[MAX_IMAGES];
};

static uint32_t crc32_le(const uint8_t *p, size_t n)
{
	uint32_t crc = ~0u;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static const char *prop_name(const struct fit *f, uint32_t off)
{
	size_t i;

	if (off >= f->strings_size)
		return "";
	for (i = off; i < f->strings_size; i++)
		if (!f->b[f->strings + i])
			return (const char *)f->b + f->strings + off;
	return "";
}

static void copy_str(char *dst, size_t size, const uint8_t *v, uint32_t len)
{
	size_t n = len < size - 1 ? len : size - 1;

	memcpy(dst, v, n);
	dst[n] = 0;		/* FDT strings carry their own NUL; this bounds the rest */
}

static uint64_t be_val(const uint8_t *v, uint32_t len)
{
	uint64_t x = 0;
	uint32_t i;

	for (i = 0; i < len && i < 8; i++)
		x = x << 8 | v[i];
	return x;
}

/* Walk the structure block; false on a malformed tree. */
static bool walk(struct fit *f, struct rep *r)
{
	uint32_t off = get_be32(f->b + 8), size = get_be32(f->b + 36), pos, end;
	char path[MAX_DEPTH][48];
	int depth = 0;
	struct fit_image *cur = NULL;
	struct fit_hash *hash = NULL;

	if (off < 40 || off >= f->total || (size && size > f->total - off)) {
		rep_verdict(r, "fdt-structure", false, "structure block offset 0x%x / size 0x%x outside the 0x%x-byte blob",
			    off, size, f->total);
		return false;
	}
	end = size ? off + size : f->total;
	pos = off;
	while (pos + 4 <= end) {
		uint32_t tag = get_be32(f->b + pos);

		pos += 4;
		if (tag == FDT_BEGIN_NODE) {
			uint32_t n = 0;

			while (pos + n < end && f->b[pos + n])
				n++;
			if (pos + n >= end || depth >= MAX_DEPTH)
				break;
			copy_str(path[depth], sizeof(path[0]), f->b + pos, n);
			depth++;
			pos = (pos + n + 1 + 3) & ~3u;
			hash = NULL;
			if (depth == 3 && !strcmp(path[1], "images") && f->nimg < MAX_IMAGES) {
				cur = &f->img[f->nimg++];
				memset(cur, 0, sizeof(*cur));
				snprintf(cur->name, sizeof(cur->name), "%s", path[2]);
			} else if (depth == 4 && cur && !strncmp(path[3], "hash", 4) &&
				   cur->nhash < MAX_HASHES) {
				hash = &cur->hash[cur->nhash++];
				memset(hash, 0, sizeof(*hash));
				snprintf(hash->node, sizeof(hash->node), "%s", path[3]);
			} else if (depth == 4 && cur && !strncmp(path[3], "signature", 9)) {
				cur->nsig++;
			}
		} else if (tag == FDT_END_NODE) {
			if (!depth)
				break;
			depth--;
			if (depth < 3)
				cur = NULL;
			hash = NULL;
		} else if (tag == FDT_PROP) {
			uint32_t plen, nameoff;
			const uint8_t *v;
			const char *name;

			if (pos + 8 > end)
				break;
			plen = get_be32(f->b + pos);
			nameoff = get_be32(f->b + pos + 4);
			if (plen > end - pos - 8)
				break;
			v = f->b + pos + 8;
			name = prop_name(f, nameoff);
			if (hash && depth == 4) {
				if (!strcmp(name, "algo"))
					copy_str(hash->algo, sizeof(hash->algo), v, plen);
				else if (!strcmp(name, "value")) {
					hash->value = v;
					hash->vlen = plen;
				}
			} else if (cur && depth == 3) {
				if (!strcmp(name, "data")) {
					cur->data = v;
					cur->dlen = plen;
				} else if (!strcmp(name, "type")) {
					copy_str(cur->type, sizeof(cur->type), v, plen);
				} else if (!strcmp(name, "data-offset") && plen == 4) {
					cur->ext = true;
					cur->ext_off = be_val(v, plen);
				} else if (!strcmp(name, "data-position") && (plen == 4 || plen == 8)) {
					cur->ext = true;
					cur->ext_abs = true;
					cur->ext_off = be_val(v, plen);
				} else if (!strcmp(name, "data-size") && plen == 4) {
					cur->ext_size = (uint32_t)be_val(v, plen);
				}
			}
			pos = (pos + 8 + plen + 3) & ~3u;
		} else if (tag == FDT_NOP) {
			continue;
		} else if (tag == FDT_END) {
			return true;
		} else {
			break;
		}
	}
	rep_verdict(r, "fdt-structure", false, "the structure block is malformed near offset 0x%x", pos);
	return false;
}

static void check_image(struct fit *f, struct fit_image *im, struct rep *r, unsigned int *bad)
{
	const uint8_t *data = im->data;
	uint64_t dlen = im->dlen;
	unsigned int h;

	if (im->ext) {
		uint64_t base = im->ext_abs ? 0 : ((uint64_t)f->total + 3) & ~3ull;

		dlen = im->ext_size;
		/* 64-bit data-position: no sum that can wrap */
		if (im->ext_off > f->len || base > f->len - im->ext_off ||
		    dlen > f->len - (base + im->ext_off)) {
			rep_length(r, "fit-data", im->ext_off > UINT64_MAX - base - dlen ? UINT64_MAX :
				   base + im->ext_off + dlen, f->len,
				   "image %s: external data [0x%llx, +0x%llx) is outside the 0x%zx-byte file",
				   im->name, (unsigned long long)(base + im->ext_off),
				   (unsigned long long)dlen, f->len);
			rep_cause(r, false, "fit-truncated", "the FIT's external data is missing: copy the whole .itb file");
			(*bad)++;
			return;
		}
		data = f->b + (size_t)(base + im->ext_off);
	}
	rep_obj(r, NULL);
	rep_str(r, "name", im->name);
	rep_str(r, "type", im->type[0] ? im->type : NULL);
	rep_u64(r, "data_size", dlen);
	rep_bool(r, "external_data", im->ext);
	rep_u64(r, "signatures", im->nsig);
	rep_arr(r, "hashes");
	for (h = 0; h < im->nhash; h++) {
		struct fit_hash *fh = &im->hash[h];
		uint8_t d[64];
		size_t dl = 0;
		bool known = true, ok;

		if (!data) {
			known = false;
		} else if (!strcmp(fh->algo, "crc32")) {
			uint32_t c = crc32_le(data, (size_t)dlen);

			d[0] = (uint8_t)(c >> 24);
			d[1] = (uint8_t)(c >> 16);
			d[2] = (uint8_t)(c >> 8);
			d[3] = (uint8_t)c;
			dl = 4;
		} else if (!strcmp(fh->algo, "sha1") || !strcmp(fh->algo, "sha256") ||
			   !strcmp(fh->algo, "sha384") || !strcmp(fh->algo, "sha512")) {
			dl = fmt_digest(fh->algo, data, (size_t)dlen, NULL, 0, d);
		} else {
			known = false;
		}
		ok = known && fh->value && fh->vlen == dl && !memcmp(d, fh->value, dl);
		rep_obj(r, NULL);
		rep_str(r, "node", fh->node);
		rep_str(r, "algo", fh->algo);
		if (fh->value)
			rep_hex(r, "stored", fh->value, fh->vlen);
		if (known)
			rep_hex(r, "computed", d, dl);
		rep_bool(r, "ok", ok);
		rep_obj_end(r);
		if (!known)
			rep_verdict(r, "fit-hash", true, "image %s %s: algorithm \"%s\" not checked", im->name,
				    fh->node, fh->algo);
		else
			rep_verdict(r, "fit-hash", ok, "image %s %s (%s) %s", im->name, fh->node, fh->algo,
				    ok ? "matches the data" : "differs from the data");
		if (known && !ok) {
			(*bad)++;
			rep_cause(r, false, "fit-hash-mismatch",
				  "image %s changed after mkimage computed its %s: rebuild the FIT with mkimage (and re-sign it)",
				  im->name, fh->algo);
		}
	}
	rep_arr_end(r);
	rep_obj_end(r);
}

void fmt_fit_inspect(const uint8_t *b, size_t len, struct rep *r)
{
	struct fit *f = calloc(1, sizeof(*f));
	unsigned int i, bad = 0, nsig = 0;

	if (!f) {
		rep_unparseable(r, "out-of-memory", "out of memory");
		return;
	}
	f->b = b;
	f->len = len;
	f->total = get_be32(b + 4);
	f->strings = get_be32(b + 12);
	f->strings_size = get_be32(b + 32);
	if (f->strings <= f->total && f->strings_size > f->total - f->strings)
		rep_length(r, "fdt-strings", (uint64_t)f->strings + f->strings_size, f->total,
			   "the strings block [0x%x, +0x%x) ends past totalsize 0x%x", f->strings,
			   f->strings_size, f->total);
	if (f->total > len || f->total < 40 || f->strings > f->total ||
	    f->strings_size > f->total - f->strings) {
		rep_verdict(r, "fdt-structure", false, "header sizes (total 0x%x, strings 0x%x+0x%x) do not fit the 0x%zx-byte file",
			    f->total, f->strings, f->strings_size, len);
		rep_cause(r, false, "fdt-truncated", "the FIT is truncated or corrupt: copy the whole .itb file");
		free(f);
		return;
	}
	if (walk(f, r)) {
		rep_arr(r, "images");
		for (i = 0; i < f->nimg; i++) {
			check_image(f, &f->img[i], r, &bad);
			nsig += f->img[i].nsig;
		}
		rep_arr_end(r);
		if (!bad)
			rep_verdict(r, "fit-images", f->nimg > 0, "%u images, every known hash matches", f->nimg);
	} else {
		rep_cause(r, false, "fdt-truncated", "the FIT's device tree is malformed: rebuild it with mkimage");
	}
	rep_str(r, "verification", nsig ?
		"image hashes checked; signature nodes need the U-Boot public key: fit_check_sign -f FILE -k KEY.dtb" :
		"image hashes checked; configuration signatures (if any) need fit_check_sign -f FILE -k KEY.dtb");
	free(f);
}
