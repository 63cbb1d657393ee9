// How much free memory could become a huge page without compaction: /proc/buddyinfo.
#pragma once

#include <cstdint>

namespace bench {

// Free blocks of order 9 or more over all zones, counted in 2 MiB units; -1 if unreadable.
std::int64_t free_huge_blocks();

}  // namespace bench
