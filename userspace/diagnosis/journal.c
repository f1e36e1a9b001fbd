// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Journal entries of diagnosed attempts (journal.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <syslog.h>
#include <unistd.h>

#include "common/version.h"
#include "diagnosis/catalog.h"
#include "diagnosis/journal.h"

#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-journal.h>
#endif

bool journal_available(void)
{
#ifdef HAVE_LIBSYSTEMD
	return true;
#else
	return false;
#endif
}

static bool is_stream(int fd, unsigned long long dev, unsigned long long ino)
{
	struct stat st;

	return fstat(fd, &st) == 0 && (unsigned long long)st.st_dev == dev &&
	       (unsigned long long)st.st_ino == ino;
}

bool journal_is_stdout(void)
{
	const char *e = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	char tail;

	if (!e || sscanf(e, "%llu:%llu%c", &dev, &ino, &tail) != 2)
		return false;
	return is_stream(STDOUT_FILENO, dev, ino) || is_stream(STDERR_FILENO, dev, ino);
}

int journal_priority(const struct diag_result *res)
{
	if (res->failed)
		return LOG_ERR;
	return res->cause && !strcmp(res->cause, "ok") ? LOG_INFO : LOG_WARNING;
}

#ifdef HAVE_LIBSYSTEMD
/* where journald listens for native entries (sd-journal's fixed path) */
#define JOURNAL_SOCKET "/run/systemd/journal/socket"
#define MAX_FIELDS 20

struct fields {
	struct iovec iov[MAX_FIELDS];
	char *mem[MAX_FIELDS];
	int n;
};

/* one FIELD=value; journal field values may hold newlines */
static void field(struct fields *f, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void field(struct fields *f, const char *name, const char *fmt, ...)
{
	char *val = NULL, *s = NULL;
	va_list ap;
	int l;

	if (f->n == MAX_FIELDS)
		return;
	va_start(ap, fmt);
	l = vasprintf(&val, fmt, ap);
	va_end(ap);
	if (l < 0)
		return;
	l = asprintf(&s, "%s=%s", name, val);
	free(val);
	if (l < 0)
		return;
	f->mem[f->n] = s;
	f->iov[f->n].iov_base = s;
	f->iov[f->n].iov_len = (size_t)l;
	f->n++;
}
#endif

int journal_attempt(const struct rd_record *rec, const struct diag_file *file,
		    const struct diag_result *res)
{
#ifdef HAVE_LIBSYSTEMD
	struct fields f = { .n = 0 };
	char id[CATALOG_ID_LEN + 1], steps[DIAG_MAX_STEPS * (DIAG_STEP + 8)];
	const char *cause = res->cause ? res->cause : "unknown";
	const char *rproc = rec->rproc_name[0] ? rec->rproc_name : "remoteproc";
	size_t off = 0;
	unsigned int i;
	int ret;

	for (i = 0; i < res->n_steps && off < sizeof(steps); i++)
		off += (size_t)snprintf(steps + off, sizeof(steps) - off, "%s%u. %s",
					i ? "\n" : "", i + 1, res->steps[i]);
	if (!res->n_steps)
		snprintf(steps, sizeof(steps), "Nothing to do.");
	catalog_message_id(cause, id);
	field(&f, "MESSAGE", "%s: %s (cause %s, attempt %llu)", rproc,
	      res->title ? res->title : cause, cause, (unsigned long long)rec->seq);
	field(&f, "MESSAGE_ID", "%s", id);
	field(&f, "PRIORITY", "%d", journal_priority(res));
	field(&f, "SYSLOG_IDENTIFIER", "%s", "rproc-diag");
	field(&f, "RPROC_DIAG_CAUSE", "%s", cause);
	field(&f, "RPROC_DIAG_SEQ", "%llu", (unsigned long long)rec->seq);
	field(&f, "RPROC_DIAG_RPROC", "%s", rproc);
	if (rec->has_rproc_index)
		field(&f, "RPROC_DIAG_RPROC_INDEX", "%u", rec->rproc_index);
	field(&f, "RPROC_DIAG_FIRMWARE", "%s", rec->fw_name[0] ? rec->fw_name : "none");
	field(&f, "RPROC_DIAG_FILE", "%s", file && file->found ? file->path : "none");
	field(&f, "RPROC_DIAG_TA_COMMAND", "%s", res->ta_command ? res->ta_command : "none");
	if (res->has_ta_result)
		field(&f, "RPROC_DIAG_TA_RESULT", "0x%08x", res->ta_result);
	else
		field(&f, "RPROC_DIAG_TA_RESULT", "%s", "none");
	if (rec->has_boot_ret)
		field(&f, "RPROC_DIAG_BOOT_RET", "%d", rec->boot_ret);
	else
		field(&f, "RPROC_DIAG_BOOT_RET", "%s", "none");
	field(&f, "RPROC_DIAG_TITLE", "%s", res->title ? res->title : cause);
	field(&f, "RPROC_DIAG_EXPLANATION", "%s", res->explanation);
	field(&f, "RPROC_DIAG_REMEDIATION", "%s", steps);
	field(&f, "RPROC_DIAG_VERSION", "%s", rd_version());
	/* sd_journal_sendv() drops entries silently when journald is not
	 * running; say so instead, the caller prints the text then */
	if (access(JOURNAL_SOCKET, F_OK) != 0)
		ret = -errno;
	else
		ret = sd_journal_sendv(f.iov, f.n);
	for (i = 0; i < (unsigned int)f.n; i++)
		free(f.mem[i]);
	return ret < 0 ? ret : 0;
#else
	(void)rec;
	(void)file;
	(void)res;
	return -ENOSYS;
#endif
}
