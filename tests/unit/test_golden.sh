#!/bin/sh
# Golden-output regression test of the rproc-diag CLI: every command's text
# and --json output (stdout, stderr and exit status) on every committed
# fixture and on damaged copies made here, compared byte for byte with
# tests/unit/golden/cli/*.txt.  A refactoring must keep these identical; a change
# of behaviour regenerates them (UPDATE_GOLDEN=1 tests/unit/run test_golden)
# and the diff of the golden files is part of the commit that makes it.
#
# One result line per golden file (tests/lib/suite.sh).
# Environment (set by tests/unit/run): RPROC_DIAG, FIXTURES, WORK.
set -u
: "${RPROC_DIAG:?}" "${FIXTURES:?}" "${WORK:?}"
top=$(cd "$(dirname "$0")/../.." && pwd)
GOLDEN=$top/tests/unit/golden/cli
R=$RPROC_DIAG
. "$top/tests/lib/suite.sh"
rm -rf "$WORK"
mkdir -p "$WORK/in" "$WORK/out"

# ---- inputs (shared with test_diag.c): fixtures and damaged copies --------
"$top/tests/unit/golden-inputs" "$FIXTURES" "$WORK/in" ||
	{ fail "golden: making the inputs failed"; summary; exit 1; }
cd "$WORK/in" || exit 1

# ---- runner ----------------------------------------------------------------
cur=
group() { cur=$WORK/out/$1.txt; : >"$cur"; }
# run ARGS...: "$ rproc-diag ARGS", stdout, stderr lines prefixed, exit status
run() {
	printf '$ rproc-diag %s\n' "$*" >>"$cur"
	"$R" "$@" >"$WORK/o" 2>"$WORK/e"
	rc=$?
	cat "$WORK/o" >>"$cur"
	sed 's/^/stderr: /' "$WORK/e" >>"$cur"
	printf '[exit %d]\n\n' "$rc" >>"$cur"
}

PKH=8ba5f51d45e48be05f638c10ac9034a2c394ec133d1237fa67133029391e6d40

for f in f3_upstream_rsa2048.sig f3_st400_mp25_bootaddr.sig f1_st_legacy.sig f2_mp25beta.sig \
	 fw.elf fw_b.elf f3-truncated.sig f3-appended.sig f3-bad-magic.sig f3-bad-version.sig \
	 f3-segment-flip.sig f3-no-signtype.sig f3-ecdsa-type.sig f3-resigned.sig \
	 empty.bin short.bin text.txt elf-header-only.elf; do
	group "inspect-$f"
	run inspect "$f"
	run inspect --json "$f"
	run inspect --verbose "$f"
	run inspect --no-builtin-keys --json "$f"
	run inspect --ta-key keys/optee-default-rsa2048.pem "$f"
	run inspect --ta-key keys/optee-default-rsa4096.pem --json "$f"
	run inspect --key keys/st-default-rproc-rsa2048.pem --no-builtin-keys "$f"
	run inspect --keyring ring --json "$f"
	run inspect --otp-rproc-pkh "$PKH" "$f"
	run inspect --otp-rproc-pkh "$PKH" --json "$f"
done

group inspect-other-formats
for f in fmt/*; do
	run inspect "$f"
	run inspect --json "$f"
done
run inspect --verbose fmt/imgtool-ecdsa-p256-br.bin fmt/stm32image-v2.2.stm32 fmt/fit.itb
for k in fmt/*.pub.pem; do
	run inspect --key "$k" fmt/imgtool-ecdsa-p256-br.bin fmt/imgtool-rsa-2048-br.bin fmt/imgtool-ed25519-br.bin
	run inspect --json --key "$k" fmt/imgtool-ecdsa-p384-br.bin fmt/imgtool-rsa-3072-br.bin
done
run inspect --json --measured-boot fmt/imgtool-ecdsa-p256-padsig.bin fmt/imgtool-ecdsa-p256-br.bin
run inspect --otp-hash 0000000000000000000000000000000000000000000000000000000000000000 fmt/stm32image-v2.2.stm32
run inspect --json --otp-hash 00 fmt/stm32image-v1.0.stm32

group inspect-usage
run inspect
run inspect --help
run inspect --frobnicate fw.elf
run inspect --key keys/nope.pem fw.elf
run inspect --key ring-bad.pem fw.elf
run inspect --ta-key ring-bad.pem fw.elf
run inspect --keyring nowhere fw.elf
run inspect --otp-rproc-pkh 1234 fw.elf
run inspect nope.sig
run inspect --json nope.sig
run inspect keys
run inspect --json keys
run inspect f3_upstream_rsa2048.sig f3-truncated.sig fw.elf
run inspect --json f3_upstream_rsa2048.sig fmt/uimage.bin nope.sig

group explain
for c in 0 0xf0100001 0xffff0000 0xffff0001 0xffff0005 0xffff0006 0xffff0007 0xffff0008 \
	 0xffff0009 0xffff000a 0xffff000b 0xffff000c 0xffff000e 0xffff000f 0xffff3024 \
	 0xffff3072 0x12345; do
	run explain "$c"
	run explain --json "$c"
done
run explain ffff0006 -65530 BAD_PARAMETERS TEE_ERROR_SECURITY tee_success
run explain --command load 0xffff0000
run explain --command start --ta st400 0xffff0000
run explain --ta legacy --json 0xf0100001
run explain --ta upstream --command session 0xffff0006
run explain --origin 2 0xffff000e
run explain --origin 4 --json 0xffff3072
run explain --origin 3 0xffff000c
run explain
run explain --help
run explain nonsense
run explain --command nope 0
run explain --ta nope 0
run explain --origin x 0

group sign
run sign --in fw.elf --key keys/optee-default-rsa2048.pem --out s1.sig
run inspect --json s1.sig
run sign --in fw.elf --key keys/optee-default-rsa2048.pem --plat-tlv BOOTADDR 0x80000000 --out s2.sig
run inspect s2.sig
run sign --in fw.elf --in fw_b.elf --key keys/optee-default-rsa4096.pem --out s3.sig
run inspect --json s3.sig
run sign --in fw.elf --key keys/optee-default-rsa2048.pem --plat-tlv 0x10005 0x1234 --out s4.sig
run inspect s4.sig
run sign --in fw.elf --key keys/optee-default-rsa2048.pem --digest-out s5.dig --out s5.sig
run sign --help
run sign --in fw.elf --out x.sig
run sign --in f1_st_legacy.sig --key keys/optee-default-rsa2048.pem --out x.sig
run sign --in fw.elf --key ring-bad.pem --out x.sig

group usage
run
run --help
run help
run frobnicate
run watch --help
run status --help
run watch --frobnicate
run watch --timeout 12x
run watch --since 3
run status extra

# Host-side status/watch: only on a machine like the development one
# (the output describes the machine: no kprobes, no TEE, no remoteproc).
if [ ! -d /sys/module/rproc_diag ] && [ -z "$(ls /sys/class/tee /sys/class/remoteproc 2>/dev/null)" ] &&
   ! grep -qw register_kprobe /proc/kallsyms 2>/dev/null; then
	group host-status
	run status
	run status --json
	run status --ta-key ring-bad.pem
	run watch --once --timeout 1
	run watch --ta-key ring-bad.pem
else
	skip "golden host-status" "this machine has kprobes, a TEE, a remoteproc or rproc_diag"
	no_host=1
fi

# ---- compare ---------------------------------------------------------------
if [ -n "${UPDATE_GOLDEN:-}" ]; then
	mkdir -p "$GOLDEN"
	rm -f "$GOLDEN"/*.txt
	cp "$WORK"/out/*.txt "$GOLDEN"/
	ok "golden files written to $GOLDEN ($(ls "$WORK"/out | wc -l) files)"
	summary
	exit
fi
for g in "$WORK"/out/*.txt; do
	name=$(basename "$g" .txt)
	if [ ! -f "$GOLDEN/$name.txt" ]; then
		fail "golden $name (no $GOLDEN/$name.txt: run UPDATE_GOLDEN=1 tests/unit/run test_golden)"
	elif cmp -s "$GOLDEN/$name.txt" "$g"; then
		ok "golden $name"
	else
		fail "golden $name (output differs:)" "$(diff -u "$GOLDEN/$name.txt" "$g" | head -40)"
	fi
done
for g in "$GOLDEN"/*.txt; do
	[ -f "$g" ] || continue
	[ -f "$WORK/out/$(basename "$g")" ] || [ "$g${no_host:+x}" = "$GOLDEN/host-status.txtx" ] ||
		fail "golden $(basename "$g" .txt) (golden file without a test: remove it or run UPDATE_GOLDEN=1)"
done
summary
