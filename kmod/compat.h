/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels rproc_diag builds against (6.1 .. 6.12):
 * tested by feature, never by version number.
 */
#ifndef RPROC_DIAG_COMPAT_H
#define RPROC_DIAG_COMPAT_H

#include <linux/ptrace.h>
#include <net/genetlink.h>

/* sparse 0.6.4 has no __has_include: it checks the v6.2+ branch */
#ifdef __has_include
#if __has_include("kunit/visibility.h")
#define RPROC_DIAG_HAVE_KUNIT_VISIBILITY
#endif
#else
#define RPROC_DIAG_HAVE_KUNIT_VISIBILITY
#endif

#ifdef RPROC_DIAG_HAVE_KUNIT_VISIBILITY
#include <kunit/visibility.h>		/* v6.2+ */
#else
/* v6.1: no exports for the test module; built-in tests still link */
#define RPROC_DIAG_NO_KUNIT_EXPORTS
#define VISIBLE_IF_KUNIT static
#define EXPORT_SYMBOL_IF_KUNIT(sym)	\
	static_assert(sizeof(typeof(sym) *) != 0)
#endif

/*
 * Joining the event group needs CAP_NET_ADMIN.  v6.8 (and some stable
 * backports) test GENL_MCAST_CAP_* in genl_bind() and ignore the op flag;
 * v5.12 .. v6.7 test GENL_UNS_ADMIN_PERM on the group.
 */
#ifdef GENL_MCAST_CAP_NET_ADMIN
#define RPROC_DIAG_MCGRP_PERM	GENL_MCAST_CAP_NET_ADMIN
#else
#define RPROC_DIAG_MCGRP_PERM	GENL_UNS_ADMIN_PERM
#endif

/*
 * rproc_diag_arg(regs, n): the n-th (from 0) word-sized argument of the probed
 * function, read in a kprobe/kretprobe entry handler, where @regs is the
 * state at the function's first instruction.  Every hook reads a pointer or a
 * u32 at n <= 1.
 *
 * The supported architectures are the ones with an accessor here (Kconfig
 * says the same for in-tree builds):
 *
 * arm64 and x86_64 select HAVE_FUNCTION_ARG_ACCESS_API (arch/arm64/Kconfig,
 * arch/x86/Kconfig) and provide regs_get_kernel_argument() in their
 * asm/ptrace.h: used as it is.
 *
 * arm (32-bit; STM32MP15) has neither the API nor the helper, but it has
 * kprobes and kretprobes (HAVE_KPROBES, HAVE_KRETPROBES in arch/arm/Kconfig).
 * kprobe_handler() in arch/arm/probes/kprobes/core.c runs the handlers on the
 * pt_regs of the breakpoint trap at the probed instruction, so at function
 * entry uregs[0..3] (ARM_r0..ARM_r3, arch/arm/include/uapi/asm/ptrace.h)
 * hold the first four word-sized arguments as the AAPCS assigns them (Arm
 * IHI 0042, "Parameter Passing": r0-r3, then the stack).  Later arguments
 * read 0; a 64-bit argument would take an even/odd register pair, and no
 * hook reads one.  Return values come from regs_return_value(), which every
 * architecture has (ARM_r0 on arm, set by __kretprobe_trampoline's pt_regs).
 */
#if defined(CONFIG_ARM64) || defined(CONFIG_X86_64)
static __always_inline unsigned long rproc_diag_arg(struct pt_regs *regs,
						    unsigned int n)
{
	return regs_get_kernel_argument(regs, n);
}
#elif defined(CONFIG_ARM)
static __always_inline unsigned long rproc_diag_arg(struct pt_regs *regs,
						    unsigned int n)
{
	return n < 4 ? regs->uregs[n] : 0;
}
#else
#error "rproc_diag supports arm, arm64 and x86_64 (see rproc_diag_arg())"
#endif

#endif /* RPROC_DIAG_COMPAT_H */
