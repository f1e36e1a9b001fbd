#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/guest/kmod/run.sh: rproc_diag.ko against the simulated ST and
# upstream TEE remoteproc stacks, inside the test VM (host side:
# kmod/tests/vm-test).  Reads the records back from debugfs.
#
# Expects in /lib/firmware: rproc-good.sig (F3, ST platform TLVs, BOOTADDR,
# signed with sim-optee/rproc-key.pem).  Ends with "N passed, N failed".
sim=/modules/sim
dbg=/sys/kernel/debug
att=$dbg/rproc_diag/attempts
hooks=$dbg/rproc_diag/hooks
. /tests/lib/suite.sh

# last_block KIND: the newest record of that kind, as "key: value" lines
last_block() {
	awk -v k="$1" '
		/^seq: / { blk = ""; }
		{ blk = blk $0 "\n"; }
		/^kind: / { kind = $2; }
		/^$/ { if (kind == k) last = blk; kind = ""; }
		END { printf "%s", last; }' "$att"
}
# val BLOCK KEY: first value of KEY in BLOCK
val() { printf '%s' "$1" | sed -n "s/^$2: //p" | head -1; }
# nl ARGS: run the raw-netlink checker (kmod/tests/nlcheck.c), count its lines
nl() {
	if [ ! -x /files/nlcheck ]; then
		fail "/files/nlcheck missing: netlink protocol not checked"
		return
	fi
	out=$(/files/nlcheck "$@" 2>&1)
	echo "$out"
	suite_p=$((suite_p + $(printf '%s\n' "$out" | grep -c '^ok')))
	suite_f=$((suite_f + $(printf '%s\n' "$out" | grep -c '^FAIL')))
}
hook_attached() { grep -q "^$1 $2 attached=1 " "$hooks"; }

dmesg -n 1
rp() { ls -d /sys/class/remoteproc/remoteproc* 2>/dev/null | head -1; }

cp /lib/firmware/rproc-good.sig /lib/firmware/rproc-trunc.sig
size=$(wc -c < /lib/firmware/rproc-good.sig)
head -c $((size - 8)) /lib/firmware/rproc-good.sig > /lib/firmware/rproc-trunc.sig

# --- ST downstream API; rproc_diag loaded before the driver module: the
# module notifier must attach the TEE driver hooks when it comes.
insmod $sim/sim_optee.ko ta=st || fail "insmod sim_optee"
insmod /modules/rproc_diag.ko || fail "insmod rproc_diag"
check "core hook rproc_boot attached" hook_attached boot rproc_boot
check "TEE hook tee_client_invoke_func attached" \
	hook_attached invoke tee_client_invoke_func
check "ST load_fw not attached before its module" \
	sh -c "! grep -q '^load_fw tee_rproc_load_fw attached=1' $hooks"
insmod $sim/sim_st_api.ko || fail "insmod sim_st_api"
check "module notifier attached tee_rproc_load_fw" \
	hook_attached load_fw tee_rproc_load_fw
check "module notifier attached rproc_tee_get_rsc_table" \
	hook_attached get_rsc_table rproc_tee_get_rsc_table
insmod $sim/sim_stm32_rproc.ko soc=mp25 || fail "insmod sim_stm32_rproc"

b=$(last_block register)
check "register record: api st" test "$(val "$b" api)" = st
check "register record: returned 0" test "$(val "$b" boot_ret)" = 0
check "register record: session opened (TEE success)" \
	sh -c "printf '%s' '$b' | grep -q '^session: ret=0x00000000 name=SUCCESS origin='"

r=$(rp)
check "remoteproc device present" test -n "$r"
printf rproc-good.sig > "$r/firmware"
echo start > "$r/state"
b=$(last_block boot)
check "good boot: boot_ret 0" test "$(val "$b" boot_ret)" = 0
check "good boot: firmware name" test "$(val "$b" fw_name)" = rproc-good.sig
check "good boot: rproc name" test -n "$(val "$b" rproc_name)"
check "good boot: fw_size" test "$(val "$b" fw_size)" = "$size"
cmds=$(printf '%s' "$b" | sed -n 's/^ta_cmd: func=\([A-Z_]*\) ret=\(0x[0-9a-f]*\).*/\1=\2/p' | tr '\n' ' ')
check "good boot: TA commands in order ($cmds)" \
	test "$cmds" = "LOAD_FW=0x00000000 GET_RSC_TABLE=0x00000000 START_FW=0x00000000 "
check "good boot: image summary f3" test "$(val "$b" image_format)" = f3
check "good boot: BOOTADDR from the TLV" \
	test "$(val "$b" image_bootaddr)" = 0x80000000
check "good boot: PKEYINFO fingerprint" \
	test "$(val "$b" image_pkey_sha256 | wc -c)" = 65
check "good boot: no analysis (LOAD passed)" test "$(val "$b" analysis)" = none

echo stop > "$r/state"
b=$(last_block shutdown)
check "shutdown record: STOP_FW ok" \
	sh -c "printf '%s' '$b' | grep -q '^ta_cmd: func=STOP_FW ret=0x00000000'"

printf rproc-trunc.sig > "$r/firmware"
echo start > "$r/state" 2>/dev/null
b=$(last_block boot)
check "truncated: boot_ret -5" test "$(val "$b" boot_ret)" = -5
check "truncated: LOAD_FW BAD_PARAMETERS" \
	test "$(val "$b" ta_command) $(val "$b" ta_result)" = "LOAD_FW 0xffff0006"
check "truncated: origin TA" \
	sh -c "printf '%s' '$b' | grep -q 'name=BAD_PARAMETERS origin=TA'"
check "truncated: image damaged" test "$(val "$b" image_format)" = damaged
# deferred analysis: wait for the work item
n=0
while [ "$(val "$(last_block boot)" analysis)" = pending ] && [ $n -lt 50 ]; do
	sleep 0.1; n=$((n + 1))
done
b=$(last_block boot)
check "truncated: analysis done" test "$(val "$b" analysis)" = done
check "truncated: analysis status 0" test "$(val "$b" analysis_status)" = 0
check "truncated: finding names 8 missing bytes" \
	sh -c "printf '%s' '$b' | grep -q '^finding: code=1 .*value=8 '"
check "truncated: the file is the image the TEE got (no IMAGE_CHANGED)" \
	sh -c "! printf '%s' '$b' | grep -q '^finding: code=22 '"

# missing firmware: request_firmware fails before the TEE is asked
printf no-such-file.sig > "$r/firmware"
echo start > "$r/state" 2>/dev/null
b=$(last_block boot)
check "missing firmware: boot_ret -2, no TA command" \
	test "$(val "$b" boot_ret) $(val "$b" ta_command)" = "-2 none"

# netlink, through the daemon's client: GET_STATUS and the event group
if command -v rproc-diag > /dev/null; then
	rproc-diag status --json > /tmp/status.json 2>&1
	check "netlink GET_STATUS lists the ST hooks" \
		grep -q tee_rproc_load_fw /tmp/status.json
	# --since the next sequence number: the attempt is reported whether
	# it arrives as an event or is already in the ring when watch has
	# started (its start-up takes over a second under TCG on 32-bit Arm);
	# the raw event path is checked with nlcheck below
	next=$(( $(sed -n 's/^seq: //p' "$att" | tail -1) + 1 ))
	timeout 60 rproc-diag watch --json --once --since $next --timeout 30 > /tmp/watch.json 2>&1 &
	w=$!
	sleep 1
	printf rproc-trunc.sig > "$r/firmware"
	echo start > "$r/state" 2>/dev/null
	wait $w
	check "watch --once: the next attempt, boot_ret -5" grep -Eq '"boot_ret": ?-5' /tmp/watch.json
	check "watch --once: LOAD_FW 0xffff0006" \
		grep -Eq '"ta_result": ?"0xffff0006"' /tmp/watch.json
	timeout 60 rproc-diag watch --json --once --since 1 --timeout 30 > /tmp/dump.json 2>&1
	check "netlink dump from seq 1: the first boot (seq 2, boot_ret 0)" \
		grep -Eq '"seq": ?2,.*"boot_ret": ?0,' /tmp/dump.json
	# the key fingerprint is the SHA-256 of the DER SubjectPublicKeyInfo
	# of optee-default-rsa2048.pem (fixtures README)
	check "netlink dump: PKEYINFO fingerprint of the OP-TEE default key" \
		grep -q '"pkey_sha256": *"3a21983aeeda3a503f4d3de2ff6fedbaa8b4389ab6ef7261cbdb1de85434fcc3"' /tmp/dump.json
else
	fail "rproc-diag not in the VM: netlink not checked"
fi

# netlink events, raw client: ATTEMPT then ANALYSIS for a failed LOAD
printf rproc-trunc.sig > "$r/firmware"
nl events "$r/state"

# unload the driver modules under the observer: hooks detach cleanly
rmmod sim_stm32_rproc || fail "rmmod sim_stm32_rproc"
rmmod sim_st_api || fail "rmmod sim_st_api"
check "hooks detached when the driver module left" \
	sh -c "grep '^load_fw tee_rproc_load_fw' $hooks | grep -q attached=0"
seqs=$(sed -n 's/^seq: //p' "$att" | tr '\n' ' ')
check "sequence numbers 1..N without gaps ($seqs)" \
	sh -c "i=1; for s in $seqs; do [ \$s = \$i ] || exit 1; i=\$((i + 1)); done"
# netlink protocol, raw client: replies, dumps, strict policies, CLEAR,
# permissions (it drops to uid 65534 at the end)
nl protocol
rmmod rproc_diag || fail "rmmod rproc_diag"
rmmod sim_optee || fail "rmmod sim_optee"

# --- upstream series API, rproc_diag loaded first as well
insmod $sim/sim_optee.ko ta=upstream memory=0x80000000+0x100000,0x80100000+0x100000 ||
	fail "insmod sim_optee upstream"
insmod /modules/rproc_diag.ko analyze_always=1 || fail "insmod rproc_diag"
insmod $sim/sim_upstream_api.ko || fail "insmod sim_upstream_api"
check "upstream hooks attached" hook_attached load_fw rproc_tee_load_fw
insmod $sim/sim_stm32_rproc_upstream.ko soc=mp15 || fail "insmod sim_stm32_rproc_upstream"
r=$(rp)
printf rproc-up.sig > "$r/firmware"
echo start > "$r/state" 2>/dev/null
b=$(last_block boot)
check "upstream boot: api upstream" test "$(val "$b" api)" = upstream
check "upstream boot: boot_ret 0" test "$(val "$b" boot_ret)" = 0
cmds=$(printf '%s' "$b" | sed -n 's/^ta_cmd: func=\([A-Z_]*\) ret=\(0x[0-9a-f]*\).*/\1=\2/p' | tr '\n' ' ')
check "upstream boot: parse (LOAD+RSC), load, start ($cmds)" \
	test "$cmds" = "LOAD_FW=0x00000000 GET_RSC_TABLE=0x00000000 LOAD_FW=0x00000000 START_FW=0x00000000 "
n=0
while [ "$(val "$(last_block boot)" analysis)" = pending ] && [ $n -lt 50 ]; do
	sleep 0.1; n=$((n + 1))
done
check "upstream boot: analyze_always ran the analysis" \
	test "$(val "$(last_block boot)" analysis)" = done

# unload while the observer is busy: start/stop in the background
(i=0; while [ $i -lt 20 ]; do
	echo stop > "$r/state" 2>/dev/null; echo start > "$r/state" 2>/dev/null
	i=$((i + 1)); done) &
bg=$!
sleep 0.2
check "rmmod rproc_diag while boots run" rmmod rproc_diag
wait $bg
echo stop > "$r/state" 2>/dev/null

# bounded memory: a ring of 2 keeps the newest two records
check "ring_size=0 is refused" sh -c "! insmod /modules/rproc_diag.ko ring_size=0 2>/dev/null"
insmod /modules/rproc_diag.ko ring_size=2 || fail "insmod rproc_diag ring_size=2"
for i in 1 2 3; do
	echo start > "$r/state" 2>/dev/null; echo stop > "$r/state" 2>/dev/null
done
seqs=$(sed -n 's/^seq: //p' "$att" | tr '\n' ' ')
check "ring_size=2 keeps the newest two of six records ($seqs)" test "$seqs" = "5 6 "
rmmod rproc_diag || fail "rmmod rproc_diag ring_size=2"
rmmod sim_stm32_rproc_upstream || fail "rmmod sim_stm32_rproc_upstream"
rmmod sim_upstream_api || fail "rmmod sim_upstream_api"
rmmod sim_optee || fail "rmmod sim_optee"

summary
