// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Prometheus text exposition writer (prom.h).  Format reference: the
 * Prometheus "Exposition formats" documentation, text format 0.0.4.
 */
#include "common/prom.h"

static void escape(FILE *f, const char *s, int help)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '"' && !help)
			fputs("\\\"", f);
		else
			fputc(*s, f);
	}
}

void prom_family(FILE *f, const char *name, enum prom_type type, const char *help)
{
	fprintf(f, "# HELP %s ", name);
	escape(f, help, 1);
	fprintf(f, "\n# TYPE %s %s\n", name, type == PROM_COUNTER ? "counter" : "gauge");
}

void prom_sample(FILE *f, const char *name, const char *const *labels, double value)
{
	fputs(name, f);
	if (labels && labels[0]) {
		fputc('{', f);
		for (int i = 0; labels[i] && labels[i + 1]; i += 2) {
			fprintf(f, "%s%s=\"", i ? "," : "", labels[i]);
			escape(f, labels[i + 1], 0);
			fputc('"', f);
		}
		fputc('}', f);
	}
	fprintf(f, " %.17g\n", value);
}
