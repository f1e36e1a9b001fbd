#!/bin/sh
# Guest side of `make demo` (scripts/demo): an emulated STM32MP257 whose
# OP-TEE trusts the OP-TEE default RSA-2048 development key, the real
# rproc_diag.ko watching, and three attempts to start the Cortex-M33.
set -u
sim=/modules/sim
fw=/sys/class/remoteproc/remoteproc0
say() { printf '\n\033[1m### %s\033[0m\n' "$*"; }

dmesg -n 1
insmod $sim/sim_optee.ko ta=st key=demo/optee-key.pem || exit 1
insmod $sim/sim_st_api.ko || exit 1
insmod /modules/rproc_diag.ko || exit 1
insmod $sim/sim_stm32_rproc.ko soc=mp25 || exit 1

say "rproc-diag status: the board's remoteproc/TEE stack"
rproc-diag status

say "rproc-diag watch is running; now three attempts to boot the M33"
rproc-diag watch --ta-key /lib/firmware/demo/optee-key.pem >> /tmp/watch.log 2>&1 &
watch=$!
sleep 1

attempt() {
	say "$1"
	printf '%s' "$2" > $fw/firmware
	echo "# echo start > $fw/state"
	if echo start > $fw/state 2>/dev/null; then
		echo "state: $(cat $fw/state)"
	else
		dmesg | grep -E 'invoke failed|Boot failed' | tail -2
	fi
	sleep 2
	cat /tmp/watch.log
	: > /tmp/watch.log
	[ "$(cat $fw/state)" = running ] && echo stop > $fw/state
}

attempt "1) an image made by an old ST signing script (legacy format)" demo/fw-legacy.sig
attempt "2) the right image, but truncated during the copy to the board" demo/fw-truncated.sig
attempt "3) the same image copied again, intact" demo/fw.sig

kill $watch 2>/dev/null
echo stop > $fw/state 2>/dev/null
rmmod sim_stm32_rproc rproc_diag sim_st_api sim_optee
exit 0
