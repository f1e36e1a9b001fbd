# SPDX-License-Identifier: GPL-2.0
"""scripts/e2e: command line, the run, the summary."""
import argparse
import json
import os
import shutil
import sys
import time

from . import BUILD, FIXTURES, SCN_DIR
from . import checks, controls, guest, scenario, vm

DESCRIPTION = """\
Run end-to-end scenarios (tests/e2e/scenarios/*.scn; all of them when none
is named) in the test VM against the simulated STM32MP TEE remoteproc stack
(tests/sim).  Every scenario runs twice in the same VM boot, without and then
with rproc_diag.ko, and fails if the outcome or the TA commands differ.  Then
the expectations are checked against what really happened (the emulated
OP-TEE's command log), against the module's record
(/sys/kernel/debug/rproc_diag/attempts) and, when the daemon works in the
VM, expect.cause against `rproc-diag watch --json --once`."""

EPILOG = """\
Scenario files: `key = value` lines, `#` comments; keys:
%s

Images: tests/e2e/mkimage.py builds them from tests/fixtures for each run,
signed by the project's `rproc-diag sign` (host build in
build/e2e/userspace-host) when it builds, else by mkimage.py with openssl;
mkimage.py's own layout (checked byte for byte against the real OP-TEE tool's
output) is the reference the project's signer must match.

Prints one line per scenario and `N passed, N failed, N skipped` (skipped:
checks that could not run, e.g. the daemon or module not in the VM).
Exit status 0 when nothing failed, 64 for usage errors."""

EX_USAGE = 64


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write("e2e: %s\n" % message)
        sys.exit(EX_USAGE)


def arg_parser():
    ap = Parser(prog="scripts/e2e", description=DESCRIPTION,
                epilog=EPILOG % scenario.keys_help(),
                formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                    help="a name under tests/e2e/scenarios (with or without .scn) or a path")
    ap.add_argument("--json", action="store_true",
                    help="also print one JSON object per scenario: checks, the module's "
                    "record, the daemon's diagnosis")
    ap.add_argument("--debug-kernel", action="store_true",
                    help="boot the debug kernel (KASAN, kmemleak, lockdep)")
    ap.add_argument("--arch", choices=sorted(vm.ARCHES), default="arm64",
                    help="test VM architecture (default arm64)")
    ap.add_argument("--timeout", type=int, metavar="SEC",
                    help="VM wall-clock limit (default 120 + 30 per scenario, 900 with "
                    "--debug-kernel)")
    ap.add_argument("--check", action="store_true",
                    help="only parse the scenarios (with --self-test: and run the "
                    "controls that need no VM)")
    ap.add_argument("--self-test", action="store_true",
                    help="add controls: broken scenario files must be refused, wrong-key "
                    "with a good boot's expectations must fail every check (in the same VM "
                    "boot), rproc-diag sign must agree with mkimage.py")
    return ap


def find_scenarios(names):
    if not names:
        return sorted(os.path.join(SCN_DIR, f) for f in os.listdir(SCN_DIR)
                      if f.endswith(".scn"))
    paths = []
    for n in names:
        for cand in (n, os.path.join(SCN_DIR, n), os.path.join(SCN_DIR, n + ".scn")):
            if os.path.isfile(cand):
                paths.append(os.path.abspath(cand))
                break
        else:
            raise scenario.ScnError("no scenario `%s' (looked in %s)" % (n, SCN_DIR))
    return paths


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def line(self):
        return "%d passed, %d failed, %d skipped" % (self.passed, self.failed, self.skipped)


def print_controls(results, tally):
    for name, ok, text in results:
        print("%s %-24s %s" % ({True: "ok  ", False: "FAIL", None: "skip"}[ok], name, text))
        tally.passed += ok is True
        tally.failed += ok is False
        tally.skipped += ok is None


def report(scn, result, vm_rc, log, tally, as_json):
    """Print one scenario's line (and JSON object); count it."""
    checks_, rec, diagnosis = result
    if scn.get("control"):
        ok, text = controls.judge_wrong_expectations(checks_)
        if vm_rc:
            ok, text = False, "VM run failed"
        print("%s %-24s %s" % ("ok  " if ok else "FAIL", scn["name"], text))
        tally.passed += ok
        tally.failed += not ok
        return
    failed = [t for st, t in checks_ if st == "fail"]
    skipped = [t for st, t in checks_ if st == "skip"]
    if vm_rc and not failed:
        failed = ["VM run failed (exit %d, see %s)" % (vm_rc, log)]
    if failed:
        tally.failed += 1
        print("FAIL %-24s %s" % (scn["name"], "; ".join(failed)))
    else:
        tally.passed += 1
        what = "boot %d, %s %s" % (scn["expect.boot"], scn["expect.ta_command"],
                                   scn["expect.ta_result"])
        if not any(t.startswith("cause:") for t in skipped):
            what += ", cause %s" % scn["expect.cause"]
        print("ok   %-24s %s%s" % (scn["name"], what,
                                   " (skipped: %s)" % "; ".join(skipped) if skipped else ""))
    if skipped:
        tally.skipped += 1
    if as_json:
        print(json.dumps({"scenario": scn["name"], "passed": not failed,
                          "checks": [{"status": st, "text": t} for st, t in checks_],
                          "record": rec, "diagnosis": diagnosis}, sort_keys=True))


def main(argv):
    args = arg_parser().parse_args(argv)
    try:
        paths = find_scenarios(args.scenarios)
    except scenario.ScnError as e:
        sys.stderr.write("e2e: %s\n" % e)
        return EX_USAGE

    t0 = time.time()
    rdir = vm.run_dir()
    images = os.path.join(rdir, "images")
    signer = vm.host_signer()
    if not vm.build_images(images, signer):
        sys.stderr.write("e2e: building the scenario images failed\n")
        return 1
    variables = {"E2E_IMAGES": images, "E2E_FIXTURES": FIXTURES}
    try:
        scns = [scenario.parse(p, variables) for p in paths]
    except scenario.ScnError as e:
        sys.stderr.write("e2e: %s\n" % e)
        return EX_USAGE
    selftests = []
    if args.self_test:
        selftests = controls.parser(rdir, paths[0], variables)
        selftests.append(controls.signer_agreement(images, signer))
        ctl = controls.wrong_expectations(rdir, variables)
        if ctl:
            scns.append(ctl)
    tally = Tally()
    if args.check:
        print_controls(selftests, tally)
        if tally.failed:
            return 1
        for s in scns:
            print("ok   %-24s parsed" % s["name"])
        tally.passed += len(scns)
        print(tally.line())
        return 0
    seen = set()
    for s in scns:
        if s["name"] in seen:
            sys.stderr.write("e2e: scenario %s given twice\n" % s["name"])
            return EX_USAGE
        seen.add(s["name"])

    stage = guest.Stage(os.path.join(rdir, "stage"))
    man = os.path.join(rdir, "manifest")
    with open(man, "w", encoding="utf-8") as f:
        f.write("".join(guest.manifest_line(s, stage) + "\n" for s in scns))
    timeout = args.timeout or (900 if args.debug_kernel else 120 + 30 * len(scns))
    log = os.path.join(rdir, "vm.log")
    rc, text = vm.boot(args.arch, [(stage.dir, "/lib/firmware/e2e"),
                                   (man, "/files/e2e-manifest")],
                       ["sh", "/tests/e2e/run.sh", "/files/e2e-manifest"], log,
                       debug=args.debug_kernel, timeout=timeout)
    runs = guest.parse_output(text)
    if runs is None or rc:
        sys.stderr.write("e2e: the VM run failed (exit %d); its log is %s:\n" % (rc, log))
        sys.stderr.write("".join(text.splitlines(True)[-40:]))
        runs = runs or {}

    print_controls(selftests, tally)
    for s in scns:
        report(s, checks.evaluate(s, runs), rc, log, tally, args.json)
    shutil.copyfile(log, os.path.join(BUILD, "last-vm.log"))
    print("e2e: %d scenarios in %ds (VM log: build/e2e/last-vm.log)"
          % (len(scns), time.time() - t0))
    print(tally.line())
    return 1 if tally.failed else 0
