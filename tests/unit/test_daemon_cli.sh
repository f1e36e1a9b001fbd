#!/bin/sh
# CLI tests of `rproc-diag watch` and `status` on the build host, where the
# rproc_diag module is not loaded: usage errors, configuration and key
# errors quote the input, the missing module is explained with what to do
# (exit 69), and `status --json` is valid JSON with the documented keys.
# Result lines from tests/lib/suite.sh.
# Environment (set by tests/unit/run): RPROC_DIAG, FIXTURES, WORK.
set -u
: "${RPROC_DIAG:?}" "${FIXTURES:?}" "${WORK:?}"
rm -rf "$WORK"
mkdir -p "$WORK"
R=$RPROC_DIAG
SUITE_OUT=$WORK/out SUITE_ERR=$WORK/err
. "$(dirname "$0")/../lib/suite.sh"
t() { expect_exit "$@"; }

err_has() { grep -q -- "$1" "$WORK/err"; }
json() {	# json PYTHON_EXPR: evaluated with d = the JSON object in out
	python3 -c "import json,sys; d=json.loads(open('$WORK/out').readline()); sys.exit(0 if ($1) else 1)"
}

t "watch --help" 0 $R watch --help
check "watch --help documents --once" grep -q -- "--once" "$WORK/out"
t "watch unknown option" 64 $R watch --frobnicate
check "unknown option quoted" err_has "--frobnicate"
t "watch bad --timeout" 64 $R watch --timeout 12x
check "bad --timeout quoted" err_has "12x"
t "watch bad --since" 64 $R watch --once --since -3
t "watch --since needs --once" 64 $R watch --since 3
t "watch stray argument" 64 $R watch extra
t "watch missing --config file" 64 $R watch --config "$WORK/none.conf"

printf 'color = auto\nanalysis_wait_ms = soon\n' > "$WORK/bad.conf"
t "watch bad configuration value" 2 $R watch --config "$WORK/bad.conf"
check "bad configuration: file, line and value quoted" err_has "bad.conf:2: analysis_wait_ms: \`soon'"
printf 'colour = never\n' > "$WORK/bad2.conf"
t "status unknown configuration key" 2 $R status --config "$WORK/bad2.conf"
check "unknown key quoted" err_has "unknown key \`colour'"

printf 'not a key\n' > "$WORK/garbage.pem"
t "watch unreadable --ta-key" 2 $R watch --ta-key "$WORK/garbage.pem"
check "--ta-key file quoted" err_has "garbage.pem"

if [ -d /sys/module/rproc_diag ]; then
	skip "watch/status without the module" "the module is loaded on this host"
else
	t "watch without the module" 69 $R watch --once --timeout 1
	check "watch says how to load the module or why it cannot" \
		sh -c "grep -q 'modprobe rproc_diag' '$WORK/err'"
	t "status without the module" 69 $R status --json
	check "status --json is valid JSON" json "True"
	check "status --json: module not loaded, with a remedy" \
		json "d['module']['loaded'] is False and 'modprobe' in d['module']['error']"
	check "status --json: documented keys" \
		json "set(['module','kprobes','tee','ta','remoteprocs','problems','healthy']) <= set(d)"
	check "status --json: unhealthy with problems" \
		json "d['healthy'] is False and len(d['problems']) >= 1"
	check "status --json: TA device name" \
		json "d['ta']['device'] == 'optee-ta-80a4c275-0a47-4905-8285-1486a9771a08'"
	t "status text without the module" 69 $R status
	check "status text lists problems" grep -q "^problems:" "$WORK/out"
fi
summary
