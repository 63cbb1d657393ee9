// `ingensctl get [KEY...]`: knob values, as `key = value` lines that `apply`
// accepts, or JSON.
#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "commands/command.h"
#include "lib/error.h"
#include "lib/knob_io.h"
#include "lib/knobs.h"
#include "lib/number.h"
#include "lib/sysfs.h"

namespace ingensctl {
namespace {

struct GetOptions {
    std::vector<std::string> keys;
    bool json = false;
    bool values_only = false;
    bool list = false;
};

// As `status --json` has it: the number for a valid int knob, the text for an
// enum, null for a value the knob cannot hold (raw shows what the file holds).
nlohmann::json value_json(const ingens::Knob* knob, const std::optional<std::string>& raw) {
    if (!raw) return nullptr;
    if (!knob) return *raw;
    const auto v = ingens::validate(*knob, *raw);
    if (!v.ok()) return nullptr;
    if (knob->kind == ingens::KnobKind::Int) return *ingens::to_number<std::int64_t>(*v.value);
    return *v.value;
}

nlohmann::json valid_json(const ingens::Knob* knob, const std::optional<std::string>& raw) {
    if (!raw || !knob) return nullptr;
    return ingens::validate(*knob, *raw).ok();
}

// ingensctl's knob table: what it validates against and calls default.
nlohmann::ordered_json table_json(const ingens::Paths& paths) {
    const auto files = ingens::list_knob_files(paths);
    nlohmann::ordered_json knobs = nlohmann::ordered_json::array();
    for (const ingens::Knob& k : ingens::knobs()) {
        const bool is_int = k.kind == ingens::KnobKind::Int;
        nlohmann::ordered_json j;
        j["name"] = k.name;
        j["kind"] = is_int ? "int" : "enum";
        j["min"] = is_int ? nlohmann::ordered_json(k.min) : nlohmann::ordered_json(nullptr);
        j["max"] = is_int ? nlohmann::ordered_json(k.max) : nlohmann::ordered_json(nullptr);
        j["choices"] = k.choices;
        j["default"] = k.default_value;
        j["unit"] = k.unit;
        j["in_kernel"] = std::find(files.begin(), files.end(), k.name) != files.end();
        j["doc"] = k.doc;
        knobs.push_back(std::move(j));
    }
    nlohmann::ordered_json out;
    out["schema_version"] = 1;
    out["knobs"] = std::move(knobs);
    return out;
}

int run_get(const GetOptions& opt, const ingens::Paths& paths) {
    if (opt.list && opt.json) {
        fmt::print("{}\n", table_json(paths).dump(2));
        return 0;
    }
    if (opt.list) {
        for (const auto& name : ingens::all_knob_names(paths)) fmt::print("{}\n", name);
        return 0;
    }
    require_ingens(paths);
    std::vector<std::string> keys = opt.keys;
    if (keys.empty()) {  // every knob this kernel has, in table order
        for (const auto& name : ingens::all_knob_names(paths)) {
            if (ingens::read_knob(paths, name)) keys.push_back(name);
        }
    }

    const auto valid_names = ingens::all_knob_names(paths);
    for (const auto& key : keys) {
        if (!ingens::find_knob(key) &&
            std::find(valid_names.begin(), valid_names.end(), key) == valid_names.end()) {
            std::string list;
            for (const auto& n : valid_names) list += (list.empty() ? "" : ", ") + n;
            throw ingens::Error(ingens::ErrorKind::Usage,
                                fmt::format("{}: unknown knob; valid knobs: {}", key, list));
        }
    }

    int rc = 0;
    nlohmann::json out{{"schema_version", 1}, {"knobs", nlohmann::json::object()}};
    for (const auto& key : keys) {
        const auto raw = ingens::read_knob(paths, key);
        if (!raw) {
            fmt::print(stderr, "ingensctl: {}: not present in this kernel (its Ingens predates "
                               "this knob)\n", key);
            rc = static_cast<int>(ingens::ErrorKind::NotPresent);
        }
        if (opt.json) {
            out["knobs"][key] = {{"present", raw.has_value()},
                                 {"raw", raw ? nlohmann::json(*raw) : nlohmann::json(nullptr)},
                                 {"value", value_json(ingens::find_knob(key), raw)},
                                 {"valid", valid_json(ingens::find_knob(key), raw)}};
        } else if (raw) {
            if (opt.values_only) {
                fmt::print("{}\n", *raw);
            } else {
                fmt::print("{} = {}\n", key, *raw);
            }
        }
    }
    if (opt.json) fmt::print("{}\n", out.dump(2));
    return rc;
}

}  // namespace

Command add_get_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<GetOptions>();
    CLI::App* app = parent.add_subcommand(
        "get", "Print knob values as 'key = value' (all knobs when no KEY is given)");
    app->add_option("KEY", opt->keys, "knob names");
    app->add_flag("--json", opt->json, "Print JSON (schema: README.md, \"JSON output\")");
    app->add_flag("-n,--values", opt->values_only, "Print values only, one per line");
    app->add_flag("--list", opt->list,
                  "Print every knob name ingensctl or this kernel knows, one per line; with "
                  "--json, ingensctl's knob table (kinds, ranges, defaults, units)");
    return Command{app, [opt, &globals] { return run_get(*opt, globals.paths()); }};
}

}  // namespace ingensctl
