// Where ingensctl looks for kernel interfaces. Every path is derived from three
// overridable roots so tests (and --sysfs-root etc.) can point at a fake tree.
#pragma once

#include <filesystem>
#include <string_view>
#include <utility>

namespace ingens {

struct Roots {
    std::filesystem::path sysfs = "/sys";
    std::filesystem::path proc = "/proc";
    std::filesystem::path tracefs = "/sys/kernel/tracing";
};

class Paths {
public:
    Paths() = default;
    explicit Paths(Roots roots) : roots_(std::move(roots)) {}

    const Roots& roots() const { return roots_; }

    // <sysfs>/kernel/mm/transparent_hugepage
    std::filesystem::path thp_dir() const;
    // <sysfs>/kernel/mm/transparent_hugepage/{enabled,defrag}
    std::filesystem::path thp_setting(std::string_view name) const;
    // <sysfs>/kernel/mm/transparent_hugepage/ingens
    std::filesystem::path ingens_dir() const;
    std::filesystem::path knob(std::string_view name) const;
    // <sysfs>/kernel/mm/transparent_hugepage/ingens/stats
    std::filesystem::path stats_dir() const;

    std::filesystem::path meminfo() const;  // <proc>/meminfo
    std::filesystem::path vmstat() const;   // <proc>/vmstat

    const std::filesystem::path& tracefs() const { return roots_.tracefs; }

private:
    Roots roots_;
};

}  // namespace ingens
