#!/usr/bin/env bash
# Build the benchmark workloads (static, for the guest) into build/bench/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cmake -S "$TOP/bench" -B "$BUILD/bench-build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD/bench-build" -j"$JOBS"
mkdir -p "$BUILD/bench"
for w in fault_latency sparse_touch dense_touch random_access object_churn fairness fragment vm_memcheck qmp; do
	cp "$BUILD/bench-build/$w" "$BUILD/bench/"
done
say "build-bench: workloads and VM tools in build/bench/"
