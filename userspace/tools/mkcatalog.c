// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mkcatalog: write the systemd journal catalog of rproc-diag
 * (diagnosis/catalog.c) to stdout.  Built for and run on the build machine
 * (BUILD_CC), also when the tool is cross-compiled.
 *
 *   mkcatalog          the catalog
 *   mkcatalog --ids    "CAUSE MESSAGE_ID" lines (tests)
 */
#include <stdio.h>
#include <string.h>

#include "diagnosis/catalog.h"
#include "diagnosis/kb.h"

const char *prog = "mkcatalog";

int main(int argc, char **argv)
{
	char id[CATALOG_ID_LEN + 1];
	unsigned int c;

	if (argc == 2 && !strcmp(argv[1], "--ids")) {
		for (c = 0; c < CAUSE_COUNT; c++) {
			const char *name = diag_cause_name((enum diag_cause)c);

			if (!name)
				continue;
			catalog_message_id(name, id);
			printf("%s %s\n", name, id);
		}
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: %s [--ids]\n", prog);
		return 64;
	}
	return catalog_write(stdout) ? 1 : 0;
}
