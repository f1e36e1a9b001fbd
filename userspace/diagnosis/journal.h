/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * A diagnosed attempt as one structured journal entry (libsystemd's
 * sd_journal_sendv): MESSAGE_ID per cause (catalog.h, so journalctl -x
 * shows the catalog text), PRIORITY by severity and RPROC_DIAG_* fields:
 * CAUSE, SEQ, RPROC, RPROC_INDEX, FIRMWARE, FILE, TA_COMMAND, TA_RESULT,
 * BOOT_RET, TITLE, EXPLANATION, REMEDIATION, VERSION.  Documented in
 * rproc-diag(8), JOURNAL.
 */
#ifndef RPROC_DIAG_DIAGNOSIS_JOURNAL_H
#define RPROC_DIAG_DIAGNOSIS_JOURNAL_H

#include <stdbool.h>

#include "diagnosis/diagnosis.h"

/* Built with libsystemd? (Otherwise journal_attempt() returns -ENOSYS.) */
bool journal_available(void);

/*
 * Is stdout (or stderr) connected to the journal?  systemd says so in
 * $JOURNAL_STREAM ("DEVICE:INODE" of the stream) for services with
 * StandardOutput=journal.
 */
bool journal_is_stdout(void);

/* syslog priority of a diagnosis: LOG_INFO ok, LOG_WARNING, LOG_ERR failed */
int journal_priority(const struct diag_result *res);

/* Send the entry; 0 or -errno (-ENOSYS without libsystemd). */
int journal_attempt(const struct rd_record *rec, const struct diag_file *file,
		    const struct diag_result *res);

#endif
