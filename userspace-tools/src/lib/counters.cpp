#include "counters.h"

#include <fmt/format.h>

#include "procfs.h"
#include "sysfs.h"

namespace ingens {

CounterSnapshot take_counter_snapshot(const Paths& paths) {
    CounterSnapshot snap;
    snap.stats = read_stats(paths);
    for (const auto& [name, value] : read_vmstat(paths)) {
        if (is_thp_vmstat_item(name)) snap.vmstat.emplace(name, value);
    }
    return snap;
}

bool is_gauge(std::string_view stat_name) { return stat_name.starts_with("regions_"); }

std::vector<CounterDelta> counter_deltas(const CounterSnapshot& before,
                                         const CounterSnapshot& after, double seconds) {
    std::vector<CounterDelta> out;
    auto add = [&](std::string_view source, const auto& old, const auto& now,
                   bool gauges_possible) {
        for (const auto& [name, value] : now) {
            CounterDelta d;
            d.source = std::string(source);
            d.name = name;
            d.gauge = gauges_possible && is_gauge(name);
            d.value = static_cast<std::int64_t>(value);
            if (const auto it = old.find(name); it != old.end()) {
                d.delta = static_cast<std::int64_t>(value) - static_cast<std::int64_t>(it->second);
            }
            if (!d.gauge && seconds > 0) d.per_second = static_cast<double>(d.delta) / seconds;
            out.push_back(std::move(d));
        }
    };
    add("stats", before.stats, after.stats, true);
    add("vmstat", before.vmstat, after.vmstat, false);
    return out;
}

nlohmann::json deltas_to_json(const std::vector<CounterDelta>& deltas, double seconds) {
    nlohmann::json j{{"schema_version", 1},
                     {"interval_seconds", seconds},
                     {"stats", nlohmann::json::object()},
                     {"vmstat", nlohmann::json::object()}};
    for (const auto& d : deltas) {
        j[d.source][d.name] = {{"value", d.value},
                               {"delta", d.delta},
                               {"per_second", d.per_second},
                               {"kind", d.gauge ? "gauge" : "counter"}};
    }
    return j;
}

std::string render_deltas(const std::vector<CounterDelta>& deltas, double seconds, bool all) {
    std::string out = fmt::format("{:<40} {:>14} {:>12}   (over {:.1f} s)\n", "COUNTER", "VALUE",
                                  "PER_SECOND", seconds);
    std::size_t shown = 0;
    for (const auto& d : deltas) {
        if (!all && d.delta == 0 && d.source == "vmstat") continue;
        ++shown;
        const std::string name = d.source == "stats" ? d.name : d.source + ":" + d.name;
        if (d.gauge) {
            out += fmt::format("{:<40} {:>14} {:>12}\n", name, d.value,
                               fmt::format("{:+d} now", d.delta));
        } else {
            out += fmt::format("{:<40} {:>14} {:>12.1f}\n", name, d.value, d.per_second);
        }
    }
    if (shown == 0) out += "(no counters)\n";
    return out;
}

}  // namespace ingens
