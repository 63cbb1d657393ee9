// `ingensctl record`: samples of what Ingens does to processes over time, one
// JSON document per line, for `report` (lib/recording.h).
#include <chrono>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "commands/interrupt.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/recording.h"

namespace ingensctl {
namespace {

struct RecordOptions {
    std::string output = "ingens.record";
    double interval = 1.0;
    double duration = 0;  // seconds; 0 = until Ctrl-C (or the processes exit)
    unsigned count = 0;   // samples; 0 = no limit
    bool all = false;
    ingens::TopFilter filter;
};

// A process that exited but was not waited for yet (a zombie) counts as gone.
bool any_alive(const ingens::Paths& paths, const std::vector<int>& pids) {
    for (int pid : pids) {
        const auto stat =
            ingens::read_file_if_exists(paths.roots().proc / std::to_string(pid) / "stat");
        // "PID (COMM) STATE ...": the state follows the last ')'.
        const auto paren = stat ? stat->rfind(')') : std::string::npos;
        if (paren != std::string::npos && paren + 2 < stat->size() && (*stat)[paren + 2] != 'Z') {
            return true;
        }
    }
    return false;
}

int run_record(const RecordOptions& opt, const ingens::Paths& paths) {
    require_ingens(paths);
    std::ofstream out(opt.output, std::ios::trunc);
    if (!out) throw ingens::error_from_errno(errno, "cannot write " + opt.output);
    install_stop_handlers();
    out << ingens::recording_header(paths, opt.interval).dump() << '\n';
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    unsigned n = 0;
    fmt::print(stderr, "ingensctl: recording to {} every {} s (Ctrl-C stops)\n", opt.output,
               opt.interval);
    while (!stop_requested()) {
        const double t = std::chrono::duration<double>(Clock::now() - start).count();
        out << ingens::recording_sample(paths, opt.filter, t).dump() << '\n';
        out.flush();
        if (!out) throw ingens::error_from_errno(errno, "cannot write " + opt.output);
        ++n;
        if (opt.count && n >= opt.count) break;
        if (opt.duration > 0 && t + opt.interval > opt.duration) break;
        // Recording given processes (perf record -p) ends when they have.
        if (!opt.filter.pids.empty() && !any_alive(paths, opt.filter.pids)) break;
        wait_readable(-1, opt.interval);
    }
    fmt::print(stderr, "ingensctl: {} samples in {}; ingensctl report {} shows them\n", n,
               opt.output, opt.output);
    return 0;
}

}  // namespace

Command add_record_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<RecordOptions>();
    CLI::App* app = parent.add_subcommand(
        "record", "Record per-process coverage, utilization, idle huge pages and region heat over "
                  "time, with the counters and fragmentation, for report");
    app->add_option("-o,--output", opt->output, "File to write")->capture_default_str();
    app->add_option("-d,-i,--interval", opt->interval, "Seconds between samples")
        ->capture_default_str()
        ->check(CLI::Range(0.01, 3600.0));
    app->add_option("-t,--duration", opt->duration, "Seconds to record (0: until Ctrl-C)")
        ->check(CLI::Range(0.0, 31536000.0));
    app->add_option("-n,--count", opt->count, "Samples to take (0: no limit)");
    app->add_option("-p,--pid", opt->filter.pids,
                    "Only this process (repeatable); recording ends when they have exited")
        ->check(pid_range());
    app->add_option("--comm", opt->filter.comm, "Only processes whose name contains this");
    app->add_option("--cgroup", opt->filter.cgroup, "Only processes in this cgroup or below");
    return Command{app, [opt, &globals] { return run_record(*opt, globals.paths()); }};
}

}  // namespace ingensctl
