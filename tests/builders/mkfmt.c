// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mkfmt: write STM32 boot-ROM or MCUboot test images with fresh keys.
 *
 *   mkfmt stm32 [--ver 10|20|22|23] [--curve P-256|brainpoolP256t1|P-384|brainpoolP384t1]
 *               [--mistake NAME] [--payload N] [--trailing N] [--nb-pk N] [--pk-idx N]
 *               [--no-auth] --out IMG --key-out PUB.pem [--other-out PUB.pem] [--otp-out FILE]
 *   mkfmt mcuboot [--key-type RSA-2048|RSA-3072|P-256|P-384|Ed25519] [--mistake NAME]
 *               [--payload N] [--hdr-size N] [--sec-cnt] [--dependency] [--boot-record]
 *               [--pubkey] [--trailer] [--unsigned] --out IMG --key-out PUB.pem [--other-out PUB.pem]
 *
 * Mistake names are listed by `mkfmt stm32 --mistake list` / `mkfmt mcuboot --mistake list`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_build.h"

static const char *const st_mistakes[] = {
	"none", "double-hash", "range-eof", "range-0", "range-44", "range-80", "der-raw",
	"swapped", "little-endian", "wrong-algo", "bad-pkh", "bad-checksum", "other-key",
	"unsigned", "tampered", "pk-idx", "truncated", "r-unpadded",
};

static const char *const mcu_mistakes[] = {
	"none", "bad-hash", "wrong-keyhash", "other-key", "unprot-sec-cnt", "unprot-dependency",
	"br-nonzero", "br-wrong-signer", "br-not-last", "hash-excl-prot", "raw-ecdsa",
	"double-hash", "prot-size", "truncated",
};

static int lookup(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return (int)i;
	fprintf(stderr, "mkfmt: unknown mistake `%s'; one of:", name);
	for (i = 0; i < n; i++)
		fprintf(stderr, " %s", names[i]);
	fputc('\n', stderr);
	exit(64);
}

static int write_file(const char *path, const uint8_t *b, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(b, 1, len, f) != len || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *key_out = NULL, *other_out = NULL, *otp_out = NULL;
	const char *curve = "P-256", *key_type = "P-256", *mistake = "none";
	struct fb_stm32_spec st = { .ver = 22, .payload_len = 4096, .nb_pk = 8 };
	struct fb_mcu_spec mc = { .payload_len = 4096, .ver_major = 1, .ver_minor = 2 };
	bool stm32;
	uint8_t *img;
	size_t len;
	int i, rc;

	if (argc < 2 || (strcmp(argv[1], "stm32") && strcmp(argv[1], "mcuboot"))) {
		fprintf(stderr, "usage: mkfmt stm32|mcuboot [options] --out IMG --key-out PUB.pem\n");
		return 64;
	}
	stm32 = !strcmp(argv[1], "stm32");
	for (i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

#define ARG(name) (!strcmp(a, name) && v && ++i)
		if (ARG("--out")) out = v;
		else if (ARG("--key-out")) key_out = v;
		else if (ARG("--other-out")) other_out = v;
		else if (ARG("--otp-out")) otp_out = v;
		else if (ARG("--ver")) st.ver = (unsigned int)strtoul(v, NULL, 0);
		else if (ARG("--curve")) curve = v;
		else if (ARG("--key-type")) key_type = v;
		else if (ARG("--mistake")) mistake = v;
		else if (ARG("--payload")) st.payload_len = mc.payload_len = strtoul(v, NULL, 0);
		else if (ARG("--trailing")) st.trailing = strtoul(v, NULL, 0);
		else if (ARG("--nb-pk")) st.nb_pk = (unsigned int)strtoul(v, NULL, 0);
		else if (ARG("--pk-idx")) st.pk_idx = (unsigned int)strtoul(v, NULL, 0);
		else if (ARG("--hdr-size")) mc.hdr_size = strtoul(v, NULL, 0);
		else if (!strcmp(a, "--no-auth")) st.no_auth = true;
		else if (!strcmp(a, "--sec-cnt")) mc.sec_cnt = true;
		else if (!strcmp(a, "--dependency")) mc.dependency = true;
		else if (!strcmp(a, "--boot-record")) mc.boot_record = true;
		else if (!strcmp(a, "--pubkey")) mc.pubkey = true;
		else if (!strcmp(a, "--trailer")) mc.trailer = true;
		else if (!strcmp(a, "--unsigned")) mc.unsigned_img = true;
		else {
			fprintf(stderr, "mkfmt: unknown or incomplete option `%s'\n", a);
			return 64;
		}
#undef ARG
	}
	if (!out || !key_out) {
		fprintf(stderr, "mkfmt: --out and --key-out are required\n");
		return 64;
	}
	if (stm32) {
		st.mistake = (enum fb_stm32_mistake)lookup(st_mistakes, sizeof(st_mistakes) / sizeof(st_mistakes[0]), mistake);
		st.key = fb_keygen(curve);
		st.other = fb_keygen(curve);
		if (!st.key || !st.other) {
			fprintf(stderr, "mkfmt: cannot generate a %s key\n", curve);
			return 1;
		}
		img = fb_stm32(&st, &len);
	} else {
		mc.mistake = (enum fb_mcu_mistake)lookup(mcu_mistakes, sizeof(mcu_mistakes) / sizeof(mcu_mistakes[0]), mistake);
		mc.key = fb_keygen(key_type);
		mc.other = fb_keygen(key_type);
		if (!mc.key || !mc.other) {
			fprintf(stderr, "mkfmt: cannot generate a %s key\n", key_type);
			return 1;
		}
		img = fb_mcuboot(&mc, &len);
	}
	if (!img) {
		fprintf(stderr, "mkfmt: building the image failed\n");
		return 1;
	}
	rc = write_file(out, img, len) ||
	     fb_write_pubkey(stm32 ? st.key : mc.key, key_out) ||
	     (other_out && fb_write_pubkey(stm32 ? st.other : mc.other, other_out));
	if (!rc && otp_out && stm32) {
		char hex[100];
		FILE *f = fopen(otp_out, "w");

		rc = !f || fb_stm32_otp_hash(&st, hex, sizeof(hex)) || fprintf(f, "%s\n", hex) < 0 || fclose(f);
	}
	free(img);
	EVP_PKEY_free(stm32 ? st.key : mc.key);
	EVP_PKEY_free(stm32 ? st.other : mc.other);
	return rc ? 1 : 0;
}
