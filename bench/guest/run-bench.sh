#!/bin/sh
# Run every workload under every policy, alternating policies, several times, in this boot: in
# the guest (scripts/guest/init) and on a host (bench/host/ingens-bench), always through
# ingens-bench, which checks the machine first.
# Prints per run: BENCH policy=P rep=N {json}, then its PERF and VMSTAT lines; SETTINGS lines
# say what each policy set.
# usage: run-bench.sh quick|full
# env (ingens-bench's options, or the guest's kernel command line): ingens_bench_size (MiB),
# ingens_bench_workloads and ingens_bench_policies (comma-separated), ingens_bench_reps,
# ingens_bench_procs and ingens_bench_stagger (fairness), ingens_bench_madvise (1: the workloads
# madvise their memory MADV_HUGEPAGE, and the ingens-defer-madvised policy puts it under Ingens)
mode=${1:-quick}
thp=/sys/kernel/mm/transparent_hugepage
cg=/sys/fs/cgroup/bench
# The workloads live beside this script; scratch files go to a directory of the run's own.
bin=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)

# Quick checks the pipeline in well under 3 minutes; full is what docs/benchmarks.md reports.
case "$mode" in
full)
	size=256 reps=3 wait=30 settle=5 run_s=5 procs=4 proc_run_s=10 fill=0
	redis_keys=100000 redis_requests=10000
	;;
*)
	size=32 reps=1 wait=10 settle=1 run_s=1 procs=2 proc_run_s=2 fill=128
	redis_keys=5000 redis_requests=1000
	;;
esac
size=${ingens_bench_size:-$size}
# VM workloads (bench/guest/vm_*.sh): each VM's RAM, in MiB.
vm_mb=${ingens_bench_vm_mb:-512}
# ... and the share of it a VM fills and frees first (what the balloon can give back).
vm_warm=${ingens_bench_vm_warm:-81}
reps=${ingens_bench_reps:-$reps}
procs=${ingens_bench_procs:-$procs}
stagger=${ingens_bench_stagger:-1}
all="fault_latency sparse_touch dense_touch random_access object_churn fairness fairness_idle fragment fragment_no_proactive redis"
workloads=$(echo "${ingens_bench_workloads:-$all}" | tr , ' ')
policies="linux-never linux-always linux-tuned ingens"
if [ "${ingens_bench_madvise:-0}" = 1 ]; then
	export BENCH_MADVISE=1
	policies="$policies ingens-defer-madvised"
else
	# QEMU madvises guest RAM: VM workloads compare both treatments of madvised memory.
	case " $workloads " in
	*" vm_"*) policies="$policies ingens-defer-madvised" ;;
	esac
fi
# A subset of them (comma-separated), for a long workload measured where it matters.
[ -z "${ingens_bench_policies:-}" ] || policies=$(echo "$ingens_bench_policies" | tr , ' ')

# Every knob a policy may change, saved at boot and restored before each policy, so no policy
# inherits another's settings. The Ingens knobs are whatever this kernel has (demotion and
# compaction knobs included once they exist), at their defaults.
knobs="$thp/enabled $thp/defrag $thp/shrink_underused $thp/khugepaged/defrag
	$thp/khugepaged/scan_sleep_millisecs $thp/khugepaged/alloc_sleep_millisecs
	$thp/khugepaged/pages_to_scan $thp/khugepaged/max_ptes_none
	$(find $thp/ingens -maxdepth 1 -type f -perm -u+w 2>/dev/null)
	/proc/sys/vm/compact_unevictable_allowed /proc/sys/vm/compaction_proactiveness"
value() { sed 's/.*\[\(.*\)\].*/\1/' "$1"; }  # "always [madvise] never" -> madvise
for k in $knobs; do
	[ -f "$k" ] && echo "$k $(value "$k")"
done > $work/defaults
restore_settings() {
	while read -r k v; do echo "$v" > "$k"; done < $work/defaults
}
# A host is left as it was, however the run ends.
trap 'restore_settings; rm -rf "$work"; exit 130' INT TERM HUP
show_settings() {
	echo "SETTINGS policy=$1 $(while read -r k v; do short=${k#"$thp"/}; printf '%s=%s ' \
		"${short#/proc/sys/}" "$(value "$k")"; done < $work/defaults)"
}

set_policy() {
	restore_settings
	case "$1" in
	linux-never) echo never > $thp/enabled; echo 0 > $thp/ingens/enabled ;;
	linux-always) echo always > $thp/enabled; echo 0 > $thp/ingens/enabled ;;
	linux-tuned)
		# Stock THP as an operator would tune it (docs/benchmarks.md says why each one):
		# no compaction stall at fault, a khugepaged that keeps up, and a none-PTE limit that
		# both stops collapsing sparse regions and lets the deferred-split shrinker split
		# underused huge pages.
		echo always > $thp/enabled
		echo 0 > $thp/ingens/enabled
		echo defer+madvise > $thp/defrag
		echo 100 > $thp/khugepaged/scan_sleep_millisecs
		echo 1000 > $thp/khugepaged/alloc_sleep_millisecs
		echo 8192 > $thp/khugepaged/pages_to_scan
		echo 256 > $thp/khugepaged/max_ptes_none
		echo 1 > $thp/shrink_underused
		;;
	ingens) echo always > $thp/enabled; echo 1 > $thp/ingens/enabled ;;
	ingens-defer-madvised)
		echo always > $thp/enabled
		echo 1 > $thp/ingens/enabled
		echo 1 > $thp/ingens/defer_madvised
		;;
	ingens-zero-pool)
		# Ingens with its pre-zeroed pool as large as the working set, and warm: huge page
		# faults (madvised memory, BENCH_MADVISE=1) map pages zeroed beforehand.
		echo always > $thp/enabled
		echo 1 > $thp/ingens/enabled
		echo 100 > $thp/ingens/zero_pool_cpu_percent
		echo "$size" > $thp/ingens/zero_pool_mb
		i=0
		while [ "$(cat $thp/ingens/stats/zero_pool_huge_pages)" -lt $((size / 2)) ] && [ $i -lt 600 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		echo "# zero pool: $(cat $thp/ingens/stats/zero_pool_huge_pages) huge pages after $((i / 10)) s" >&2
		;;
	esac
}

# perf stat around every run: software events, and the THP and Ingens tracepoints that exist.
perf_ok=1
command -v perf >/dev/null || perf_ok=0
events=page-faults,task-clock,context-switches
for tp in huge_memory:mm_collapse_huge_page huge_memory:mm_khugepaged_scan_pmd \
	ingens:ingens_promote ingens:ingens_promote_fail ingens:ingens_demote ingens:ingens_scan \
	ingens:ingens_compact; do
	[ -d /sys/kernel/tracing/events/${tp%%:*}/${tp#*:} ] && events=$events,$tp
done

# A clean start for every run: caches dropped, free memory compacted, a fresh cgroup.
# env: name, the workload's name when it is not the command's.
run() {
	policy=$1 rep=$2
	shift 2
	workload=${name:-$(basename "$1" .sh)}
	sync
	echo 3 > /proc/sys/vm/drop_caches
	echo 1 > /proc/sys/vm/compact_memory
	mkdir -p $cg
	cp /proc/vmstat $work/vmstat.before
	# VM workloads run without perf: with perf stat -a on, TCG's nested SVM broke the guest
	# far more often as VMs started (docs/design.md, "The VM host"). A host without perf gets
	# empty PERF lines.
	case "$perf_ok$workload" in
	0* | 1vm_*)
		: > $work/perf.csv
		out=$(sh -c 'echo $$ > '$cg'/cgroup.procs && exec "$@"' -- "$@")
		;;
	*)
		out=$(sh -c 'echo $$ > '$cg'/cgroup.procs && exec "$@"' -- \
			perf stat -a -x, -o $work/perf.csv -e "$events" -- "$@")
		;;
	esac
	echo "BENCH policy=$policy rep=$rep $out"
	# perf's CSV: value,unit,event,...; one PERF line per run, keyed like the BENCH line.
	echo "PERF policy=$policy rep=$rep workload=$workload $(grep -v '^#' $work/perf.csv |
		awk -F, 'NF > 2 && $1 != "" { printf "%s=%s ", $3, $1 }')"
	# What THP, compaction and Ingens did meanwhile, system-wide.
	echo "VMSTAT policy=$policy rep=$rep workload=$workload $(awk 'NR == FNR { before[$1] = $2; next }
		/^(thp_|compact_|ingens_|pgmigrate_success)/ { printf "%s=%d ", $1, $2 - before[$1] }' $work/vmstat.before /proc/vmstat)"
	rmdir $cg 2>/dev/null
}

run_workload() { # WORKLOAD POLICY REP
	# With THP never no huge page can appear: do not wait for one.
	w=$wait
	[ "$2" != linux-never ] || w=0
	case "$1" in
	fault_latency) run "$2" "$3" $bin/fault_latency --size-mb "$size" ;;
	# Sampling at scale: run it in a guest larger than the working set (MEM=16G BENCH_SIZE_MB=12288).
	idle_detect) run "$2" "$3" $bin/idle_detect --size-mb "$size" --run-s "${idle_run_s:-60}" ;;
	sparse_touch) run "$2" "$3" $bin/sparse_touch --size-mb "$size" --stride-pages 16 --settle-s "$settle" ;;
	dense_touch) run "$2" "$3" $bin/dense_touch --size-mb "$size" --timeout-s "$w" ;;
	random_access) run "$2" "$3" $bin/random_access --size-mb "$size" --warm-s "$w" --run-s "$run_s" ;;
	object_churn) run "$2" "$3" $bin/object_churn --size-mb "$size" --free-pct 80 --settle-s "$settle" ;;
	fairness)
		# Scarcity that lasts: the fragmenter's pages are mlocked and compaction may not move
		# them, so only the memory it leaves alone can become huge (stock kcompactd would
		# otherwise compact the fragmentation away within seconds).
		echo 0 > /proc/sys/vm/compact_unevictable_allowed
		run "$2" "$3" $bin/fairness --size-mb "$size" --procs "$procs" --fill-mb "$fill" --stagger-s "$stagger" \
			--run-s "$proc_run_s" --pin
		echo 1 > /proc/sys/vm/compact_unevictable_allowed
		;;
	fairness_idle)
		# The same scarcity, an idle process first and an active one after it: the idle
		# one asks first, the active one gains from huge pages (stock gives them to whoever faults first).
		echo 0 > /proc/sys/vm/compact_unevictable_allowed
		name=$1 run "$2" "$3" $bin/fairness --size-mb "$size" --procs 2 --idle-procs 1 --fill-mb "$fill" \
			--stagger-s "$stagger" --run-s "$proc_run_s" --pin
		echo 1 > /proc/sys/vm/compact_unevictable_allowed
		;;
	fragment) run "$2" "$3" $bin/fragment --size-mb "$size" --fill-mb "$fill" --timeout-s "$w" ;;
	fragment_no_proactive)
		# The same with stock proactive compaction (vm.compaction_proactiveness) off: what
		# the policy's own mechanisms do alone.
		proactiveness=$(cat /proc/sys/vm/compaction_proactiveness)
		echo 0 > /proc/sys/vm/compaction_proactiveness
		name=$1 run "$2" "$3" $bin/fragment --size-mb "$size" --fill-mb "$fill" --timeout-s "$w" \
			--name "$1"
		echo "$proactiveness" > /proc/sys/vm/compaction_proactiveness
		;;
	redis)
		if redis=$(command -v redis-server); then
			export REDIS_BIN="${redis%/*}"
			run "$2" "$3" $bin/redis.sh "$redis_keys" 1024 "$settle" "$redis_requests"
		else
			echo "bench: no redis-server (the guest: run 'make deps'; a host: install redis-server), redis skipped"
		fi
		;;
	vm_balloon) run "$2" "$3" $bin/vm_balloon.sh "$vm_mb" on "$vm_warm" ;;
	vm_balloon_noreport) name=$1 run "$2" "$3" $bin/vm_balloon.sh "$vm_mb" off "$vm_warm" ;;
	# KSM in the policy's mode (Ingens: coordinated), in stock's mode (split), and off.
	vm_ksm) run "$2" "$3" $bin/vm_ksm.sh "$vm_mb" ;;
	vm_ksm_split) name=$1 run "$2" "$3" $bin/vm_ksm.sh "$vm_mb" split ;;
	vm_ksm_off) name=$1 run "$2" "$3" $bin/vm_ksm.sh "$vm_mb" off ;;
	# VMs under huge-page scarcity: two, four (half the RAM each), two with the second's share
	# doubled.
	vm_fairness) name=$1 run "$2" "$3" $bin/vm_fairness.sh 2 $((vm_mb * 3 / 4)) ;;
	vm_fairness4) name=$1 run "$2" "$3" $bin/vm_fairness.sh 4 $((vm_mb * 3 / 8)) ;;
	vm_fairness_share) name=$1 run "$2" "$3" $bin/vm_fairness.sh 2 $((vm_mb * 3 / 4)) double ;;
	# Three VMs of 1.5 times VM_MB each: more RAM than a 2 GiB host has.
	vm_overcommit) run "$2" "$3" $bin/vm_overcommit.sh 3 $((vm_mb * 3 / 2)) ;;
	*) echo "bench: unknown workload $1" ;;
	esac
}

echo "bench: clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
echo "bench: mode=$mode size=${size}MiB reps=$reps policies: $policies workloads: $workloads"
rep=1
while [ "$rep" -le "$reps" ]; do
	for policy in $policies; do
		set_policy $policy
		[ "$rep" -gt 1 ] || show_settings $policy
		for workload in $workloads; do
			run_workload "$workload" "$policy" "$rep"
		done
	done
	rep=$((rep + 1))
done
restore_settings
rm -rf "$work"
echo "bench: done"
