// The model behind `ingensctl top`: every process Ingens tracks, filtered,
// sorted, and laid out in columns that fit the width they are given, as text
// lines or JSON. The terminal side is in commands/top_screen.cpp.
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

enum class SortKey { Huge, Rss, Coverage, Idle, Queued, Share, Regions, Fair, Pid, Comm };

struct SortKeyName {
    SortKey key;
    std::string_view name;
    char hotkey;  // the key that selects it in the live view
};
std::span<const SortKeyName> sort_keys();
std::optional<SortKey> parse_sort_key(std::string_view name);
std::optional<SortKey> sort_key_for_hotkey(char c);
std::string_view sort_key_name(SortKey key);

struct TopColumn {
    std::string_view id;      // for -o: "pid", "huge"
    std::string_view header;  // "HUGE_MiB"
    unsigned width;           // the command column's is its least
    bool left_aligned;
    std::string_view doc;
};
std::span<const TopColumn> top_columns();
// The columns shown unless -o picks others: they fit 80 columns.
std::vector<const TopColumn*> default_columns();
// "pid,comm,fair" in that order. Throws Error(Usage) naming an unknown id and
// the valid ones.
std::vector<const TopColumn*> parse_columns(std::string_view list);

// Which processes to show. Empty members match everything.
struct TopFilter {
    std::vector<int> pids;
    std::string comm;    // a substring of the name top shows (comm or vm:NAME)
    std::string cgroup;  // a cgroup path and everything below it ("/vms")

    bool matches(const ProcessInfo& p) const;
};

struct TopSnapshot {
    std::vector<ProcessInfo> rows;
    std::size_t unreadable = 0;  // processes whose ingens file we may not read
};

// Processes with tracked regions or huge pages (every readable one with
// `all`) that pass `filter`. Processes that exit while being read are left out.
TopSnapshot collect_top(const Paths& paths, bool all, const TopFilter& filter = {});

// Largest first for numbers, ascending for pid and comm; `reverse` turns the
// order around. Ties go by pid either way.
void sort_rows(std::vector<ProcessInfo>& rows, SortKey key, bool reverse = false);

// Ten utilization buckets as ten characters, " .:-=+*#%@", scaled to the
// fullest bucket, so the shape reads at a glance.
std::string histogram_bar(std::span<const std::uint64_t> buckets);

struct TopLayout {
    std::vector<const TopColumn*> columns = default_columns();
    SortKey key = SortKey::Huge;
    bool reverse = false;
    std::size_t max_rows = 0;  // 0: every row
    std::size_t width = 0;     // 0: unlimited; else no line is longer
};

// The header line, one line per row (at most max_rows) and a summary line.
// The command column takes what `width` leaves (at least its own width);
// lines still too long are cut at `width`.
std::vector<std::string> render_top_lines(const TopSnapshot& snap, const TopLayout& layout);

// render_top_lines joined, each line ended by '\n'.
std::string render_top(const TopSnapshot& snap, const TopLayout& layout);

// Schema: README.md, "top --json". One document per refresh.
nlohmann::ordered_json top_to_json(const TopSnapshot& snap, SortKey key, bool reverse);

}  // namespace ingens
