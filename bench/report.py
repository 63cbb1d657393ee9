#!/usr/bin/env python3
"""Turn a guest console log's BENCH lines into results.csv and a Markdown table of medians
and ratios to linux-always and linux-never.

usage: report.py CONSOLE-LOG OUT-DIR [COMMAND-THAT-PRODUCED-IT]
"""
import csv
import json
import re
import statistics
import sys
from pathlib import Path

LINE = re.compile(r"^BENCH policy=(?P<policy>\S+) rep=(?P<rep>\d+) (?P<json>\{.*\})\s*$")
PERF = re.compile(r"^PERF policy=(?P<policy>\S+) rep=(?P<rep>\d+) workload=(?P<workload>\S+) (?P<events>.*)$")
POLICIES = ["linux-never", "linux-always", "linux-tuned", "ingens"]
# The figures each workload is judged by: (field, label, better).
METRICS = {
    "fault_latency": [("p50_ns", "first-touch latency p50 (ns)", "lower"),
                      ("p99_ns", "first-touch latency p99 (ns)", "lower"),
                      ("p999_ns", "first-touch latency p99.9 (ns)", "lower"),
                      ("max_ns", "first-touch latency max (ns)", "lower"),
                      ("total_ms", "time to touch the working set (ms)", "lower")],
    "sparse_touch": [("cgroup_kb", "memory charged, 1/16 touched (kB)", "lower"),
                     ("rss_kb", "RSS, 1/16 touched (kB)", "lower")],
    "dense_touch": [("huge_after_touch_s", "time to 95% huge after touching (s)", "lower"),
                    ("anon_huge_kb", "huge-page coverage at the end (kB)", "higher")],
    "random_access": [("reads_per_s", "random reads per second", "higher"),
                      ("anon_huge_kb", "huge-page coverage while reading (kB)", "higher")],
}
# perf stat figures reported for every workload. perf counts system-wide (-a), so that events in
# the Ingens kernel threads count too; task-clock is then wall time times CPUs, kept in the CSV only.
PERF_METRICS = [("perf_page_faults", "page faults (perf, system-wide)", "lower"),
                ("perf_ingens_ingens_promote", "promotions (ingens:ingens_promote)", ""),
                ("perf_huge_memory_mm_collapse_huge_page", "collapses (huge_memory tracepoint)", "")]


def load(log):
    """BENCH lines are the runs; a PERF line adds perf_<event> fields to its run."""
    runs, perf = [], {}
    for line in Path(log).read_text(errors="replace").splitlines():
        line = line.strip()
        m = LINE.match(line)
        if m:
            row = json.loads(m.group("json"))
            row["policy"] = m.group("policy")
            row["rep"] = int(m.group("rep"))
            runs.append(row)
            continue
        m = PERF.match(line)
        if m:
            fields = {}
            for item in m.group("events").split():
                name, _, value = item.partition("=")
                try:
                    fields["perf_" + name.replace(":", "_").replace("-", "_")] = float(value)
                except ValueError:
                    pass  # "<not counted>" and the like
            perf[(m.group("policy"), int(m.group("rep")), m.group("workload"))] = fields
    for row in runs:
        row.update(perf.get((row["policy"], row["rep"], row["workload"]), {}))
    return runs


def fmt(v):
    if v is None:
        return "n/a"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.3g}"


def ratio(v, base):
    if v is None or base in (None, 0) or v < 0 or base < 0:
        return "n/a"
    return f"{v / base:.2f}x"


def main():
    log, out_dir = sys.argv[1], Path(sys.argv[2])
    command = sys.argv[3] if len(sys.argv) > 3 else ""
    runs = load(log)
    if not runs:
        sys.exit(f"report: no BENCH lines in {log}")
    out_dir.mkdir(parents=True, exist_ok=True)

    fields = sorted({k for r in runs for k in r})
    with open(out_dir / "results.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["workload", "policy", "rep"] +
                           [k for k in fields if k not in ("workload", "policy", "rep")])
        w.writeheader()
        for r in runs:
            w.writerow(r)

    policies = [p for p in POLICIES if any(r["policy"] == p for r in runs)]
    reps = max(r["rep"] for r in runs)
    lines = [f"Medians of {reps} runs per policy, policies alternating in one guest boot.", ""]
    if command:
        lines += [f"Reproduce: `{command}`", ""]
    header = "| workload | figure | " + " | ".join(policies) + " | ingens / linux-always | ingens / linux-never |"
    lines += [header, "|" + "---|" * (len(policies) + 4)]
    medians = {}
    for workload, metrics in METRICS.items():
        for field, label, better in metrics + PERF_METRICS:
            row = {}
            for p in policies:
                vals = [r[field] for r in runs if r["workload"] == workload and r["policy"] == p
                        and isinstance(r.get(field), (int, float))]
                row[p] = statistics.median(vals) if vals else None
            if all(v is None for v in row.values()):
                continue
            medians[(workload, field)] = row
            cells = " | ".join(fmt(row[p]) for p in policies)
            judged = f" ({better} is better)" if better else ""
            lines.append(f"| {workload} | {label}{judged} | {cells} | "
                         f"{ratio(row.get('ingens'), row.get('linux-always'))} | "
                         f"{ratio(row.get('ingens'), row.get('linux-never'))} |")
    (out_dir / "table.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
