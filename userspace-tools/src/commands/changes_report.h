// What `set`, `apply` and `profile` print after planning or applying.
#pragma once

#include <string>
#include <vector>

#include "lib/settings.h"

namespace ingensctl {

// One line per knob: "util_threshold: 90 -> 80", "... unchanged (80)",
// "... skipped: not present in this kernel"; `dry_run` says "would change".
// With `show_origin`, each line ends in where its value came from.
std::string render_changes(const ingens::Plan& plan, bool dry_run, bool show_origin = false);

// Plans, prints and (unless dry_run) applies; returns the exit code.
int plan_and_apply(const ingens::Paths& paths, const std::vector<ingens::Assignment>& assignments,
                   ingens::PlanOptions options, bool dry_run, bool show_origin = false);

}  // namespace ingensctl
