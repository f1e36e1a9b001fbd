// SPDX-License-Identifier: GPL-2.0
/*
 * Image header summary taken in probe context: the shared library's
 * rpi_summarize() over a bounded prefix, reduced to what a record keeps.
 */
#include <linux/minmax.h>
#include <linux/string.h>
#include <crypto/sha2.h>
#include "compat.h"
#include "image.h"
#include "rproc_image.h"

void rproc_diag_image_from_summary(const struct rpi_summary *s,
				   const u8 *head, size_t head_len,
				   struct rproc_diag_image_rec *img)
{
	memset(img, 0, sizeof(*img));
	img->format = s->format;
	img->magic = s->magic;
	img->tlv_len = s->tlv_len;
	img->sign_len = s->sign_len;
	img->img_len = s->img_len;
	img->tlv_mask = s->tlv_mask;
	if (s->flags & RPI_S_HAS_EXPECTED) {
		img->present |= RPROC_DIAG_IMG_EXPECTED;
		img->expected_size = s->expected_size;
	}
	if (s->flags & RPI_S_HAS_SIGN_TYPE) {
		img->present |= RPROC_DIAG_IMG_SIGN_TYPE;
		img->sign_type = s->sign_type;
	}
	if (s->flags & RPI_S_HAS_NUM_IMG) {
		img->present |= RPROC_DIAG_IMG_NUM_IMG;
		img->num_img = s->num_img;
	}
	if (s->flags & RPI_S_HAS_BOOTADDR) {
		img->present |= RPROC_DIAG_IMG_BOOTADDR;
		img->bootaddr = s->bootaddr;
	}
	if (s->flags & RPI_S_HAS_BOOTSEC) {
		img->present |= RPROC_DIAG_IMG_BOOTSEC;
		img->bootsec = s->bootsec;
	}
	/* the key fingerprint needs the whole PKEYINFO value in the prefix */
	if ((s->flags & RPI_S_HAS_PKEY) && s->pkey_len &&
	    s->pkey_off <= head_len && s->pkey_len <= head_len - s->pkey_off) {
		sha256(head + s->pkey_off, s->pkey_len, img->pkey_sha256);
		img->present |= RPROC_DIAG_IMG_PKEY;
	}
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_image_from_summary);

void rproc_diag_image_summarize(const u8 *data, size_t size,
				struct rproc_diag_image_rec *img)
{
	size_t head_len = min_t(size_t, size, RPROC_DIAG_HEAD_MAX);
	struct rpi_summary s;

	rpi_summarize(data, head_len, size, &s);
	rproc_diag_image_from_summary(&s, data, head_len, img);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_diag_image_summarize);

/* The shared library, reached by the KUnit module in kernel context. */
EXPORT_SYMBOL_IF_KUNIT(rpi_summarize);
