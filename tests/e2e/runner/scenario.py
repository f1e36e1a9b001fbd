# SPDX-License-Identifier: GPL-2.0
"""Scenario files (tests/e2e/scenarios/*.scn): `key = value` lines, `#`
comments.  Every key is one row of KEYS; adding a key is one row here, its
use in guest.py (the manifest) and tests/guest/e2e/run.sh, and a line in
tests/e2e/README.md."""
import hashlib
import os
import re
import subprocess
import textwrap

from . import TOP

ACTIONS = ("start", "stop", "none")
# sim_optee parameters a scenario may set through `optee` (tests/sim/README.md)
OPTEE_KNOBS = {"st_da_translation": r"dma-ranges|regions", "ta_heap": r"[0-9]+",
               "secure_ids": r"[01](,[01])*"}
TA_CMDS = ("LOAD_FW", "START_FW", "STOP_FW", "GET_RSC_TABLE", "GET_COREDUMP",
           "RELEASE_FW", "OPEN_SESSION", "NONE")


class ScnError(Exception):
    pass


def _int(val):
    try:
        return int(val, 0)
    except ValueError:
        raise ScnError("is not a number") from None


def _hex_or_none(val):
    val = val.lower()
    if val == "none":
        return val
    try:
        return "0x%08x" % int(val, 16)
    except ValueError:
        raise ScnError("is not hex") from None


def _ta_command(val):
    if val not in TA_CMDS:
        raise ScnError("expected one of %s" % " ".join(TA_CMDS))
    return val


def _cause(val):
    if not re.fullmatch(r"[a-z0-9-]+", val):
        raise ScnError("is not a cause identifier")
    return val


def _memory(val):
    mem = val.replace(",", " ").split()
    for r in mem:
        if not re.fullmatch(r"(0x[0-9a-fA-F]+|[0-9]+)\+(0x[0-9a-fA-F]+|[0-9]+)", r):
            raise ScnError("range `%s': expected DA+SIZE" % r)
    return ",".join(mem) if mem else "-"


def _actions(val):
    """[(action, firmware path or None)]; `start:PATH` starts with PATH."""
    acts = []
    for a in val.split():
        name, colon, path = a.partition(":")
        if name not in ACTIONS or (colon and (name != "start" or not path)):
            raise ScnError("`%s': use %s or start:FIRMWARE" % (a, ", ".join(ACTIONS)))
        acts.append((name, _path(path) if colon else None))
    if not acts:
        raise ScnError("use %s or start:FIRMWARE" % ", ".join(ACTIONS))
    return acts


def _optee(val):
    """Extra emulated OP-TEE build options, KNOB=VALUE ... (OPTEE_KNOBS)."""
    out = []
    for kv in val.split():
        k, eq, v = kv.partition("=")
        if not eq or k not in OPTEE_KNOBS or not re.fullmatch(OPTEE_KNOBS[k], v):
            raise ScnError("`%s': expected KNOB=VALUE, KNOB one of %s"
                           % (kv, ", ".join(sorted(OPTEE_KNOBS))))
        out.append(kv)
    return out


def _key_file(val):
    """otp_enc_key: the raw AES key file (16, 24 or 32 bytes) -> hex."""
    p = _path(val)
    with open(p, "rb") as f:
        raw = f.read()
    if len(raw) not in (16, 24, 32):
        raise ScnError("%d bytes: an AES key file holds 16, 24 or 32" % len(raw))
    return raw.hex()


def _pkh(val):
    """The OTP hash as hex, or key:PATH: the hash ST's PTA computes of that
    key (remoteproc_pta.c rproc_compute_hash: SHA-256 of the RSA-2048
    modulus and 3-byte exponent, or of the P-256 X and Y)."""
    if val.startswith("key:"):
        der = subprocess.run(["openssl", "pkey", "-in", _path(val[4:]), "-pubout",
                              "-outform", "DER"], capture_output=True, check=False)
        if der.returncode:
            raise ScnError("openssl cannot read the key: %s" % der.stderr.decode().strip())
        d = der.stdout
        if len(d) == 294:
            return hashlib.sha256(d[33:33 + 256] + d[33 + 256 + 2:]).hexdigest()
        if len(d) == 91:
            return hashlib.sha256(d[27:]).hexdigest()
        raise ScnError("only RSA-2048 and EC P-256 keys have an OTP hash (%d-byte key)"
                       % len(d))
    if not re.fullmatch(r"[0-9a-fA-F]{64}", val):
        raise ScnError("expected the 64 hex digits of a SHA-256, or key:PATH")
    return val.lower()


def _path(val):
    p = val if os.path.isabs(val) else os.path.join(TOP, val)
    if not os.path.isfile(p):
        raise ScnError("no such file: %s" % val)
    return p


class Key:
    """One scenario key.  choices: allowed values; parse: value ->
    normalised value (raises ScnError with the reason); optional: the key
    may be left out, then the scenario gets `default` (already normalised)."""

    def __init__(self, doc, choices=None, parse=None, optional=False, default=None):
        self.doc, self.choices, self.parse = doc, choices, parse
        self.optional, self.default = optional, default

    def value(self, val):
        if self.choices and val not in self.choices:
            raise ScnError("expected one of %s" % " | ".join(self.choices))
        return self.parse(val) if self.parse else val


KEYS = {
    "firmware": Key("host path of the image (${E2E_IMAGES}: images built for the run by "
                    "tests/e2e/mkimage.py, ${E2E_FIXTURES}: tests/fixtures, relative "
                    "paths: from the repository)", parse=_path),
    "tee_key": Key("host path of the key the emulated OP-TEE trusts (PEM/DER)", parse=_path),
    "ta": Key("TA generation", choices=("upstream", "st", "legacy")),
    "soc": Key("which coprocessor node binds", choices=("mp25", "mp15")),
    "api": Key("kernel TEE remoteproc API", choices=("st", "upstream")),
    "ta_enumerated": Key("no = \"opteemin\", no TA", choices=("yes", "no")),
    "memory": Key("memories OP-TEE declares, DA+SIZE ...; absent: its default memories",
                  parse=_memory, optional=True, default="-"),
    "optee": Key("more emulated OP-TEE build options, KNOB=VALUE ...: "
                 "st_da_translation=regions (ST before commit 7a7a05e1), ta_heap=BYTES, "
                 "secure_ids=0,1", parse=_optee, optional=True, default=[]),
    "otp_enc_key": Key("the AES key ST's OTP holds for encrypted images: the raw key "
                       "file (16, 24 or 32 bytes, what sign_rproc_fw.py --enc_key reads); "
                       "absent: unfused", parse=_key_file, optional=True),
    "pub_key_verify": Key("ST's CFG_REMOTEPROC_PUB_KEY_VERIFY=y with this OTP hash "
                          "(64 hex digits: SHA-256 of the RSA modulus and exponent, or "
                          "of the EC X and Y; or key:PATH, the hash of that key)",
                          parse=_pkh, optional=True),
    "coprocessor": Key("off: Linux boots it; running: an earlier boot stage started "
                       "it, `start` attaches (ST build only)", choices=("off", "running"),
                       optional=True, default="off"),
    "fix": Key("a private key: run the firmware through `rproc-diag fix --key KEY` "
               "(for this soc and ta) on the host first, and boot the fixed image; fix "
               "refusing fails the scenario (runner/fixing.py)", parse=_path, optional=True),
    "actions": Key("start | start:FIRMWARE | stop | none, space-separated, in order "
                   "(start:FIRMWARE writes that firmware name first; expect.* are "
                   "about the last start)", parse=_actions),
    "expect.boot": Key("return of the last start (sysfs \"Boot failed: N\", 0 when it "
                       "booted); with actions = none: the probe result", parse=_int),
    "expect.ta_command": Key("first failing TA command of that attempt, else its last: "
                             "LOAD_FW START_FW STOP_FW GET_RSC_TABLE RELEASE_FW, "
                             "OPEN_SESSION (session refused) or NONE (no TEE call)",
                             parse=_ta_command),
    "expect.ta_result": Key("its TEE result, 0x%08x, or none", parse=_hex_or_none),
    "expect.cause": Key("the daemon's cause identifier", parse=_cause),
    "expect.stop": Key("TEE result of STOP_FW in the last stop action, 0x%08x, or none "
                       "(no STOP_FW sent)", parse=_hex_or_none, optional=True),
}


def keys_help():
    """The key table as --help prints it."""
    out = []
    for k, spec in KEYS.items():
        doc = spec.doc
        if spec.choices:
            doc = "%s: %s" % (" | ".join(spec.choices), doc)
        if spec.optional:
            doc += " (optional)"
        lines = textwrap.wrap(doc, 56)
        out.append("  %-18s %s" % (k, lines[0]))
        out += ["  %-18s %s" % ("", line) for line in lines[1:]]
    return "\n".join(out)


def parse(path, variables):
    """Parse and validate one scenario file; raise ScnError naming the line."""
    name = os.path.splitext(os.path.basename(path))[0]
    raw = {}
    with open(path, encoding="utf-8") as f:
        for no, text in enumerate(f, 1):
            line = text.strip()
            if not line or line.startswith("#"):
                continue
            where = "%s:%d" % (path, no)
            if "=" not in line:
                raise ScnError("%s: expected `key = value', got `%s'" % (where, line))
            key, val = (s.strip() for s in line.split("=", 1))
            if key not in KEYS:
                raise ScnError("%s: unknown key `%s' (known: %s)"
                               % (where, key, ", ".join(sorted(KEYS))))
            if key in raw:
                raise ScnError("%s: `%s' given twice" % (where, key))

            def expand(m, where=where):
                if m.group(1) not in variables:
                    raise ScnError("%s: unknown variable ${%s} (known: %s)"
                                   % (where, m.group(1), ", ".join(sorted(variables))))
                return variables[m.group(1)]
            raw[key] = re.sub(r"\$\{([A-Za-z0-9_]+)\}", expand, val)
    missing = sorted(k for k, spec in KEYS.items() if not spec.optional and k not in raw)
    if missing:
        raise ScnError("%s: missing key(s): %s" % (path, ", ".join(missing)))
    scn = {"name": name, "path": path}
    for k, spec in KEYS.items():
        if k not in raw:
            scn[k] = spec.default
            continue
        try:
            scn[k] = spec.value(raw[k])
        except ScnError as e:
            raise ScnError("%s: %s = %s: %s" % (path, k, raw[k], e)) from None
    return scn


def last_start(scn):
    """1-based index of the last start action, 0 when nothing is started."""
    return max([i + 1 for i, (a, _) in enumerate(scn["actions"]) if a == "start"],
               default=0)
