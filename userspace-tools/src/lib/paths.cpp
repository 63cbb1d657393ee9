#include "paths.h"

namespace ingens {

std::filesystem::path Paths::thp_dir() const {
    return roots_.sysfs / "kernel" / "mm" / "transparent_hugepage";
}

std::filesystem::path Paths::thp_setting(std::string_view name) const { return thp_dir() / name; }

std::filesystem::path Paths::ingens_dir() const { return thp_dir() / "ingens"; }

std::filesystem::path Paths::knob(std::string_view name) const { return ingens_dir() / name; }

std::filesystem::path Paths::stats_dir() const { return ingens_dir() / "stats"; }

std::filesystem::path Paths::meminfo() const { return roots_.proc / "meminfo"; }

std::filesystem::path Paths::vmstat() const { return roots_.proc / "vmstat"; }

}  // namespace ingens
