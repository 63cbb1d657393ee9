#!/usr/bin/env bash
# Install every Debian package the project needs. Idempotent: installs only what is missing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

packages=(
	# kernel source and build
	build-essential bc bison flex libelf-dev libssl-dev cpio
	xz-utils rsync kmod ccache git python3
	# guest and harness
	qemu-system-x86 qemu-system-data busybox-static linux-perf
	# upstream mm selftests, linked static
	libnuma-dev libcap-dev
	# ingensctl
	cmake g++ libcli11-dev nlohmann-json3-dev libfmt-dev libgtest-dev googletest
	# benchmarks
	gnuplot-nox redis-server redis-tools
)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
updated=""
apt_update_once() { [ -n "$updated" ] || $sudo apt-get update -qq; updated=1; }

# The kernel source is pinned; when the archive has moved on, say so and take the newest 6.12.
pin="$KERNEL_SOURCE_PACKAGE=$KERNEL_SOURCE_VERSION"
have=$(dpkg-query -W -f='${Version}' "$KERNEL_SOURCE_PACKAGE" 2>/dev/null || true)
if [ "$have" != "$KERNEL_SOURCE_VERSION" ]; then
	apt_update_once
	if apt-cache madison "$KERNEL_SOURCE_PACKAGE" 2>/dev/null | grep -qF "| $KERNEL_SOURCE_VERSION |"; then
		packages+=("$pin")
	elif [ -z "$have" ]; then
		echo "deps: WARNING: $pin is no longer in the archive; falling back to the newest $KERNEL_SOURCE_PACKAGE" >&2
		packages+=("$KERNEL_SOURCE_PACKAGE")
	else
		echo "deps: WARNING: using installed $KERNEL_SOURCE_PACKAGE $have, not the pinned $KERNEL_SOURCE_VERSION" >&2
	fi
fi

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "${p%%=*}" 2>/dev/null | grep -q 'install ok installed' &&
		[ "$p" != "$pin" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all ${#packages[@]} packages present"
	exit 0
fi

echo "deps: installing ${missing[*]}"
apt_update_once
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
