// Readers for the THP/Ingens sysfs tree. Missing files are normal here (the
// kernel may predate a knob), so they come back as std::nullopt / empty, never
// as errors. Permission and I/O failures throw ingens::Error.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paths.h"

namespace ingens {

// A multiple-choice sysfs setting such as "always [madvise] never".
struct ThpMode {
    std::string selected;              // the bracketed choice
    std::vector<std::string> choices;  // all choices, in kernel order
};

// Parses "always [madvise] never". nullopt unless exactly one choice is
// bracketed. A lone unbracketed word ("madvise") is taken as selected.
std::optional<ThpMode> parse_thp_mode(std::string_view text);

// The 2 MiB size's own setting under <thp> on kernels with mTHP: "inherit"
// follows enabled, "never" turns Ingens' huge pages off whatever enabled says.
inline constexpr std::string_view kPmdSizeEnabled = "hugepages-2048kB/enabled";

// Reads <thp>/{enabled,defrag,...}; nullopt if absent or unparsable.
std::optional<ThpMode> read_thp_mode(const Paths& paths, std::string_view name);

// True when the kernel has Ingens, i.e. the ingens/ directory exists.
bool ingens_present(const Paths& paths);

// Trimmed knob value; nullopt if the knob file does not exist.
std::optional<std::string> read_knob(const Paths& paths, std::string_view name);

// Every regular file in ingens/stats/ as name -> value; empty if the
// directory is missing. Counters are unsigned (%lu) and gauges signed (%ld):
// both fit, a counter past INT64_MAX saturates there. A file that does not
// hold one integer is an Io error: the counters are a kernel contract.
std::map<std::string, std::int64_t> read_stats(const Paths& paths);

// Parses one unsigned decimal integer, surrounding whitespace allowed.
std::optional<std::uint64_t> parse_u64(std::string_view text);

// The same for a signed one (a gauge, a share).
std::optional<std::int64_t> parse_i64(std::string_view text);

}  // namespace ingens
