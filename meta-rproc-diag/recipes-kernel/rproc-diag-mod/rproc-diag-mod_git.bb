# SPDX-License-Identifier: GPL-2.0
SUMMARY = "rproc_diag.ko: observer of TEE-delegated remoteproc firmware loading"
DESCRIPTION = "A kprobe-based observer that records every remote processor \
boot attempt handed to OP-TEE's remoteproc trusted application and publishes \
it on generic netlink for rproc-diag.  It never changes a boot's outcome."
SECTION = "kernel/modules"
LICENSE = "GPL-2.0-only"
LIC_FILES_CHKSUM = "file://kmod/main.c;beginline=1;endline=1;md5=50d2ba0afecd20f74c12a4bdbcfcfe61"

require recipes-support/rproc-diag/rproc-diag.inc

inherit module

# The top-level Makefile's kmod and modules_install targets: module.bbclass
# runs them with the kernel's toolchain and build directory (O=).
EXTRA_OEMAKE += "KDIR=${STAGING_KERNEL_DIR}"
MAKE_TARGETS = "kmod"
MODULES_INSTALL_TARGET = "modules_install"
# The module is kbuild's M=kmod: its Module.symvers is there.
MODULES_MODULE_SYMVERS_LOCATION = "kmod"

RPROVIDES:${PN} += "kernel-module-rproc-diag"
# Loaded at boot (modules-load.d), so attempts from then on are recorded.
KERNEL_MODULE_AUTOLOAD += "rproc_diag"
