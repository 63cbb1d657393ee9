#!/usr/bin/env python3
"""Draw the benchmark plots with gnuplot: memory over time, huge-page coverage over time and the
fault-latency CDF, one line per policy (each policy's first run), plus the huge pages each
fairness process holds and the memory a ballooned VM gives back. Writes PNGs into OUT-DIR; the data and scripts go to a temporary directory.

usage: plot.py CONSOLE-LOG OUT-DIR
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from report import POLICIES, load

# Columns of a workload's "series" rows: [t_s, rss_kb, cgroup_kb, anon_huge_kb].
T, RSS, CHARGED, HUGE = range(4)
MEMORY_WORKLOADS = ["object_churn", "redis", "sparse_touch", "fragment"]
COVERAGE_WORKLOADS = ["dense_touch", "fragment", "fragment_no_proactive", "object_churn", "redis"]
STYLE = """set terminal pngcairo size {w},{h} font ",10" noenhanced
set output "{png}"
set grid
set key top left
"""


def first_runs(runs, workload):
    """{policy: run} for each policy's first run of the workload, in the policies' order."""
    chosen = {}
    for r in sorted(runs, key=lambda r: r["rep"]):
        if r["workload"] == workload and r["policy"] not in chosen:
            chosen[r["policy"]] = r
    return {p: chosen[p] for p in POLICIES if p in chosen}


def write_dat(path, rows):
    path.write_text("".join(" ".join(str(v) for v in row) + "\n" for row in rows))
    return path


def plot_lines(files, using):
    """One gnuplot plot clause per policy's data file."""
    return ", ".join(f'"{f}" using {using} with lines lw 2 title "{p}"' for p, f in files.items())


def memory_over_time(runs, work, out):
    """RSS and memory charged over time per policy: two panels side by side."""
    scripts = []
    for workload in MEMORY_WORKLOADS:
        chosen = {p: r for p, r in first_runs(runs, workload).items() if r.get("series")}
        if not chosen:
            continue
        files = {p: write_dat(work / f"mem-{workload}-{p}.dat", r["series"]) for p, r in chosen.items()}
        png = out / f"memory-{workload}.png"
        scripts.append(STYLE.format(w=1200, h=450, png=png) + f"""
set multiplot layout 1,2 title "{workload}: memory over time (first run per policy)"
set xlabel "time (s)"
set ylabel "RSS (MiB)"
plot {plot_lines(files, f"{T + 1}:(${RSS + 1}/1024)")}
set ylabel "memory charged to the cgroup (MiB)"
plot {plot_lines(files, f"{T + 1}:(${CHARGED + 1}/1024)")}
unset multiplot
""")
    return scripts


def coverage_over_time(runs, work, out):
    """Memory mapped by huge pages over time per policy."""
    scripts = []
    for workload in COVERAGE_WORKLOADS:
        chosen = {p: r for p, r in first_runs(runs, workload).items() if r.get("series")}
        if not chosen:
            continue
        files = {p: write_dat(work / f"cov-{workload}-{p}.dat", r["series"]) for p, r in chosen.items()}
        png = out / f"coverage-{workload}.png"
        scripts.append(STYLE.format(w=800, h=450, png=png) + f"""
set title "{workload}: huge-page coverage over time (first run per policy)"
set xlabel "time (s)"
set ylabel "mapped by huge pages (MiB)"
plot {plot_lines(files, f"{T + 1}:(${HUGE + 1}/1024)")}
""")
    return scripts


def fault_latency_cdf(runs, work, out):
    """The CDF of first-touch latencies, and its tail on log-log axes."""
    chosen = {p: r for p, r in first_runs(runs, "fault_latency").items() if r.get("cdf")}
    if not chosen:
        return []
    files = {p: write_dat(work / f"cdf-{p}.dat", r["cdf"]) for p, r in chosen.items()}
    png = out / "fault-latency-cdf.png"
    return [STYLE.format(w=1200, h=450, png=png) + f"""
set multiplot layout 1,2 title "fault_latency: first-touch latency per base page (first run per policy)"
set logscale x
set xlabel "latency (ns)"
set ylabel "fraction of touches at most this slow"
plot {plot_lines(files, "1:2")}
set logscale y
set format y "%g"
set key top right
set ylabel "fraction of touches slower (tail)"
plot {plot_lines(files, "1:(1-$2+1e-5)")}
unset multiplot
"""]


def fairness(runs, work, out):
    """Huge pages held by each fairness process over time, one panel per policy."""
    chosen = {p: r for p, r in first_runs(runs, "fairness").items() if r.get("procs_series")}
    if not chosen:
        return []
    panels = []
    for p, r in chosen.items():
        f = write_dat(work / f"fair-{p}.dat", r["procs_series"])
        procs = len(r["procs_series"][0]) - 1
        lines = ", ".join(f'"{f}" using 1:(${i + 2}/1024) with lines lw 2 title "process {i + 1}"'
                          for i in range(procs))
        panels.append(f'set title "{p}: Jain {r.get("jain_huge_mean", -1):.2f}"\nplot {lines}\n')
    png = out / "fairness.png"
    return [STYLE.format(w=1200, h=800, png=png) + f"""
set multiplot layout 2,2 title "fairness: huge pages held per process under scarcity (first run per policy)"
set xlabel "time (s)"
set ylabel "huge pages (MiB)"
{"".join(panels)}
unset multiplot
"""]


def balloon_over_time(runs, work, out):
    """Share of the ballooned memory the host got back over time per policy, one panel per
    vm_balloon workload (with and without free page reporting)."""
    panels = []
    for workload in ["vm_balloon", "vm_balloon_noreport"]:
        chosen = {p: r for p, r in first_runs(runs, workload).items() if r.get("given_back_series")}
        if not chosen:
            continue
        files = {p: write_dat(work / f"balloon-{workload}-{p}.dat", r["given_back_series"])
                 for p, r in chosen.items()}
        panels.append(f'set title "{workload}"\nplot {plot_lines(files, "1:2")}\n')
    if not panels:
        return []
    png = out / "vm-balloon.png"
    return [STYLE.format(w=1200, h=450, png=png) + f"""
set multiplot layout 1,{len(panels)} title "a VM ballooned to half its RAM: memory the host got back (first run per policy)"
set xlabel "time since the balloon command (s)"
set ylabel "ballooned memory given back (%)"
{"".join(panels)}
unset multiplot
"""]


def ksm_bars(runs, work, out):
    """Per policy: the memory KSM saved and the VMs' RAM left in huge pages (vm_ksm)."""
    chosen = first_runs(runs, "vm_ksm")
    if not chosen:
        return []
    dat = write_dat(work / "ksm.dat", [(p, r.get("saved_kb", 0) / 1024, r.get("huge_kb_after", 0) / 1024)
                                       for p, r in chosen.items()])
    png = out / "vm-ksm.png"
    return [STYLE.format(w=900, h=450, png=png) + f"""
set title "two identical VMs after {next(iter(chosen.values())).get('ksm_s', '?')} s of ksmd (first run per policy)"
set ylabel "MiB"
set style data histograms
set style histogram clustered
set style fill solid 0.8
set boxwidth 0.9
set yrange [0:*]
plot "{dat}" using 2:xtic(1) title "saved by KSM", "" using 3 title "VMs' RAM in huge pages"
"""]


def main():
    log, out = sys.argv[1], Path(sys.argv[2]).resolve()
    if not shutil.which("gnuplot"):
        sys.exit("plot: gnuplot is missing: run 'make deps'")
    runs = load(log)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        scripts = (memory_over_time(runs, work, out) + coverage_over_time(runs, work, out) +
                   fault_latency_cdf(runs, work, out) + fairness(runs, work, out) +
                   balloon_over_time(runs, work, out) + ksm_bars(runs, work, out))
        for i, script in enumerate(scripts):
            gp = work / f"plot{i}.gp"
            gp.write_text(script)
            subprocess.run(["gnuplot", str(gp)], check=True)
    print(f"plot: {len(scripts)} plots in {out}")


if __name__ == "__main__":
    main()
