// First-touch fault latency: time the first write to every base page of the working set and
// report the distribution. A huge-page fault shows up as one slow touch per 2 MiB.
#include <algorithm>
#include <vector>

#include "workload.h"

int main(int argc, char** argv) {
    CLI::App app{"fault_latency: per-fault latency of first touches"};
    bench::CommonFlags flags;
    bench::add_common_flags(app, flags);
    CLI11_PARSE(app, argc, argv);

    bench::Mapping map(flags.size_mb << 20);
    std::vector<std::uint64_t> ns(map.size() / bench::kPage);
    volatile char* p = map.data();
    for (std::size_t i = 0; i < ns.size(); i++) {
        std::uint64_t t0 = bench::now_ns();
        p[i * bench::kPage] = 1;
        ns[i] = bench::now_ns() - t0;
    }
    std::uint64_t total = 0;
    for (auto v : ns) total += v;
    std::sort(ns.begin(), ns.end());
    auto pct = [&](double q) { return ns[std::min(ns.size() - 1, static_cast<std::size_t>(q * ns.size()))]; };

    // The CDF for the plots: [latency_ns, fraction of faults at most that slow], dense in the
    // body and at every decade of the tail, where huge-page faults and stalls show.
    nlohmann::json cdf = nlohmann::json::array();
    for (int i = 1; i < 100; i++) cdf.push_back({pct(i / 100.0), i / 100.0});
    for (double q : {0.995, 0.998, 0.999, 0.9995, 0.9998, 0.9999}) cdf.push_back({pct(q), q});
    cdf.push_back({ns.back(), 1.0});

    nlohmann::json out{{"size_mb", flags.size_mb}, {"faults", ns.size()},
                       {"p50_ns", pct(0.50)}, {"p99_ns", pct(0.99)}, {"p999_ns", pct(0.999)},
                       {"max_ns", ns.back()}, {"total_ms", total / 1e6}, {"cdf", cdf}};
    bench::emit("fault_latency", out);
}
