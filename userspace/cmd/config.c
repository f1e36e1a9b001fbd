// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * /etc/rproc-diag.conf parser.  See cmd/config.h and rproc-diag.conf.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/config.h"

void conf_defaults(struct daemon_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->analysis_wait_ms = 3000;
	c->color = COLOR_AUTO;
	c->log_devices = true;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "on"))
		*out = true;
	else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "off"))
		*out = false;
	else
		return -EINVAL;
	return 0;
}

static int set_path(char *dst, const char *v, char *err, size_t errlen, const char *key)
{
	if (strlen(v) >= PATH_MAX) {
		snprintf(err, errlen, "%s: path too long", key);
		return -EINVAL;
	}
	strcpy(dst, v);
	return 0;
}

int conf_line(struct daemon_conf *c, const char *line, char *err, size_t errlen)
{
	char buf[PATH_MAX + 64];
	char *k, *v, *eq;

	if (strlen(line) >= sizeof(buf)) {
		snprintf(err, errlen, "line too long");
		return -EINVAL;
	}
	strcpy(buf, line);
	k = trim(buf);
	if (!*k || *k == '#')
		return 0;
	eq = strchr(k, '=');
	if (!eq) {
		snprintf(err, errlen, "expected `key = value', got `%.80s'", k);
		return -EINVAL;
	}
	*eq = '\0';
	v = trim(eq + 1);
	k = trim(k);
	if (!strcmp(k, "keyring"))
		return set_path(c->keyring, v, err, errlen, k);
	if (!strcmp(k, "ta_key"))
		return set_path(c->ta_key, v, err, errlen, k);
	if (!strcmp(k, "firmware_root"))
		return set_path(c->firmware_root, v, err, errlen, k);
	if (!strcmp(k, "analysis_wait_ms")) {
		char *end;
		unsigned long n;

		errno = 0;
		n = strtoul(v, &end, 10);
		if (errno || end == v || *end || n > 60000 || v[0] == '-') {
			snprintf(err, errlen, "analysis_wait_ms: `%.80s' is not a number of milliseconds from 0 to 60000", v);
			return -EINVAL;
		}
		c->analysis_wait_ms = (unsigned int)n;
		return 0;
	}
	if (!strcmp(k, "color")) {
		if (!strcmp(v, "auto"))
			c->color = COLOR_AUTO;
		else if (!strcmp(v, "always"))
			c->color = COLOR_ALWAYS;
		else if (!strcmp(v, "never"))
			c->color = COLOR_NEVER;
		else {
			snprintf(err, errlen, "color: `%.80s' is not auto, always or never", v);
			return -EINVAL;
		}
		return 0;
	}
	if (!strcmp(k, "format")) {
		if (!strcmp(v, "json"))
			c->json = true;
		else if (!strcmp(v, "text"))
			c->json = false;
		else {
			snprintf(err, errlen, "format: `%.80s' is not text or json", v);
			return -EINVAL;
		}
		return 0;
	}
	if (!strcmp(k, "journal")) {
		if (!strcmp(v, "auto"))
			c->journal = JOURNAL_AUTO;
		else if (!strcmp(v, "yes"))
			c->journal = JOURNAL_YES;
		else if (!strcmp(v, "no"))
			c->journal = JOURNAL_NO;
		else {
			snprintf(err, errlen, "journal: `%.80s' is not auto, yes or no", v);
			return -EINVAL;
		}
		return 0;
	}
	if (!strcmp(k, "log_devices") || !strcmp(k, "verbose")) {
		bool *dst = !strcmp(k, "verbose") ? &c->verbose : &c->log_devices;

		if (parse_bool(v, dst) < 0) {
			snprintf(err, errlen, "%s: `%.80s' is not yes or no", k, v);
			return -EINVAL;
		}
		return 0;
	}
	snprintf(err, errlen, "unknown key `%.80s' (known: keyring, ta_key, firmware_root, analysis_wait_ms, color, format, journal, log_devices, verbose)", k);
	return -EINVAL;
}

int conf_load(struct daemon_conf *c, const char *path, char *err, size_t errlen)
{
	char line[PATH_MAX + 64], why[400];
	unsigned int n = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		if (errno == ENOENT)
			return -ENOENT;
		snprintf(err, errlen, "cannot read `%s': %s", path, strerror(errno));
		return -EINVAL;
	}
	while (fgets(line, sizeof(line), f)) {
		n++;
		line[strcspn(line, "\n")] = '\0';
		if (conf_line(c, line, why, sizeof(why)) < 0) {
			snprintf(err, errlen, "%s:%u: %s", path, n, why);
			fclose(f);
			return -EINVAL;
		}
	}
	fclose(f);
	return 0;
}
