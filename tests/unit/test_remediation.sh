#!/bin/sh
# Advice that works: for every failing case whose image re-signing fixes,
# the kernel log of that failure (the driver's own message texts) and the
# image go through `rproc-diag explain --log --firmware --ta-key --json`;
# every command its remediation prints (`rproc-diag fix ...` and, for a
# plain ELF, `$TA_DEV_KIT_DIR/scripts/sign_rproc_fw.py ...`) is taken from
# the JSON and run exactly as printed, and its output inspected: the TA
# generation the board runs must load and start it.
#
# $TA_DEV_KIT_DIR is what ST's SDK sets: a TA dev kit with keys/default.pem
# (the development key of that OP-TEE) and scripts/sign_rproc_fw.py, which
# is the project's signer here (byte-identical to the script,
# tests/unit/test_cli.sh).  Result lines from tests/lib/suite.sh.
set -u
: "${RPROC_DIAG:?}" "${FW:?}" "${FIXTURES:?}" "${WORK:?}"
rm -rf "$WORK"
mkdir -p "$WORK/bin"
R=$RPROC_DIAG
top=$(cd "$(dirname "$0")/../.." && pwd)
SUITE_OUT=$WORK/out SUITE_ERR=$WORK/err
. "$(dirname "$0")/../lib/suite.sh"
IMG=$WORK/img
K=$IMG/keys
ln -s "$R" "$WORK/bin/rproc-diag"

if ! python3 "$top/tests/e2e/mkimage.py" recipes "$IMG" "$FIXTURES" >"$WORK/mk.log" 2>&1; then
	fail "mkimage.py recipes" "$(tail -5 "$WORK/mk.log")"
	summary
	exit 1
fi

# devkit NAME DEFAULT_KEY: a TA dev kit whose keys/default.pem is DEFAULT_KEY
devkit() {
	mkdir -p "$WORK/$1/keys" "$WORK/$1/scripts"
	cp "$2" "$WORK/$1/keys/default.pem"
	printf '#!/bin/sh\nexec "%s" sign "$@"\n' "$R" >"$WORK/$1/scripts/sign_rproc_fw.py"
	chmod +x "$WORK/$1/scripts/sign_rproc_fw.py"
}
devkit kit2048 "$K/optee-default-rsa2048.pem"
devkit kit4096 "$K/optee-default-rsa4096.pem"

TA="tee_remoteproc optee-ta-80a4c275-0a47-4905-8285-1486a9771a08:"
UP="remoteproc_tee optee-ta-80a4c275-0a47-4905-8285-1486a9771a08:"
RP="remoteproc remoteproc0:"

# log API CMD RESULT SIZE: the kernel lines of a boot of a SIZE-byte image
# whose TA command CMD returned RESULT (ST's driver: "%x, ret:%x", loads in
# its sanity check, before "Booting fw image"; the series: "%#x, ret:%d").
log() {
	printf '%s powering up m33\n' "$RP"
	if [ "$1" = st ]; then
		printf '%s TA_RPROC_FW_CMD_%s invoke failed TEE err: %s, ret:0\n' "$TA" "$2" "$3"
	else
		printf '%s Booting fw image rproc-m33-fw.sig, size %s\n' "$RP" "$4"
		printf '%s TA_RPROC_CMD_%s invoke failed TEE err: 0x%s, ret:0\n' "$UP" "$2" "$3"
	fi
	printf '%s Boot failed: -5\n' "$RP"
}

# case NAME IMAGE TA-KEY KIT API CMD RESULT CAUSE VERDICT
case_run() {
	name=$1 img=$2 takey=$3 kit=$4 api=$5 cmd=$6 res=$7 cause=$8 verdict=$9
	d=$WORK/run-$name
	mkdir -p "$d"
	log "$api" "$cmd" "$res" "$(wc -c <"$img")" >"$d/kernel.log"
	cp "$img" "$d/"
	img=$d/$(basename "$img")
	expect_exit "$name: explain --log --firmware" 1 $R explain --json --log "$d/kernel.log" \
		--firmware "$img" --ta-key "$takey"
	cp "$WORK/out" "$d/diag.json"
	check "$name: cause $cause" python3 -c "
import json; d = json.load(open('$d/diag.json'))
assert d['cause'] == '$cause', d['cause']"
	# every command in backquotes the steps print, exactly as printed
	python3 - "$d/diag.json" >"$d/cmds" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
for step in d["remediation"]:
    for c in re.findall(r"`([^`]+)`", step):
        if c.startswith("rproc-diag fix ") or c.startswith("$TA_DEV_KIT_DIR/scripts/sign_rproc_fw.py "):
            print(c)
PY
	check "$name: the steps print rproc-diag fix" grep -q "^rproc-diag fix " "$d/cmds"
	check "$name: with real values, no placeholder" sh -c \
		"! grep -q -e PRIVATE_KEY -e '<' -e KEY.pem '$d/cmds'"
	n=0
	while IFS= read -r c; do
		n=$((n + 1))
		out=$(printf '%s\n' "$c" | sed -n 's/.* --out \([^ ]*\).*/\1/p')
		( cd "$d" && env PATH="$WORK/bin:$PATH" TA_DEV_KIT_DIR="$WORK/$kit" sh -c "$c" ) \
			>"$d/cmd$n.out" 2>&1
		rc=$?
		check "$name: command $n runs ($(echo "$c" | cut -c1-60)...)" test "$rc" -eq 0
		( cd "$d" && $R inspect --json --ta-key "$takey" "$out" ) >"$d/insp$n.json" 2>&1
		check "$name: command $n's image loads and starts on the $verdict TA" python3 -c "
import json; d = json.loads(open('$d/insp$n.json').readline())
v = [x for x in d['ta_verdicts'] if x['ta'] == '$verdict'][0]
assert v['result'] == '0x00000000', v"
	done <"$d/cmds"
}

P=$K/optee-default-rsa2048.pub.pem
case_run no-bootaddr "$IMG/mp25-nobootaddr.sig" "$P" kit2048 st START_FW ffff0000 missing-bootaddr st-4.0.0
check "no-bootaddr: BOOTADDR 0x80000000 from the vector table, not 0x80100000 (the data)" sh -c \
	"grep -q 'BOOTADDR 0x80000000' '$WORK/run-no-bootaddr/cmds' || grep -q 'is 0x80000000 (' '$WORK/run-no-bootaddr/diag.json'; ! grep -q 0x80100000 '$WORK/run-no-bootaddr/cmds'"
case_run invalid-bootaddr "$IMG/mp25-badboot.sig" "$P" kit2048 st START_FW ffff0000 invalid-bootaddr st-4.0.0
case_run bootaddr-short "$IMG/mp25-bootaddr-short.sig" "$P" kit2048 st LOAD_FW f0100001 bad-tlv-length st-4.0.0
case_run bootaddr-twice "$IMG/mp25-bootaddr-twice.sig" "$P" kit2048 st LOAD_FW ffff0000 duplicate-bootaddr st-4.0.0
case_run custom-plat-tlv "$IMG/mp25-customtlv.sig" "$P" kit2048 st LOAD_FW ffff0009 unsupported-platform-tlv st-4.0.0
case_run missing-hashtype "$IMG/mp25-nohashtype.sig" "$P" kit2048 st LOAD_FW ffff000b missing-tlv st-4.0.0
case_run appended "$IMG/mp25-appended.sig" "$P" kit2048 st LOAD_FW ffff0006 appended-bytes st-4.0.0
case_run f1-on-f3-ta "$IMG/f1-legacy.sig" "$P" kit2048 st LOAD_FW ffff0006 wrong-format-generation st-4.0.0
case_run segment-not-in-table "$IMG/mp25-noentry.sig" "$P" kit2048 st LOAD_FW ffff000b segment-not-in-table st-4.0.0
cp "$FIXTURES/optee-rproc/fw.elf" "$WORK/fw.elf"
case_run unsigned-elf "$WORK/fw.elf" "$P" kit2048 st LOAD_FW ffff0006 unsigned-image st-4.0.0
check "unsigned-elf: the sign_rproc_fw.py command too" grep -q "^\$TA_DEV_KIT_DIR/scripts/sign_rproc_fw.py --in .*fw.elf.* --plat-tlv BOOTADDR 0x80000000" \
	"$WORK/run-unsigned-elf/cmds"
# the key OP-TEE trusts is not the one the image is signed with: its private file
case_run wrong-key "$IMG/mp25-good.sig" "$K/other-rsa2048.pem" kit2048 st LOAD_FW ffff3072 signature-key-mismatch st-4.0.0
# OP-TEE >= 4.7's default key is RSA-4096, in its own dev kit
case_run key-size "$IMG/mp15-good.sig" "$K/optee-default-rsa4096.pem" kit4096 upstream LOAD_FW ffff3072 key-size-mismatch upstream-f3
case_run ecdsa-upstream "$IMG/mp15-ecdsa.sig" "$P" kit2048 upstream LOAD_FW ffff000a ecdsa-unsupported upstream-f3

# What re-signing cannot fix is said, and no command is offered for it.
mkdir -p "$WORK/run-flip"
log st LOAD_FW ffff000f 0 >"$WORK/run-flip/kernel.log"
expect_exit "segment-flip: explain" 1 $R explain --json --log "$WORK/run-flip/kernel.log" \
	--firmware "$IMG/mp25-segflip.sig" --ta-key "$P"
check "segment-flip: no fix command, the reason" python3 -c "
import json; d = json.loads(open('$WORK/out').readline())
assert d['cause'] == 'segment-hash-mismatch' and not any('rproc-diag fix ' in s for s in d['remediation']), d['remediation']"
summary
