// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc-diag sign: produce OP-TEE remoteproc F3 (TLV) signed images.
 *
 * Layout (byte-identical to what OP-TEE's signing script emits for the same
 * inputs with an RSA key): 20-byte header, TLV records SIGNTYPE, NUM_IMG,
 * IMGTYPE, IMGSIZE, HASHTYPE, HASHTABLE, [PKEYINFO], [platform TLVs in the
 * order first given], signature padded to 8, then each ELF file verbatim,
 * zero-padded to 8.  The signature covers header and TLV area.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "cmd/commands.h"
#include "common/file.h"
#include "common/hash.h"
#include "keys/key.h"
#include "rproc_image.h"
#include "optee/sign.h"

#define MAX_IN SIGN_MAX_IN
#define MAX_PLAT SIGN_MAX_PLAT
#define EM_ARM 40

struct in_elf {
	const char *path;
	int fd;
	const uint8_t *map;
	size_t size;
	uint32_t phoff;
	uint16_t phnum;
};

struct plat_tlv {
	uint32_t id;
	uint8_t val[256];
	size_t len;
};

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static int buf_put(struct buf *b, const void *d, size_t n)
{
	uint8_t *np;

	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 256;
		np = realloc(b->p, b->cap);
		if (!np)
			return -1;
		b->p = np;
	}
	memcpy(b->p + b->len, d, n);
	b->len += n;
	return 0;
}

static int buf_le32(struct buf *b, uint32_t v)
{
	uint8_t x[4] = { v, v >> 8, v >> 16, v >> 24 };

	return buf_put(b, x, 4);
}

static int buf_pad8(struct buf *b)
{
	static const uint8_t z[8];

	return buf_put(b, z, (8 - b->len % 8) % 8);
}

static int tlv_put(struct buf *b, uint32_t type, const void *val, size_t len)
{
	static const uint8_t z[8];

	if (buf_le32(b, type) || buf_le32(b, (uint32_t)len) || buf_put(b, val, len))
		return -1;
	return buf_put(b, z, (8 - len % 8) % 8);
}

static void err_in(const char *what, const char *path, const char *why)
{
	fprintf(stderr, "%s sign: %s `%s': %s\n", prog, what, path, why);
}

static int open_elf(struct in_elf *e)
{
	struct stat st;
	const uint8_t *h;
	uint8_t *buf;
	uint32_t i;
	int ret;

	e->map = NULL;
	e->fd = open(e->path, O_RDONLY | O_CLOEXEC);
	if (e->fd < 0 || fstat(e->fd, &st)) {
		err_in("cannot open input", e->path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size < 52 || (uint64_t)st.st_size > 0xffffffffULL) {
		err_in("input", e->path, "is not a regular file of 52 bytes to 4 GiB (give the firmware ELF)");
		return -1;
	}
	e->size = (size_t)st.st_size;
	/*
	 * Read, not mapped: hashed and written from the same bytes, and a
	 * file that shrinks meanwhile is an error, not a SIGBUS.
	 */
	ret = file_read_all(e->fd, &st, 0xffffffffULL, &buf);
	if (ret) {
		err_in("cannot read input", e->path, file_strerror(ret));
		return -1;
	}
	e->map = buf;
	h = e->map;
	if (memcmp(h, "\x7f" "ELF", 4) || h[4] != 1 || h[5] != 1) {
		err_in("input", e->path,
		       "is not a little-endian ELF32 file (sign the linked firmware .elf, not a .bin or an already signed image)");
		return -1;
	}
	if (rpi_le16(h + 18) != EM_ARM) {
		char why[128];

		snprintf(why, sizeof(why), "e_machine is %u, not 40 (EM_ARM): not Cortex-M firmware",
			 rpi_le16(h + 18));
		err_in("input", e->path, why);
		return -1;
	}
	e->phoff = rpi_le32(h + 28);
	e->phnum = rpi_le16(h + 44);
	if (!e->phnum || rpi_le16(h + 42) != 32 ||
	    (uint64_t)e->phoff + (uint64_t)e->phnum * 32 > e->size) {
		err_in("input", e->path, "has no program headers inside the file (not a linked executable?)");
		return -1;
	}
	for (i = 0; i < e->phnum; i++) {
		const uint8_t *p = h + e->phoff + 32 * i;

		if ((uint64_t)rpi_le32(p + 4) + rpi_le32(p + 16) > e->size) {
			char why[160];

			snprintf(why, sizeof(why),
				 "program header %u (offset 0x%x, filesz 0x%x) points past the end of the file (truncated ELF?)",
				 i, rpi_le32(p + 4), rpi_le32(p + 16));
			err_in("input", e->path, why);
			return -1;
		}
	}
	return 0;
}

static void close_elf(struct in_elf *e)
{
	free((void *)e->map);
	if (e->fd >= 0)
		close(e->fd);
}

/* Parse --plat-tlv ID VALUE; adds or replaces (keeping the first position). */
static int add_plat(struct plat_tlv *pt, size_t *n, const char *id_s, const char *val_s)
{
	unsigned long id;
	unsigned long long v;
	char *end;
	size_t i;
	struct plat_tlv t;

	memset(&t, 0, sizeof(t));
	if (!strcmp(id_s, "BOOTADDR")) {
		id = RPI_TLV_ST_BOOTADDR;
	} else if (!strcmp(id_s, "BOOTSEC")) {
		id = RPI_TLV_ST_BOOTSEC;
	} else {
		errno = 0;
		id = strtoul(id_s, &end, 0);
		if (errno || *end || end == id_s || id < RPI_TLV_PLAT_MIN || id > RPI_TLV_PLAT_MAX) {
			fprintf(stderr,
				"%s sign: --plat-tlv ID `%s' is not BOOTADDR, BOOTSEC or a number from 0x10000 to 0x1ffff\n",
				prog, id_s);
			return -1;
		}
	}
	t.id = (uint32_t)id;
	if (!strncmp(val_s, "0x", 2) || !strncmp(val_s, "0X", 2)) {
		errno = 0;
		v = strtoull(val_s, &end, 16);
		if (errno || *end || end == val_s + 2 || v > 0xffffffffULL) {
			fprintf(stderr,
				"%s sign: --plat-tlv %s value `%s' is not a 32-bit hex number (e.g. 0x80100000)\n",
				prog, id_s, val_s);
			return -1;
		}
		t.val[0] = v;
		t.val[1] = v >> 8;
		t.val[2] = v >> 16;
		t.val[3] = v >> 24;
		t.len = 4;
	} else {
		if (t.id == RPI_TLV_ST_BOOTADDR || t.id == RPI_TLV_ST_BOOTSEC) {
			fprintf(stderr,
				"%s sign: --plat-tlv %s needs a hex address such as 0x80100000, not `%s'\n",
				prog, id_s, val_s);
			return -1;
		}
		t.len = strlen(val_s);
		if (t.len > sizeof(t.val)) {
			fprintf(stderr, "%s sign: --plat-tlv %s value is longer than %zu bytes\n",
				prog, id_s, sizeof(t.val));
			return -1;
		}
		memcpy(t.val, val_s, t.len);
	}
	for (i = 0; i < *n; i++) {
		if (pt[i].id == t.id) {
			pt[i] = t;
			return 0;
		}
	}
	if (*n == MAX_PLAT) {
		fprintf(stderr, "%s sign: more than %d --plat-tlv options\n", prog, MAX_PLAT);
		return -1;
	}
	pt[(*n)++] = t;
	return 0;
}

static int read_small(const char *what, const char *path, uint8_t **out, size_t *len,
		      size_t max)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0 || fstat(fd, &st)) {
		err_in(what, path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if ((uint64_t)st.st_size > max) {
		err_in(what, path, "is too large");
		close(fd);
		return -1;
	}
	*len = (size_t)st.st_size;
	*out = malloc(*len ? *len : 1);
	ret = *out ? fd_read_at(fd, 0, *out, *len) : -ENOMEM;
	close(fd);
	if (ret) {
		err_in(what, path, strerror(-ret));
		free(*out);
		return -1;
	}
	return 0;
}

static int write_all(int fd, const void *d, size_t n)
{
	const uint8_t *p = d;
	ssize_t w;

	while (n) {
		w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The input ELF into the output: the very bytes that were hashed. */
static int copy_elf(int out, const struct in_elf *e)
{
	return write_all(out, e->map, e->size);
}

int sign_build(const struct sign_opts *so, FILE *msg)
{
	struct in_elf in[MAX_IN];
	struct buf tlv = { 0 };
	struct key key;
	uint8_t *kinfo = NULL, *ext = NULL, sig[1024], dig[32], hdr[RPI_F3_HDR_LEN];
	uint8_t n8, types[MAX_IN], sizes[4 * MAX_IN], z[8] = { 0 };
	uint32_t img_len = 0, sign_len;
	size_t i, k, kinfo_len = 0, ext_len = 0, siglen;
	char err[512], hx[65], tmp[4200];
	EVP_MD_CTX *md = NULL;
	int fd = -1, ret = 2;

	memset(&key, 0, sizeof(key));
	for (i = 0; i < so->nin; i++) {
		in[i].path = so->in[i];
		in[i].fd = -1;
		in[i].map = NULL;
	}
	if (key_load_file(&key, so->key, so->passphrase, err, sizeof(err))) {
		fprintf(stderr, "%s sign: --key: %s\n", prog, err);
		return 2;
	}
	if (!key_sign_type(&key)) {
		fprintf(stderr, "%s sign: key `%s' is %s: use an RSA key or an EC P-256 key\n",
			prog, so->key, key_kind_str(&key, err, sizeof(err)));
		goto out;
	}
	if (!key.has_private && !so->digest_out && !so->signature) {
		fprintf(stderr,
			"%s sign: key `%s' is a public key: give the private key, or use --digest-out and --signature to sign elsewhere (HSM, KMS)\n",
			prog, so->key);
		goto out;
	}
	if (so->key_info && read_small("cannot read --key-info", so->key_info, &kinfo, &kinfo_len,
				       1U << 20))
		goto out;
	for (i = 0; i < so->nin; i++)
		if (open_elf(&in[i]))
			goto out;

	/* TLV area, in the order the reference script writes it */
	n8 = (uint8_t)so->nin;
	sign_len = (uint32_t)key_sig_len(&key);
	types[0] = (uint8_t)key_sign_type(&key);
	if (tlv_put(&tlv, RPI_TLV_SIGNTYPE, types, 1) || tlv_put(&tlv, RPI_TLV_NUM_IMG, &n8, 1))
		goto oom;
	for (i = 0; i < so->nin; i++) {
		uint32_t sz = (uint32_t)RPI_R8(in[i].size);

		types[i] = RPI_IMG_ELF;
		sizes[4 * i] = sz;
		sizes[4 * i + 1] = sz >> 8;
		sizes[4 * i + 2] = sz >> 16;
		sizes[4 * i + 3] = sz >> 24;
		if (RPI_R8(in[i].size) + img_len > 0xffffffffULL) {
			fprintf(stderr, "%s sign: the images add up to more than 4 GiB\n", prog);
			goto out;
		}
		img_len += sz;
	}
	n8 = 1;
	if (tlv_put(&tlv, RPI_TLV_IMGTYPE, types, so->nin) ||
	    tlv_put(&tlv, RPI_TLV_IMGSIZE, sizes, 4 * so->nin) ||
	    tlv_put(&tlv, RPI_TLV_HASHTYPE, &n8, 1))
		goto oom;
	/* HASHTABLE: one entry per program header of every image */
	k = 0;
	for (i = 0; i < so->nin; i++)
		k += in[i].phnum;
	if (buf_le32(&tlv, RPI_TLV_HASHTABLE) || buf_le32(&tlv, (uint32_t)(64 * k)))
		goto oom;
	md = EVP_MD_CTX_new();
	if (!md)
		goto oom;
	for (i = 0; i < so->nin; i++) {
		for (k = 0; k < in[i].phnum; k++) {
			const uint8_t *ph = in[i].map + in[i].phoff + 32 * k;
			unsigned int dl = 32;

			if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1 ||
			    EVP_DigestUpdate(md, in[i].map + rpi_le32(ph + 4), rpi_le32(ph + 16)) != 1 ||
			    EVP_DigestFinal_ex(md, dig, &dl) != 1)
				goto oom;
			if (buf_put(&tlv, ph, 32) || buf_put(&tlv, dig, 32))
				goto oom;
		}
	}
	if (kinfo && tlv_put(&tlv, RPI_TLV_PKEYINFO, kinfo, kinfo_len))
		goto oom;
	for (i = 0; i < so->nplat; i++)
		if (tlv_put(&tlv, so->plat[i].id, so->plat[i].val, so->plat[i].len))
			goto oom;
	if (buf_pad8(&tlv))
		goto oom;

	memcpy(hdr, "\x68\xa4\x43\x35\x01\x00\x00\x00", 8);
	hdr[8] = tlv.len;
	hdr[9] = tlv.len >> 8;
	hdr[10] = tlv.len >> 16;
	hdr[11] = tlv.len >> 24;
	hdr[12] = sign_len;
	hdr[13] = sign_len >> 8;
	hdr[14] = sign_len >> 16;
	hdr[15] = sign_len >> 24;
	hdr[16] = img_len;
	hdr[17] = img_len >> 8;
	hdr[18] = img_len >> 16;
	hdr[19] = img_len >> 24;

	{
		unsigned int dl = 32;

		if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1 ||
		    EVP_DigestUpdate(md, hdr, sizeof(hdr)) != 1 ||
		    EVP_DigestUpdate(md, tlv.p, tlv.len) != 1 ||
		    EVP_DigestFinal_ex(md, dig, &dl) != 1)
			goto oom;
	}

	if (so->digest_out) {
		fd = open(so->digest_out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0 || write_all(fd, dig, 32) || close(fd)) {
			err_in("cannot write --digest-out", so->digest_out, strerror(errno));
			fd = -1;
			goto out;
		}
		fd = -1;
		hex_str(dig, 32, hx);
		fprintf(msg,
			"SHA-256 digest to sign: %s\n"
			"written as 32 raw bytes to %s.  Sign it AS A DIGEST (%s, SHA-256), do not hash it again:\n"
			"  e.g. openssl pkeyutl -sign -inkey KEY -pkeyopt digest:sha256 -in %s -out sig.bin\n"
			"then run the same command with --signature sig.bin instead of --digest-out.\n",
			hx, so->digest_out,
			key.kind == KEY_RSA ? "RSA PKCS#1 v1.5" : "ECDSA P-256",
			so->digest_out);
		if (!so->signature) {
			ret = 0;
			goto out;
		}
	}
	siglen = sign_len;
	if (so->signature) {
		if (read_small("cannot read --signature", so->signature, &ext, &ext_len, 8192))
			goto out;
		if (key_raw_signature(&key, ext, ext_len, sig, err, sizeof(err))) {
			fprintf(stderr, "%s sign: --signature `%s': %s\n", prog, so->signature, err);
			goto out;
		}
	} else if (key_sign(&key, dig, sig)) {
		fprintf(stderr, "%s sign: signing with `%s' failed\n", prog, so->key);
		goto out;
	}
	if (key_verify(&key, key_sign_type(&key), dig, sig, siglen) != 1) {
		hex_str(dig, 32, hx);
		fprintf(stderr,
			"%s sign: the signature does not verify with `%s' over digest %s: it was made with another key, over other inputs, or over a hashed digest (sign the digest itself); nothing written\n",
			prog, so->key, hx);
		ret = 1;
		goto out;
	}

	snprintf(tmp, sizeof(tmp), "%s.tmpXXXXXX", so->out);
	fd = mkstemp(tmp);
	if (fd < 0) {
		err_in("cannot create output next to", so->out, strerror(errno));
		goto out;
	}
	if (write_all(fd, hdr, sizeof(hdr)) || write_all(fd, tlv.p, tlv.len) ||
	    write_all(fd, sig, siglen) || write_all(fd, z, (8 - siglen % 8) % 8))
		goto werr;
	for (i = 0; i < so->nin; i++)
		if (copy_elf(fd, &in[i]) || write_all(fd, z, (8 - in[i].size % 8) % 8))
			goto werr;
	if (fchmod(fd, 0644) || close(fd)) {
		fd = -1;
		goto werr;
	}
	fd = -1;
	if (rename(tmp, so->out)) {
		err_in("cannot write output", so->out, strerror(errno));
		unlink(tmp);
		goto out;
	}
	hex_str(key.spki_sha256, 32, hx);
	fprintf(msg, "%s: F3 image, %zu image(s), %s signature by %s (spki-sha256 %s), %llu bytes\n",
		so->out, so->nin, key.kind == KEY_RSA ? "RSA PKCS#1 v1.5" : "ECDSA P-256",
		so->key, hx,
		(unsigned long long)(RPI_F3_HDR_LEN + tlv.len + RPI_R8(siglen) + img_len));
	ret = 0;
	goto out;
werr:
	err_in("cannot write output", so->out, strerror(errno));
	if (fd >= 0)
		close(fd);
	fd = -1;
	unlink(tmp);
	goto out;
oom:
	fprintf(stderr, "%s sign: out of memory\n", prog);
out:
	EVP_MD_CTX_free(md);
	for (i = 0; i < so->nin; i++)
		close_elf(&in[i]);
	free(tlv.p);
	free(kinfo);
	free(ext);
	key_free(&key);
	return ret;
}

/* First line of @path, without its newline (keeps the passphrase off argv). */
static int read_pass_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	if (!f || !fgets(buf, (int)len, f)) {
		fprintf(stderr, "%s sign: cannot read a passphrase from `%s': %s\n", prog, path,
			f ? "empty file" : strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\r\n")] = 0;
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s sign --in ELF [--in ELF]... --key KEY --out FILE [options]\n"
		"Produce an OP-TEE remoteproc F3 (TLV) signed image, as OP-TEE's\n"
		"sign_rproc_fw.py does (byte-identical output for RSA keys).\n"
		"  --in ELF            firmware ELF (repeat for several images, e.g. TF-M + NS)\n"
		"  --key KEY           RSA (any size) or EC P-256 private key, PEM or DER;\n"
		"                      a public key is enough with --digest-out/--signature\n"
		"  --passphrase PASS   passphrase of an encrypted key (also --key-pwd)\n"
		"  --passphrase-file F the passphrase is the first line of F\n"
		"  --key-info FILE     bytes of the PKEYINFO TLV (ST: DER SubjectPublicKeyInfo)\n"
		"  --plat-tlv ID VAL   platform TLV: ID BOOTADDR, BOOTSEC or 0x10000-0x1ffff;\n"
		"                      VAL 0x... (32-bit LE) or a string.  STM32MP2 needs\n"
		"                      --plat-tlv BOOTADDR and the M33 vector table's address\n"
		"                      (`rproc-diag fix` finds it in the ELF)\n"
		"  --out FILE          signed image\n"
		"  --digest-out FILE   write the 32-byte SHA-256 digest to sign elsewhere\n"
		"  --signature FILE    assemble with this signature (raw, or DER for ECDSA);\n"
		"                      checked against the key before anything is written\n",
		prog);
}

int cmd_sign(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "key", required_argument, NULL, 'k' },
		{ "passphrase", required_argument, NULL, 'p' },
		{ "key-pwd", required_argument, NULL, 'p' },
		{ "key_pwd", required_argument, NULL, 'p' },
		{ "passphrase-file", required_argument, NULL, 'F' },
		{ "key-info", required_argument, NULL, 'I' },
		{ "key_info", required_argument, NULL, 'I' },
		{ "plat-tlv", required_argument, NULL, 'P' },
		{ "digest-out", required_argument, NULL, 'd' },
		{ "signature", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static struct plat_tlv plat[MAX_PLAT];
	static char pass[1024];
	struct sign_opts so;
	size_t nplat = 0;
	int c;

	memset(&so, 0, sizeof(so));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (so.nin == MAX_IN) {
				fprintf(stderr, "%s sign: more than %d --in files\n", prog, MAX_IN);
				usage_hint("sign");
				return EXIT_USAGE;
			}
			so.in[so.nin++] = optarg;
			break;
		case 'o':
			so.out = optarg;
			break;
		case 'k':
			so.key = optarg;
			break;
		case 'p':
			so.passphrase = optarg;
			break;
		case 'F':
			if (read_pass_file(optarg, pass, sizeof(pass))) {
				usage_hint("sign");
				return EXIT_USAGE;
			}
			so.passphrase = pass;
			break;
		case 'I':
			so.key_info = optarg;
			break;
		case 'P':
			if (optind >= argc) {
				fprintf(stderr, "%s sign: --plat-tlv takes two arguments: ID VALUE\n", prog);
				usage_hint("sign");
				return EXIT_USAGE;
			}
			if (add_plat(plat, &nplat, optarg, argv[optind])) {
				usage_hint("sign");
				return EXIT_USAGE;
			}
			optind++;
			break;
		case 'd':
			so.digest_out = optarg;
			break;
		case 's':
			so.signature = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "%s sign: unknown option or missing argument `%s'\n", prog,
				argv[optind - 1]);
			usage_hint("sign");
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s sign: unexpected argument `%s' (input files go with --in)\n",
			prog, argv[optind]);
		usage_hint("sign");
		return EXIT_USAGE;
	}
	if (!so.nin || !so.key || (!so.out && !so.digest_out)) {
		fprintf(stderr, "%s sign: --in, --key and --out are required\n", prog);
		usage_hint("sign");
		return EXIT_USAGE;
	}
	if (so.signature && !so.out) {
		fprintf(stderr, "%s sign: --signature needs --out\n", prog);
		usage_hint("sign");
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < nplat; i++)
		so.plat[i] = (struct sign_plat){ plat[i].id, plat[i].val, plat[i].len };
	so.nplat = nplat;
	return sign_build(&so, stdout);
}
