#include "top_table.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "error.h"

namespace ingens {
namespace {

constexpr std::array<SortKeyName, 9> kSortKeys{{
    {SortKey::Huge, "huge", 'h'},
    {SortKey::Rss, "rss", 'r'},
    {SortKey::Coverage, "coverage", 'c'},
    {SortKey::Idle, "idle", 'i'},
    {SortKey::Queued, "queued", 'u'},
    {SortKey::Share, "share", 's'},
    {SortKey::Regions, "regions", 'g'},
    {SortKey::Pid, "pid", 'p'},
    {SortKey::Comm, "comm", 'n'},
}};

// What a row is sorted by; numbers sort descending.
double sort_value(const ProcessInfo& p, SortKey key) {
    switch (key) {
    case SortKey::Huge: return static_cast<double>(p.anon_huge_kb);
    case SortKey::Rss: return static_cast<double>(p.rss_kb);
    case SortKey::Coverage: return p.coverage_percent();
    case SortKey::Idle: return static_cast<double>(p.ingens.idle_huge());
    case SortKey::Queued: return static_cast<double>(p.ingens.count("queued"));
    case SortKey::Share: return p.share ? static_cast<double>(*p.share) : -1.0;
    case SortKey::Regions: return static_cast<double>(p.ingens.count("regions"));
    case SortKey::Pid:
    case SortKey::Comm: break;
    }
    return 0.0;
}

}  // namespace

std::span<const SortKeyName> sort_keys() { return kSortKeys; }

std::optional<SortKey> parse_sort_key(std::string_view name) {
    for (const auto& k : kSortKeys) {
        if (k.name == name) return k.key;
    }
    return std::nullopt;
}

std::optional<SortKey> sort_key_for_hotkey(char c) {
    for (const auto& k : kSortKeys) {
        if (k.hotkey == c) return k.key;
    }
    return std::nullopt;
}

std::string_view sort_key_name(SortKey key) {
    for (const auto& k : kSortKeys) {
        if (k.key == key) return k.name;
    }
    return "?";
}

TopSnapshot collect_top(const Paths& paths, bool all) {
    TopSnapshot snap;
    for (int pid : list_pids(paths)) {
        try {
            auto p = read_process(paths, pid);
            if (!p) continue;
            if (!all && p->ingens.count("regions") == 0 && p->anon_huge_kb == 0) continue;
            snap.rows.push_back(std::move(*p));
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::Permission) ++snap.unreadable;
            // Io: the process went away mid-read; skip it.
        }
    }
    return snap;
}

void sort_rows(std::vector<ProcessInfo>& rows, SortKey key) {
    std::stable_sort(rows.begin(), rows.end(), [key](const ProcessInfo& a, const ProcessInfo& b) {
        if (key == SortKey::Pid) return a.pid < b.pid;
        if (key == SortKey::Comm) {
            const std::string an = a.display_name(), bn = b.display_name();
            return an != bn ? an < bn : a.pid < b.pid;
        }
        const double va = sort_value(a, key), vb = sort_value(b, key);
        return va != vb ? va > vb : a.pid < b.pid;
    });
}

std::string histogram_bar(std::span<const std::uint64_t> buckets) {
    constexpr std::string_view shades = " .:-=+*#%@";
    const std::uint64_t max = buckets.empty() ? 0 : *std::max_element(buckets.begin(), buckets.end());
    std::string out;
    for (std::uint64_t n : buckets) {
        std::size_t level = 0;
        // Rounded up, so any non-empty bucket shows at least a dot.
        if (max > 0) level = (n * (shades.size() - 1) + max - 1) / max;
        out += shades[std::min(level, shades.size() - 1)];
    }
    return out;
}

std::string render_top(const TopSnapshot& snap, SortKey key, std::size_t max_rows) {
    std::string out = fmt::format("{:>7} {:<15} {:>9} {:>9} {:>6} {:<12} {:>7} {:>6} {:>7} {:>7}\n",
                                  "PID", "COMMAND", "RSS_MiB", "HUGE_MiB", "COV%", "UTIL_0-100%",
                                  "REGIONS", "IDLE", "QUEUED", "SHARE");
    std::size_t shown = 0;
    for (const ProcessInfo& p : snap.rows) {
        if (max_rows != 0 && shown == max_rows) break;
        ++shown;
        out += fmt::format("{:>7} {:<15.15} {:>9.1f} {:>9.1f} {:>6.1f} [{:<10}] {:>7} {:>6} {:>7} "
                           "{:>7}\n",
                           p.pid, p.display_name(), static_cast<double>(p.rss_kb) / 1024.0,
                           static_cast<double>(p.anon_huge_kb) / 1024.0, p.coverage_percent(),
                           histogram_bar(p.ingens.util_histogram), p.ingens.count("regions"),
                           p.ingens.idle_huge(), p.ingens.count("queued"),
                           p.share ? std::to_string(*p.share) : std::string("-"));
    }
    out += fmt::format("{} process(es) with Ingens regions or huge pages, sorted by {}", snap.rows.size(),
                       sort_key_name(key));
    if (snap.unreadable > 0) {
        out += fmt::format("; {} not readable (needs root)", snap.unreadable);
    }
    out += '\n';
    return out;
}

nlohmann::json top_to_json(const TopSnapshot& snap, SortKey key) {
    nlohmann::json j{{"schema_version", 1},
                     {"sort", std::string(sort_key_name(key))},
                     {"unreadable", snap.unreadable},
                     {"processes", nlohmann::json::array()}};
    for (const auto& p : snap.rows) j["processes"].push_back(process_to_json(p, false));
    return j;
}

}  // namespace ingens
