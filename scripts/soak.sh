#!/usr/bin/env bash
# Boot the guest and run the stress test (ingens_stress) for as long as asked; the harness
# fails the run on any checksum mismatch, leaked region, kernel splat or hang.
# usage: soak.sh SECONDS [SEED]   (KOUT selects the kernel, e.g. the debug one)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

seconds=${1:?usage: soak.sh SECONDS [SEED]}
seed=${2:-}
[[ $seconds =~ ^[0-9]+$ ]] || die "soak: DURATION must be a number of seconds, not '$seconds'"
say "soak: ${seconds} s of ingens_stress on ${KOUT#"$TOP"/}${seed:+, seed $seed}"
APPEND="ingens_stress_seconds=$seconds${seed:+ ingens_stress_seed=$seed}" \
	TIMEOUT=$((seconds + 900)) "$TOP/scripts/test-guest.sh" soak,leaks
