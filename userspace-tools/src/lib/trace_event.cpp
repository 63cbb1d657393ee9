#include "trace_event.h"

#include <array>
#include <cstring>

#include <fmt/format.h>

namespace ingens {
namespace {

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

constexpr double kRegionPages = 512;

std::string text_of(const TraceEvent& ev, std::string_view key) {
    const TraceField* f = ev.field(key);
    return f ? f->text : "?";
}

std::string ns_as_ms(const TraceEvent& ev, std::string_view key) {
    const auto ns = ev.number(key);
    return ns ? fmt::format("{:.3f} ms", static_cast<double>(*ns) / 1e6) : "? ms";
}

std::string util_text(const TraceEvent& ev) {
    const auto util = ev.number("util");
    if (!util) return "util ?";
    return fmt::format("util {}/512 ({:.0f}%)", *util,
                       100.0 * static_cast<double>(*util) / kRegionPages);
}

std::string errno_text(std::int64_t err) {
    const int e = static_cast<int>(err < 0 ? -err : err);
    const char* name = ::strerrorname_np(e);
    return name ? fmt::format("{} ({})", name, std::strerror(e)) : std::to_string(err);
}

// Permille as the fraction ingensctl status prints.
std::string fmfi_text(const TraceEvent& ev, std::string_view key) {
    const auto permille = ev.number(key);
    return permille ? fmt::format("{:.3f}", static_cast<double>(*permille) / 1000) : "?";
}

std::string fields_text(const TraceEvent& ev) {
    std::string out = ev.name + ":";
    for (const auto& f : ev.fields) out += fmt::format(" {}={}", f.name, f.text);
    return out;
}

}  // namespace

const TraceField* TraceEvent::field(std::string_view key) const {
    for (const auto& f : fields) {
        if (f.name == key) return &f;
    }
    return nullptr;
}

std::optional<std::int64_t> TraceEvent::number(std::string_view key) const {
    const TraceField* f = field(key);
    return f ? f->number : std::nullopt;
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
                           text_of(ev, "pid"), text_of(ev, "addr"), util_text(ev),
                           text_of(ev, "freq"), ns_as_ms(ev, "latency_ns"));
    }
    if (ev.name == "ingens_promote_fail") {
        const auto err = ev.number("err");
        const auto result = ev.number("scan_result");
        return fmt::format("promotion FAILED pid {} region {}: {}, error {}, {}",
                           text_of(ev, "pid"), text_of(ev, "addr"), util_text(ev),
                           err ? errno_text(*err) : "?",
                           result ? scan_result_name(static_cast<long>(*result)) : "?");
    }
    if (ev.name == "ingens_demote") {
        const auto split = ev.number("split");
        return fmt::format("demoted pid {} region {}: {}, {} pages in use, {}, {} pages freed, "
                           "took {}",
                           text_of(ev, "pid"), text_of(ev, "addr"), util_text(ev),
                           text_of(ev, "used"),
                           !split ? "split ?" : *split ? "split" : "kept whole",
                           text_of(ev, "freed"), ns_as_ms(ev, "duration_ns"));
    }
    if (ev.name == "ingens_fair_reclaim") {
        // nid -1: the waiter could take a huge page from any node.
        const auto nid = ev.number("nid");
        return fmt::format("fair reclaim: pid {} (metric {}) gives up {} idle huge pages{} to "
                           "pid {} (metric {})",
                           text_of(ev, "pid"), text_of(ev, "metric"), text_of(ev, "nr"),
                           nid && *nid >= 0 ? fmt::format(" on node {}", *nid) : "",
                           text_of(ev, "waiter_pid"), text_of(ev, "waiter_metric"));
    }
    if (ev.name == "ingens_scan") {
        return fmt::format("scan: {} regions, {} pages checked, {} queued, took {}",
                           text_of(ev, "regions"), text_of(ev, "pages"), text_of(ev, "queued"),
                           ns_as_ms(ev, "duration_ns"));
    }
    if (ev.name == "ingens_compact") {
        return fmt::format("compaction round {} node {} zone {}: FMFI {} -> {}, {} pages "
                           "migrated, {} hot skipped, budget {}, took {}",
                           text_of(ev, "round"), text_of(ev, "nid"), text_of(ev, "zone"),
                           fmfi_text(ev, "fmfi_before"), fmfi_text(ev, "fmfi_after"),
                           text_of(ev, "migrated"), text_of(ev, "skipped_hot"),
                           text_of(ev, "budget"), ns_as_ms(ev, "duration_ns"));
    }
    return fields_text(ev);
}

nlohmann::ordered_json event_to_json(const TraceEvent& ev) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    for (const auto& f : ev.fields) {
        if (!f.number || f.text.starts_with("0x")) {
            fields[f.name] = f.text;  // addresses stay strings: JSON numbers lose 64-bit precision
        } else if (f.is_signed) {
            fields[f.name] = *f.number;
        } else {
            fields[f.name] = static_cast<std::uint64_t>(*f.number);
        }
    }
    nlohmann::ordered_json j;
    j["schema_version"] = 2;
    j["timestamp_ns"] = ev.timestamp_ns;
    j["cpu"] = ev.cpu;
    j["task"] = ev.task;
    j["task_pid"] = ev.task_pid;
    j["event"] = ev.name;
    j["fields"] = std::move(fields);
    j["text"] = describe_event(ev);
    return j;
}

}  // namespace ingens
