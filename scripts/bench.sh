#!/usr/bin/env bash
# Benchmarks: boot one guest, run every workload under every policy in that boot, and write
# results.csv and table.md under bench/results/NAME/.
# usage: bench.sh [quick|full] [NAME]
# env: MEM (default 2G), SMP (default 2), BENCH_OUT (default bench/results/NAME)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-quick}
name=${2:-$mode-$(date +%Y%m%d)}
out=${BENCH_OUT:-$TOP/bench/results/$name}
mkdir -p "$BUILD/logs"
log=$BUILD/logs/bench-$name.log

say "bench: $mode run, results in ${out#"$TOP"/}"
LOG=$log APPEND="ingens_bench=$mode" TIMEOUT=${TIMEOUT:-7200} "$TOP/scripts/boot-guest.sh" bench >/dev/null
grep -q '^bench: done' "$log" || die "the guest did not finish the benchmarks (log: ${log#"$TOP"/})"
mkdir -p "$out"
grep -E '^(BENCH|PERF) ' "$log" > "$out/raw.txt"
"$TOP/bench/report.py" "$out/raw.txt" "$out" \
	"make bench BENCH=$mode MEM=${MEM:-2G} SMP=${SMP:-2}"
