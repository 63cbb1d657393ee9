// Free memory fragmentation index (FMFI) per zone, from /proc/buddyinfo.
// FMFI for order n is the share of free memory that sits in blocks smaller
// than 2^n pages, i.e. that cannot serve an order-n allocation:
//   (free_pages - sum_{j>=n} 2^j * free_blocks[j]) / free_pages
// 0 means every free page could be part of a huge page, 1 means none can.
// Ingens' compaction compares it (per mille) with compact_fmfi_threshold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "paths.h"

namespace ingens {

inline constexpr unsigned kHugePageOrder = 9;  // 2 MiB on x86-64

struct ZoneFree {
    int node = 0;
    std::string zone;
    std::vector<std::uint64_t> free_blocks;  // index = order

    std::uint64_t free_pages() const;
    // nullopt when the zone has no free memory (the index is undefined).
    std::optional<double> fmfi(unsigned order = kHugePageOrder) const;
    // Per mille, truncated as the kernel computes it (ingens_zone_fmfi()), so
    // that it compares with compact_fmfi_threshold as the kernel does; 0 for
    // a zone without free memory, as there.
    unsigned fmfi_permille() const;
};

// "Node 0, zone   Normal  15599 5328 ..." lines; malformed lines are skipped.
std::vector<ZoneFree> parse_buddyinfo(std::string_view text);

// Empty when <proc>/buddyinfo is missing.
std::vector<ZoneFree> read_buddyinfo(const Paths& paths);

// [{"node", "zone", "free_pages", "huge_blocks_free", "fmfi", "fmfi_permille"}]
nlohmann::json fragmentation_to_json(const std::vector<ZoneFree>& zones);

}  // namespace ingens
