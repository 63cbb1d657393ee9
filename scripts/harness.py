#!/usr/bin/env python3
"""Judge guest console logs: KTAP results plus kernel splats.

Fails on any failed test, on a kernel WARNING/BUG/Oops/panic/KASAN/lockdep/kmemleak
report, on a missing result (the guest died or timed out), or when the log says QEMU
was killed by the timeout. Prints the failures, each failed case with the diagnostics
it printed (so a CI summary says why), and, last, "N passed, N failed" over every log given
(a run split across guests has one log per guest).
"""
import re
import sys

# Kernel messages carry a printk timestamp (CONFIG_PRINTK_TIME); test output does not, so a test
# that prints "WARNING:" itself is not mistaken for a kernel splat.
KMSG = r"\[\s*\d+\.\d{6}\] "
SPLATS = [(re.compile(KMSG + pattern), what) for pattern, what in [
    (r"WARNING: ", "kernel WARNING"),
    (r"BUG: ", "kernel BUG"),
    (r"Oops", "kernel Oops"),
    (r"Kernel panic", "kernel panic"),
    (r".*KASAN: ", "KASAN report"),
    (r".*(possible (circular|recursive) locking|inconsistent lock state|suspicious RCU usage)",
     "lockdep report"),
    (r".*kmemleak: \d+ new suspected memory leaks", "kmemleak report"),
    (r".*UBSAN: ", "UBSAN report"),
    (r".*(blocked for more than \d+ seconds|soft lockup|detected stalls? on)", "hang report"),
]]
RESULT = re.compile(r"^(?P<indent>\s*)(?P<ok>ok|not ok) (?P<num>\d+) (?P<name>[^#]*?)\s*(#\s*(?P<directive>.*))?$")
PLAN = re.compile(r"^1\.\.(\d+)$")
# A kselftest diagnostic: "# file.c:LINE:case:message".
DIAG = re.compile(r"^\s*# \S+\.c:\d+:")
# A script test's reason: "# FAIL: what went wrong".
SCRIPT_FAIL = re.compile(r"^\s*# FAIL\b")
DIAG_MAX = 12  # per failed case: enough to say why, short enough for a CI summary


def judge(lines):
    plan = None
    top = []          # (ok, name, directive) of top-level results
    leaves = {"passed": 0, "failed": 0, "skipped": 0}
    nested_in_current = nested_failed = 0
    problems = []
    diags = []        # diagnostics since the last result
    reasons = []      # a script test's "# FAIL" lines since the last top-level result
    for raw in lines:
        line = raw.rstrip("\n")
        if DIAG.match(line):
            diags.append(line.strip())
        if SCRIPT_FAIL.match(line):
            reasons.append(line.strip())
        for pattern, what in SPLATS:
            if pattern.search(line):
                problems.append(f"{what}: {line.strip()}")
        m = PLAN.match(line)
        if m and plan is None:
            plan = int(m.group(1))
            continue
        m = RESULT.match(line)
        if not m:
            continue
        case_diags, diags = diags, []
        directive = (m.group("directive") or "").strip()
        skipped = directive.upper().startswith("SKIP")
        ok = m.group("ok") == "ok"
        if m.group("indent"):
            # A nested result: one test case of the enclosing test program.
            nested_in_current += 1
            key = "skipped" if skipped else ("passed" if ok else "failed")
            leaves[key] += 1
            nested_failed += key == "failed"
            if key == "failed":
                problems.append(f"case failed: {m.group('name')}")
                problems.extend(f"  {d}" for d in case_diags[-DIAG_MAX:])
            continue
        top.append((ok, m.group("name"), directive))
        test_reasons, reasons = reasons, []
        if nested_in_current == 0:
            key = "skipped" if skipped else ("passed" if ok else "failed")
            leaves[key] += 1
        elif not ok and nested_failed == 0:
            # The program failed (timeout, crash) though the cases it reported passed.
            leaves["failed"] += 1
        nested_in_current = nested_failed = 0
        if not ok:
            problems.append(f"test failed: {m.group('name')} {directive}".rstrip())
            problems.extend(f"  {r}" for r in test_reasons[-DIAG_MAX:])
    if plan is None:
        problems.append("no KTAP plan in the log: the guest did not reach the test runner")
    elif len(top) != plan:
        problems.append(f"{plan - len(top)} of {plan} tests reported no result "
                        "(guest crash, hang or timeout)")
    return top, leaves, problems


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: harness.py CONSOLE-LOG...  (one log per guest of a sharded run)")
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    bad = False
    for path in sys.argv[1:]:
        with open(path, errors="replace") as log:
            top, leaves, problems = judge(log)
        where = f"{path}: " if len(sys.argv) > 2 else ""
        for ok, name, directive in top:
            print(f"  {'PASS' if ok else 'FAIL'}  {name}  {directive}".rstrip())
        for problem in problems:
            print(f"harness: {where}{problem}")
        totals["passed"] += leaves["passed"]
        totals["skipped"] += leaves["skipped"]
        totals["failed"] += leaves["failed"] + (1 if problems and leaves["failed"] == 0 else 0)
        bad = bad or bool(problems)
    print(f"{totals['skipped']} skipped")
    print(f"{totals['passed']} passed, {totals['failed']} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
