// Setting several knobs at once, all or nothing. `set`, `apply` and `profile`
// all go through here: first plan (validate everything, read current values),
// then apply (write, and on a failure put back what was already written).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "paths.h"

namespace ingens {

// One requested `key = value`. `origin` says where it came from for error
// messages ("settings.conf:12"); empty for the command line.
struct Assignment {
    std::string key;
    std::string value;
    std::string origin;
};

struct Change {
    std::string key;
    std::string old_value;  // what the knob held when planned
    std::string new_value;  // canonical text to write
    std::string origin;     // the assignment's ("50-vm.conf:3"), empty for the command line
    bool changes() const { return old_value != new_value; }
};

struct Plan {
    std::vector<Change> changes;        // in write order (see plan_settings)
    std::vector<std::string> skipped;   // knobs absent from this kernel, when allowed
};

struct PlanOptions {
    // Knobs the running kernel lacks are skipped instead of refused (profiles
    // name knobs that older kernels do not have).
    bool skip_absent = false;
    // Skip the table's range check and let the kernel judge (a kernel whose
    // ranges differ from this ingensctl's table). Text no knob can hold
    // (empty, whitespace) is still refused.
    bool kernel_validates = false;
};

// Validates every assignment before anything is written: against the knob
// table for known knobs, for plain non-empty text for knobs only the kernel
// knows. Refuses unknown keys (listing the valid ones), knobs this kernel does
// not have, and keys given twice. All problems are reported together in one
// Error (Usage if any value or key is wrong, else NotPresent).
// Write order: the requested order, except that `enabled=1` goes last and
// `enabled=0` first, so Ingens never runs with half a configuration.
Plan plan_settings(const Paths& paths, std::span<const Assignment> assignments,
                   PlanOptions options = {});

// Writes every change that changes something. If a write fails, the knobs
// already written are restored in reverse order and the Error says so (or, if
// a restore failed too, which knobs now hold what). Returns the knobs written.
std::vector<Change> apply_plan(const Paths& paths, const Plan& plan);

// "key=value" from the command line; nullopt-like empty key when there is no '='.
Assignment parse_assignment(std::string_view text);

}  // namespace ingens
