#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/guest/dist/run.sh: in the test VM, what tests/dist/vm checks on the
# host: the versions the tool and the module's GET_STATUS report, and
# `rproc-diag status --format prometheus` after a good and a failed boot on
# the simulated STM32MP25 stack (images from tests/e2e/mkimage.py in
# /lib/firmware/d).  Prints sections between "=== NAME" lines.
sim=/modules/sim
rp=/sys/class/remoteproc/remoteproc0
dmesg -n 1
echo "=== version"
rproc-diag --version
echo "=== status-nomodule"
rproc-diag status --format prometheus
echo "exit $?"
insmod $sim/sim_optee.ko ta=st ta_enumerated=yes key=d/keys/optee-default-rsa2048.pem &&
insmod $sim/sim_st_api.ko &&
insmod /modules/rproc_diag.ko &&
insmod $sim/sim_stm32_rproc.ko soc=mp25 || echo "stack failed to load"
echo "=== status-json"
rproc-diag status --json
printf d/mp25-good.sig > $rp/firmware
echo start > $rp/state
echo stop > $rp/state
printf d/mp25-truncated.sig > $rp/firmware
echo start > $rp/state 2>/dev/null
printf d/mp25-truncated.sig > $rp/firmware
echo start > $rp/state 2>/dev/null
sleep 1
echo "=== prometheus"
rproc-diag status --format prometheus
echo "exit $?"
echo "=== end"
