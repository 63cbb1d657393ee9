// Aggregates over traced events: counts per event for `trace --interval`
// (perf stat -I style) and log2 histograms of the latency fields
// (latency_ns, duration_ns) for `trace --hist`.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "trace_event.h"

namespace ingens {

// Values in buckets [2^k, 2^(k+1)) nanoseconds; bucket 0 holds 0 and 1.
class Log2Histogram {
public:
    void add(std::uint64_t value);

    std::uint64_t count() const { return count_; }
    std::uint64_t min() const { return min_; }
    std::uint64_t max() const { return max_; }
    double mean() const;

    // One line per bucket from the lowest to the highest used, bpftrace style:
    // "[128K, 256K)      12 |@@@@@@@@@     |".
    std::string render(std::string_view title) const;
    nlohmann::ordered_json to_json() const;

private:
    std::array<std::uint64_t, 65> buckets_{};
    std::uint64_t count_ = 0;
    std::uint64_t min_ = 0;
    std::uint64_t max_ = 0;
    long double sum_ = 0;
};

// A power of two the way bpftrace labels its buckets: 512, 1K, 2M.
std::string pow2_label(std::uint64_t value);

// Whether `field` holds a duration worth a histogram.
bool is_latency_field(std::string_view field);

struct TraceTally {
    std::map<std::string, std::uint64_t> counts;  // per event name
    std::uint64_t lost = 0;                        // dropped by the kernel
    bool lost_unknown = false;                     // some drops could not be counted
    std::map<std::string, Log2Histogram> histograms;  // "ingens_promote.latency_ns"

    void add(const TraceEvent& ev);
    void add_lost(long long count);
    void clear_counts();  // a new interval: counts and losses, not histograms
};

// One interval, perf stat -I style: "<seconds> <count> <event>" per event
// (every traced event, zero included) and a line for lost events.
std::string render_interval(double seconds, const TraceTally& tally,
                            const std::vector<std::string>& events);
nlohmann::ordered_json interval_to_json(double seconds, const TraceTally& tally,
                                        const std::vector<std::string>& events);

}  // namespace ingens
