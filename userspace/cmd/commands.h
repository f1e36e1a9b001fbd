/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Subcommands of rproc-diag.  Each lives in its own file and is listed once
 * in the table in main.c.  A subcommand returns the process exit status:
 * 0 success, 1 a negative finding (invalid image, failed boot), 2 input that
 * cannot be parsed, EXIT_USAGE (64) for bad command-line usage, 69/70/77
 * (sysexits.h) for unavailable service, internal and permission errors.
 */
#ifndef RPROC_DIAG_COMMANDS_H
#define RPROC_DIAG_COMMANDS_H

#define EXIT_USAGE 64

extern const char *prog;	/* argv[0] basename, for messages */

int cmd_inspect(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_fix(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_status(int argc, char **argv);

/*
 * Last line of every usage error of command @cmd: the one command to run
 * next ("Run `rproc-diag help inspect` for the usage.").
 */
void usage_hint(const char *cmd);

#endif
