# tests/lib/suite.sh: the result lines of every test suite and test script,
# on the host (bash, dash) and in the test VM (busybox sh, as /tests/lib/).
# Source it, report each check, end with `summary`:
#
#   . "$top/tests/lib/suite.sh"
#   ok NAME                   "ok   NAME"
#   fail NAME [DETAIL...]     "FAIL NAME", then each DETAIL line indented;
#                             returns 1 (so does every check that fails)
#   skip NAME WHY             "skip NAME: WHY"
#   check NAME CMD...         ok when CMD exits 0, else fail
#   check_log NAME LOG CMD... CMD's output to LOG; on failure its last lines
#   expect_exit NAME STATUS CMD...
#                             CMD's stdout to $SUITE_OUT, stderr to
#                             $SUITE_ERR; ok when it exits with STATUS
#   expect NAME STATUS PATTERN CMD...
#                             the same, and its output (stdout and stderr)
#                             must match the grep PATTERN
#   add_results LINE          add a sub-run's "N passed, N failed[, N skipped]"
#   add_results_from FILE     the same from the last such line of FILE
#                             (none: one failure)
#   summary                   "N passed, N failed, N skipped"; returns 1 when
#                             anything failed (make it the last command)
#
# tests/run-all reads the summary line; tests/unit/run and kmod/tests/run
# add up the summaries of the scripts they run.

suite_p=0
suite_f=0
suite_s=0
: "${SUITE_OUT:=${TMPDIR:-/tmp}/suite.$$.out}"
: "${SUITE_ERR:=${TMPDIR:-/tmp}/suite.$$.err}"

ok() {
	echo "ok   $1"
	suite_p=$((suite_p + 1))
}

fail() {
	echo "FAIL $1"
	shift
	for d in "$@"; do
		printf '%s\n' "$d" | sed 's/^/    /'
	done
	suite_f=$((suite_f + 1))
	return 1
}

skip() {
	echo "skip $1: $2"
	suite_s=$((suite_s + 1))
}

check() {
	_n=$1
	shift
	if "$@"; then ok "$_n"; else fail "$_n"; fi
}

check_log() {
	_n=$1 _log=$2
	shift 2
	mkdir -p "$(dirname "$_log")"
	if "$@" >"$_log" 2>&1; then
		ok "$_n"
	else
		fail "$_n (log: $_log)" "$(tail -20 "$_log")"
	fi
}

expect_exit() {
	_n=$1 _want=$2
	shift 2
	"$@" >"$SUITE_OUT" 2>"$SUITE_ERR"
	_got=$?
	if [ "$_got" -eq "$_want" ]; then
		ok "$_n"
	else
		fail "$_n (exit $_got, expected $_want)" "$(head -5 "$SUITE_ERR")"
	fi
}

expect() {
	_n=$1 _want=$2 _pat=$3
	shift 3
	"$@" >"$SUITE_OUT" 2>&1
	_got=$?
	if [ "$_got" -ne "$_want" ]; then
		fail "$_n (exit $_got, expected $_want)" "$(tail -15 "$SUITE_OUT")"
	elif ! grep -q -- "$_pat" "$SUITE_OUT"; then
		fail "$_n (no \"$_pat\" in the output)" "$(tail -15 "$SUITE_OUT")"
	else
		ok "$_n"
	fi
}

add_results() {
	_l=$(printf '%s\n' "$1" | sed -n -E 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed, ([0-9]+) failed(, ([0-9]+) skipped)?$/\2 \3 \5/p')
	if [ -z "$_l" ]; then
		fail "no result line in: $1"
		return
	fi
	set -- $_l
	suite_p=$((suite_p + $1))
	suite_f=$((suite_f + $2))
	suite_s=$((suite_s + ${3:-0}))
}

add_results_from() {
	_l=$(grep -E '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$1" 2>/dev/null | tail -1)
	if [ -z "$_l" ]; then
		fail "$1 has no 'N passed, N failed' line"
		return
	fi
	add_results "$_l"
}

summary() {
	rm -f "$SUITE_OUT" "$SUITE_ERR"
	echo "$suite_p passed, $suite_f failed, $suite_s skipped"
	[ "$suite_f" -eq 0 ]
}
