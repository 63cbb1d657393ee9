#include "series.h"

#include <chrono>
#include <cmath>
#include <condition_variable>

#include "workload.h"

namespace bench {

Sampler::Sampler(const void* addr, double interval_s) : addr_(addr), start_(now_s()) {
    take();
    auto period = std::chrono::duration<double>(interval_s);
    thread_ = std::jthread([this, period](std::stop_token stop) {
        std::mutex m;
        std::condition_variable_any cv;
        for (;;) {
            std::unique_lock lock(m);
            cv.wait_for(lock, stop, period, [] { return false; });  // a sleep that stop wakes
            if (stop.stop_requested()) return;
            take();
        }
    });
}

Sampler::~Sampler() { thread_.request_stop(); }

double Sampler::elapsed() const { return now_s() - start_; }

void Sampler::take() {
    MemoryUse use = mapping_use(addr_);
    double t = elapsed();
    std::lock_guard lock(mutex_);
    samples_.push_back({t, use.rss_kb, use.cgroup_bytes < 0 ? -1 : use.cgroup_bytes / 1024,
                        use.anon_huge_kb});
}

nlohmann::json Sampler::finish(std::size_t max_points) {
    if (thread_.joinable()) {
        thread_.request_stop();
        thread_.join();
        take();  // the state at the end, whatever the period
    }
    std::lock_guard lock(mutex_);
    nlohmann::json out = nlohmann::json::array();
    std::size_t n = samples_.size();
    std::size_t step = n <= max_points ? 1 : (n + max_points - 2) / (max_points - 1);
    auto row = [](const Sample& s) {
        return nlohmann::json::array({std::round(s.t_s * 1000) / 1000, s.rss_kb, s.cgroup_kb, s.anon_huge_kb});
    };
    for (std::size_t i = 0; i + 1 < n; i += step) out.push_back(row(samples_[i]));
    out.push_back(row(samples_.back()));
    return out;
}

}  // namespace bench
