# SPDX-License-Identifier: GPL-2.0
"""The end-to-end runner (scripts/e2e is its entry point).

One module per concern:
  scenario.py  scenario files: the table of keys, parsing, validation
  guest.py     what goes into the VM (manifest, staged files) and parsing
               what tests/guest/e2e/run.sh prints back
  checks.py    a scenario's checks against the guest's report
  controls.py  --self-test: controls that prove the checks can fail
  vm.py        building the images, the signer, booting the VM
  cli.py       argparse and the summary line
"""
import os

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
E2E_DIR = os.path.join(TOP, "tests", "e2e")
SCN_DIR = os.path.join(E2E_DIR, "scenarios")
FIXTURES = os.path.join(TOP, "tests", "fixtures")
BUILD = os.path.join(TOP, "build", "e2e")
