// `ingensctl stats`: counter rates per interval, until Ctrl-C or --count.
#include <chrono>
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "commands/interrupt.h"
#include "commands/output.h"
#include "lib/counters.h"

namespace ingensctl {
namespace {

struct StatsOptions {
    double interval = 1.0;
    unsigned count = 0;  // reports; 0 = until Ctrl-C
    bool json = false;
    bool all = false;
};

int run_stats(const StatsOptions& opt, const ingens::Paths& paths) {
    require_ingens(paths);
    install_stop_handlers();
    using clock = std::chrono::steady_clock;
    auto before = ingens::take_counter_snapshot(paths);
    auto since = clock::now();
    StreamOutput out;
    for (unsigned n = 1; !stop_requested() && !out.closed(); ++n) {
        wait_readable(-1, opt.interval);
        if (stop_requested()) break;
        const auto after = ingens::take_counter_snapshot(paths);
        const auto now = clock::now();
        const double seconds = std::chrono::duration<double>(now - since).count();
        const auto deltas = ingens::counter_deltas(before, after, seconds);
        out.line(opt.json ? ingens::deltas_to_json(deltas, seconds).dump()
                          : ingens::render_deltas(deltas, seconds, opt.all));
        before = after;
        since = now;
        if (opt.count && n >= opt.count) break;
    }
    return 0;
}

}  // namespace

Command add_stats_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<StatsOptions>();
    CLI::App* app = parent.add_subcommand(
        "stats", "Counter rates per interval: ingens/stats and the thp_*/ingens_* vmstat items");
    app->add_option("-i,-d,--interval", opt->interval, "Seconds per report")
        ->capture_default_str()
        ->check(CLI::Range(0.05, 3600.0));
    app->add_option("-n,--count", opt->count, "Reports before exiting (0: until Ctrl-C)");
    app->add_flag("--json", opt->json,
                  "One JSON object per report (schema: README.md, \"JSON output\")");
    app->add_flag("-a,--all", opt->all, "Also list vmstat items that did not change");
    return Command{app, [opt, &globals] { return run_stats(*opt, globals.paths()); }};
}

}  // namespace ingensctl
