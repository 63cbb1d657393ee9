// Huge pages on a fragmented machine: fragment free memory, then touch a dense working set and
// follow how much of it becomes huge, and how fast, as compaction, khugepaged or Ingens act.
#include "buddyinfo.h"
#include "fragmenter.h"
#include "kthreads.h"
#include "series.h"
#include "workload.h"

int main(int argc, char** argv) {
    CLI::App app{"fragment: huge-page coverage of a dense working set on fragmented memory"};
    bench::CommonFlags flags;
    std::size_t fill_mb = 0, keep_mb = 64;
    double target = 0.95, timeout_s = 60;
    std::string name = "fragment";
    bench::add_common_flags(app, flags);
    app.add_option("--fill-mb", fill_mb, "memory to fragment; 0 = all free memory but --keep-mb");
    app.add_option("--keep-mb", keep_mb, "free memory left alone when --fill-mb is 0");
    app.add_option("--target", target, "fraction of the working set to be huge")->check(CLI::Range(0.0, 1.0));
    app.add_option("--timeout-s", timeout_s, "give up waiting for the target after this many seconds");
    app.add_option("--name", name, "workload name in the result, for variants the runner sets up");
    CLI11_PARSE(app, argc, argv);

    nlohmann::json out{{"size_mb", flags.size_mb}, {"target", target}};
    out["free_huge_blocks_before"] = bench::free_huge_blocks();
    bench::Fragmenter fragmenter(fill_mb, keep_mb);
    out["fragmented_mb"] = fragmenter.filled_mb();
    out["fragment_s"] = fragmenter.seconds();
    out["free_huge_blocks_fragmented"] = bench::free_huge_blocks();

    // The kernel threads' CPU while the working set is touched and becomes huge: what
    // compaction and collapsing cost.
    auto cpu_before = bench::kthread_cpu_ms();
    bench::Mapping map(flags.size_mb << 20);
    bench::Sampler sampler(map.data(), flags.sample_s);
    double start = bench::now_s();
    for (std::size_t off = 0; off < map.size(); off += bench::kPage) map.data()[off] = 1;
    double touch_s = bench::now_s() - start;
    out["touch_s"] = touch_s;
    out["huge_at_touch_end_kb"] = bench::anon_huge_kb(map.data());
    auto want_kb = static_cast<std::int64_t>(target * static_cast<double>(map.size() / 1024));
    double wait_s = bench::wait_huge_kb(map.data(), want_kb, timeout_s);
    out["huge_after_touch_s"] = wait_s;
    out["huge_from_start_s"] = wait_s < 0 ? -1.0 : touch_s + wait_s;
    out["free_huge_blocks_after"] = bench::free_huge_blocks();
    std::int64_t compaction_ms = 0;
    for (const auto& [comm, ms] : bench::kthread_cpu_ms()) {
        std::int64_t used = ms - cpu_before[comm];
        out["cpu_ms_" + comm] = used;
        if (comm.starts_with("kcompactd") || comm == "kingenscompactd") compaction_ms += used;
    }
    out["compaction_cpu_ms"] = compaction_ms;
    bench::put_memory(out, "", bench::mapping_use(map.data()));
    out["coverage"] = static_cast<double>(bench::anon_huge_kb(map.data())) / static_cast<double>(map.size() / 1024);
    out["series"] = sampler.finish();
    bench::emit(name, out);
}
