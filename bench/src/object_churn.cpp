// The allocator pattern behind Redis's memory: fill a heap with 4 KiB objects, free most of them
// at random the way allocators return memory (MADV_DONTNEED of each freed page), then allocate
// back up to the original size. A huge page that lost some of its base pages leaves RSS but stays
// allocated and charged until something splits it, so the charge after the free phase is the figure.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "series.h"
#include "workload.h"

namespace {

void touch(char* base, const std::vector<std::size_t>& pages) {
    for (auto page : pages) base[page * bench::kPage] = 1;
}

void settle(double seconds) { usleep(static_cast<useconds_t>(seconds * 1e6)); }

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"object_churn: allocate, free most objects at random, allocate again"};
    bench::CommonFlags flags;
    double free_pct = 80, settle_s = 5;
    unsigned seed = 1;
    bench::add_common_flags(app, flags);
    app.add_option("--free-pct", free_pct, "percent of the objects freed")->check(CLI::Range(0.0, 100.0));
    app.add_option("--settle-s", settle_s, "seconds to wait after each phase (asynchronous kernel work)");
    app.add_option("--seed", seed, "seed of the choice of objects to free");
    CLI11_PARSE(app, argc, argv);

    bench::Mapping map(flags.size_mb << 20);
    bench::Sampler sampler(map.data(), flags.sample_s);
    std::vector<std::size_t> pages(map.size() / bench::kPage);
    std::iota(pages.begin(), pages.end(), 0);
    nlohmann::json out{{"size_mb", flags.size_mb}, {"free_pct", free_pct}, {"settle_s", settle_s}};
    nlohmann::json phases = nlohmann::json::object();

    double t0 = bench::now_s();
    touch(map.data(), pages);
    out["alloc_s"] = bench::now_s() - t0;
    settle(settle_s);
    bench::put_memory(out, "alloc_", bench::memory_use(map.data()));
    phases["alloc"] = sampler.elapsed();

    std::mt19937_64 rng(seed);
    std::shuffle(pages.begin(), pages.end(), rng);
    pages.resize(static_cast<std::size_t>(free_pct / 100 * static_cast<double>(pages.size())));
    t0 = bench::now_s();
    for (auto page : pages)
        if (madvise(map.data() + page * bench::kPage, bench::kPage, MADV_DONTNEED) != 0)
            throw std::runtime_error("madvise(MADV_DONTNEED) failed");
    out["free_s"] = bench::now_s() - t0;
    settle(settle_s);
    bench::put_memory(out, "freed_", bench::memory_use(map.data()));
    phases["free"] = sampler.elapsed();

    t0 = bench::now_s();
    touch(map.data(), pages);
    out["realloc_s"] = bench::now_s() - t0;
    settle(settle_s);
    bench::put_memory(out, "realloc_", bench::memory_use(map.data()));
    phases["realloc"] = sampler.elapsed();

    out["phases"] = phases;
    out["series"] = sampler.finish();
    bench::emit("object_churn", out);
}
