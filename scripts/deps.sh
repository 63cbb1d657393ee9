#!/usr/bin/env bash
# Install the Debian packages the project needs. Idempotent and quiet when nothing is missing:
# a stamp keyed by the package list and the system's package database skips every query on
# later calls, so the many make targets that depend on `deps` cost nothing after the first.
# The kernel source is not installed as a package: scripts/kernel-source.sh fetches its .deb.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

packages=(
	# kernel source and build
	build-essential bc bison flex libelf-dev libssl-dev cpio
	xz-utils rsync kmod ccache git python3 file
	# guest and harness
	qemu-system-x86 qemu-system-data busybox-static linux-perf
	# upstream mm selftests, linked static
	libnuma-dev libcap-dev
	# ingensctl
	cmake g++ pkg-config libcli11-dev nlohmann-json3-dev libfmt-dev libgtest-dev googletest
	libtracefs-dev libtraceevent-dev libncurses-dev tmux
	# packages (make deb): bindeb-pkg, pahole for BTF in Debian's config, dpkg-shlibdeps for cpack
	dpkg-dev debhelper dwarves fakeroot
	# benchmarks
	gnuplot-nox redis-server redis-tools
)

stamp=$BUILD/deps.stamp
key() { { printf '%s\n' "${packages[@]}"; stat -c %Y /var/lib/dpkg/status; } | sha1sum | cut -d' ' -f1; }
[ "$(cat "$stamp" 2>/dev/null)" != "$(key)" ] || exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

# One query for all packages; a package dpkg has never heard of is simply absent from it.
query=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for p in "${packages[@]}"; do
	grep -qxF "$p installed" <<< "$query" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	say "deps: installing ${missing[*]}"
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
mkdir -p "$BUILD"
key > "$stamp"	# after the install, which changed the package database
