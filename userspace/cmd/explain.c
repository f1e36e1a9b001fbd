// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc-diag explain CODE: what a TEE result code means for the OP-TEE
 * remoteproc TA, per command and stage, from the shared table
 * (kmod/lib/rproc_tee.h).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cmd/commands.h"
#include "cmd/explain.h"
#include "optee/remedy.h"
#include "common/json.h"
#include "common/report.h"
#include "rproc_tee.h"

int explain_parse_code(const char *s, uint32_t *code)
{
	const struct rpi_tee_code *tab;
	unsigned long long v;
	char *end;
	size_t n, i;

	tab = rpi_tee_codes(&n);
	for (i = 0; i < n; i++) {
		const char *nm = tab[i].name;

		if (!strcasecmp(s, nm) ||
		    (!strncmp(nm, "TEE_ERROR_", 10) && !strcasecmp(s, nm + 10)) ||
		    (!strncmp(nm, "TEE_", 4) && !strcasecmp(s, nm + 4))) {
			*code = tab[i].code;
			return 0;
		}
	}
	errno = 0;
	if (s[0] == '-') {
		/* "-65530": a TEE result printed as a signed 32-bit int */
		long long sv = strtoll(s, &end, 10);

		if (errno || *end || sv < -2147483648LL)
			return -1;
		*code = (uint32_t)(int32_t)sv;
		return 0;
	}
	v = strtoull(s, &end, 16);
	if (errno || *end || end == s || v > 0xffffffffULL)
		return -1;
	/* bare digits without 0x: hex, as Linux prints "TEE err: ffff0006" */
	*code = (uint32_t)v;
	return 0;
}

static const char *cmd_filter_names[] = { "session", "load", "start", "stop", "rsc",
					  "coredump", "release" };

static int parse_cmd(const char *s, int *cmd)
{
	size_t i;

	for (i = 0; i < sizeof(cmd_filter_names) / sizeof(cmd_filter_names[0]); i++) {
		if (!strncasecmp(s, cmd_filter_names[i], strlen(cmd_filter_names[i]))) {
			*cmd = (int)i;
			return 0;
		}
	}
	return -1;
}

static int parse_ta(const char *s, int *ta)
{
	if (!strcasecmp(s, "upstream") || !strcasecmp(s, "upstream-f3"))
		*ta = RPI_TA_UPSTREAM;
	else if (!strcasecmp(s, "st400") || !strcasecmp(s, "st-4.0.0") || !strcasecmp(s, "st"))
		*ta = RPI_TA_ST400;
	else if (!strcasecmp(s, "legacy") || !strcasecmp(s, "st-legacy-f1") || !strcasecmp(s, "f1"))
		*ta = RPI_TA_ST_LEGACY;
	else
		return -1;
	return 0;
}

static void ta_list(uint32_t mask, char *buf, size_t len)
{
	size_t o = 0;
	uint32_t t;

	buf[0] = 0;
	for (t = 0; t < RPI_TA_COUNT; t++)
		if (mask & RPI_TA_BIT(t))
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
					      rpi_ta_id(t));
}

int explain_code(uint32_t code, int cmd, int ta, int origin, struct json *j, FILE *out)
{
	const struct rpi_tee_code *c = rpi_tee_code_lookup(code);
	const struct rpi_tee_cause *tab;
	char tas[64];
	size_t n, i, shown = 0;
	struct rep r;

	rep_init(&r, j, out);
	tab = rpi_tee_causes(&n);
	rep_open(&r, NULL, '{', NULL);
	rep_put(&r, "code", rv_code(code), "0x%08x %s: %s\n", code,
		c ? c->name : "unknown TEE result",
		c ? c->summary : "not a GlobalPlatform TEE result code");
	rep_put(&r, "name", rv_str(c ? c->name : NULL), NULL);
	rep_put(&r, "summary", rv_str(c ? c->summary : NULL), NULL);
	if (origin >= 0)
		rep_put(&r, "origin", rv_str(rpi_tee_origin_name((uint32_t)origin)),
			"origin %d %s%s\n", origin, rpi_tee_origin_name((uint32_t)origin),
			origin == TEE_ORIGIN_COMMS ?
			": the Linux driver could not reach OP-TEE, the TA never ran" :
			origin == TEE_ORIGIN_TRUSTED_APP ? ": returned by the remoteproc TA" :
			origin == TEE_ORIGIN_TEE ? ": returned by the OP-TEE core (e.g. TA not found or out of memory at session open)" : "");
	if (code == TEE_ERROR_BAD_PARAMETERS)
		rep_text(&r, "Note: this is not TEE_ERROR_SECURITY (0xffff000f) and not a wrong key (0xffff3072).\n");
	rep_open(&r, "causes", '[', NULL);
	for (i = 0; i < n; i++) {
		if (tab[i].code != code)
			continue;
		if (cmd >= 0 && tab[i].cmd != (uint32_t)cmd)
			continue;
		if (ta >= 0 && !(tab[i].ta_mask & RPI_TA_BIT((uint32_t)ta)))
			continue;
		ta_list(tab[i].ta_mask, tas, sizeof(tas));
		rep_text(&r, shown ? NULL : "In the OP-TEE remoteproc TA (" RPROC_DIAG_TA_UUID "):\n");
		rep_open(&r, NULL, '{', "  %s, %s [%s]:\n      %s\n", rpi_ta_cmd_name(tab[i].cmd),
			 tab[i].stage, tas, tab[i].check);
		rep_put(&r, "command", rv_str(rpi_ta_cmd_name(tab[i].cmd)), NULL);
		rep_put(&r, "stage", rv_str(tab[i].stage), NULL);
		rep_put(&r, "tas", rv_str(tas), NULL);
		rep_put(&r, "check", rv_str(tab[i].check), NULL);
		rep_close(&r, '}');
		shown++;
	}
	rep_close(&r, ']');
	rep_close(&r, '}');
	if (code == 0)
		rep_text(&r, "The command succeeded; if the boot still failed, the error came from Linux (see dmesg) or a later TA command.\n");
	else if (!shown)
		rep_text(&r, "The remoteproc TA does not return this code%s; it comes from elsewhere in the TEE stack.\n",
			 cmd >= 0 || ta >= 0 ? " for that command/TA" : "");
	else
		rep_text(&r, "Run `%s inspect FILE` on the firmware to see which check it fails.\n", prog);
	rep_end(&r);
	return c ? 0 : 1;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s explain CODE [--command load|start|stop|rsc|release|session]\n"
		"                  [--ta upstream|st400|legacy] [--origin N] [--json]\n"
		"       %s explain --log FILE|-|TEXT [--firmware IMAGE] [--ta-key KEY]\n"
		"                  [--keyring DIR] [--soc mp25|mp15] [--json]\n"
		"CODE: 0xffff0006, ffff0006 (as Linux prints it), -65530, or a name such as\n"
		"TEE_ERROR_BAD_PARAMETERS / BAD_PARAMETERS.  Exit status 1 for a code that is\n"
		"not a GlobalPlatform TEE result.\n"
		"--log: a dmesg or journalctl -k excerpt (a file, - for stdin, or the pasted\n"
		"text itself): every boot of the TEE remoteproc path in it diagnosed as `watch`\n"
		"does, from the log alone, or with the image the board loaded (--firmware) and\n"
		"the key its OP-TEE trusts (--ta-key).  Exit status 0 nothing failed, 1 an\n"
		"attempt failed, 2 no line of that path in the log.\n"
		"  --command CMD   only what this TA command returns (also coredump)\n"
		"  --ta GEN        only this TA generation: upstream (OP-TEE), st400, legacy\n"
		"  --origin N      the TEE origin Linux printed: 1 API, 2 COMMS, 3 TEE, 4 TA\n"
		"  --json          one JSON object per code, or per attempt with --log\n"
		"  --log FILE|-|TEXT  diagnose a kernel log instead of a CODE\n"
		"  --firmware IMAGE   with --log: the image the board loaded\n"
		"  --ta-key KEY    with --log: the public key the board's OP-TEE trusts\n"
		"  --keyring DIR   with --log: more candidate signing keys\n"
		"  --soc mp25|mp15 with --log: the board, when the log does not say\n", prog, prog);
}

/* cmd_explain(): a negative CODE's '-' while getopt runs */
#define NEG_MARK '\001'

static int explain_main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "command", required_argument, NULL, 'c' },
		{ "ta", required_argument, NULL, 't' },
		{ "origin", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ "log", required_argument, NULL, 'l' },
		{ "firmware", required_argument, NULL, 'f' },
		{ "ta-key", required_argument, NULL, 'k' },
		{ "keyring", required_argument, NULL, 'K' },
		{ "soc", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct explain_log_opts lo_opts = { .log = NULL };
	struct stat sb;
	int c, cmd = -1, ta = -1, origin = -1, ret = 0, st, i;
	bool json = false;
	struct json j;
	uint32_t code;
	char *end;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (parse_cmd(optarg, &cmd)) {
				fprintf(stderr, "%s explain: --command `%s' is not one of load, start, stop, rsc, coredump, release, session\n",
					prog, optarg);
				usage_hint("explain");
				return EXIT_USAGE;
			}
			break;
		case 't':
			if (parse_ta(optarg, &ta)) {
				fprintf(stderr, "%s explain: --ta `%s' is not upstream, st400 or legacy\n",
					prog, optarg);
				usage_hint("explain");
				return EXIT_USAGE;
			}
			break;
		case 'o':
			origin = (int)strtol(optarg, &end, 0);
			if (*end || end == optarg || origin < 0) {
				fprintf(stderr, "%s explain: --origin `%s' is not a number (1 API, 2 COMMS, 3 TEE, 4 TA)\n",
					prog, optarg);
				usage_hint("explain");
				return EXIT_USAGE;
			}
			break;
		case 'j':
			json = true;
			break;
		case 'l':
			lo_opts.log = optarg;
			break;
		case 'f':
			lo_opts.firmware = optarg;
			break;
		case 'k':
			lo_opts.ta_key = optarg;
			break;
		case 'K':
			lo_opts.keyring = optarg;
			break;
		case 's':
			if (!strcasecmp(optarg, "mp25"))
				lo_opts.soc = REMEDY_SOC_MP25;
			else if (!strcasecmp(optarg, "mp15"))
				lo_opts.soc = REMEDY_SOC_MP15;
			else {
				fprintf(stderr, "%s explain: --soc `%s' is not mp25 or mp15\n", prog, optarg);
				usage_hint("explain");
				return EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			fprintf(stderr, "%s explain: unknown option or missing argument `%s'\n",
				prog, argv[optind - 1]);
			usage_hint("explain");
			return EXIT_USAGE;
		}
	}
	if (lo_opts.log) {
		if (optind < argc) {
			fprintf(stderr, "%s explain: --log takes no CODE (`%s')\n", prog, argv[optind]);
			usage_hint("explain");
			return EXIT_USAGE;
		}
		/* a file, stdin, or else the pasted text itself */
		lo_opts.log_is_text = strcmp(lo_opts.log, "-") && stat(lo_opts.log, &sb) < 0 &&
				      (strchr(lo_opts.log, '\n') || strstr(lo_opts.log, ": "));
		if (strcmp(lo_opts.log, "-") && !lo_opts.log_is_text && stat(lo_opts.log, &sb) < 0) {
			fprintf(stderr,
				"%s explain: --log `%s': no such file, and not a kernel log line either\n",
				prog, lo_opts.log);
			return 2;
		}
		lo_opts.json = json;
		return explain_log(&lo_opts);
	}
	if (lo_opts.firmware || lo_opts.ta_key || lo_opts.keyring || lo_opts.soc) {
		fprintf(stderr, "%s explain: --firmware, --ta-key, --keyring and --soc go with --log\n",
			prog);
		usage_hint("explain");
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		fprintf(stderr, "%s explain: no CODE given\n", prog);
		usage_hint("explain");
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		if (argv[i][0] == NEG_MARK)
			argv[i][0] = '-';
		if (explain_parse_code(argv[i], &code)) {
			fprintf(stderr,
				"%s explain: `%s' is not a TEE result code: give it as hex (0xffff0006 or ffff0006), as a negative number, or as a name (BAD_PARAMETERS)\n",
				prog, argv[i]);
			usage_hint("explain");
			return EXIT_USAGE;
		}
		if (json)
			json_init(&j, stdout);
		else if (i > optind)
			putchar('\n');
		st = explain_code(code, cmd, ta, origin, json ? &j : NULL, stdout);
		if (json)
			json_end(&j);
		if (st > ret)
			ret = st;
	}
	return ret;
}

/*
 * "-65530" (a TEE result as Linux prints it signed) is a CODE, not an
 * option, unless it is an option's value: its '-' is hidden from getopt
 * (NEG_MARK), so the CODEs keep their order, and put back before parsing.
 */
static bool negative_code(char **argv, int i)
{
	bool number = argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9';
	bool value = i > 1 && argv[i - 1][0] == '-' && argv[i - 1][1] == '-' &&
		     !strchr(argv[i - 1], '=') && strcmp(argv[i - 1], "--json") &&
		     strcmp(argv[i - 1], "--help");

	return i && number && !value;
}

int cmd_explain(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (negative_code(argv, i))
			argv[i][0] = NEG_MARK;
	return explain_main(argc, argv);
}
