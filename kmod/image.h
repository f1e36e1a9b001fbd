/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RPROC_DIAG_IMAGE_H
#define RPROC_DIAG_IMAGE_H

#include <linux/types.h>
#include "record.h"

/* Bytes of the image the LOAD handler reads: header + TLV area. */
#define RPROC_DIAG_HEAD_MAX	16384

struct rpi_summary;

/*
 * Summarise the header and TLVs of an image of @size bytes at @data (only
 * the first RPROC_DIAG_HEAD_MAX bytes are read).  Atomic-safe.
 */
void rproc_diag_image_summarize(const u8 *data, size_t size,
				struct rproc_diag_image_rec *img);
/* Convert the shared library's summary; @head: bytes the summary saw. */
void rproc_diag_image_from_summary(const struct rpi_summary *s,
				   const u8 *head, size_t head_len,
				   struct rproc_diag_image_rec *img);

#endif /* RPROC_DIAG_IMAGE_H */
