#include "status.h"

#include <fmt/format.h>

#include "knob_io.h"
#include "number.h"

namespace ingens {
namespace {

using nlohmann::json;

json unknown_knob_to_json(const KnobStatus& ks) {
    return json{{"known", false},
                {"present", ks.present()},
                {"raw", ks.raw ? json(*ks.raw) : json(nullptr)},
                {"value", ks.raw ? json(*ks.raw) : json(nullptr)},
                {"valid", nullptr},
                {"is_default", nullptr},
                {"default", nullptr},
                {"kind", "unknown"},
                {"min", nullptr},
                {"max", nullptr},
                {"choices", json::array()},
                {"unit", ""},
                {"doc", "not known to this ingensctl"}};
}

json knob_to_json(const KnobStatus& ks) {
    if (!ks.knob) return unknown_knob_to_json(ks);
    const Knob& k = *ks.knob;
    const bool is_int = k.kind == KnobKind::Int;
    json j;
    j["known"] = true;
    j["present"] = ks.present();
    j["raw"] = ks.raw ? json(*ks.raw) : json(nullptr);
    if (ks.valid()) {
        j["value"] = is_int ? json(to_number<std::int64_t>(*ks.value).value_or(0))
                            : json(*ks.value);
    } else {
        j["value"] = nullptr;
    }
    j["valid"] = ks.present() ? json(ks.valid()) : json(nullptr);
    j["is_default"] = ks.present() ? json(ks.is_default) : json(nullptr);
    j["default"] = is_int ? json(to_number<std::int64_t>(k.default_value).value_or(0))
                          : json(std::string(k.default_value));
    j["kind"] = is_int ? "int" : "enum";
    j["min"] = is_int ? json(k.min) : json(nullptr);
    j["max"] = is_int ? json(k.max) : json(nullptr);
    j["choices"] = json::array();
    for (const auto& c : k.choices) j["choices"].push_back(std::string(c));
    j["unit"] = std::string(k.unit);
    j["doc"] = std::string(k.doc);
    return j;
}

json mode_to_json(const std::optional<ThpMode>& mode) {
    if (!mode) return nullptr;
    return json{{"selected", mode->selected}, {"choices", mode->choices}};
}

}  // namespace

Status collect_status(const Paths& paths) {
    Status st;
    st.roots = paths.roots();
    st.ingens_dir = paths.ingens_dir().string();
    st.ingens_present = ingens_present(paths);

    for (const std::string& name : all_knob_names(paths)) {
        KnobStatus ks;
        ks.name = name;
        ks.knob = find_knob(name);
        if (st.ingens_present) ks.raw = read_knob(paths, name);
        if (ks.raw && ks.knob) {
            // Validation of what the kernel reports catches contract drift.
            Validation v = validate(*ks.knob, *ks.raw);
            ks.value = std::move(v.value);
            ks.is_default = ks.value && is_default(*ks.knob, *ks.value);
        } else if (ks.raw) {
            ks.value = ks.raw;
        }
        if (name == "enabled" && ks.value) st.ingens_enabled = (*ks.value == "1");
        st.knobs.push_back(std::move(ks));
    }

    if (st.ingens_present) st.stats = read_stats(paths);
    st.thp_enabled = read_thp_mode(paths, "enabled");
    st.thp_defrag = read_thp_mode(paths, "defrag");
    st.thp_pmd_enabled = read_thp_mode(paths, kPmdSizeEnabled);
    st.coverage = coverage_from_meminfo(read_meminfo(paths));
    for (const auto& [name, value] : read_vmstat(paths)) {
        if (is_thp_vmstat_item(name)) st.vmstat.emplace(name, value);
        if (name == "nr_anon_transparent_hugepages") st.anon_huge_pages = value;
    }
    st.zones = read_buddyinfo(paths);
    return st;
}

std::vector<std::string> config_warnings(const Status& st) {
    std::vector<std::string> out;
    if (!st.ingens_present || st.ingens_enabled != true) return out;
    if (st.thp_enabled && st.thp_enabled->selected == "never") {
        out.push_back(fmt::format("THP is off (enabled=never): Ingens has no huge pages to "
                                  "manage; echo always or madvise > {}/enabled",
                                  Paths(st.roots).thp_dir().string()));
    } else if (st.thp_pmd_enabled && st.thp_pmd_enabled->selected == "never") {
        // thp_anon= on the kernel command line leaves every size it does not name off.
        out.push_back(fmt::format("2 MiB THP is off ({} = never; thp_anon= sets it so unless "
                                  "it names 2M): Ingens promotes nothing; echo inherit > {}/{}",
                                  kPmdSizeEnabled, Paths(st.roots).thp_dir().string(),
                                  kPmdSizeEnabled));
    }
    const auto number = [&](std::string_view name) -> std::optional<std::int64_t> {
        for (const auto& ks : st.knobs) {
            if (ks.name == name && ks.value) return to_number<std::int64_t>(*ks.value);
        }
        return std::nullopt;
    };
    const auto util = number("util_threshold"), demote = number("demote_threshold");
    if (util && demote && *demote >= *util) {
        out.push_back(fmt::format("demote_threshold {} is not below util_threshold {}: huge pages "
                                  "are split as soon as they are promoted",
                                  *demote, *util));
    }
    return out;
}

nlohmann::json to_json(const Status& st) {
    json j;
    j["schema_version"] = kStatusSchemaVersion;
    j["roots"] = {{"sysfs", st.roots.sysfs.string()},
                  {"proc", st.roots.proc.string()},
                  {"tracefs", st.roots.tracefs.string()}};
    j["ingens"] = {{"present", st.ingens_present},
                   {"enabled", st.ingens_enabled ? json(*st.ingens_enabled) : json(nullptr)},
                   {"path", st.ingens_dir}};
    j["knobs"] = json::object();
    for (const auto& ks : st.knobs) j["knobs"][ks.name] = knob_to_json(ks);
    j["stats"] = st.stats;
    j["thp"] = {{"enabled", mode_to_json(st.thp_enabled)},
                {"defrag", mode_to_json(st.thp_defrag)},
                {"pmd_size_enabled", mode_to_json(st.thp_pmd_enabled)}};
    if (st.coverage) {
        j["memory"] = {{"anon_huge_kb", st.coverage->anon_huge_kb},
                       {"anon_kb", st.coverage->anon_kb},
                       {"coverage_percent", st.coverage->percent},
                       {"anon_huge_pages", st.anon_huge_pages ? json(*st.anon_huge_pages)
                                                              : json(nullptr)}};
    } else {
        j["memory"] = nullptr;
    }
    j["vmstat"] = st.vmstat;
    j["fragmentation"] = {{"order", kHugePageOrder}, {"zones", fragmentation_to_json(st.zones)}};
    j["warnings"] = config_warnings(st);
    return j;
}

}  // namespace ingens
