// SPDX-License-Identifier: GPL-2.0
/*
 * The public key the emulated OP-TEE "was built with" (OP-TEE compiles the
 * modulus and exponent of RPROC_SIGN_KEY into the core; only RSA keys are
 * accepted there).  Accepted input, PEM or DER: SubjectPublicKeyInfo
 * ("PUBLIC KEY"), PKCS#1 RSAPublicKey ("RSA PUBLIC KEY"), PKCS#1
 * RSAPrivateKey ("RSA PRIVATE KEY") and unencrypted PKCS#8 ("PRIVATE KEY");
 * like the OP-TEE build, a private key file is reduced to its public part.
 *
 * Verification: RSASSA-PKCS1-v1_5 with SHA-256 through the kernel crypto API
 * (akcipher "pkcs1pad(rsa,sha256)").
 */
#define pr_fmt(fmt) "sim_optee: " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/scatterlist.h>
#include <linux/err.h>
#include <crypto/akcipher.h>

#include "sim_optee.h"

static struct crypto_akcipher *sim_tfm;
static unsigned int sim_bits;

/* ---- minimal DER reader ------------------------------------------------ */

struct der {
	const u8 *p;
	size_t len;
};

/* Read one TLV with tag @tag from @d; @out gets its contents. */
static int der_take(struct der *d, u8 tag, struct der *out)
{
	size_t l, n, i;

	if (d->len < 2 || d->p[0] != tag)
		return -EBADMSG;
	l = d->p[1];
	n = 2;
	if (l & 0x80) {
		unsigned int bytes = l & 0x7f;

		if (bytes == 0 || bytes > 4 || d->len < 2 + bytes)
			return -EBADMSG;
		l = 0;
		for (i = 0; i < bytes; i++)
			l = (l << 8) | d->p[2 + i];
		n += bytes;
	}
	if (l > d->len - n)
		return -EBADMSG;
	out->p = d->p + n;
	out->len = l;
	d->p += n + l;
	d->len -= n + l;
	return 0;
}

static const u8 oid_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };
static const u8 oid_ec[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };

/* AlgorithmIdentifier: 0 for rsaEncryption, -EPROTONOSUPPORT for EC. */
static int der_check_alg(struct der *alg)
{
	struct der oid;

	if (der_take(alg, 0x06, &oid))
		return -EBADMSG;
	if (oid.len == sizeof(oid_rsa) && !memcmp(oid.p, oid_rsa, oid.len))
		return 0;
	if (oid.len == sizeof(oid_ec) && !memcmp(oid.p, oid_ec, oid.len))
		return -EPROTONOSUPPORT;
	return -EBADMSG;
}

static size_t der_len_size(size_t len)
{
	return len < 0x80 ? 1 : len < 0x100 ? 2 : 3;
}

static size_t der_put_len(u8 *out, size_t len)
{
	if (len < 0x80) {
		out[0] = len;
		return 1;
	}
	if (len < 0x100) {
		out[0] = 0x81;
		out[1] = len;
		return 2;
	}
	out[0] = 0x82;
	out[1] = len >> 8;
	out[2] = len & 0xff;
	return 3;
}

static size_t der_put_int(u8 *out, struct der v)
{
	size_t o = 0;

	out[o++] = 0x02;
	o += der_put_len(out + o, v.len);
	memcpy(out + o, v.p, v.len);
	return o + v.len;
}

/*
 * Build RSAPublicKey ::= SEQUENCE { n INTEGER, e INTEGER } from the
 * INTEGER contents @n and @e, as rsa_parse_pub_key() wants it.
 */
static u8 *der_rsa_pub(struct der n, struct der e, size_t *outlen)
{
	size_t inner = 1 + der_len_size(n.len) + n.len +
		       1 + der_len_size(e.len) + e.len;
	u8 *buf = kmalloc(1 + der_len_size(inner) + inner, GFP_KERNEL);
	size_t o = 0;

	if (!buf)
		return NULL;
	buf[o++] = 0x30;
	o += der_put_len(buf + o, inner);
	o += der_put_int(buf + o, n);
	o += der_put_int(buf + o, e);
	*outlen = o;
	return buf;
}

/* Accept any of the four key structures; return the RSA n and e. */
static int der_find_rsa(struct der top, struct der *n, struct der *e)
{
	struct der seq, first, alg, inner, bits, t;
	int ret;

	if (der_take(&top, 0x30, &seq))
		return -EBADMSG;
	t = seq;
	if (t.len && t.p[0] == 0x30) {
		/* SubjectPublicKeyInfo: SEQ { AlgorithmIdentifier, BIT STRING } */
		if (der_take(&t, 0x30, &alg))
			return -EBADMSG;
		ret = der_check_alg(&alg);
		if (ret)
			return ret;
		if (der_take(&t, 0x03, &bits) || bits.len < 1 || bits.p[0])
			return -EBADMSG;
		bits.p++;
		bits.len--;
		return der_find_rsa(bits, n, e);
	}
	if (der_take(&t, 0x02, &first))
		return -EBADMSG;
	if (t.len && t.p[0] == 0x30) {
		/* PKCS#8: SEQ { version, AlgorithmIdentifier, OCTET STRING } */
		if (der_take(&t, 0x30, &alg))
			return -EBADMSG;
		ret = der_check_alg(&alg);
		if (ret)
			return ret;
		if (der_take(&t, 0x04, &inner))
			return -EBADMSG;
		return der_find_rsa(inner, n, e);
	}
	if (t.len && t.p[0] == 0x02 && first.len == 1 && first.p[0] == 0 &&
	    seq.len > 64) {
		/* RSAPrivateKey: SEQ { version 0, n, e, d, ... } */
		if (der_take(&t, 0x02, n) || der_take(&t, 0x02, e))
			return -EBADMSG;
		return t.len ? 0 : -EBADMSG;	/* d, p, q... must follow */
	}
	/* RSAPublicKey: SEQ { n, e } */
	*n = first;
	if (der_take(&t, 0x02, e) || t.len)
		return -EBADMSG;
	return 0;
}

/* ---- PEM --------------------------------------------------------------- */

static int b64_val(u8 c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decode the first PEM block of @in into a new buffer. */
static u8 *pem_decode(const u8 *in, size_t len, size_t *outlen,
		      const char *what)
{
	const u8 *p = in, *end = in + len, *body;
	u32 acc = 0;
	int bits = 0;
	size_t o = 0;
	u8 *out;

	/* Skip the "-----BEGIN ...-----" line. */
	while (p < end && *p != '\n')
		p++;
	body = p;
	if (strnstr((const char *)in, "ENCRYPTED", body - in)) {
		pr_err("%s: encrypted private key: give the public key instead (openssl pkey -pubout)\n",
		       what);
		return NULL;
	}
	out = kmalloc(len, GFP_KERNEL);
	if (!out)
		return NULL;
	for (; p < end && *p != '-'; p++) {
		int v = b64_val(*p);

		if (*p == '=' || *p == '\n' || *p == '\r' || *p == ' ')
			continue;
		if (*p == ':') {	/* "Proc-Type:" header: encrypted */
			pr_err("%s: PEM headers (encrypted key?) not supported\n",
			       what);
			kfree(out);
			return NULL;
		}
		if (v < 0) {
			pr_err("%s: invalid base64 character 0x%02x at offset %zu\n",
			       what, *p, (size_t)(p - in));
			kfree(out);
			return NULL;
		}
		acc = (acc << 6) | v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (acc >> bits) & 0xff;
		}
	}
	*outlen = o;
	return out;
}

/* ---- public interface -------------------------------------------------- */

int sim_key_load(const u8 *blob, size_t len, const char *what)
{
	struct der top, n, e;
	u8 *der = NULL, *pub;
	size_t derlen = len, publen;
	const u8 *pem = NULL;
	int ret;

	/* DER starts with a SEQUENCE; anything else may be PEM with a preamble. */
	if (len && blob[0] != 0x30)
		pem = (const u8 *)strnstr((const char *)blob, "-----BEGIN ", len);
	if (pem) {
		der = pem_decode(pem, len - (pem - blob), &derlen, what);
		if (!der)
			return -EINVAL;
		top.p = der;
	} else {
		top.p = blob;
	}
	top.len = derlen;
	ret = der_find_rsa(top, &n, &e);
	if (ret == -EPROTONOSUPPORT) {
		pr_err("%s: EC key: OP-TEE compiles only RSA keys into the core (RPROC_SIGN_KEY)\n",
		       what);
		goto out;
	}
	if (ret) {
		pr_err("%s: not an RSA key in PEM or DER (SubjectPublicKeyInfo, PKCS#1 or PKCS#8)\n",
		       what);
		goto out;
	}
	pub = der_rsa_pub(n, e, &publen);
	/* Strip the sign byte of the modulus to count its bits. */
	while (n.len > 1 && !n.p[0]) {
		n.p++;
		n.len--;
	}
	if (!pub) {
		ret = -ENOMEM;
		goto out;
	}
	sim_tfm = crypto_alloc_akcipher("pkcs1pad(rsa,sha256)", 0, 0);
	if (IS_ERR(sim_tfm)) {
		ret = PTR_ERR(sim_tfm);
		sim_tfm = NULL;
		pr_err("pkcs1pad(rsa,sha256) unavailable (%d): enable CONFIG_CRYPTO_RSA\n",
		       ret);
		kfree(pub);
		goto out;
	}
	ret = crypto_akcipher_set_pub_key(sim_tfm, pub, publen);
	kfree(pub);
	if (ret) {
		pr_err("%s: the kernel refused the RSA key (%d; %zu-bit modulus)\n",
		       what, ret, n.len * 8);
		crypto_free_akcipher(sim_tfm);
		sim_tfm = NULL;
		goto out;
	}
	sim_bits = n.len * 8;
	pr_info("built with RSA-%u key from %s\n", sim_bits, what);
out:
	kfree(der);
	return ret;
}

void sim_key_release(void)
{
	if (sim_tfm)
		crypto_free_akcipher(sim_tfm);
	sim_tfm = NULL;
}

unsigned int sim_key_bits(void)
{
	return sim_bits;
}

/* RSASSA-PKCS1-v1_5-SHA256 with @tfm of a @bits-bit key (libtomcrypt rules). */
static u32 verify_pkcs1(struct crypto_akcipher *tfm, unsigned int bits,
			const u8 digest[32], const u8 *sig, size_t sig_len)
{
	struct akcipher_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *buf;
	int err;

	/* libtomcrypt: a signature shorter/longer than the modulus fails. */
	if (!tfm || sig_len != bits / 8)
		return TEE_ERROR_SIGNATURE_INVALID;
	buf = kmalloc(sig_len + 32, GFP_KERNEL);
	req = akcipher_request_alloc(tfm, GFP_KERNEL);
	if (!buf || !req) {
		kfree(buf);
		akcipher_request_free(req);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	memcpy(buf, sig, sig_len);
	memcpy(buf + sig_len, digest, 32);
	sg_init_one(&sg, buf, sig_len + 32);
	akcipher_request_set_crypt(req, &sg, NULL, sig_len, 32);
	akcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				      CRYPTO_TFM_REQ_MAY_BACKLOG,
				      crypto_req_done, &wait);
	err = crypto_wait_req(crypto_akcipher_verify(req), &wait);
	akcipher_request_free(req);
	kfree(buf);
	return err ? TEE_ERROR_SIGNATURE_INVALID : TEE_SUCCESS;
}

u32 sim_key_verify_builtin(const u8 digest[32], const u8 *sig, size_t sig_len)
{
	return verify_pkcs1(sim_tfm, sim_bits, digest, sig, sig_len);
}

u32 sim_key_verify_rsa(const u8 *mod, size_t mod_len, const u8 *exp,
		       size_t exp_len, const u8 digest[32], const u8 *sig,
		       size_t sig_len)
{
	struct crypto_akcipher *tfm;
	u8 *n0, *pub;
	size_t publen;
	u32 res = TEE_ERROR_OUT_OF_MEMORY;

	/* INTEGER n with its sign byte, as in the DER the PTA parsed */
	n0 = kmalloc(mod_len + 1, GFP_KERNEL);
	if (!n0)
		return res;
	n0[0] = 0;
	memcpy(n0 + 1, mod, mod_len);
	pub = der_rsa_pub((struct der){ n0, mod_len + 1 },
			  (struct der){ exp, exp_len }, &publen);
	kfree(n0);
	if (!pub)
		return res;
	tfm = crypto_alloc_akcipher("pkcs1pad(rsa,sha256)", 0, 0);
	if (IS_ERR(tfm)) {
		kfree(pub);
		return TEE_ERROR_NOT_SUPPORTED;
	}
	if (crypto_akcipher_set_pub_key(tfm, pub, publen))
		res = TEE_ERROR_BAD_PARAMETERS;
	else
		res = verify_pkcs1(tfm, mod_len * 8, digest, sig, sig_len);
	crypto_free_akcipher(tfm);
	kfree(pub);
	return res;
}

/* One DER INTEGER of a big-endian unsigned value (with a sign byte). */
static size_t der_put_uint(u8 *out, const u8 *v, size_t len)
{
	size_t o = 0;

	while (len > 1 && !v[0]) {
		v++;
		len--;
	}
	out[o++] = 0x02;
	out[o++] = len + (v[0] >> 7);
	if (v[0] >> 7)
		out[o++] = 0;
	memcpy(out + o, v, len);
	return o + len;
}

/*
 * ECDSA P-256 (crypto_acipher_ecc_verify in the PTA): the image carries
 * r || s; the kernel's "ecdsa-nist-p256" takes an ECDSA-Sig-Value in DER
 * and the key as an uncompressed point.
 */
u32 sim_key_verify_p256(const u8 xy[64], const u8 digest[32], const u8 *sig,
			size_t sig_len)
{
	struct crypto_akcipher *tfm;
	struct akcipher_request *req = NULL;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 key[65], *buf = NULL;
	size_t n;
	u32 res;
	int err;

	if (sig_len != 64)
		return TEE_ERROR_SIGNATURE_INVALID;
	tfm = crypto_alloc_akcipher("ecdsa-nist-p256", 0, 0);
	if (IS_ERR(tfm))
		return TEE_ERROR_NOT_SUPPORTED;
	key[0] = 0x04;
	memcpy(key + 1, xy, 64);
	res = TEE_ERROR_BAD_PARAMETERS;
	if (crypto_akcipher_set_pub_key(tfm, key, sizeof(key)))
		goto out;
	res = TEE_ERROR_OUT_OF_MEMORY;
	buf = kmalloc(2 + 2 * 35 + 32, GFP_KERNEL);
	req = akcipher_request_alloc(tfm, GFP_KERNEL);
	if (!buf || !req)
		goto out;
	n = 2;
	n += der_put_uint(buf + n, sig, 32);
	n += der_put_uint(buf + n, sig + 32, 32);
	buf[0] = 0x30;
	buf[1] = n - 2;
	memcpy(buf + n, digest, 32);
	sg_init_one(&sg, buf, n + 32);
	akcipher_request_set_crypt(req, &sg, NULL, n, 32);
	akcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				      CRYPTO_TFM_REQ_MAY_BACKLOG,
				      crypto_req_done, &wait);
	err = crypto_wait_req(crypto_akcipher_verify(req), &wait);
	res = err ? TEE_ERROR_SIGNATURE_INVALID : TEE_SUCCESS;
out:
	akcipher_request_free(req);
	kfree(buf);
	crypto_free_akcipher(tfm);
	return res;
}
