#!/bin/sh
# tests/guest/kunit/run.sh: inside the test VM, load rproc_diag.ko and the
# KUnit test modules (/modules/*_kunit.ko: the suites run when loaded), print
# their results from debugfs as one KTAP document between KTAP-BEGIN and
# KTAP-END lines (the host parses it with the kernel's kunit.py), unload.
insmod /modules/rproc_diag.ko || exit 1
for m in /modules/*_kunit.ko; do insmod "$m" || exit 1; done
echo KTAP-BEGIN
echo "KTAP version 1"
n=$(ls -d /sys/kernel/debug/kunit/*/ | wc -l)
echo "1..$n"
# each results file is a one-suite KTAP document: drop its header and
# renumber its top-level result line
i=0
for d in /sys/kernel/debug/kunit/*/; do
	i=$((i + 1))
	sed -e "1{/^KTAP version/d}" -e "2{/^1\.\.1$/d}" \
	    -e "s/^ok 1 /ok $i /" -e "s/^not ok 1 /not ok $i /" "$d/results"
done
echo KTAP-END
for m in /modules/*_kunit.ko; do rmmod "$(basename "$m" .ko)" || exit 1; done
rmmod rproc_diag
