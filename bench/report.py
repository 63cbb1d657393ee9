#!/usr/bin/env python3
"""Turn a guest console log's BENCH lines into results.csv and a Markdown table of medians
and ratios of Ingens to each stock policy.

usage: report.py CONSOLE-LOG OUT-DIR [COMMAND-THAT-PRODUCED-IT [WALL-SECONDS]]
"""
import csv
import json
import math
import re
import statistics
import sys
from pathlib import Path

LINE = re.compile(r"^BENCH policy=(?P<policy>\S+) rep=(?P<rep>\d+) (?P<json>\{.*\})\s*$")
# PERF (perf stat) and VMSTAT (/proc/vmstat deltas) lines add counters to their run.
COUNTERS = re.compile(r"^(?P<tag>PERF|VMSTAT) policy=(?P<policy>\S+) rep=(?P<rep>\d+) "
                      r"workload=(?P<workload>\S+) ?(?P<events>.*)$")
SETTINGS = re.compile(r"^SETTINGS policy=(?P<policy>\S+) (?P<settings>.*)$")
PREFIX = {"PERF": "perf_", "VMSTAT": "vm_"}
# Fields too big for a CSV cell; the plots read them from the raw lines.
SERIES = {"series", "cdf", "procs_series", "given_back_series"}
POLICIES = ["linux-never", "linux-always", "linux-tuned", "ingens", "ingens-defer-madvised", "ingens-zero-pool"]
# fragment, and fragment_no_proactive (the same with stock proactive compaction off).
FRAGMENT_METRICS = [("free_huge_blocks_fragmented", "free 2 MiB blocks after fragmenting", ""),
                    ("huge_at_touch_end_kb", "huge pages when touching ends (kB)", "higher"),
                    ("huge_from_start_s", "time to 95% huge from the first touch (s)", "lower"),
                    ("huge_after_touch_s", "time to 95% huge after touching (s)", "lower"),
                    ("coverage", "huge-page coverage at the end (fraction)", "higher"),
                    ("vm_pgmigrate_success", "pages migrated (vmstat pgmigrate_success)", "lower"),
                    ("vm_ingens_compact_migrated", "pages migrated by Ingens compaction (vmstat)", ""),
                    ("compaction_cpu_ms", "kcompactd + kingenscompactd CPU (ms)", "lower"),
                    ("free_huge_blocks_after", "free 2 MiB blocks at the end", "")]
# vm_balloon, with and without free page reporting: one of two VMs ballooned to half its RAM.
VM_BALLOON_METRICS = [("given_back_pct_5s", "ballooned memory the host got back after 5 s (%)", "higher"),
                      ("given_back_pct_10s", "ballooned memory the host got back after 10 s (%)", "higher"),
                      ("given_back_pct_20s", "ballooned memory the host got back after 20 s (%)", "higher"),
                      ("vm0_charged_kb", "the ballooned VM's charge before (kB)", "lower"),
                      ("vm0_charged_kb_after", "the ballooned VM's charge 20 s after the command (kB)", "lower"),
                      ("inflate_s", "time for the guest to inflate the balloon (s)", "lower"),
                      ("other_vm_huge_kb_after", "the other VM's RAM in huge pages after (kB)", "higher"),
                      ("checks_ok", "both VMs' memory checks passed (1 = yes)", "higher")]
# vm_ksm (the policy's KSM mode), vm_ksm_split, vm_ksm_off: two VMs of one image, ksmd on for
# 60 s after 30 s of settling.
VM_KSM_METRICS = [("saved_kb", "memory KSM saved (pages_sharing, kB)", "higher"),
                  ("huge_kb_before", "the VMs' RAM in huge pages before KSM (kB)", "higher"),
                  ("huge_kb_after", "the VMs' RAM in huge pages after KSM (kB)", "higher"),
                  ("hot_huge_pct_before", "the VMs' hot memory the host backs huge, before KSM (%)", "higher"),
                  ("hot_huge_pct_after", "the VMs' hot memory the host backs huge, after KSM (%)", "higher"),
                  ("rounds_during", "checker rounds both VMs completed meanwhile", "higher"),
                  ("checks_ok", "both VMs' memory checks passed (1 = yes)", "higher")]
# vm_fairness (2 VMs), vm_fairness4, vm_fairness_share (the second VM's share doubled), under
# huge-page scarcity.
VM_FAIRNESS_METRICS = [("jain_huge_mean", "Jain's index of the VMs' huge pages, mean", "higher"),
                       ("jain_huge_end", "Jain's index of the VMs' huge pages, end", "higher"),
                       ("last_vm_huge_ratio", "the last VM's huge pages over the others' mean", ""),
                       ("huge_kb_total", "the VMs' RAM in huge pages, all (kB)", "higher"),
                       ("huge_per_free_block", "the same over the free 2 MiB blocks at the start", "higher"),
                       ("mibps_total", "memory the VMs checked, all (MiB/s)", "higher"),
                       ("jain_mibps", "Jain's index of the VMs' throughput", "higher"),
                       ("checks_ok", "every VM's memory checks passed (1 = yes)", "higher")]
# vm_overcommit: three VMs with more RAM than the host, KSM on, ballooned to 3/4, swap.
VM_OVERCOMMIT_METRICS = [("vms_alive", "VMs alive at the end", "higher"),
                         ("oom_kills", "OOM kills", "lower"),
                         ("checks_ok", "every VM survived and its memory checks passed (1 = yes)", "higher"),
                         ("charged_kb", "the VMs' charge at the end (kB)", "lower"),
                         ("ksm_saved_kb", "memory KSM saved (kB)", "higher"),
                         ("ballooned_kb", "memory the balloons took (kB)", ""),
                         ("demote_freed_kb", "base pages Ingens' demotion freed (kB)", ""),
                         ("swapped_kb", "the VMs' memory in swap at the end (kB)", "lower"),
                         ("huge_kb", "the VMs' RAM in huge pages at the end (kB)", "higher")]
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
    "idle_detect": [("idle_detect_s", "time until the untouched region is idle (s)", "lower"),
                    ("cpu_pct_kingensscand", "kingensscand CPU, steady state (% of a CPU)", "lower"),
                    ("cpu_pct_kingenspromoted", "kingenspromoted CPU, steady state (% of a CPU)", "lower"),
                    ("cpu_pct_kingenscompactd", "kingenscompactd CPU, steady state (% of a CPU)", "lower"),
                    ("cpu_pct_ingens_total", "Ingens' kernel threads, steady state (% of a CPU)", "lower"),
                    ("huge_s", "time to 95% huge after touching (s)", "lower"),
                    ("hot_passes_per_s", "passes over the hot set per second", "higher")],
    "random_access": [("reads_per_s", "random reads per second", "higher"),
                      ("anon_huge_kb", "huge-page coverage while reading (kB)", "higher")],
    "object_churn": [("alloc_cgroup_kb", "memory charged after allocating (kB)", "lower"),
                     ("freed_cgroup_kb", "memory charged after freeing 80% (kB)", "lower"),
                     ("freed_rss_kb", "RSS after freeing 80% (kB)", "lower"),
                     ("freed_anon_huge_kb", "huge pages after freeing 80% (kB)", ""),
                     ("realloc_cgroup_kb", "memory charged after reallocating (kB)", "lower"),
                     ("realloc_anon_huge_kb", "huge pages after reallocating (kB)", "higher")],
    "fairness": [("jain_huge_mean", "Jain's index of huge pages held, mean", "higher"),
                 ("jain_huge_end", "Jain's index of huge pages held, end", "higher"),
                 ("huge_kb_total", "huge pages held by all at the end (kB)", "higher"),
                 ("reads_per_s_total", "random reads per second, all processes", "higher"),
                 ("jain_reads", "Jain's index of read throughput", "higher")],
    "fairness_idle": [("huge_kb_total", "huge pages held by all at the end (kB)", "higher"),
                      ("active_huge_fraction", "share of them the active process holds", "higher"),
                      ("reads_per_s_total", "random reads per second, active process", "higher")],
    "vm_balloon": VM_BALLOON_METRICS,
    "vm_balloon_noreport": VM_BALLOON_METRICS,
    "vm_ksm": VM_KSM_METRICS,
    "vm_ksm_split": VM_KSM_METRICS,
    "vm_ksm_off": VM_KSM_METRICS,
    "vm_overcommit": VM_OVERCOMMIT_METRICS,
    "vm_fairness": VM_FAIRNESS_METRICS,
    "vm_fairness4": VM_FAIRNESS_METRICS,
    "vm_fairness_share": VM_FAIRNESS_METRICS,
    "fragment": FRAGMENT_METRICS,
    "fragment_no_proactive": FRAGMENT_METRICS,
    "redis": [("loaded_cgroup_kb", "memory charged after loading (kB)", "lower"),
              ("deleted_cgroup_kb", "memory charged after deleting 80% (kB)", "lower"),
              ("deleted_rss_kb", "RSS after deleting 80% (kB)", "lower"),
              ("deleted_anon_huge_kb", "huge pages after deleting 80% (kB)", ""),
              ("reloaded_cgroup_kb", "memory charged after reloading (kB)", "lower"),
              ("get_p50_ms", "GET latency p50 (ms)", "lower"),
              ("get_p99_ms", "GET latency p99 (ms)", "lower"),
              ("set_p99_ms", "SET latency p99 (ms)", "lower"),
              ("get_rps", "GET requests per second", "higher")],
}
# perf stat figures reported for every workload. perf counts system-wide (-a), so that events in
# the Ingens kernel threads count too; task-clock is then wall time times CPUs, kept in the CSV only.
PERF_METRICS = [("perf_page_faults", "page faults (perf, system-wide)", "lower"),
                ("perf_ingens_ingens_promote", "promotions (ingens:ingens_promote)", ""),
                ("perf_ingens_ingens_demote", "demotions (ingens:ingens_demote)", ""),
                ("perf_huge_memory_mm_collapse_huge_page", "collapses (huge_memory tracepoint)", ""),
                ("vm_thp_fault_alloc", "huge pages allocated at fault (vmstat)", ""),
                ("vm_thp_split_page", "huge pages split (vmstat)", ""),
                ("vm_compact_stall", "direct compaction stalls (vmstat)", "lower")]


def load(log):
    """BENCH lines are the runs; PERF and VMSTAT lines add counters to their run."""
    runs, counters = [], {}
    for line in Path(log).read_text(errors="replace").splitlines():
        line = line.strip()
        m = LINE.match(line)
        if m:
            row = json.loads(m.group("json"))
            row["policy"] = m.group("policy")
            row["rep"] = int(m.group("rep"))
            runs.append(row)
            continue
        m = COUNTERS.match(line)
        if m:
            fields = counters.setdefault((m.group("policy"), int(m.group("rep")), m.group("workload")), {})
            for item in m.group("events").split():
                name, _, value = item.partition("=")
                try:
                    fields[PREFIX[m.group("tag")] + name.replace(":", "_").replace("-", "_")] = float(value)
                except ValueError:
                    pass  # "<not counted>" and the like
    for row in runs:
        row.update(counters.get((row["policy"], row["rep"], row["workload"]), {}))
    return runs


def settings(log):
    """What each policy set, from the SETTINGS lines: {policy: "key=value ..."}."""
    found = {}
    for line in Path(log).read_text(errors="replace").splitlines():
        m = SETTINGS.match(line.strip())
        if m:
            found.setdefault(m.group("policy"), m.group("settings").strip())
    return found


# Times a run reports as -1 when it never got there (a huge-page target within the timeout).
NEVER_FIELDS = {"huge_after_touch_s", "huge_from_start_s"}


def median(field, vals):
    """A run that never got there counts as the slowest, so a median that falls on it says never
    (-1), instead of averaging -1 into a time."""
    if field not in NEVER_FIELDS:
        return statistics.median(vals)
    m = statistics.median([math.inf if v < 0 else v for v in vals])
    return -1 if math.isinf(m) else m


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


def csv_value(v):
    return json.dumps(v, separators=(",", ":")) if isinstance(v, (list, dict)) else v


def main():
    log, out_dir = sys.argv[1], Path(sys.argv[2])
    command = sys.argv[3] if len(sys.argv) > 3 else ""
    wall_s = int(sys.argv[4]) if len(sys.argv) > 4 else None
    runs = load(log)
    if not runs:
        sys.exit(f"report: no BENCH lines in {log}")
    out_dir.mkdir(parents=True, exist_ok=True)

    fields = sorted({k for r in runs for k in r} - SERIES)
    with open(out_dir / "results.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["workload", "policy", "rep"] +
                           [k for k in fields if k not in ("workload", "policy", "rep")],
                           extrasaction="ignore")
        w.writeheader()
        for r in runs:
            w.writerow({k: csv_value(v) for k, v in r.items()})

    policies = [p for p in POLICIES if any(r["policy"] == p for r in runs)]
    bases = [p for p in ("linux-always", "linux-tuned", "linux-never") if p in policies]
    reps = max(r["rep"] for r in runs)
    lines = [f"Medians of {reps} runs per policy, policies alternating in one guest boot.", ""]
    if command:
        lines += [f"Reproduce: `{command}`" + (f" (wall time {wall_s / 60:.0f} min)" if wall_s else ""), ""]
    header = ("| workload | figure | " + " | ".join(policies) + " | " +
              " | ".join(f"ingens / {b}" for b in bases) + " |")
    lines += [header, "|" + "---|" * (len(policies) + len(bases) + 2)]
    for workload, metrics in METRICS.items():
        for field, label, better in metrics + PERF_METRICS:
            row = {}
            for p in policies:
                vals = [r[field] for r in runs if r["workload"] == workload and r["policy"] == p
                        and isinstance(r.get(field), (int, float))]
                row[p] = median(field, vals) if vals else None
            if all(v is None for v in row.values()):
                continue
            # Counters that stayed at zero under every policy say nothing.
            if field.startswith(("perf_", "vm_")) and all(not v for v in row.values()):
                continue
            cells = " | ".join(fmt(row[p]) for p in policies)
            judged = f" ({better} is better)" if better else ""
            # Ratios only where a direction is judged; a count's ratio would read as a verdict.
            ratios = " | ".join(ratio(row.get("ingens"), row.get(b)) if better else "" for b in bases)
            lines.append(f"| {workload} | {label}{judged} | {cells} | {ratios} |")
    chosen = settings(log)
    if chosen:
        lines += ["", "Settings in effect per policy (transparent_hugepage/...):", ""]
        lines += [f"- `{p}`: `{chosen[p]}`" for p in policies if p in chosen]
    (out_dir / "table.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
