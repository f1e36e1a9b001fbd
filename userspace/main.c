// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc-diag: why did the coprocessor refuse its firmware?
 *
 * Thin dispatcher: every subcommand lives in its own file.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "common/version.h"

const char *prog = "rproc-diag";

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} subcommands[] = {
	{ "inspect", cmd_inspect, "Dump and verify signed firmware images offline" },
	{ "sign",    cmd_sign,    "Produce an OP-TEE remoteproc (F3) signed image" },
	{ "explain", cmd_explain, "Explain a TEE result code for the remoteproc TA" },
	{ "fix",     cmd_fix,     "Re-sign a refused image with every remedy it needs" },
	{ "watch",   cmd_watch,   "Follow firmware loads and print their root cause" },
	{ "status",  cmd_status,  "Health check of the remoteproc/TEE stack" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: %s <command> [<args>]\n\nCommands:\n", prog);
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  %-8s %s\n", subcommands[i].name, subcommands[i].help);
	fprintf(f, "\n`%s --version` prints the version.  Run `%s help <command>`\n"
		"for the options of a command, `man rproc-diag` for everything.\n", prog, prog);
}

/* Levenshtein distance of two short words, capped (typo suggestions) */
static unsigned int distance(const char *a, const char *b)
{
	unsigned int row[32], i, j, prev, tmp;
	size_t la = strlen(a), lb = strlen(b);

	if (la >= 31 || lb >= 31)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev :
				 1 + (prev < row[j] ? (prev < row[j - 1] ? prev : row[j - 1]) :
					     (row[j] < row[j - 1] ? row[j] : row[j - 1]));
			prev = tmp;
		}
	}
	return row[lb];
}

static int find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(name, subcommands[i].name))
			return (int)i;
	return -1;
}

/* "unknown command": the one command to run next */
static int unknown(const char *what, const char *name)
{
	size_t i;

	fprintf(stderr, "%s: %s `%s'.\n", prog, what, name);
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		if (distance(name, subcommands[i].name) <= 2) {
			fprintf(stderr, "Did you mean `%s'?  Run `%s help %s` for its usage.\n",
				subcommands[i].name, prog, subcommands[i].name);
			return EXIT_USAGE;
		}
	}
	fprintf(stderr, "Run `%s help` for the list of commands.\n", prog);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	char help[] = "--help";
	char *hargv[3];
	int i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("rproc-diag %s\n", rd_version());
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		if (argc == 2 || strcmp(argv[1], "help")) {
			usage(stdout);
			return 0;
		}
		/* help CMD: the same as CMD --help */
		i = find(argv[2]);
		if (i < 0 || argc > 3)
			return i < 0 ? unknown("no command", argv[2]) :
				(fprintf(stderr, "%s help: one command at a time.\nRun `%s help` for the list of commands.\n",
					 prog, prog), EXIT_USAGE);
		hargv[0] = argv[2];
		hargv[1] = help;
		hargv[2] = NULL;
		return subcommands[i].fn(2, hargv);
	}
	i = find(argv[1]);
	if (i >= 0)
		return subcommands[i].fn(argc - 1, argv + 1);
	return unknown("unknown command", argv[1]);
}
