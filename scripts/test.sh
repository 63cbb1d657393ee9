#!/usr/bin/env bash
# Everything CI checks, in order; prints "N passed, N failed" last and fails if anything did.
# A failed step does not stop the later ones, so one run shows every problem.
# Steps that leave a core idle run in pairs (run_together), so that 2 cores finish sooner.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

passed=0
failed=0
failures=()
mkdir -p "$BUILD/logs"

# run_step NAME COMMAND...: run it, keep its output in build/logs/NAME.log and its outcome in
# NAME.result. A step whose output ends with "N passed, N failed" counts its tests; any other
# step counts as one test. PREFIX marks each output line (for steps run side by side).
run_step() {
	local name=$1 log=$BUILD/logs/$1.log ok=1 p f start=$SECONDS
	shift
	say "test: $name"
	"$@" 2>&1 | tee "$log" | sed -u "s/^/${PREFIX:-}/" || ok=0
	say "test: $name took $((SECONDS - start)) s"
	read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$log" | tail -n 1)
	if [ -z "${p:-}" ]; then
		p=$ok
		f=$((1 - ok))
	elif [ $ok = 0 ] && [ "$f" = 0 ]; then
		f=1	# the step failed beyond its tests (build error, crash, timeout)
	fi
	echo "$p $f $ok" > "$BUILD/logs/$name.result"
}

# account NAME: add a finished step's outcome to the totals.
account() {
	local p f ok
	read -r p f ok < "$BUILD/logs/$1.result"
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$ok" = 1 ] || failures+=("$1 (log: build/logs/$1.log)")
}

step() {
	run_step "$@"
	account "$1"
}

# run_together NAME COMMAND NAME COMMAND: two steps side by side (COMMAND one word, a
# function here), each line of their output marked with its step's name.
run_together() {
	PREFIX="[$1] " run_step "$1" "$2" &
	PREFIX="[$3] " run_step "$3" "$4" &
	wait
	account "$1"
	account "$3"
}

checkpatch() { make -s checkpatch; }
newest_source() { make -s check-newest-source; }
debian_config() { make -s check-debian-config; }
# The guest step built the kernel and the initramfs: boot them as they are.
lowmem() { MEM=384M "$TOP/scripts/test-guest.sh" lowmem; }
# The VM host, quickly: one balloon run of two VMs with KSM on (docs/vm-host.md), in an image
# with QEMU added to the one the guest step built.
vm_host() {
	"$TOP/scripts/build-vm-image.sh" &&
		INITRAMFS="$BUILD/initramfs-vm.cpio.gz" "$TOP/scripts/test-guest.sh" vm-quick,leaks
}
# The benchmark pipeline end to end, quick; the figures are not judged here.
bench_smoke() { BENCH_OUT="$BUILD/bench-smoke" "$TOP/scripts/bench.sh" quick smoke; }

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

start=$SECONDS
make -s kernel-src >/dev/null || { echo "FAILED: make kernel-src"; echo "0 passed, 1 failed"; exit 1; }
say "test: kernel source: $(git -C "$KSRC" log -1 --format=%s pristine)"

# checkpatch is one perl process: the Debian config's compile check takes the other core.
run_together checkpatch checkpatch debian-config debian_config
step newest-source newest_source
# Not beside the kernel build: both keep 2 cores busy, and side by side the two with the
# selftests and benchmarks took 781 s, against about 700 s one after the other.
step unit-tests unit_tests
step harness-tests python3 "$TOP/scripts/harness_test.py"
step check-no-ingens make -s check-no-ingens
step guest make -s test-guest
run_together lowmem lowmem bench-smoke bench_smoke
# Alone: nested VMs under TCG crawl beside a second guest (docs/design.md, "The VM host"); beside
# bench-smoke on a slower machine neither VM reached its second round in 240 s.
step vm-host vm_host

for f in "${failures[@]}"; do
	echo "FAILED: $f"
done
say "test: all steps took $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
