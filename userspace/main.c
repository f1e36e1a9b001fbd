// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * rproc-diag: why did the coprocessor refuse its firmware?
 *
 * Thin dispatcher: every subcommand lives in its own file.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"

#ifndef RPROC_DIAG_VERSION
#define RPROC_DIAG_VERSION "unknown"
#endif

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
	fprintf(f, "\nRun '%s <command> --help' for the options of a command.\n", prog);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("rproc-diag %s\n", RPROC_DIAG_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "%s: unknown command `%s'\n\n", prog, argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
