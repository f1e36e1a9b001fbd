#!/bin/sh
# `rproc-diag inspect` (the sanitized binary, text and --json) on every
# fuzz seed and regression input (tests/fuzz/seeds/*/; the grown corpus is
# replayed in-process by 12-fuzz-replay): an exit status of
# 0, 1 or 2, never a signal (issue 13: SIGBUS on a 691-byte STM32 v2.2
# file), and the SIGBUS file itself gets its diagnosis.  The fuzzers'
# mode byte is kept: most inputs are then unknown formats, a few parse.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
RD=${RPROC_DIAG:?RPROC_DIAG not set}
W=${WORK:-$(mktemp -d)}
rm -rf "$W"
mkdir -p "$W"
SUITE_OUT=$W/out SUITE_ERR=$W/err
. "$top/tests/lib/suite.sh"

n=0 bad=0
for f in "$top"/tests/fuzz/seeds/*/*; do
	[ -f "$f" ] || continue
	for mode in "" --json; do
		"$RD" inspect --no-builtin-keys $mode "$f" >"$W/out" 2>&1
		rc=$?
		n=$((n + 1))
		if [ "$rc" -gt 2 ]; then
			fail "inspect $mode ${f#$top/} exits $rc" "$(tail -5 "$W/out")"
			bad=$((bad + 1))
		fi
	done
done
[ "$bad" = 0 ] && ok "inspect ends with 0, 1 or 2 on $n fuzz inputs"

# the SIGBUS of issue 13, without the fuzzer's mode byte
tail -c +2 "$top/tests/fuzz/seeds/fuzz_fmt_stm32/regress-two-auth-extensions" >"$W/sigbus.stm32"
for mode in "" --json; do
	expect "691-byte STM32 v2.2 file, inspect $mode" 1 "second authentication extension" \
		"$RD" inspect $mode "$W/sigbus.stm32"
done
summary
