#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""Crafted worst-case OP-TEE remoteproc images for the image library.

    gen_images.py OUTDIR [--scale N]

Writes images that make the shared library (kmod/lib/rproc_image.c) do the
most work per byte, or walk its limits: the most TLV records, the most
program headers (RPI_MAX_PHDRS) all at one p_paddr with a hash-table entry
each, the most images (NUM_IMG 255), the most section headers all named
.resource_table, hash tables longer than the file, lengths that claim
4 GiB, and the F1/F2 layouts with the same excesses.  They are fuzz seeds
(make check replays them, campaigns start from them) and the images the
VM test feeds through the module's deferred analysis (tests/guest/fuzz):
there it must report nothing, leak nothing and never lock up a CPU.

--scale multiplies the payload sizes (1: inputs of at most 64 KiB, as
the fuzzers take; the VM test uses larger ones).  Built from the layouts
in kmod/lib/rproc_image.h (F3 {magic, version, tlv_len, sign_len,
img_len}, F1 56-byte header, F2 trailer); no signature is valid.
"""

import argparse
import hashlib
import os
import struct
import sys

MAGIC = 0x3543A468
PT_LOAD = 1


def r8(n):
    return (n + 7) & ~7


def tlv(t, v):
    return struct.pack("<II", t, len(v)) + v + b"\0" * (r8(len(v)) - len(v))


def elf(phdrs, payload, shdrs=(), shstr=b"\0", entry=0x80000000):
    """ELF32 LE: header, program headers, payload, section names, section headers."""
    phoff = 52
    data_off = phoff + 32 * len(phdrs)
    strtab_off = data_off + len(payload)
    shoff = (strtab_off + len(shstr) + 3) & ~3
    shnum = len(shdrs) + 1
    eh = b"\x7fELF" + bytes([1, 1, 1]) + b"\0" * 9
    eh += struct.pack("<HHIIIIIHHHHHH", 2, 40, 1, entry, phoff, shoff, 0x5000200, 52, 32,
                      len(phdrs), 40, shnum, shnum - 1)
    ph = b"".join(struct.pack("<8I", PT_LOAD, data_off + o, pa, pa, sz, sz, 7, 4)
                  for (o, pa, sz) in phdrs)
    sh = b"\0" * 40
    for (name, off, size) in shdrs:
        sh += struct.pack("<10I", name, 1, 2, 0, data_off + off, size, 0, 0, 4, 0)
    # the string table section itself
    sh_str = struct.pack("<10I", 0, 3, 0, 0, strtab_off, len(shstr), 0, 0, 1, 0)
    img = eh + ph + payload + shstr
    img += b"\0" * (shoff - len(img)) + sh + sh_str
    return img


def table(img, phdrs):
    """HASHTABLE entries: Elf32_Phdr copy + SHA-256 of the segment bytes."""
    out = b""
    phoff = 52
    for k in range(len(phdrs)):
        p = img[phoff + 32 * k: phoff + 32 * k + 32]
        off, sz = struct.unpack_from("<I", p, 4)[0], struct.unpack_from("<I", p, 16)[0]
        out += p + hashlib.sha256(img[off:off + sz]).digest()
    return out


def f3(tlvs, img, sig=b"\xa5" * 256, tlv_len=None, sign_len=None, img_len=None):
    area = b"".join(tlvs)
    body = area + sig + b"\0" * (r8(len(sig)) - len(sig)) + img + b"\0" * (r8(len(img)) - len(img))
    hdr = struct.pack("<5I", MAGIC, 1, len(area) if tlv_len is None else tlv_len,
                      len(sig) if sign_len is None else sign_len,
                      len(img) if img_len is None else img_len)
    return hdr + body


def common(n_img=1, sizes=None, etype=1):
    sizes = sizes or [0]
    return [tlv(1, b"\x01"), tlv(2, b"\x01"), tlv(3, bytes([n_img])),
            tlv(4, bytes([etype]) * n_img), tlv(5, b"".join(struct.pack("<I", s) for s in sizes)),
            tlv(0x10001, struct.pack("<I", 0x80000000))]


def images(scale):
    seg = 512 * scale
    out = {}

    # 1. the most program headers, all PT_LOAD at one p_paddr, each with its
    #    own table entry: the TA's lookup is by p_paddr (quadratic), every
    #    segment is hashed
    n = 1024
    payload = bytes(range(256)) * (seg // 256 or 1)
    ph = [(0, 0x80000000, len(payload))] * n
    img = elf(ph, payload)
    out["f3-max-phdrs-one-paddr"] = f3(common(sizes=[len(img)]) + [tlv(0x10, table(img, ph))], img)

    # 2. the same, distinct p_paddr but every segment the whole payload
    ph = [(0, 0x80000000 + 0x100 * k, len(payload)) for k in range(n)]
    img = elf(ph, payload)
    out["f3-max-phdrs-whole-payload"] = f3(common(sizes=[len(img)]) + [tlv(0x10, table(img, ph))], img)

    # 3. more program headers than RPI_MAX_PHDRS (e_phnum 0xffff claimed)
    img = bytearray(elf([(0, 0x80000000, 64)] * 8, payload[:64]))
    struct.pack_into("<H", img, 44, 0xffff)
    out["f3-phnum-65535"] = f3(common(sizes=[len(img)]) + [tlv(0x10, b"\0" * 64 * 8)], bytes(img))

    # 4. the most TLV records (8 bytes each, of a type nobody reads)
    recs = [tlv(0x7e, b"")] * (6000 * scale)
    img = elf([(0, 0x80000000, 64)], payload[:64])
    ph = [(0, 0x80000000, 64)]
    out["f3-many-tlvs"] = f3(common(sizes=[len(img)]) + recs + [tlv(0x10, table(img, ph))], img)

    # 5. NUM_IMG 255: 255 minimal images, each with one segment
    one = elf([(0, 0x80000000, 16)], payload[:16])
    ph1 = [(0, 0x80000000, 16)]
    imgs = one * 255
    out["f3-255-images"] = f3(common(n_img=255, sizes=[len(one)] * 255) +
                              [tlv(0x10, table(one, ph1) * 255)], imgs)

    # 6. the most section headers, all named .resource_table (only one may be)
    names = b"\0.resource_table\0"
    rt = struct.pack("<4I", 1, 0, 0, 0)
    sh = [(1, 0, len(rt))] * 1023
    img = elf([(0, 0x80000000, len(rt))], rt, shdrs=sh, shstr=names)
    ph = [(0, 0x80000000, len(rt))]
    out["f3-many-rsc-sections"] = f3(common(sizes=[len(img)]) + [tlv(0x10, table(img, ph))], img)

    # 7. a resource table that claims 2^32 - 1 entries
    rt = struct.pack("<4I", 1, 0xffffffff, 0, 0)
    img = elf([(0, 0x80000000, len(rt))], rt, shdrs=[(1, 0, len(rt))], shstr=names)
    ph = [(0, 0x80000000, len(rt))]
    out["f3-rsc-num-max"] = f3(common(sizes=[len(img)]) + [tlv(0x10, table(img, ph))], img)

    # 8. lengths that claim 4 GiB: TLV area, signature, image, a record
    img = elf([(0, 0x80000000, 64)], payload[:64])
    out["f3-tlv-len-4g"] = f3(common(sizes=[len(img)]), img, tlv_len=0xffffffff)
    out["f3-img-len-4g"] = f3(common(sizes=[len(img)]), img, img_len=0xfffffff8)
    out["f3-record-len-4g"] = f3([struct.pack("<II", 1, 0xffffffff)] + common(), img)
    # a hash table whose entries lie past the file
    out["f3-table-past-file"] = f3(common(sizes=[len(img)]) + [struct.pack("<II", 0x10, 64 * 4096)],
                                   img)

    # 9. ENCTABLE (80-byte entries) with the most program headers
    ph = [(0, 0x80000000 + 0x100 * k, 64) for k in range(n)]
    img = elf(ph, payload[:64])
    enc = b"".join(e + b"\0" * 16 for e in
                   (table(img, ph)[64 * k:64 * k + 64] for k in range(n)))
    out["f3-enctable-max"] = f3(common(sizes=[len(img)], etype=2)[:5] +
                                [tlv(6, b"\x01"), tlv(0x12, enc),
                                 tlv(0x10001, struct.pack("<I", 0x80000000))], img)

    # 10. F1: a 56-byte header whose hash table has one entry per phdr
    ph = [(0, 0x80000000, len(payload))] * n
    img = elf(ph, payload)
    tab = table(img, ph)
    sig = b"\xa5" * 256
    hdr_len = 56 + len(tab) + len(sig)
    h = struct.pack("<14I", MAGIC, 1, hdr_len, len(sig), 56 + len(tab), 1, len(tab), 56, 1, 0, 0,
                    len(img), hdr_len, 1)
    out["f1-max-phdrs"] = h + tab + sig + img

    # 11. F2: trailer TLVs, the same table
    ph = [(0, 0x80000000, 64)] * 256
    img = elf(ph, payload[:64])
    tab = table(img, ph)

    def rec(t, v):
        return struct.pack("<HH", t, len(v)) + v + b"\0" * (r8(4 + len(v)) - 4 - len(v))

    recs = (rec(1, b"\x01") + rec(2, b"\x01") + rec(3, b"\x01") + rec(4, b"\x01") +
            rec(5, struct.pack("<I", len(img))) + rec(0x10, tab[:0xfff8 // 64 * 64]))
    chunk = struct.pack("<II", 0x6907, len(recs)) + recs
    plat = struct.pack("<II", 0x6908, 8) + rec(0x22, struct.pack("<I", 0x80000000))
    sig = b"\xa5" * 256
    h = struct.pack("<6I", MAGIC, 1, len(sig), len(img), len(chunk), len(plat))
    out["f2-many-phdrs"] = h + sig + img + b"\0" * (r8(len(img)) - len(img)) + chunk + plat
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--only", nargs="*", default=None, metavar="NAME",
                    help="write only these images")
    ap.add_argument("--suffix", default="", help="appended to every file name")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for name, data in images(args.scale).items():
        if args.only is not None and name not in args.only:
            continue
        with open(os.path.join(args.outdir, name + args.suffix), "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
