// Bloat: touch one base page in every STRIDE over the working set, give the kernel time to
// promote, and report the memory charged for it.
#include <unistd.h>

#include "series.h"
#include "workload.h"

int main(int argc, char** argv) {
    CLI::App app{"sparse_touch: memory charged for a sparsely used working set"};
    bench::CommonFlags flags;
    std::size_t stride = 16;
    double settle_s = 5;
    bench::add_common_flags(app, flags);
    app.add_option("--stride-pages", stride, "touch one page in this many")->check(CLI::Range(1, 512));
    app.add_option("--settle-s", settle_s, "seconds to wait before measuring (promotion time)");
    CLI11_PARSE(app, argc, argv);

    bench::Mapping map(flags.size_mb << 20);
    bench::Sampler sampler(map.data(), flags.sample_s);
    double start = bench::now_s();
    for (std::size_t off = 0; off < map.size(); off += stride * bench::kPage) map.data()[off] = 1;
    double touch_s = bench::now_s() - start;
    usleep(static_cast<useconds_t>(settle_s * 1e6));

    nlohmann::json out{{"size_mb", flags.size_mb}, {"stride_pages", stride},
                       {"touched_kb", map.size() / stride / 1024}, {"touch_s", touch_s}};
    bench::put_memory(out, "", bench::memory_use(map.data()));
    out["series"] = sampler.finish();
    bench::emit("sparse_touch", out);
}
