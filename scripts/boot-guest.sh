#!/usr/bin/env bash
# Boot the guest under QEMU/TCG and run what it is asked to.
# usage: boot-guest.sh shell|SUITE[,SUITE...]
# env: MEM (default 2G), SMP (default 2), TIMEOUT seconds (default 1800), KOUT, INITRAMFS, LOG,
#      KERNEL (default KOUT's bzImage), NUMA=N (N nodes of equal memory, a CPU each in turn)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

run=${1:-shell}
kernel=${KERNEL:-$KOUT/arch/x86/boot/bzImage}
initrd=$INITRAMFS
[ -f "$kernel" ] || die "no kernel at ${kernel#"$TOP"/}: run 'make kernel'"
[ -f "$initrd" ] || die "no initramfs: run 'make initramfs'"
firmware=/usr/share/qemu/qboot.rom
[ -f "$firmware" ] || die "$firmware missing: run 'make deps'"

# A scratch disk the guest uses as swap (MADV_PAGEOUT, swap-in paths, memory pressure).
# Sparse and per boot, so guests booted side by side do not share it.
swap=$(mktemp "$BUILD/guest-swap.XXXXXX")
trap 'rm -f "$swap"' EXIT
truncate -s "${SWAP:-1G}" "$swap"

# A socket per NUMA node: CPUs sharing a cache across nodes upset the scheduler's topology.
smp=${SMP:-2}
[ -z "${NUMA:-}" ] || smp+=",sockets=$NUMA"
# Under TCG the guest's TSC ticks at the host's rate. On a busy host the guest's calibration
# against the PIT (it has no HPET or ACPI PM timer) can fail, or its watchdog sees the
# tick-losing jiffies clock disagree: either way it keeps time in 4 ms steps, and KVM, with no
# TSC frequency, never enters a nested VM. Telling it the rate skips the calibration, and
# tsc=reliable the watchdog.
khz=$(awk -F: '/^cpu MHz/ { printf "%d", $2 * 1000; exit }' /proc/cpuinfo)
tsc=
if grep -qw constant_tsc /proc/cpuinfo && [ -n "$khz" ]; then
	tsc="tsc_early_khz=$khz tsc=reliable"
fi
# TCG only: KVM guests hang on some hosts, and the suites must not depend on it.
cmd=(qemu-system-x86_64 -accel tcg,thread=multi -cpu max -bios "$firmware"
	-m "${MEM:-2G}" -smp "$smp" -kernel "$kernel" -initrd "$initrd"
	-drive "file=$swap,if=virtio,format=raw"
	-append "console=ttyS0 panic=-1 printk.devkmsg=on ingens_run=$run $tsc ${APPEND:-}"
	-nographic -no-reboot)

if [ -n "${NUMA:-}" ]; then
	mem=${MEM:-2G}
	case $mem in *G) mib=$((${mem%G} * 1024)) ;; *M) mib=${mem%M} ;; *) die "MEM=$mem: say G or M" ;; esac
	for ((node = 0; node < NUMA; node++)); do
		cmd+=(-object "memory-backend-ram,id=mem$node,size=$((mib / NUMA))M"
			-numa "node,nodeid=$node,cpus=$((node % ${SMP:-2})),memdev=mem$node")
	done
fi

if [ "$run" = shell ]; then
	"${cmd[@]}"
	exit
fi
mkdir -p "$BUILD/logs"
log=${LOG:-$BUILD/logs/guest-$(date +%Y%m%d-%H%M%S).log}
say "boot-guest: running '$run' (log ${log#"$TOP"/})"
# A boot whose TSC calibration failed all the same (a host without a constant TSC; the guest
# init says so and powers off at once) is booted again, up to twice.
for attempt in 1 2 3; do
	status=0
	timeout --foreground -k 10 "${TIMEOUT:-1800}" "${cmd[@]}" < /dev/null 2>&1 | tee "$log" || status=$?
	grep -q '^ingens-guest: TSC not calibrated at boot' "$log" || break
	[ $attempt = 3 ] || say "boot-guest: the guest's TSC was not calibrated; booting again"
done
[ "$status" -ne 124 ] || echo "boot-guest: QEMU killed after ${TIMEOUT:-1800} s" | tee -a "$log"
