/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The journal's view of the knowledge base: one MESSAGE_ID per cause and
 * the systemd catalog (journalctl -x) that explains it.  The catalog is
 * generated from kb.c at build time (tools/mkcatalog.c), so the causes,
 * their titles and the message IDs have one source.
 */
#ifndef RPROC_DIAG_DIAGNOSIS_CATALOG_H
#define RPROC_DIAG_DIAGNOSIS_CATALOG_H

#include <stdio.h>

#define CATALOG_ID_LEN 32	/* hex digits of a 128-bit MESSAGE_ID */

/*
 * MESSAGE_ID of the cause named @cause ("truncated-image"): 128 bits
 * derived from the name, which never changes (it is part of the JSON
 * schema), formatted as 32 lower-case hex digits as sd_id128 prints them.
 */
void catalog_message_id(const char *cause, char id[CATALOG_ID_LEN + 1]);

/* The whole catalog, one entry per cause (journalctl --update-catalog). */
int catalog_write(FILE *f);

#endif
