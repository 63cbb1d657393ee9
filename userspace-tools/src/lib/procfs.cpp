#include "procfs.h"

#include <algorithm>

#include "fileio.h"
#include "sysfs.h"
#include "text.h"

namespace ingens {
std::map<std::string, std::uint64_t> parse_meminfo(std::string_view text) {
    std::map<std::string, std::uint64_t> out;
    for_each_line(text, [&](std::string_view line) {
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return;
        std::string_view value = trim(line.substr(colon + 1));
        if (value.ends_with("kB")) value = trim(value.substr(0, value.size() - 2));
        if (const auto n = parse_u64(value)) out.emplace(std::string(line.substr(0, colon)), *n);
    });
    return out;
}

std::map<std::string, std::uint64_t> parse_vmstat(std::string_view text) {
    std::map<std::string, std::uint64_t> out;
    for_each_line(text, [&](std::string_view line) {
        line = trim(line);
        const auto space = line.find_first_of(" \t");
        if (space == std::string_view::npos || space == 0) return;
        if (const auto n = parse_u64(line.substr(space))) {
            out.emplace(std::string(line.substr(0, space)), *n);
        }
    });
    return out;
}

std::optional<Coverage> coverage_from_meminfo(const std::map<std::string, std::uint64_t>& meminfo) {
    const auto huge = meminfo.find("AnonHugePages");
    const auto anon = meminfo.find("AnonPages");
    if (huge == meminfo.end() || anon == meminfo.end()) return std::nullopt;
    Coverage c{huge->second, anon->second, 0.0};
    if (c.anon_kb > 0) {
        // Clamp: the two counters are sampled at slightly different moments.
        c.percent = std::min(100.0, 100.0 * static_cast<double>(c.anon_huge_kb) /
                                        static_cast<double>(c.anon_kb));
    }
    return c;
}

std::map<std::string, std::uint64_t> read_meminfo(const Paths& paths) {
    const auto text = read_file_if_exists(paths.meminfo());
    return text ? parse_meminfo(*text) : std::map<std::string, std::uint64_t>{};
}

std::map<std::string, std::uint64_t> read_vmstat(const Paths& paths) {
    const auto text = read_file_if_exists(paths.vmstat());
    return text ? parse_vmstat(*text) : std::map<std::string, std::uint64_t>{};
}

bool is_thp_vmstat_item(std::string_view name) {
    return name.starts_with("thp_") || name.starts_with("ingens_");
}

}  // namespace ingens
