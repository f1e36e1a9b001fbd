# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# Helpers of the packaging and installation checks (tests/dist/*): the
# project's result lines (tests/lib/suite.sh: ok, fail, skip, check,
# summary) plus cannot_run.  Source it.
#
# A check that cannot run (a missing tool, no root, no network) skips; with
# CI=true (set by .ci/run) it fails instead, so CI never passes a packaging
# test it did not run.
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export RPROC_DIAG_CACHE=${RPROC_DIAG_CACHE:-$top/build/cache}
. "$top/scripts/lib.sh"
. "$top/tests/lib/suite.sh"
work="$top/build/test-work/dist"
mkdir -p "$work"

# cannot_run NAME WHY: skip, or fail under CI=true
cannot_run() {
	if [ "${CI:-}" = true ]; then
		fail "$1 (cannot run under CI: $2)"
	else
		skip "$1" "$2"
	fi
}
