// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Offline analysis of a firmware file for the diagnosis engine: the shared
 * image library walks it in TA order (rpi_analyze, SHA-256 through OpenSSL)
 * and the signature is checked against the keyring and the TA key.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "optee/analysis.h"
#include "common/file.h"
#include "common/hash.h"

/* ------------------------------------------------------------------ */
/* keys                                                                 */

int diag_keys_load(struct diag_keys *k, const char *dir, const char *ta_key,
		   char *err, size_t errlen)
{
	memset(k, 0, sizeof(*k));
	keyset_add_builtin(&k->set);
	if (dir && dir[0] && keyset_add_dir(&k->set, dir, err, errlen) < 0)
		return -EINVAL;
	if (ta_key && ta_key[0]) {
		if (key_load_file(&k->ta, ta_key, NULL, err, errlen) < 0)
			return -EINVAL;
		k->has_ta = true;
	}
	return 0;
}

void diag_keys_free(struct diag_keys *k)
{
	keyset_free(&k->set);
	if (k->has_ta)
		key_free(&k->ta);
	memset(k, 0, sizeof(*k));
}

/* Short name (built-in name or file) and, for a well-known key, where it ships. */
static void key_label(const struct key *k, char *name, size_t nlen, char *desc, size_t dlen)
{
	const struct builtin_key *b = key_builtin_by_fp(k->spki_sha256);

	snprintf(name, nlen, "%s", b ? b->name : k->name);
	snprintf(desc, dlen, "%s", b ? b->desc : "");
}

/* ------------------------------------------------------------------ */
/* analysis                                                             */

static void on_finding(void *ctx, const struct rpi_finding *f)
{
	struct diag_file *out = ctx;

	if (out->n_findings < DIAG_MAX_FINDINGS)
		out->findings[out->n_findings++] = *f;
}

static void check_signature(int fd, const struct diag_keys *keys, struct diag_file *out)
{
	const struct rpi_result *r = &out->res;
	unsigned int st = r->sum.sign_type;
	unsigned char *sig;

	if (!keys || !r->signed_len || !r->sig_len || r->sig_len > 1024 ||
	    r->sig_off + r->sig_len > out->size)
		return;
	if (!(r->sum.flags & RPI_S_HAS_SIGN_TYPE) && r->sum.format != RPROC_DIAG_FMT_F1)
		st = RPI_SIGN_RSA_PKCS1_SHA256;
	sig = malloc(r->sig_len);
	if (!sig)
		return;
	if (fd_read_at(fd, r->sig_off, sig, r->sig_len) == 0) {
		for (size_t i = 0; i < keys->set.n; i++) {
			const struct key *k = &keys->set.k[i];

			if (key_verify(k, st, r->signed_digest, sig, r->sig_len) == 1) {
				out->sig.signer_known = true;
				key_label(k, out->sig.signer_name, sizeof(out->sig.signer_name),
					  out->sig.signer_desc, sizeof(out->sig.signer_desc));
				hex_str(k->spki_sha256, 32, out->sig.signer_fpr);
				out->sig.signer_bits = (unsigned int)k->bits;
				break;
			}
		}
		if (keys->has_ta) {
			out->sig.ta_key_given = true;
			key_label(&keys->ta, out->sig.ta_key_name, sizeof(out->sig.ta_key_name),
				  out->sig.ta_key_desc, sizeof(out->sig.ta_key_desc));
			hex_str(keys->ta.spki_sha256, 32, out->sig.ta_key_fpr);
			out->sig.ta_key_bits = (unsigned int)keys->ta.bits;
			out->sig.ta_key_verifies =
				key_verify(&keys->ta, st, r->signed_digest, sig, r->sig_len) == 1;
		}
	}
	free(sig);
}

void diag_file_analyze(const char *path, const struct diag_keys *keys,
		       struct diag_file *out)
{
	struct fd_source src;
	struct rpi_visitor vis;
	struct sha256 sha;
	struct stat st;
	static unsigned char scratch[64 * 1024];
	int fd, ret;

	snprintf(out->path, sizeof(out->path), "%s", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		out->err = errno;
		return;
	}
	out->found = true;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		out->err = S_ISREG(st.st_mode) ? errno : EINVAL;
		close(fd);
		return;
	}
	out->size = (uint64_t)st.st_size;
	if (sha256_open(&sha) < 0) {
		out->err = ENOMEM;
		close(fd);
		return;
	}
	fd_source_init(&src, fd, out->size);
	memset(&vis, 0, sizeof(vis));
	vis.finding = on_finding;
	vis.ctx = out;
	ret = rpi_analyze(&src.src, &sha.ops, scratch, sizeof(scratch), &vis, &out->res);
	sha256_close(&sha);
	if (ret == 0) {
		check_signature(fd, keys, out);
		/* a file rewritten meanwhile is not the one analysed: say so */
		ret = file_check_unchanged(fd, &st);
	}
	if (ret == 0)
		out->analyzed = true;
	else
		out->err = -ret;
	close(fd);
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

void diag_dev_fill(struct diag_dev *d, const struct dev_snapshot *s,
		   const struct rd_record *rec)
{
	const struct dev_rproc *r;

	memset(d, 0, sizeof(*d));
	d->known = true;
	d->tee_present = s->n_tee > 0;
	d->ta_present = s->ta_present;
	r = dev_find_rproc(s, rec && rec->has_rproc_index, rec ? rec->rproc_index : 0,
			   rec ? rec->rproc_name : NULL);
	if (r) {
		d->rproc_found = true;
		snprintf(d->state, sizeof(d->state), "%s", r->state);
		snprintf(d->fw_format, sizeof(d->fw_format), "%s", r->fw_format);
	}
}
