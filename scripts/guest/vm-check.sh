#!/bin/sh
# The VM host, quickly (suite "vm"): two VMs on KVM, with KSM and Ingens on, check every word of
# their memory round after round while one is ballooned to half its memory and given it back.
# Fails on a bad word, a VM that stops, a balloon that does not reach its target, or a kernel
# report in a VM; the host's own reports are in the console log the harness reads.
# usage: vm-check.sh [defer-madvised]   (defer-madvised: the VMs' RAM, which QEMU madvises, is
#        under Ingens too, so promotion, demotion and KSM coordination run under live vCPUs)
. /ingens/vm-lib.sh
vms="vm0 vm1"
mem=256
# The same seed in both: their kept memory is identical, so KSM has pages to merge.
memcheck=--warm-mb,160,--keep-mb,48,--hot-mb,8,--churn-mb,16,--seed,7,--pause-s,1
ksm=/sys/kernel/mm/ksm

vm_available || { echo "SKIP: this image has no VM part (scripts/build-vm-image.sh)"; exit 4; }
[ -c /dev/kvm ] || { echo "# /dev/kvm missing: the kernel needs KVM and QEMU -cpu max"; exit 1; }
# The positive control: the checker finds one flipped bit.
if /ingens/bench/vm_memcheck --keep-mb 4 --churn-mb 0 --rounds 2 --pause-s 0 --corrupt-round 2 > /tmp/control 2>&1 ||
	! grep -q BAD /tmp/control; then
	echo "# vm_memcheck missed a flipped bit:"
	cat /tmp/control
	exit 1
fi

fail() {
	echo "# FAIL: $*"
	status=1
}
status=0
old_run=$(cat $ksm/run) old_sleep=$(cat $ksm/sleep_millisecs)
defer=/sys/kernel/mm/transparent_hugepage/ingens/defer_madvised
old_defer=$(cat $defer)
[ "${1:-}" != defer-madvised ] || echo 1 > $defer
echo "# Ingens enabled=$(cat ${defer%/*}/enabled) defer_madvised=$(cat $defer), KSM on"
echo 20 > $ksm/sleep_millisecs
echo 1 > $ksm/run
start=$(date +%s)
# vm0, the one ballooned, without free page reporting: the guest reports its free 2 MiB blocks
# and the host discards them, so after the warm-up nothing would be left for the balloon to
# give back. vm1 reports them.
vm_start vm0 $mem $memcheck -device virtio-balloon-device,free-page-reporting=off
vm_start vm1 $mem $memcheck -device virtio-balloon-device,free-page-reporting=on
for vm in $vms; do
	vm_wait $vm 'vm_memcheck: round 2 ok' 120 || fail "$vm did not pass two rounds"
	grep -qx "0::/vms/$vm" /proc/"$(vm_pid $vm)"/cgroup || fail "$vm's QEMU is not in its cgroup"
	# Operators see VMs by the name QEMU was given, not as "qemu-system-x86".
	ingensctl top --once --all | grep -q " vm:$vm " || fail "ingensctl top does not name $vm"
	ingensctl proc --limit 1 "$(vm_pid $vm)" | grep -q ", VM $vm)" ||
		fail "ingensctl proc does not name $vm"
done
[ $status != 0 ] || echo "# both VMs checked their memory twice, $(($(date +%s) - start)) s after start"

if [ $status = 0 ]; then
	charge=$(vm_charge_kb vm0) huge1=$(vm_huge_kb vm1)
	echo "# vm0 charged $charge kB; vm1 $huge1 kB in huge pages; balloon vm0 to $((mem / 2)) MiB"
	vm_qmp vm0 balloon "{\"value\": $((mem / 2 * 1048576))}" > /dev/null || fail "balloon command"
	i=0
	while [ "$(vm_balloon_mb vm0)" -gt $((mem / 2)) ] && [ $i -lt 120 ]; do
		sleep 1
		i=$((i + 1))
	done
	[ "$(vm_balloon_mb vm0)" -le $((mem / 2)) ] || fail "vm0's balloon stopped at $(vm_balloon_mb vm0) MiB"
	sleep 5
	after=$(vm_charge_kb vm0)
	echo "# inflated in ${i} s: vm0 charged $after kB, $(((charge - after) * 100 / (mem / 2 * 1024)))% of the" \
		"ballooned memory given back 5 s later; vm1 $(vm_huge_kb vm1) kB in huge pages"
	vm_qmp vm0 balloon "{\"value\": $((mem * 1048576))}" > /dev/null || fail "deflate command"
	i=0
	while [ "$(vm_balloon_mb vm0)" -lt $mem ] && [ $i -lt 120 ]; do
		sleep 1
		i=$((i + 1))
	done
	[ "$(vm_balloon_mb vm0)" -ge $mem ] || fail "vm0's balloon deflated only to $(vm_balloon_mb vm0) MiB"
	# Two more rounds each, the deflated memory reused by vm0's churn.
	for vm in $vms; do
		want=$(($(vm_rounds $vm) + 2))
		vm_wait $vm "vm_memcheck: round $want ok" 120 || fail "$vm stopped passing rounds after the balloon"
	done
	echo "# deflated in ${i} s; KSM pages_sharing $(cat $ksm/pages_sharing)"
fi

for vm in $vms; do
	vm_stop $vm
	echo "# $vm's console:"
	vm_log $vm | sed 's/^/#   /'
	reports=$(vm_kernel_reports $vm)
	[ -z "$reports" ] || fail "$vm's kernel reported: $reports"
	! vm_log $vm | grep -q 'vm_memcheck: BAD' || fail "$vm found a bad word"
done
echo "$old_defer" > $defer
echo "$old_sleep" > $ksm/sleep_millisecs
echo "$old_run" > $ksm/run
[ $status = 0 ] && echo "# ok: two VMs, a balloon inflated and deflated, every word checked, $(($(date +%s) - start)) s"
exit $status
