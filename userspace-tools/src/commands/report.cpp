// `ingensctl report FILE`: what a recording shows: summaries, then a plot
// (gnuplot PNG with --plot) or a heat map in the terminal.
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/recording.h"

namespace ingensctl {
namespace {

struct ReportOptions {
    std::string file = "ingens.record";
    std::string plot;  // PNG to write; empty: terminal heat map
    int pid = 0;       // heat map of this process; 0: the one with the most regions
    std::size_t rows = 24;
    std::size_t columns = 64;
};

int run_report(const ReportOptions& opt) {
    const auto r = ingens::parse_recording(ingens::read_file(opt.file), opt.file);
    fmt::print("{}\n", ingens::render_summary(r));
    if (!opt.plot.empty()) {
        ingens::plot_recording(r, opt.pid, opt.plot);
        fmt::print("plot written to {}\n", opt.plot);
    } else {
        fmt::print("{}", ingens::render_heatmap(r, opt.pid, opt.rows, opt.columns));
    }
    return 0;
}

}  // namespace

Command add_report_command(CLI::App& parent, const GlobalOptions&) {
    auto opt = std::make_shared<ReportOptions>();
    CLI::App* app = parent.add_subcommand(
        "report", "Summarise a recording and plot it (gnuplot PNG, or a heat map in the terminal)");
    app->add_option("FILE", opt->file, "recording made by ingensctl record")->capture_default_str();
    app->add_option("--plot", opt->plot,
                    "Write a PNG with gnuplot: coverage over time and the region heat map");
    app->add_option("-p,--pid", opt->pid, "The process of the heat map (default: most regions)");
    app->add_option("--rows", opt->rows, "Heat map rows at most")->capture_default_str();
    app->add_option("--columns", opt->columns, "Heat map columns at most")->capture_default_str();
    return Command{app, [opt] { return run_report(*opt); }};
}

}  // namespace ingensctl
