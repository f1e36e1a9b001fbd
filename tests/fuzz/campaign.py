#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR MIT
"""Run the libFuzzer targets as one campaign, or grow the committed corpus.

    campaign.py --build DIR --seconds N [--jobs J] TARGET...
    campaign.py --build DIR --merge TARGET...
    campaign.py --build DIR --replay TARGET...

A campaign runs every target for N seconds of wall clock in total, on J
cores at once (default: all): each target gets N * J / #targets seconds,
the targets are spread over J workers.  Each target reads its seeds
(tests/fuzz/seeds/<t>/), the committed corpus (tests/fuzz/corpus/<t>/)
and, for the OP-TEE targets, the real-tool images and the crafted worst
cases of gen_images.py (regenerated into DIR/crafted/); it writes new inputs
only to DIR/corpus/<t>/ (so CI never writes the repository) and findings
(crash, leak, timeout, out-of-memory inputs) to DIR/findings/.  It prints,
per target: wall and CPU seconds, executions, executions per CPU second,
coverage (edges, features),
corpus size, findings; writes DIR/campaign.json; and exits 1 when anything
was found.

--merge minimises DIR/corpus/<t>/ and tests/fuzz/corpus/<t>/ together
(libFuzzer -merge=1: the smallest set with the same features) back into
tests/fuzz/corpus/<t>/, keeping inputs up to MAX_INPUT bytes and at most
MAX_CORPUS bytes per target; seeds are not copied.

--replay runs every input once (-runs=0): seeds, regression inputs and the
committed corpus; one "ok"/"FAIL" line per target.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(TOP, "tests", "fixtures", "optee-rproc")
# Targets that also read the real-tool OP-TEE images.
OPTEE_TARGETS = ("fuzz_rproc_image", "fuzz_inspect_optee", "fuzz_kmod_prefix",
                 "fuzz_kmod_analysis", "fuzz_fix_plan")
MAX_LEN = 131072         # -max_len: the crafted worst cases reach 115 KiB
MAX_INPUT = 16384        # committed corpus: no input above this
MAX_CORPUS = 256 << 10   # committed corpus: at most this many bytes per target
FLAGS = ["-timeout=10", "-rss_limit_mb=2048", "-max_len=%d" % MAX_LEN,
         "-print_final_stats=1", "-detect_leaks=1"]


def inputs(target, build):
    """Read-only input directories of a target that exist: seeds, committed
    corpus, and for the OP-TEE targets the real-tool images and the crafted
    worst cases (gen_images.py, generated into BUILD/crafted)."""
    dirs = [os.path.join(HERE, "seeds", target), os.path.join(HERE, "corpus", target)]
    if target in OPTEE_TARGETS:
        dirs += [FIXTURES, os.path.join(build, "crafted")]
    return [d for d in dirs if os.path.isdir(d) and os.listdir(d)]


def gen_crafted(build):
    out = os.path.join(build, "crafted")
    subprocess.check_call([sys.executable, os.path.join(HERE, "gen_images.py"), out])


def files(dirs):
    out = []
    for d in dirs:
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if os.path.isfile(p):
                out.append(p)
    return out


def parse_log(text):
    """Figures from a libFuzzer log: executions, edges, features, corpus."""
    st = {"execs": 0, "edges": 0, "features": 0, "corpus": 0, "corpus_bytes": 0}
    m = re.findall(r"^stat::number_of_executed_units:\s+(\d+)", text, re.M)
    if m:
        st["execs"] = int(m[-1])
    # last status line: "#123 DONE cov: 456 ft: 789 corp: 12/3456b ..."
    for line in reversed(text.splitlines()):
        m = re.search(r"cov: (\d+) ft: (\d+) corp: (\d+)/(\d+)([bKM]?)b?", line)
        if m:
            mult = {"": 1, "b": 1, "K": 1024, "M": 1 << 20}[m.group(5)]
            st.update(edges=int(m.group(1)), features=int(m.group(2)),
                      corpus=int(m.group(3)), corpus_bytes=int(m.group(4)) * mult)
            break
    return st


def run_one(build, target, seconds, log_dir, find_dir):
    corpus = os.path.join(build, "corpus", target)
    os.makedirs(corpus, exist_ok=True)
    binary = os.path.join(build, target)
    log = os.path.join(log_dir, target + ".log")
    cmd = [binary, "-max_total_time=%d" % max(1, int(seconds)),
           "-artifact_prefix=%s/%s-" % (find_dir, target)] + FLAGS + [corpus] + inputs(target, build)
    t0 = time.monotonic()
    with open(log, "w") as f:
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = rc = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t0
    with open(log, errors="replace") as f:
        text = f.read()
    st = parse_log(text)
    found = sorted(n for n in os.listdir(find_dir) if n.startswith(target + "-"))
    st.update(target=target, seconds=round(wall, 1), cpu=round(ru.ru_utime + ru.ru_stime, 1),
              rc=rc, findings=len(found),
              artifacts=[os.path.join(find_dir, n) for n in found], log=log)
    if rc != 0 and not found:
        st["findings"] = 1      # died without an artifact: still a finding
    return st


def campaign(args):
    log_dir = os.path.join(args.build, "logs")
    find_dir = os.path.join(args.build, "findings")
    os.makedirs(log_dir, exist_ok=True)
    os.makedirs(find_dir, exist_ok=True)
    for n in os.listdir(find_dir):      # findings of this campaign only
        os.unlink(os.path.join(find_dir, n))
    targets = args.targets
    jobs = max(1, min(args.jobs, len(targets)))
    per = args.seconds * jobs / len(targets)
    queues = [targets[i::jobs] for i in range(jobs)]
    results = []
    lock = threading.Lock()

    def worker(q):
        for t in q:
            r = run_one(args.build, t, per, log_dir, find_dir)
            with lock:
                results.append(r)

    print("fuzz campaign: %d targets, %d s in total on %d cores (%.0f s each)"
          % (len(targets), args.seconds, jobs, per), flush=True)
    t0 = time.monotonic()
    threads = [threading.Thread(target=worker, args=(q,)) for q in queues]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.monotonic() - t0
    results.sort(key=lambda r: r["target"])
    print("%-20s %6s %7s %12s %9s %7s %8s %8s %9s" % (
        "target", "sec", "cpu s", "executions", "exec/s", "edges", "features", "corpus",
        "findings"))
    for r in results:
        print("%-20s %6.0f %7.0f %12d %9.0f %7d %8d %8d %9d" % (
            r["target"], r["seconds"], r["cpu"], r["execs"], r["execs"] / max(r["cpu"], 1e-3),
            r["edges"], r["features"], r["corpus"], r["findings"]))
    tot = {k: sum(r[k] for r in results) for k in ("execs", "findings", "cpu")}
    print("total: %d executions in %.0f s wall, %.2f core-hours, %d findings" % (
        tot["execs"], wall, tot["cpu"] / 3600, tot["findings"]))
    for r in results:
        print("%s campaign %s: %d executions, %d findings" % (
            "FAIL" if r["findings"] else "ok  ", r["target"], r["execs"], r["findings"]))
    bad = sum(1 for r in results if r["findings"])
    for r in results:
        if r["findings"]:
            print("FINDING %s (exit %d, log %s): %s" % (r["target"], r["rc"], r["log"],
                                                       " ".join(r["artifacts"]) or "-"))
            with open(r["log"], errors="replace") as f:
                tail = f.read().splitlines()[-40:]
            print("\n".join("    " + l for l in tail))
    with open(os.path.join(args.build, "campaign.json"), "w") as f:
        json.dump({"seconds": args.seconds, "jobs": jobs, "wall": round(wall, 1),
                   "targets": results, "total": tot}, f, indent=1)
    print("%d passed, %d failed" % (len(results) - bad, bad))
    return 1 if tot["findings"] else 0


def merge(args):
    rc = 0
    for t in args.targets:
        dest = os.path.join(HERE, "corpus", t)
        grown = os.path.join(args.build, "corpus", t)
        seeds = {hashlib.sha1(open(p, "rb").read()).hexdigest()
                 for p in files([d for d in inputs(t, args.build)
                                 if not d.startswith(os.path.join(HERE, "corpus"))])}
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            small = os.path.join(tmp, "in")
            os.makedirs(out)
            os.makedirs(small)
            # only inputs small enough to commit take part
            for p in files([d for d in (dest, grown) if os.path.isdir(d)]):
                if os.path.getsize(p) <= MAX_INPUT:
                    shutil.copy(p, os.path.join(small, os.path.basename(p)))
            res = subprocess.run([os.path.join(args.build, t), "-merge=1",
                                  "-max_len=%d" % MAX_INPUT, out, small],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if res.returncode:
                print(res.stdout[-3000:])
                print("FAIL merge %s" % t)
                rc = 1
                continue
            keep, total = [], 0
            for p in sorted(files([out]), key=os.path.getsize):
                data = open(p, "rb").read()
                h = hashlib.sha1(data).hexdigest()
                if h in seeds or total + len(data) > MAX_CORPUS:
                    continue
                keep.append((h, data))
                total += len(data)
            if os.path.isdir(dest):
                shutil.rmtree(dest)
            os.makedirs(dest)
            for h, data in keep:
                with open(os.path.join(dest, h), "wb") as f:
                    f.write(data)
            print("corpus %-20s %5d inputs, %7d bytes" % (t, len(keep), total))
    return rc


def replay(args):
    p = f = 0
    for t in args.targets:
        dirs = inputs(t, args.build)
        if not dirs:
            print("FAIL %s: no seed directory tests/fuzz/seeds/%s" % (t, t))
            f += 1
            continue
        paths = files(dirs)
        res = subprocess.run([os.path.join(args.build, t), "-runs=0"] + FLAGS[:3] + paths,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             errors="replace")
        if res.returncode == 0:
            print("ok   %s (%d inputs)" % (t, len(paths)))
            p += 1
        else:
            print("FAIL %s" % t)
            print("\n".join(res.stdout.splitlines()[-30:]))
            f += 1
    print("%d passed, %d failed" % (p, f))
    return 1 if f else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", required=True, help="directory with the fuzz_* binaries")
    ap.add_argument("--seconds", type=int, default=60, help="wall-clock seconds in total")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--merge", action="store_true", help="grow tests/fuzz/corpus/")
    ap.add_argument("--replay", action="store_true", help="run every input once")
    ap.add_argument("targets", nargs="+")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    gen_crafted(args.build)
    if args.merge:
        return merge(args)
    if args.replay:
        return replay(args)
    return campaign(args)


if __name__ == "__main__":
    sys.exit(main())
