// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc-diag fix IMAGE --key KEY: apply to a refused image every remedy
 * re-signing can apply (optee/remedy.c plans them), re-sign with the
 * project's signer (optee/sign.h, byte-identical to sign_rproc_fw.py),
 * inspect the result and print what changed and the predicted verdict of
 * each TA generation.
 *
 * Exit status (documented in README.md, "Your board says X"):
 *   0  the fixed image is predicted to load and start on the chosen TA
 *      generation (or, with --digest-out, the digest to sign was written)
 *   1  a remedy could not be applied, or the result would still be refused:
 *      the output says why and what to do instead; nothing is written
 *   2  bad usage, or input that cannot be read
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/x509.h>

#include "cmd/commands.h"
#include "common/hash.h"
#include "common/json.h"
#include "keys/key.h"
#include "optee/remedy.h"
#include "optee/sign.h"
#include "rproc_tee.h"

#define FIX_OK		0
#define FIX_REFUSED	1
#define FIX_USAGE	2

/* What became of the request (JSON "status"). */
enum fix_status {
	ST_LOADS,		/* written, predicted to load and start */
	ST_DIGEST,		/* --digest-out: the digest is written */
	ST_NOT_FIXABLE,		/* a remedy cannot be applied: nothing written */
	ST_STILL_REFUSED,	/* re-signed, still predicted to fail: not kept */
	ST_SIG_MISMATCH,	/* --signature does not verify */
	ST_ERROR,
};

static const char *const status_names[] = {
	[ST_LOADS] = "loads",
	[ST_DIGEST] = "digest-written",
	[ST_NOT_FIXABLE] = "not-fixable",
	[ST_STILL_REFUSED] = "refused-after-fix",
	[ST_SIG_MISMATCH] = "signature-mismatch",
	[ST_ERROR] = "error",
};

struct fix_args {
	const char *in, *out, *key, *ta_key, *pass, *digest_out, *signature;
	struct remedy_opts ro;
	bool json;
};

/* A refusal of fix itself (not of the image): the board decides it. */
struct board_note {
	const char *code;
	char text[REMEDY_TEXT];
};

static int read_file(const char *path, uint8_t **buf, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ret;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		ret = S_ISREG(st.st_mode) ? -errno : -EISDIR;
		close(fd);
		return ret;
	}
	if ((uint64_t)st.st_size > (1ULL << 31)) {
		close(fd);
		return -EFBIG;
	}
	*len = (size_t)st.st_size;
	*buf = malloc(*len ? *len : 1);
	if (!*buf) {
		close(fd);
		return -ENOMEM;
	}
	ret = *len ? fd_read_at(fd, 0, *buf, *len) : 0;
	close(fd);
	if (ret) {
		free(*buf);
		*buf = NULL;
	}
	return ret == -ERANGE ? -EIO : ret;
}

static int write_file(const char *path, const void *d, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -errno;
	if ((n && fwrite(d, 1, n, f) != n) || fclose(f))
		return -EIO;
	return 0;
}

static const char *key_label(const struct key *k, const char **ships)
{
	const struct builtin_key *b = key_builtin_by_fp(k->spki_sha256);

	*ships = b ? b->desc : NULL;
	return b ? b->name : NULL;
}

/* ------------------------------------------------------------------ */
/* inspecting the result                                                */

struct outcome {
	bool analysed;
	uint64_t size;
	uint8_t sha256[32];
	bool sig_ok;			/* verifies with the signing key */
	bool ta_key_ok;			/* ... and with --ta-key when given */
	struct rpi_verdict v[RPI_TA_COUNT];
	bool loads;			/* on the chosen TA generation */
};

static void on_nothing(void *ctx, const struct rpi_finding *f)
{
	(void)ctx;
	(void)f;
}

static void inspect_output(const char *path, const struct key *key, const struct key *ta_key,
			   const struct remedy_plan *p, struct outcome *o)
{
	static uint8_t scratch[64 * 1024];
	struct rpi_result *res;
	struct rpi_visitor vis;
	struct fd_source src;
	struct sha256 sha;
	uint8_t *buf;
	size_t len;
	unsigned int sig;

	memset(o, 0, sizeof(*o));
	if (read_file(path, &buf, &len))
		return;
	res = calloc(1, sizeof(*res));
	if (!res || sha256_open(&sha) < 0) {
		free(res);
		free(buf);
		return;
	}
	o->size = len;
	sha256_buf(buf, len, o->sha256);
	mem_source_init(&src, buf, len);
	memset(&vis, 0, sizeof(vis));
	vis.finding = on_nothing;
	if (!rpi_analyze(&src.src, &sha.ops, scratch, sizeof(scratch), &vis, res)) {
		o->analysed = true;
		if (res->sig_len && res->sig_off + res->sig_len <= len) {
			o->sig_ok = key_verify(key, res->sum.sign_type, res->signed_digest,
					       buf + res->sig_off, res->sig_len) == 1;
			o->ta_key_ok = ta_key && key_verify(ta_key, res->sum.sign_type,
							    res->signed_digest, buf + res->sig_off,
							    res->sig_len) == 1;
		}
		/* without --ta-key: as if the board trusts the key we signed with */
		sig = ta_key ? (o->ta_key_ok ? RPI_SIG_VALID : RPI_SIG_INVALID) :
		      o->sig_ok ? RPI_SIG_VALID : RPI_SIG_INVALID;
		for (unsigned int t = 0; t < RPI_TA_COUNT; t++) {
			rpi_predict(res, t, sig, &o->v[t]);
			/* the MP15 M4 needs no BOOTADDR: ST's START does not ask for one there */
			if (p->soc == REMEDY_SOC_MP15 &&
			    o->v[t].finding == RPROC_DIAG_FND_MISSING_BOOTADDR &&
			    o->v[t].cmd == RPROC_DIAG_TA_START_FW) {
				o->v[t].result = 0;
				o->v[t].finding = 0;
				snprintf(o->v[t].reason, sizeof(o->v[t].reason),
					 "loads and starts (the STM32MP15 M4 needs no BOOTADDR)");
			}
		}
		o->loads = o->v[p->ta].result == 0;
	}
	sha256_close(&sha);
	free(res);
	free(buf);
}

/* ------------------------------------------------------------------ */
/* output                                                               */

static const char *ta_label(int ta)
{
	return rpi_ta_name((uint32_t)ta);
}

static void print_text(const struct fix_args *a, const struct remedy_plan *p,
		       const struct board_note *bn, unsigned int n_bn, const struct key *key,
		       const struct outcome *o, enum fix_status status, const char *digest_hex, FILE *f)
{
	const char *ships, *name = key_label(key, &ships);
	char fpr[65];

	fprintf(f, "%s: %s, for %s%s%s%s, %s\n", a->in,
		p->src_format == RPROC_DIAG_FMT_ELF ? "plain ELF" : rpi_format_desc(p->src_format),
		p->soc == REMEDY_SOC_MP15 ? "STM32MP15 (Cortex-M4)" : "STM32MP25 (Cortex-M33)",
		p->soc_inferred ? " (--soc not given: " : "", p->soc_inferred ? p->soc_why : "",
		p->soc_inferred ? ")" : "", ta_label(p->ta));
	if (p->n_refused || n_bn) {
		fprintf(f, "cannot fix it by re-signing:\n");
		for (unsigned int i = 0; i < p->n_refused; i++)
			fprintf(f, "  - %s\n", p->refused[i].text);
		for (unsigned int i = 0; i < n_bn; i++)
			fprintf(f, "  - %s\n", bn[i].text);
		fprintf(f, "nothing written.\n");
		return;
	}
	fprintf(f, "changes:\n");
	for (unsigned int i = 0; i < p->n_changes; i++)
		fprintf(f, "  - %s\n", p->changes[i].text);
	for (unsigned int i = 0; i < p->n_images; i++)
		if (p->img[i].vt.found && p->img[i].vt.uncertain)
			fprintf(f, "warning: image %u: vector table at 0x%08x, but %s\n", i,
				p->img[i].vt.addr, p->img[i].vt.warning);
	hex_str(key->spki_sha256, 32, fpr);
	fprintf(f, "key: %s, spki-sha256 %s%s%s%s\n", name ? name : key->name, fpr,
		ships ? " (a development key: " : "", ships ? ships : "", ships ? ")" : "");
	if (digest_hex) {
		fprintf(f,
			"digest to sign: %s, written as 32 raw bytes to %s.  Sign it as a digest, e.g.\n"
			"  openssl pkeyutl -sign -inkey PRIVATE.pem -pkeyopt digest:sha256 -in %s -out sig.bin\n"
			"then run the same fix command with --signature sig.bin instead of --digest-out.\n",
			digest_hex, a->digest_out, a->digest_out);
		return;
	}
	if (!o->analysed) {
		fprintf(f, "the fixed image %s could not be read back\n", a->out);
		return;
	}
	hex_str(o->sha256, 32, fpr);
	if (status == ST_LOADS)
		fprintf(f, "written: %s (%llu bytes, sha256 %s)\n", a->out, (unsigned long long)o->size,
			fpr);
	fprintf(f, "predicted verdicts (%s):\n",
		a->ta_key ? (o->ta_key_ok ? "the key the board trusts (--ta-key) verifies it" :
			     "the key the board trusts (--ta-key) does NOT verify it") :
		"assuming the board trusts the signing key");
	for (unsigned int t = 0; t < RPI_TA_COUNT; t++) {
		if (t == RPI_TA_ST_LEGACY)
			continue;	/* fix writes F3 only */
		fprintf(f, "  %-22s %s%s 0x%08x %s: %s\n", ta_label((int)t),
			(int)t == p->ta ? "*" : " ", o->v[t].result ? "refused" : "loads  ",
			o->v[t].result, rpi_tee_code_name(o->v[t].result), o->v[t].reason);
	}
	if (status == ST_LOADS)
		fprintf(f, "next: copy %s to the board's firmware directory under the name the remote "
			   "processor loads (/sys/class/remoteproc/remoteprocN/firmware), then "
			   "echo start > /sys/class/remoteproc/remoteprocN/state\n", a->out);
	else
		fprintf(f, "the re-signed image would still be refused by the %s (see above), so it was "
			   "not kept: what is left is not in what re-signing changes\n", ta_label(p->ta));
}

static void print_json(const struct fix_args *a, const struct remedy_plan *p,
		       const struct board_note *bn, unsigned int n_bn, const struct key *key,
		       const struct outcome *o, enum fix_status status, const char *digest_hex, int code)
{
	const char *ships, *name = key_label(key, &ships);
	struct json j;

	json_init(&j, stdout);
	json_obj_begin(&j, NULL);
	json_str(&j, "type", "fix");
	json_str(&j, "input", a->in);
	json_str(&j, "input_format", p->src_format == RPROC_DIAG_FMT_ELF ? "elf" :
		 rpi_format_name(p->src_format));
	json_str(&j, "output", status == ST_LOADS ? a->out : NULL);
	json_str(&j, "soc", remedy_soc_name(p->soc));
	json_bool(&j, "soc_inferred", p->soc_inferred);
	json_str(&j, "ta", rpi_ta_id((uint32_t)p->ta));
	json_str(&j, "status", status_names[status]);
	json_i64(&j, "exit", code);
	json_arr_begin(&j, "changes");
	for (unsigned int i = 0; i < (p->n_refused || n_bn ? 0 : p->n_changes); i++) {
		json_obj_begin(&j, NULL);
		json_str(&j, "code", remedy_code_name(p->changes[i].code));
		json_str(&j, "text", p->changes[i].text);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_arr_begin(&j, "refused");
	for (unsigned int i = 0; i < p->n_refused; i++) {
		json_obj_begin(&j, NULL);
		json_str(&j, "code", remedy_code_name(p->refused[i].code));
		json_str(&j, "text", p->refused[i].text);
		json_obj_end(&j);
	}
	for (unsigned int i = 0; i < n_bn; i++) {
		json_obj_begin(&j, NULL);
		json_str(&j, "code", bn[i].code);
		json_str(&j, "text", bn[i].text);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	if (p->has_bootaddr) {
		const struct vt_result *vt = p->n_images ? &p->img[0].vt : NULL;

		json_obj_begin(&j, "bootaddr");
		json_strf(&j, "value", "0x%08x", p->bootaddr);
		json_str(&j, "source", p->bootaddr_from_vt ? "vector-table" :
			 a->ro.has_bootaddr ? "option" : "image");
		if (vt && vt->found) {
			json_str(&j, "rule", vt_rule_name(vt->rule));
			json_str(&j, "name", vt->name[0] ? vt->name : NULL);
			json_i64(&j, "segment", vt->segment);
			json_bool(&j, "uncertain", vt->uncertain);
			json_str(&j, "warning", vt->warning[0] ? vt->warning : NULL);
		} else {
			json_null(&j, "rule");
			json_null(&j, "name");
			json_null(&j, "segment");
			json_bool(&j, "uncertain", false);
			json_null(&j, "warning");
		}
		json_obj_end(&j);
	} else {
		json_null(&j, "bootaddr");
	}
	json_obj_begin(&j, "key");
	json_str(&j, "path", a->key);
	json_hex(&j, "spki_sha256", key->spki_sha256, 32);
	json_str(&j, "builtin", name);
	json_str(&j, "ships", ships);
	json_obj_end(&j);
	json_str(&j, "digest", digest_hex);
	if (o && o->analysed) {
		json_u64(&j, "size", o->size);
		json_hex(&j, "sha256", o->sha256, 32);
		json_bool(&j, "assumes_trusted_key", !a->ta_key);
		json_arr_begin(&j, "predictions");
		for (unsigned int t = 0; t < RPI_TA_COUNT; t++) {
			if (t == RPI_TA_ST_LEGACY)
				continue;
			json_obj_begin(&j, NULL);
			json_str(&j, "ta", rpi_ta_id(t));
			json_bool(&j, "chosen", (int)t == p->ta);
			json_strf(&j, "result", "0x%08x", o->v[t].result);
			json_str(&j, "result_name", rpi_tee_code_name(o->v[t].result));
			json_str(&j, "ta_command", rpi_ta_cmd_name(o->v[t].cmd));
			json_str(&j, "reason", o->v[t].reason);
			json_obj_end(&j);
		}
		json_arr_end(&j);
	} else {
		json_null(&j, "size");
		json_null(&j, "sha256");
		json_null(&j, "assumes_trusted_key");
		json_arr_begin(&j, "predictions");
		json_arr_end(&j);
	}
	json_obj_end(&j);
	json_end(&j);
}

/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s fix IMAGE --key KEY [--out FILE] [--soc mp25|mp15] [--ta st|upstream]\n"
		"                  [--bootaddr ADDR] [--ta-key PUBLIC.pem] [--passphrase P |\n"
		"                  --passphrase-file F] [--digest-out FILE | --signature FILE] [--json]\n"
		"Apply to a refused image (or to its ELF) every remedy that re-signing can apply:\n"
		"missing or wrong BOOTADDR (from the ELF's vector table), wrong format generation,\n"
		"missing HASHTYPE, platform TLVs ST's TA refuses, appended bytes; re-sign with KEY,\n"
		"inspect the result and print what changed and each TA generation's verdict.\n"
		"  --key KEY           the private key to sign with (PEM or DER)\n"
		"  --out FILE          fixed image (default IMAGE.fixed; IMAGE is never overwritten)\n"
		"  --soc mp25|mp15     the board (default: inferred from the image, and said)\n"
		"  --ta st|upstream    the TA generation the board runs (default st)\n"
		"  --bootaddr ADDR     BOOTADDR to sign with, when the vector table cannot be found\n"
		"  --ta-key PUBLIC.pem the key the board's OP-TEE trusts: fix refuses to sign with\n"
		"                      another one (only a new OP-TEE build changes that key)\n"
		"  --digest-out FILE   write the digest to sign elsewhere (HSM, KMS); KEY may be public\n"
		"  --signature FILE    assemble with this signature, made over that digest\n"
		"  --passphrase P      passphrase of an encrypted KEY\n"
		"  --passphrase-file F the passphrase is the first line of F\n"
		"  --json              one JSON object (schema: userspace/JSON.md, \"fix\")\n"
		"Exit status: 0 predicted to load and start on the chosen TA generation (or digest\n"
		"written), 1 a remedy could not be applied (it says why; nothing is written),\n"
		"2 bad usage or unreadable input.\n",
		prog);
}

static int parse_args(int argc, char **argv, struct fix_args *a, char *pass, size_t passlen)
{
	static const struct option lo[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "out", required_argument, NULL, 'o' },
		{ "soc", required_argument, NULL, 's' },
		{ "ta", required_argument, NULL, 't' },
		{ "bootaddr", required_argument, NULL, 'b' },
		{ "ta-key", required_argument, NULL, 'T' },
		{ "passphrase", required_argument, NULL, 'p' },
		{ "passphrase-file", required_argument, NULL, 'F' },
		{ "digest-out", required_argument, NULL, 'd' },
		{ "signature", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned long long v;
	char *end;
	FILE *pf;
	int c;

	memset(a, 0, sizeof(*a));
	a->ro.ta = -1;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'k':
			a->key = optarg;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 's':
			if (!strcasecmp(optarg, "mp25") || !strcasecmp(optarg, "stm32mp25"))
				a->ro.soc = REMEDY_SOC_MP25;
			else if (!strcasecmp(optarg, "mp15") || !strcasecmp(optarg, "stm32mp15"))
				a->ro.soc = REMEDY_SOC_MP15;
			else {
				fprintf(stderr, "%s fix: --soc `%s' is not mp25 or mp15\n", prog, optarg);
				return -1;
			}
			break;
		case 't':
			if (!strcasecmp(optarg, "st") || !strcasecmp(optarg, "st400"))
				a->ro.ta = RPI_TA_ST400;
			else if (!strcasecmp(optarg, "upstream"))
				a->ro.ta = RPI_TA_UPSTREAM;
			else {
				fprintf(stderr,
					"%s fix: --ta `%s' is not st or upstream (fix writes the F3 format; a "
					"legacy F1 TA needs ST's old sign_rproc_fw.py)\n", prog, optarg);
				return -1;
			}
			break;
		case 'b':
			errno = 0;
			v = strtoull(optarg, &end, 0);
			if (errno || *end || end == optarg || v > 0xffffffffULL) {
				fprintf(stderr, "%s fix: --bootaddr `%s' is not a 32-bit address (e.g. 0x80000000)\n",
					prog, optarg);
				return -1;
			}
			a->ro.has_bootaddr = true;
			a->ro.bootaddr = (uint32_t)v;
			break;
		case 'T':
			a->ta_key = optarg;
			break;
		case 'p':
			a->pass = optarg;
			break;
		case 'F':
			pf = fopen(optarg, "r");
			if (!pf || !fgets(pass, (int)passlen, pf)) {
				fprintf(stderr, "%s fix: cannot read a passphrase from `%s': %s\n", prog, optarg,
					pf ? "empty file" : strerror(errno));
				if (pf)
					fclose(pf);
				return -1;
			}
			fclose(pf);
			pass[strcspn(pass, "\r\n")] = 0;
			a->pass = pass;
			break;
		case 'd':
			a->digest_out = optarg;
			break;
		case 'S':
			a->signature = optarg;
			break;
		case 'j':
			a->json = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			fprintf(stderr, "%s fix: unknown option or missing argument `%s'\n", prog,
				argv[optind - 1]);
			usage_hint("fix");
			return -1;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "%s fix: %s\n", prog,
			optind >= argc ? "no IMAGE given" : "one IMAGE at a time");
		usage_hint("fix");
		return -1;
	}
	a->in = argv[optind];
	if (!a->key) {
		fprintf(stderr, "%s fix: --key is required (the private key, or with --digest-out/"
			"--signature the public key)\n", prog);
		return -1;
	}
	if (a->digest_out && a->signature) {
		fprintf(stderr, "%s fix: --digest-out and --signature are two steps: give one of them\n",
			prog);
		return -1;
	}
	return 0;
}

/* Write the images to a private directory and sign them into a->out. */
static int sign_plan(const struct fix_args *a, const struct remedy_plan *p, const uint8_t *buf,
		     const struct key *key)
{
	char dir[] = "/tmp/rproc-diag-fix.XXXXXX";
	char paths[RPI_MAX_IMAGES][64], kinfo[64] = "";
	struct sign_opts so;
	char *msg = NULL;
	size_t msglen = 0;
	FILE *mf;
	int ret = FIX_USAGE;

	if (!mkdtemp(dir)) {
		fprintf(stderr, "%s fix: cannot create a temporary directory: %s\n", prog, strerror(errno));
		return FIX_USAGE;
	}
	memset(&so, 0, sizeof(so));
	for (unsigned int i = 0; i < p->n_images; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/image%u.elf", dir, i);
		if (write_file(paths[i], buf + p->img[i].off, (size_t)p->img[i].size)) {
			fprintf(stderr, "%s fix: cannot write %s: %s\n", prog, paths[i], strerror(errno));
			goto out;
		}
		so.in[so.nin++] = paths[i];
	}
	if (p->had_key_info) {
		unsigned char *der = NULL;
		int dlen = i2d_PUBKEY(key->pkey, &der);

		snprintf(kinfo, sizeof(kinfo), "%s/pkeyinfo.der", dir);
		if (dlen <= 0 || write_file(kinfo, der, (size_t)dlen)) {
			OPENSSL_free(der);
			fprintf(stderr, "%s fix: cannot write the PKEYINFO bytes\n", prog);
			goto out;
		}
		OPENSSL_free(der);
		so.key_info = kinfo;
	}
	so.out = a->out;
	so.key = a->key;
	so.passphrase = a->pass;
	so.digest_out = a->digest_out;
	so.signature = a->signature;
	for (unsigned int i = 0; i < p->n_plat && i < SIGN_MAX_PLAT; i++)
		so.plat[so.nplat++] = (struct sign_plat){ p->plat[i].id, p->plat[i].val, p->plat[i].len };
	/* sign's own progress lines are replaced by fix's report */
	mf = open_memstream(&msg, &msglen);
	if (!mf)
		goto out;
	ret = sign_build(&so, mf);
	fclose(mf);
	free(msg);
	ret = ret == 0 ? FIX_OK : ret == 1 ? FIX_REFUSED : FIX_USAGE;
out:
	for (unsigned int i = 0; i < so.nin; i++)
		unlink(paths[i]);
	if (kinfo[0])
		unlink(kinfo);
	rmdir(dir);
	return ret;
}

int cmd_fix(int argc, char **argv)
{
	static char pass[1024], outbuf[4096];
	struct board_note bn[4];
	unsigned int n_bn = 0;
	struct fix_args a;
	struct remedy_plan *p = NULL;
	struct key key, ta_key;
	struct outcome o;
	uint8_t *buf = NULL, dig[32];
	char err[512], hx[65];
	enum fix_status status = ST_ERROR;
	size_t len = 0;
	int ret, code = FIX_USAGE;
	bool have_ta_key = false;

	memset(&key, 0, sizeof(key));
	memset(&o, 0, sizeof(o));
	if (parse_args(argc, argv, &a, pass, sizeof(pass)))
		return FIX_USAGE;
	if (!a.out) {
		snprintf(outbuf, sizeof(outbuf), "%s.fixed", a.in);
		a.out = outbuf;
	}
	ret = read_file(a.in, &buf, &len);
	if (ret) {
		fprintf(stderr, "%s fix: cannot read `%s': %s\n", prog, a.in, strerror(-ret));
		return FIX_USAGE;
	}
	if (key_load_file(&key, a.key, a.pass, err, sizeof(err))) {
		fprintf(stderr, "%s fix: --key: %s\n", prog, err);
		goto out;
	}
	if (!key.has_private && !a.digest_out && !a.signature) {
		fprintf(stderr,
			"%s fix: `%s' is a public key: give the private key, or sign elsewhere with "
			"--digest-out then --signature\n", prog, a.key);
		goto out;
	}
	if (a.ta_key) {
		if (key_load_file(&ta_key, a.ta_key, NULL, err, sizeof(err))) {
			fprintf(stderr, "%s fix: --ta-key: %s\n", prog, err);
			goto out;
		}
		have_ta_key = true;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		goto out;
	ret = remedy_plan(buf, len, a.in, &a.ro, p);
	if (ret == -EINVAL) {
		fprintf(stderr,
			"%s fix: `%s' is neither a firmware ELF nor an OP-TEE remoteproc image (it starts "
			"with %02x %02x %02x %02x): give the signed image the board refused, or its ELF\n",
			prog, a.in, len > 0 ? buf[0] : 0, len > 1 ? buf[1] : 0, len > 2 ? buf[2] : 0,
			len > 3 ? buf[3] : 0);
		goto out;
	}
	if (ret) {
		fprintf(stderr, "%s fix: cannot analyse `%s': %s\n", prog, a.in, strerror(-ret));
		goto out;
	}

	/* what only the board can change */
	if (have_ta_key && memcmp(ta_key.spki_sha256, key.spki_sha256, 32)) {
		const char *ships, *tn = key_label(&ta_key, &ships);

		hex_str(ta_key.spki_sha256, 32, hx);
		bn[n_bn].code = "key-not-trusted";
		snprintf(bn[n_bn].text, sizeof(bn[n_bn].text),
			 "the board trusts %s (spki-sha256 %s), not the key given with --key: an image "
			 "signed with --key fails there (SIGNATURE_INVALID). Only a new OP-TEE build "
			 "(RPROC_SIGN_KEY) changes the trusted key; sign with that key's private half "
			 "instead%s%s", tn ? tn : a.ta_key, hx, ships ? " (it ships as " : "",
			 ships ? ships : "");
		if (ships)
			strncat(bn[n_bn].text, ")", sizeof(bn[n_bn].text) - strlen(bn[n_bn].text) - 1);
		n_bn++;
	}
	if (key.kind != KEY_RSA && p->ta == RPI_TA_UPSTREAM) {
		bn[n_bn].code = "key-type";
		snprintf(bn[n_bn].text, sizeof(bn[n_bn].text),
			 "upstream OP-TEE's PTA verifies RSA signatures only (ECDSA: NOT_SUPPORTED): sign "
			 "with the RSA key OP-TEE was built with");
		n_bn++;
	}
	if (p->n_refused || n_bn) {
		code = FIX_REFUSED;
		status = ST_NOT_FIXABLE;
		goto report;
	}
	code = sign_plan(&a, p, buf, &key);
	if (code != FIX_OK) {
		status = code == FIX_REFUSED ? ST_SIG_MISMATCH : ST_ERROR;
		if (code == FIX_REFUSED)
			snprintf(p->refused[p->n_refused++].text, REMEDY_TEXT,
				 "the signature given with --signature does not verify with --key over the "
				 "digest of this fix: sign the digest fix --digest-out wrote, with the private "
				 "half of --key");
		goto report;
	}
	if (a.digest_out) {
		uint8_t *d;
		size_t dl;

		if (read_file(a.digest_out, &d, &dl) || dl != 32) {
			fprintf(stderr, "%s fix: cannot read back %s\n", prog, a.digest_out);
			code = FIX_USAGE;
			goto out;
		}
		memcpy(dig, d, 32);
		free(d);
		hex_str(dig, 32, hx);
		status = ST_DIGEST;
		goto report;
	}
	inspect_output(a.out, &key, have_ta_key ? &ta_key : NULL, p, &o);
	if (!o.analysed) {
		fprintf(stderr, "%s fix: cannot read back `%s'\n", prog, a.out);
		code = FIX_USAGE;
		goto out;
	}
	if (o.loads) {
		status = ST_LOADS;
	} else {
		/* a file that would be refused is of no use on the board */
		status = ST_STILL_REFUSED;
		code = FIX_REFUSED;
		unlink(a.out);
	}
report:
	if (a.json)
		print_json(&a, p, bn, n_bn, &key,
			   status == ST_LOADS || status == ST_STILL_REFUSED ? &o : NULL, status,
			   status == ST_DIGEST ? hx : NULL, code);
	else
		print_text(&a, p, bn, n_bn, &key, &o, status, status == ST_DIGEST ? hx : NULL,
			   code == FIX_OK || code == FIX_REFUSED ? stdout : stderr);
out:
	free(p);
	free(buf);
	key_free(&key);
	if (have_ta_key)
		key_free(&ta_key);
	return code;
}
