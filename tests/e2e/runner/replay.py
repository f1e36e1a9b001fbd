# SPDX-License-Identifier: GPL-2.0
"""--replay FILE.jsonl: ground-truth rows sent straight to the simulated TA.

Each row (format: ../shared/ground-truth/README.md) is a command sequence
with what the real remoteproc TA answered.  In the VM, a fresh sim_optee
(the row's TA generation, key, memories and options) and sim_ta_client.ko
(the kernel's TEE client API) send the session open and every command;
every command's ret and origin must be the row's.  Image and key paths in
a row are relative to the directory of its file.
"""
import json
import os
import re

COMMANDS = ("load", "start", "stop", "get_rsc", "release", "coredump", "close", "open")
TAS = ("st", "upstream")


class RowError(Exception):
    pass


def _hex(text, what, sizes):
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raise RowError("%s %s is not hex" % (what, text)) from None
    if len(raw) not in sizes:
        raise RowError("%s is %d bytes, expected %s" % (what, len(raw),
                                                        " or ".join(map(str, sizes))))
    return raw.hex()


def optee_params(options):
    """The row's `options` as sim_optee parameters."""
    out, i = [], 0
    while i < len(options):
        o = options[i]
        arg = options[i + 1] if i + 1 < len(options) else None
        if o == "--pub-key-verify":
            out.append("pub_key_verify=1")
            i += 1
            continue
        if arg is None:
            raise RowError("option %s needs a value" % o)
        if o == "--otp-pkh":
            out.append("otp_pkh=" + _hex(arg, "--otp-pkh", (32,)))
        elif o == "--otp-enc-key":
            out.append("otp_enc_key=" + _hex(arg, "--otp-enc-key", (16, 24, 32)))
        elif o == "--heap-size":
            if not arg.isdigit():
                raise RowError("--heap-size %s is not a number" % arg)
            out.append("ta_heap=" + arg)
        else:
            raise RowError("option %s is not one the ground-truth README documents" % o)
        i += 2
    return out


def memory_param(mem):
    if mem == "default DT regions":
        return "-"
    if not isinstance(mem, list) or not mem:
        raise RowError("memory %r: expected \"default DT regions\" or a DA+SIZE list" % (mem,))
    for r in mem:
        da, _, size = str(r).partition("+")
        try:
            int(da, 0), int(size, 0)
        except ValueError:
            raise RowError("memory range %r: expected DA+SIZE" % r) from None
    return ",".join(mem)


def parse_row(obj, base):
    """One row: {"case", "ta", "rproc", "key", "memory", "optee", "steps",
    "expect"}; raises RowError naming what is wrong."""
    for k in ("case", "ta", "rproc_id", "tee_key", "memory", "sequence", "results"):
        if k not in obj:
            raise RowError("no `%s' field" % k)
    if obj["ta"] not in TAS:
        raise RowError("ta %r: expected one of %s" % (obj["ta"], ", ".join(TAS)))
    key = os.path.join(base, "..", "fixtures", "keys", obj["tee_key"] + ".pem")
    if not os.path.isfile(key):
        raise RowError("no key file %s" % key)
    steps = []
    for s in obj["sequence"]:
        cmd, _, arg = s.partition(":")
        if cmd not in COMMANDS or (cmd == "load") != bool(arg):
            raise RowError("sequence item %r: expected load:IMAGE or one of %s"
                           % (s, ", ".join(COMMANDS[1:])))
        path = None
        if arg:
            path = os.path.normpath(os.path.join(base, arg))
            if not os.path.isfile(path):
                raise RowError("no image %s" % path)
        steps.append((cmd, path))
    results = obj["results"]
    if len(results) != len(steps) + 1:
        raise RowError("%d results for %d commands and the session open"
                       % (len(results), len(steps)))
    expect = []
    for r in results:
        ret, origin = r.get("ret"), r.get("origin")
        expect.append((r.get("cmd", "?"),
                       None if ret is None else int(str(ret), 16),
                       None if origin is None else int(origin)))
    return {"case": obj["case"], "ta": obj["ta"], "rproc": int(obj["rproc_id"]),
            "key": key, "memory": memory_param(obj["memory"]),
            "optee": ",".join(optee_params(obj.get("options", []))) or "-",
            "steps": steps, "expect": expect}


def load(path):
    """[(row or None, error or None, line number)] of a JSON-lines file."""
    base = os.path.dirname(os.path.abspath(path))
    rows = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                rows.append((None, "%s:%d: not JSON: %s" % (path, no, e), no))
                continue
            try:
                rows.append((parse_row(obj, base), None, no))
            except RowError as e:
                rows.append(({"case": obj.get("case", "line %d" % no)},
                             "%s:%d: %s" % (path, no, e), no))
    return rows


def manifest(rows, stage, first=0):
    """Manifest lines for the rows that parsed; row i is named r<first+i>."""
    out = []
    for i, (row, err, _) in enumerate(rows, first):
        if err:
            continue
        out.append("row name=r%d ta=%s rproc=%d key=%s mem=%s optee=%s"
                   % (i, row["ta"], row["rproc"], stage.add(row["key"]),
                      row["memory"], row["optee"]))
        for cmd, path in row["steps"]:
            out.append("step %s%s" % (cmd, " " + stage.add(path) if path else ""))
        out.append("end")
    return out


def parse_output(text):
    """{"r<i>": {"results": [(label, ret|None, origin|None, raw)], "errors": [...],
    "console": [...]}} from the guest's report."""
    m = re.search(r"@@E2E-OUTPUT-BEGIN\n(.*)@@E2E-OUTPUT-END", text, re.S)
    rows, cur, sec = {}, None, None
    for line in (m.group(1) if m else "").splitlines():
        if line.startswith("@@ row "):
            cur = {"results": [], "errors": [], "console": []}
            rows[line[7:].strip()] = cur
            sec = None
        elif cur is None:
            continue
        elif line == "@@ end":
            cur = None
        elif line == "@@ console":
            sec = cur["console"]
        elif sec is not None:
            sec.append(line)
        elif line.startswith("result "):
            _, label, rest = (line.split(" ", 2) + [""])[:3]
            ret = origin = None
            fields = dict(kv.split("=", 1) for kv in rest.split() if "=" in kv)
            if fields.get("ret", "none") != "none":
                ret = int(fields["ret"], 16)
            if fields.get("origin", "none") != "none":
                origin = int(fields["origin"])
            cur["results"].append((label, ret, origin, rest))
            if rest.startswith("error"):
                cur["errors"].append("%s: %s" % (label, rest))
        elif line.startswith("error"):
            cur["errors"].append(line)
    return rows


def judge(row, got):
    """(ok, text) of one row against the guest's results."""
    if got is None:
        return False, "the VM did not report this row"
    if got["errors"]:
        return False, "; ".join(got["errors"])
    bad = []
    labels = ["open"] + [c for c, _ in row["steps"]]
    for i, (want, label) in enumerate(zip(row["expect"], labels)):
        if i >= len(got["results"]):
            bad.append("#%d %s: no result" % (i, label))
            continue
        _, ret, origin, _ = got["results"][i]
        _, wret, worigin = want
        if (ret, origin) != (wret, worigin):
            bad.append("#%d %s: ret %s origin %s, expected %s origin %s"
                       % (i, label, _fmt(ret), origin, _fmt(wret), worigin))
    if bad:
        return False, "; ".join(bad)
    return True, "%d commands" % len(row["expect"])


def _fmt(ret):
    return "none" if ret is None else "0x%08x" % ret
