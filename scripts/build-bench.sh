#!/usr/bin/env bash
# Build the benchmark workloads (static, for the guest) into build/bench/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cmake -S "$TOP/bench" -B "$BUILD/bench-build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD/bench-build" -j"$JOBS"
mkdir -p "$BUILD/bench"
# Every program bench/CMakeLists.txt builds (the executables at the top of the build tree).
find "$BUILD/bench-build" -maxdepth 1 -type f -perm -u+x -exec cp {} "$BUILD/bench/" \;
say "build-bench: workloads and VM tools in build/bench/"
