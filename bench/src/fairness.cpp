// Sharing scarce huge pages: N processes start one after another on fragmented memory, each
// touching its own region and then reading it at random (or, the first --idle-procs of them,
// sleeping: fairness_idle). Reports the huge pages each one holds
// over time, Jain's fairness index over them, and each one's random-read throughput.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "buddyinfo.h"
#include "fragmenter.h"
#include "workload.h"

namespace {

// Jain's index: 1 when every process holds the same, 1/n when one holds everything; -1 when
// nobody holds anything (no judgement possible).
double jain(const std::vector<double>& x) {
    double sum = 0, squares = 0;
    for (double v : x) {
        sum += v;
        squares += v * v;
    }
    return squares <= 0 ? -1.0 : sum * sum / (static_cast<double>(x.size()) * squares);
}

struct ChildResult {
    std::uint64_t reads = 0;
    double seconds = 0;
};

// A child: wait its turn, touch its region, read it at random until the common deadline (an idle
// one sleeps instead), send the count to the parent, and stay alive (holding its memory) until
// the parent has sampled it.
[[noreturn]] void child(std::size_t bytes, double start_at, double end_at, bool idle, int out_fd) {
    while (bench::now_s() < start_at) usleep(10 * 1000);
    bench::Mapping map(bytes);
    for (std::size_t off = 0; off < map.size(); off += bench::kPage) map.data()[off] = 1;
    ChildResult r;
    if (idle) {
        while (bench::now_s() < end_at) usleep(100 * 1000);
        if (write(out_fd, &r, sizeof r) != sizeof r) _exit(1);
        for (;;) pause();
    }
    const auto* words = reinterpret_cast<const std::uint64_t*>(map.data());
    std::size_t nwords = map.size() / sizeof(std::uint64_t);
    std::uint64_t x = 88172645463325252ull ^ static_cast<std::uint64_t>(getpid()), sum = 0;
    double begin = bench::now_s();
    while (bench::now_s() < end_at) {
        for (int i = 0; i < 16384; i++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sum += words[x % nwords];
        }
        r.reads += 16384;
    }
    r.seconds = bench::now_s() - begin;
    r.reads += sum & 1;  // keeps the reads from being optimised away; off by at most one
    if (write(out_fd, &r, sizeof r) != sizeof r) _exit(1);
    for (;;) pause();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"fairness: huge pages shared by processes under scarcity"};
    bench::CommonFlags flags;
    std::size_t procs = 4, fill_mb = 0, keep_mb = 64, idle_procs = 0;
    double stagger_s = 1, run_s = 20, sample_s = 0.5;
    bool pin = false;
    bench::add_common_flags(app, flags);
    app.add_option("--procs", procs, "processes sharing --size-mb equally")->check(CLI::Range(2, 64));
    app.add_option("--fill-mb", fill_mb, "memory to fragment; 0 = all free memory but --keep-mb");
    app.add_option("--keep-mb", keep_mb, "free memory left alone when --fill-mb is 0");
    app.add_flag("--pin", pin, "mlock the fragmented memory, so that with vm.compact_unevictable_allowed=0 "
                 "compaction cannot create huge pages: only --keep-mb can become huge");
    app.add_option("--idle-procs", idle_procs, "the first N processes touch their memory and then stay idle");
    app.add_option("--stagger-s", stagger_s, "delay between the starts of two processes");
    app.add_option("--run-s", run_s, "seconds every process reads after the last one started");
    app.add_option("--proc-sample-s", sample_s, "period of the per-process series");
    CLI11_PARSE(app, argc, argv);

    nlohmann::json out{{"size_mb", flags.size_mb}, {"procs", procs},         {"idle_procs", idle_procs},
                       {"stagger_s", stagger_s},   {"run_s", run_s}};
    bench::Fragmenter fragmenter(fill_mb, keep_mb, pin);
    out["fragmented_mb"] = fragmenter.filled_mb();
    out["pinned"] = pin;
    out["free_huge_blocks_start"] = bench::free_huge_blocks();

    std::size_t bytes = ((flags.size_mb << 20) / procs) & ~(bench::kRegion - 1);
    double start = bench::now_s() + 0.2;
    double end_at = start + static_cast<double>(procs - 1) * stagger_s + run_s;
    std::vector<pid_t> pids;
    std::vector<int> fds;
    for (std::size_t i = 0; i < procs; i++) {
        int fd[2];
        if (pipe(fd) != 0) return 1;
        pid_t pid = fork();
        if (pid == 0) child(bytes, start + static_cast<double>(i) * stagger_s, end_at, i < idle_procs, fd[1]);
        close(fd[1]);
        pids.push_back(pid);
        fds.push_back(fd[0]);
    }

    // Huge pages each process holds, sampled until the deadline: [t_s, kB of proc 1, ...], and
    // the free 2 MiB blocks left: [t_s, blocks].
    nlohmann::json series = nlohmann::json::array(), free_series = nlohmann::json::array();
    std::vector<double> huge(procs, 0);
    double jain_sum = 0;
    int jain_samples = 0;
    auto sample = [&] {
        nlohmann::json row{std::round((bench::now_s() - start) * 100) / 100};
        for (std::size_t i = 0; i < procs; i++) {
            auto kb = bench::field_kb("/proc/" + std::to_string(pids[i]) + "/smaps_rollup", "AnonHugePages:");
            huge[i] = static_cast<double>(std::max<std::int64_t>(kb, 0));
            row.push_back(static_cast<std::int64_t>(huge[i]));
        }
        series.push_back(row);
        free_series.push_back({row[0], bench::free_huge_blocks()});
    };
    while (bench::now_s() < end_at) {
        usleep(static_cast<useconds_t>(sample_s * 1e6));
        sample();
        double j = jain(huge);
        if (bench::now_s() > start + static_cast<double>(procs - 1) * stagger_s && j >= 0) {
            jain_sum += j;  // averaged once every process has started
            jain_samples++;
        }
    }
    std::vector<double> rates;
    double total_rate = 0;
    for (std::size_t i = 0; i < procs; i++) {
        ChildResult r;
        if (read(fds[i], &r, sizeof r) != sizeof r) return 1;
        rates.push_back(r.seconds > 0 ? static_cast<double>(r.reads) / r.seconds : 0);
        total_rate += rates.back();
    }
    sample();  // every child has finished reading and still holds its memory
    for (auto pid : pids) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
    }
    double huge_total = 0, huge_active = 0;
    for (std::size_t i = 0; i < procs; i++) {
        huge_total += huge[i];
        if (i >= idle_procs) huge_active += huge[i];
    }
    out["huge_kb_per_proc"] = std::vector<std::int64_t>(huge.begin(), huge.end());
    out["huge_kb_total"] = huge_total;
    out["active_huge_fraction"] = huge_total > 0 ? huge_active / huge_total : 0.0;
    out["jain_huge_end"] = jain(huge);
    out["jain_huge_mean"] = jain_samples ? jain_sum / jain_samples : -1.0;
    out["reads_per_s_per_proc"] = rates;
    out["reads_per_s_total"] = total_rate;
    out["jain_reads"] = jain(rates);
    out["procs_series"] = series;
    out["free_huge_blocks_series"] = free_series;
    // Idle processes make it another experiment: who gets scarce huge pages, and how many in all.
    bench::emit(idle_procs ? "fairness_idle" : "fairness", out);
}
