// Memory over time: a background thread samples the mapping's RSS, the cgroup charge and the
// huge-page coverage while the workload runs, for the plots.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "memory.h"

namespace bench {

class Sampler {
public:
    // Starts sampling the mapping that contains addr every interval_s seconds.
    Sampler(const void* addr, double interval_s);
    ~Sampler();
    Sampler(const Sampler&) = delete;
    Sampler& operator=(const Sampler&) = delete;

    // Stops the thread and returns at most max_points samples, evenly thinned, the last one
    // kept: [[t_s, rss_kb, cgroup_kb, anon_huge_kb], ...], t from the sampler's start.
    nlohmann::json finish(std::size_t max_points = 120);

    // Seconds since the sampler started: phase marks share the series' clock.
    double elapsed() const;

private:
    void take();

    const void* addr_;
    double start_;
    std::mutex mutex_;
    struct Sample {
        double t_s;
        std::int64_t rss_kb, cgroup_kb, anon_huge_kb;
    };
    std::vector<Sample> samples_;
    std::jthread thread_;
};

}  // namespace bench
