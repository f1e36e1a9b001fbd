// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Key helpers: built-in development keys, fingerprints (SPKI SHA-256 and
 * ST's OTP hash form, values from the project notes), PEM/DER/PKCS#1
 * loading, error messages, raw signature handling.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include "keys/key.h"
#include "rproc_image.h"

#define KEYS TEST_FIXTURES "/keys/"

static char dir[512];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "%s", tu_tmpdir("key"));
	return tu_sh("cd %s && openssl pkey -in %s -pubout -outform DER -out pub.der 2>/dev/null &&"
		     " openssl rsa -in %s -RSAPublicKey_out -out pkcs1.pem 2>/dev/null &&"
		     " openssl pkey -in %s -outform DER -out priv.der 2>/dev/null &&"
		     " openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384.pem 2>/dev/null &&"
		     " printf 'not a key' > junk.pem",
		     dir, KEYS "optee-default-rsa2048.pem", KEYS "optee-default-rsa2048.pem",
		     KEYS "optee-default-rsa2048.pem") ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	tu_sh("rm -rf %s", dir);
	return 0;
}

static void hexeq(const uint8_t *b, const char *want)
{
	char h[65];

	hex_str(b, 32, h);
	assert_string_equal(h, want);
}

static void test_builtin(void **state)
{
	struct key k;
	size_t i;

	(void)state;
	assert_int_equal(n_builtin_keys, 3);
	for (i = 0; i < n_builtin_keys; i++) {
		char h[65];

		assert_int_equal(key_load_builtin(&k, i), 0);
		hex_str(k.spki_sha256, 32, h);
		/* the fingerprint stored with the key is the key's */
		assert_string_equal(h, builtin_keys[i].spki_sha256);
		assert_ptr_equal(key_builtin_by_fp(k.spki_sha256), &builtin_keys[i]);
		assert_true(k.builtin);
		assert_false(k.has_private);
		key_free(&k);
	}
}

static void test_fingerprints(void **state)
{
	char err[256];
	struct key k;

	(void)state;
	assert_int_equal(key_load_file(&k, KEYS "optee-default-rsa2048.pem", NULL, err,
				       sizeof(err)), 0);
	assert_true(k.has_private);
	assert_int_equal(k.kind, KEY_RSA);
	assert_int_equal(k.bits, 2048);
	assert_int_equal(key_sig_len(&k), 256);
	hexeq(k.spki_sha256, "3a21983aeeda3a503f4d3de2ff6fedbaa8b4389ab6ef7261cbdb1de85434fcc3");
	hexeq(k.otp_hash, "8ba5f51d45e48be05f638c10ac9034a2c394ec133d1237fa67133029391e6d40");
	key_free(&k);
	assert_int_equal(key_load_file(&k, KEYS "st-default-rproc-rsa2048.pem", NULL, err,
				       sizeof(err)), 0);
	hexeq(k.spki_sha256, "32714bd60107c0be6b0a53346bdb96844b9f036f108184a887db93cc411518b6");
	hexeq(k.otp_hash, "ad4f23775595ee5e4494c580474bad0966d0434e3e4dff972692508c338b5c04");
	key_free(&k);
	assert_int_equal(key_load_file(&k, KEYS "optee-default-rsa4096.pem", NULL, err,
				       sizeof(err)), 0);
	assert_int_equal(key_sig_len(&k), 512);
	hexeq(k.spki_sha256, "cac7bcfaf8674a57e5eaa8ef1a7c9b67af1fd5562a06440d88d5e3c632e88c48");
	key_free(&k);
}

static void test_formats(void **state)
{
	static const char *const files[] = { "pub.der", "pkcs1.pem", "priv.der" };
	char err[256];
	struct key k;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		assert_int_equal(key_load_file(&k, tu_fmt("%s/%s", dir, files[i]), NULL, err,
					       sizeof(err)), 0);
		hexeq(k.spki_sha256, "3a21983aeeda3a503f4d3de2ff6fedbaa8b4389ab6ef7261cbdb1de85434fcc3");
		key_free(&k);
	}
	/* P-384 loads but cannot sign remoteproc images */
	assert_int_equal(key_load_file(&k, tu_fmt("%s/p384.pem", dir), NULL, err, sizeof(err)), 0);
	assert_int_equal(k.kind, KEY_EC_OTHER);
	assert_int_equal(key_sign_type(&k), 0);
	key_free(&k);
	/* errors quote the file */
	assert_int_equal(key_load_file(&k, tu_fmt("%s/junk.pem", dir), NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "junk.pem"));
	assert_int_equal(key_load_file(&k, tu_fmt("%s/none.pem", dir), NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "none.pem"));
}

static void test_sign_verify(void **state)
{
	uint8_t dig[32], sig[512], raw[64];
	char err[256];
	struct key k;

	(void)state;
	memset(dig, 0x5a, sizeof(dig));
	assert_int_equal(key_load_file(&k, KEYS "optee-default-rsa2048.pem", NULL, err,
				       sizeof(err)), 0);
	assert_int_equal(key_sign(&k, dig, sig), 0);
	assert_int_equal(key_verify(&k, RPI_SIGN_RSA_PKCS1_SHA256, dig, sig, 256), 1);
	assert_int_equal(key_verify(&k, RPI_SIGN_ECDSA_P256_SHA256, dig, sig, 256), -1);
	sig[10] ^= 1;
	assert_int_equal(key_verify(&k, RPI_SIGN_RSA_PKCS1_SHA256, dig, sig, 256), 0);
	/* a signature shorter than the modulus never verifies */
	assert_int_equal(key_verify(&k, RPI_SIGN_RSA_PKCS1_SHA256, dig, sig, 255), 0);
	/* external signature of the wrong size is refused with the sizes */
	assert_int_equal(key_raw_signature(&k, sig, 64, raw, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "64 bytes"));
	key_free(&k);
}

static void test_keyring(void **state)
{
	struct keyring ks = { 0 };
	char err[256];

	(void)state;
	assert_int_equal(keyring_add_dir(&ks, TEST_FIXTURES "/keys", err, sizeof(err)), 0);
	assert_int_equal(ks.n, 3);
	keyring_add_builtin(&ks);
	assert_int_equal(ks.n, 6);
	keyring_free(&ks);
	assert_int_equal(keyring_add_dir(&ks, tu_fmt("%s/nodir", dir), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "nodir"));
	keyring_free(&ks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_fingerprints),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_sign_verify),
		cmocka_unit_test(test_keyring),
	};

	return cmocka_run_group_tests_name("key", tests, setup, teardown);
}
