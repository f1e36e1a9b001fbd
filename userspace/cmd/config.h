/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Configuration of `rproc-diag watch` (and `status`): /etc/rproc-diag.conf
 * when present, `key = value` lines, '#' comments.  The keys are documented
 * in userspace/rproc-diag.conf; command-line options override them.
 */
#ifndef RPROC_DIAG_DAEMON_CONF_H
#define RPROC_DIAG_DAEMON_CONF_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define CONF_DEFAULT_PATH "/etc/rproc-diag.conf"

enum conf_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
/* auto: structured journal entries when stdout is the journal (systemd) */
enum conf_journal { JOURNAL_AUTO, JOURNAL_YES, JOURNAL_NO };

struct daemon_conf {
	char keyring[PATH_MAX];		/* keyring = DIR */
	char ta_key[PATH_MAX];		/* ta_key = FILE */
	char firmware_root[PATH_MAX];	/* firmware_root = DIR (prefix of the search path) */
	unsigned int analysis_wait_ms;	/* analysis_wait_ms = N (0..60000) */
	enum conf_color color;		/* color = auto|always|never */
	bool log_devices;		/* log_devices = yes|no */
	bool json;			/* format = text|json */
	bool verbose;			/* verbose = yes|no */
	enum conf_journal journal;	/* journal = auto|yes|no */
};

void conf_defaults(struct daemon_conf *c);
/*
 * Read @path.  Returns 0, -ENOENT when the file does not exist (callers
 * ignore that for the default path), or -EINVAL with @err naming the file,
 * line and the bad text.
 */
int conf_load(struct daemon_conf *c, const char *path, char *err, size_t errlen);
/* Parse one "key = value" line (for tests); 0 or -EINVAL. */
int conf_line(struct daemon_conf *c, const char *line, char *err, size_t errlen);

#endif
