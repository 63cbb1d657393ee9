#!/usr/bin/env bash
# Install the lean packages of `make deb` into a scratch root as dpkg would on a host, boot that
# root's kernel in QEMU, and check from inside it what an operator checks (scripts/deb/init).
# The root is busybox and the packages, nothing else: their shared libraries are copied from
# this machine, where they are the same Debian packages the Depends name.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=$BUILD/packages/lean
compgen -G "$out/linux-image-*.deb" >/dev/null || die "no lean packages: run 'make deb DEB_CONFIG=lean'"
root=$BUILD/deb-root
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,run,root,var/lib/dpkg/{info,updates,triggers}}
cp /bin/busybox "$root/bin/"
"$root/bin/busybox" --list | while read -r applet; do
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
: > "$root/var/lib/dpkg/status"
: > "$root/var/lib/dpkg/available"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"

# dpkg runs the maintainer scripts chrooted into the root (busybox's sh); the dependencies
# (libc, libstdc++, libtracefs, ...) are not packages there, hence --force-depends.
packages=("$out"/linux-image-*-lean_*.deb "$out"/ingensctl_*.deb "$out"/ingens-bench_*.deb)
force=(--force-depends)
[ "$(id -u)" -eq 0 ] || force+=(--force-not-root)
mkdir -p "$BUILD/logs"
dpkg --root="$root" "${force[@]}" -i "${packages[@]}" > "$BUILD/logs/test-deb-dpkg.log" 2>&1 ||
	die "test-deb: dpkg failed: $(cat "$BUILD/logs/test-deb-dpkg.log")"
copy_libs "$root/usr/sbin/ingensctl" "$root"

kernel=$(compgen -G "$root/boot/vmlinuz-*" | head -n 1)
[ -n "$kernel" ] || die "the image package installed no /boot/vmlinuz-*"
release=${kernel##*/vmlinuz-}
echo "deb-release=$release" > "$root/etc/deb-check"
install -m 0755 "$TOP/scripts/deb/init" "$root/init"
initrd=$BUILD/deb-root.cpio.gz
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) > "$initrd"

say "test-deb: booting $release from the scratch root"
log=$BUILD/logs/test-deb.log
KERNEL=$kernel INITRAMFS=$initrd LOG=$log TIMEOUT=${TIMEOUT:-600} \
	"$TOP/scripts/boot-guest.sh" deb-check >/dev/null || true
# The serial console ends its lines with CR LF.
console=$(tr -d '\r' < "$log")
grep -E '^(ok|not ok|#) ' <<< "$console" || true
grep -q '^deb-check: done' <<< "$console" || {
	echo "test-deb: the scratch root did not finish (log: ${log#"$TOP"/})"
	echo "0 passed, 1 failed"
	exit 1
}
result=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' <<< "$console" | tail -n 1)
echo "$result"
[[ $result == *" 0 failed" ]]
