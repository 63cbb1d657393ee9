#include "commands/changes_report.h"

#include <fmt/format.h>

#include "lib/status.h"

namespace ingensctl {

std::string render_changes(const ingens::Plan& plan, bool dry_run, bool show_origin) {
    std::string out;
    for (const auto& c : plan.changes) {
        if (!c.changes()) {
            out += fmt::format("{}: unchanged ({})", c.key, c.new_value);
        } else {
            out += fmt::format("{}: {}{} -> {}", c.key, dry_run ? "would change " : "",
                               c.old_value, c.new_value);
        }
        out += show_origin && !c.origin.empty() ? fmt::format("  ({})\n", c.origin) : "\n";
    }
    for (const auto& key : plan.skipped) {
        out += fmt::format("{}: skipped, not present in this kernel\n", key);
    }
    return out;
}

int plan_and_apply(const ingens::Paths& paths, const std::vector<ingens::Assignment>& assignments,
                   ingens::PlanOptions options, bool dry_run, bool show_origin) {
    const ingens::Plan plan = ingens::plan_settings(paths, assignments, options);
    if (!dry_run) ingens::apply_plan(paths, plan);  // throws, after rollback, on failure
    fmt::print("{}", render_changes(plan, dry_run, show_origin));
    if (!dry_run) {
        for (const auto& w : ingens::config_warnings(ingens::collect_status(paths))) {
            fmt::print(stderr, "ingensctl: warning: {}\n", w);
        }
    }
    return 0;
}

}  // namespace ingensctl
