// Time to huge pages: touch every base page of the working set, then measure how long until
// 95% of it is mapped by huge pages.
#include "series.h"
#include "workload.h"

int main(int argc, char** argv) {
    CLI::App app{"dense_touch: time until a densely used working set is huge"};
    bench::CommonFlags flags;
    double target = 0.95, timeout_s = 60;
    bench::add_common_flags(app, flags);
    app.add_option("--target", target, "fraction of the working set to be huge")->check(CLI::Range(0.0, 1.0));
    app.add_option("--timeout-s", timeout_s, "give up after this many seconds");
    CLI11_PARSE(app, argc, argv);

    bench::Mapping map(flags.size_mb << 20);
    bench::Sampler sampler(map.data(), flags.sample_s);
    double start = bench::now_s();
    for (std::size_t off = 0; off < map.size(); off += bench::kPage) map.data()[off] = 1;
    double touch_s = bench::now_s() - start;
    auto want_kb = static_cast<std::int64_t>(target * static_cast<double>(map.size() / 1024));
    double wait_s = bench::wait_huge_kb(map.data(), want_kb, timeout_s);

    nlohmann::json out{{"size_mb", flags.size_mb}, {"target", target}, {"touch_s", touch_s},
                       {"huge_after_touch_s", wait_s},
                       {"huge_from_start_s", wait_s < 0 ? -1.0 : touch_s + wait_s}};
    bench::put_memory(out, "", bench::memory_use(map.data()));
    out["series"] = sampler.finish();
    bench::emit("dense_touch", out);
}
