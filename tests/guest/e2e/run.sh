#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# tests/guest/e2e/run.sh MANIFEST: run end-to-end scenarios inside the test
# VM (scripts/e2e writes MANIFEST and parses what this prints).
#
# MANIFEST, key=value words (tests/e2e/runner/guest.py):
#   scenario name=NAME ta=TA soc=SOC api=API enum=0|1 fw=FIRMWARE key=KEY
#            mem=MEMORY optee=K=V,K=V... plat=K=V,... actions=ACTION,ACTION...
# (FIRMWARE and KEY are names under /lib/firmware, MEMORY "-" for the
# default, OPTEE and PLAT "-" or more sim_optee / platform driver parameters, ACTION start, stop, none
# or start:FIRMWARE), and ground-truth rows replayed straight to the TA
# through sim_ta_client.ko (the kernel's TEE client API):
#   row name=N ta=TA rproc=ID key=KEY mem=MEMORY optee=...
#   step CMD [IMAGE]        CMD: load start stop get_rsc release coredump
#   ...                          close open
#   end  Each scenario runs twice: pass 0 without rproc_diag.ko, pass 1
# with it, each time with freshly loaded simulator modules.  The results are
# collected in a file and printed at the end between @@E2E-OUTPUT markers so
# kernel console lines cannot split them.
manifest=$1
out=/tmp/e2e.out
sim=/modules/sim
dbg=/sys/kernel/debug
mark=0
: > "$out"

# Keep kernel messages off the console; they are collected per scenario.
dmesg -n 1

emit() { echo "$*" >> "$out"; }

newmark() {
	mark=$((mark + 1))
	echo "e2e-mark $mark" > /dev/kmsg
}

since_mark() { dmesg | sed -n "/e2e-mark $1\$/,\$p" | sed 1d; }

simlog() {
	emit "@@ simlog $1"
	cat $dbg/sim_optee/log >> "$out" 2>/dev/null
	echo > $dbg/sim_optee/log 2>/dev/null
}

# api_modules API: the simulated kernel API of a scenario's `api` (tests/sim):
# its TEE-client module and the platform driver built against it.
api_modules() {
	case "$1" in
	st) tee=sim_st_api plat=sim_stm32_rproc ;;
	upstream) tee=sim_upstream_api plat=sim_stm32_rproc_upstream ;;
	*) return 1 ;;
	esac
}

run_one() {
	pass=$1
	emit "@@ begin $name $pass"
	newmark
	first=$mark
	args="ta=$ta ta_enumerated=$enum key=$key"
	[ "$mem" != - ] && args="$args memory=$mem"
	[ "$optee" != - ] && args="$args $(echo "$optee" | tr , ' ')"
	if ! api_modules "$api"; then
		emit "error unknown api $api"
		emit "@@ end"
		return
	fi
	# shellcheck disable=SC2086 # $args is a list of parameters
	if ! insmod $sim/sim_optee.ko $args 2>>"$out"; then
		emit "error insmod sim_optee $args"
		since_mark "$first" >> "$out"
		emit "@@ end"
		return
	fi
	insmod "$sim/$tee.ko" || emit "error insmod $tee"
	diag=0
	if [ "$pass" = 1 ]; then
		if [ -f /modules/rproc_diag.ko ]; then
			if insmod /modules/rproc_diag.ko 2>>"$out"; then
				diag=1
			else
				emit "error insmod rproc_diag"
			fi
		else
			emit "nodiag"
		fi
	fi
	platargs="soc=$soc"
	[ "$platopt" != - ] && platargs="$platargs $(echo "$platopt" | tr , ' ')"
	# shellcheck disable=SC2086 # $platargs is a list of parameters
	insmod "$sim/$plat.ko" $platargs || emit "error insmod $plat"
	emit "probe $(cat /sys/module/"$plat"/parameters/last_probe_ret)"
	simlog probe
	rp=
	for d in /sys/class/remoteproc/remoteproc*; do
		[ -e "$d" ] && rp=$d && break
	done
	if [ -n "$rp" ]; then
		emit "rproc name=$(cat "$rp/name") fw_format=$(cat "$rp/fw_format" 2>/dev/null || echo absent)"
		printf '%s' "$fw" > "$rp/firmware"
		n=0
		for a in $(echo "$actions" | tr , ' '); do
			n=$((n + 1))
			case "$a" in
			start|start:*)
				case "$a" in
				start:*) printf '%s' "${a#start:}" > "$rp/firmware" ;;
				esac
				newmark
				echo start > "$rp/state" 2>/dev/null
				b=$(since_mark $mark | grep -o 'Boot failed: -[0-9]*' | tail -1)
				b=${b#Boot failed: }
				emit "action $n start boot=${b:-0} state=$(cat "$rp/state")"
				;;
			stop)
				rc=0
				printf 'stop\n' > "$rp/state" 2>/dev/null || rc=$?
				emit "action $n stop rc=$rc state=$(cat "$rp/state")"
				;;
			none) emit "action $n none" ;;
			*) emit "error unknown action $a" ;;
			esac
			simlog "action $n"
		done
	fi
	emit "@@ console"
	cat $dbg/sim_optee/console >> "$out" 2>/dev/null
	if [ "$diag" = 1 ]; then
		emit "@@ attempts"
		cat $dbg/rproc_diag/attempts >> "$out" 2>&1
		# The daemon diagnoses the attempt the scenario is about: the
		# last boot, or the register call when nothing was started.
		want=register
		case ",$actions," in *,start,* | *,start:*) want=boot ;; esac
		seq=$(awk -v want=$want '/^seq: /{s=$2} /^kind: /{if ($2 == want) t=s} END{print t}' \
			$dbg/rproc_diag/attempts)
		emit "@@ watch $want ${seq:-none}"
		if ! command -v rproc-diag > /dev/null; then
			emit "@@ watch_rc 127"
		elif [ -n "$seq" ]; then
			timeout 60 rproc-diag watch --json --once --since "$seq" --timeout 30 \
				--ta-key "/lib/firmware/$key" >> "$out" 2>/tmp/watch.err
			rc=$?
			sed 's/^/stderr: /' /tmp/watch.err >> "$out"
			emit "@@ watch_rc $rc"
		fi
	fi
	if [ -n "$rp" ] && [ "$(cat "$rp/state")" = running ]; then
		echo stop > "$rp/state" 2>/dev/null
	fi
	rmmod "$plat" || emit "error rmmod $plat"
	[ "$diag" = 1 ] && { rmmod rproc_diag || emit "error rmmod rproc_diag"; }
	rmmod "$tee" || emit "error rmmod $tee"
	rmmod sim_optee || emit "error rmmod sim_optee"
	emit "@@ dmesg"
	since_mark "$first" >> "$out"
	emit "@@ end"
}

# read_job WORD...: set the job's variables from its key=value words.
read_job() {
	name='' ta='' soc='' api='' enum='' fw='' key='' mem=- optee=- platopt=- actions=''
	rproc=''
	for kv in "$@"; do
		v=${kv#*=}
		case "$kv" in
		name=*) name=$v ;;
		ta=*) ta=$v ;;
		soc=*) soc=$v ;;
		api=*) api=$v ;;
		enum=*) enum=$v ;;
		fw=*) fw=$v ;;
		key=*) key=$v ;;
		mem=*) mem=$v ;;
		optee=*) optee=$v ;;
		plat=*) platopt=$v ;;
		actions=*) actions=$v ;;
		rproc=*) rproc=$v ;;
		*) echo "e2e: unknown manifest field \`$kv'" >&2; return 1 ;;
		esac
	done
}

# Replay of one ground-truth row: a fresh OP-TEE (TA and PTA state) per row.
client=$dbg/sim_ta_client
row_result() {	# label
	r=$(cat $client/cmd 2>&1)
	emit "result $1 $r"
}

row_begin() {
	emit "@@ row $name"
	row_ok=0
	args="ta=$ta key=$key"
	[ "$mem" != - ] && args="$args memory=$mem"
	[ "$optee" != - ] && args="$args $(echo "$optee" | tr , ' ')"
	# shellcheck disable=SC2086 # $args is a list of parameters
	if ! insmod $sim/sim_optee.ko $args 2>>"$out"; then
		emit "error insmod sim_optee $args"
		return
	fi
	if ! insmod $sim/sim_ta_client.ko 2>>"$out"; then
		emit "error insmod sim_ta_client"
		rmmod sim_optee
		return
	fi
	row_ok=1
	row_send "open $rproc"
}

row_send() {	# COMMAND: send it, report its result
	if echo "$1" > $client/cmd; then
		row_result "${1%% *}"
	else
		emit "result ${1%% *} error the client refused the command"
	fi
}

row_step() {	# CMD [IMAGE]
	[ "$row_ok" = 1 ] || return
	case "$1" in
	load) cat "/lib/firmware/$2" > $client/image || emit "error image $2" ;;
	open) set -- "open $rproc" ;;
	esac
	row_send "$1"
}

row_end() {
	if [ "$row_ok" = 1 ]; then
		emit "@@ console"
		cat $dbg/sim_optee/console >> "$out" 2>/dev/null
		rmmod sim_ta_client || emit "error rmmod sim_ta_client"
		rmmod sim_optee || emit "error rmmod sim_optee"
	fi
	emit "@@ end"
}

while read -r tag rest; do
	case "$tag" in
	scenario)
		# shellcheck disable=SC2086 # the fields are space-separated words
		if ! read_job $rest; then
			emit "@@ begin ${name:-unknown} 0"
			emit "error manifest: $rest"
			emit "@@ end"
			continue
		fi
		run_one 0 < /dev/null
		run_one 1 < /dev/null
		;;
	row)
		# shellcheck disable=SC2086
		read_job $rest || { emit "@@ row ${name:-unknown}"; emit "error manifest: $rest"; row_ok=0; continue; }
		row_begin < /dev/null
		;;
	step)
		# shellcheck disable=SC2086
		row_step $rest < /dev/null
		;;
	end) row_end < /dev/null ;;
	esac
done < "$manifest"

echo "@@E2E-OUTPUT-BEGIN"
cat "$out"
echo "@@E2E-OUTPUT-END"
