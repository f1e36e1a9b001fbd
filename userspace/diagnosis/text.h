/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Texts of the diagnosis: a bounded string builder, and the expansion of
 * the knowledge base's {placeholder} templates from the facts.
 */
#ifndef RPROC_DIAG_DIAGNOSIS_TEXT_H
#define RPROC_DIAG_DIAGNOSIS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "diagnosis/facts.h"

/* Text into a fixed buffer, cut (never overrun) when it is full. */
struct buf {
	char *p;
	size_t n, len;
};

void buf_init(struct buf *b, char *p, size_t n);
void bputs(struct buf *b, const char *s);
void bprintf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append @tpl with every {placeholder} replaced by what the facts say. */
void diag_expand(struct buf *b, const char *tpl, const struct diag_facts *c);

/*
 * The first {placeholder} of @tpl that has no entry in the table (its
 * name, *@len bytes long), or NULL when every one has.
 */
const char *diag_unknown_placeholder(const char *tpl, size_t *len);

/* "the TA", "the OP-TEE core", ... for a TEE origin. */
const char *diag_origin_text(uint32_t origin);

#endif
