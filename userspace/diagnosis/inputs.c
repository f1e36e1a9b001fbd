// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Inputs of the diagnosis (inputs.h): the firmware file through the one
 * OP-TEE analysis, summarised for the knowledge base, and device facts.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/hash.h"
#include "diagnosis/inputs.h"
#include "optee/remedy.h"

/* The file a development key ships as ("keys/default.pem"), or "". */
static void key_file(const struct key *k, char *out, size_t len)
{
	const struct builtin_key *b = key_builtin_by_fp(k->spki_sha256);

	snprintf(out, len, "%s", b && b->file ? b->file : "");
}

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
		key_file(signer->k, s->signer_file, sizeof(s->signer_file));
	}
	if (img->sig.ta) {
		/* named even when there is no signature to check (a plain ELF) */
		s->ta_key_named = true;
		key_summary(img->sig.ta, s->ta_key_name, sizeof(s->ta_key_name), s->ta_key_desc,
			    sizeof(s->ta_key_desc), s->ta_key_fpr, &s->ta_key_bits);
		key_file(img->sig.ta, s->ta_key_file, sizeof(s->ta_key_file));
		snprintf(s->ta_key_path, sizeof(s->ta_key_path), "%s", img->sig.ta->name);
		s->ta_key_private = img->sig.ta->has_private;
	}
	if (img->sig.ta && img->sig.checked) {
		s->ta_key_given = true;
		s->ta_key_verifies = img->sig.ta_verifies == 1;
	}
}

/*
 * What `rproc-diag fix` would do to the file (optee/remedy.c), for the
 * values the remediation quotes.  Files up to 64 MiB are planned for.
 */
static void plan_fix(int fd, uint64_t size, const char *path, int soc, struct diag_fix *fx)
{
	static struct remedy_plan plan;
	struct remedy_opts o = { .ta = -1, .soc = (enum remedy_soc)soc };
	uint8_t *buf;

	if (size > (64U << 20))
		return;
	buf = malloc(size ? (size_t)size : 1);
	if (!buf)
		return;
	if ((size && fd_read_at(fd, 0, buf, (size_t)size)) ||
	    remedy_plan(buf, (size_t)size, path, &o, &plan)) {
		free(buf);
		return;
	}
	free(buf);
	memset(fx, 0, sizeof(*fx));
	fx->planned = true;
	fx->fixable = !plan.n_refused;
	fx->is_elf = plan.src_format == RPROC_DIAG_FMT_ELF;
	fx->soc = plan.soc;
	fx->soc_inferred = plan.soc_inferred;
	fx->has_bootaddr = plan.has_bootaddr;
	fx->bootaddr = plan.bootaddr;
	fx->from_vector_table = plan.bootaddr_from_vt;
	if (plan.n_images && plan.img[0].vt.found) {
		const struct vt_result *vt = &plan.img[0].vt;

		fx->vt_found = true;
		fx->vt_addr = vt->addr;
		snprintf(fx->bootaddr_rule, sizeof(fx->bootaddr_rule), "%s%s%s",
			 vt_rule_desc(vt->rule), vt->name[0] ? ": " : "", vt->name);
		fx->bootaddr_uncertain = vt->uncertain;
		snprintf(fx->bootaddr_warning, sizeof(fx->bootaddr_warning), "%s", vt->warning);
	}
	/* the platform TLVs in ST's script syntax (it takes the names) */
	{
		const char *elf = "x";
		char cmd[600], *p;

		remedy_sign_command(&plan, &elf, 1, "x", "x", cmd, sizeof(cmd));
		p = strstr(cmd, " --plat-tlv");
		snprintf(fx->plat_opts, sizeof(fx->plat_opts), "%s", p ? p : "");
	}
	if (plan.n_refused)
		snprintf(fx->refusal, sizeof(fx->refusal), "%s", plan.refused[0].text);
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
		plan_fix(fd, out->size, path, 0, &out->fix);
	} else {
		out->err = -ret;
	}
	optee_image_free(&img);
	close(fd);
}

void diag_file_replan(struct diag_file *out, int soc)
{
	int fd;

	if (!out->analyzed)
		return;
	fd = open(out->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	plan_fix(fd, out->size, out->path, soc, &out->fix);
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
