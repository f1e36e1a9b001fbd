// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * `rproc-diag inspect FILE...`: the command.  An OP-TEE remoteproc image or
 * a plain ELF goes through the one OP-TEE analysis (optee/analysis.h) and
 * its report (optee/report.h); every other file to the other formats
 * (formats/formats.h).  The keys are loaded once, for every file.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "cmd/inspect.h"
#include "common/file.h"
#include "common/hash.h"
#include "common/json.h"
#include "common/report.h"
#include "formats/formats.h"
#include "optee/analysis.h"
#include "optee/report.h"

#define HEAD_LEN 4096

void inspect_opts_init(struct inspect_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->builtin_keys = true;
}

static int open_error(const char *path, int fd, const char *why, struct json *j)
{
	fprintf(stderr, "%s inspect: cannot read `%s': %s\n", prog, path, why);
	if (fd >= 0)
		close(fd);
	return rep_unreadable(j, path, why);
}

/*
 * Analyse and print; @fd >= 0 with its fstat() @st, else the buffer in
 * @src.  The keys come from o->keys, or are loaded here from the options.
 */
static int inspect_optee(const char *name, int fd, const struct stat *st,
			 const struct rpi_source *src, const struct inspect_opts *o,
			 struct json *j, FILE *out)
{
	const struct optee_keys *keys = o->loaded;
	struct optee_keys own;
	struct optee_image img;
	uint8_t pkh[32], *otp = NULL;
	const char *opt;
	char err[512];
	int ret;

	if (!keys) {
		if (optee_keys_load(&own, o->keys, o->nkeys, o->ta_key, o->keyring,
				    o->builtin_keys, &opt, err, sizeof(err))) {
			fprintf(stderr, "%s inspect: %s: %s\n", prog, opt, err);
			return 2;
		}
		keys = &own;
	}
	if (o->rproc_pkh && !optee_parse_pkh(o->rproc_pkh, pkh))
		otp = pkh;
	ret = fd >= 0 ? optee_analyze_fd(fd, st, keys, otp, &img) :
			optee_analyze(src, keys, otp, &img);
	if (ret) {
		ret = open_error(name, -1, file_strerror(ret), j);
	} else {
		struct rep r;

		rep_init(&r, j, out);
		optee_report(&r, name, &img, o->verbose);
		ret = img.status;
	}
	optee_image_free(&img);
	if (keys == &own)
		optee_keys_free(&own);
	return ret;
}

/* Any other format; kind FMT_UNKNOWN: detect it. */
static struct fmt_opts fmt_options(const struct inspect_opts *o)
{
	struct fmt_opts fo;
	unsigned int i;

	memset(&fo, 0, sizeof(fo));
	for (i = 0; i < o->nkeys && i < FMT_MAX_KEYS; i++)
		fo.keys[i] = o->keys[i];
	fo.nkeys = i;
	fo.keyring = o->keyring;
	fo.otp_hash = o->otp_hash;
	fo.measured_boot = o->measured_boot;
	fo.verbose = o->verbose;
	return fo;
}

int inspect_buf(const uint8_t *buf, size_t len, const char *name,
		const struct inspect_opts *o, struct json *j, FILE *out)
{
	struct fd_source src;
	struct fmt_opts fo;

	if (!optee_is_image(buf, len)) {
		fo = fmt_options(o);
		return fmt_inspect_buf(buf, len, name, FMT_UNKNOWN, &fo, j, out);
	}
	mem_source_init(&src, buf, len);
	return inspect_optee(name, -1, NULL, &src.src, o, j, out);
}

int inspect_file(const char *path, const struct inspect_opts *o, struct json *j, FILE *out)
{
	uint8_t head[HEAD_LEN];
	struct fmt_opts fo;
	struct stat st;
	size_t hl;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st))
		return open_error(path, fd, strerror(errno), j);
	if (!S_ISREG(st.st_mode))
		return open_error(path, fd, "not a regular file (give the firmware file itself)", j);
	hl = (uint64_t)st.st_size < sizeof(head) ? (size_t)st.st_size : sizeof(head);
	ret = fd_read_at(fd, 0, head, hl);
	if (ret)
		return open_error(path, fd, file_strerror(ret == -ERANGE ? FILE_CHANGED : ret), j);
	if (!optee_is_image(head, hl)) {
		close(fd);
		fo = fmt_options(o);
		return fmt_inspect(path, fmt_detect_path(path, head, hl, (uint64_t)st.st_size),
				   &fo, j, out);
	}
	ret = inspect_optee(path, fd, &st, NULL, o, j, out);
	close(fd);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s inspect FILE... [--key FILE]... [--keyring DIR] [--ta-key FILE]\n"
		"                  [--no-builtin-keys] [--json] [--otp-rproc-pkh HEX]\n"
		"                  [--otp-hash HEX] [--measured-boot] [--verbose]\n"
		"Dump and verify OP-TEE remoteproc signed images (F1/F2/F3) and other signed\n"
		"firmware formats.  Exit status: 0 valid, 1 invalid, 2 unparseable, 64 usage.\n"
		"  --key FILE        candidate signing key (PEM or DER, private or public)\n"
		"  --keyring DIR     every *.pem, *.der, *.pub, *.key file in DIR\n"
		"  --ta-key FILE     the key the target OP-TEE trusts (RPROC_SIGN_KEY)\n"
		"  --no-builtin-keys do not try the well-known development keys\n"
		"  --otp-rproc-pkh HEX  STM32MP2 OTP oem_rproc_pkh: also predict an ST\n"
		"                    OP-TEE built with CFG_REMOTEPROC_PUB_KEY_VERIFY=y\n"
		"  --otp-hash HEX    STM32 boot-ROM images: the key hash (PKH/PKTH) in OTP\n"
		"  --measured-boot   MCUboot images: require the boot record TLV\n"
		"  --verbose         also print the hashes of good segments\n"
		"  --json            one JSON object per file (schema: userspace/JSON.md)\n",
		prog);
}

int cmd_inspect(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "keyring", required_argument, NULL, 'r' },
		{ "ta-key", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "no-builtin-keys", no_argument, NULL, 'B' },
		{ "otp-hash", required_argument, NULL, 'o' },
		{ "measured-boot", no_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "otp-rproc-pkh", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct inspect_opts o;
	struct optee_keys keys;
	struct json j;
	const char *opt;
	char err[512];
	int c, i, st, worst = 0;

	inspect_opts_init(&o);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'k':
			if (o.nkeys == INSPECT_MAX_KEYS) {
				fprintf(stderr, "%s inspect: more than %d --key options; put the keys in a directory and use --keyring\n",
					prog, INSPECT_MAX_KEYS);
				usage_hint("inspect");
				return EXIT_USAGE;
			}
			o.keys[o.nkeys++] = optarg;
			break;
		case 'r':
			o.keyring = optarg;
			break;
		case 't':
			o.ta_key = optarg;
			break;
		case 'j':
			o.json = true;
			break;
		case 'B':
			o.builtin_keys = false;
			break;
		case 'o':
			o.otp_hash = optarg;
			break;
		case 'm':
			o.measured_boot = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'P': {
			uint8_t tmp[32];

			if (optee_parse_pkh(optarg, tmp)) {
				fprintf(stderr, "%s inspect: --otp-rproc-pkh `%s' is not 32 bytes of hex (64 hex digits, the SHA-256 in OTP oem_rproc_pkh)\n",
					prog, optarg);
				usage_hint("inspect");
				return EXIT_USAGE;
			}
			o.rproc_pkh = optarg;
			break;
		}
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "%s inspect: unknown option or missing argument `%s'\n", prog,
				argv[optind - 1]);
			usage_hint("inspect");
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "%s inspect: no FILE given\n", prog);
		usage_hint("inspect");
		return EXIT_USAGE;
	}
	/* Bad keys are usage errors: load them once, before any file. */
	if (optee_keys_load(&keys, o.keys, o.nkeys, o.ta_key, o.keyring, o.builtin_keys, &opt,
			    err, sizeof(err))) {
		fprintf(stderr, "%s inspect: %s: %s\n", prog, opt, err);
		usage_hint("inspect");
		return EXIT_USAGE;
	}
	o.loaded = &keys;
	for (i = optind; i < argc; i++) {
		if (o.json) {
			json_init(&j, stdout);
			st = inspect_file(argv[i], &o, &j, stdout);
			json_end(&j);
		} else {
			if (i > optind)
				putchar('\n');
			st = inspect_file(argv[i], &o, NULL, stdout);
		}
		if (st > worst)
			worst = st;
	}
	optee_keys_free(&keys);
	return worst;
}
