#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/guest/kmod/bench.sh PAIRS [listener]: boot-path overhead of rproc_diag.ko in
# the test VM (host side: tests/bench/kmod-overhead).  A cycle is "start" +
# "stop" of /lib/firmware/bench.sig on the simulated ST stack, timed by
# kernel log timestamps around it.  Each pair runs one cycle without and one
# with the module, in alternating order, so that load on the host (TCG runs
# in wall-clock time) hits both alike.  Prints "cycle MODE USEC" lines.
pairs=${1:-30}
listener=${2:-}
sim=/modules/sim
dmesg -n 1
insmod $sim/sim_optee.ko ta=st || exit 1
insmod $sim/sim_st_api.ko || exit 1
insmod $sim/sim_stm32_rproc.ko soc=mp25 || exit 1
r=$(ls -d /sys/class/remoteproc/remoteproc* | head -1)
printf bench.sig > "$r/firmware"
echo start > "$r/state" && echo stop > "$r/state" || exit 1	# warm-up

cycle() {	# cycle MODE INDEX
	echo "bench-begin $1 $2" > /dev/kmsg
	echo start > "$r/state" || exit 1
	echo stop > "$r/state" || exit 1
	echo "bench-end $1 $2" > /dev/kmsg
}
# block MODE: a warm-up cycle (not timed: loading or unloading the module
# patches kernel text, which TCG retranslates), then BLOCK timed cycles
block() {
	echo start > "$r/state" && echo stop > "$r/state" || exit 1
	j=0
	while [ $j -lt $blk ]; do
		cycle "$1" $n
		n=$((n + 1)); j=$((j + 1))
	done
}
blk=5
dmesg -c > /dev/null
n=0
i=0
while [ $i -lt $(((pairs + blk - 1) / blk)) ]; do
	block without
	insmod /modules/rproc_diag.ko || exit 1
	if [ "$listener" = listener ]; then
		/files/nlcheck listen 3600 > /dev/null & l=$!
		sleep 1
	fi
	block with
	[ "$listener" = listener ] && { kill $l; wait $l; }
	rmmod rproc_diag || exit 1
	i=$((i + 1))
done
dmesg | awk '
	function ts() { return substr($0, 2, index($0, "]") - 2) + 0 }
	/bench-begin/ { b[$(NF - 1) " " $NF] = ts() }
	/bench-end/ { printf "cycle %s %d\n", $(NF - 1),
		      (ts() - b[$(NF - 1) " " $NF]) * 1000000 }'
rmmod sim_stm32_rproc sim_st_api sim_optee
