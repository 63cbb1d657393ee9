#!/usr/bin/env bash
# Debian's own kernel configuration for 6.12 (the linux-config-6.12 package), fetched as a .deb
# without installing it, and extracted into build/src/. The version matches build/linux's
# source when the archive still has it, else the newest 6.12 (olddefconfig absorbs the drift).
# usage: debian-config.sh [FLAVOUR]   amd64 (default: Debian's generic kernel) or cloud-amd64
# Prints the config's path on stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=${1:-amd64}
package=linux-config-6.12
case $flavour in
amd64 | cloud-amd64) ;;
*) die "debian-config: usage: debian-config.sh [amd64|cloud-amd64]" ;;
esac

versions=$(archive_versions "$package")
if [ -z "$versions" ]; then
	apt_refresh
	versions=$(archive_versions "$package")
fi
[ -n "$versions" ] || die "debian-config: the archive has no $package; check /etc/apt/sources.list (bookworm-security)"
version=$(tree_source_version)
grep -qxF "$version" <<< "$versions" || version=$(head -n 1 <<< "$versions")

config=$BUILD/src/debian-$flavour-$version.config
if [ ! -f "$config" ]; then
	deb=$(fetch_deb "$package" "$version")
	mkdir -p "$BUILD/src"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$package/config.amd64_none_$flavour.xz" |
		xz -dc > "$config.part" || die "debian-config: ${deb#"$TOP"/} has no $flavour config"
	mv "$config.part" "$config"
	say "debian-config: ${config#"$TOP"/} ($package $version)"
fi
echo "$config"
