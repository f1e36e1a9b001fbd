# SPDX-License-Identifier: GPL-2.0
"""scripts/e2e: command line, the run, the summary."""
import argparse
import json
import os
import shutil
import sys
import time

from . import BUILD, FIXTURES, SCN_DIR
from . import checks, controls, fixing, guest, replay, scenario, vm

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

Replay (--replay FILE.jsonl...): every row of a ground-truth file
(../shared/ground-truth/README.md) is sent, command by command, straight to
the simulated TA through the kernel's TEE client API (sim_ta_client.ko), on
a fresh emulated OP-TEE with the row's TA, key, memories and options; each
command's ret and origin must be the row's.  Scenarios run too when they
are named or with --self-test.

Prints one line per scenario and ground-truth row and `N passed, N failed,
N skipped` (skipped: checks that could not run, e.g. the daemon or module not
in the VM; with --strict a skipped check fails its scenario).  Exit status 0
when nothing failed, 64 for usage errors."""

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
    ap.add_argument("--replay", nargs="+", metavar="FILE.jsonl", default=[],
                    help="replay ground-truth rows straight to the simulated TA")
    ap.add_argument("--skip-missing", action="store_true",
                    help="a --replay file that does not exist is reported as skipped "
                    "(make check without ../shared) instead of a usage error")
    ap.add_argument("--strict", action="store_true",
                    help="a scenario check that could not run fails the scenario")
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


def report(scn, result, vm_rc, log, tally, as_json, strict=False):
    """Print one scenario's line (and JSON object); count it."""
    checks_, rec, diagnosis = result
    if strict and not scn.get("control"):
        checks_ = [("fail" if st == "skip" else st, t + (" (--strict: a check that "
                    "could not run fails)" if st == "skip" else "")) for st, t in checks_]
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


def load_replays(files, skip_missing, tally):
    """[(file, rows)] of the replay files; missing ones are skipped (with
    --skip-missing) or a usage error (None)."""
    out = []
    for path in files:
        if not os.path.isfile(path):
            if not skip_missing:
                sys.stderr.write("e2e: --replay %s: no such file\n" % path)
                return None
            print("skip %s: no such file (the shared ground truth is not beside this "
                  "checkout); its rows were not replayed" % path)
            tally.skipped += 1
            continue
        out.append((path, replay.load(path)))
    return out


def report_rows(replays, rows_out, vm_rc, tally, as_json):
    n = 0
    for path, rows in replays:
        for row, err, _ in rows:
            name = "r%d" % n
            n += 1
            if err:
                ok, text = False, err
            else:
                ok, text = replay.judge(row, rows_out.get(name))
                if row.get("control"):
                    ok, text = (not ok and "expected " in text,
                                "an altered expectation was detected" if not ok
                                else "an altered expectation passed: the replay cannot fail")
                if vm_rc and ok:
                    ok, text = False, "VM run failed"
            print("%s %s: %s" % ("ok  " if ok else "FAIL", row["case"], text))
            tally.passed += ok
            tally.failed += not ok
            if as_json:
                got = rows_out.get(name) or {}
                print(json.dumps({"row": row["case"], "file": path, "passed": ok,
                                  "text": text,
                                  "results": [r[3] for r in got.get("results", [])],
                                  "console": got.get("console", [])}, sort_keys=True))


def main(argv):
    args = arg_parser().parse_args(argv)
    tally = Tally()
    replays = load_replays(args.replay, args.skip_missing, tally)
    if replays is None:
        return EX_USAGE
    run_scenarios = bool(args.scenarios) or args.self_test or not args.replay
    try:
        paths = find_scenarios(args.scenarios) if run_scenarios else []
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
    fix_failed = fixing.apply(scns, signer, rdir)
    scns = [s for s in scns if s not in [f for f, _ in fix_failed]]
    selftests = []
    if args.self_test:
        selftests = controls.parser(rdir, paths[0], variables)
        selftests.append(controls.signer_agreement(images, signer))
        ctl = controls.wrong_expectations(rdir, variables)
        if ctl:
            scns.append(ctl)
        if replays:
            bad = controls.wrong_row(replays[0][1])
            if bad:
                replays[0][1].append(bad)
    if args.check:
        print_controls(selftests, tally)
        for s in scns:
            print("ok   %-24s parsed" % s["name"])
        tally.passed += len(scns)
        for _, rows in replays:
            for row, err, _ in rows:
                print("%s %s: %s" % ("FAIL" if err else "ok  ", row["case"], err or "parsed"))
                tally.passed += not err
                tally.failed += bool(err)
        print(tally.line())
        return 1 if tally.failed else 0
    seen = set()
    for s in scns:
        if s["name"] in seen:
            sys.stderr.write("e2e: scenario %s given twice\n" % s["name"])
            return EX_USAGE
        seen.add(s["name"])

    stage = guest.Stage(os.path.join(rdir, "stage"))
    man = os.path.join(rdir, "manifest")
    lines = [guest.manifest_line(s, stage) for s in scns]
    nrows = 0
    for _, rows in replays:
        # rows are named r<i>, numbered across every file in order
        lines += replay.manifest(rows, stage, first=nrows)
        nrows += len(rows)
    with open(man, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))
    timeout = args.timeout or (900 if args.debug_kernel else
                               120 + 30 * len(scns) + 3 * nrows)
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
    for s, why in fix_failed:
        print("FAIL %-24s %s" % (s["name"], why))
        tally.failed += 1
    for s in scns:
        report(s, checks.evaluate(s, runs), rc, log, tally, args.json, args.strict)
    report_rows(replays, replay.parse_output(text), rc, tally, args.json)
    shutil.copyfile(log, os.path.join(BUILD, "last-vm.log"))
    print("e2e: %d scenarios and %d ground-truth rows in %ds (VM log: build/e2e/last-vm.log)"
          % (len(scns), nrows, time.time() - t0))
    print(tally.line())
    return 1 if tally.failed else 0
