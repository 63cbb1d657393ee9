#include "settings.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "error.h"
#include "fileio.h"
#include "knob_io.h"
#include "knobs.h"
#include "number.h"
#include "sysfs.h"
#include "text.h"

namespace ingens {
namespace {

std::string where(const Assignment& a) { return a.origin.empty() ? "" : a.origin + ": "; }

std::string known_keys_text(const Paths& paths) {
    std::string out;
    for (const auto& name : all_knob_names(paths)) {
        if (!out.empty()) out += ", ";
        out += name;
    }
    return out;
}

// Knobs the table does not know are passed to the kernel, which validates
// them; we only refuse text no knob can hold.
std::optional<std::string> plain_value(std::string_view text) {
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    for (char c : text) {
        if (c <= ' ' || c == 0x7f) return std::nullopt;
    }
    return std::string(text);
}

bool is_knob_file(const Paths& paths, const std::string& key) {
    const auto files = list_knob_files(paths);
    return std::find(files.begin(), files.end(), key) != files.end();
}

// The value `key` will hold once `plan` is applied.
std::optional<std::int64_t> planned_number(const Paths& paths, const Plan& plan,
                                           std::string_view key) {
    for (const Change& c : plan.changes) {
        if (c.key == key) return to_number<std::int64_t>(c.new_value);
    }
    const auto current = read_knob(paths, key);
    return current ? to_number<std::int64_t>(*current) : std::nullopt;
}

// Demotion splits a huge page whose utilization is under demote_threshold;
// at or above util_threshold a region is promoted. A demote_threshold not
// below util_threshold splits what was just promoted, over and over.
std::optional<std::string> threshold_conflict(const Paths& paths, const Plan& plan) {
    const auto util = planned_number(paths, plan, "util_threshold");
    const auto demote = planned_number(paths, plan, "demote_threshold");
    if (!util || !demote || *demote < *util) return std::nullopt;
    return fmt::format("demote_threshold {} is not below util_threshold {}: huge pages would be "
                       "split as soon as they are promoted; lower demote_threshold or raise "
                       "util_threshold (--force skips this check)",
                       *demote, *util);
}

void order_enabled(std::vector<Change>& changes) {
    const auto it = std::find_if(changes.begin(), changes.end(),
                                 [](const Change& c) { return c.key == "enabled"; });
    if (it == changes.end()) return;
    const Change enabled = *it;
    changes.erase(it);
    if (enabled.new_value == "0") {
        changes.insert(changes.begin(), enabled);
    } else {
        changes.push_back(enabled);
    }
}

}  // namespace

Assignment parse_assignment(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos) return Assignment{"", std::string(text), ""};
    return Assignment{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)), ""};
}

Plan plan_settings(const Paths& paths, std::span<const Assignment> assignments,
                   PlanOptions options) {
    if (!ingens_present(paths)) {
        throw Error(ErrorKind::NotPresent,
                    fmt::format("this kernel lacks Ingens ({} does not exist); nothing was changed",
                                paths.ingens_dir().string()));
    }
    Plan plan;
    std::vector<std::string> invalid;  // wrong key or value
    std::vector<std::string> absent;   // knob missing from this kernel
    std::set<std::string> seen;

    for (const Assignment& a : assignments) {
        if (a.key.empty()) {
            invalid.push_back(
                fmt::format("{}{}: expected KEY=VALUE", where(a), in_quotes(a.value)));
            continue;
        }
        if (!seen.insert(a.key).second) {
            invalid.push_back(
                fmt::format("{}{}: given more than once", where(a), printable(a.key)));
            continue;
        }
        const Knob* knob = find_knob(a.key);
        // Knob files only: not stats/ (a directory), nothing outside ingens/.
        const auto current = is_knob_file(paths, a.key) ? read_knob(paths, a.key) : std::nullopt;
        if (!knob && !current) {
            invalid.push_back(fmt::format("{}{}: unknown knob; valid knobs: {}", where(a),
                                          printable(a.key), known_keys_text(paths)));
            continue;
        }
        std::optional<std::string> value;
        if (knob && !options.kernel_validates) {
            Validation v = validate(*knob, a.value);
            if (!v.ok()) {
                invalid.push_back(where(a) + v.error->message());
                continue;
            }
            value = std::move(v.value);
        } else if (!(value = plain_value(a.value))) {
            invalid.push_back(fmt::format("{}{}: invalid value {}: empty or contains "
                                          "whitespace",
                                          where(a), a.key, in_quotes(a.value)));
            continue;
        }
        if (!current) {
            if (options.skip_absent) {
                plan.skipped.push_back(a.key);
            } else {
                absent.push_back(fmt::format("{}{}: not present in this kernel (its Ingens "
                                             "predates this knob)",
                                             where(a), a.key));
            }
            continue;
        }
        plan.changes.push_back(Change{a.key, *current, std::move(*value), a.origin});
    }

    if (invalid.empty() && !options.kernel_validates) {
        auto conflict = threshold_conflict(paths, plan);
        if (conflict) invalid.push_back(std::move(*conflict));
    }
    if (!invalid.empty() || !absent.empty()) {
        std::vector<std::string> all = invalid;
        all.insert(all.end(), absent.begin(), absent.end());
        std::string msg;
        for (const auto& line : all) msg += (msg.empty() ? "" : "\n") + line;
        msg += "\nnothing was changed";
        throw Error(invalid.empty() ? ErrorKind::NotPresent : ErrorKind::Usage, msg);
    }
    order_enabled(plan.changes);
    return plan;
}

std::vector<Change> apply_plan(const Paths& paths, const Plan& plan) {
    std::vector<Change> written;
    for (const Change& c : plan.changes) {
        if (!c.changes()) continue;
        try {
            write_knob(paths, c.key, c.new_value);
            written.push_back(c);
        } catch (const Error& failure) {
            std::string msg = failure.what();
            if (written.empty()) {
                msg += "\nnothing was changed";
                throw Error(failure.kind(), msg);
            }
            std::vector<std::string> stuck;
            for (auto it = written.rbegin(); it != written.rend(); ++it) {
                try {
                    write_knob(paths, it->key, it->old_value);
                } catch (const Error& e) {
                    stuck.push_back(fmt::format("{} is now {} (restoring {} failed: {})", it->key,
                                                it->new_value, it->old_value, e.what()));
                }
            }
            if (stuck.empty()) {
                msg += fmt::format("\nrolled back {} knob(s) already written; nothing was changed",
                                   written.size());
            } else {
                msg += "\nROLLBACK FAILED, settings are partly applied:";
                for (const auto& s : stuck) msg += "\n  " + s;
            }
            throw Error(failure.kind(), msg);
        }
    }
    return written;
}

}  // namespace ingens
