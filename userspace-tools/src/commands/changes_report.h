// What `set`, `apply` and `profile` print after planning or applying.
#pragma once

#include <string>
#include <vector>

#include "lib/settings.h"

namespace ingensctl {

// One line per knob: "util_threshold: 90 -> 80", "... unchanged (80)",
// "... skipped: not present in this kernel"; `dry_run` says "would change".
std::string render_changes(const ingens::Plan& plan, bool dry_run);

// Plans, prints and (unless dry_run) applies; returns the exit code.
int plan_and_apply(const ingens::Paths& paths, const std::vector<ingens::Assignment>& assignments,
                   ingens::PlanOptions options, bool dry_run);

}  // namespace ingensctl
