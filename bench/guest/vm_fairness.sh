#!/bin/sh
# Huge pages shared by VMs under scarcity: free memory is fragmented and pinned (bench/src/
# scarcity.cpp) but for KEEP_MB, less than the VMs' working sets together; NVMS VMs then start
# STAGGER_S apart (the first comes first), each checking two thirds of its RAM every second
# (memory-bound while it checks; the pause leaves the host's own threads CPU). Once every VM has
# passed a round, each VM's RAM in huge pages (QEMU's AnonHugePages) is sampled every 2 s for
# RUN_S seconds. With SHARE=double the VM started last gets twice the default
# /proc/<pid>/ingens_share. Prints one JSON line: huge pages per VM, Jain's index over them (mean
# and end), their total (and over the free 2 MiB blocks there were: the scarcity varies a little
# from run to run), each VM's throughput (MiB checked per second) and Jain's index over it, for
# SHARE=double the last VM's huge pages over the mean of the others', and the samples ([s, kB
# per VM]).
# usage: vm_fairness.sh NVMS VM_MB [SHARE(equal|double)] [KEEP_MB] [STAGGER_S] [RUN_S]
. /ingens/vm-lib.sh
nvms=${1:-2} mem=${2:-384} share=${3:-equal} keep=${4:-256} stagger=${5:-5} run_s=${6:-60}
work=$((mem * 2 / 3))
memcheck=--keep-mb,$work,--hot-mb,0,--churn-mb,0,--seed,$$,--pause-s,1
vms=$(seq 0 $((nvms - 1)) | sed 's/^/vm/')
workload=vm_fairness
[ "$nvms" -eq 2 ] || workload=vm_fairness$nvms
[ "$share" = equal ] || workload=vm_fairness_share
scarcity_pid=
stop_all() {
	for vm in $vms; do
		vm_stop "$vm"
	done
	[ -z "$scarcity_pid" ] || { kill "$scarcity_pid"; wait "$scarcity_pid" 2>/dev/null; }
	echo 1 > /proc/sys/vm/compact_unevictable_allowed
}
fail() {
	echo "vm_fairness: $*" >&2
	for vm in $vms; do
		[ -f $VM_DIR/"$vm".pid ] && ! vm_running "$vm" && vm_stopped_report "$vm" >&2
	done
	stop_all
	exit 1
}
# jain V1 V2 ...: (sum)^2 / (n * sum of squares); -1 when all are 0.
jain() { echo "$@" | awk '{ for (i = 1; i <= NF; i++) { s += $i; q += $i * $i }
	if (q > 0) printf "%.4f", s * s / (NF * q); else print -1 }'; }
sum() { echo "$@" | awk '{ for (i = 1; i <= NF; i++) s += $i; printf "%.1f", s }'; }
json_list() { echo "[$(echo "$@" | tr ' ' ',')]"; }

vm_available || fail "this image has no VM part (make initramfs-vm)"
rm -f $VM_DIR/*.pid
# Compaction may not move the pinned pages: only KEEP_MB can become huge (as in fairness).
echo 0 > /proc/sys/vm/compact_unevictable_allowed
/ingens/bench/scarcity --keep-mb "$keep" > /tmp/scarcity.out &
scarcity_pid=$!
i=0
until grep -q fragmented_mb /tmp/scarcity.out; do
	kill -0 $scarcity_pid 2>/dev/null || fail "scarcity: $(cat /tmp/scarcity.out)"
	[ $i -lt 300 ] || fail "scarcity did not fragment memory within 300 s"
	sleep 1
	i=$((i + 1))
done
fragmented=$(sed 's/.*"fragmented_mb": *\([0-9]*\).*/\1/' /tmp/scarcity.out)
blocks=$(sed 's/.*"free_huge_blocks": *\([0-9]*\).*/\1/' /tmp/scarcity.out)

last=vm$((nvms - 1))
default_share=$(cat /proc/$$/ingens_share)
for vm in $vms; do
	vm_start "$vm" "$mem" "$memcheck"
	# Inherited by QEMU's threads; written as QEMU starts, before it has faulted much.
	if [ "$share" = double ] && [ "$vm" = "$last" ]; then
		echo $((default_share * 2)) > /proc/"$(vm_pid "$vm")"/ingens_share ||
			fail "cannot double $vm's share"
	fi
	[ "$vm" = "$last" ] || sleep "$stagger"
done
for vm in $vms; do
	vm_wait "$vm" 'vm_memcheck: round 1 ok' 600 >&2 || fail "$vm did not pass a round"
done

start_rounds=$(for vm in $vms; do vm_rounds "$vm"; done)
t0=$(date +%s) jain_sum=0 samples=0 series=
while [ $(($(date +%s) - t0)) -lt "$run_s" ]; do
	sleep 2
	huge=$(for vm in $vms; do vm_huge_kb "$vm"; done)
	series="$series${series:+,}[$(($(date +%s) - t0)),$(echo $huge | tr ' ' ',')]"
	j=$(jain $huge)
	[ "$j" = -1 ] && continue
	jain_sum=$(echo "$jain_sum $j" | awk '{ printf "%.4f", $1 + $2 }')
	samples=$((samples + 1))
done
elapsed=$(($(date +%s) - t0))
huge=$(for vm in $vms; do vm_huge_kb "$vm"; done)
rounds=$(for vm in $vms; do vm_rounds "$vm"; done)
mibps=$(echo $start_rounds $rounds | awk -v n="$nvms" -v mib="$work" -v s="$elapsed" '
	{ for (i = 1; i <= n; i++) printf "%.1f ", ($(n + i) - $i) * mib / s }')
ratio=$(echo $huge | awk '{ for (i = 1; i < NF; i++) s += $i; m = NF > 1 ? s / (NF - 1) : 0
	if (m > 0) printf "%.3f", $NF / m; else print -1 }')
ok=1
for vm in $vms; do
	vm_running "$vm" || { ok=0; vm_stopped_report "$vm" >&2; }
	vm_console_clean "$vm" || ok=0
done
stop_all
echo "{\"workload\": \"$workload\", \"vms\": $nvms, \"vm_mb\": $mem, \"work_mb\": $work," \
	"\"share\": \"$share\", \"keep_mb\": $keep, \"fragmented_mb\": $fragmented, \"free_huge_blocks\": $blocks," \
	"\"run_s\": $elapsed, \"huge_kb_per_vm\": $(json_list $huge)," \
	"\"huge_kb_total\": $(sum $huge), \"huge_per_free_block\": $(echo $huge | awk -v b="$blocks" \
		'{ for (i = 1; i <= NF; i++) s += $i; printf "%.3f", b ? s / (2048 * b) : -1 }')," \
	"\"jain_huge_mean\": $(awk -v s="$jain_sum" -v n="$samples" 'BEGIN { printf "%.4f", n ? s / n : -1 }')," \
	"\"jain_huge_end\": $(jain $huge), \"last_vm_huge_ratio\": $ratio," \
	"\"mibps_per_vm\": $(json_list $mibps), \"mibps_total\": $(sum $mibps)," \
	"\"jain_mibps\": $(jain $mibps), \"checks_ok\": $ok, \"series\": [$series]}"
