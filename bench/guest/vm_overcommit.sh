#!/bin/sh
# Overcommit on a VM host: NVMS VMs whose RAM together exceeds the host's, with KSM on and swap,
# as a host that packs VMs runs. The VMs start STAGGER_S apart; each fills and frees half its
# RAM (the same contents in all: what guests of one image leave in their free memory), then keeps
# 60% of it, its own data, checked every second. Free page reporting is off, so what a guest
# freed stays backed until KSM merges it or a balloon takes it. Once every VM has passed two
# rounds, the operator balloons each to three quarters of its RAM, and RUN_S seconds later the
# host takes stock. Prints one JSON line: whether every VM survived and kept its memory right,
# OOM kills, and how far each mechanism got the host: KSM (pages_sharing), the balloons,
# demotion (base pages Ingens freed by splitting huge pages) and swap (what the VMs' cgroups have
# swapped out), against the VMs' charge.
# usage: vm_overcommit.sh NVMS VM_MB [RUN_S] [STAGGER_S]
. /ingens/vm-lib.sh
nvms=${1:-3} mem=${2:-768} run_s=${3:-60} stagger=${4:-5}
ksm=/sys/kernel/mm/ksm
memcheck() { echo "--warm-mb,$((mem / 2)),--warm-seed,7,--keep-mb,$((mem * 3 / 5)),--hot-mb,8,--churn-mb,16,--seed,$1,--pause-s,1"; }
vms=$(seq 0 $((nvms - 1)) | sed 's/^/vm/')
vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
sum_vms() { # sum_vms COMMAND: COMMAND VM summed over the VMs
	for vm in $vms; do "$1" "$vm"; done | awk '{ s += $1 } END { print s + 0 }'
}
vm_swap_kb() { echo $(($(cat $VM_CGROUP/"$1"/memory.swap.current) / 1024)); }
vm_ballooned_kb() { vm_running "$1" && echo $(((mem - $(vm_balloon_mb "$1")) * 1024)); }
stop_all() {
	echo 0 > $ksm/run
	for vm in $vms; do
		vm_stop "$vm"
	done
}
fail() {
	echo "vm_overcommit: $*" >&2
	for vm in $vms; do
		[ -f "$VM_DIR/$vm.pid" ] && ! vm_running "$vm" && vm_stopped_report "$vm" >&2
	done
	stop_all
	exit 1
}

vm_available || fail "this image has no VM part (make initramfs-vm)"
rm -f "$VM_DIR"/*.pid
host_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
oom0=$(vmstat oom_kill) demote0=$(vmstat ingens_demote_freed)
echo 20 > $ksm/sleep_millisecs
echo 1000 > $ksm/pages_to_scan
echo 1 > $ksm/run
for vm in $vms; do
	vm_start "$vm" "$mem" "$(memcheck "${vm#vm}")" -device virtio-balloon-device,free-page-reporting=off
	sleep "$stagger"
done
for vm in $vms; do
	vm_wait "$vm" 'vm_memcheck: round 2 ok' 900 >&2 || fail "$vm did not pass two rounds"
done
charged_before=$(sum_vms vm_charge_kb)
for vm in $vms; do
	vm_qmp "$vm" balloon "{\"value\": $((mem * 1048576 * 3 / 4))}" > /dev/null || fail "balloon $vm"
done
sleep "$run_s"
ok=1 alive=0
for vm in $vms; do
	if vm_running "$vm"; then alive=$((alive + 1)); else ok=0 && vm_stopped_report "$vm" >&2; fi
done
charged=$(sum_vms vm_charge_kb) swapped=$(sum_vms vm_swap_kb) ballooned=$(sum_vms vm_ballooned_kb)
huge=$(sum_vms vm_huge_kb)
saved=$(($(cat $ksm/pages_sharing) * 4))
demoted=$((($(vmstat ingens_demote_freed) - demote0) * 4))
# The VMs go on checking their memory after all of that.
for vm in $vms; do
	want=$(($(vm_rounds "$vm") + 2))
	vm_wait "$vm" "vm_memcheck: round $want ok" 600 >&2 || ok=0
done
stop_all
for vm in $vms; do
	vm_console_clean "$vm" || ok=0
done
echo "{\"workload\": \"vm_overcommit\", \"vms\": $nvms, \"vm_mb\": $mem, \"host_kb\": $host_kb," \
	"\"overcommit\": $(awk -v v=$((nvms * mem * 1024)) -v h="$host_kb" 'BEGIN { printf "%.2f", v / h }')," \
	"\"vms_alive\": $alive, \"oom_kills\": $(($(vmstat oom_kill) - oom0))," \
	"\"charged_kb_before\": $charged_before, \"charged_kb\": $charged, \"huge_kb\": $huge," \
	"\"ksm_saved_kb\": $saved, \"ballooned_kb\": $ballooned, \"demote_freed_kb\": $demoted," \
	"\"swapped_kb\": $swapped, \"checks_ok\": $ok}"
