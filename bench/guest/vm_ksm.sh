#!/bin/sh
# KSM and huge pages on a VM host: two identical VMs (same kernel, image and memory contents) boot
# and check their memory; SETTLE_S seconds later ksmd runs for KSM_S seconds. (Ingens calls a
# region idle once its access frequency has aged to zero, some nine samples after its last access,
# 20-30 s for these VMs here: a VM host runs KSM all along, so it is measured in that steady state.) Each VM keeps 64 MiB that it reads
# every second (hot, 8 MiB of it rewritten) and first fills and frees half its RAM (cold, the same
# in both). Prints one JSON line: the memory KSM saved (pages_sharing), the VMs' RAM in huge pages
# before and after, and the rounds the VMs' checkers completed meanwhile (their throughput).
# Which mode KSM runs in is the policy's: stock splits any huge page to merge; Ingens' default
# ksm_mode=coordinated spares the huge pages of regions it saw accessed (guest RAM is tracked at
# defer_madvised=1).
# usage: vm_ksm.sh VM_MB [KSM_S] [SETTLE_S]
. /ingens/vm-lib.sh
mem=${1:-512} ksm_s=${2:-60} settle_s=${3:-30}
ksm=/sys/kernel/mm/ksm
memcheck=--warm-mb,$((mem / 2)),--keep-mb,64,--hot-mb,8,--churn-mb,0,--seed,7,--pause-s,1
fail() {
	echo "vm_ksm: $*" >&2
	echo 0 > $ksm/run
	vm_stop vm0
	vm_stop vm1
	exit 1
}
huge_kb() { echo $(($(vm_huge_kb vm0) + $(vm_huge_kb vm1))); }
rounds() { echo $(($(vm_rounds vm0) + $(vm_rounds vm1))); }

vm_available || fail "this image has no VM part (make initramfs-vm)"
for vm in vm0 vm1; do
	vm_start $vm "$mem" "$memcheck"
done
for vm in vm0 vm1; do
	vm_wait $vm 'vm_memcheck: round 2 ok' 300 >&2 || fail "$vm did not pass two rounds"
done
sleep "$settle_s"
huge_before=$(huge_kb) rounds_before=$(rounds)
echo 20 > $ksm/sleep_millisecs
echo 1000 > $ksm/pages_to_scan
echo 1 > $ksm/run
sleep "$ksm_s"
sharing_kb=$(($(cat $ksm/pages_sharing) * 4))
huge_after=$(huge_kb) rounds_during=$(($(rounds) - rounds_before))
echo 0 > $ksm/run
ok=1
for vm in vm0 vm1; do
	vm_running $vm || ok=0
	vm_stop $vm
	vm_log $vm | grep -q 'vm_memcheck: BAD' && ok=0
	[ -z "$(vm_kernel_reports $vm)" ] || ok=0
done
echo "{\"workload\": \"vm_ksm\", \"vm_mb\": $mem, \"ksm_s\": $ksm_s, \"settle_s\": $settle_s," \
	"\"saved_kb\": $sharing_kb, \"huge_kb_before\": $huge_before, \"huge_kb_after\": $huge_after," \
	"\"rounds_during\": $rounds_during, \"checks_ok\": $ok}"
