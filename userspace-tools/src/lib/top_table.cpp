#include "top_table.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "error.h"

namespace ingens {
namespace {

constexpr std::array<SortKeyName, 10> kSortKeys{{
    {SortKey::Huge, "huge", 'h'},
    {SortKey::Rss, "rss", 'r'},
    {SortKey::Coverage, "coverage", 'c'},
    {SortKey::Idle, "idle", 'i'},
    {SortKey::Queued, "queued", 'u'},
    {SortKey::Share, "share", 's'},
    {SortKey::Regions, "regions", 'g'},
    {SortKey::Fair, "fair", 'f'},
    {SortKey::Pid, "pid", 'p'},
    {SortKey::Comm, "comm", 'n'},
}};

constexpr std::array<TopColumn, 12> kColumns{{
    {"pid", "PID", 7, false, "process id"},
    {"comm", "COMMAND", 8, true, "command, or vm:NAME for a QEMU guest"},
    {"rss", "RSS_MiB", 8, false, "resident memory"},
    {"huge", "HUGE_MiB", 8, false, "anonymous memory in huge pages"},
    {"cov", "COV%", 5, false, "share of anonymous memory in huge pages"},
    {"util", "UTIL_0-100%", 12, true, "regions per 10% utilization bucket, as shades"},
    {"regions", "REGS", 5, false, "2 MiB regions tracked"},
    {"idle", "IDLE", 5, false, "huge pages not accessed lately"},
    {"queued", "QUEUE", 5, false, "regions waiting for promotion"},
    {"share", "SHARE", 7, false, "huge-page share (/proc/PID/ingens_share)"},
    {"fair", "FAIR", 9, false, "the kernel's fairness metric: lower is served first"},
    {"cgroup", "CGROUP", 16, true, "cgroup v2 path"},
}};

constexpr std::array<std::string_view, 10> kDefaultColumns{
    "pid", "comm", "rss", "huge", "cov", "util", "regions", "idle", "queued", "share"};

// The command column grows into spare width up to this.
constexpr std::size_t kCommandMaxWidth = 24;

const TopColumn* find_column(std::string_view id) {
    for (const auto& c : kColumns) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

std::string fair_metric(const ProcessInfo& p) {
    const auto it = p.ingens.summary.find("metric");
    return it == p.ingens.summary.end() ? "-" : std::to_string(it->second);
}

std::string cell(const TopColumn& c, const ProcessInfo& p) {
    const std::string_view id = c.id;
    if (id == "pid") return std::to_string(p.pid);
    if (id == "comm") return p.display_name();
    if (id == "rss") return fmt::format("{:.1f}", static_cast<double>(p.rss_kb) / 1024.0);
    if (id == "huge") return fmt::format("{:.1f}", static_cast<double>(p.anon_huge_kb) / 1024.0);
    if (id == "cov") return fmt::format("{:.1f}", p.coverage_percent());
    if (id == "util") return fmt::format("[{:<10}]", histogram_bar(p.ingens.util_histogram));
    if (id == "regions") return std::to_string(p.ingens.count("regions"));
    if (id == "idle") return std::to_string(p.ingens.idle_huge());
    if (id == "queued") return std::to_string(p.ingens.count("queued"));
    if (id == "share") return p.share ? std::to_string(*p.share) : "-";
    if (id == "fair") return fair_metric(p);
    if (id == "cgroup") return p.cgroup.empty() ? "-" : p.cgroup;
    return "?";
}

// `text` in exactly `width` columns: padded, or cut (keeping the end of a
// left-aligned path would be nicer; the start is what tells names apart).
std::string fit(std::string_view text, std::size_t width, bool left) {
    if (text.size() > width) return std::string(text.substr(0, width));
    return left ? fmt::format("{:<{}}", text, width) : fmt::format("{:>{}}", text, width);
}

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
    case SortKey::Fair: {
        // Unknown metrics sort last, below every real one.
        const auto it = p.ingens.summary.find("metric");
        return it == p.ingens.summary.end() ? -1.0 : static_cast<double>(it->second);
    }
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

std::span<const TopColumn> top_columns() { return kColumns; }

std::vector<const TopColumn*> default_columns() {
    std::vector<const TopColumn*> out;
    for (const auto id : kDefaultColumns) out.push_back(find_column(id));
    return out;
}

std::vector<const TopColumn*> parse_columns(std::string_view list) {
    std::vector<const TopColumn*> out;
    while (true) {
        const auto comma = list.find(',');
        const std::string_view id = list.substr(0, comma);
        const TopColumn* c = find_column(id);
        if (!c) {
            std::vector<std::string_view> ids;
            for (const auto& col : kColumns) ids.push_back(col.id);
            throw Error(ErrorKind::Usage, fmt::format("-o: unknown column \"{}\"; valid: {}", id,
                                                      fmt::join(ids, ",")));
        }
        out.push_back(c);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return out;
}

bool TopFilter::matches(const ProcessInfo& p) const {
    if (!pids.empty() && std::find(pids.begin(), pids.end(), p.pid) == pids.end()) return false;
    if (!comm.empty() && p.display_name().find(comm) == std::string::npos) return false;
    if (!cgroup.empty()) {
        std::string_view want = cgroup;
        while (want.size() > 1 && want.back() == '/') want.remove_suffix(1);
        const bool below = p.cgroup.size() > want.size() && p.cgroup.starts_with(want) &&
                           p.cgroup[want.size()] == '/';
        if (want != "/" && p.cgroup != want && !below) return false;
    }
    return true;
}

TopSnapshot collect_top(const Paths& paths, bool all, const TopFilter& filter) {
    TopSnapshot snap;
    for (int pid : list_pids(paths)) {
        if (!filter.pids.empty() &&
            std::find(filter.pids.begin(), filter.pids.end(), pid) == filter.pids.end()) {
            continue;
        }
        try {
            auto p = read_process(paths, pid);
            if (!p || !filter.matches(*p)) continue;
            if (!all && p->ingens.count("regions") == 0 && p->anon_huge_kb == 0) continue;
            snap.rows.push_back(std::move(*p));
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::Permission) ++snap.unreadable;
            // Io: the process went away mid-read; skip it.
        }
    }
    return snap;
}

void sort_rows(std::vector<ProcessInfo>& rows, SortKey key, bool reverse) {
    std::stable_sort(rows.begin(), rows.end(),
                     [key, reverse](const ProcessInfo& a, const ProcessInfo& b) {
        if (key == SortKey::Pid) return reverse ? a.pid > b.pid : a.pid < b.pid;
        if (key == SortKey::Comm) {
            const std::string an = a.display_name(), bn = b.display_name();
            if (an != bn) return reverse ? an > bn : an < bn;
            return a.pid < b.pid;
        }
        const double va = sort_value(a, key), vb = sort_value(b, key);
        // Unknown values (-1: no share, no metric) go last in either order.
        if ((va < 0) != (vb < 0)) return vb < 0;
        if (va != vb) return reverse ? va < vb : va > vb;
        return a.pid < b.pid;
    });
}

std::string histogram_bar(std::span<const std::uint64_t> buckets) {
    constexpr std::string_view shades = " .:-=+*#%@";
    const std::uint64_t max =
        buckets.empty() ? 0 : *std::max_element(buckets.begin(), buckets.end());
    std::string out;
    for (std::uint64_t n : buckets) {
        std::size_t level = 0;
        // Rounded up, so any non-empty bucket shows at least a dot.
        if (max > 0) level = (n * (shades.size() - 1) + max - 1) / max;
        out += shades[std::min(level, shades.size() - 1)];
    }
    return out;
}

std::vector<std::string> render_top_lines(const TopSnapshot& snap, const TopLayout& layout) {
    // The command column takes the width the others leave, within bounds.
    std::size_t fixed = 0;  // the other columns and the blanks between all of them
    for (const TopColumn* c : layout.columns) fixed += (c->id == "comm" ? 0 : c->width) + 1;
    if (fixed) --fixed;
    std::size_t command = 15;
    if (layout.width) {
        command = layout.width > fixed ? std::min(layout.width - fixed, kCommandMaxWidth) : 0;
        command = std::max<std::size_t>(command, find_column("comm")->width);
    }
    const auto line = [&](auto&& text_of) {
        std::string out;
        for (const TopColumn* c : layout.columns) {
            if (!out.empty()) out += ' ';
            out += fit(text_of(*c), c->id == "comm" ? command : c->width, c->left_aligned);
        }
        out.erase(out.find_last_not_of(' ') + 1);
        if (layout.width && out.size() > layout.width) out.resize(layout.width);
        return out;
    };
    std::vector<std::string> lines;
    lines.push_back(line([](const TopColumn& c) { return std::string(c.header); }));
    for (const ProcessInfo& p : snap.rows) {
        if (layout.max_rows != 0 && lines.size() > layout.max_rows) break;
        lines.push_back(line([&p](const TopColumn& c) { return cell(c, p); }));
    }
    std::string summary = fmt::format("{} process(es) with Ingens regions or huge pages, sorted "
                                      "by {}{}",
                                      snap.rows.size(), sort_key_name(layout.key),
                                      layout.reverse ? " (reversed)" : "");
    if (snap.unreadable > 0) {
        summary += fmt::format("; {} not readable (needs root)", snap.unreadable);
    }
    if (layout.width && summary.size() > layout.width) summary.resize(layout.width);
    lines.push_back(std::move(summary));
    return lines;
}

std::string render_top(const TopSnapshot& snap, const TopLayout& layout) {
    std::string out;
    for (const auto& l : render_top_lines(snap, layout)) out += l + '\n';
    return out;
}

nlohmann::ordered_json top_to_json(const TopSnapshot& snap, SortKey key, bool reverse) {
    nlohmann::ordered_json j;
    j["schema_version"] = 2;
    j["sort"] = sort_key_name(key);
    j["reverse"] = reverse;
    j["unreadable"] = snap.unreadable;
    j["processes"] = nlohmann::ordered_json::array();
    for (const auto& p : snap.rows) {
        nlohmann::ordered_json row = process_to_json(p, false);
        j["processes"].push_back(std::move(row));
    }
    return j;
}

}  // namespace ingens
