#!/usr/bin/env bash
# Build ingensctl for the host (build/ingensctl/ingensctl, with its unit tests) and fully static
# for the guest (build/ingensctl/ingensctl-static), from one set of objects.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_DIR=${CCACHE_DIR:-$BUILD/ccache}
cmake -S "$TOP/userspace-tools" -B "$BUILD/ingensctl" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build "$BUILD/ingensctl" -j"$JOBS"
say "build-tools: ingensctl built (host and static)"
