// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Inputs of the diagnosis (inputs.h): the firmware file through the one
 * OP-TEE analysis, summarised for the knowledge base, and device facts.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/hash.h"
#include "diagnosis/inputs.h"

/* A key as the diagnosis names it: built-in name, where it ships, fingerprint. */
static void key_summary(const struct key *k, char *name, size_t nlen, char *desc,
			size_t dlen, char fpr[65], unsigned int *bits)
{
	const char *wk = key_well_known(k);

	snprintf(name, nlen, "%s", key_display_name(k));
	snprintf(desc, dlen, "%s", wk ? wk : "");
	hex_str(k->spki_sha256, 32, fpr);
	*bits = (unsigned int)k->bits;
}

/* What the diagnosis keeps of the analysis: summary, findings, signer, TA key. */
static void summarise(const struct optee_image *img, struct diag_file *out)
{
	const struct optee_cand *signer = optee_signer(img);
	struct diag_sig *s = &out->sig;

	out->res = img->res;
	for (size_t i = 0; i < img->nfnd && out->n_findings < DIAG_MAX_FINDINGS; i++)
		out->findings[out->n_findings++] = img->fnd[i];
	if (signer) {
		s->signer_known = true;
		key_summary(signer->k, s->signer_name, sizeof(s->signer_name), s->signer_desc,
			    sizeof(s->signer_desc), s->signer_fpr, &s->signer_bits);
	}
	if (img->sig.ta && img->sig.checked) {
		s->ta_key_given = true;
		key_summary(img->sig.ta, s->ta_key_name, sizeof(s->ta_key_name), s->ta_key_desc,
			    sizeof(s->ta_key_desc), s->ta_key_fpr, &s->ta_key_bits);
		s->ta_key_verifies = img->sig.ta_verifies == 1;
	}
}

void diag_file_analyze(const char *path, const struct optee_keys *keys,
		       struct diag_file *out)
{
	struct optee_image img;
	struct stat st;
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
	ret = optee_analyze_fd(fd, &st, keys, NULL, &img);
	if (ret == 0) {
		summarise(&img, out);
		out->analyzed = true;
	} else {
		out->err = -ret;
	}
	optee_image_free(&img);
	close(fd);
}

void diag_file_lookup(const struct fw_search *fs, const char *fw_name,
		      const struct optee_keys *keys, struct diag_file *out)
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
