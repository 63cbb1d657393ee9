#!/usr/bin/env bash
# Build ingensctl twice: for the host (with its unit tests) and fully static for the guest.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cmake -S "$TOP/userspace-tools" -B "$BUILD/ingensctl" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD/ingensctl" -j"$JOBS"
cmake -S "$TOP/userspace-tools" -B "$BUILD/ingensctl-static" -DCMAKE_BUILD_TYPE=Release \
	-DINGENSCTL_STATIC=ON -DINGENSCTL_BUILD_TESTS=OFF >/dev/null
cmake --build "$BUILD/ingensctl-static" -j"$JOBS" --target ingensctl
say "build-tools: ingensctl built (host and static)"
