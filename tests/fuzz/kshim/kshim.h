/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * kshim: forced first (-include) when kmod/image.c is compiled for the
 * fuzzer.  compat.h picks an architecture's probe-argument accessor;
 * image.c calls none, so a stand-in for one will do.
 */
#ifndef KSHIM_H
#define KSHIM_H
#define CONFIG_X86_64 1
#define __always_inline inline __attribute__((always_inline))
struct pt_regs;
#define regs_get_kernel_argument(regs, n) ((void)(regs), (void)(n), 0UL)
#endif
