#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Build OP-TEE remoteproc F3 images for the end-to-end scenarios.

Independent of the project's image library and signer on purpose: the
scenarios check the project against images made from the format notes.
Signatures come from the openssl command-line tool (RSA PKCS#1 v1.5 or ECDSA
P-256, both over SHA-256); this script only lays out the container.

  mkimage.py sign --in ELF [--in ELF2] --key KEY.pem --out OUT
                  [--plat-tlv ID VALUE]... [--key-info DER]
  mkimage.py recipes OUTDIR FIXTURES [--signer rproc-diag]
                  all images and keys the scenarios use, from FIXTURES
                  (tests/fixtures: optee-rproc/ and keys/); with --signer they
                  are made by `rproc-diag sign` and compared with this
                  script's layout (OUTDIR/signer.txt says how it went)
"""
import argparse
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile

MAGIC = 0x3543A468
TLV_SIGNTYPE, TLV_HASHTYPE, TLV_NUM_IMG, TLV_IMGTYPE, TLV_IMGSIZE = 1, 2, 3, 4, 5
TLV_HASHTABLE, TLV_PKEYINFO = 0x10, 0x11
RSA_OID = bytes.fromhex("2a864886f70d010101")
EC_OID = bytes.fromhex("2a8648ce3d0201")


def r8(n):
    return (n + 7) & ~7


def die(msg):
    sys.stderr.write("mkimage: error: %s\n" % msg)
    sys.exit(1)


def tlv(t, value):
    rec = struct.pack("<II", t, len(value)) + value
    return rec + b"\0" * (r8(len(rec)) - len(rec))


def hash_table(elf, name):
    if elf[:4] != b"\x7fELF" or elf[4] != 1:
        die("%s is not an ELF32 file" % name)
    phoff, = struct.unpack_from("<I", elf, 28)
    phentsize, phnum = struct.unpack_from("<HH", elf, 42)
    if phentsize != 32 or phoff + 32 * phnum > len(elf):
        die("%s: program headers out of range" % name)
    out = b""
    for i in range(phnum):
        ph = elf[phoff + 32 * i:phoff + 32 * (i + 1)]
        off, filesz = struct.unpack_from("<I", ph, 4)[0], struct.unpack_from("<I", ph, 16)[0]
        if off + filesz > len(elf):
            die("%s: segment %d outside the file" % (name, i))
        out += ph + hashlib.sha256(elf[off:off + filesz]).digest()
    return out


def key_kind(key):
    der = subprocess.run(["openssl", "pkey", "-in", key, "-pubout", "-outform", "DER"],
                         capture_output=True, check=False)
    if der.returncode:
        die("openssl cannot read the key %s: %s" % (key, der.stderr.decode().strip()))
    if RSA_OID in der.stdout:
        return "rsa", der.stdout
    if EC_OID in der.stdout:
        return "ecc", der.stdout
    die("%s: only RSA and EC P-256 keys are supported" % key)
    return None


def der_ecdsa_to_raw(sig):
    """ECDSA-Sig-Value DER -> r||s, 32 bytes each (what the TA expects)."""
    def take_int(buf, pos):
        if buf[pos] != 0x02:
            die("bad ECDSA signature from openssl")
        n = buf[pos + 1]
        v = buf[pos + 2:pos + 2 + n].lstrip(b"\0")
        return v.rjust(32, b"\0"), pos + 2 + n
    pos = 2 if sig[1] < 0x80 else 3
    r, pos = take_int(sig, pos)
    s, _ = take_int(sig, pos)
    return r + s


def openssl_sign(key, msg, kind):
    with tempfile.TemporaryDirectory() as d:
        m = os.path.join(d, "msg")
        s = os.path.join(d, "sig")
        with open(m, "wb") as f:
            f.write(msg)
        p = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key, "-out", s, m],
                           capture_output=True, check=False)
        if p.returncode:
            die("openssl could not sign with %s: %s" % (key, p.stderr.decode().strip()))
        with open(s, "rb") as f:
            sig = f.read()
    return der_ecdsa_to_raw(sig) if kind == "ecc" else sig


def sign(elfs, key, plat_tlvs=(), key_info=None, omit=(), raw_tlvs=(), drop_entries=()):
    """F3 image as OP-TEE's sign_rproc_fw.py lays it out.  For broken-image
    scenarios: omit (TLV types left out), raw_tlvs ((type, bytes) appended
    verbatim), drop_entries (hash-table entry indices left out)."""
    kind, _ = key_kind(key)
    images = []
    for path in elfs:
        with open(path, "rb") as f:
            images.append(f.read())
    table = b"".join(hash_table(e, p) for e, p in zip(images, elfs))
    table = b"".join(table[i:i + 64] for i in range(0, len(table), 64)
                     if i // 64 not in drop_entries)
    sizes = [r8(len(e)) for e in images]
    recs = [(TLV_SIGNTYPE, bytes([1 if kind == "rsa" else 2])),
            (TLV_NUM_IMG, bytes([len(images)])),
            (TLV_IMGTYPE, bytes([1] * len(images))),
            (TLV_IMGSIZE, b"".join(struct.pack("<I", s) for s in sizes)),
            (TLV_HASHTYPE, b"\x01"),
            (TLV_HASHTABLE, table)]
    if key_info:
        with open(key_info, "rb") as f:
            recs.append((TLV_PKEYINFO, f.read()))
    recs += [(tid, struct.pack("<I", val)) for tid, val in plat_tlvs]
    recs += list(raw_tlvs)
    tlvs = b"".join(tlv(t, v) for t, v in recs if t not in omit)
    img_len = sum(sizes)
    # sign_len is part of the signed header: learn the length first.
    sig_len = len(openssl_sign(key, b"x", kind))
    hdr = struct.pack("<5I", MAGIC, 1, len(tlvs), sig_len, img_len)
    sig = openssl_sign(key, hdr + tlvs, kind)
    if len(sig) != sig_len:
        die("signature length changed (%d != %d)" % (len(sig), sig_len))
    out = hdr + tlvs + sig + b"\0" * (r8(sig_len) - sig_len)
    for e in images:
        out += e + b"\0" * (r8(len(e)) - len(e))
    return out


def resign(img, key, omit=()):
    """An existing F3 image with its TLVs of the types in @omit removed,
    signed again with @key (the images stay as they are)."""
    kind, _ = key_kind(key)
    tlv_len, sign_len, img_len = struct.unpack_from("<III", img, 8)
    area, off, recs = img[20:20 + tlv_len], 0, []
    while off + 8 <= len(area):
        t, n = struct.unpack_from("<II", area, off)
        recs.append((t, area[off + 8:off + 8 + n]))
        off += r8(8 + n)
    tlvs = b"".join(tlv(t, v) for t, v in recs if t not in omit)
    images = img[20 + r8(tlv_len) + r8(sign_len):]
    sig_len = len(openssl_sign(key, b"x", kind))
    hdr = struct.pack("<5I", MAGIC, 1, len(tlvs), sig_len, img_len)
    sig = openssl_sign(key, hdr + tlvs, kind)
    return hdr + tlvs + sig + b"\0" * (r8(sig_len) - sig_len) + images


def elf_offset_in_image(img):
    """File offset of the first ELF image in an F3 container."""
    tlv_len, sign_len = struct.unpack_from("<II", img, 8)
    return 20 + r8(tlv_len) + r8(sign_len)


def section_offset(elf, name):
    """File offset of an ELF32 section by name."""
    shoff, = struct.unpack_from("<I", elf, 32)
    shnum, shstrndx = struct.unpack_from("<HH", elf, 48)
    stroff, = struct.unpack_from("<I", elf, shoff + 40 * shstrndx + 16)
    for i in range(shnum):
        sh = shoff + 40 * i
        nm = elf[stroff + struct.unpack_from("<I", elf, sh)[0]:].split(b"\0", 1)[0]
        if nm.decode() == name:
            return struct.unpack_from("<I", elf, sh + 16)[0]
    die("no section %s" % name)
    return None


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def genkey(path, algo):
    if os.path.exists(path):
        return
    args = ["openssl", "genpkey", "-out", path, "-algorithm"]
    args += ["RSA", "-pkeyopt", "rsa_keygen_bits:2048"] if algo == "rsa" else \
        ["EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
    p = subprocess.run(args, capture_output=True, check=False)
    if p.returncode:
        die("openssl genpkey failed: %s" % p.stderr.decode().strip())


class Signer:
    """Signs with `rproc-diag sign` when given, checked against sign()."""

    def __init__(self, tool, out):
        self.tool = tool
        self.out = out
        self.report = []

    def __call__(self, elfs, key, plat_tlvs=()):
        ours = sign(elfs, key, plat_tlvs)
        if not self.tool:
            return ours
        dst = os.path.join(self.out, ".signer-out")
        args = [self.tool, "sign", "--key", key, "--out", dst]
        for e in elfs:
            args += ["--in", e]
        for tid, val in plat_tlvs:
            args += ["--plat-tlv", "0x%x" % tid, "0x%x" % val]
        p = subprocess.run(args, capture_output=True, check=False)
        what = "%s with %s" % ("+".join(map(os.path.basename, elfs)), os.path.basename(key))
        if p.returncode:
            self.report.append("FAIL rproc-diag sign failed for %s: %s"
                               % (what, p.stderr.decode().strip()[:200]))
            return ours
        with open(dst, "rb") as f:
            theirs = f.read()
        os.unlink(dst)
        if key_kind(key)[0] == "ecc":
            # ECDSA signatures are randomised: compare everything else.
            same = len(theirs) == len(ours) and theirs[:20] == ours[:20]
        else:
            same = theirs == ours
        if not same:
            self.report.append("FAIL rproc-diag sign differs from the reference layout for %s"
                               % what)
            return ours
        self.report.append("ok rproc-diag sign agrees for %s" % what)
        return theirs


def recipes(out, fix, tool=None):
    """Every image and key the scenarios name, built from the fixtures."""
    os.makedirs(os.path.join(out, "keys"), exist_ok=True)
    k = lambda n: os.path.join(out, "keys", n)
    for n in ("optee-default-rsa2048.pem", "optee-default-rsa4096.pem",
              "st-default-rproc-rsa2048.pem"):
        shutil.copyfile(os.path.join(fix, "keys", n), k(n))
    genkey(k("other-rsa2048.pem"), "rsa")
    genkey(k("ecdsa-p256.pem"), "ecc")
    # The emulated OP-TEE reads every usual key encoding; give it each one.
    subprocess.run(["openssl", "pkey", "-in", k("other-rsa2048.pem"), "-pubout",
                    "-outform", "DER", "-out", k("other-rsa2048.pub.der")], check=True)
    subprocess.run(["openssl", "pkey", "-in", k("optee-default-rsa2048.pem"), "-pubout",
                    "-out", k("optee-default-rsa2048.pub.pem")], check=True)
    subprocess.run(["openssl", "rsa", "-in", k("optee-default-rsa2048.pem"), "-RSAPublicKey_out",
                    "-out", k("optee-default-rsa2048.pkcs1pub.pem")], check=True,
                   stderr=subprocess.DEVNULL)
    with open(k("optee-default-rsa2048.pem"), "rb") as f:
        write(k("optee-default-rsa2048.preamble.pem"),
              b"Bag Attributes\n    friendlyName: rproc\n" + f.read())
    subprocess.run(["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", k("optee-default-rsa2048.pem"),
                    "-out", k("optee-default-rsa2048.pk8.pem")], check=True)

    fw = os.path.join(fix, "optee-rproc")
    m25 = os.path.join(fw, "fw.elf")
    m15 = os.path.join(fw, "fw_b.elf")
    dkey = k("optee-default-rsa2048.pem")

    # Self-check: the layout must match the real upstream tool byte for byte.
    ref = open(os.path.join(fw, "f3_upstream_rsa2048.sig"), "rb").read()
    if sign([m25], dkey) != ref:
        die("mkimage does not reproduce f3_upstream_rsa2048.sig: fix the layout")

    signer = Signer(tool, out)
    good25 = signer([m25], dkey, [(0x10001, 0x80000000)])
    write(os.path.join(out, "mp25-good.sig"), good25)
    write(os.path.join(out, "mp15-good.sig"), signer([m15], dkey))
    write(os.path.join(out, "mp25-nobootaddr.sig"), signer([m25], dkey))
    write(os.path.join(out, "mp25-truncated.sig"), good25[:-100])
    write(os.path.join(out, "empty.sig"), b"")
    write(os.path.join(out, "mp25-appended.sig"), good25 + b"\n" * 16)
    flipped = bytearray(good25)
    elf = elf_offset_in_image(good25)
    seg0_off, = struct.unpack_from("<I", good25, elf + 52 + 4)  # phdr 0 p_offset
    flipped[elf + seg0_off + 0x20] ^= 0x01
    write(os.path.join(out, "mp25-segflip.sig"), bytes(flipped))
    write(os.path.join(out, "mp15-ecdsa.sig"), signer([m15], k("ecdsa-p256.pem")))
    # ECDSA with the key in PKEYINFO, what ST's PUB_KEY_VERIFY build needs.
    subprocess.run(["openssl", "pkey", "-in", k("ecdsa-p256.pem"), "-pubout", "-outform", "DER",
                    "-out", k("ecdsa-p256.pub.der")], check=True)
    write(os.path.join(out, "mp25-ecdsa-keyinfo.sig"),
          sign([m25], k("ecdsa-p256.pem"), [(0x10001, 0x80000000)],
               key_info=k("ecdsa-p256.pub.der")))
    shutil.copyfile(os.path.join(fw, "f1_st_legacy.sig"), os.path.join(out, "f1-legacy.sig"))
    # Broken on purpose; the project's signer refuses to make these.
    boot = [(0x10001, 0x80000000)]
    write(os.path.join(out, "mp25-nohashtype.sig"), sign([m25], dkey, boot, omit={TLV_HASHTYPE}))
    write(os.path.join(out, "mp25-customtlv.sig"), sign([m25], dkey, boot + [(0x10005, 1)]))
    write(os.path.join(out, "mp25-bootaddr-twice.sig"),
          sign([m25], dkey, boot, raw_tlvs=[(0x10001, struct.pack("<I", 0x80000400))]))
    write(os.path.join(out, "mp25-bootaddr-short.sig"),
          sign([m25], dkey, raw_tlvs=[(0x10001, b"\x00\x80")]))
    write(os.path.join(out, "mp25-noentry.sig"), sign([m25], dkey, boot, drop_entries={1}))
    write(os.path.join(out, "mp25-badboot.sig"), sign([m25], dkey, [(0x10001, 0x90000000)]))
    # Two ELF images, each with a .resource_table (fw_b's DA 0x10000000 is
    # DDR 0x80000000 through the MP25 dma-ranges): one table too many.
    write(os.path.join(out, "mp25-2img.sig"), sign([m25, m15], dkey, boot))
    # ST's real encrypted image without its ENCTABLE, signed again.
    enc = open(os.path.join(fw, "f3_st400_enc_bootaddr.sig"), "rb").read()
    write(os.path.join(out, "mp25-enc-noenctable.sig"), resign(enc, dkey, omit={0x12}))
    # ELF edits before signing: the signature is fine, the content is not.
    elf = bytearray(open(m25, "rb").read())
    rsc = section_offset(elf, ".resource_table")
    bad_rsc = bytearray(elf)
    struct.pack_into("<I", bad_rsc, rsc, 2)             # resource table version 2
    write(os.path.join(out, "fw-badrsc.elf"), bytes(bad_rsc))
    write(os.path.join(out, "mp25-badrsc.sig"),
          sign([os.path.join(out, "fw-badrsc.elf")], dkey, boot))
    # "sstrip"-style: cut after the last segment, the section headers go.
    phoff, = struct.unpack_from("<I", elf, 28)
    phnum, = struct.unpack_from("<H", elf, 44)
    end = max(struct.unpack_from("<I", elf, phoff + 32 * i + 4)[0] +
              struct.unpack_from("<I", elf, phoff + 32 * i + 16)[0] for i in range(phnum))
    write(os.path.join(out, "fw-noshdr.elf"), bytes(elf[:end]))
    write(os.path.join(out, "mp25-badelf.sig"),
          sign([os.path.join(out, "fw-noshdr.elf")], dkey, boot))
    with open(os.path.join(out, "signer.txt"), "w") as f:
        f.write("".join(line + "\n" for line in signer.report))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sign")
    s.add_argument("--in", dest="elfs", action="append", required=True)
    s.add_argument("--key", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--key-info")
    s.add_argument("--plat-tlv", nargs=2, action="append", default=[],
                   metavar=("ID", "VALUE"))
    r = sub.add_parser("recipes")
    r.add_argument("outdir")
    r.add_argument("fixtures")
    r.add_argument("--signer", help="rproc-diag binary: sign with it, checked against"
                   " this script's own layout")
    a = ap.parse_args()
    if a.cmd == "sign":
        plat = [(int(i, 0), int(v, 0)) for i, v in a.plat_tlv]
        write(a.out, sign(a.elfs, a.key, plat, a.key_info))
    else:
        recipes(a.outdir, a.fixtures, a.signer)


if __name__ == "__main__":
    main()
