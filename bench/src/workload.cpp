#include "workload.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace bench {

void add_common_flags(CLI::App& app, CommonFlags& flags) {
    app.add_option("--size-mb", flags.size_mb, "working set in MiB")->check(CLI::Range(2, 1 << 20));
    app.add_option("--sample-s", flags.sample_s, "period of the memory series in seconds")
        ->check(CLI::Range(0.01, 60.0));
}

double wait_huge_kb(const void* addr, std::int64_t want_kb, double timeout_s) {
    double start = now_s();
    while (now_s() - start < timeout_s) {
        if (anon_huge_kb(addr) >= want_kb) return now_s() - start;
        usleep(50 * 1000);
    }
    return anon_huge_kb(addr) >= want_kb ? now_s() - start : -1.0;
}

void put_memory(nlohmann::json& out, const std::string& prefix, const MemoryUse& use) {
    out[prefix + "rss_kb"] = use.rss_kb;
    out[prefix + "anon_huge_kb"] = use.anon_huge_kb;
    out[prefix + "cgroup_kb"] = use.cgroup_bytes < 0 ? -1 : use.cgroup_bytes / 1024;
}

void emit(const std::string& workload, nlohmann::json result) {
    result["workload"] = workload;
    std::cout << result.dump() << std::endl;
}

}  // namespace bench
