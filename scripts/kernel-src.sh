#!/usr/bin/env bash
# Make build/linux: Debian's pristine 6.12 source as the first commit (tag "pristine"),
# then patches/series applied with git am. Reuses the tree while patches/ is unchanged.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

stamp=$KSRC/.git/ingens-series
series_hash=$(series_hash)

git_k() { git -C "$KSRC" -c user.name="Ingens build" -c user.email="ingens@localhost" "$@"; }

if [ -d "$KSRC/.git" ] && [ -f "$stamp" ]; then
	read -r applied_hash applied_head < "$stamp"
	if [ "$applied_hash" = "$series_hash" ]; then
		say "kernel-src: build/linux already has the current series"
		exit 0
	fi
	if [ "${FORCE:-0}" != 1 ] && { [ "$(git_k rev-parse HEAD)" != "$applied_head" ] ||
			[ -n "$(git_k status --porcelain --untracked-files=no)" ]; }; then
		die "build/linux has work not exported to patches/; run 'make export-patches' or 'make kernel-src FORCE=1' to discard it"
	fi
	say "kernel-src: patches/ changed; re-applying the series on the pristine tree"
	git_k am --abort >/dev/null 2>&1 || true
	git_k reset -q --hard pristine
else
	tarball=$("$TOP/scripts/kernel-source.sh" pinned)
	version=$(source_version "$tarball")
	say "kernel-src: extracting ${tarball#"$TOP"/}"
	rm -rf "$KSRC" "$BUILD/$KERNEL_SOURCE_PACKAGE"
	mkdir -p "$BUILD"
	tar -C "$BUILD" -xf "$tarball"
	mv "$BUILD/$KERNEL_SOURCE_PACKAGE" "$KSRC"
	drop_debian_ignore "$KSRC"
	git_k init -q
	git_k add -A -f .
	git_k commit -q -m "Linux $(make -s -C "$KSRC" kernelversion) from Debian $KERNEL_SOURCE_PACKAGE $version" \
		-m "Debian's top-level '/*' ignore rule is dropped from .gitignore so new files can be tracked."
	git_k tag pristine
fi

if [ -s "$TOP/patches/series" ]; then
	say "kernel-src: applying $(grep -c . "$TOP/patches/series") patches"
	# shellcheck disable=SC2046
	git_k am -q --committer-date-is-author-date $(sed "s|^|$TOP/patches/|" "$TOP/patches/series") ||
		die "the series does not apply; fix it in build/linux (git am --show-current-patch)"
fi
echo "$series_hash $(git_k rev-parse HEAD)" > "$stamp"
say "kernel-src: build/linux at $(git_k log -1 --format='%h %s')"
