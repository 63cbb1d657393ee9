#!/usr/bin/env bash
# The VM host's part of the guest image, for a guest that runs VMs of its own (nested, on KVM):
# QEMU (Debian's microvm build, 13 MB with its libraries) and its firmware, and the nested
# guests' kernel (the guest's own bzImage) and initramfs (busybox, scripts/vm/init,
# vm_memcheck). It is appended to the guest's initramfs as a second archive, so the image the
# other suites boot stays as it is. Output: build/initramfs-vm.cpio.gz.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$BUILD/initramfs-vm.cpio.gz
part=$BUILD/vm-part
kernel=$KOUT/arch/x86/boot/bzImage
qemu=/usr/bin/qemu-system-x86_64-microvm
# microvm's firmware (qboot) and the option ROM that boots -kernel through fw_cfg.
firmware="/usr/share/qemu/qboot.rom /usr/share/qemu/linuxboot_dma.bin"
[ -f "$kernel" ] || die "no kernel at ${kernel#"$TOP"/}: run 'make kernel'"
[ -f "$INITRAMFS" ] || die "no initramfs: run 'make initramfs'"
[ -x "$BUILD/bench/vm_memcheck" ] || die "no vm_memcheck: run 'make bench-build'"
for f in $qemu $firmware; do
	[ -f "$f" ] || die "$f missing: run 'make deps'"
done
grep -q '^CONFIG_KVM_AMD=y' "$KOUT/.config" || die "the kernel in ${KOUT#"$TOP"/} has no KVM (kernel-config/kvm-host.config)"

rm -rf "$part"
mkdir -p "$part"/{nested/bin,nested/proc,nested/sys,nested/dev,host/vm,host/usr/share/qemu}
# The nested guests' initramfs.
cp /bin/busybox "$BUILD/bench/vm_memcheck" "$part/nested/bin/"
ln -s busybox "$part/nested/bin/sh"
install -m 0755 "$TOP/scripts/vm/init" "$part/nested/init"
(cd "$part/nested" && find . | cpio -o -H newc --quiet | gzip -1 > "$part/host/vm/initramfs.cpio.gz")
# What the host side adds to the guest.
cp "$kernel" "$part/host/vm/bzImage"
copy_with_libs "$qemu" "$part/host" /usr/bin
# shellcheck disable=SC2086 # a list
cp $firmware "$part/host/usr/share/qemu/"
(cd "$part/host" && find . | cpio -o -H newc --quiet | gzip -1 > "$part/host.cpio.gz")
cat "$INITRAMFS" "$part/host.cpio.gz" > "$out"
say "build-vm-image: ${out#"$TOP"/} ($(du -h "$out" | cut -f1); the VM part $(du -h "$part/host.cpio.gz" | cut -f1))"
