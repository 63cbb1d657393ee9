#include "knobs.h"

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include <fmt/format.h>

#include "number.h"
#include "text.h"

namespace ingens {
namespace {

constexpr std::array<std::string_view, 2> kKsmModes{"split", "coordinated"};

// The contract with the kernel patch. Keep in sync with the kernel's
// sysfs handlers and with README.md.
constexpr Knob kInt(std::string_view name, std::int64_t min, std::int64_t max,
                    std::string_view def, std::string_view unit, std::string_view doc) {
    return Knob{name, KnobKind::Int, min, max, {}, def, unit, doc};
}

const std::array<Knob, 16> kKnobs{{
    kInt("enabled", 0, 1, "1", "bool", "0 = stock Linux THP behaviour"),
    kInt("defer_madvised", 0, 1, "0", "bool",
         "1 = MADV_HUGEPAGE memory under Ingens too (0: huge pages at fault, as stock)"),
    kInt("util_threshold", 1, 100, "90", "%",
         "% of a 2 MiB region's 512 base pages populated before it is queued for promotion"),
    kInt("demote_threshold", 0, 99, "50", "%",
         "% utilization under which a huge page is split and unused base pages freed"),
    kInt("scan_sleep_millisecs", 10, 600000, "1000", "ms", "access-sampling period"),
    kInt("scan_pages", 512, 16777216, "65536", "pages",
         "page-table entries sampled per period: the scanner's CPU budget"),
    kInt("promote_sleep_millisecs", 0, 600000, "200", "ms",
         "promoter's poll period (it is also woken on demand; 0 = no polling)"),
    kInt("promote_max_per_round", 1, 1024, "64", "collapses",
         "collapses per promoter wake-up: the promoter's CPU budget"),
    kInt("compact_fmfi_threshold", 0, 1000, "700", "permille",
         "free-memory fragmentation index above which compaction starts"),
    kInt("compact_max_mb", 1, 1048576, "100", "MB", "MB migrated per compaction round at most"),
    kInt("compact_sleep_millisecs", 100, 600000, "5000", "ms", "compaction check period"),
    kInt("fairness", 0, 1, "1", "bool", "order promotion by proportional share"),
    kInt("idle_tax_percent", 0, 99, "50", "%",
         "how much an idle huge page counts against its owner"),
    Knob{"ksm_mode", KnobKind::Enum, 0, 0, kKsmModes, "coordinated", "",
         "KSM and huge pages: split huge pages to merge, or coordinate with promotion"},
    kInt("zero_pool_mb", 0, 1048576, "0", "MiB",
         "pre-zeroed huge pages kept per node for huge page faults (0 = off)"),
    kInt("zero_pool_cpu_percent", 1, 100, "10", "%", "of a CPU for zeroing the pool's pages"),
}};

std::string join(std::span<const std::string_view> items, std::string_view sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += sep;
        out += item;
    }
    return out;
}

Validation invalid(const Knob& knob, std::string_view text, std::string reason) {
    std::string hint;
    if (knob.kind == KnobKind::Int) {
        hint = fmt::format("use a whole decimal number from {} to {} (default {})",
                           knob.min, knob.max, knob.default_value);
    } else {
        hint = fmt::format("use one of: {} (default {})", join(knob.choices, ", "),
                           knob.default_value);
    }
    return Validation{std::nullopt, InvalidValue{std::string(knob.name), std::string(text),
                                                 std::move(reason), range_text(knob),
                                                 std::move(hint)}};
}

}  // namespace

std::span<const Knob> knobs() { return kKnobs; }

const Knob* find_knob(std::string_view name) {
    for (const auto& knob : kKnobs) {
        if (knob.name == name) return &knob;
    }
    return nullptr;
}

std::string range_text(const Knob& knob) {
    if (knob.kind == KnobKind::Enum) return join(knob.choices, "|");
    return fmt::format("{}..{}", knob.min, knob.max);
}

std::string InvalidValue::message() const {
    std::string msg = fmt::format("{}: invalid value {}: {}", key, in_quotes(value), reason);
    if (!range.empty()) msg += fmt::format(" (valid: {})", range);
    if (!hint.empty()) msg += fmt::format("; {}", hint);
    return msg;
}

Validation validate(const Knob& knob, std::string_view text) {
    std::string_view v = text;
    if (!v.empty() && v.back() == '\n') v.remove_suffix(1);  // echo-style newline

    if (v.empty()) return invalid(knob, text, "empty value");

    if (knob.kind == KnobKind::Enum) {
        for (const auto& choice : knob.choices) {
            if (v == choice) return Validation{std::string(v), std::nullopt};
        }
        return invalid(knob, text, "not one of the allowed values");
    }

    const auto parsed = parse_number<std::uint64_t>(v);
    if (parsed.problem == NumberProblem::Negative) {
        return invalid(knob, text, "negative values are not allowed");
    }
    if (parsed.problem != NumberProblem::None && parsed.problem != NumberProblem::OutOfRange) {
        return invalid(knob, text, "not a plain decimal number");
    }
    const std::uint64_t n = parsed.value.value_or(std::numeric_limits<std::uint64_t>::max());
    if (n > static_cast<std::uint64_t>(knob.max)) {
        return invalid(knob, text, fmt::format("above maximum {}", knob.max));
    }
    if (n < static_cast<std::uint64_t>(knob.min)) {
        return invalid(knob, text, fmt::format("below minimum {}", knob.min));
    }
    return Validation{std::to_string(n), std::nullopt};
}

Validation validate(std::string_view key, std::string_view text) {
    if (const Knob* knob = find_knob(key)) return validate(*knob, text);
    std::vector<std::string_view> names;
    for (const auto& knob : kKnobs) names.push_back(knob.name);
    return Validation{std::nullopt,
                      InvalidValue{std::string(key), std::string(text), "unknown knob", "",
                                   "known knobs: " + join(names, ", ")}};
}

bool is_default(const Knob& knob, std::string_view value) { return value == knob.default_value; }

}  // namespace ingens
