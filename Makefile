# SPDX-License-Identifier: GPL-2.0
#
# rproc-diag: kernel module (kmod/) + userspace tool (userspace/).
#
#   make                  build kmod/rproc_diag.ko and userspace/rproc-diag
#   make check            every test suite; ends with "N passed, N failed"
#   make demo             boot the emulated STM32MP2 VM and diagnose a load
#   make kernel           build the arm64 test kernel (cached)
#   make install          tool, unit, config, man pages, completion, journal
#                         catalog (DESTDIR, PREFIX)
#   make modules_install  the module (INSTALL_MOD_PATH or DESTDIR)
#   make install-dkms     the module's source with dkms.conf (DESTDIR)
#   make dist | deb       release tarball / Debian packages in build/
#   make style | sparse   checkpatch / sparse (C=2: every file) on kmod/
#   make fuzz | bench     parser fuzzing / benchmarks
#
# KDIR defaults to /lib/modules/$(uname -r)/build when it exists, otherwise
# to the project's own arm64 test kernel (built on demand; the armhf one with
# ARCH=arm), and only for the targets that build the module: userspace,
# check, style, clean... never need a kernel tree.  The module is kbuild's
# external module kmod/ (M=kmod; kmod/ also builds in tree through
# kmod/Kconfig).  Cross build for the board:
#   make ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- KDIR=<kernel tree>      STM32MP2
#   make ARCH=arm CROSS_COMPILE=arm-linux-gnueabihf- KDIR=<kernel tree>      STM32MP15

TOP := $(CURDIR)
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SYSCONFDIR ?= /etc
UNITDIR ?= /lib/systemd/system
MANDIR ?= $(PREFIX)/share/man
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
DOCDIR ?= $(PREFIX)/share/doc/rproc-diag
# systemd reads catalogs from /usr/lib and /usr/local/lib only
CATALOGDIR ?= $(if $(filter /usr,$(PREFIX)),/usr/lib,$(PREFIX)/lib)/systemd/catalog
DKMSDIR ?= /usr/src

# One version for the tool, the module and the packages: scripts/version
# (git describe, or the VERSION file of a release tarball).  Not called
# VERSION: a command-line VERSION would reach the kernel's own Makefile.
RPROC_DIAG_VERSION := $(shell $(TOP)/scripts/version)

KVER ?= $(shell uname -r)
# (A cross build, ARCH given, never defaults to the host's kernel headers.)
ifeq ($(origin KDIR),undefined)
  ifneq ($(if $(filter command line environment,$(origin ARCH)),,$(wildcard /lib/modules/$(KVER)/build/Makefile)),)
    KDIR := /lib/modules/$(KVER)/build
  else
    TEST_KERNEL := $(if $(filter arm,$(ARCH)),arm,arm64)
    # expanded (once) only by the targets that use it
    KDIR = $(eval KDIR := $(shell $(TOP)/scripts/kernel-build --arch $(TEST_KERNEL) --print-dir))$(KDIR)
    KARCH := $(TEST_KERNEL)
    KCROSS := $(if $(filter arm,$(ARCH)),arm-linux-gnueabihf-,aarch64-linux-gnu-)
  endif
endif

# Userspace follows ARCH/CROSS_COMPILE only when they are given explicitly.
ifneq ($(filter command line environment,$(origin ARCH)),)
  KARCH := $(ARCH)
  KCROSS := $(CROSS_COMPILE)
  ifeq ($(ARCH),arm64)
    US_CROSS := $(if $(CROSS_COMPILE),$(CROSS_COMPILE),aarch64-linux-gnu-)
    US_TRIPLET := aarch64-linux-gnu
  endif
  ifeq ($(ARCH),arm)
    US_CROSS := $(if $(CROSS_COMPILE),$(CROSS_COMPILE),arm-linux-gnueabihf-)
    US_TRIPLET := arm-linux-gnueabihf
  endif
endif
ifneq ($(filter command line environment,$(origin CROSS_COMPILE)),)
  KCROSS := $(CROSS_COMPILE)
endif

KMAKE = $(MAKE) -C $(KDIR) M=$(TOP)/kmod $(if $(KARCH),ARCH=$(KARCH)) \
	$(if $(KCROSS),CROSS_COMPILE=$(KCROSS)) \
	RPROC_DIAG_VERSION=$(RPROC_DIAG_VERSION)

# Userspace build: host by default, arm64 with ARCH=arm64, armhf with ARCH=arm.
# A cross SDK (Yocto/OpenSTLinux) exports CC with its --sysroot and the
# pkg-config sysroot: use them as they are.  Otherwise Debian's multiarch.
ifdef US_TRIPLET
  US_O := $(TOP)/build/userspace-$(US_TRIPLET)
  ifeq ($(origin PKG_CONFIG_SYSROOT_DIR)$(origin PKG_CONFIG_LIBDIR)$(origin PKG_CONFIG_PATH),undefinedundefinedundefined)
    US_ENV := PKG_CONFIG_LIBDIR=/usr/lib/$(US_TRIPLET)/pkgconfig:/usr/share/pkgconfig
  endif
  ifeq ($(origin CC),environment)
    US_ARGS := CC="$(CC)" $(if $(filter environment,$(origin AR)),AR="$(AR)",AR=$(US_CROSS)ar)
  else
    US_ARGS := CC=$(US_CROSS)gcc AR=$(US_CROSS)ar
  endif
else
  US_O := $(TOP)/build/userspace-host
endif

all: kmod userspace

setup:
	@$(TOP)/scripts/setup

kernel: setup
	@$(TOP)/scripts/kernel-build $(if $(filter arm,$(ARCH)),--arch arm) >/dev/null

kmod: $(if $(TEST_KERNEL),kernel)
	$(KMAKE) modules

userspace: setup userspace-bin

# The tool without the package check of `setup`: what packagers (debian/
# rules, the Yocto recipe) and `make install` use.
userspace-bin:
	+$(US_ENV) $(MAKE) -C userspace O=$(US_O) $(US_ARGS) VERSION=$(RPROC_DIAG_VERSION)
	cp $(US_O)/rproc-diag userspace/rproc-diag

# Everything the VM needs, for arm64: module, KUnit module, simulator, tool.
vm-deps: kernel
	+$(TOP)/scripts/vm-deps

check: setup
	@$(TOP)/tests/run-all

demo: setup
	@$(TOP)/scripts/demo

style:
	@$(TOP)/scripts/style

# C=2 checks every file, not only the ones kbuild recompiles.
sparse: $(if $(TEST_KERNEL),kernel)
	$(KMAKE) C=2 CF="-D__CHECK_ENDIAN__" modules

fuzz: setup
	+$(MAKE) -C tests/fuzz run

# Ratios measured side by side in one run (these machines are noisy).
bench: setup
	@$(TOP)/tests/bench/run
	@$(TOP)/tests/bench/run-fmt
	@$(TOP)/tests/bench/kmod-overhead

install: userspace-bin
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSCONFDIR) $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man4 $(DESTDIR)$(COMPLETIONDIR) \
		$(DESTDIR)$(DOCDIR) $(DESTDIR)$(CATALOGDIR)
	install -m 0755 userspace/rproc-diag $(DESTDIR)$(BINDIR)/rproc-diag
	if [ -f userspace/rproc-diag.service ]; then \
		sed 's,@BINDIR@,$(BINDIR),g' userspace/rproc-diag.service > $(DESTDIR)$(UNITDIR)/rproc-diag.service; fi
	if [ -f userspace/rproc-diag.conf ] && [ ! -f $(DESTDIR)$(SYSCONFDIR)/rproc-diag.conf ]; then \
		install -m 0644 userspace/rproc-diag.conf $(DESTDIR)$(SYSCONFDIR)/rproc-diag.conf; fi
	install -m 0644 man/rproc-diag.8 $(DESTDIR)$(MANDIR)/man8/rproc-diag.8
	install -m 0644 man/rproc_diag.4 $(DESTDIR)$(MANDIR)/man4/rproc_diag.4
	install -m 0644 completion/rproc-diag $(DESTDIR)$(COMPLETIONDIR)/rproc-diag
	install -m 0644 userspace/JSON.md $(DESTDIR)$(DOCDIR)/JSON.md
	install -m 0644 $(US_O)/rproc-diag.catalog $(DESTDIR)$(CATALOGDIR)/rproc-diag.catalog

# The module's source as DKMS wants it in /usr/src/rproc-diag-VERSION: the
# module kmod/ (without its tests), dkms.conf with the version,
# and scripts/version with a VERSION file that holds the full version.
DKMS_SRC = $(DESTDIR)$(DKMSDIR)/rproc-diag-$(RPROC_DIAG_VERSION)
install-dkms:
	rm -rf $(DKMS_SRC)
	install -d $(DKMS_SRC)/scripts
	cd $(TOP) && find kmod -path kmod/tests -prune -o -type f \
		\( -name Kbuild -o -name Kconfig -o -name '*.[ch]' \) ! -name '*.mod.c' -print | \
		while read -r f; do install -D -m 0644 "$$f" "$(DKMS_SRC)/$$f" || exit 1; done
	install -m 0755 scripts/version $(DKMS_SRC)/scripts/version
	echo '$(RPROC_DIAG_VERSION)' > $(DKMS_SRC)/VERSION
	sed 's,#MODULE_VERSION#,$(RPROC_DIAG_VERSION),' kmod/dkms.conf > $(DKMS_SRC)/dkms.conf

# Release tarball build/rproc-diag-VERSION.tar.xz; Debian packages in build/deb.
dist:
	@$(TOP)/scripts/dist
deb:
	@$(TOP)/scripts/mkdeb

modules_install: kmod
	$(KMAKE) INSTALL_MOD_PATH=$(if $(INSTALL_MOD_PATH),$(INSTALL_MOD_PATH),$(DESTDIR)) modules_install

# Build products of kmod/ and userspace/ only: no kernel tree is needed, and
# nothing under build/ (the kernel cache may live there) is touched.
KMOD_CLEAN := *.o *.ko *.mod *.mod.c .*.cmd *.symvers *.order .*.d *.o.d
clean:
	cd kmod && rm -f $(KMOD_CLEAN) $(addprefix lib/,$(KMOD_CLEAN)) \
		$(addprefix tests/,$(KMOD_CLEAN)) .module-common.o
	$(MAKE) -C userspace O=$(US_O) clean
	rm -f userspace/rproc-diag

.PHONY: all setup kernel kmod userspace userspace-bin vm-deps check demo style \
	sparse fuzz bench install install-dkms modules_install dist deb clean
