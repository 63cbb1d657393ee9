#!/bin/sh
# In the guest: run every workload under every policy, alternating policies, several times.
# Prints one line per run: BENCH policy=P rep=N {json}.
# usage: run-bench.sh quick|full
mode=${1:-quick}
thp=/sys/kernel/mm/transparent_hugepage
cg=/sys/fs/cgroup/bench
bin=/ingens/bench

case "$mode" in
full) size=512 reps=3 wait=60 ;;
*) size=64 reps=2 wait=20 ;;
esac
policies="linux-never linux-always ingens"

set_policy() {
	case "$1" in
	linux-never) echo never > $thp/enabled; echo 0 > $thp/ingens/enabled ;;
	linux-always) echo always > $thp/enabled; echo 0 > $thp/ingens/enabled ;;
	ingens) echo always > $thp/enabled; echo 1 > $thp/ingens/enabled ;;
	esac
}

# perf stat around every run: software events, and the THP and Ingens tracepoints that exist.
events=page-faults,task-clock,context-switches
for tp in huge_memory:mm_collapse_huge_page ingens:ingens_promote ingens:ingens_promote_fail \
	ingens:ingens_scan; do
	[ -d /sys/kernel/tracing/events/${tp%%:*}/${tp#*:} ] && events=$events,$tp
done

# A clean start for every run: caches dropped, free memory compacted, a fresh cgroup.
run() {
	policy=$1 rep=$2
	shift 2
	sync
	echo 3 > /proc/sys/vm/drop_caches
	echo 1 > /proc/sys/vm/compact_memory
	mkdir -p $cg
	out=$(sh -c 'echo $$ > '$cg'/cgroup.procs && exec "$@"' -- \
		perf stat -a -x, -o /tmp/perf.csv -e "$events" -- "$@")
	echo "BENCH policy=$policy rep=$rep $out"
	# perf's CSV: value,unit,event,...; one PERF line per run, keyed like the BENCH line.
	echo "PERF policy=$policy rep=$rep workload=$(basename "$1") $(grep -v '^#' /tmp/perf.csv |
		awk -F, 'NF > 2 && $1 != "" { printf "%s=%s ", $3, $1 }')"
	rmdir $cg 2>/dev/null
}

echo "bench: mode=$mode size=${size}MiB reps=$reps policies: $policies"
rep=1
while [ $rep -le $reps ]; do
	for policy in $policies; do
		set_policy $policy
		# With THP never no huge page can appear: do not wait for one.
		w=$wait
		[ $policy != linux-never ] || w=0
		run $policy $rep $bin/fault_latency --size-mb $size
		run $policy $rep $bin/sparse_touch --size-mb $size --stride-pages 16 --settle-s 5
		run $policy $rep $bin/dense_touch --size-mb $size --timeout-s $w
		run $policy $rep $bin/random_access --size-mb $size --warm-s $w --run-s 5
	done
	rep=$((rep + 1))
done
echo "bench: done"
