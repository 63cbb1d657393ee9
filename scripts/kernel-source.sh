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

versions=$(archive_versions "$KERNEL_SOURCE_PACKAGE")
if [ -z "$versions" ] || { [ "$which" = pinned ] && ! grep -qxF "$KERNEL_SOURCE_VERSION" <<< "$versions"; }; then
	apt_refresh
	versions=$(archive_versions "$KERNEL_SOURCE_PACKAGE")
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

tarball=$BUILD/src/$KERNEL_SOURCE_PACKAGE-$version.tar.xz
if [ ! -f "$tarball" ]; then
	mkdir -p "$BUILD/src"
	deb=$(fetch_deb "$KERNEL_SOURCE_PACKAGE" "$version")
	member=./usr/src/$KERNEL_SOURCE_PACKAGE.tar.xz
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "$member" > "$tarball.part" ||
		die "kernel-source: ${deb#"$TOP"/} has no $member"
	xz -t "$tarball.part" || die "kernel-source: the tarball in ${deb#"$TOP"/} is corrupt; delete it and retry"
	mv "$tarball.part" "$tarball"
	say "kernel-source: ${tarball#"$TOP"/} ready"
fi
echo "$tarball"
