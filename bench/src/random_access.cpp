// TLB and page-walk proxy: after populating the working set and giving the kernel time to
// promote it, read random words over it for a fixed time and report the throughput.
#include <unistd.h>

#include <cstdint>

#include "workload.h"

int main(int argc, char** argv) {
    CLI::App app{"random_access: random-read throughput over the working set"};
    bench::CommonFlags flags;
    double warm_s = 10, run_s = 5;
    bench::add_common_flags(app, flags);
    app.add_option("--warm-s", warm_s, "seconds allowed for promotion before measuring");
    app.add_option("--run-s", run_s, "seconds of random reads");
    CLI11_PARSE(app, argc, argv);

    bench::Mapping map(flags.size_mb << 20);
    for (std::size_t off = 0; off < map.size(); off += bench::kPage) map.data()[off] = 1;
    double waited = bench::wait_huge_kb(map.data(), static_cast<std::int64_t>(map.size() / 1024), warm_s);
    auto before = bench::memory_use(map.data());

    const auto* words = reinterpret_cast<const std::uint64_t*>(map.data());
    std::size_t nwords = map.size() / sizeof(std::uint64_t);
    std::uint64_t x = 88172645463325252ull, sum = 0, reads = 0;
    double start = bench::now_s(), elapsed = 0;
    do {
        for (int i = 0; i < 65536; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sum += words[x % nwords];
        }
        reads += 65536;
        elapsed = bench::now_s() - start;
    } while (elapsed < run_s);

    nlohmann::json out{{"size_mb", flags.size_mb}, {"reads", reads}, {"seconds", elapsed},
                       {"reads_per_s", static_cast<double>(reads) / elapsed},
                       {"promoted_in_s", waited}, {"checksum", sum}};
    bench::put_memory(out, "", before);
    bench::emit("random_access", out);
}
