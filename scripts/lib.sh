# Shared settings and helpers for the project's scripts. Sourced, not run.
# shellcheck shell=bash

# The one place the kernel source is pinned: Debian's linux-source-6.12 package version
# (KERNEL_SOURCE_VERSION=... in the environment tries another one).
KERNEL_SOURCE_PACKAGE=linux-source-6.12
KERNEL_SOURCE_VERSION=${KERNEL_SOURCE_VERSION:-6.12.117-1~deb12u1}

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$TOP/build
KSRC=${KSRC:-$BUILD/linux}
KOUT=${KOUT:-$BUILD/kbuild}
# The guest initramfs; a separate one lets two guests with different contents boot side by side.
INITRAMFS=${INITRAMFS:-$BUILD/initramfs.cpio.gz}
SELFTESTS_OUT=${SELFTESTS_OUT:-$BUILD/selftests}
JOBS=${JOBS:-$(nproc)}

say() { printf '==> %s\n' "$*" >&2; }

# The Debian version of a tarball scripts/kernel-source.sh extracted, from its name.
source_version() {
	local v
	v=$(basename "$1" .tar.xz)
	echo "${v#"$KERNEL_SOURCE_PACKAGE"-}"
}

# Debian's .gitignore ignores every top-level path ("/*"), which would hide new files from
# git; drop that stanza of the tree in $1 (it only matters to Debian's packaging repository).
drop_debian_ignore() { sed -i '/^# Debian packaging:/,$d' "$1/.gitignore"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Identifies the content of patches/: the series and every patch it names.
series_hash() {
	local list=$TOP/patches/series
	{ cat "$list"; sed "s|^|$TOP/patches/|" "$list" | xargs -r cat; } 2>/dev/null | sha1sum | cut -d' ' -f1
}

# copy_with_libs BIN ROOT DIR: a dynamically linked host binary into ROOT/DIR, and the shared
# libraries it needs at their own paths under ROOT.
copy_with_libs() {
	local bin=$1 root=$2 dir=$3 lib
	mkdir -p "$root$dir"
	cp "$bin" "$root$dir/"
	for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}
