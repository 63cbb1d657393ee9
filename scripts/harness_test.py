#!/usr/bin/env python3
"""Unit tests of harness.py: what it counts, what fails a run, what it reports."""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def log(*lines):
    return [line + "\n" for line in lines]


PASSING = log(
    "KTAP version 1",
    "1..2",
    "    1..2",
    "    ok 1 knob.enabled.mode_0644",
    "    ok 2 knob.enabled.round_trip_bounds",
    "ok 1 ingens:ingens_sysfs # took 1s",
    "ok 2 upstream:madv_populate(ingens=off) # SKIP (took 0s)",
)


class JudgeTest(unittest.TestCase):
    def test_passing_log(self):
        top, leaves, problems = harness.judge(PASSING)
        self.assertEqual(problems, [])
        self.assertEqual(leaves, {"passed": 2, "failed": 0, "skipped": 1})
        self.assertEqual(len(top), 2)

    def test_failed_case_reports_its_diagnostics(self):
        lines = log(
            "1..1",
            "    # ingens_x.c:10:a:fine",
            "    ok 1 x.a",
            "    # ingens_x.c:20:b:seed 7",
            "    # ingens_x.c:21:b:Expected 0 (0) == bad (3)",
            "    not ok 2 x.b",
            "not ok 1 ingens:ingens_x # exit status 1 (took 2s)",
        )
        _, leaves, problems = harness.judge(lines)
        self.assertEqual(leaves["failed"], 1)
        self.assertIn("case failed: x.b", problems)
        self.assertIn("  # ingens_x.c:21:b:Expected 0 (0) == bad (3)", problems)
        # Only the failed case's own diagnostics, not the passing one's.
        self.assertNotIn("  # ingens_x.c:10:a:fine", problems)

    def test_failed_script_reports_its_reasons(self):
        lines = log(
            "1..2",
            "    # FAIL: an earlier test's reason",
            "ok 1 vm-quick:other.sh # took 1s",
            "    # both VMs booted",
            "    # FAIL: vm0 stalled: no 'round 2 ok', its console unchanged for 120 s",
            "    #   [    2.5] vm console line",
            "not ok 2 vm-quick:vm-check.sh # exit status 1 (took 130s)",
        )
        _, _, problems = harness.judge(lines)
        self.assertIn("  # FAIL: vm0 stalled: no 'round 2 ok', its console unchanged for 120 s", problems)
        # Only the failed test's own reasons, not a passing one's or its other output.
        self.assertNotIn("  # FAIL: an earlier test's reason", problems)
        self.assertNotIn("  # both VMs booted", problems)

    def test_program_failing_after_passing_cases_counts_once(self):
        lines = log("1..1", "    ok 1 x.a", "not ok 1 ingens:ingens_x # TIMEOUT after 9s")
        _, leaves, problems = harness.judge(lines)
        self.assertEqual(leaves["failed"], 1)
        self.assertTrue(any("TIMEOUT" in p for p in problems))

    def test_kernel_splat_fails_a_passing_log(self):
        lines = PASSING + log("[   12.345678] WARNING: CPU: 1 PID: 2 at mm/ingens/scan.c:10")
        _, _, problems = harness.judge(lines)
        self.assertTrue(any(p.startswith("kernel WARNING") for p in problems))

    def test_test_output_saying_warning_is_not_a_splat(self):
        _, _, problems = harness.judge(PASSING + log("    WARNING: this is a test's own line"))
        self.assertEqual(problems, [])

    def test_missing_results_fail(self):
        _, _, problems = harness.judge(log("1..3", "ok 1 a # took 1s"))
        self.assertTrue(any("2 of 3 tests reported no result" in p for p in problems))

    def test_no_plan_fails(self):
        _, _, problems = harness.judge(log("boot messages only"))
        self.assertTrue(any("no KTAP plan" in p for p in problems))


class MainTest(unittest.TestCase):
    """The command over several logs, as a run split across guests gives it."""

    def run_harness(self, *logs):
        paths = []
        with tempfile.TemporaryDirectory() as tmp:
            for i, lines in enumerate(logs):
                paths.append(os.path.join(tmp, f"guest{i}.log"))
                with open(paths[-1], "w") as f:
                    f.writelines(lines)
            script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness.py")
            return subprocess.run([sys.executable, script, *paths],
                                  capture_output=True, text=True, check=False)

    def test_counts_add_up_over_logs(self):
        out = self.run_harness(PASSING, PASSING)
        self.assertEqual(out.returncode, 0)
        self.assertTrue(out.stdout.endswith("2 skipped\n4 passed, 0 failed\n"))

    def test_one_bad_log_fails_the_run_and_is_named(self):
        out = self.run_harness(PASSING, log("boot messages only"))
        self.assertEqual(out.returncode, 1)
        self.assertIn("guest1.log: no KTAP plan", out.stdout)
        self.assertTrue(out.stdout.endswith("2 passed, 1 failed\n"))


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    bad = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - bad} passed, {bad} failed")
    sys.exit(1 if bad else 0)
