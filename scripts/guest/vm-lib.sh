# shellcheck shell=dash
# Sourced by scripts that run VMs inside the guest, which is then a VM host: each VM is Debian's
# microvm QEMU on KVM (-cpu host: the guest's own -cpu max, with SVM and nested paging), in a
# memory cgroup of its own (the host's charge per VM), its serial console in a file and its QMP
# monitor on a UNIX socket. Under TCG's nested SVM, the guest CPU's XSAVE sizes are inconsistent
# (the nested kernel warns "XSAVE consistency problem: size 832 != kernel_size 576"), so the
# VMs run without XSAVE, and without a PMU, which KVM cannot give them here. The VMs boot this
# guest's kernel with scripts/vm/init, which runs vm_memcheck. Needs the image's VM part
# (scripts/build-vm-image.sh).
VM_DIR=/tmp/vms
VM_CGROUP=/sys/fs/cgroup/vms
VM_QEMU=/usr/bin/qemu-system-x86_64-microvm
QMP=/ingens/bench/qmp
# The machine: microvm without ACPI (virtio-mmio devices on the kernel command line), and
# without the legacy PIT, PIC and RTC (the VMs keep time with kvmclock and the TSC-deadline
# timer). With them, the guest broke as a pair of VMs started 1 time in 26, 4 in 12 under perf
# stat -a; without them, none in 19, 9 of those under perf (docs/design.md, "The VM host").
VM_MACHINE=${VM_MACHINE:-microvm,acpi=off,pit=off,pic=off,rtc=off}

vm_available() { [ -x $VM_QEMU ] && [ -f /vm/bzImage ]; }

# vm_start NAME MEM_MB MEMCHECK_ARGS [QEMU_ARGS...]: boot a VM in the background. MEMCHECK_ARGS
# are vm_memcheck's, comma-separated ("--keep-mb,48,--seed,1").
vm_start() {
	local name=$1 mem=$2 memcheck=$3
	shift 3
	mkdir -p $VM_DIR $VM_CGROUP
	grep -q memory $VM_CGROUP/cgroup.subtree_control || echo +memory > $VM_CGROUP/cgroup.subtree_control
	mkdir -p $VM_CGROUP/"$name"
	rm -f $VM_DIR/"$name".log $VM_DIR/"$name".qmp $VM_DIR/"$name".events $VM_DIR/"$name".events-qmp
	# A new shell moves itself into the VM's cgroup ($$ is its own pid there, not the caller's),
	# then becomes QEMU.
	sh -c 'echo $$ > "$0"/cgroup.procs && exec "$@"' $VM_CGROUP/"$name" \
		$VM_QEMU -M "$VM_MACHINE" -accel kvm -cpu host,-xsave,pmu=off -smp 1 -m "$mem"M \
		-nodefaults -no-user-config -display none -no-reboot -name "$name",process="$name" \
		-chardev file,id=console,path=$VM_DIR/"$name".log -serial chardev:console \
		-qmp unix:$VM_DIR/"$name".qmp,server=on,wait=off \
		-qmp unix:$VM_DIR/"$name".events-qmp,server=on,wait=off \
		-kernel /vm/bzImage -initrd /vm/initramfs.cpio.gz \
		-append "console=ttyS0 panic=-1 reboot=t vm_memcheck=$memcheck" "$@" \
		> $VM_DIR/"$name".qemu 2>&1 &
	echo $! > $VM_DIR/"$name".pid
	# Its events, on a second monitor: why it stopped, if it stops (vm_stopped_report).
	local i=0
	while [ ! -S $VM_DIR/"$name".events-qmp ] && [ $i -lt 50 ] && vm_running "$name"; do
		sleep 0.1
		i=$((i + 1))
	done
	$QMP --events $VM_DIR/"$name".events-qmp > $VM_DIR/"$name".events 2>&1 &
}

vm_pid() { cat $VM_DIR/"$1".pid; }
vm_running() { kill -0 "$(vm_pid "$1")" 2>/dev/null; }
vm_log() { cat $VM_DIR/"$1".log 2>/dev/null; }
# What QEMU itself printed (its errors).
vm_qemu_output() { cat $VM_DIR/"$1".qemu 2>/dev/null; }

# vm_qmp NAME COMMAND [JSON-ARGUMENTS]: the command's return value, one line of JSON.
vm_qmp() {
	local name=$1
	shift
	$QMP $VM_DIR/"$name".qmp "$@"
}

# vm_stopped_report NAME: why a VM that stopped did, as far as it said: QEMU's output, its
# events (SHUTDOWN's reason tells a guest reset, a triple fault under -no-reboot, from a panic or
# a signal) and the end of its console.
vm_stopped_report() {
	echo "# $1 stopped; QEMU said: $(vm_qemu_output "$1"); its events:" \
		"$(tr '\n' ' ' < $VM_DIR/"$1".events 2>/dev/null); its console ended:"
	vm_log "$1" | tail -n 15 | sed 's/^/#   /'
}

# vm_wait NAME PATTERN SECONDS: until the VM's console shows PATTERN (a grep -E expression).
# Fails when the VM is gone, or when its console has not grown for SECONDS: a slow host (a
# loaded machine, nested boots under TCG crawl beside a second guest) is waited for as long as
# the VM makes progress, a stalled VM is not. A stalled VM's CPU state is printed.
vm_wait() {
	local size=-1 now last_change
	last_change=$(date +%s)
	while ! vm_log "$1" | grep -qE "$2"; do
		vm_running "$1" || { echo "# $1 exited before '$2'"; vm_stopped_report "$1"; return 1; }
		now=$(vm_log "$1" | wc -c)
		[ "$now" = "$size" ] || { size=$now last_change=$(date +%s); }
		if [ $(($(date +%s) - last_change)) -ge "$3" ]; then
			echo "# FAIL: $1 stalled: no '$2', its console unchanged for $3 s, at: $(vm_log "$1" | tail -n 1)"
			vm_cpu_state "$1"
			return 1
		fi
		sleep 1
	done
}

# vm_cpu_state NAME: where the VM's CPU is (QEMU's "info registers"), for a VM that stalled.
vm_cpu_state() {
	echo "# $1's CPU: $(vm_qmp "$1" query-status)"
	vm_qmp "$1" human-monitor-command '{"command-line": "info registers"}' |
		sed 's/^"//; s/"$//; s/\\r//g; s/\\n/\n/g' | grep -vE '^(FCW|FPR|XMM|$)' | sed 's/^/#   /'
	vm_kvm_state "$1"
}

# vm_kvm_counters NAME: KVM's non-zero counters for the VM and its vCPUs (debugfs), one line.
vm_kvm_counters() {
	local d
	for d in /sys/kernel/debug/kvm/"$(vm_pid "$1")"-*; do
		[ -d "$d" ] && grep -s . "$d"/* | sed "s|^$d/||" | awk -F: '$2 != 0' | tr '\n' ' '
	done
}

# vm_kvm_state NAME: for a VM that stalled, where QEMU's threads are in this kernel, and
# whether KVM enters it and it gets nowhere (exits, faults growing between the two reads) or
# never enters it (no exit at all: so it was when this guest's TSC was not calibrated). QEMU's
# registers say where the vCPU is, not why it stays there.
vm_kvm_state() {
	local t
	for t in /proc/"$(vm_pid "$1")"/task/*; do
		# Thread names have spaces ("CPU 0/KVM"): the state follows the ") ".
		echo "#   thread $(cat "$t"/comm): state $(sed 's/.*) //; s/ .*//' "$t"/stat)," \
			"in $(cat "$t"/wchan)"
		sed 's/^/#     /' "$t"/stack 2>/dev/null
	done
	echo "#   KVM counters: $(vm_kvm_counters "$1")"
	sleep 2
	echo "#   2 s later:    $(vm_kvm_counters "$1")"
}

# vm_rounds NAME: how many rounds of vm_memcheck the VM has passed.
vm_rounds() { vm_log "$1" | grep -c 'vm_memcheck: round .* ok'; }

# vm_balloon_mb NAME: the VM's memory with the balloon's share taken away (query-balloon).
vm_balloon_mb() { vm_qmp "$1" query-balloon | sed 's/.*"actual": *\([0-9]*\).*/\1/' | awk '{print int($1 / 1048576)}'; }

# vm_charge_kb NAME: what the host charges for the VM (its cgroup's memory.current).
vm_charge_kb() { echo $(($(cat $VM_CGROUP/"$1"/memory.current) / 1024)); }

# vm_huge_kb NAME: the VM's RAM that the host maps with huge pages (QEMU's AnonHugePages).
vm_huge_kb() { awk '/^AnonHugePages:/ {print $2}' /proc/"$(vm_pid "$1")"/smaps_rollup; }

# vm_stop NAME: QEMU quits; its cgroup goes.
vm_stop() {
	vm_running "$1" && vm_qmp "$1" quit > /dev/null 2>&1
	local pid i=0
	pid=$(vm_pid "$1")
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do
		sleep 1
		i=$((i + 1))
	done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rmdir $VM_CGROUP/"$1" 2>/dev/null
	true
}

# vm_kernel_reports NAME: the kernel reports (splats) in the VM's console, if any.
vm_kernel_reports() {
	vm_log "$1" | grep -E '\] (WARNING:|BUG:|Oops|Kernel panic|general protection|UBSAN:|kernel BUG)|KASAN|watchdog: BUG|rcu_sched (self-)?detected stall' || true
}

# vm_console_clean NAME: the VM's checker found no bad word and its kernel reported nothing.
vm_console_clean() {
	! vm_log "$1" | grep -q 'vm_memcheck: BAD' && [ -z "$(vm_kernel_reports "$1")" ]
}
