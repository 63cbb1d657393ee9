// The settings file of `apply` and `save`, modelled on sysctl.d(5):
//
//   # comment            (also "; comment")
//   util_threshold = 80
//   ksm_mode=coordinated
//
// One `key = value` per line, blanks around '=' and at the ends ignored.
// No sections, no inline comments, no quoting: knob values never need them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "settings.h"

namespace ingens {

struct SettingsFile {
    std::vector<Assignment> assignments;  // origin is "NAME:LINE"
    std::vector<std::string> errors;      // syntax errors, "NAME:LINE: ..."
};

// `name` labels the origin of each line in messages (usually the file path).
SettingsFile parse_settings(std::string_view text, std::string_view name);

// The file `save` writes: `header` as comment lines, then one line per pair.
std::string render_settings(const std::vector<std::pair<std::string, std::string>>& values,
                            std::string_view header);

}  // namespace ingens
