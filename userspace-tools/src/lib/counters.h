// Counter snapshots and their rates, for `ingensctl stats`. Sources: the
// files in ingens/stats/ and the thp_* / ingens_* items of /proc/vmstat.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "paths.h"

namespace ingens {

struct CounterSnapshot {
    std::map<std::string, std::int64_t> stats;    // ingens/stats/* (gauges may be negative)
    std::map<std::string, std::uint64_t> vmstat;  // thp_* and ingens_* only
};

CounterSnapshot take_counter_snapshot(const Paths& paths);

// Gauges hold a current value (regions_tracked, ...); everything else counts
// events since boot, for which a rate makes sense.
bool is_gauge(std::string_view stat_name);

struct CounterDelta {
    std::string source;  // "stats" or "vmstat"
    std::string name;
    bool gauge = false;
    std::int64_t value = 0;   // in `after`
    std::int64_t delta = 0;   // after - before (0 for a counter new in `after`)
    double per_second = 0.0;  // delta / seconds (0 for gauges)
};

// Every counter of `after`, stats first, each source in name order.
std::vector<CounterDelta> counter_deltas(const CounterSnapshot& before,
                                         const CounterSnapshot& after, double seconds);

// Schema: README.md, "stats --json".
nlohmann::json deltas_to_json(const std::vector<CounterDelta>& deltas, double seconds);

// One block of text: NAME VALUE DELTA/S per counter (changed ones only unless `all`).
std::string render_deltas(const std::vector<CounterDelta>& deltas, double seconds, bool all);

}  // namespace ingens
