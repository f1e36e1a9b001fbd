// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `rproc-diag sign` and `inspect` end to end, in process: real Cortex-M33
 * ELFs (tests/firmware, arm-none-eabi-gcc), keys generated here with
 * openssl genpkey, images signed by cmd_sign() and checked by the library,
 * the key helpers and inspect_file().
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include "cmd/commands.h"
#include "common/hash.h"
#include "cmd/inspect.h"
#include "keys/key.h"
#include "rproc_image.h"
#include "optee/sign.h"

static char dir[512];
static FILE *devnull;

#define K(name) tu_fmt("%s/%s", dir, name)
#define FW TEST_FW "/fw.elf"
#define FW2 TEST_FW "/fw2.elf"

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s", tu_tmpdir("sign"));
	devnull = fopen("/dev/null", "w");
	if (tu_sh("cd %s && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.pem 2>/dev/null &&"
		  " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out rsa3072.pem 2>/dev/null &&"
		  " openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem 2>/dev/null &&"
		  " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -aes-128-cbc -pass pass:s3cret -out enc.pem 2>/dev/null &&"
		  " openssl pkey -in ec.pem -pubout -outform DER -out ec_pub.der 2>/dev/null &&"
		  " openssl pkey -in rsa2048.pem -pubout -out rsa2048_pub.pem 2>/dev/null &&"
		  " openssl pkey -in ec.pem -pubout -out ec_pub.pem 2>/dev/null &&"
		  " openssl pkey -in enc.pem -passin pass:s3cret -pubout -out enc_pub.pem 2>/dev/null", dir))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fclose(devnull);
	tu_sh("rm -rf %s", dir);
	return 0;
}

struct an {
	struct rpi_result r;
	uint32_t codes[64];
	unsigned int nf;
	unsigned int nseg;
};

static void on_f(void *c, const struct rpi_finding *f)
{
	struct an *a = c;

	if (a->nf < 64)
		a->codes[a->nf++] = f->code;
}

static void on_s(void *c, const struct rpi_segment *s)
{
	struct an *a = c;

	assert_true(s->flags & RPI_SEG_HASH_CHECKED);
	a->nseg++;
}

static uint8_t *analyze_file(const char *path, struct an *a, size_t *len)
{
	static uint8_t scratch[4096];
	struct rpi_visitor v = { on_f, NULL, NULL, on_s, a };
	struct fd_source src;
	struct sha256 h;
	uint8_t *b = tu_read(path, len);

	memset(a, 0, sizeof(*a));
	assert_int_equal(sha256_open(&h), 0);
	mem_source_init(&src, b, *len);
	assert_int_equal(rpi_analyze(&src.src, &h.ops, scratch, sizeof(scratch), &v, &a->r), 0);
	sha256_close(&h);
	return b;
}

static bool has(const struct an *a, uint32_t code)
{
	for (unsigned int i = 0; i < a->nf; i++)
		if (a->codes[i] == code)
			return true;
	return false;
}

static int verifies(const uint8_t *b, const struct an *a, const char *keyfile)
{
	char err[256];
	struct key k;
	int ok;

	assert_int_equal(key_load_file(&k, keyfile, NULL, err, sizeof(err)), 0);
	ok = key_verify(&k, a->r.sum.sign_type, a->r.signed_digest, b + a->r.sig_off,
			a->r.sig_len);
	key_free(&k);
	return ok;
}

static int inspect(const char *path, const char *key, const char *ta_key)
{
	struct inspect_opts o;

	inspect_opts_init(&o);
	o.builtin_keys = false;
	if (key)
		o.keys[o.nkeys++] = key;
	o.ta_key = ta_key;
	return inspect_file(path, &o, NULL, devnull);
}

static uint32_t verdict(const struct an *a, uint32_t ta, uint32_t sig)
{
	struct rpi_verdict v;

	rpi_predict(&a->r, ta, sig, &v);
	return v.result;
}

static void test_byte_identical(void **state)
{
	const char *out = K("ref.sig");
	size_t l1, l2;
	uint8_t *a, *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", TEST_FIXTURES "/optee-rproc/fw.elf",
				"--key", TEST_FIXTURES "/keys/optee-default-rsa2048.pem",
				"--out", out, NULL), 0);
	a = tu_read(out, &l1);
	b = tu_read(TEST_FIXTURES "/optee-rproc/f3_upstream_rsa2048.sig", &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
}

static void test_rsa_firmware(void **state)
{
	const char *out = K("rsa.sig");
	struct an a;
	size_t len;
	uint8_t *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048.pem"),
				"--out", out, "--plat-tlv", "BOOTADDR", "0x80000000", NULL), 0);
	b = analyze_file(out, &a, &len);
	assert_int_equal(a.r.sum.format, RPROC_DIAG_FMT_F3);
	assert_int_equal(a.r.sum.sign_len, 256);
	assert_int_equal(a.nseg, 3);
	assert_int_equal(a.r.n_hash_bad, 0);
	assert_int_equal(a.r.sum.bootaddr, 0x80000000);
	assert_int_equal(a.nf, 0);
	assert_int_equal(verifies(b, &a, K("rsa2048.pem")), 1);
	assert_int_equal(verifies(b, &a, K("rsa3072.pem")), 0);
	assert_int_equal(verdict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID), 0);
	assert_int_equal(verdict(&a, RPI_TA_ST400, RPI_SIG_VALID), 0);
	/* inspect: valid with the key, invalid without any, wrong TA key */
	assert_int_equal(inspect(out, K("rsa2048_pub.pem"), NULL), 0);
	assert_int_equal(inspect(out, NULL, NULL), 1);
	assert_int_equal(inspect(out, K("rsa2048.pem"), K("rsa3072.pem")), 1);
	assert_int_equal(inspect(out, K("rsa2048.pem"), K("rsa2048_pub.pem")), 0);
	free(b);
}

static void test_rsa3072_and_wrong_size(void **state)
{
	const char *out = K("rsa3072.sig");
	struct an a;
	size_t len;
	uint8_t *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa3072.pem"),
				"--out", out, NULL), 0);
	b = analyze_file(out, &a, &len);
	assert_int_equal(a.r.sum.sign_len, 384);
	assert_int_equal(len % 8, 4);	/* 20 + multiples of 8 */
	assert_int_equal(verifies(b, &a, K("rsa3072.pem")), 1);
	/* a 3072-bit signature against a 2048-bit key never verifies */
	assert_int_equal(verifies(b, &a, K("rsa2048.pem")), 0);
	free(b);
}

static void test_ecdsa(void **state)
{
	const char *out = K("ec.sig");
	struct an a;
	size_t len;
	uint8_t *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("ec.pem"),
				"--key-info", K("ec_pub.der"), "--out", out, NULL), 0);
	b = analyze_file(out, &a, &len);
	assert_int_equal(a.r.sum.sign_type, RPI_SIGN_ECDSA_P256_SHA256);
	assert_int_equal(a.r.sum.sign_len, 64);
	assert_int_equal(a.r.sum.pkey_len, 91);
	assert_int_equal(verifies(b, &a, K("ec_pub.pem")), 1);
	assert_int_equal(verifies(b, &a, K("rsa2048.pem")), -1);
	assert_true(has(&a, RPROC_DIAG_FND_ECDSA));
	/* upstream PTA verifies RSA only */
	assert_int_equal(verdict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID), 0xffff000a);
	/* the PKEYINFO key names the signer */
	assert_int_equal(inspect(out, NULL, NULL), 0);
	free(b);
}

static void test_passphrase(void **state)
{
	const char *out = K("enc.sig");

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("enc.pem"),
				"--passphrase", "s3cret", "--out", out, NULL), 0);
	assert_int_equal(inspect(out, K("enc_pub.pem"), NULL), 0);
	assert_int_equal(inspect(out, NULL, NULL), 1);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("enc.pem"),
				"--out", K("x.sig"), NULL), 2);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("enc.pem"),
				"--key-pwd", "wrong", "--out", K("x.sig"), NULL), 2);
	assert_int_equal(access(K("x.sig"), F_OK), -1);
	tu_write(K("pass.txt"), "s3cret\n", 7);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("enc.pem"),
				"--passphrase-file", K("pass.txt"), "--out", K("p.sig"), NULL), 0);
	assert_int_equal(inspect(K("p.sig"), K("enc_pub.pem"), NULL), 0);
}

static void test_plat_tlvs(void **state)
{
	const char *out = K("plat.sig");
	struct an a;
	size_t len;
	uint8_t *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048.pem"),
				"--plat-tlv", "BOOTADDR", "0x1", "--plat-tlv", "BOOTSEC", "0x1",
				"--plat-tlv", "0x10005", "hello",
				"--plat-tlv", "BOOTADDR", "0x80100000", "--out", out, NULL), 0);
	b = analyze_file(out, &a, &len);
	/* duplicate IDs: last value wins */
	assert_int_equal(a.r.sum.bootaddr, 0x80100000);
	assert_true(a.r.sum.flags & RPI_S_HAS_BOOTSEC);
	assert_int_equal(a.r.sum.bootsec, 1);
	assert_int_equal(a.r.sum.plat_unknown, 0x10005);
	/* upstream ignores platform TLVs; ST 4.0.0 rejects unknown IDs */
	assert_int_equal(verdict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID), 0);
	assert_int_equal(verdict(&a, RPI_TA_ST400, RPI_SIG_VALID), 0xffff0009);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048.pem"),
				"--plat-tlv", "0x20000", "0x1", "--out", K("y.sig"), NULL),
			 EXIT_USAGE);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048.pem"),
				"--plat-tlv", "BOOTADDR", "main", "--out", K("y.sig"), NULL),
			 EXIT_USAGE);
	free(b);
}

static void test_two_images(void **state)
{
	const char *out = K("two.sig");
	struct an a;
	size_t len;
	uint8_t *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--in", FW2, "--key",
				K("rsa2048.pem"), "--out", out, NULL), 0);
	b = analyze_file(out, &a, &len);
	assert_int_equal(a.r.sum.num_img, 2);
	assert_int_equal(a.r.n_images, 2);
	assert_int_equal(a.nseg, 6);
	assert_int_equal(a.r.n_hash_bad, 0);
	assert_int_equal(a.r.images[1].off, a.r.images[0].off + a.r.images[0].size);
	assert_int_equal(verdict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID), 0);
	free(b);
	/* the same firmware twice: two resource tables, the TA refuses */
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--in", FW, "--key",
				K("rsa2048.pem"), "--out", K("twice.sig"), NULL), 0);
	b = analyze_file(K("twice.sig"), &a, &len);
	assert_int_equal(a.r.n_hash_bad, 0);
	assert_true(has(&a, RPROC_DIAG_FND_BAD_ELF));
	assert_int_equal(verdict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID), 0xffff0005);
	free(b);
}

static void test_external_signing(void **state)
{
	const char *direct = K("direct.sig"), *ext = K("ext.sig");
	size_t l1, l2;
	uint8_t *a, *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048.pem"),
				"--out", direct, NULL), 0);
	/* public key only: digest out, sign elsewhere, assemble */
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048_pub.pem"),
				"--digest-out", K("dig.bin"), NULL), 0);
	assert_int_equal(tu_sh("openssl pkeyutl -sign -inkey %s -pkeyopt digest:sha256 -in %s -out %s",
			       K("rsa2048.pem"), K("dig.bin"), K("sig.bin")), 0);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048_pub.pem"),
				"--signature", K("sig.bin"), "--out", ext, NULL), 0);
	a = tu_read(direct, &l1);
	b = tu_read(ext, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
	/* signature by another key: refused, nothing written */
	assert_int_equal(tu_sh("openssl pkeyutl -sign -inkey %s -pkeyopt digest:sha256 -in %s -out %s",
			       K("enc.pem -passin pass:s3cret"), K("dig.bin"), K("bad.bin")), 0);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048_pub.pem"),
				"--signature", K("bad.bin"), "--out", K("bad.sig"), NULL), 1);
	assert_int_equal(access(K("bad.sig"), F_OK), -1);
	/* the digest hashed again (KMS "RAW" mode mistake): refused too */
	assert_int_equal(tu_sh("openssl dgst -sha256 -sign %s -out %s %s", K("rsa2048.pem"),
			       K("twice.bin"), K("dig.bin")), 0);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048_pub.pem"),
				"--signature", K("twice.bin"), "--out", K("bad.sig"), NULL), 1);
	/* ECDSA: a DER signature is converted to r||s */
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("ec_pub.pem"),
				"--digest-out", K("edig.bin"), NULL), 0);
	assert_int_equal(tu_sh("openssl pkeyutl -sign -inkey %s -in %s -out %s", K("ec.pem"),
			       K("edig.bin"), K("esig.der")), 0);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("ec_pub.pem"),
				"--signature", K("esig.der"), "--out", K("eext.sig"), NULL), 0);
	assert_int_equal(inspect(K("eext.sig"), K("ec_pub.pem"), NULL), 0);
}

/* Copy fw.elf with program header @idx's p_paddr set to @paddr. */
static const char *patched_elf(const char *name, unsigned int idx, uint32_t paddr)
{
	size_t len;
	uint8_t *b = tu_read(FW, &len);
	uint32_t phoff = rpi_le32(b + 28);
	uint8_t *p = b + phoff + 32 * idx;
	const char *path = K(name);

	p[12] = paddr;
	p[13] = paddr >> 8;
	p[14] = paddr >> 16;
	p[15] = paddr >> 24;
	tu_write(path, b, len);
	free(b);
	return path;
}

static unsigned int phdr_index(uint32_t type, unsigned int nth)
{
	size_t len;
	uint8_t *b = tu_read(FW, &len);
	uint32_t phoff = rpi_le32(b + 28), n = rpi_le16(b + 44), i;

	for (i = 0; i < n; i++) {
		if (rpi_le32(b + phoff + 32 * i) == type && !nth--) {
			free(b);
			return i;
		}
	}
	free(b);
	fail_msg("program header type 0x%x not in %s", type, FW);
	return 0;
}

static void test_duplicate_paddr(void **state)
{
	unsigned int data = phdr_index(1, 1);
	const char *elf = patched_elf("dup.elf", data, 0x80000000);
	struct an a;
	size_t len;
	uint8_t *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", elf, "--key", K("rsa2048.pem"),
				"--out", K("dup.sig"), NULL), 0);
	b = analyze_file(K("dup.sig"), &a, &len);
	assert_true(has(&a, RPROC_DIAG_FND_DUPLICATE_PADDR));
	assert_true(has(&a, RPROC_DIAG_FND_SEGMENT_SIZE));
	assert_int_equal(a.r.n_hash_bad, 0);	/* the hashes themselves are right */
	assert_int_equal(verdict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID), 0xffff0006);
	assert_int_equal(inspect(K("dup.sig"), K("rsa2048.pem"), NULL), 1);
	free(b);
}

static void test_non_load_first(void **state)
{
	unsigned int ex = phdr_index(0x70000001, 0), text = phdr_index(1, 0);
	const char *elf = patched_elf("exidx.elf", ex, 0x80000000);
	struct rpi_verdict v;
	struct an a;
	size_t len;
	uint8_t *b;

	(void)state;
	assert_true(ex < text);	/* the linker puts EXIDX first in this firmware */
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", elf, "--key", K("rsa2048.pem"),
				"--out", K("exidx.sig"), NULL), 0);
	b = analyze_file(K("exidx.sig"), &a, &len);
	assert_true(has(&a, RPROC_DIAG_FND_SEGMENT_NOT_LOAD));
	rpi_predict(&a.r, RPI_TA_UPSTREAM, RPI_SIG_VALID, &v);
	assert_int_equal(v.result, 0xffff0006);
	assert_int_equal(v.finding, RPROC_DIAG_FND_SEGMENT_NOT_LOAD);
	assert_non_null(strstr(v.reason, "not PT_LOAD"));
	free(b);
}

static void test_flip_after_signing(void **state)
{
	const char *out = K("flip.sig");
	struct an a;
	size_t len;
	uint8_t *b;

	(void)state;
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048.pem"),
				"--out", out, NULL), 0);
	b = analyze_file(out, &a, &len);
	/* one byte of the data segment (PT_LOAD #2) */
	{
		size_t phoff = a.r.images[0].off + rpi_le32(b + a.r.images[0].off + 28);
		unsigned int d = phdr_index(1, 1);

		b[a.r.images[0].off + rpi_le32(b + phoff + 32 * d + 4)] ^= 0x80;
	}
	tu_write(out, b, len);
	free(b);
	b = analyze_file(out, &a, &len);
	assert_int_equal(a.r.n_hash_bad, 1);
	assert_true(has(&a, RPROC_DIAG_FND_SEGMENT_HASH));
	assert_int_equal(verdict(&a, RPI_TA_UPSTREAM, RPI_SIG_VALID), 0xffff000f);
	assert_int_equal(inspect(out, K("rsa2048.pem"), NULL), 1);
	free(b);
}

/* File offset of section @want in an ELF32 buffer. */
static uint32_t section_off(const uint8_t *b, const char *want)
{
	uint32_t shoff = rpi_le32(b + 32), n = rpi_le16(b + 48), str = rpi_le16(b + 50), i;
	uint32_t stroff = rpi_le32(b + shoff + 40 * str + 16);

	for (i = 0; i < n; i++) {
		const uint8_t *sh = b + shoff + 40 * i;

		if (!strcmp((const char *)b + stroff + rpi_le32(sh), want))
			return rpi_le32(sh + 16);
	}
	fail_msg("no section %s", want);
	return 0;
}

static void test_resource_table(void **state)
{
	static const struct {
		unsigned int word;
		uint32_t val;
	} bad[] = { { 0, 2 }, { 2, 1 }, { 1, 1000 } };	/* version, reserved, num */
	struct rpi_verdict v;
	struct an a;
	size_t len, i;
	uint8_t *elf, *b;
	uint32_t rt;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		elf = tu_read(FW, &len);
		rt = section_off(elf, ".resource_table");
		assert_int_equal(rpi_le32(elf + rt), 1);
		elf[rt + 4 * bad[i].word] = (uint8_t)bad[i].val;
		elf[rt + 4 * bad[i].word + 1] = (uint8_t)(bad[i].val >> 8);
		tu_write(K("rsc.elf"), elf, len);
		free(elf);
		assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", K("rsc.elf"), "--key",
					K("rsa2048.pem"), "--out", K("rsc.sig"), NULL), 0);
		b = analyze_file(K("rsc.sig"), &a, &len);
		assert_true(has(&a, RPROC_DIAG_FND_BAD_ELF));
		assert_int_equal(a.r.n_hash_bad, 0);
		rpi_predict(&a.r, RPI_TA_UPSTREAM, RPI_SIG_VALID, &v);
		assert_int_equal(v.result, 0xffff0005);
		assert_non_null(strstr(v.reason, "resource_table"));
		free(b);
	}
}

/* An ELF with 70 program headers: the hash table outgrows the TA heap. */
static void test_ta_heap(void **state)
{
	size_t len, i, n = 70;
	uint8_t *elf = tu_read(FW, &len), *big, *ph;
	uint32_t phoff = rpi_le32(elf + 28), phnum = rpi_le16(elf + 44);
	char *text = NULL;
	size_t tlen = 0;
	struct inspect_opts o;
	FILE *f;

	(void)state;
	big = calloc(1, len + 32 * n);
	assert_non_null(big);
	memcpy(big, elf, len);
	memcpy(big + len, elf + phoff, 32 * phnum);	/* the real ones first */
	for (i = phnum; i < n; i++) {
		ph = big + len + 32 * i;		/* PT_NOTE, empty */
		ph[0] = 4;
		ph[12] = (uint8_t)i;
	}
	big[28] = (uint8_t)len;
	big[29] = (uint8_t)(len >> 8);
	big[30] = (uint8_t)(len >> 16);
	big[31] = (uint8_t)(len >> 24);
	big[44] = (uint8_t)n;
	tu_write(K("many.elf"), big, len + 32 * n);
	free(big);
	free(elf);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", K("many.elf"), "--key", K("rsa2048.pem"),
				"--out", K("many.sig"), NULL), 0);
	inspect_opts_init(&o);
	o.keys[o.nkeys++] = K("rsa2048.pem");
	f = open_memstream(&text, &tlen);
	assert_int_equal(inspect_file(K("many.sig"), &o, NULL, f), 0);
	fclose(f);
	assert_non_null(strstr(text, "0xffff000c TEE_ERROR_OUT_OF_MEMORY"));
	free(text);
}

static void test_bad_inputs(void **state)
{
	(void)state;
	/* an already signed image is not an ELF */
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", TEST_FIXTURES "/optee-rproc/f1_st_legacy.sig",
				"--key", K("rsa2048.pem"), "--out", K("z.sig"), NULL), 2);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--out", K("z.sig"), NULL), EXIT_USAGE);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("nokey.pem"),
				"--out", K("z.sig"), NULL), 2);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--in", FW, "--key", K("rsa2048_pub.pem"),
				"--out", K("z.sig"), NULL), 2);
	assert_int_equal(tu_cmd(cmd_sign, "sign", "--bogus", NULL), EXIT_USAGE);
	assert_int_equal(access(K("z.sig"), F_OK), -1);
	/* inspect exit statuses */
	tu_write(K("junk.bin"), "\x01\x02\x03\x04 junk", 9);
	assert_true(inspect(K("junk.bin"), NULL, NULL) >= 1);
	assert_int_equal(inspect(K("missing.bin"), NULL, NULL), 2);
	assert_int_equal(tu_cmd(cmd_inspect, "inspect", NULL), EXIT_USAGE);
	assert_int_equal(tu_cmd(cmd_inspect, "inspect", "--key", K("nokey.pem"), FW, NULL),
			 EXIT_USAGE);
	assert_int_equal(inspect(FW, NULL, NULL), 1);	/* unsigned ELF */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byte_identical),
		cmocka_unit_test(test_rsa_firmware),
		cmocka_unit_test(test_rsa3072_and_wrong_size),
		cmocka_unit_test(test_ecdsa),
		cmocka_unit_test(test_passphrase),
		cmocka_unit_test(test_plat_tlvs),
		cmocka_unit_test(test_two_images),
		cmocka_unit_test(test_external_signing),
		cmocka_unit_test(test_duplicate_paddr),
		cmocka_unit_test(test_non_load_first),
		cmocka_unit_test(test_flip_after_signing),
		cmocka_unit_test(test_resource_table),
		cmocka_unit_test(test_ta_heap),
		cmocka_unit_test(test_bad_inputs),
	};

	return cmocka_run_group_tests_name("sign", tests, setup, teardown);
}
