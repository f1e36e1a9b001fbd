/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels rproc_diag builds against (6.1 .. 6.12):
 * tested by feature, never by version number.
 */
#ifndef RPROC_DIAG_COMPAT_H
#define RPROC_DIAG_COMPAT_H

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

#endif /* RPROC_DIAG_COMPAT_H */
