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

# The Debian version build/linux was made from (its pristine commit names it).
tree_source_version() { git -C "$KSRC" log -1 --format=%s pristine | sed -n 's/.* \([^ ]*\)$/\1/p'; }

# apt_refresh: refresh apt's package lists (as root, or through sudo).
apt_refresh() {
	local sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "refreshing the package lists"
	$sudo apt-get update -qq
}

# archive_versions PACKAGE: the versions the archive offers, newest first in apt's own order.
# The listing is read into a variable first: a pipe into an early-exiting reader fails at
# random under pipefail (SIGPIPE).
archive_versions() {
	local out
	out=$(apt-cache madison "$1" 2>/dev/null || true)
	awk -F' [|] ' 'NF >= 2 && !seen[$2]++ { print $2 }' <<< "$out"
}

# fetch_deb PACKAGE VERSION: download that exact .deb into build/deb/ (apt checks it against
# the archive's signed index; nothing is installed) and print its path.
fetch_deb() {
	local package=$1 version=$2 deb
	deb=$(compgen -G "$BUILD/deb/${package}_${version//:/%3a}_*.deb" | head -n 1 || true)
	if [ -z "$deb" ]; then
		mkdir -p "$BUILD/deb"
		say "fetch: downloading $package $version"
		# As root, apt's sandbox user could not write here; download as root rather than warn.
		(cd "$BUILD/deb" && apt-get download -qq -o APT::Sandbox::User=root "$package=$version") ||
			die "fetch: apt-get download of $package=$version failed"
		deb=$(compgen -G "$BUILD/deb/${package}_${version//:/%3a}_*.deb" | head -n 1)
	fi
	[ "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" = "$package $version" ] ||
		die "fetch: ${deb#"$TOP"/} is not $package $version; delete it and retry"
	echo "$deb"
}

# hooked_objects: the objects of the C files the series touches or that include <linux/ingens.h>,
# mm/ingens/ among them (tools/ and samples/ aside), one per line.
hooked_objects() {
	{
		git -C "$KSRC" diff --name-only pristine HEAD -- '*.c'
		git -C "$KSRC" grep -l '#include <linux/ingens.h>' -- '*.c'
		git -C "$KSRC" ls-files 'mm/ingens/*.c'
	} | grep -v -e '^tools/' -e '^samples/' | sort -u | sed 's/\.c$/.o/'
}

# Identifies the content of patches/: the series and every patch it names.
series_hash() {
	local list=$TOP/patches/series
	{ cat "$list"; sed "s|^|$TOP/patches/|" "$list" | xargs -r cat; } 2>/dev/null | sha1sum | cut -d' ' -f1
}

# copy_libs BIN ROOT: the shared libraries a dynamically linked binary needs, from this machine,
# at their own paths under ROOT.
copy_libs() {
	local lib
	for lib in $(ldd "$1" | grep -o '/[^ ]*'); do
		mkdir -p "$2$(dirname "$lib")"
		cp -L "$lib" "$2$lib"
	done
}

# copy_with_libs BIN ROOT DIR: a dynamically linked host binary into ROOT/DIR, with its libraries.
copy_with_libs() {
	mkdir -p "$2$3"
	cp "$1" "$2$3/"
	copy_libs "$1" "$2"
}
