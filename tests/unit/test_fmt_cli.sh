#!/bin/sh
# CLI tests of `rproc-diag inspect` on the other formats: images made by
# tests/builders/mkfmt with fresh keys, run through the sanitized binary.
# Result lines from tests/lib/suite.sh.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
RD=${RPROC_DIAG:?RPROC_DIAG not set}
W=${WORK:-$(mktemp -d)}
rm -rf "$W"
mkdir -p "$W"
if ! make -s -C "$top/tests/builders" O="$W" >"$W/build.log" 2>&1; then
	cat "$W/build.log"
	echo "FAIL fmt-cli: building tests/builders/mkfmt failed"
	echo "0 passed, 1 failed"
	exit 1
fi
MK=$W/mkfmt
SUITE_OUT=$W/out SUITE_ERR=$W/err
. "$top/tests/lib/suite.sh"
check() { expect "$@"; }	# check NAME WANT_EXIT PATTERN CMD...


$MK stm32 --ver 22 --out "$W/ok.stm32" --key-out "$W/k.pem" --otp-out "$W/otp" || exit 1
check stm32-valid 0 "^result: valid" "$RD" inspect --key "$W/k.pem" --otp-hash "$(cat "$W/otp")" "$W/ok.stm32"
check stm32-otp-mismatch 1 "cause: stm32-otp-hash-mismatch" \
	"$RD" inspect --otp-hash 0000000000000000000000000000000000000000000000000000000000000000 "$W/ok.stm32"
check stm32-json 0 '"format":"stm32-boot-v2"' "$RD" inspect --json "$W/ok.stm32"

$MK stm32 --ver 22 --mistake double-hash --out "$W/kms.stm32" --key-out "$W/k2.pem" || exit 1
check stm32-kms-double-hash 1 "MessageType=DIGEST" "$RD" inspect "$W/kms.stm32"
$MK stm32 --ver 10 --mistake range-eof --trailing 64 --out "$W/eof.stm32" --key-out "$W/k3.pem" || exit 1
check stm32-v1-range-eof 1 "cause: stm32-range-to-eof" "$RD" inspect "$W/eof.stm32"
$MK stm32 --ver 23 --curve P-384 --mistake little-endian --out "$W/le.stm32" --key-out "$W/k4.pem" || exit 1
check stm32-v23-p384-little-endian 1 '"cause":"stm32-r-s-little-endian"' "$RD" inspect --json "$W/le.stm32"

$MK mcuboot --key-type P-256 --sec-cnt --out "$W/nobr.bin" --key-out "$W/m.pem" || exit 1
check mcuboot-valid 0 "^result: valid" "$RD" inspect --key "$W/m.pem" "$W/nobr.bin"
check mcuboot-measured-boot 1 "imgtool --boot-record" "$RD" inspect --measured-boot --key "$W/m.pem" "$W/nobr.bin"
$MK mcuboot --key-type Ed25519 --boot-record --mistake br-wrong-signer --out "$W/br.bin" --key-out "$W/e.pem" || exit 1
check mcuboot-boot-record-signer 1 "cause: mcuboot-boot-record-signer" "$RD" inspect --key "$W/e.pem" "$W/br.bin"
$MK mcuboot --key-type RSA-2048 --sec-cnt --mistake unprot-sec-cnt --out "$W/sc.bin" --key-out "$W/r.pem" || exit 1
check mcuboot-unprotected-sec-cnt 1 "SEC_CNT must be in the protected TLV area" "$RD" inspect --key "$W/r.pem" "$W/sc.bin"
mkdir -p "$W/ring" && cp "$W/m.pem" "$W/ring/"
check mcuboot-keyring 0 '"origin":"keyring"' "$RD" inspect --json --keyring "$W/ring" "$W/nobr.bin"

printf 'HSTO\000\000\000\000' >"$W/ta.ta"
check optee-ta-detected 2 "optee-ta" "$RD" inspect "$W/ta.ta"
head -c 300 /dev/zero >"$W/pkg.sfi"
check sfi-heuristic 0 "layout is not public" "$RD" inspect "$W/pkg.sfi"

# Images made by the real imgtool (tests/builders/fixtures/README.md)
FX=$top/tests/builders/fixtures
for kt in ecdsa-p256 ecdsa-p384 rsa-2048 rsa-3072 ed25519; do
	check "imgtool-$kt-boot-record" 0 '"boot-record","ok":true' \
		"$RD" inspect --json --measured-boot --key "$FX/imgtool-$kt.pub.pem" "$FX/imgtool-$kt-br.bin"
done
check imgtool-wrong-key-type 1 '"cause":"mcuboot-key-type-mismatch"' \
	"$RD" inspect --json --key "$FX/imgtool-ecdsa-p256.pub.pem" --key "$FX/imgtool-rsa-3072.pub.pem" \
	"$FX/imgtool-rsa-2048-br.bin"
check imgtool-wrong-key-only 1 "cause: mcuboot-wrong-key" \
	"$RD" inspect --key "$FX/imgtool-ecdsa-p384.pub.pem" "$FX/imgtool-ecdsa-p256-br.bin"
check imgtool-dependency-trailer 0 '"image_ok":"0x01 (set)"' \
	"$RD" inspect --json --key "$FX/imgtool-ecdsa-p256.pub.pem" "$FX/imgtool-ecdsa-p256-dep-padded.bin"
check imgtool-dependency-decoded 0 '"min_version":"1.2.3+0"' \
	"$RD" inspect --json --key "$FX/imgtool-ecdsa-p256.pub.pem" "$FX/imgtool-ecdsa-p256-dep-padded.bin"
check imgtool-no-boot-record 1 "cause: mcuboot-no-boot-record" \
	"$RD" inspect --measured-boot --key "$FX/imgtool-ecdsa-p256.pub.pem" "$FX/imgtool-ecdsa-p256-dep-padded.bin"
check imgtool-pubkey-tlv 0 '"signed_by":{"name":"PUBKEY TLV"' "$RD" inspect --json "$FX/imgtool-ed25519-pubkey.bin"
# one payload byte changed after signing
cp "$FX/imgtool-ecdsa-p384-br.bin" "$W/tampered.bin"
printf 'X' | dd of="$W/tampered.bin" bs=1 seek=1000 conv=notrunc 2>/dev/null
check imgtool-tampered 1 "cause: mcuboot-hash-mismatch" \
	"$RD" inspect --key "$FX/imgtool-ecdsa-p384.pub.pem" "$W/tampered.bin"

# Headers made by TF-A's stm32image (unsigned): layout, checksum, extensions
check stm32image-v1.0 0 '"image_entry_point":805053697' "$RD" inspect --json "$FX/stm32image-v1.0.stm32"
check stm32image-v1.0-no-check 0 '"result":"not-verified"' "$RD" inspect --json "$FX/stm32image-v1.0.stm32"
for v in 2.0 2.2; do
	check "stm32image-v$v" 1 '"header_size":512}.*"check":"extension-chain","ok":true.*"check":"checksum","ok":true.*"cause":"stm32-unsigned"' \
		"$RD" inspect --json "$FX/stm32image-v$v.stm32"
done
check stm32image-v2.3 1 '"format_version":"2.3".*"header_size":576}.*"check":"checksum","ok":true' \
	"$RD" inspect --json "$FX/stm32image-v2.3.stm32"
check imgtool-ed25519-pure 0 '"type":"ed25519-pure","status":"valid"' \
	"$RD" inspect --json --key "$FX/imgtool-ed25519.pub.pem" "$FX/imgtool-ed25519-pure.bin"
check imgtool-pad-sig 0 '"padding":[1-9].*"status":"valid"' \
	"$RD" inspect --json --key "$FX/imgtool-ecdsa-p256.pub.pem" "$FX/imgtool-ecdsa-p256-padsig.bin"
check imgtool-trailer-align32 0 '"trailer":{"max_align":32,"magic":"good","image_ok":"0x01 (set)"' \
	"$RD" inspect --json --key "$FX/imgtool-ecdsa-p256.pub.pem" "$FX/imgtool-ecdsa-p256-align32-padded.bin"
check imgtool-encrypted 0 '"name":"ENC_EC256".*"status":"valid".*"result":"not-verified"' \
	"$RD" inspect --json --key "$FX/imgtool-ecdsa-p256.pub.pem" "$FX/imgtool-ecdsa-p256-encrypted.bin"

# FIT and uImage made by U-Boot's mkimage
for f in fit fit-external; do
	check "mkimage-$f" 0 '"name":"kernel-1".*"algo":"crc32".*"ok":true.*"name":"fdt-1".*"check":"fit-images","ok":true' \
		"$RD" inspect --json "$FX/$f.itb"
done
check mkimage-fit-signed 0 '"name":"kernel-1","type":"firmware","data_size":200,"external_data":false,"signatures":1' \
	"$RD" inspect --json "$FX/fit-signed.itb"
cp "$FX/fit-external.itb" "$W/fit-tampered.itb"
printf 'X' | dd of="$W/fit-tampered.itb" bs=1 seek=$(($(wc -c <"$W/fit-tampered.itb") - 1)) conv=notrunc 2>/dev/null
check mkimage-fit-tampered 1 "cause: fit-hash-mismatch" "$RD" inspect "$W/fit-tampered.itb"
head -c 1000 "$FX/fit-external.itb" >"$W/fit-cut.itb"
check mkimage-fit-external-cut 1 "cause: fit-truncated" "$RD" inspect "$W/fit-cut.itb"
check mkimage-uimage 0 '"check":"data-crc","ok":true' "$RD" inspect --json "$FX/uimage.bin"
cp "$FX/uimage.bin" "$W/uimage-tampered.bin"
printf 'X' | dd of="$W/uimage-tampered.bin" bs=1 seek=100 conv=notrunc 2>/dev/null
check mkimage-uimage-tampered 1 "cause: uimage-data-crc" "$RD" inspect "$W/uimage-tampered.bin"
summary
