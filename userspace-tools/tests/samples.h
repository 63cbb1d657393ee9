// Texts as the kernel prints them, shared by several tests.
#pragma once

namespace ingens::test {

// /proc/<pid>/ingens with one region in each state; the huge one is idle.
inline constexpr const char* kProcIngens =
    "enabled:\t1\n"
    "regions:\t3\n"
    "base:\t1\n"
    "queued:\t1\n"
    "huge:\t1\n"
    "util_histogram: 0 0 0 0 0 1 0 0 0 2\n"
    "# address state util access freq\n"
    "7f0000000000 huge 512 0 3\n"
    "7f0000200000 queued 480 12 5\n"
    "7f0000400000 base 300 1 0\n";

// The same as a kernel with fairness prints it: share, idle huge pages (the
// kernel's own count, here 2 where the access bits alone say 1) and metric.
inline constexpr const char* kProcIngensFair =
    "enabled:\t1\n"
    "regions:\t3\n"
    "base:\t1\n"
    "queued:\t1\n"
    "huge:\t1\n"
    "share:\t10000\n"
    "idle_huge:\t2\n"
    "metric:\t3333333\n"
    "util_histogram: 0 0 0 0 0 1 0 0 0 2\n"
    "# address state util access freq\n"
    "7f0000000000 huge 512 0 3\n"
    "7f0000200000 queued 480 12 5\n"
    "7f0000400000 base 300 1 0\n";

}  // namespace ingens::test
