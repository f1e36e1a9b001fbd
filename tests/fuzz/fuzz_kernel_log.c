// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * libFuzzer target: pasted kernel logs through the kernel-log reader
 * (userspace/diagnosis/kernel_log.c): line matching under any prefix,
 * grouping into attempts, errno reasons.  Checks the bounds the header
 * promises whatever the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diagnosis/kernel_log.h"

const char *prog = "fuzz_kernel_log";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct klog k;

	if (size > 1 << 20)
		return 0;
	if (klog_parse_buf((const char *)data, size, &k))
		return 0;
	if (k.n_lines > KLOG_MAX_LINES || k.n_attempts > KLOG_MAX_ATTEMPTS)
		abort();
	for (unsigned int i = 0; i < k.n_attempts; i++) {
		const struct klog_attempt *a = &k.attempts[i];

		if (a->first_line > a->last_line || a->last_line >= k.n_lines ||
		    a->n_cmds > KLOG_MAX_CMDS)
			abort();
		if (a->has_err)
			(void)klog_errno_reason(a->stage, a->err);
		(void)klog_errno_name(a->err);
		if (strlen(a->firmware) >= sizeof(a->firmware) ||
		    strlen(a->fw_path) >= sizeof(a->fw_path))
			abort();
	}
	for (unsigned int i = 0; i < k.n_lines; i++)
		if (k.lines[i].body >= sizeof(k.lines[i].text) || !k.lines[i].pat)
			abort();
	klog_free(&k);
	return 0;
}
