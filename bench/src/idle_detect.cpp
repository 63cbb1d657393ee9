// Sampling at scale: hold a working set huge and hot until Ingens sees none of it idle, stop
// touching one 2 MiB region of it, and report the kernel threads' CPU in that steady state and how
// long until Ingens reports the untouched region idle (/proc/self/ingens: idle_huge).
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "kthreads.h"
#include "workload.h"

namespace {

constexpr std::size_t kRegion = 2UL << 20;

// The aged frequency /proc/self/ingens reports for the region at addr; -1 when untracked.
long region_freq(const char* addr) {
    std::ifstream in("/proc/self/ingens");
    std::string line;
    const auto want = reinterpret_cast<std::uintptr_t>(addr);
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::uintptr_t start = 0;
        std::string state;
        long util = 0, access = 0, freq = 0;
        if ((fields >> std::hex >> start >> std::dec >> state >> util >> access >> freq) && start == want)
            return freq;
    }
    return -1;
}

// Percent of one CPU each watched kernel thread used between two snapshots taken seconds apart.
nlohmann::json cpu_percent(const std::map<std::string, std::int64_t>& before,
                           const std::map<std::string, std::int64_t>& after, double seconds) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, ms] : after) {
        auto it = before.find(name);
        const std::int64_t used = ms - (it == before.end() ? 0 : it->second);
        out[name] = static_cast<double>(used) / 10.0 / seconds;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"idle_detect: kernel threads' CPU and the time to find a region idle, at a size"};
    bench::CommonFlags flags;
    double huge_timeout_s = 900, run_s = 60, idle_timeout_s = 300;
    bench::add_common_flags(app, flags);
    app.add_option("--huge-timeout-s", huge_timeout_s, "seconds allowed for the working set to become huge");
    app.add_option("--run-s", run_s, "seconds of steady state over which the threads' CPU is measured");
    app.add_option("--idle-timeout-s", idle_timeout_s, "give up finding the region idle after this long");
    CLI11_PARSE(app, argc, argv);

    bench::Mapping map(flags.size_mb << 20);
    char* p = map.data();
    double start = bench::now_s();
    for (std::size_t off = 0; off < map.size(); off += bench::kPage) p[off] = 1;
    double touch_s = bench::now_s() - start;
    auto want_kb = static_cast<std::int64_t>(0.95 * static_cast<double>(map.size() / 1024));
    double huge_s = bench::wait_huge_kb(p, want_kb, huge_timeout_s);

    // Every page read over and over; once Ingens sees none of them idle (the wait for huge pages
    // left them untouched), every page but those of the last region.
    char* cold = p + map.size() - kRegion;
    std::atomic<bool> stop{false}, with_cold{true};
    std::atomic<long> passes{0};
    std::jthread hot([&] {
        volatile char sink = 0;
        while (!stop.load(std::memory_order_relaxed)) {
            char* end = with_cold.load(std::memory_order_relaxed) ? p + map.size() : cold;
            for (char* q = p; q < end && !stop.load(std::memory_order_relaxed); q += bench::kPage) sink = *q;
            passes.fetch_add(1, std::memory_order_relaxed);
        }
        (void)sink;
    });
    auto idle_huge = [] { return bench::field_kb("/proc/self/ingens", "idle_huge:"); };
    const double warm_start = bench::now_s();
    while (idle_huge() != 0 && bench::now_s() - warm_start < idle_timeout_s)
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    const double warm_s = bench::now_s() - warm_start;
    with_cold = false;
    passes = 0;

    const double t0 = bench::now_s();
    const auto cpu_before = bench::kthread_cpu_ms();
    std::map<std::string, std::int64_t> cpu_after;
    double idle_s = -1, cpu_s = 0, now = t0;
    long freq_at_start = region_freq(cold);
    while (now - t0 < std::max(run_s, idle_timeout_s)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        now = bench::now_s();
        if (cpu_after.empty() && now - t0 >= run_s) {
            cpu_after = bench::kthread_cpu_ms();
            cpu_s = now - t0;
        }
        if (idle_s < 0 && idle_huge() > 0) idle_s = now - t0;
        if (idle_s >= 0 && !cpu_after.empty()) break;
    }
    if (cpu_after.empty()) {
        cpu_after = bench::kthread_cpu_ms();
        cpu_s = now - t0;
    }
    stop = true;
    hot.join();

    nlohmann::json out{{"size_mb", flags.size_mb},
                       {"touch_s", touch_s},
                       {"huge_s", huge_s},
                       {"cold_freq_at_start", freq_at_start},
                       {"warm_until_none_idle_s", warm_s},
                       {"idle_detect_s", idle_s},
                       {"hot_passes_per_s", static_cast<double>(passes.load()) / (now - t0)},
                       {"cpu_measured_s", cpu_s}};
    const auto pct = cpu_percent(cpu_before, cpu_after, cpu_s);
    double ingens_total = 0;
    for (const auto& [name, value] : pct.items()) {
        out["cpu_pct_" + name] = value;
        if (name.starts_with("kingens")) ingens_total += value.get<double>();
    }
    out["cpu_pct_ingens_total"] = ingens_total;
    bench::put_memory(out, "", bench::memory_use(p));
    bench::emit("idle_detect", out);
}
