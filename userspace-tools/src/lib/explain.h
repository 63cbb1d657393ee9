// Why a process, or one of its 2 MiB regions, is not backed by huge pages:
// every condition Ingens and stock THP put on a huge page, checked against
// what the kernel shows, each with what to do about it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "counters.h"
#include "paths.h"

namespace ingens {

struct Finding {
    bool blocks = false;  // rules huge pages out (or holds them back) for this process
    std::string what;
    std::string fix;      // empty when there is nothing to do
};

struct Explanation {
    int pid = 0;
    std::string name;
    std::string summary;  // "2.0 of 8.0 MiB anonymous memory in huge pages (25.0%)"
    std::vector<Finding> findings;
};

// `before` and `after` are counter snapshots taken around a short wait, so
// that a promoter failing and backing off shows in their difference.
Explanation explain_process(const Paths& paths, int pid, std::optional<std::uint64_t> address,
                            const CounterSnapshot& before, const CounterSnapshot& after);

std::string render_explanation(const Explanation& e);
nlohmann::ordered_json explanation_to_json(const Explanation& e);

}  // namespace ingens
