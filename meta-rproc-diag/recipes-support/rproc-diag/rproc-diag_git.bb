# SPDX-License-Identifier: GPL-2.0
SUMMARY = "Explain why a remote processor refused its firmware"
DESCRIPTION = "rproc-diag names the root cause when OP-TEE's remoteproc \
trusted application refuses a coprocessor firmware (STM32MP1/MP2): watch and \
status on the board with the rproc_diag kernel module, inspect, sign and \
explain for signed firmware images."
SECTION = "console/utils"
LICENSE = "GPL-2.0-only | MIT"
LIC_FILES_CHKSUM = "file://userspace/main.c;beginline=1;endline=1;md5=d337360ac55966d2a50ba6b01e40ec30"

require rproc-diag.inc

DEPENDS = "libnl udev openssl"
inherit systemd pkgconfig

# Structured journal entries (libsystemd) when the distro uses systemd.
PACKAGECONFIG ??= "${@bb.utils.filter('DISTRO_FEATURES', 'systemd', d)}"
PACKAGECONFIG[systemd] = "LIBSYSTEMD=yes,LIBSYSTEMD=no,systemd"
EXTRA_OEMAKE += "${PACKAGECONFIG_CONFARGS}"

# The same targets `make install` and the Debian package use.
do_compile() {
	oe_runmake userspace-bin
}

do_install() {
	oe_runmake install DESTDIR=${D} PREFIX=${prefix} BINDIR=${bindir} \
		SYSCONFDIR=${sysconfdir} UNITDIR=${systemd_system_unitdir} \
		MANDIR=${mandir} COMPLETIONDIR=${datadir}/bash-completion/completions \
		DOCDIR=${docdir}/${BPN} CATALOGDIR=${nonarch_libdir}/systemd/catalog
}

SYSTEMD_SERVICE:${PN} = "rproc-diag.service"
SYSTEMD_AUTO_ENABLE:${PN} = "enable"
CONFFILES:${PN} = "${sysconfdir}/rproc-diag.conf"
# the journal catalog (journalctl -x)
FILES:${PN} += "${nonarch_libdir}/systemd/catalog"

PACKAGES =+ "${PN}-bash-completion"
FILES:${PN}-bash-completion = "${datadir}/bash-completion"
RDEPENDS:${PN}-bash-completion = "bash-completion"

# The module is what watch and status read; inspect, sign and explain work
# without it.
RRECOMMENDS:${PN} = "kernel-module-rproc-diag"
