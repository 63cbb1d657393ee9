#!/bin/sh
# Ballooning on a VM host: two VMs boot and check their memory (vm_memcheck); one is ballooned
# to half its RAM through QMP. Prints one JSON line: how much of the ballooned memory the host got
# back (that VM's cgroup charge) 5, 10 and 20 s after the command, how long the guest took to give
# it, what the other VM kept in huge pages, and whether both VMs kept passing their checks once
# the balloon was deflated again.
# usage: vm_balloon.sh VM_MB REPORTING(on|off) [WARM_PCT]
# WARM_PCT: the share of its RAM each VM fills and frees first (default 81). A guest's never
# touched memory was never backed on the host, so ballooning it gives nothing back; with less
# warmed, the balloon also takes free pages scattered among the guest's live ones, the case
# that leaves discarded pages inside huge pages still partly in use.
. /ingens/vm-lib.sh
mem=${1:-512} reporting=${2:-on} warm=${3:-81}
half=$((mem / 2))
workload=vm_balloon
[ "$reporting" = on ] || workload=vm_balloon_noreport
memcheck=--warm-mb,$((mem * warm / 100)),--keep-mb,$((mem / 4)),--hot-mb,16,--churn-mb,32,--seed,$$,--pause-s,1
now() { cut -d' ' -f1 /proc/uptime; }
fail() {
	echo "vm_balloon: $*" >&2
	for vm in vm0 vm1; do
		vm_running $vm || vm_stopped_report $vm >&2
	done
	vm_stop vm0
	vm_stop vm1
	exit 1
}

vm_available || fail "this image has no VM part (make initramfs-vm)"
for vm in vm0 vm1; do
	vm_start $vm "$mem" "$memcheck" -device virtio-balloon-device,free-page-reporting="$reporting"
done
for vm in vm0 vm1; do
	vm_wait $vm 'vm_memcheck: round 2 ok' 300 >&2 || fail "$vm did not pass two rounds"
done
charge0=$(vm_charge_kb vm0) huge0=$(vm_huge_kb vm0) huge1=$(vm_huge_kb vm1)
start=$(now)
vm_qmp vm0 balloon "{\"value\": $((half * 1048576))}" > /dev/null || fail "balloon command"
inflated=-1 back5=-1 back10=-1 back20=-1
series=
while :; do
	vm_running vm0 || fail "vm0 stopped while ballooned"
	t=$(echo "$(now) $start" | awk '{printf "%.1f", $1 - $2}')
	back=$(((charge0 - $(vm_charge_kb vm0)) * 100 / (half * 1024)))
	series="$series${series:+,}[$t,$back]"
	[ "$inflated" != -1 ] || [ "$(vm_balloon_mb vm0)" -gt $half ] || inflated=$t
	awk "BEGIN {exit !($t >= 5)}" && [ $back5 = -1 ] && back5=$back
	awk "BEGIN {exit !($t >= 10)}" && [ $back10 = -1 ] && back10=$back
	awk "BEGIN {exit !($t >= 20)}" && { back20=$back; break; }
	sleep 0.5
done
huge1_after=$(vm_huge_kb vm1) huge0_after=$(vm_huge_kb vm0) charge0_after=$(vm_charge_kb vm0)
vm_qmp vm0 balloon "{\"value\": $((mem * 1048576))}" > /dev/null || fail "deflate command"
ok=1
for vm in vm0 vm1; do
	want=$(($(vm_rounds $vm) + 2))
	vm_wait $vm "vm_memcheck: round $want ok" 300 >&2 || ok=0
done
for vm in vm0 vm1; do
	vm_stop $vm
	vm_console_clean "$vm" || ok=0
done
echo "{\"workload\": \"$workload\", \"vm_mb\": $mem, \"warm_pct\": $warm, \"ballooned_mb\": $half, \"reporting\": \"$reporting\"," \
	"\"inflate_s\": $inflated, \"given_back_pct_5s\": $back5, \"given_back_pct_10s\": $back10," \
	"\"given_back_pct_20s\": $back20, \"vm0_charged_kb\": $charge0, \"vm0_huge_kb\": $huge0," \
	"\"vm0_charged_kb_after\": $charge0_after, \"vm0_huge_kb_after\": $huge0_after, \"other_vm_huge_kb\": $huge1, \"other_vm_huge_kb_after\": $huge1_after," \
	"\"checks_ok\": $ok, \"given_back_series\": [$series]}"
