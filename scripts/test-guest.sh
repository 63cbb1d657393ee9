#!/usr/bin/env bash
# Boot the guest, run the given suites, and judge the console log with the harness.
# usage: test-guest.sh SUITE[,SUITE...]
# env: GUESTS=N boots N guests side by side, each running every Nth test (and its own leak
#      check), with one log each; the harness judges them together. For a slow kernel whose
#      single-threaded tests leave the other core idle.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

suites=${1:-ingens,ingensctl,upstream}
guests=${GUESTS:-1}
[[ $guests =~ ^[1-9][0-9]*$ ]] || die "test-guest: GUESTS must be a positive number, not '$guests'"
mkdir -p "$BUILD/logs"
stem=$BUILD/logs/test-$(basename "$KOUT")-$(date +%Y%m%d-%H%M%S)
logs=() pids=()
for ((i = 0; i < guests; i++)); do
	if [ "$guests" = 1 ]; then
		logs+=("$stem.log")
		shard=
	else
		logs+=("$stem-guest$i.log")
		shard=" ingens_shard=$i/$guests"
	fi
	LOG=${logs[i]} APPEND="${APPEND:-}$shard" "$TOP/scripts/boot-guest.sh" "$suites" >/dev/null &
	pids+=($!)
done
# A guest's own failure (crash, timeout) shows in its log; the harness judges them all.
for pid in "${pids[@]}"; do
	wait "$pid" || true
done
for log in "${logs[@]}"; do
	[ -f "$log" ] || die "test-guest: the guest did not start (no ${log#"$TOP"/})"
done
ln -sf "$(basename "${logs[0]}")" "$BUILD/logs/test-latest.log"
say "test-guest: judging ${logs[*]#"$TOP"/}"
"$TOP/scripts/harness.py" "${logs[@]}"
