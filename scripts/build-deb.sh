#!/usr/bin/env bash
# Debian packages of the patched kernel (the kernel's own bindeb-pkg: linux-image, linux-headers,
# linux-libc-dev, and linux-image-dbg when the config has debug info) and of ingensctl (cpack),
# into build/packages/CONFIG/.
# usage: build-deb.sh [CONFIG]
#   debian  Debian's generic amd64 config (linux-config-6.12) + Ingens: for real hosts (default)
#   cloud   Debian's cloud-amd64 config + Ingens: for KVM/cloud VMs, fewer drivers
#   lean    the guest's config (guest, Ingens, KVM host): minutes, for tests
set -euo pipefail
. "$(dirname "$0")/lib.sh"

config=${1:-debian}
case $config in
debian) base=$("$TOP/scripts/debian-config.sh" amd64) fragments=(ingens.config) ;;
cloud) base=$("$TOP/scripts/debian-config.sh" cloud-amd64) fragments=(ingens.config) ;;
lean) base="" fragments=(guest.config ingens.config kvm-host.config) ;;
*) die "build-deb: usage: build-deb.sh [debian|cloud|lean]" ;;
esac
out=$BUILD/packages/$config
# The kernel release names the config, so that packages of two configs install side by side;
# the package version names the series, so that a newer series upgrades an older one.
localversion=-ingens
[ "$config" = debian ] || localversion=-ingens-$config
pkgversion=$(tree_source_version)+ingens$(git -C "$KSRC" rev-list --count pristine..HEAD)

mkdir -p "$out"
rm -f "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes
start=$(date +%s)
# bindeb-pkg writes its packages into the parent of the output directory.
# The packager and the build host are named, not taken from this machine.
export DEBFULLNAME="Ingens Developers" DEBEMAIL=ingens-dev@lists.example.org
export KBUILD_BUILD_USER=ingens KBUILD_BUILD_HOST=ingens-build
BASE_CONFIG=$base KOUT=$out/kbuild \
	TARGETS="bindeb-pkg LOCALVERSION=$localversion KDEB_PKGVERSION=$pkgversion" \
	"$TOP/scripts/build-kernel.sh" "${fragments[@]}"
kernel_s=$(( $(date +%s) - start ))

# ingensctl: the build `make tools` made, packaged for /usr.
"$TOP/scripts/build-tools.sh" >/dev/null
(cd "$BUILD/ingensctl" && cpack -G DEB -B "$out" >/dev/null)
rm -rf "$out/_CPack_Packages"
version=$(dpkg-deb -f "$(compgen -G "$out/ingensctl_*.deb")" Version)

# ingens-bench: the benchmark runner for a host (docs/host.md), its static workloads and the
# report. The vm_* workloads stay in the guest image: they boot the project's nested VMs.
"$TOP/scripts/build-bench.sh" >/dev/null
stage=$BUILD/packages/ingens-bench-root
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/usr/sbin" "$stage/usr/lib/ingens-bench" "$stage/usr/share/doc/ingens-bench"
install -m 0755 "$TOP/bench/host/ingens-bench" "$stage/usr/sbin/"
install -m 0755 "$TOP/bench/guest/run-bench.sh" "$TOP/bench/guest/redis.sh" "$TOP/bench/report.py" \
	"$TOP/bench/plot.py" "$stage/usr/lib/ingens-bench/"
for w in fault_latency sparse_touch dense_touch random_access object_churn fairness fragment idle_detect; do
	install -m 0755 -s "$BUILD/bench/$w" "$stage/usr/lib/ingens-bench/"
done
install -m 0644 "$TOP/docs/host.md" "$stage/usr/share/doc/ingens-bench/README.md"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: ingens-bench
Version: $version
Architecture: amd64
Maintainer: $DEBFULLNAME <$DEBEMAIL>
Section: admin
Priority: optional
Recommends: linux-perf, python3, gnuplot-nox, redis-server, redis-tools
Installed-Size: $(du -sk "$stage/usr" | cut -f1)
Description: benchmark transparent huge page policies against Ingens
 ingens-bench runs the Ingens project's workloads (fault latency, sparse and dense
 touch, random access, churn, fairness under scarcity, fragmentation, redis) under
 each THP policy in one boot of a kernel with the Ingens patch set, and writes the
 tables and plots the project reports. It restores the THP settings it changed.
CONTROL
dpkg-deb --root-owner-group --build "$stage" "$out/ingens-bench_${version}_amd64.deb" >/dev/null

say "build-deb: $config packages in ${out#"$TOP"/} (kernel ${kernel_s} s):"
for deb in "$out"/*.deb; do
	printf '  %-60s %6s KiB\n' "$(basename "$deb")" "$(( $(stat -c %s "$deb") / 1024 ))" >&2
done
