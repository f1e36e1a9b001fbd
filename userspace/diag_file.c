// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Offline analysis of a firmware file for the diagnosis engine: the shared
 * image library walks it in TA order (rpi_analyze, SHA-256 through OpenSSL)
 * and the signature is checked against the keyring and the TA key.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "diag_file.h"

/* ------------------------------------------------------------------ */
/* keys                                                                 */

static void key_fpr(EVP_PKEY *pk, char *hex)
{
	unsigned char *der = NULL, md[32];
	unsigned int mdlen = 0;
	int len = i2d_PUBKEY(pk, &der);

	hex[0] = '\0';
	if (len <= 0)
		return;
	if (EVP_Digest(der, (size_t)len, md, &mdlen, EVP_sha256(), NULL) == 1 && mdlen == 32)
		for (int i = 0; i < 32; i++)
			sprintf(hex + 2 * i, "%02x", md[i]);
	OPENSSL_free(der);
}

static EVP_PKEY *read_key(const char *path)
{
	EVP_PKEY *pk = NULL;
	BIO *bio = BIO_new_file(path, "rb");

	if (!bio)
		return NULL;
	pk = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	if (!pk) {
		(void)BIO_reset(bio);
		pk = PEM_read_bio_PrivateKey(bio, NULL, NULL, (void *)"");
	}
	if (!pk) {
		(void)BIO_reset(bio);
		pk = d2i_PUBKEY_bio(bio, NULL);
	}
	if (!pk) {
		(void)BIO_reset(bio);
		pk = d2i_PrivateKey_bio(bio, NULL);
	}
	BIO_free(bio);
	ERR_clear_error();
	return pk;
}

static int load_one(struct diag_key *k, const char *path, const char *name)
{
	EVP_PKEY *pk = read_key(path);

	if (!pk)
		return -EINVAL;
	memset(k, 0, sizeof(*k));
	snprintf(k->name, sizeof(k->name), "%s", name);
	key_fpr(pk, k->fpr);
	k->bits = (unsigned int)EVP_PKEY_get_bits(pk);
	k->pkey = pk;
	return 0;
}

static bool key_file_name(const char *n)
{
	size_t l = strlen(n);

	return (l > 4 && (!strcmp(n + l - 4, ".pem") || !strcmp(n + l - 4, ".der") ||
			  !strcmp(n + l - 4, ".pub")));
}

int diag_keys_load(struct diag_keys *k, const char *dir, const char *ta_key,
		   char *err, size_t errlen)
{
	memset(k, 0, sizeof(*k));
	if (err && errlen)
		err[0] = '\0';
	if (dir && dir[0]) {
		struct dirent **list = NULL;
		int n = scandir(dir, &list, NULL, alphasort);

		if (n < 0) {
			snprintf(err, errlen, "cannot read keyring directory `%s': %s",
				 dir, strerror(errno));
		}
		for (int i = 0; i < n; i++) {
			char path[PATH_MAX];

			if (key_file_name(list[i]->d_name) && k->n < DIAG_MAX_KEYS &&
			    snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name) < (int)sizeof(path)) {
				if (load_one(&k->key[k->n], path, list[i]->d_name) == 0)
					k->n++;
				else if (err && !err[0])
					snprintf(err, errlen,
						 "keyring: `%s' is not a PEM or DER RSA/EC key (skipped)", path);
			}
			free(list[i]);
		}
		free(list);
	}
	if (ta_key && ta_key[0]) {
		const char *base = strrchr(ta_key, '/');

		if (load_one(&k->ta, ta_key, base ? base + 1 : ta_key) < 0) {
			snprintf(err, errlen,
				 "cannot read the TA key `%s': not a readable PEM or DER public/private key (give the key OP-TEE was built with, RPROC_SIGN_KEY)",
				 ta_key);
			return -EINVAL;
		}
		k->has_ta = true;
		/* a keyring key with the same fingerprint gives the TA key its name */
		for (unsigned int i = 0; i < k->n; i++)
			if (!strcmp(k->key[i].fpr, k->ta.fpr))
				snprintf(k->ta.name, sizeof(k->ta.name), "%s", k->key[i].name);
	}
	return 0;
}

void diag_keys_free(struct diag_keys *k)
{
	for (unsigned int i = 0; i < k->n; i++)
		EVP_PKEY_free(k->key[i].pkey);
	if (k->has_ta)
		EVP_PKEY_free(k->ta.pkey);
	memset(k, 0, sizeof(*k));
}

/* Verify a raw signature (RSA PKCS#1 v1.5 or ECDSA r||s) over a SHA-256 digest. */
static bool verify_digest(EVP_PKEY *pk, const unsigned char *digest,
			  const unsigned char *sig, size_t siglen)
{
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(pk, NULL);
	unsigned char *der = NULL;
	const unsigned char *s = sig;
	size_t slen = siglen;
	bool ok = false;

	if (!pctx)
		return false;
	if (EVP_PKEY_verify_init(pctx) != 1 ||
	    EVP_PKEY_CTX_set_signature_md(pctx, EVP_sha256()) != 1)
		goto out;
	if (EVP_PKEY_get_base_id(pk) == EVP_PKEY_RSA) {
		if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
			goto out;
	} else if (EVP_PKEY_get_base_id(pk) == EVP_PKEY_EC) {
		ECDSA_SIG *es;
		BIGNUM *r, *sv;
		int l;

		if (siglen != 64)
			goto out;
		es = ECDSA_SIG_new();
		r = BN_bin2bn(sig, 32, NULL);
		sv = BN_bin2bn(sig + 32, 32, NULL);
		if (!es || !r || !sv || ECDSA_SIG_set0(es, r, sv) != 1) {
			BN_free(r);
			BN_free(sv);
			ECDSA_SIG_free(es);
			goto out;
		}
		l = i2d_ECDSA_SIG(es, &der);
		ECDSA_SIG_free(es);
		if (l <= 0)
			goto out;
		s = der;
		slen = (size_t)l;
	} else {
		goto out;
	}
	ok = EVP_PKEY_verify(pctx, s, slen, digest, 32) == 1;
out:
	OPENSSL_free(der);
	EVP_PKEY_CTX_free(pctx);
	ERR_clear_error();
	return ok;
}

/* ------------------------------------------------------------------ */
/* analysis                                                             */

struct file_src {
	int fd;
};

static int file_read(void *ctx, u64 off, void *buf, size_t len)
{
	struct file_src *fs = ctx;
	size_t done = 0;

	while (done < len) {
		ssize_t n = pread(fs->fd, (char *)buf + done, len - done, (off_t)(off + done));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO;
		done += (size_t)n;
	}
	return 0;
}

static int h_init(void *c)
{
	return EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 ? 0 : -EIO;
}

static int h_update(void *c, const void *d, size_t l)
{
	return EVP_DigestUpdate(c, d, l) == 1 ? 0 : -EIO;
}

static int h_final(void *c, u8 out[RPI_SHA256_LEN])
{
	unsigned int l = 0;

	return EVP_DigestFinal_ex(c, out, &l) == 1 && l == 32 ? 0 : -EIO;
}

static void on_finding(void *ctx, const struct rpi_finding *f)
{
	struct diag_file *out = ctx;

	if (out->n_findings < DIAG_MAX_FINDINGS)
		out->findings[out->n_findings++] = *f;
}

static void check_signature(int fd, const struct diag_keys *keys, struct diag_file *out)
{
	const struct rpi_result *r = &out->res;
	unsigned char *sig;
	struct file_src fsrc = { fd };

	if (!keys || !r->signed_len || !r->sig_len || r->sig_len > 1024 ||
	    r->sig_off + r->sig_len > out->size)
		return;
	sig = malloc(r->sig_len);
	if (!sig)
		return;
	if (file_read(&fsrc, r->sig_off, sig, r->sig_len) == 0) {
		for (unsigned int i = 0; i < keys->n; i++) {
			if (verify_digest(keys->key[i].pkey, r->signed_digest, sig, r->sig_len)) {
				out->sig.signer_known = true;
				snprintf(out->sig.signer_name, sizeof(out->sig.signer_name), "%s",
					 keys->key[i].name);
				memcpy(out->sig.signer_fpr, keys->key[i].fpr, sizeof(out->sig.signer_fpr));
				out->sig.signer_bits = keys->key[i].bits;
				break;
			}
		}
		if (keys->has_ta) {
			out->sig.ta_key_given = true;
			snprintf(out->sig.ta_key_name, sizeof(out->sig.ta_key_name), "%s", keys->ta.name);
			memcpy(out->sig.ta_key_fpr, keys->ta.fpr, sizeof(out->sig.ta_key_fpr));
			out->sig.ta_key_bits = keys->ta.bits;
			out->sig.ta_key_verifies = verify_digest(keys->ta.pkey, r->signed_digest,
								 sig, r->sig_len);
		}
	}
	free(sig);
}

void diag_file_analyze(const char *path, const struct diag_keys *keys,
		       struct diag_file *out)
{
	struct file_src fsrc;
	struct rpi_source src;
	struct rpi_hash_ops hops;
	struct rpi_visitor vis;
	struct stat st;
	EVP_MD_CTX *md;
	static unsigned char scratch[64 * 1024];
	int ret;

	snprintf(out->path, sizeof(out->path), "%s", path);
	fsrc.fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fsrc.fd < 0) {
		out->err = errno;
		return;
	}
	out->found = true;
	if (fstat(fsrc.fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		out->err = S_ISREG(st.st_mode) ? errno : EINVAL;
		close(fsrc.fd);
		return;
	}
	out->size = (uint64_t)st.st_size;
	md = EVP_MD_CTX_new();
	if (!md) {
		out->err = ENOMEM;
		close(fsrc.fd);
		return;
	}
	src.read = file_read;
	src.ctx = &fsrc;
	src.size = out->size;
	hops.init = h_init;
	hops.update = h_update;
	hops.final = h_final;
	hops.hctx = md;
	memset(&vis, 0, sizeof(vis));
	vis.finding = on_finding;
	vis.ctx = out;
	ret = rpi_analyze(&src, &hops, scratch, sizeof(scratch), &vis, &out->res);
	EVP_MD_CTX_free(md);
	if (ret == 0) {
		out->analyzed = true;
		check_signature(fsrc.fd, keys, out);
	} else {
		out->err = -ret;
	}
	close(fsrc.fd);
}

void diag_file_lookup(const struct fw_search *fs, const char *fw_name,
		      const struct diag_keys *keys, struct diag_file *out)
{
	char path[PATH_MAX];
	int ret;

	memset(out, 0, sizeof(*out));
	out->looked = true;
	if (!fw_name || !fw_name[0]) {
		out->err = ENOENT;
		return;
	}
	ret = fw_find(fs, fw_name, path, sizeof(path));
	if (ret < 0) {
		out->err = -ret;
		snprintf(out->path, sizeof(out->path), "%s", fw_name);
		return;
	}
	diag_file_analyze(path, keys, out);
}
