# SPDX-License-Identifier: GPL-2.0
"""--self-test: controls showing that the checks can fail.

- broken scenario files must be refused, naming the problem;
- `rproc-diag sign` must produce mkimage.py's bytes (signer.txt);
- wrong-key with the expectations of a good boot must fail every check
  (it runs in the same VM boot as the suite);
- with --replay, a copy of a ground-truth row whose last expected result is
  altered must be reported as FAIL.
Each control is (name, ok, text), ok True | False | None (skipped).
"""
import copy
import os
import re

from . import SCN_DIR
from . import scenario


def parser(run_dir, sample, variables):
    with open(sample, encoding="utf-8") as f:
        good = f.read()
    cases = [
        ("parser-unknown-key", good + "expect.colour = red\n", "unknown key `expect.colour'"),
        ("parser-bad-value", re.sub(r"(?m)^ta = .*$", "ta = optee", good), "ta = optee"),
        ("parser-missing-key", re.sub(r"(?m)^expect\.cause = .*\n", "", good),
         "missing key(s): expect.cause"),
        ("parser-duplicate", good + "soc = mp15\n", "`soc' given twice"),
    ]
    out = []
    for name, text, want in cases:
        path = os.path.join(run_dir, name + ".scn")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            scenario.parse(path, variables)
            out.append((name, False, "accepted a broken scenario"))
        except scenario.ScnError as e:
            ok = want in str(e)
            out.append((name, ok, "refused: " + str(e).split(": ", 1)[1] if ok
                        else "refused for the wrong reason: %s" % e))
    return out


def signer_agreement(images, signer):
    if not signer:
        return ("signer-agreement", None, "rproc-diag sign not available: images from mkimage.py")
    with open(os.path.join(images, "signer.txt"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    bad = [line[5:] for line in lines if line.startswith("FAIL")]
    if bad or not lines:
        return ("signer-agreement", False, "; ".join(bad) or "no image was signed")
    return ("signer-agreement", True,
            "rproc-diag sign made the %d signed images, identical to mkimage.py's" % len(lines))


def wrong_expectations(run_dir, variables):
    """A copy of wrong-key with a good boot's expectations, or None."""
    src = os.path.join(SCN_DIR, "wrong-key.scn")
    if not os.path.isfile(src):
        return None
    with open(src, encoding="utf-8") as f:
        text = f.read()
    for k, v in (("expect.boot", "0"), ("expect.ta_command", "START_FW"),
                 ("expect.ta_result", "0x00000000"), ("expect.cause", "ok")):
        text = re.sub(r"(?m)^%s = .*$" % re.escape(k), "%s = %s" % (k, v), text)
    path = os.path.join(run_dir, "control-wrong-expect.scn")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    scn = scenario.parse(path, variables)
    scn["control"] = True
    return scn


def judge_wrong_expectations(checks):
    """Every kind of check must have failed (or been skipped) on the control."""
    need = {"boot": r"^boot ", "TA (emulated OP-TEE)": r"^pass 0 TA ",
            "record": r"^record TA ", "cause": r"^cause "}
    missed = []
    for what, rx in need.items():
        sts = [st for st, t in checks if re.match(rx, t)]
        if what in ("record", "cause") and not sts:
            sts = [st for st, t in checks if st == "skip" and t.startswith(what)]
        if "fail" not in sts and "skip" not in sts:
            missed.append(what)
    if missed:
        return False, "wrong expectations not detected by: " + ", ".join(missed)
    return True, "wrong expectations detected (boot, TA result, record, cause)"


def wrong_row(rows):
    """A copy of the first usable row with its last result altered, or None."""
    for row, err, no in rows:
        if err:
            continue
        bad = copy.deepcopy(row)
        cmd, ret, origin = bad["expect"][-1]
        bad["expect"][-1] = (cmd, (ret or 0) ^ 0x1, origin)
        bad["case"] = "control-replay-wrong-expect"
        bad["control"] = True
        return (bad, None, no)
    return None
