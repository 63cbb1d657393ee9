#!/usr/bin/env bash
# Boot the guest, run the given suites, and judge the console log with the harness.
# usage: test-guest.sh SUITE[,SUITE...]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

suites=${1:-ingens,ingensctl,upstream}
mkdir -p "$BUILD/logs"
log=$BUILD/logs/test-$(basename "$KOUT")-$(date +%Y%m%d-%H%M%S).log
LOG=$log "$TOP/scripts/boot-guest.sh" "$suites" >/dev/null
ln -sf "$(basename "$log")" "$BUILD/logs/test-latest.log"
say "test-guest: judging ${log#"$TOP"/}"
"$TOP/scripts/harness.py" "$log"
