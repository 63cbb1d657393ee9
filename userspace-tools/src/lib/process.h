// One process as Ingens sees it: /proc/<pid>/ingens (regions, states,
// utilization), plus what `top` and `proc` show beside it (command, RSS,
// anonymous huge pages, share).
//
// /proc/<pid>/ingens is a summary of "key:\tvalue" lines (enabled, regions,
// base, queued, huge, util_histogram, and whatever a newer kernel adds), then
// "# address state util access freq" and one line per region.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "paths.h"

namespace ingens {

inline constexpr unsigned kRegionPages = 512;  // base pages per 2 MiB region

struct Region {
    std::uint64_t address = 0;
    std::string state;  // base, queued, huge (or a newer kernel's state)
    unsigned util = 0;    // populated base pages, 0..512
    unsigned access = 0;  // base pages accessed in the last sampling period
    unsigned freq = 0;    // aged access frequency
};

struct ProcIngens {
    std::map<std::string, std::uint64_t> summary;  // numeric summary lines
    std::vector<std::uint64_t> util_histogram;     // ten 10% buckets
    std::vector<Region> regions;

    std::uint64_t count(const std::string& key) const;  // 0 when absent
    // Huge regions not accessed in the last sampling period, unless the
    // kernel reports "idle_huge" itself.
    std::uint64_t idle_huge() const;
};

// Lines that do not parse are skipped: the format grows over time.
ProcIngens parse_proc_ingens(std::string_view text);

struct ProcessInfo {
    int pid = 0;
    std::string comm;
    std::string vm_name;             // a QEMU process's guest name (-name), else empty
    std::string cgroup;              // its cgroup v2 path ("/vms/vm0"), empty if unknown
    std::uint64_t rss_kb = 0;        // VmRSS
    std::uint64_t anon_kb = 0;       // RssAnon
    std::uint64_t anon_huge_kb = 0;  // AnonHugePages of smaps_rollup
    std::optional<std::uint64_t> share;  // /proc/<pid>/ingens_share, or "share" in ingens
    ProcIngens ingens;

    double coverage_percent() const;  // anon_huge_kb / anon_kb, 0 when no anon memory
    // What top and proc call it: "vm:NAME" for a named QEMU guest, else comm.
    std::string display_name() const;
};

// The guest name in a QEMU command line (/proc/<pid>/cmdline, arguments
// separated by NULs): `-name [guest=]NAME[,process=P][,debug-threads=on]`,
// with ",," standing for a comma. Empty when the command is not
// qemu-system-* (or qemu-kvm) or names no guest.
std::string qemu_guest_name(std::string_view cmdline);

// The cgroup v2 path in /proc/<pid>/cgroup ("0::/vms/vm0" -> "/vms/vm0").
std::string cgroup_v2_path(std::string_view proc_cgroup);

// Numeric directory names under <proc>, ascending.
std::vector<int> list_pids(const Paths& paths);

// nullopt when the process is gone or has no /proc/<pid>/ingens (a kernel
// without Ingens). Throws Error(Permission) when the file is not readable.
std::optional<ProcessInfo> read_process(const Paths& paths, int pid);

// <proc>/<pid>/ingens_share
std::filesystem::path share_path(const Paths& paths, int pid);

// Schema: README.md, "proc --json". Regions only when `with_regions`.
nlohmann::json process_to_json(const ProcessInfo& p, bool with_regions);

}  // namespace ingens
