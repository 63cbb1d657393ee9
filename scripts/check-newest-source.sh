#!/usr/bin/env bash
# Does the series apply to the newest linux-source-6.12 in Debian's archive? When that is not
# the version build/linux was made from, fetch it (scripts/kernel-source.sh) and git am the
# series onto it in a scratch worktree of build/linux: Debian's next point release breaking the
# series shows here, early, not when somebody next moves the pin.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -d "$KSRC/.git" ] || die "build/linux missing: run 'make kernel-src'"
built=$(git -C "$KSRC" log -1 --format=%s pristine | sed -n "s/.* $KERNEL_SOURCE_PACKAGE //p")
newest_tarball=$("$TOP/scripts/kernel-source.sh" newest)
newest=$(source_version "$newest_tarball")
if [ "$newest" = "$built" ]; then
	say "check-newest-source: build/linux is Debian's newest, $built; nothing more to check"
	exit 0
fi

wt=$BUILD/linux-newest
git_w() { git -C "$wt" -c user.name="Ingens build" -c user.email="ingens@localhost" "$@"; }
cleanup() { git -C "$KSRC" worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"; }
cleanup
trap cleanup EXIT
# No checkout: the newest source is extracted in its place and committed on top of pristine.
git -C "$KSRC" worktree add -q --no-checkout --detach "$wt" pristine
tar -C "$wt" --strip-components=1 -xf "$newest_tarball"
drop_debian_ignore "$wt"
git_w add -A -f .
git_w commit -q -m "Debian $KERNEL_SOURCE_PACKAGE $newest"
say "check-newest-source: applying $(grep -c . "$TOP/patches/series") patches to Debian's newest, $newest (built: $built)"
# shellcheck disable=SC2046
git_w am -q --committer-date-is-author-date $(sed "s|^|$TOP/patches/|" "$TOP/patches/series") ||
	die "the series does not apply to $KERNEL_SOURCE_PACKAGE $newest (git am says which patch above); move the pin in scripts/lib.sh and fix the series in build/linux"
say "check-newest-source: the series applies to $newest"
