// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * MESSAGE_IDs and the systemd catalog of rproc-diag's journal entries
 * (catalog.h).  Catalog format: systemd's catalog(7) ("-- ID" headers,
 * Subject/Defined-By/Documentation fields, then free text in which
 * journalctl -x replaces @FIELD@ with the entry's fields).  The fields
 * named here are the ones journal.c always sends.
 *
 * Build-host code: no library but libc (tools/mkcatalog.c links it with
 * kb.c for the build machine, also when cross-compiling).
 */
#include <stdint.h>
#include <string.h>

#include "diagnosis/catalog.h"
#include "diagnosis/kb.h"

/* FNV-1a, 64 bits, from @basis */
static uint64_t fnv1a(const char *s, uint64_t basis)
{
	uint64_t h = basis;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void catalog_message_id(const char *cause, char id[CATALOG_ID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	char key[128];
	uint8_t b[16];
	uint64_t hi, lo;
	int i;

	snprintf(key, sizeof(key), "rproc-diag cause %s", cause);
	hi = fnv1a(key, 0xcbf29ce484222325ULL);
	lo = fnv1a(key, hi ^ 0x9e3779b97f4a7c15ULL);
	for (i = 0; i < 8; i++) {
		b[i] = (uint8_t)(hi >> (56 - 8 * i));
		b[8 + i] = (uint8_t)(lo >> (56 - 8 * i));
	}
	/* shaped as a version 4 UUID, like journalctl --new-id128 */
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	for (i = 0; i < 16; i++) {
		id[2 * i] = hex[b[i] >> 4];
		id[2 * i + 1] = hex[b[i] & 15];
	}
	id[CATALOG_ID_LEN] = '\0';
}

/* A KB text without its {placeholders}: "the file is {delta} bytes short" */
static void put_plain(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '{') {
			const char *e = strchr(s, '}');

			if (e) {
				fputs("...", f);
				s = e;
				continue;
			}
		}
		fputc(*s, f);
	}
}

int catalog_write(FILE *f)
{
	unsigned int c, r, k;
	char id[CATALOG_ID_LEN + 1];

	fputs("# rproc-diag: one entry per diagnosed cause (rproc-diag(8), JOURNAL).\n"
	      "# Generated from userspace/diagnosis/kb.c by tools/mkcatalog.c; do not edit.\n",
	      f);
	for (c = 0; c < CAUSE_COUNT; c++) {
		const char *name = diag_cause_name((enum diag_cause)c);
		unsigned int shown = 0;

		if (!name)
			continue;
		catalog_message_id(name, id);
		fprintf(f, "\n-- %s\n", id);
		fputs("Subject: @RPROC_DIAG_RPROC@: @RPROC_DIAG_TITLE@\n"
		      "Defined-By: rproc-diag\n"
		      "Support: man:rproc-diag(8)\n"
		      "Documentation: man:rproc-diag(8)\n"
		      "Documentation: man:rproc_diag(4)\n\n", f);
		fprintf(f, "rproc-diag diagnosed boot attempt @RPROC_DIAG_SEQ@ of the remote processor\n"
			"@RPROC_DIAG_RPROC@ (firmware @RPROC_DIAG_FIRMWARE@, TA command\n"
			"@RPROC_DIAG_TA_COMMAND@, TEE result @RPROC_DIAG_TA_RESULT@, rproc_boot()\n"
			"returned @RPROC_DIAG_BOOT_RET@): cause %s.\n\n", name);
		fputs("@RPROC_DIAG_EXPLANATION@\n\n", f);
		fputs(c == CAUSE_OK ? "@RPROC_DIAG_REMEDIATION@\n" :
		      "What to do, in this order:\n@RPROC_DIAG_REMEDIATION@\n", f);
		/* every situation the knowledge base names with this cause */
		for (r = 0; r < kb_nrules; r++) {
			bool dup = false;

			if (kb_rules[r].cause != (enum diag_cause)c || !kb_rules[r].title)
				continue;
			for (k = 0; k < r && !dup; k++)
				dup = kb_rules[k].cause == (enum diag_cause)c && kb_rules[k].title &&
				      !strcmp(kb_rules[k].title, kb_rules[r].title);
			if (dup)
				continue;
			fputs(shown++ ? "  - " : "\nrproc-diag reports this cause when:\n  - ", f);
			put_plain(f, kb_rules[r].title);
			fputc('\n', f);
		}
		if (c != CAUSE_OK)
			fputs("\n`rproc-diag explain @RPROC_DIAG_TA_RESULT@` explains the TEE result;\n"
			      "`rproc-diag status` checks the whole stack.\n", f);
	}
	return ferror(f) ? -1 : 0;
}
