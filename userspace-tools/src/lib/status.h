// The Status model: one snapshot of Ingens and THP state, built from the knob
// table plus sysfs/procfs, and its stable JSON form (schema in README.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fragmentation.h"
#include "knobs.h"
#include "paths.h"
#include "procfs.h"
#include "sysfs.h"

namespace ingens {

// Bump only on incompatible changes; adding keys keeps the version.
inline constexpr int kStatusSchemaVersion = 1;

struct KnobStatus {
    std::string name;
    const Knob* knob = nullptr;        // nullptr: a knob only the running kernel knows
    std::optional<std::string> raw;    // trimmed file content; nullopt = file absent
    std::optional<std::string> value;  // canonical form, set only if raw passes validate()
                                       // (unknown knobs: raw as is)
    bool is_default = false;           // valid and equal to the table default

    bool present() const { return raw.has_value(); }
    bool valid() const { return value.has_value(); }
};

struct Status {
    Roots roots;
    std::string ingens_dir;
    bool ingens_present = false;
    std::optional<bool> ingens_enabled;  // nullopt: not present or knob absent/invalid
    std::vector<KnobStatus> knobs;       // table order, then unknown ones; all absent if !ingens_present
    std::map<std::string, std::int64_t> stats;
    std::optional<ThpMode> thp_enabled;
    std::optional<ThpMode> thp_defrag;
    std::optional<ThpMode> thp_pmd_enabled;  // the 2 MiB size's own setting (kernels with mTHP)
    std::optional<Coverage> coverage;
    std::map<std::string, std::uint64_t> vmstat;  // thp_* and ingens_* only
    std::optional<std::uint64_t> anon_huge_pages;  // vmstat nr_anon_transparent_hugepages
    std::vector<ZoneFree> zones;                   // /proc/buddyinfo, for FMFI
};

// Reads everything. Absent pieces are recorded, not thrown; permission and
// I/O failures throw ingens::Error.
Status collect_status(const Paths& paths);

nlohmann::json to_json(const Status& status);

// Settings that make Ingens do nothing or work against itself: THP off
// (enabled=never), or its 2 MiB size off, under an enabled Ingens;
// demote_threshold not below util_threshold. One sentence each, with the fix.
std::vector<std::string> config_warnings(const Status& status);

}  // namespace ingens
