#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/guest/daemon/run.sh: `rproc-diag watch` and `status` inside the test
# VM against the simulated STM32MP25 TEE remoteproc stack (tests/sim):
# messages without the module, status health check, live diagnosis,
# survival of a module unload/reload, and resynchronisation after a socket
# overrun (ENOBUFS provoked with a 1-byte receive buffer).
#
# Host side (images from tests/e2e/mkimage.py, as scripts/e2e builds them):
#   python3 tests/e2e/mkimage.py recipes build/e2e/images tests/fixtures
#   scripts/vm-run --dtbo dts/stm32mp-rproc-sim.dtso \
#       --file build/e2e/images:/lib/firmware/d -- sh /tests/daemon/run.sh
# Ends with the summary line of tests/lib/suite.sh; exit status 0 when
# nothing failed.
sim=/modules/sim
rp=/sys/class/remoteproc/remoteproc0
key=d/keys/optee-default-rsa2048.pem
. /tests/lib/suite.sh
# check NAME 'SHELL CONDITION'
check_eval() { if eval "$2"; then ok "$1"; else fail "$1"; fi; }
dmesg -n 1

stack_up() {	# $1: ta_enumerated
	insmod $sim/sim_optee.ko ta=st ta_enumerated=$1 key=$key &&
	insmod $sim/sim_st_api.ko &&
	insmod /modules/rproc_diag.ko &&
	insmod $sim/sim_stm32_rproc.ko soc=mp25
}

stack_down() {
	[ -e $rp/state ] && [ "$(cat $rp/state)" = running ] && echo stop > $rp/state
	rmmod sim_stm32_rproc rproc_diag sim_st_api sim_optee 2>/dev/null
}

# --- without the module
rproc-diag watch --once --timeout 2 2>/tmp/err >/dev/null
rc=$?
check_eval "watch without module exits 69" '[ $rc = 69 ]'
check_eval "watch without module says modprobe" 'grep -q "modprobe rproc_diag" /tmp/err'
rproc-diag status >/tmp/out 2>&1
check_eval "status without module exits 69" '[ $? = 69 ]'

# --- healthy stack
stack_up yes || fail "simulated stack loads"
# joining the events group needs CAP_NET_ADMIN: a clear message, exit 77
grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> /etc/passwd
if su -s /bin/sh nobody -c true 2>/dev/null; then
	su -s /bin/sh nobody -c 'rproc-diag watch --once --timeout 2' >/dev/null 2>/tmp/err
	rc=$?
	check_eval "watch as nobody exits 77 (got $rc)" '[ $rc = 77 ]'
	check_eval "watch as nobody says CAP_NET_ADMIN" 'grep -q CAP_NET_ADMIN /tmp/err'
else
	echo "skip watch as nobody: cannot switch user in this VM"
fi
printf d/mp25-good.sig > $rp/firmware
rproc-diag status --json > /tmp/st.json
rc=$?
check_eval "status healthy (exit $rc)" '[ $rc = 0 ] && grep -q "\"healthy\":true" /tmp/st.json'
check_eval "status sees the TA" 'grep -q "\"ta\":{\"present\":true" /tmp/st.json'
check_eval "status finds the firmware file" 'grep -q "\"found\":true" /tmp/st.json'

rproc-diag watch --json > /tmp/w.json 2>/tmp/w.err &
wpid=$!
sleep 1
echo start > $rp/state
echo stop > $rp/state
printf d/mp25-truncated.sig > $rp/firmware
echo start > $rp/state 2>/dev/null
sleep 2
check_eval "watch: good boot diagnosed ok" 'grep "\"kind\":\"boot\"" /tmp/w.json | head -1 | grep -q "\"cause\":\"ok\""'
check_eval "watch: truncated image diagnosed" 'grep -q "\"cause\":\"truncated-image\"" /tmp/w.json'
rproc-diag status --json > /tmp/st2.json
rc=$?
check_eval "status after a failed boot exits 1 (got $rc)" '[ $rc = 1 ]'
check_eval "status shows the last attempt's cause" 'grep -q "\"last_attempt\":{[^}]*\"cause\":\"truncated-image\"" /tmp/st2.json'

# --- module unload / reload
rmmod rproc_diag
sleep 1
insmod /modules/rproc_diag.ko
sleep 1
echo start > $rp/state 2>/dev/null
sleep 2
check_eval "watch: reports the unload" 'grep -q "\"type\":\"module\".*unloaded" /tmp/w.json'
check_eval "watch: resubscribes after reload" 'grep -q "\"type\":\"module\".*loaded again" /tmp/w.json'
check_eval "watch: diagnoses after reload" '[ "$(grep -c "\"cause\":\"truncated-image\"" /tmp/w.json)" -ge 2 ]'
# --- device monitoring: the remote processor goes away and comes back
rmmod sim_stm32_rproc
sleep 1
insmod $sim/sim_stm32_rproc.ko soc=mp25
sleep 1
check_eval "watch: remoteproc removal logged" 'grep -q "\"type\":\"device\",\"action\":\"remove\",\"subsystem\":\"remoteproc\"" /tmp/w.json'
check_eval "watch: remoteproc addition logged" 'grep -q "\"type\":\"device\",\"action\":\"add\",\"subsystem\":\"remoteproc\"" /tmp/w.json'
printf d/mp25-truncated.sig > $rp/firmware
kill $wpid
wait $wpid 2>/dev/null

# --- overrun: stop the reader, flood, resume
RPROC_DIAG_EVENT_RCVBUF=1 rproc-diag watch --json > /tmp/o.json 2>/tmp/o.err &
wpid=$!
sleep 1
kill -STOP $wpid
i=0
while [ $i -lt 40 ]; do echo start > $rp/state 2>/dev/null; i=$((i + 1)); done
kill -CONT $wpid
sleep 3
kill $wpid
wait $wpid 2>/dev/null
check_eval "overrun reported" 'grep -q "\"type\":\"lost\"" /tmp/o.json'
n=$(grep -c "\"type\":\"attempt\"" /tmp/o.json)
check_eval "overrun: ring re-read ($n attempts)" '[ "$n" -ge 30 ]'
check_eval "overrun: overwritten records counted" 'grep "\"type\":\"lost\"" /tmp/o.json | grep -q "already overwritten"'
stack_down

# --- OP-TEE without the remoteproc TA ("opteemin")
stack_up no
rproc-diag status > /tmp/st.txt 2>&1
rc=$?
check_eval "status without TA exits 1" '[ $rc = 1 ]'
check_eval "status without TA names opteemin" 'grep -q opteemin /tmp/st.txt'
seq=$(awk '/^seq: /{s=$2} /^kind: register/{t=s} END{print t}' /sys/kernel/debug/rproc_diag/attempts)
rproc-diag watch --json --once --since "${seq:-0}" --timeout 10 > /tmp/once.json
check_eval "watch --once: ta-not-present" 'grep -q "\"cause\":\"ta-not-present\"" /tmp/once.json'
stack_down

for x in /tmp/w.err /tmp/o.err; do
	if grep -qi "sanitizer\|segfault" $x; then fail "no crash in $x"; fi
done
summary
