# SPDX-License-Identifier: GPL-2.0
"""Host side of a run: the run directory, the images, the VM."""
import fcntl
import os
import shutil
import subprocess
import sys

from . import BUILD, E2E_DIR, FIXTURES, TOP

# Test VMs the runner can boot: scripts/vm-run arguments and the overlay
# with the simulated coprocessor nodes.  A new architecture is one row.
ARCHES = {
    "arm64": {"vm_args": [], "dtbo": os.path.join(TOP, "dts", "stm32mp-rproc-sim.dtso")},
    # 32-bit kernel, armhf module and tool: the STM32MP15 case
    "arm": {"vm_args": ["--arch", "arm"],
            "dtbo": os.path.join(TOP, "dts", "stm32mp-rproc-sim.dtso")},
}


def run_dir():
    """A private directory per run (several people may run the suite at
    once); directories of runs whose process is gone are removed."""
    os.makedirs(BUILD, exist_ok=True)
    for old in os.listdir(BUILD):
        pid = old[4:] if old.startswith("run-") else ""
        if pid.isdigit() and not os.path.exists("/proc/" + pid):
            shutil.rmtree(os.path.join(BUILD, old), ignore_errors=True)
    d = os.path.join(BUILD, "run-%d" % os.getpid())
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def host_signer():
    """Build the host rproc-diag (incremental, private output directory) and
    return it if it has a working `sign`; None otherwise (then the images
    come from mkimage.py alone)."""
    out = os.path.join(BUILD, "userspace-host")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(BUILD, "userspace.lock"), "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        p = subprocess.run(["make", "-s", "-C", os.path.join(TOP, "userspace"), "O=" + out,
                            "-j2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           check=False)
    tool = os.path.join(out, "rproc-diag")
    if p.returncode or not os.access(tool, os.X_OK):
        sys.stderr.write("e2e: host userspace does not build; signing with mkimage.py only\n")
        return None
    h = subprocess.run([tool, "sign", "--help"], capture_output=True, check=False)
    return tool if h.returncode == 0 else None


def build_images(images, signer):
    """tests/e2e/mkimage.py recipes into IMAGES; False on failure."""
    p = subprocess.run([sys.executable, os.path.join(E2E_DIR, "mkimage.py"),
                        "recipes", images, FIXTURES]
                       + (["--signer", signer] if signer else []), check=False)
    return p.returncode == 0


def boot(arch, files, command, log, debug=False, timeout=None):
    """Boot the test VM once, run COMMAND; (exit status, console text)."""
    spec = ARCHES[arch]
    cmd = [os.path.join(TOP, "scripts", "vm-run"), "--quiet", "--dtbo", spec["dtbo"]]
    cmd += spec["vm_args"]
    for host, guest_path in files:
        cmd += ["--file", "%s:%s" % (host, guest_path)]
    if debug:
        cmd.append("--debug-kernel")
    cmd += ["--timeout", str(timeout), "--"] + command
    with open(log, "w", encoding="utf-8") as f:
        p = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, check=False)
    with open(log, errors="replace", encoding="utf-8") as f:
        return p.returncode, f.read()
