/* SPDX-License-Identifier: GPL-2.0 OR MIT */
#ifndef KSHIM_LINUX_BITS_H
#define KSHIM_LINUX_BITS_H
#define BIT(n) (1UL << (n))
#endif
