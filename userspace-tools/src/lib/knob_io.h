// Which knob files the running kernel has, and writing one of them. Reading
// lives in sysfs.h; writing is here because its errors are the ones operators
// see most and must say what to do.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paths.h"

namespace ingens {

// Regular files directly in ingens/ (stats/ is a directory and is left out),
// sorted. Empty when the directory is missing.
std::vector<std::string> list_knob_files(const Paths& paths);

// Every knob worth showing: the table's, in table order, then files the
// running kernel has that the table does not know (a newer kernel), sorted.
std::vector<std::string> all_knob_names(const Paths& paths);

// Writes `value` followed by '\n' in one write(2), as `echo` would. Throws
// Error with a message naming the knob and the fix:
//   missing file        -> NotPresent ("not present in this kernel")
//   EACCES / EPERM      -> Permission ("needs root"; as root, what refuses it)
//   EINVAL              -> Usage ("the kernel rejected ...")
//   anything else       -> Io
void write_knob(const Paths& paths, std::string_view name, std::string_view value);

// The same for any kernel file taking one value (e.g. /proc/<pid>/ingens_share).
// `label` starts every message; `valid` is appended to EINVAL messages and
// `permission_fix` to permission ones.
void write_value(const std::filesystem::path& path, std::string_view label,
                 std::string_view value, std::string_view valid,
                 std::string_view permission_fix = "needs root (run as root or with sudo)");

// What to do about EACCES/EPERM: `fix` for a user, and for root (whom no
// privilege would help) what makes a file refuse even root.
std::string_view permission_hint(bool root, std::string_view fix);

}  // namespace ingens
