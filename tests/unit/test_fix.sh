#!/bin/sh
# rproc-diag fix: every image the e2e scenarios refuse (tests/e2e/mkimage.py
# recipes, built from the fixtures the same way the VM tests build them),
# fixed with the development key; the result inspected with `inspect
# --json`; byte identity with `sign` of the same ELF and TLVs; external
# signing (--digest-out then --signature, with openssl); exit statuses
# 0/1/2; refusals of what only the board can change.
# Result lines from tests/lib/suite.sh.  Environment: see tests/unit/run.
set -u
: "${RPROC_DIAG:?}" "${FW:?}" "${FIXTURES:?}" "${WORK:?}"
rm -rf "$WORK"
mkdir -p "$WORK"
R=$RPROC_DIAG
top=$(cd "$(dirname "$0")/../.." && pwd)
IMG=$WORK/img
K=$IMG/keys/optee-default-rsa2048.pem

SUITE_OUT=$WORK/out SUITE_ERR=$WORK/err
. "$(dirname "$0")/../lib/suite.sh"
t() { expect_exit "$@"; }
json() {	# json FILE PYTHON_EXPR: d = the JSON object in FILE
	python3 -c "import json,sys; d=json.loads(open('$1').readline()); sys.exit(0 if ($2) else 1)"
}

if ! python3 "$top/tests/e2e/mkimage.py" recipes "$IMG" "$FIXTURES" >"$WORK/mk.log" 2>&1; then
	fail "mkimage.py recipes" "$(tail -5 "$WORK/mk.log")"
	summary
	exit 1
fi

# image  expected-exit  change-or-refusal codes that must appear
while read -r img want codes; do
	out=$WORK/$img.fixed
	t "fix $img exits $want" "$want" $R fix "$IMG/$img" --key "$K" --out "$out" --json
	cp "$WORK/out" "$WORK/$img.json"
	for c in $codes; do
		check "fix $img: $c" json "$WORK/$img.json" \
			"'$c' in [x['code'] for x in d['changes'] + d['refused']]"
	done
	if [ "$want" = 0 ]; then
		check "fix $img: status loads, exit 0 in the JSON" json "$WORK/$img.json" \
			"d['status'] == 'loads' and d['exit'] == 0 and d['output'] == '$out'"
		# the fixed image, inspected: valid, and the ST TA's verdict is success
		$R inspect --json --ta-key "$K" "$out" >"$WORK/insp.json" 2>&1
		check "fix $img: inspect calls the result valid, ST TA loads it" json "$WORK/insp.json" \
			"d['valid'] and [v for v in d['ta_verdicts'] if v['ta'] == 'st-4.0.0'][0]['result'] == '0x00000000'"
	else
		check "fix $img: nothing written" test ! -e "$out"
		check "fix $img: status not-fixable" json "$WORK/$img.json" \
			"d['status'] == 'not-fixable' and d['output'] is None and d['changes'] == []"
	fi
done <<EOF
mp25-nobootaddr.sig 0 add-bootaddr re-sign
mp25-badboot.sig 0 fix-bootaddr
mp25-bootaddr-short.sig 0 bootaddr-length add-bootaddr
mp25-bootaddr-twice.sig 0 bootaddr-twice
mp25-customtlv.sig 0 drop-platform-tlv
mp25-nohashtype.sig 0 add-hashtype
mp25-appended.sig 0 drop-appended-bytes
mp25-noentry.sig 0 rebuild-tlvs
f1-legacy.sig 0 regenerate-f3
mp25-good.sig 0 re-sign
mp25-truncated.sig 1 truncated-image
mp25-segflip.sig 1 content-changed
mp25-2img.sig 1 second-resource-table
mp25-badrsc.sig 1 bad-resource-table
mp25-badelf.sig 1 bad-elf
mp25-enc-noenctable.sig 1 encrypted-image
empty.sig 1 empty-file
EOF

# The BOOTADDR comes from the ELF: the vector table, never the data region.
check "nobootaddr: BOOTADDR 0x80000000 from the vector table (the data is at 0x80100000)" \
	json "$WORK/mp25-nobootaddr.sig.json" \
	"d['bootaddr']['value'] == '0x80000000' and d['bootaddr']['source'] == 'vector-table' and not d['bootaddr']['uncertain']"
check "badboot: 0x90000000 replaced" json "$WORK/mp25-badboot.sig.json" \
	"d['bootaddr']['value'] == '0x80000000' and '0x90000000' in d['changes'][0]['text']"

# Byte identity: fix = sign of the same ELF with the same TLVs (and sign =
# sign_rproc_fw.py byte for byte, test_cli.sh), = mkimage.py's own layout.
t "sign the fixture ELF with BOOTADDR" 0 $R sign --in "$FIXTURES/optee-rproc/fw.elf" --key "$K" \
	--plat-tlv BOOTADDR 0x80000000 --out "$WORK/ref.sig"
check "fixed nobootaddr image = sign --plat-tlv BOOTADDR 0x80000000" \
	cmp -s "$WORK/mp25-nobootaddr.sig.fixed" "$WORK/ref.sig"
check "fixed nobootaddr image = the scenarios' good MP25 image" \
	cmp -s "$WORK/mp25-nobootaddr.sig.fixed" "$IMG/mp25-good.sig"
check "fixed legacy F1 image = the good MP25 image (same ELF)" \
	cmp -s "$WORK/f1-legacy.sig.fixed" "$IMG/mp25-good.sig"

# The ELF itself, and an ELF whose vector table is not in the first PT_LOAD.
t "fix fw_hdr.elf (table in the second PT_LOAD)" 0 $R fix "$FW/fw_hdr.elf" --key "$K" \
	--out "$WORK/hdr.sig" --json
check "fw_hdr.elf: BOOTADDR 0x80000400" json "$WORK/out" \
	"d['bootaddr']['value'] == '0x80000400' and d['input_format'] == 'elf'"
t "default output is IMAGE.fixed, the input is untouched" 0 sh -c \
	"cp '$FW/fw.elf' '$WORK/copy.elf' && $R fix '$WORK/copy.elf' --key '$K' >/dev/null && \
	 test -s '$WORK/copy.elf.fixed' && cmp -s '$FW/fw.elf' '$WORK/copy.elf'"

# No vector table: exit 1 and how to find it; --bootaddr then works.
python3 - "$FW/fw.elf" "$WORK/novt.elf" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[0x100:0x108] = b"\xff" * 8		# the vector table's first two words
open(sys.argv[2], "wb").write(b)
PY
t "ELF without a valid vector table: exit 1" 1 $R fix "$WORK/novt.elf" --key "$K" --out "$WORK/novt.sig"
check "  says it cannot find BOOTADDR and how to" grep -q "readelf -S .*--bootaddr" "$WORK/out"
t "  --bootaddr supplies it: exit 0" 0 $R fix "$WORK/novt.elf" --key "$K" --out "$WORK/novt.sig" \
	--bootaddr 0x80000000
t "  and the STM32MP15 needs none: exit 0" 0 $R fix "$WORK/novt.elf" --key "$K" --soc mp15 \
	--out "$WORK/novt15.sig"

# External signing: the digest, openssl, the signature: the same image.
t "fix --digest-out" 0 $R fix "$IMG/mp25-nobootaddr.sig" --key "$IMG/keys/optee-default-rsa2048.pub.pem" \
	--digest-out "$WORK/dig.bin" --out "$WORK/ext.sig"
check "  says the digest and how to sign it" grep -q "pkeyutl -sign" "$WORK/out"
check "  wrote no image" test ! -e "$WORK/ext.sig"
openssl pkeyutl -sign -inkey "$K" -pkeyopt digest:sha256 -in "$WORK/dig.bin" -out "$WORK/sig.bin" 2>/dev/null
t "fix --signature" 0 $R fix "$IMG/mp25-nobootaddr.sig" --key "$IMG/keys/optee-default-rsa2048.pub.pem" \
	--signature "$WORK/sig.bin" --out "$WORK/ext.sig"
check "  = the image fix signs itself" cmp -s "$WORK/ext.sig" "$WORK/mp25-nobootaddr.sig.fixed"
openssl pkeyutl -sign -inkey "$IMG/keys/other-rsa2048.pem" -pkeyopt digest:sha256 -in "$WORK/dig.bin" \
	-out "$WORK/badsig.bin" 2>/dev/null
t "fix --signature by another key: exit 1" 1 $R fix "$IMG/mp25-nobootaddr.sig" \
	--key "$IMG/keys/optee-default-rsa2048.pub.pem" --signature "$WORK/badsig.bin" --out "$WORK/bad.sig"
check "  nothing written" test ! -e "$WORK/bad.sig"

# What only the board can change.
t "--ta-key of another key: exit 1" 1 $R fix "$IMG/mp25-nobootaddr.sig" --key "$IMG/keys/other-rsa2048.pem" \
	--ta-key "$IMG/keys/optee-default-rsa2048.pub.pem" --out "$WORK/o.sig"
check "  names the trusted key and where it ships" grep -q "optee-default-rsa2048.*keys/default.pem" "$WORK/out"
check "  nothing written" test ! -e "$WORK/o.sig"
t "--ta-key of the signing key: exit 0" 0 $R fix "$IMG/mp25-nobootaddr.sig" --key "$K" \
	--ta-key "$IMG/keys/optee-default-rsa2048.pub.pem" --out "$WORK/o.sig"
t "ECDSA key for the upstream TA: exit 1" 1 $R fix "$IMG/mp15-good.sig" --key "$IMG/keys/ecdsa-p256.pem" \
	--ta upstream --out "$WORK/o2.sig"

# Usage and unreadable input: exit 2.
t "no --key: exit 2" 2 $R fix "$IMG/mp25-good.sig"
t "no IMAGE: exit 2" 2 $R fix --key "$K"
t "missing IMAGE: exit 2" 2 $R fix "$WORK/nope.sig" --key "$K"
t "a directory: exit 2" 2 $R fix "$WORK" --key "$K"
t "not an image: exit 2" 2 $R fix "$top/README.md" --key "$K"
check "  quotes its first bytes" grep -q "starts with" "$WORK/err"
t "--soc mp99: exit 2" 2 $R fix "$IMG/mp25-good.sig" --key "$K" --soc mp99
t "--ta legacy: exit 2 (fix writes F3)" 2 $R fix "$IMG/mp25-good.sig" --key "$K" --ta legacy
t "--digest-out with --signature: exit 2" 2 $R fix "$IMG/mp25-good.sig" --key "$K" \
	--digest-out "$WORK/d" --signature "$WORK/sig.bin"
t "unreadable key: exit 2" 2 $R fix "$IMG/mp25-good.sig" --key "$WORK/nokey.pem"
t "public key without --digest-out: exit 2" 2 $R fix "$IMG/mp25-good.sig" \
	--key "$IMG/keys/optee-default-rsa2048.pub.pem"
t "fix --help: exit 0" 0 $R fix --help
check "  documents the exit statuses" grep -q "Exit status: 0" "$WORK/out"
summary
