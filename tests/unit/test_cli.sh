#!/bin/sh
# CLI tests of the built (sanitized) rproc-diag: sign, inspect (text and
# JSON schema), explain, exit statuses.  Result lines from tests/lib/suite.sh.
# Environment (set by tests/unit/run): RPROC_DIAG, FW, FIXTURES, WORK.
set -u
: "${RPROC_DIAG:?}" "${FW:?}" "${FIXTURES:?}" "${WORK:?}"
rm -rf "$WORK"
mkdir -p "$WORK"
R=$RPROC_DIAG
SUITE_OUT=$WORK/out SUITE_ERR=$WORK/err
. "$(dirname "$0")/../lib/suite.sh"
t() { expect_exit "$@"; }
FX=$FIXTURES/optee-rproc
KEYS=$FIXTURES/keys

has() { grep -q -- "$1" "$WORK/out"; }
json() {	# json PYTHON_EXPR: evaluated with d = the JSON object in out
	python3 -c "import json,sys; d=json.loads(open('$WORK/out').readline()); sys.exit(0 if ($1) else 1)"
}

t "sign reproduces the upstream script byte for byte" 0 \
	$R sign --in "$FX/fw.elf" --key "$KEYS/optee-default-rsa2048.pem" --out "$WORK/a.sig"
check "signed image identical to f3_upstream_rsa2048.sig" cmp -s "$WORK/a.sig" "$FX/f3_upstream_rsa2048.sig"

t "inspect upstream F3 image is valid" 0 $R inspect "$FX/f3_upstream_rsa2048.sig"
check "inspect names the built-in key" has "signed by: optee-default-rsa2048"
check "inspect shows offsets" has "0x22c"

t "inspect --json F3" 0 $R inspect --json "$FX/f3_upstream_rsa2048.sig"
check "json stable keys" json "d['format']=='optee-rproc-f3' and d['size']==1828 and d['signature']['type']=='rsa-pkcs1v15-sha256' and d['signature']['signed_by']['name']=='optee-default-rsa2048' and d['signature']['signed_by']['spki_sha256'].startswith('3a21983a')"
check "json segments" json "len(d['segments'])==3 and all(s['hash_ok'] for s in d['segments']) and d['segments'][0]['p_paddr']=='0x80000000' and d['segments'][0]['p_type']=='0x00000001' and d['segments'][0]['image']==0 and d['segments'][1]['index']==1"
check "json ta_verdicts" json "[v['ta'] for v in d['ta_verdicts']]==['upstream-f3','st-4.0.0','st-legacy-f1'] and d['ta_verdicts'][0]['result']=='0x00000000' and d['ta_verdicts'][1]['result']=='0xffff0000' and d['ta_verdicts'][2]['name']=='TEE_ERROR_CORRUPT_OBJECT'"

check "json default keys: 4096-bit OP-TEE >= 4.7 rejects a 2048-bit signature" json "[(k['key'],k['verifies']) for k in d['ta_verdicts'][0]['default_keys']]==[('optee-default-rsa4096',False),('optee-default-rsa2048',True)]"

t "inspect --json F1" 0 $R inspect --json "$FX/f1_st_legacy.sig"
check "json F1 format and verdict" json "d['format']=='optee-rproc-f1' and d['ta_verdicts'][0]['result']=='0xffff0006' and 'F1' in d['ta_verdicts'][0]['reason']"
t "inspect --json F2" 0 $R inspect --json "$FX/f2_mp25beta.sig"
check "json F2 format" json "d['format']=='optee-rproc-f2' and len(d['segments'])==6"
t "inspect plain ELF" 1 $R inspect "$FW/fw.elf"
check "plain ELF: its vector table, the M33 boot address, and how to sign it" sh -c "grep -q \"vector table: 0x80000000\" $WORK/out && grep -q \"fix .*fw.elf --key\" $WORK/out"
t "inspect --json plain ELF" 1 $R inspect --json "$FX/fw.elf"
check "json ELF format" json "d['format']=='elf' and d['signature']['signed_by'] is None"

head -c 1820 "$FX/f3_upstream_rsa2048.sig" >"$WORK/trunc.sig"
t "inspect truncated image is invalid" 1 $R inspect "$WORK/trunc.sig"
check "truncation reported with its size" has "8 bytes shorter than its header says"
check "upstream TA verdict 0xffff0006" has "0xffff0006 TEE_ERROR_BAD_PARAMETERS"
t "inspect --json truncated" 1 $R inspect --json "$WORK/trunc.sig"
check "json truncated: format unknown, delta -8" json "d['format']=='unknown' and d['size_check']['delta']==-8 and d['size_check']['layout']=='optee-rproc-f3'"

t "inspect with --ta-key of another key" 1 $R inspect --ta-key "$KEYS/optee-default-rsa4096.pem" "$FX/f3_upstream_rsa2048.sig"
check "SIGNATURE_INVALID predicted for a 4096-bit TA key" has "0xffff3072"
t "inspect with the right --ta-key" 0 $R inspect --ta-key "$KEYS/optee-default-rsa2048.pem" "$FX/f3_upstream_rsa2048.sig"
t "inspect without built-in keys: nobody signed it" 1 $R inspect --no-builtin-keys "$FX/f3_upstream_rsa2048.sig"
check "says none of the keys" has "none of the"
mkdir -p "$WORK/ring"
cp "$KEYS/st-default-rproc-rsa2048.pem" "$WORK/ring/st.pem"
t "inspect --keyring" 0 $R inspect --no-builtin-keys --keyring "$WORK/ring" "$FX/f1_st_legacy.sig"
check "keyring key named" has "signed by: $WORK/ring/st.pem"
t "several files: worst status" 1 $R inspect "$FX/f3_upstream_rsa2048.sig" "$WORK/trunc.sig"
t "missing file" 2 $R inspect "$WORK/nope.sig"
t "usage error" 64 $R inspect
t "bad --key is a usage error" 64 $R inspect --key "$WORK/nope.pem" "$FX/fw.elf"

t "explain 0xffff0006" 0 $R explain 0xffff0006
check "explain names BAD_PARAMETERS, not SECURITY" has "TEE_ERROR_BAD_PARAMETERS"
check "explain gives the size check" has "20 + R8(tlv_len)"
t "explain as Linux prints it" 0 $R explain ffff3072
check "explain SIGNATURE_INVALID" has "SIGNATURE_INVALID"
t "explain --json" 0 $R explain --json 0xffff000f
check "explain json" json "d['name']=='TEE_ERROR_SECURITY' and len(d['causes'])>=1"
t "explain a negative CODE (a TEE result printed signed)" 0 $R explain -65530
check "  -65530 is BAD_PARAMETERS" has "0xffff0006 TEE_ERROR_BAD_PARAMETERS"
t "explain negative CODEs among options, in their order" 0 $R explain --json -65521 --command load -65530
check "  first -65521 (SECURITY), then -65530" sh -c "head -1 '$WORK/out' | grep -q 0xffff000f && tail -1 '$WORK/out' | grep -q 0xffff0006"
t "explain -- -65530" 0 $R explain -- -65530
t "explain unknown code" 1 $R explain 0x12345
t "explain garbage" 64 $R explain nonsense

PKH=8ba5f51d45e48be05f638c10ac9034a2c394ec133d1237fa67133029391e6d40
t "OTP key hash matches the PKEYINFO key" 0 $R inspect --json --otp-rproc-pkh $PKH "$FX/f3_st400_mp25_bootaddr.sig"
check "json 4th verdict for the OTP-key ST TA" json "d['ta_verdicts'][3]['ta']=='st-4.0.0-otp-key' and d['ta_verdicts'][3]['result']=='0x00000000'"
t "OTP key hash of another key" 1 $R inspect --otp-rproc-pkh ad4f23775595ee5e4494c580474bad0966d0434e3e4dff972692508c338b5c04 "$FX/f3_st400_mp25_bootaddr.sig"
check "SECURITY predicted for an OTP hash mismatch" has "0xffff000f TEE_ERROR_SECURITY"
t "OTP key mode without PKEYINFO" 1 $R inspect --otp-rproc-pkh $PKH "$FX/f3_upstream_rsa2048.sig"
check "BAD_FORMAT without PKEYINFO" has "no PKEYINFO TLV"
t "bad --otp-rproc-pkh" 64 $R inspect --otp-rproc-pkh 1234 "$FX/f3_upstream_rsa2048.sig"

t "sign without --key" 64 $R sign --in "$FW/fw.elf" --out "$WORK/x.sig"
t "sign a non-ELF" 2 $R sign --in "$FX/f1_st_legacy.sig" --key "$KEYS/optee-default-rsa2048.pem" --out "$WORK/x.sig"
check "error quotes the input" grep -q "f1_st_legacy.sig" "$WORK/err"
t "sign Cortex-M33 firmware with BOOTADDR" 0 $R sign --in "$FW/fw.elf" --key "$KEYS/optee-default-rsa2048.pem" --plat-tlv BOOTADDR 0x80000000 --out "$WORK/m33.sig"
t "inspect it" 0 $R inspect --json "$WORK/m33.sig"
check "ST 4.0.0 TA loads and starts it" json "d['ta_verdicts'][1]['result']=='0x00000000'"
summary
