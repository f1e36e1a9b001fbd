#!/bin/sh
# rproc-diag explain --log: pasted kernel logs, one per way a boot of the TEE
# remoteproc path ends (every errno of the issue's list, with the kernel's
# own message texts), diagnosed as watch does; the JSON object has every
# key of a watch attempt line (tests/unit/golden/watch-cases.txt), null
# where a log cannot fill it; --firmware makes it sharper; stdin, pasted
# text, exit statuses.  Result lines from tests/lib/suite.sh.
set -u
: "${RPROC_DIAG:?}" "${FW:?}" "${FIXTURES:?}" "${WORK:?}"
rm -rf "$WORK"
mkdir -p "$WORK"
R=$RPROC_DIAG
top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE_OUT=$WORK/out SUITE_ERR=$WORK/err
. "$(dirname "$0")/../lib/suite.sh"
t() { expect_exit "$@"; }
IMG=$WORK/img
KEY=$IMG/keys/optee-default-rsa2048.pem
json() {	# json PYTHON_EXPR: d = the first JSON object of out
	python3 -c "import json,sys; d=json.loads(open('$WORK/out').readline()); sys.exit(0 if ($1) else 1)"
}

RP="remoteproc remoteproc0:"
TA="tee_remoteproc optee-ta-80a4c275-0a47-4905-8285-1486a9771a08:"
UP="remoteproc_tee optee-ta-80a4c275-0a47-4905-8285-1486a9771a08:"
PL="stm32-rproc 812345.m33:"
FWN=rproc-m33-fw.sig

# loader ERRNO: what 6.12's firmware loader and rproc_boot() print when
# request_firmware() fails with ERRNO, under dmesg timestamps.
loader() {
	printf '[  101.200000] %s powering up m33\n' "$RP"
	[ "$1" != -2 ] && printf '[  101.210000] %s loading /lib/firmware/%s failed with error %s\n' "$RP" $FWN "$1"
	printf '[  101.210001] %s firmware: failed to load %s (%s)\n' "$RP" $FWN "$1"
	printf '[  101.210002] %s Direct firmware load for %s failed with error %s\n' "$RP" $FWN "$1"
	printf '[  101.210003] %s request_firmware failed: %s\n' "$RP" "$1"
	printf '[  101.210004] %s Boot failed: %s\n' "$RP" "$1"
}

# name  expected-cause  expected-exit, then the log on stdin
case_log() {
	name=$1 cause=$2 want=$3
	cat >"$WORK/$name.log"
	t "$name: exit $want" "$want" $R explain --json --log "$WORK/$name.log"
	check "$name: cause $cause" json "d['cause'] == '$cause'"
}

loader -22 | case_log "empty file (-22 from the firmware loader)" firmware-empty 1
check "  the loader's path and layer" json \
	"d['log']['layer'] == 'firmware-loader' and d['log']['errno'] == -22 and 'kernel_read_file' in d['log']['kernel_reason'] and '/lib/firmware/$FWN' in d['remediation'][0]"
loader -2 | case_log "no such file (-2)" firmware-not-found 1
printf '%s Direct firmware load for %s failed with error -2\n%s request_firmware failed: -110\n%s Boot failed: -110\n' \
	"$RP" $FWN "$RP" "$RP" | case_log "sysfs fallback timed out (-110)" firmware-not-found 1
loader -12 | case_log "no memory for the file (-12)" firmware-too-large 1
loader -27 | case_log "file over 2 GiB (-27)" firmware-too-large 1
loader -26 | case_log "file still being written (-26)" firmware-unreadable 1
check "  the kernel's step: wait for the copy" json "'sync' in d['remediation'][0]"
loader -13 | case_log "security module refuses the read (-13)" firmware-unreadable 1
printf 'Dec 04 18:00:01 stm32mp2 kernel: %s TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: ffff3072, ret:0\nDec 04 18:00:01 stm32mp2 kernel: %s Boot failed: -5\n' \
	"$TA" "$RP" | case_log "ST TA: SIGNATURE_INVALID, -5 from the TEE driver" signature-key-mismatch 1
check "  no origin in a log: ta_origin null; seq null" json \
	"d['ta_result'] == '0xffff3072' and d['ta_origin'] is None and d['seq'] is None and d['kernel']['driver_api'] == 'st'"
printf '%s TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: 0, ret:ffffffea\n%s Boot failed: -22\n' \
	"$TA" "$RP" | case_log "invoke refused inside Linux (-22, TEE err 0)" tee-communication 1
printf '%s powering up m33\n%s Booting fw image %s, size 1828\n%s Unable to map memory region: 0x00000000a0000000+400\n%s Boot failed: -12\n' \
	"$RP" "$RP" $FWN "$UP" "$RP" | case_log "resource table Linux cannot map (-12)" resource-table-unmappable 1
printf '[    2.51] %s tee_client_open_session failed, err: ffff000a\n[    2.51] %s error -EINVAL: signed firmware not supported by TEE\n' \
	"$PL" "$PL" | case_log "session refused: -22 from the register call" tee-session-refused 1
check "  a register attempt, boot_ret -22" json "d['kind'] == 'register' and d['boot_ret'] == -22"
printf '<4>[   12.80] %s deferred probe pending: stm32-rproc: signed firmware not supported by TEE\n' \
	"$PL" | case_log "no TA: probe deferred (-517)" ta-not-present 1
printf '%s powering up m33\n%s Image is corrupted (bad magic)\n%s Boot failed: -22\n' "$RP" "$RP" "$RP" |
	case_log "ELF mode refuses a signed image (-22)" signed-image-elf-mode 1
printf '%s powering up m33\n%s Booting fw image %s, size 1828\n%s remote processor m33 is now up\n' \
	"$RP" "$RP" $FWN "$RP" | case_log "a good boot" ok 0
check "  its size from Booting fw image" json "d['fw_size'] == 1828 and d['firmware'] == '$FWN' and not d['failed']"

# The keys of a watch attempt line, all there (new ones may follow).
grep -m1 '^{"type":"attempt"' "$top/tests/unit/golden/watch-cases.txt" >"$WORK/watch.json"
loader -22 >"$WORK/e.log"
t "explain --log --json" 1 $R explain --json --log "$WORK/e.log"
check "every key of a watch attempt line, in watch's order" python3 -c "
import json
w = list(json.loads(open('$WORK/watch.json').readline()))
d = list(json.loads(open('$WORK/out').readline()))
assert d[:len(w)] == w, (w, d)
assert d[len(w):] == ['log'], d[len(w):]
"

# One object per attempt: a failure, then a good boot.
{ printf '%s TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: ffff0006, ret:0\n%s Boot failed: -5\n' "$TA" "$RP"
  printf '%s powering up m33\n%s remote processor m33 is now up\n' "$RP" "$RP"; } >"$WORK/two.log"
t "two attempts" 1 $R explain --json --log "$WORK/two.log"
check "  two JSON lines: failed, then ok" python3 -c "
import json
ls = [json.loads(l) for l in open('$WORK/out')]
assert [d['cause'] for d in ls][1] == 'ok' and ls[0]['failed'] and len(ls) == 2, ls
"

# The log alone cannot tell BAD_PARAMETERS apart; the image can.
if python3 "$top/tests/e2e/mkimage.py" recipes "$IMG" "$FIXTURES" >"$WORK/mk.log" 2>&1; then
	printf '%s TA_RPROC_FW_CMD_LOAD_FW invoke failed TEE err: ffff0006, ret:0\n%s Boot failed: -5\n' \
		"$TA" "$RP" >"$WORK/bp.log"
	t "BAD_PARAMETERS from the log alone" 1 $R explain --json --log "$WORK/bp.log"
	check "  says what the image would tell apart, and the command" json \
		"'truncated-image' in d['log']['cannot_tell'] and '--firmware' in d['log']['cannot_tell'] and d['offline'] is None"
	for pair in "$IMG/mp25-truncated.sig:truncated-image" "$IMG/mp25-appended.sig:appended-bytes" \
		    "$IMG/f1-legacy.sig:wrong-format-generation" "$FIXTURES/optee-rproc/fw.elf:unsigned-image"; do
		img=${pair%%:*} cause=${pair#*:}
		t "  with --firmware $(basename "$img")" 1 $R explain --json --log "$WORK/bp.log" \
			--firmware "$img" --ta-key "$KEY"
		check "  $(basename "$img"): $cause, the file analysed, nothing left to tell" json \
			"d['cause'] == '$cause' and d['offline']['path'] == '$img' and d['log']['cannot_tell'] is None"
	done
	printf '%s powering up m33\n%s Booting fw image %s, size 1828\n%s TA_RPROC_FW_CMD_START_FW invoke failed TEE err: ffff0000, ret:0\n%s Boot failed: -5\n' \
		"$RP" "$RP" $FWN "$TA" "$RP" >"$WORK/start.log"
	t "START GENERIC with the image without BOOTADDR" 1 $R explain --json --log "$WORK/start.log" \
		--firmware "$IMG/mp25-nobootaddr.sig"
	check "  missing-bootaddr, the prediction agrees" json \
		"d['cause'] == 'missing-bootaddr' and d['prediction']['agrees']"
	# --soc: what the board is, for the commands (no BOOTADDR on the STM32MP15 M4)
	cp "$FIXTURES/optee-rproc/fw.elf" "$WORK/fw15.elf"
	t "an unsigned ELF on an STM32MP15 (--soc mp15)" 1 $R explain --json --log "$WORK/bp.log" \
		--firmware "$WORK/fw15.elf" --ta-key "$KEY" --soc mp15
	check "  fix --soc mp15, and no BOOTADDR to sign" json \
		"d['cause'] == 'unsigned-image' and any('--soc mp15' in s for s in d['remediation']) and not any('BOOTADDR 0x' in s for s in d['remediation'])"
	t "the same ELF on an STM32MP25 (--soc mp25)" 1 $R explain --json --log "$WORK/bp.log" \
		--firmware "$WORK/fw15.elf" --ta-key "$KEY" --soc mp25
	check "  fix --soc mp25, BOOTADDR 0x80000000 to sign" json \
		"any('--soc mp25' in s for s in d['remediation']) and any('BOOTADDR 0x80000000' in s for s in d['remediation'])"
else
	fail "mkimage.py recipes" "$(tail -5 "$WORK/mk.log")"
fi

# Input forms and exit statuses.
t "the log on stdin" 1 sh -c "$R explain --log - <'$WORK/e.log'"
check "  text names the cause" grep -q "cause: firmware-empty" "$WORK/out"
check "  quotes the log lines" grep -q "loading /lib/firmware/$FWN failed with error -22" "$WORK/out"
t "the log pasted as the argument" 1 $R explain --log "$(cat "$WORK/e.log")"
check "  same cause" grep -q "cause: firmware-empty" "$WORK/out"
printf 'usb 1-1: new high-speed USB device number 2 using ehci-platform\nmmc0: new card\n' >"$WORK/other.log"
t "no line of the path: exit 2" 2 $R explain --log "$WORK/other.log"
check "  says what to paste" grep -q "around \"Boot failed\"" "$WORK/err"
t "no such file, not a log line: exit 2" 2 $R explain --log "$WORK/nope.log"
t "--firmware without --log: usage (64)" 64 $R explain --firmware "$WORK/e.log" 0xffff0006
t "--log and a CODE: usage (64)" 64 $R explain --log "$WORK/e.log" 0xffff0006
t "unreadable --firmware: exit 2" 2 $R explain --log "$WORK/e.log" --firmware "$WORK/nope.sig"
t "explain --help documents --log" 0 $R explain --help
check "  with its exit statuses" grep -q "Exit status 0 nothing failed, 1 an" "$WORK/out"
summary
