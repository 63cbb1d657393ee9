#!/usr/bin/env bash
# Fetch Debian's linux-source-6.12 .deb of one exact version into build/deb/ and extract its
# source tarball into build/src/, without installing it: whatever linux-source-6.12 the
# machine has (none, the pinned one, a newer one) is left alone.
# usage: kernel-source.sh pinned   the pinned version, or the newest 6.12 when it left the archive
#        kernel-source.sh newest   the newest version the archive has
# Prints the tarball's path on stdout; build/src/VERSION.version records which version it is.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

which=${1:-pinned}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# The versions the archive offers, newest first in apt's own order. The listing is read into a
# variable first: a pipe into an early-exiting reader fails at random under pipefail (SIGPIPE).
archive_versions() {
	local out
	out=$(apt-cache madison "$KERNEL_SOURCE_PACKAGE" 2>/dev/null || true)
	awk -F' [|] ' 'NF >= 2 && !seen[$2]++ { print $2 }' <<< "$out"
}
versions=$(archive_versions)
if [ -z "$versions" ] || { [ "$which" = pinned ] && ! grep -qxF "$KERNEL_SOURCE_VERSION" <<< "$versions"; }; then
	say "kernel-source: refreshing the package lists"
	$sudo apt-get update -qq
	versions=$(archive_versions)
fi
[ -n "$versions" ] || die "kernel-source: the archive has no $KERNEL_SOURCE_PACKAGE; check /etc/apt/sources.list (bookworm-security)"
newest=$(head -n 1 <<< "$versions")
case $which in
pinned)
	version=$KERNEL_SOURCE_VERSION
	if ! grep -qxF "$version" <<< "$versions"; then
		say "kernel-source: WARNING: the pinned $version left the archive; using the newest, $newest"
		version=$newest
	fi ;;
newest) version=$newest ;;
*) die "kernel-source: usage: kernel-source.sh pinned|newest" ;;
esac

deb=$BUILD/deb/${KERNEL_SOURCE_PACKAGE}_${version//:/%3a}_all.deb
tarball=$BUILD/src/$KERNEL_SOURCE_PACKAGE-$version.tar.xz
if [ ! -f "$tarball" ]; then
	mkdir -p "$BUILD/deb" "$BUILD/src"
	if [ ! -f "$deb" ]; then
		say "kernel-source: downloading $KERNEL_SOURCE_PACKAGE $version"
		# apt checks the file against the archive's signed index. As root, apt's sandbox user
		# could not write here; download as root rather than warn.
		(cd "$BUILD/deb" && apt-get download -qq -o APT::Sandbox::User=root \
			"$KERNEL_SOURCE_PACKAGE=$version") ||
			die "kernel-source: apt-get download of $KERNEL_SOURCE_PACKAGE=$version failed"
	fi
	got="$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
	[ "$got" = "$KERNEL_SOURCE_PACKAGE $version" ] ||
		die "kernel-source: ${deb#"$TOP"/} holds $got, not $KERNEL_SOURCE_PACKAGE $version; delete it and retry"
	member=./usr/src/$KERNEL_SOURCE_PACKAGE.tar.xz
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$member" > "$tarball.part" ||
		die "kernel-source: ${deb#"$TOP"/} has no $member"
	xz -t "$tarball.part" || die "kernel-source: the tarball in ${deb#"$TOP"/} is corrupt; delete it and retry"
	mv "$tarball.part" "$tarball"
	say "kernel-source: ${tarball#"$TOP"/} ready"
fi
echo "$tarball"
