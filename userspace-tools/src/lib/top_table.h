// The model behind `ingensctl top`: every process Ingens tracks, sorted, as
// a text table or JSON. The refreshing terminal loop is in commands/top.cpp.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "paths.h"
#include "process.h"

namespace ingens {

enum class SortKey { Huge, Rss, Coverage, Idle, Queued, Share, Regions, Pid, Comm };

struct SortKeyName {
    SortKey key;
    std::string_view name;
    char hotkey;  // the key that selects it in the live view
};
std::span<const SortKeyName> sort_keys();
std::optional<SortKey> parse_sort_key(std::string_view name);
std::optional<SortKey> sort_key_for_hotkey(char c);
std::string_view sort_key_name(SortKey key);

struct TopSnapshot {
    std::vector<ProcessInfo> rows;
    std::size_t unreadable = 0;  // processes whose ingens file we may not read
};

// Processes with tracked regions or huge pages (every readable one with
// `all`). Processes that exit while being read are left out.
TopSnapshot collect_top(const Paths& paths, bool all);

// Largest first for numbers, ascending for pid and comm; ties by pid.
void sort_rows(std::vector<ProcessInfo>& rows, SortKey key);

// Ten utilization buckets as ten characters, " .:-=+*#%@", scaled to the
// fullest bucket, so the shape reads at a glance.
std::string histogram_bar(std::span<const std::uint64_t> buckets);

// Header line plus one line per row (at most max_rows; 0 = all).
std::string render_top(const TopSnapshot& snap, SortKey key, std::size_t max_rows);

// Schema: README.md, "top --json".
nlohmann::json top_to_json(const TopSnapshot& snap, SortKey key);

}  // namespace ingens
