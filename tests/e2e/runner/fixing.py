# SPDX-License-Identifier: GPL-2.0
"""`fix = KEY` scenarios: before the VM boots, the scenario's firmware goes
through `rproc-diag fix FIRMWARE --key KEY --soc SOC --ta TA` on the host
(the tool the run builds), and the fixed image is what the VM loads.  A fix
that exits non-zero fails the scenario: the VM then shows that the image fix
says loads does load (issue 14: every fixable failing scenario, fixed with
the development key, boots)."""
import json
import os
import subprocess


def apply(scns, tool, rdir):
    """Point each fix scenario's firmware at its fixed image; return
    [(scenario, error text)] for the ones fix refused (or could not run)."""
    out_dir = os.path.join(rdir, "fixed")
    failed = []
    for scn in scns:
        if not scn.get("fix"):
            continue
        if not tool:
            failed.append((scn, "the host rproc-diag does not build: cannot run fix"))
            continue
        out = os.path.join(out_dir, scn["name"] + ".sig")
        os.makedirs(out_dir, exist_ok=True)
        p = subprocess.run([tool, "fix", scn["firmware"], "--key", scn["fix"], "--soc", scn["soc"],
                            "--ta", scn["ta"], "--out", out, "--json"],
                           capture_output=True, text=True, check=False)
        try:
            d = json.loads(p.stdout.splitlines()[0]) if p.stdout else {}
        except ValueError:
            d = {}
        if p.returncode or not os.path.isfile(out):
            why = "; ".join(r.get("text", "") for r in d.get("refused", [])) or \
                p.stderr.strip()[-300:]
            failed.append((scn, "rproc-diag fix exited %d: %s" % (p.returncode, why)))
            continue
        scn["fix_changes"] = [c["code"] for c in d.get("changes", [])]
        scn["firmware"] = out
    return failed
