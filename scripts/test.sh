#!/usr/bin/env bash
# Everything CI checks, in order; prints "N passed, N failed" last and fails if anything did.
# A failed step does not stop the later ones, so one run shows every problem.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

passed=0
failed=0
failures=()
mkdir -p "$BUILD/logs"

# step NAME COMMAND...: run it, keep its output in build/logs/NAME.log. A step whose output
# ends with "N passed, N failed" counts its tests; any other step counts as one test.
step() {
	local name=$1 log=$BUILD/logs/$1.log ok=1 p f start=$SECONDS
	shift
	say "test: $name"
	"$@" 2>&1 | tee "$log" || ok=0
	say "test: $name took $((SECONDS - start)) s"
	read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$log" | tail -n 1)
	if [ -z "${p:-}" ]; then
		p=$ok
		f=$((1 - ok))
	elif [ $ok = 0 ] && [ "$f" = 0 ]; then
		f=1	# the step failed beyond its tests (build error, crash, timeout)
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ $ok = 1 ] || failures+=("$name (log: ${log#"$TOP"/})")
}

unit_tests() {
	local out
	out=$(make -s tools-test 2>&1)
	local rc=$?
	printf '%s\n' "$out"
	local skipped
	skipped=$(printf '%s\n' "$out" | grep -c '(Skipped)$')
	printf '%s\n' "$out" | sed -n 's/.* tests passed, \([0-9]*\) tests failed out of \([0-9]*\)$/\2 \1/p' |
		while read -r total bad; do echo "$((total - bad - skipped)) passed, $bad failed"; done
	return $rc
}

step unit-tests unit_tests
step harness-tests python3 "$TOP/scripts/harness_test.py"
step checkpatch make -s checkpatch
step check-no-ingens make -s check-no-ingens
step guest make -s test-guest
step lowmem make -s test-lowmem
# The benchmark pipeline end to end, quick; the figures are not judged here.
step bench-smoke env BENCH_OUT="$BUILD/bench-smoke" "$TOP/scripts/bench.sh" quick smoke

for f in "${failures[@]}"; do
	echo "FAILED: $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
