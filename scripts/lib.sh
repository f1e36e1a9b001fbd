# shellcheck shell=bash
# Helpers shared by the scripts in scripts/.  Source it; do not run it.

info() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
warn() { printf '%s: warning: %s\n' "${0##*/}" "$*" >&2; }
die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# Root of the project checkout.
project_root() { (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); }

# Where kernel builds and unpacked sources are kept (git-ignored by default).
cache_root() {
	local c=${RPROC_DIAG_CACHE:-$(project_root)/build/cache}
	mkdir -p "$c"
	(cd "$c" && pwd)
}

# kernel_source_version [SERIES]: Debian package version of linux-source-SERIES
# (default 6.12).
kernel_source_version() {
	local series=${1:-6.12}
	dpkg-query -W -f='${Version}' "linux-source-$series" 2>/dev/null ||
		die "linux-source-$series is not installed: run scripts/setup as root"
}

# Unpack Debian's linux-source-SERIES (default 6.12) once per package
# version; print its path.
kernel_source_dir() {
	local series=${1:-6.12} ver dir
	local tarball=/usr/src/linux-source-$series.tar.xz
	ver=$(kernel_source_version "$series")
	dir="$(cache_root)/src/linux-source-$series-$ver"
	if [ ! -f "$dir/.unpacked" ]; then
		[ -f "$tarball" ] || die "$tarball missing: run scripts/setup as root"
		mkdir -p "$dir"
		(
			flock 8
			if [ ! -f "$dir/.unpacked" ]; then
				info "unpacking $tarball"
				tar -C "$dir" --strip-components=1 -xf "$tarball"
				touch "$dir/.unpacked"
			fi
		) 8>"$dir.lock"
	fi
	echo "$dir"
}

# ktap_summary CONSOLE KTAP: cut the KTAP document that tests/guest/kunit/run.sh
# printed between KTAP-BEGIN/KTAP-END in the VM's CONSOLE output into KTAP,
# parse it with the kernel's kunit.py and print its "Ran N tests" summary.
ktap_summary() {
	sed -n '/^KTAP-BEGIN$/,/^KTAP-END$/p' "$1" | sed '1d;$d' >"$2"
	(cd "$(kernel_source_dir)" && python3 tools/testing/kunit/kunit.py parse "$2" 2>&1) |
		grep -E 'Ran [0-9]+ tests' | tail -1
}
