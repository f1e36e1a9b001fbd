// SPDX-License-Identifier: GPL-2.0 OR MIT
/* The end of every usage error (commands.h). */
#include <stdio.h>

#include "cmd/commands.h"

void usage_hint(const char *cmd)
{
	fprintf(stderr, "Run `%s help %s` for the usage.\n", prog, cmd);
}
