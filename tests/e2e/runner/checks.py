# SPDX-License-Identifier: GPL-2.0
"""A scenario's checks against what the guest reported.

Each check is (status, text), status ok | fail | skip:
1. the observer guarantee: same outcome and TA traffic without and with
   rproc_diag.ko (pass 0 / pass 1);
2. expect.boot, expect.ta_command/ta_result against the emulated OP-TEE's
   log in both passes;
3. the module's record (rproc_diag/attempts) against the same;
4. the daemon's cause (rproc-diag watch --json --once) against expect.cause.
"""
from . import guest
from .scenario import last_start


def observer(o0, o1, r0, r1):
    out = []
    if (o0["probe"], o0["starts"]) != (o1["probe"], o1["starts"]):
        out.append(("fail", "outcome differs with rproc_diag.ko: probe %s starts %s "
                    "without, probe %s starts %s with"
                    % (o0["probe"], o0["starts"], o1["probe"], o1["starts"])))
    else:
        out.append(("ok", "same outcome without and with rproc_diag.ko"))
    t0, t1 = guest.traffic(r0), guest.traffic(r1)
    if t0 != t1:
        out.append(("fail", "the TA saw other commands with rproc_diag.ko loaded: %s / %s"
                    % (t0, t1)))
    else:
        out.append(("ok", "same TA commands without and with rproc_diag.ko"))
    return out


def record(scn, o1, r1, want, want_boot):
    """Checks of the module's record; returns (checks, record)."""
    if "nodiag" in o1["errors"]:
        return [("skip", "record: rproc_diag.ko not in the VM")], None
    kind = "boot" if last_start(scn) else "register"
    rec = guest.last_record(guest.parse_attempts(r1["sections"].get("attempts", [])), kind)
    if rec is None:
        return [("fail", "record: no %s record in rproc_diag/attempts" % kind)], None
    got = guest.record_command(rec)
    rb = rec.get("boot_ret")
    return [("ok" if got == want else "fail", "record TA %s %s" % got),
            ("ok" if rb == str(want_boot) else "fail", "record boot_ret %s" % rb)], rec


def cause(scn, r1):
    """Check of the daemon's diagnosis; returns (checks, diagnosis)."""
    rc, objs, stderr = guest.watch_json(r1)
    diagnosis = objs[-1] if objs else None
    if rc in (None, 127) or (rc == 70 and not objs):
        return [("skip", "cause: rproc-diag watch not available in the VM")], None
    if diagnosis is None:
        return [("fail", "cause: watch printed no JSON (exit %s%s)"
                 % (rc, ": " + stderr[0] if stderr else ""))], None
    got = diagnosis.get("cause")
    return [("ok" if got == scn["expect.cause"] else "fail",
             "cause %s (expected %s)" % (got, scn["expect.cause"]))], diagnosis


def evaluate(scn, runs):
    """(checks, record, diagnosis) of one scenario."""
    name = scn["name"]
    r0, r1 = runs.get((name, 0)), runs.get((name, 1))
    if r0 is None or r1 is None:
        return [("fail", "the VM did not report both passes")], None, None
    o0, o1 = guest.outcome(r0), guest.outcome(r1)
    checks = []
    for p, o in ((0, o0), (1, o1)):
        real = [e for e in o["errors"] if e != "nodiag"]
        if real:
            checks.append(("fail", "pass %d: %s" % (p, "; ".join(real))))
    checks += observer(o0, o1, r0, r1)

    want_boot = scn["expect.boot"]
    b = guest.boot_value(o0)
    checks.append(("ok" if b == want_boot else "fail",
                   "boot %s (expected %d)" % (b, want_boot)))
    if scn["api"] == "st" and o0["probe"] == 0:
        checks.append(("ok" if o0["fw_format"] == "TEE" else "fail",
                       "fw_format %s" % o0["fw_format"]))

    section = guest.simlog_section(scn)
    want = (scn["expect.ta_command"], scn["expect.ta_result"])
    for p, r in ((0, r0), (1, r1)):
        got = guest.attempt_result(guest.ta_commands(r, section))
        checks.append(("ok" if got == want else "fail",
                       "pass %d TA %s %s (expected %s %s)" % ((p,) + got + want)))

    if scn.get("expect.stop"):
        sec = guest.last_stop_section(scn)
        for p, r in ((0, r0), (1, r1)):
            stops = [res for c, res in guest.ta_commands(r, sec or "") if c == "STOP_FW"]
            got_stop = stops[-1] if stops else "none"
            checks.append(("ok" if got_stop == scn["expect.stop"] else "fail",
                           "pass %d STOP_FW %s (expected %s)" % (p, got_stop, scn["expect.stop"])))
    more, rec = record(scn, o1, r1, want, want_boot)
    checks += more
    more, diagnosis = cause(scn, r1)
    checks += more
    return checks, rec, diagnosis
