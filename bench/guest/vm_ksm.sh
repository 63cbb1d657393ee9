#!/bin/sh
# KSM and huge pages on a VM host: two VMs of the same kernel and image boot and check their
# memory; SETTLE_S seconds later ksmd runs for KSM_S seconds. (Ingens calls a region idle once
# its access frequency has aged to zero, some nine samples after its last access, 20-30 s for
# these VMs here: a VM host runs KSM all along, so it is measured in that steady state.) Each VM
# first fills and frees half its RAM (cold, the same contents in both, as two guests of one image
# have), then keeps 64 MiB of its own data that it reads every second and rewrites 8 MiB of
# (hot). Prints one JSON line: the memory KSM saved (pages_sharing), the VMs' RAM in huge pages
# before and after, how much of the hot memory the host backs with huge pages before and after
# (hot_huge, from the guest-physical frames each VM reports), and the rounds the VMs' checkers
# completed meanwhile (their throughput).
# KSM=on runs KSM in the policy's mode: stock splits any huge page to merge; Ingens' default
# ksm_mode=coordinated spares the huge pages of regions it saw accessed (guest RAM is tracked at
# defer_madvised=1). KSM=split sets ksm_mode=split (stock's behaviour under Ingens), KSM=off
# leaves ksmd off (the coverage KSM is judged against).
# usage: vm_ksm.sh VM_MB [KSM(on|split|off)] [KSM_S] [SETTLE_S]
. /ingens/vm-lib.sh
mem=${1:-512} mode=${2:-on} ksm_s=${3:-60} settle_s=${4:-30}
ksm=/sys/kernel/mm/ksm
ksm_mode=/sys/kernel/mm/transparent_hugepage/ingens/ksm_mode
old_mode=$(sed 's/.*\[\(.*\)\].*/\1/' $ksm_mode)
workload=vm_ksm
[ "$mode" = on ] || workload=vm_ksm_$mode
memcheck() { echo "--warm-mb,$((mem / 2)),--warm-seed,7,--keep-mb,64,--hot-mb,8,--churn-mb,0,--seed,$1,--pause-s,1,--report-frames"; }
restore() {
	echo 0 > $ksm/run
	echo "$old_mode" > $ksm_mode
}
fail() {
	echo "vm_ksm: $*" >&2
	restore
	vm_stop vm0
	vm_stop vm1
	exit 1
}
huge_kb() { echo $(($(vm_huge_kb vm0) + $(vm_huge_kb vm1))); }
rounds() { echo $(($(vm_rounds vm0) + $(vm_rounds vm1))); }
# hot_huge_pct: the share of both VMs' hot memory the host backs with huge pages, in percent.
hot_huge_pct() {
	local hot=0 huge=0 frames out
	for vm in vm0 vm1; do
		# The line before the last: the last may still be being written.
		frames=$(vm_log $vm | grep 'vm_memcheck: kept frames' | tail -n 2 | head -n 1 |
			sed 's/.*kept frames //')
		# shellcheck disable=SC2086 # one argument per frame
		out=$(/ingens/bench/hot_huge --pid "$(vm_pid $vm)" --ram-mb "$mem" $frames) || { echo -1; return 0; }
		hot=$((hot + $(echo "$out" | sed 's/.*"hot_kb": *\([0-9]*\).*/\1/')))
		huge=$((huge + $(echo "$out" | sed 's/.*"hot_huge_kb": *\([0-9]*\).*/\1/')))
	done
	awk -v hot=$hot -v huge=$huge 'BEGIN { if (hot > 0) printf "%.1f", 100 * huge / hot; else print -1 }'
}

vm_available || fail "this image has no VM part (make initramfs-vm)"
for vm in vm0 vm1; do
	vm_start $vm "$mem" "$(memcheck ${vm#vm})"
done
for vm in vm0 vm1; do
	vm_wait $vm 'vm_memcheck: round 2 ok' 300 >&2 || fail "$vm did not pass two rounds"
done
sleep "$settle_s"
huge_before=$(huge_kb) hot_before=$(hot_huge_pct) rounds_before=$(rounds)
[ "$mode" != split ] || echo split > $ksm_mode
echo 20 > $ksm/sleep_millisecs
echo 1000 > $ksm/pages_to_scan
[ "$mode" = off ] || echo 1 > $ksm/run
sleep "$ksm_s"
# ksmd updates its counters as it scans: off, they still hold the previous run's.
sharing_kb=0
[ "$mode" = off ] || sharing_kb=$(($(cat $ksm/pages_sharing) * 4))
huge_after=$(huge_kb) hot_after=$(hot_huge_pct) rounds_during=$(($(rounds) - rounds_before))
restore
ok=1
for vm in vm0 vm1; do
	vm_running $vm || ok=0
	vm_stop $vm
	vm_console_clean "$vm" || ok=0
done
echo "{\"workload\": \"$workload\", \"vm_mb\": $mem, \"ksm_s\": $ksm_s, \"settle_s\": $settle_s," \
	"\"saved_kb\": $sharing_kb, \"huge_kb_before\": $huge_before, \"huge_kb_after\": $huge_after," \
	"\"hot_huge_pct_before\": $hot_before, \"hot_huge_pct_after\": $hot_after, \"rounds_during\": $rounds_during, \"checks_ok\": $ok}"
