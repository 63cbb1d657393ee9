// Parsers for /proc/meminfo and /proc/vmstat. Parsing is split from reading so
// tests can feed text directly.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "paths.h"

namespace ingens {

// "MemTotal:  16318536 kB" -> {"MemTotal", 16318536}. Values stay in the
// file's unit (kB for sizes). Lines that do not parse are skipped, since the
// kernel adds fields over time and we only need a few.
std::map<std::string, std::uint64_t> parse_meminfo(std::string_view text);

// "thp_fault_alloc 12" -> {"thp_fault_alloc", 12}. Bad lines are skipped.
std::map<std::string, std::uint64_t> parse_vmstat(std::string_view text);

// How much anonymous memory is backed by huge pages, system-wide.
struct Coverage {
    std::uint64_t anon_huge_kb = 0;  // AnonHugePages
    std::uint64_t anon_kb = 0;       // AnonPages (includes the THP part)
    double percent = 0.0;            // anon_huge_kb / anon_kb * 100; 0 when anon_kb == 0
};

// nullopt unless both AnonHugePages and AnonPages are present.
std::optional<Coverage> coverage_from_meminfo(const std::map<std::string, std::uint64_t>& meminfo);

// Readers: a missing file gives an empty map, permission/I/O problems throw.
std::map<std::string, std::uint64_t> read_meminfo(const Paths& paths);
std::map<std::string, std::uint64_t> read_vmstat(const Paths& paths);

// True for the vmstat items ingensctl reports: thp_* and ingens_*.
bool is_thp_vmstat_item(std::string_view name);

}  // namespace ingens
