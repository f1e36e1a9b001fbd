#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/guest/fuzz/run.sh: hostile input against rproc_diag.ko inside the
# test VM (host side: tests/fuzz/vm-test, normally on the debug kernel):
#  1. crafted worst-case images (tests/fuzz/gen_images.py, in /files/crafted)
#     refused by the simulated ST TA, so that the module's deferred
#     analysis walks each of them: it must finish, with status 0, within
#     ANALYSIS_LIMIT seconds;
#  2. the netlink fuzzer (/files/nlfuzz, tests/fuzz/vm/nlfuzz.c) as root and
#     as uid 65534 while a loop boots and stops the coprocessor;
#  3. the module still records, unloads and loads again; kmemleak scan.
# scripts/vm-run fails the whole run on an oops, KASAN or kmemleak report,
# lockdep splat, WARNING or soft lockup.  Ends with "N passed, N failed".
. /tests/lib/suite.sh
sim=/modules/sim
att=/sys/kernel/debug/rproc_diag/attempts
seed=${NLFUZZ_SEED:-1}
count=${NLFUZZ_COUNT:-4000}
secs=${NLFUZZ_SECONDS:-60}
limit=${ANALYSIS_LIMIT:-60}

dmesg -n 1
last_val() {	# the last boot record's value of KEY
	awk -v k="$1" '/^kind: /{kind=$2} $1==k":"{ if (kind=="boot") v=$2 } END{print v}' "$att"
}
rp() { ls -d /sys/class/remoteproc/remoteproc* 2>/dev/null | head -1; }

check "insmod sim_optee (ST TA)" insmod $sim/sim_optee.ko ta=st
check "insmod rproc_diag" insmod /modules/rproc_diag.ko
check "insmod sim_st_api" insmod $sim/sim_st_api.ko
check "insmod sim_stm32_rproc (mp25)" insmod $sim/sim_stm32_rproc.ko soc=mp25
r=$(rp)
[ -n "$r" ] || { fail "no remoteproc device"; summary; exit 1; }

# --- 1. crafted images through the deferred analysis
for img in /files/crafted/*; do
	[ -f "$img" ] || continue
	name=$(basename "$img")
	cp "$img" "/lib/firmware/$name"
	printf '%s' "$name" > "$r/firmware"
	t0=$(date +%s)
	echo start > "$r/state" 2>/dev/null
	n=0
	while [ "$(last_val analysis)" = pending ] && [ $n -lt $((limit * 10)) ]; do
		sleep 0.1
		n=$((n + 1))
	done
	dt=$(( $(date +%s) - t0 ))
	a=$(last_val analysis) st=$(last_val analysis_status) fw=$(last_val fw_name)
	if [ "$fw" = "$name" ] && [ "$a" = done ] && [ "$st" = 0 ]; then
		ok "crafted $name ($(wc -c < "$img") bytes): analysed in ${dt} s"
	else
		fail "crafted $name: analysis '$a' status '$st' after ${dt} s (record of '$fw')"
	fi
	echo stop > "$r/state" 2>/dev/null
	rm -f "/lib/firmware/$name"
done

# --- 2. the netlink fuzzer while boots run
cp /lib/firmware/rproc-good.sig /lib/firmware/rproc-bad.sig 2>/dev/null &&
	printf 'X' | dd of=/lib/firmware/rproc-bad.sig bs=1 seek=600 conv=notrunc 2>/dev/null
rm -f /tmp/stop-boots
(
	while [ ! -e /tmp/stop-boots ]; do
		printf rproc-good.sig > "$r/firmware"
		echo start > "$r/state" 2>/dev/null
		echo stop > "$r/state" 2>/dev/null
		printf rproc-bad.sig > "$r/firmware"
		echo start > "$r/state" 2>/dev/null
	done
) &
loop=$!
if [ -x /files/nlfuzz ]; then
	/files/nlfuzz "$seed" "$count" "$secs" > /tmp/nlfuzz.out 2>&1
	rc=$?
	cat /tmp/nlfuzz.out
	suite_p=$((suite_p + $(grep -c '^ok' /tmp/nlfuzz.out)))
	suite_f=$((suite_f + $(grep -c '^FAIL' /tmp/nlfuzz.out)))
	[ $rc = 0 ] || grep -q '^FAIL' /tmp/nlfuzz.out || fail "nlfuzz exited $rc"
else
	fail "/files/nlfuzz missing: netlink not fuzzed"
fi
touch /tmp/stop-boots
wait $loop

# --- 3. still working, unloads cleanly, loads again
before=$(grep -c '^seq: ' "$att")
printf rproc-good.sig > "$r/firmware"
echo start > "$r/state" 2>/dev/null
echo stop > "$r/state" 2>/dev/null
check "records still made after fuzzing" test "$(grep -c '^seq: ' "$att")" -gt "$before"
check "rmmod rproc_diag after fuzzing" rmmod rproc_diag
check "insmod rproc_diag again" insmod /modules/rproc_diag.ko
check "rmmod rproc_diag again" rmmod rproc_diag
# (the console checks of vm-run do not see a hung task: read the log here)
check "no soft lockup or hung task in the kernel log" \
	sh -c '! dmesg | grep -E "soft lockup|blocked for more than|rcu_.*detected stall"'
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak
	sleep 1
	echo scan > /sys/kernel/debug/kmemleak
	leaks=$(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak)
	# vm-run reads "kmemleak: N new suspected" from the console
	[ "$leaks" = 0 ] || { echo "kmemleak: $leaks new suspected memory leaks"; cat /sys/kernel/debug/kmemleak | head -40; }
	check "kmemleak: no unreferenced object" test "$leaks" = 0
else
	skip "kmemleak scan" "not the debug kernel"
fi
summary
