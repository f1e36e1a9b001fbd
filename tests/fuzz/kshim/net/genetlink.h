/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* kshim: compat.h includes it; image.c uses nothing of it. */
#ifndef KSHIM_NET_GENETLINK_H
#define KSHIM_NET_GENETLINK_H
#endif
