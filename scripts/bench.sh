#!/usr/bin/env bash
# Benchmarks: boot one guest, run every workload under every policy in that boot, and write
# results.csv, table.md and the plots under bench/results/NAME/.
# usage: bench.sh [quick|full] [NAME]
# env: MEM (default 2G), SMP (default 2), BENCH_OUT (default bench/results/NAME),
#      BENCH_SIZE_MB (working set), BENCH_WORKLOADS ("fault_latency redis ..."), BENCH_POLICIES
#      ("linux-always ingens ...": a subset of the policies), BENCH_REPS,
#      BENCH_PROCS and BENCH_STAGGER_S (fairness: processes, seconds between their starts),
#      BENCH_MADVISE=1 (workloads madvise MADV_HUGEPAGE; adds the ingens-defer-madvised policy),
#      BENCH_VM_MB (each VM's RAM in the vm_* workloads, which boot nested VMs on KVM),
#      BENCH_VM_WARM (% of its RAM a VM fills and frees before the balloon; default 81)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-quick}
name=${2:-$mode-$(date +%Y%m%d)}
out=${BENCH_OUT:-$TOP/bench/results/$name}
mkdir -p "$BUILD/logs"
log=$BUILD/logs/bench-$name.log
command -v gnuplot >/dev/null || die "gnuplot is missing: run 'make deps'"

# The options travel on the guest's kernel command line (scripts/guest/init exports them).
append="ingens_bench=$mode"
repro="make bench BENCH=$mode"
# pass VAR PARAM: VAR, when set, travels as PARAM=value and goes into the reproduce line.
pass() {
	[ -n "${!1:-}" ] || return 0
	append+=" $2=${!1}"
	repro+=" $1=${!1}"
}
pass BENCH_SIZE_MB ingens_bench_size
if [ -n "${BENCH_WORKLOADS:-}" ]; then
	append+=" ingens_bench_workloads=$(echo "$BENCH_WORKLOADS" | tr -s ' ' ',')"
	repro+=" BENCH_WORKLOADS=\"$BENCH_WORKLOADS\""
fi
if [ -n "${BENCH_POLICIES:-}" ]; then
	append+=" ingens_bench_policies=$(echo "$BENCH_POLICIES" | tr -s ' ' ',')"
	repro+=" BENCH_POLICIES=\"$BENCH_POLICIES\""
fi
pass BENCH_REPS ingens_bench_reps
pass BENCH_PROCS ingens_bench_procs
if [ "${BENCH_MADVISE:-0}" = 1 ]; then
	append+=" ingens_bench_madvise=1"
	repro+=" BENCH_MADVISE=1"
fi
pass BENCH_STAGGER_S ingens_bench_stagger
repro+=" MEM=${MEM:-2G} SMP=${SMP:-2}"
# VM workloads boot nested VMs: the image with QEMU and their kernel (make initramfs-vm).
case " ${BENCH_WORKLOADS:-} " in
*" vm_"*) export INITRAMFS=$BUILD/initramfs-vm.cpio.gz ;;
esac
pass BENCH_VM_MB ingens_bench_vm_mb
pass BENCH_VM_WARM ingens_bench_vm_warm
say "bench: $mode run, results in ${out#"$TOP"/}"
start=$(date +%s)
LOG=$log APPEND="$append" TIMEOUT=${TIMEOUT:-7200} "$TOP/scripts/boot-guest.sh" bench >/dev/null
grep -q '^bench: done' "$log" || die "the guest did not finish the benchmarks (log: ${log#"$TOP"/})"
grep -q '^bench: clocksource tsc' "$log" ||
	echo "bench: WARNING: the guest had no TSC clock, latencies are in 4 ms steps (log: ${log#"$TOP"/})" >&2
mkdir -p "$out"
grep -E '^(BENCH|PERF|VMSTAT|SETTINGS) ' "$log" > "$out/raw.txt"
"$TOP/bench/report.py" "$out/raw.txt" "$out" "$repro" "$(($(date +%s) - start))"
"$TOP/bench/plot.py" "$out/raw.txt" "$out"
# Every run of the default workloads plots (make test's bench-smoke checks it); some chosen
# workloads (vm_overcommit) have a table only.
if ! ls "$out"/*.png >/dev/null 2>&1; then
	[ -n "${BENCH_WORKLOADS:-}" ] || die "no plots in ${out#"$TOP"/}"
	say "bench: no plots for these workloads, the table only"
fi
