#!/usr/bin/env bash
# Every patch in patches/series must pass checkpatch.pl --strict without errors or warnings.
# Checks are printed for the reviewer but do not fail.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -x "$KSRC/scripts/checkpatch.pl" ] || die "build/linux missing: run 'make kernel-src'"
failed=0
while read -r patch; do
	out=$("$KSRC/scripts/checkpatch.pl" --strict --no-tree --quiet --show-types \
		"$TOP/patches/$patch" 2>&1 || true)
	summary=$(printf '%s\n' "$out" | grep -E '^total: ' || echo "total: 0 errors")
	errors=$(printf '%s\n' "$summary" | sed -n 's/^total: \([0-9]*\) errors.*/\1/p')
	warnings=$(printf '%s\n' "$summary" | sed -n 's/^total: [0-9]* errors, \([0-9]*\) warnings.*/\1/p')
	problems=$((${errors:-0} + ${warnings:-0}))
	printf '%-70s %s\n' "$patch" "$summary"
	if [ "$problems" -gt 0 ] || [ "${VERBOSE:-0}" = 1 ]; then
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
	[ "$problems" -eq 0 ] || failed=1
done < "$TOP/patches/series"
[ $failed -eq 0 ] || die "checkpatch found errors or warnings"
say "checkpatch: no errors, no warnings"
