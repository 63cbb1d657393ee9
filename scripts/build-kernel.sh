#!/usr/bin/env bash
# Build the guest bzImage out of tree with ccache.
# usage: build-kernel.sh [FRAGMENT...]   (default: guest.config ingens.config into build/kbuild)
# KOUT selects the output directory, so several flavours can live side by side; TARGETS, the
# kbuild targets (default bzImage); BASE_CONFIG, a whole config the fragments go on top of
# (default tinyconfig).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$KSRC/Makefile" ] || die "build/linux missing: run 'make kernel-src'"
fragments=("$@")
[ $# -gt 0 ] || fragments=(guest.config ingens.config)
mkdir -p "$KOUT"
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
kmake() { make -s -C "$KSRC" O="$KOUT" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" "$@"; }

# Regenerate .config from the fragments; replace it only when it changed, so kbuild rebuilds nothing needlessly.
paths=()
for f in "${fragments[@]}"; do paths+=("$TOP/kernel-config/$f"); done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${BASE_CONFIG:-}" ]; then
	cp "$BASE_CONFIG" "$tmp/.config"
else
	kmake O="$tmp" tinyconfig >/dev/null
fi
"$KSRC"/scripts/kconfig/merge_config.sh -m -O "$tmp" "$tmp/.config" "${paths[@]}" >/dev/null
kmake O="$tmp" olddefconfig >/dev/null
# merge_config only warns; a requested option that did not stick is an error here.
missing=$(cat "${paths[@]}" | sed -n 's/^\(CONFIG_[A-Z0-9_]*=.*\)$/\1/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set$/\1=n/p' |
	while IFS= read -r want; do
		sym=${want%%=*}
		got=$(grep -E "^$sym=|^# $sym is not set" "$tmp/.config" || echo "# $sym is not set")
		[ "$want" = "$sym=n" ] && { [[ $got == "# "* ]] || echo "$want (got $got)"; continue; }
		[ "$got" = "$want" ] || echo "$want (got $got)"
	done)
[ -z "$missing" ] || die "config options did not stick (missing dependencies?):"$'\n'"$missing"
cmp -s "$tmp/.config" "$KOUT/.config" || cp "$tmp/.config" "$KOUT/.config"

say "build-kernel: ${fragments[*]} -> ${KOUT#"$TOP"/} ($(git -C "$KSRC" log -1 --format=%h\ %s))"
start=$(date +%s)
# shellcheck disable=SC2086 # TARGETS is a list
kmake -j"$JOBS" ${TARGETS:-bzImage}
what=bzImage
case ${TARGETS:-} in
"") ;;
*.o*) what="$(wc -w <<< "$TARGETS") objects" ;;
*) what=${TARGETS%% *} ;;
esac
say "build-kernel: $what ready in $(( $(date +%s) - start )) s"
