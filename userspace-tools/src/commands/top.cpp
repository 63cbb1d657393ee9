// `ingensctl top`: a refreshing per-process table of what Ingens tracks, on
// ncurses when stdout is a terminal, else in batch mode (text frames, or
// JSON: one document per line, or one array of them).
#include <memory>
#include <unistd.h>

#include <fmt/format.h>

#include "commands/command.h"
#include "commands/interrupt.h"
#include "commands/output.h"
#include "commands/top_screen.h"
#include "lib/error.h"
#include "lib/top_table.h"

namespace ingensctl {
namespace {

struct TopOptions {
    bool once = false;
    bool batch = false;
    bool json = false;
    bool json_array = false;
    bool all = false;
    bool reverse = false;
    std::string sort = "huge";
    std::string columns;  // -o; empty: the default columns
    double interval = 2.0;
    unsigned count = 0;  // refreshes before exiting; 0 = until q / Ctrl-C
    std::size_t limit = 0;
    std::size_t width = 0;  // batch text: 0 = lines as long as they are
    ingens::TopFilter filter;
};

std::string sort_help() {
    std::string out;
    for (const auto& k : ingens::sort_keys()) {
        out += fmt::format("{}{}({})", out.empty() ? "" : " ", k.name, k.hotkey);
    }
    return out;
}

ingens::TopSnapshot snapshot(const ingens::Paths& paths, const TopOptions& opt,
                             const ingens::TopLayout& layout) {
    auto snap = ingens::collect_top(paths, opt.all, opt.filter);
    ingens::sort_rows(snap.rows, layout.key, layout.reverse);
    return snap;
}

std::vector<std::string> help_lines() {
    std::vector<std::string> out{
        "ingensctl top - keys",
        "",
        "  q        quit                      ?        this help (any key returns)",
        "  R        reverse the sort order    space    refresh now",
        "",
        "  sort by:"};
    for (const auto& k : ingens::sort_keys()) {
        out.push_back(fmt::format("    {}      {}", k.hotkey, k.name));
    }
    out.push_back("");
    out.push_back("  columns (-o LIST picks them):");
    for (const auto& c : ingens::top_columns()) {
        out.push_back(fmt::format("    {:<8} {:<12} {}", c.id, c.header, c.doc));
    }
    return out;
}

int run_live(const TopOptions& opt, const ingens::Paths& paths, ingens::TopLayout layout) {
    TopScreen screen;
    bool help = false;
    for (unsigned n = 1; !stop_requested(); ++n) {
        if (help) {
            screen.show(help_lines());
        } else {
            // Title and a blank line above, the table below them.
            layout.width = screen.columns();
            layout.max_rows = screen.rows() > 4 ? screen.rows() - 4 : 1;
            if (opt.limit) layout.max_rows = std::min(layout.max_rows, opt.limit);
            std::vector<std::string> lines{
                fmt::format("ingensctl top - every {:.1f} s - q quit, ? help, R reverse, sort: {}",
                            opt.interval, sort_help()),
                ""};
            for (auto& l : ingens::render_top_lines(snapshot(paths, opt, layout), layout)) {
                lines.push_back(std::move(l));
            }
            screen.show(lines);
        }
        if (opt.count && n >= opt.count) break;
        const auto key = screen.wait_key(opt.interval);
        if (!key) continue;
        if (help) {
            help = false;
        } else if (*key == 'q' || *key == 'Q') {
            break;
        } else if (*key == '?') {
            help = true;
        } else if (*key == 'R') {
            layout.reverse = !layout.reverse;
        } else if (*key > 0 && *key < 128) {
            const auto k = ingens::sort_key_for_hotkey(static_cast<char>(*key));
            if (k) layout.key = *k;
        }
        // KEY_RESIZE and anything else: redraw now, at the new size.
    }
    return 0;
}

int run_batch(const TopOptions& opt, const ingens::Paths& paths, ingens::TopLayout layout) {
    layout.max_rows = opt.limit;
    layout.width = opt.width;
    const unsigned frames = opt.once ? 1 : opt.count;
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    StreamOutput out;
    for (unsigned n = 1; !stop_requested() && !out.closed(); ++n) {
        const auto snap = snapshot(paths, opt, layout);
        if (opt.json_array) {
            array.push_back(ingens::top_to_json(snap, layout.key, layout.reverse));
        } else if (opt.json) {
            out.line(ingens::top_to_json(snap, layout.key, layout.reverse).dump());
        } else {
            out.write((n > 1 ? "\n" : "") + ingens::render_top(snap, layout));
        }
        if (frames && n >= frames) break;
        wait_readable(-1, opt.interval);
    }
    if (opt.json_array) out.line(array.dump());
    return 0;
}

int run_top(const TopOptions& opt, const ingens::Paths& paths) {
    require_ingens(paths);
    ingens::TopLayout layout;
    layout.key = *ingens::parse_sort_key(opt.sort);  // CLI::IsMember checked the name
    layout.reverse = opt.reverse;
    if (!opt.columns.empty()) layout.columns = ingens::parse_columns(opt.columns);
    install_stop_handlers();
    const bool batch = opt.once || opt.batch || opt.json || opt.json_array ||
                       !::isatty(STDOUT_FILENO) || !::isatty(STDIN_FILENO);
    return batch ? run_batch(opt, paths, layout) : run_live(opt, paths, layout);
}

}  // namespace

Command add_top_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<TopOptions>();
    CLI::App* app = parent.add_subcommand(
        "top", "Live per-process view: RSS, huge pages, coverage, utilization, idle huge pages, "
               "share, queued regions, fairness");
    app->add_flag("--once", opt->once, "Print one table and exit (for scripts)");
    app->add_flag("-b,--batch", opt->batch,
                  "Print frames one after another instead of a live screen (the default when "
                  "stdout is no terminal)");
    auto* json = app->add_flag(
        "--json", opt->json,
        "One JSON document per refresh, one per line (schema: README.md, \"JSON output\")");
    app->add_flag("--json-array", opt->json_array,
                  "All refreshes as one JSON array, printed at the end (with -n)")
        ->excludes(json);
    app->add_flag("-a,--all", opt->all, "Include processes with no tracked regions");
    std::vector<std::string> sort_names;
    for (const auto& k : ingens::sort_keys()) sort_names.emplace_back(k.name);
    app->add_option("-s,--sort", opt->sort, "Sort column: " + sort_help())
        ->capture_default_str()
        ->check(CLI::IsMember(sort_names));
    app->add_flag("-r,--reverse", opt->reverse, "Reverse the sort order");
    app->add_option("-o,--columns", opt->columns,
                    "Columns to show, comma-separated (pid,comm,rss,huge,cov,util,regions,idle,"
                    "queued,share,fair,cgroup)");
    app->add_option("-p,--pid", opt->filter.pids, "Only this process (repeatable)")
        ->check(pid_range());
    app->add_option("--comm", opt->filter.comm, "Only processes whose name contains this");
    app->add_option("--cgroup", opt->filter.cgroup,
                    "Only processes in this cgroup or below it (e.g. /vms)");
    app->add_option("-d,-i,--interval", opt->interval, "Seconds between refreshes")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0));
    app->add_option("-n,--count", opt->count, "Refreshes before exiting (0: until q or Ctrl-C)");
    app->add_option("--limit", opt->limit, "Show at most this many processes");
    app->add_option("-w,--width", opt->width, "Batch text: cut lines at this width (0: no limit)");
    return Command{app, [opt, &globals] { return run_top(*opt, globals.paths()); }};
}

}  // namespace ingensctl
