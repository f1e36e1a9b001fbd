// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * TEMPORARY during bring-up: weak placeholders so the tool links while the
 * subcommands are being written in parallel.  Each real cmd_*() overrides
 * its placeholder.  This file is deleted before the first release.
 */
#include <stdio.h>

#include "commands.h"

static int pending(const char *name)
{
	fprintf(stderr, "%s %s: not available in this build\n", prog, name);
	return 70;
}

__attribute__((weak)) int cmd_inspect(int argc, char **argv) { (void)argc; (void)argv; return pending("inspect"); }
__attribute__((weak)) int cmd_sign(int argc, char **argv) { (void)argc; (void)argv; return pending("sign"); }
__attribute__((weak)) int cmd_explain(int argc, char **argv) { (void)argc; (void)argv; return pending("explain"); }
__attribute__((weak)) int cmd_watch(int argc, char **argv) { (void)argc; (void)argv; return pending("watch"); }
__attribute__((weak)) int cmd_status(int argc, char **argv) { (void)argc; (void)argv; return pending("status"); }
