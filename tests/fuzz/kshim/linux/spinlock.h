/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/* kshim: record.h declares structures with a lock; nothing here locks. */
#ifndef KSHIM_LINUX_SPINLOCK_H
#define KSHIM_LINUX_SPINLOCK_H
typedef struct { int unused; } spinlock_t;
#endif
