# SPDX-License-Identifier: GPL-2.0
"""The interface with tests/guest/e2e/run.sh, the part that runs in the VM.

Host -> guest: files staged under /lib/firmware/e2e/ and a manifest, one
line per job: `scenario name=NAME ta=... soc=... ...` (key=value words, no
value contains a space; lists use commas), read by run.sh by name so a new
field never shifts the others.

Guest -> host: everything between @@E2E-OUTPUT-BEGIN and -END; per run
`@@ begin NAME PASS` ... `@@ end`, with `@@ SECTION` headers inside.
"""
import json
import os
import re
import shutil

from .scenario import last_start


class Stage:
    """Host files copied once each into the guest's /lib/firmware/e2e/."""

    def __init__(self, directory):
        self.dir = directory
        self.names = {}
        os.makedirs(directory, exist_ok=True)

    def add(self, host):
        if host not in self.names:
            name = "%d-%s" % (len(self.names), os.path.basename(host))
            shutil.copyfile(host, os.path.join(self.dir, name))
            self.names[host] = "e2e/" + name
        return self.names[host]


def optee_params(scn):
    """The sim_optee parameters a scenario adds (comma-separated or "-")."""
    p = list(scn["optee"])
    if scn.get("otp_enc_key"):
        p.append("otp_enc_key=" + scn["otp_enc_key"])
    if scn.get("pub_key_verify"):
        p += ["pub_key_verify=1", "otp_pkh=" + scn["pub_key_verify"]]
    return ",".join(p) or "-"


def manifest_line(scn, stage):
    """The manifest line of one scenario."""
    acts = [a if not path else "start:" + stage.add(path) for a, path in scn["actions"]]
    fields = [
        ("name", scn["name"]),
        ("ta", scn["ta"]),
        ("soc", scn["soc"]),
        ("api", scn["api"]),
        ("enum", "1" if scn["ta_enumerated"] == "yes" else "0"),
        ("fw", stage.add(scn["firmware"])),
        ("key", stage.add(scn["tee_key"])),
        ("mem", scn["memory"]),
        ("optee", optee_params(scn)),
        ("plat", "detached=1" if scn["coprocessor"] == "running" else "-"),
        ("actions", ",".join(acts)),
    ]
    for k, v in fields:
        if not v or re.search(r"[\s'\"\\$`]", v):
            raise ValueError("manifest field %s=%r is empty or not shell-safe" % (k, v))
    return "scenario " + " ".join("%s=%s" % kv for kv in fields)


# ---- parsing what the guest printed --------------------------------------

def parse_output(text):
    """{(name, pass): {"top": [...], "sections": {name: [lines]}}}, or None
    when the guest printed no report."""
    m = re.search(r"@@E2E-OUTPUT-BEGIN\n(.*)@@E2E-OUTPUT-END", text, re.S)
    if not m:
        return None
    runs, cur, sec = {}, None, None
    for line in m.group(1).splitlines():
        if line.startswith("@@ begin "):
            _, _, name, p = line.split()
            cur = {"top": [], "sections": {}}
            runs[(name, int(p))] = cur
            sec = cur["top"]
        elif cur is None:
            continue
        elif line == "@@ end":
            cur, sec = None, None
        elif line.startswith("@@ "):
            sec = cur["sections"].setdefault(line[3:], [])
        elif re.match(r"(probe|rproc|action|error|nodiag)\b", line):
            cur["top"].append(line)
        else:
            sec.append(line)
    return runs


def outcome(run):
    """Probe result, start results, the rproc's fw_format, error lines."""
    o = {"probe": None, "starts": [], "errors": [], "fw_format": None}
    for line in run["top"]:
        if line.startswith("probe "):
            o["probe"] = int(line.split()[1])
        elif line.startswith("action ") and " start " in line:
            o["starts"].append(int(re.search(r"boot=(-?\d+)", line).group(1)))
        elif line.startswith("rproc "):
            o["fw_format"] = re.search(r"fw_format=(\S+)", line).group(1)
        elif line.startswith("error") or line.startswith("nodiag"):
            o["errors"].append(line)
    return o


def boot_value(o):
    return o["starts"][-1] if o["starts"] else o["probe"]


def last_stop_section(scn):
    """The simlog section of the last stop action, or None."""
    n = max([i + 1 for i, (a, _) in enumerate(scn["actions"]) if a == "stop"], default=0)
    return "simlog action %d" % n if n else None


def simlog_section(scn):
    """The emulated OP-TEE log section of the attempt a scenario is about."""
    n = last_start(scn)
    return "simlog action %d" % n if n else "simlog probe"


def ta_commands(run, section):
    """[(command, result)] the emulated OP-TEE logged in a section."""
    cmds = []
    for line in run["sections"].get(section, []):
        m = re.match(r"session open .* ret=(0x[0-9a-f]+)", line)
        if m:
            cmds.append(("OPEN_SESSION", m.group(1)))
            continue
        m = re.match(r"invoke .* cmd=(\w+) .*ret=(0x[0-9a-f]+)", line)
        if m:
            cmds.append((m.group(1), m.group(2)))
    return cmds


def attempt_result(cmds):
    """The command an attempt is judged by: the first that failed, else the
    last; (NONE, none) when the TA saw nothing."""
    if not cmds:
        return ("NONE", "none")
    for c in cmds:
        if c[1] != "0x00000000":
            return c
    return cmds[-1]


def traffic(run):
    """Every simlog section's commands, for the observer comparison."""
    return sorted((k, ta_commands(run, k)) for k in run["sections"] if k.startswith("simlog"))


def parse_attempts(lines):
    """The blocks of /sys/kernel/debug/rproc_diag/attempts."""
    blocks, cur = [], None
    for line in lines + [""]:
        if not line.strip():
            if cur:
                blocks.append(cur)
            cur = None
            continue
        k, _, v = line.partition(": ")
        if cur is None:
            cur = {}
        if k in ("ta_cmd", "finding"):
            cur.setdefault(k, []).append(v)
        else:
            cur[k.strip()] = v.strip()
    return blocks


def last_record(blocks, kind):
    chosen = None
    for b in blocks:
        if b.get("kind") == kind:
            chosen = b
    return chosen


def record_command(rec):
    """(command, result) as the module reports it."""
    if rec.get("kind") == "register":
        m = re.search(r"ret=(0x[0-9a-f]+)", rec.get("session", ""))
        if m:
            return ("OPEN_SESSION", m.group(1))
        return ("NONE", "none")
    return (rec.get("ta_command", "none").upper(), rec.get("ta_result", "none"))


def watch_json(run):
    """(exit status, JSON objects, stderr lines) of the daemon's watch."""
    sec = run["sections"]
    rc_line = [k for k in sec if k.startswith("watch_rc ")]
    rc = int(rc_line[-1].split()[1]) if rc_line else None
    objs, stderr = [], []
    for k, lines in sec.items():
        if not k.startswith("watch ") or k.startswith("watch_rc"):
            continue
        for line in lines:
            if line.startswith("{"):
                try:
                    objs.append(json.loads(line))
                except ValueError:
                    stderr.append("unparseable JSON: " + line[:120])
            elif line.startswith("stderr: "):
                stderr.append(line[8:])
    return rc, objs, stderr
