#!/usr/bin/env bash
# Check that every patch of the series builds on its own: check out each commit of
# build/linux (pristine..HEAD) in a scratch worktree and compile, out of tree with the guest
# config, every object a patch of ours can affect (mm/, fs/proc/, kernel/fork.o), check that
# each Ingens symbol those objects use is defined by one of them (what the link would), and
# build the commit's Ingens selftests. Any compiler warning fails the commit.
# usage: check-series.sh [RANGE]   (default pristine..HEAD; a single REV means pristine..REV)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -d "$KSRC/.git" ] || die "build/linux missing: run 'make kernel-src'"
[ -f "$KOUT/.config" ] || die "no guest config: run 'make kernel' first"
range=${1:-pristine..HEAD}
[[ $range == *..* ]] || range="pristine..$range"
work=$BUILD/check-series-src
out=$BUILD/check-series
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
[ -d "$work" ] || git -C "$KSRC" worktree add -q --detach "$work"
mkdir -p "$out"
cp "$KOUT/.config" "$out/.config"
km() { make -s -C "$work" O="$out" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" "$@"; }
# Symbols the series defines and the core mm calls: each must resolve in the objects built.
ours='^(__)?ingens_|^thp_split_partially_mapped$|^compact_zone_bounded$'

failed=0
for c in $(git -C "$KSRC" rev-list --reverse "$range"); do
	subject=$(git -C "$KSRC" log -1 --format=%s "$c")
	git -C "$work" checkout -q --detach "$c"
	start=$(date +%s)
	log=$out/build.log
	tests=$(find "$work/tools/testing/selftests/mm" -maxdepth 1 -name 'ingens_*.c' -printf '%f\n' |
		sed 's/\.c$//')
	if ! { km olddefconfig && km -j"$JOBS" mm/ fs/proc/ kernel/fork.o &&
	       { [ -z "$tests" ] || KSRC=$work KOUT=$out SELFTESTS_OUT=$out/selftests TESTS=$tests \
			"$TOP/scripts/build-selftests.sh"; }; } >"$log" 2>&1; then
		say "check-series: FAIL $subject"
		tail -n 20 "$log" >&2
		failed=1
		continue
	fi
	# Only objects whose source this commit has: a later commit's may linger in $out.
	objs=$(find "$out/mm" "$out/fs/proc" "$out/kernel/fork.o" -name '*.o' ! -name '*.mod.o' |
		while read -r o; do
			src=${o#"$out"/}
			[ ! -f "$work/${src%.o}.c" ] || echo "$o"
		done)
	# shellcheck disable=SC2086 # one word per object
	missing=$(comm -23 <(nm -u $objs | awk '{print $2}' | grep -E "$ours" | sort -u) \
			   <(nm --defined-only $objs | awk '{print $3}' | sort -u))
	warnings=$(grep -c 'warning:' "$log" || true)
	if [ -n "$missing" ] || [ "$warnings" != 0 ]; then
		say "check-series: FAIL $subject: ${missing:+undefined $(echo $missing)} $warnings warnings"
		grep 'warning:' "$log" >&2 || true
		failed=1
		continue
	fi
	say "check-series: ok ($(( $(date +%s) - start )) s) $subject"
done
git -C "$KSRC" worktree remove --force "$work"
[ "$failed" = 0 ] || die "check-series: some patches do not build on their own"
say "check-series: every patch builds on its own"
