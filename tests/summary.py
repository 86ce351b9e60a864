#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test results from meson's testlog.json and prints 'N passed, N failed'.

  summary.py [TESTLOG.json...]              the sum over the logs
  summary.py --as-skipped TESTLOG.json...   every case of the logs as skipped
                                            (a run that could not happen)

GLib tests speak TAP: each 'ok' / 'not ok' line is one test case. A test
program that is not TAP counts as one case. A TAP program that crashed or
exited non-zero adds one failure even when its cases passed.
"""
import json
import re
import sys

args = sys.argv[1:]
as_skipped = bool(args) and args[0] == '--as-skipped'
if as_skipped:
    args = args[1:]
paths = args or ["_build-test/meson-logs/testlog.json"]
passed = failed = skipped = 0
failures = []
lines = []
for path in paths:
    try:
        lines += open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        print(f"no test log: {e}", file=sys.stderr)
        failed += 1
        failures.append(f"{path}: no test log")

for line in lines:
    if not line.strip():
        continue
    t = json.loads(line)
    result = t.get("result", "")
    out = t.get("stdout", "") or ""
    cases = [l for l in out.splitlines() if re.match(r"^(not )?ok\b", l)]
    if t.get("protocol", "") == "tap" or cases:
        for c in cases:
            if re.search(r"#\s*SKIP", c, re.I):
                skipped += 1
            elif c.startswith("not ok") and not re.search(r"#\s*todo\b", c, re.I):
                failed += 1
                failures.append(f"{t['name']}: {c}")
            else:
                passed += 1
        if result not in ("OK", "SKIP", "EXPECTEDFAIL") and not any(c.startswith("not ok") for c in cases):
            failed += 1
            failures.append(f"{t['name']}: {result}")
    else:
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1
            failures.append(f"{t['name']}: {result}")

if as_skipped:
    skipped += passed + failed
    passed = failed = 0
    failures = []

for f in failures:
    print("FAILED", f)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
