#include "trace.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <regex>

#include <fmt/format.h>

#include "error.h"
#include "fileio.h"

namespace fs = std::filesystem;

namespace ingens {
namespace {

// task-pid, optional "(tgid)", [cpu], optional irq/preempt flags, timestamp,
// event name, then the TP_printk text.
const std::regex kTraceLine(
    R"(^\s*(.+)-(\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(\d+)\]\s+(?:\S+\s+)?(\d+\.\d+):\s+(\w+):\s?(.*)$)");

// Same order as enum scan_result in mm/khugepaged.c (Linux 6.12).
constexpr std::array<std::string_view, 32> kScanResults{
    "SCAN_FAIL", "SCAN_SUCCEED", "SCAN_PMD_NULL", "SCAN_PMD_NONE", "SCAN_PMD_MAPPED",
    "SCAN_EXCEED_NONE_PTE", "SCAN_EXCEED_SWAP_PTE", "SCAN_EXCEED_SHARED_PTE",
    "SCAN_PTE_NON_PRESENT", "SCAN_PTE_UFFD_WP", "SCAN_PTE_MAPPED_HUGEPAGE", "SCAN_PAGE_RO",
    "SCAN_LACK_REFERENCED_PAGE", "SCAN_PAGE_NULL", "SCAN_SCAN_ABORT", "SCAN_PAGE_COUNT",
    "SCAN_PAGE_LRU", "SCAN_PAGE_LOCK", "SCAN_PAGE_ANON", "SCAN_PAGE_COMPOUND",
    "SCAN_ANY_PROCESS", "SCAN_VMA_NULL", "SCAN_VMA_CHECK", "SCAN_ADDRESS_RANGE",
    "SCAN_DEL_PAGE_LRU", "SCAN_ALLOC_HUGE_PAGE_FAIL", "SCAN_CGROUP_CHARGE_FAIL",
    "SCAN_TRUNCATED", "SCAN_PAGE_HAS_PRIVATE", "SCAN_STORE_FAILED", "SCAN_COPY_MC",
    "SCAN_PAGE_FILLED"};

std::optional<long long> to_int(std::string_view s) {
    long long v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<long long> int_field(const TraceEvent& ev, std::string_view key) {
    const auto text = ev.field(key);
    return text ? to_int(*text) : std::nullopt;
}

std::string field_or(const TraceEvent& ev, std::string_view key) {
    return ev.field(key).value_or("?");
}

std::string ns_as_ms(const TraceEvent& ev, std::string_view key) {
    const auto ns = int_field(ev, key);
    return ns ? fmt::format("{:.3f} ms", static_cast<double>(*ns) / 1e6) : "? ms";
}

std::string util_text(const TraceEvent& ev) {
    const auto util = int_field(ev, "util");
    if (!util) return "util ?";
    return fmt::format("util {}/512 ({:.0f}%)", *util, 100.0 * static_cast<double>(*util) / 512);
}

std::string errno_text(long long err) {
    const int e = static_cast<int>(err < 0 ? -err : err);
    const char* name = ::strerrorname_np(e);
    return name ? fmt::format("{} ({})", name, std::strerror(e)) : std::to_string(err);
}

void write_enable(const fs::path& file, std::string_view value) {
    const auto path = file.string();
    FILE* f = std::fopen(path.c_str(), "w");
    if (!f) throw error_from_errno(errno, "cannot enable tracepoint: " + path);
    const bool ok = std::fputs(std::string(value).c_str(), f) >= 0;
    const int err = errno;
    if (std::fclose(f) != 0 || !ok) throw error_from_errno(err, "cannot write " + path);
}

}  // namespace

std::optional<std::string> TraceEvent::field(std::string_view key) const {
    for (const auto& [k, v] : fields) {
        if (k == key) return v;
    }
    return std::nullopt;
}

std::optional<TraceEvent> parse_trace_line(std::string_view line) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(line.begin(), line.end(), m, kTraceLine)) return std::nullopt;
    TraceEvent ev;
    ev.task = m[1].str();
    ev.task.erase(0, ev.task.find_first_not_of(' '));
    ev.task_pid = static_cast<int>(to_int(m[2].str()).value_or(0));
    ev.cpu = static_cast<int>(to_int(m[3].str()).value_or(0));
    ev.timestamp = std::stod(m[4].str());
    ev.name = m[5].str();
    const std::string rest = m[6].str();
    std::string_view args = rest;
    while (!args.empty()) {
        const auto space = args.find(' ');
        const std::string_view word = args.substr(0, space);
        args = space == std::string_view::npos ? std::string_view{} : args.substr(space + 1);
        const auto eq = word.find('=');
        if (eq == std::string_view::npos || eq == 0) continue;
        ev.fields.emplace_back(std::string(word.substr(0, eq)), std::string(word.substr(eq + 1)));
    }
    return ev;
}

std::string scan_result_name(long code) {
    if (code >= 0 && static_cast<std::size_t>(code) < kScanResults.size()) {
        return std::string(kScanResults[static_cast<std::size_t>(code)]);
    }
    return fmt::format("scan result {}", code);
}

std::string describe_event(const TraceEvent& ev) {
    if (ev.name == "ingens_promote") {
        return fmt::format("promoted pid {} region {}: {}, freq {}, collapse took {}",
                           field_or(ev, "pid"), field_or(ev, "addr"), util_text(ev),
                           field_or(ev, "freq"), ns_as_ms(ev, "latency_ns"));
    }
    if (ev.name == "ingens_promote_fail") {
        const auto err = int_field(ev, "err");
        const auto result = int_field(ev, "scan_result");
        return fmt::format("promotion FAILED pid {} region {}: {}, error {}, {}",
                           field_or(ev, "pid"), field_or(ev, "addr"), util_text(ev),
                           err ? errno_text(*err) : "?",
                           result ? scan_result_name(static_cast<long>(*result)) : "?");
    }
    if (ev.name == "ingens_scan") {
        return fmt::format("scan: {} regions, {} pages checked, {} queued, took {}",
                           field_or(ev, "regions"), field_or(ev, "pages"), field_or(ev, "queued"),
                           ns_as_ms(ev, "duration_ns"));
    }
    // An event this ingensctl does not know yet: show its fields as they are.
    std::string out = ev.name + ":";
    for (const auto& [k, v] : ev.fields) out += fmt::format(" {}={}", k, v);
    return out;
}

nlohmann::json event_to_json(const TraceEvent& ev) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [k, v] : ev.fields) {
        if (const auto n = to_int(v)) {
            fields[k] = *n;
        } else {
            fields[k] = v;  // hex addresses stay strings: JSON numbers lose 64-bit precision
        }
    }
    return {{"schema_version", 1}, {"timestamp", ev.timestamp}, {"cpu", ev.cpu},
            {"task", ev.task},     {"task_pid", ev.task_pid},   {"event", ev.name},
            {"fields", fields},    {"text", describe_event(ev)}};
}

std::vector<std::string> list_ingens_events(const Paths& paths) {
    std::vector<std::string> events;
    std::error_code ec;
    for (fs::directory_iterator it(paths.tracefs() / "events" / "ingens", ec), end;
         !ec && it != end; it.increment(ec)) {
        if (fs::exists(it->path() / "enable")) events.push_back(it->path().filename().string());
    }
    std::sort(events.begin(), events.end());
    return events;
}

TraceSession::TraceSession(const Paths& paths, std::vector<std::string> events) : paths_(paths) {
    try {
        for (const auto& ev : events) {
            const fs::path enable = paths_.tracefs() / "events" / "ingens" / ev / "enable";
            const std::string before{trim(read_file(enable))};
            restore_.emplace_back(ev, before);
            if (before != "1") write_enable(enable, "1");
        }
    } catch (...) {
        restore();  // the destructor does not run for a throwing constructor
        throw;
    }
}

TraceSession::~TraceSession() { restore(); }

void TraceSession::restore() noexcept {
    for (auto& [ev, before] : restore_) {
        if (before == "1") continue;
        try {
            write_enable(paths_.tracefs() / "events" / "ingens" / ev / "enable", before);
        } catch (const std::exception&) {
            // Nothing better to do while unwinding; the event stays enabled.
        }
    }
    restore_.clear();
}

fs::path TraceSession::pipe() const { return paths_.tracefs() / "trace_pipe"; }

}  // namespace ingens
