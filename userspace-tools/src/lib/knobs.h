// The single table of Ingens sysfs knobs. Validation, status output and
// (later) get/set/apply all read from it, so adding a knob is a one-line change.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ingens {

enum class KnobKind { Int, Enum };

struct Knob {
    std::string_view name;
    KnobKind kind;
    std::int64_t min;  // Int only
    std::int64_t max;  // Int only
    std::span<const std::string_view> choices;  // Enum only
    std::string_view default_value;  // canonical text, as the kernel prints it
    std::string_view unit;
    std::string_view doc;
};

// All knobs, in the order the status command shows them.
std::span<const Knob> knobs();

// nullptr when `name` is not a known knob.
const Knob* find_knob(std::string_view name);

// "1..100" for Int knobs, "split|coordinated" for Enum knobs.
std::string range_text(const Knob& knob);

// Why a value was refused, with enough context to fix the command line.
struct InvalidValue {
    std::string key;
    std::string value;   // as given, unmodified
    std::string reason;  // what is wrong with it
    std::string range;   // valid values, as range_text(); empty for unknown keys
    std::string hint;    // how to fix it

    // One line, e.g. `util_threshold: "101" is out of range 1..100 (...)`.
    std::string message() const;
};

// Outcome of validate(): either the canonical text to write, or why not.
struct Validation {
    std::optional<std::string> value;  // set when valid
    std::optional<InvalidValue> error;  // set when invalid

    bool ok() const { return value.has_value(); }
};

// Checks `text` against the knob's kind and range.
// Accepted: exactly the value, optionally followed by ONE '\n' (what `echo`
// writes and sysfs reads return). Int knobs take plain decimal digits; leading
// zeros are allowed and dropped from the canonical value so the kernel never
// sees an octal-looking string. Rejected: empty text, any other whitespace,
// signs ("+5", "-1"), trailing junk ("90x"), out-of-range numbers, unknown
// enum strings (enum matching is case-sensitive).
Validation validate(const Knob& knob, std::string_view text);

// Same, looking the knob up by name; unknown names are an InvalidValue too.
Validation validate(std::string_view key, std::string_view text);

// True when canonical `value` equals the knob's default.
bool is_default(const Knob& knob, std::string_view value);

}  // namespace ingens
