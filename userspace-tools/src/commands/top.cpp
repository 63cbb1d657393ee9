// `ingensctl top`: a refreshing per-process table of what Ingens tracks.
// Keys: q quits; h r c i u s g p n pick the sort column. `--once` prints one
// table (or JSON document) and exits, for scripts.
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "commands/interrupt.h"
#include "commands/terminal.h"
#include "lib/error.h"
#include "lib/top_table.h"

namespace ingensctl {
namespace {

struct TopOptions {
    bool once = false;
    bool json = false;
    bool all = false;
    std::string sort = "huge";
    double interval = 2.0;
    unsigned count = 0;  // refreshes before exiting; 0 = until q / Ctrl-C
    std::size_t limit = 0;
};

std::string sort_help() {
    std::string out;
    for (const auto& k : ingens::sort_keys()) {
        out += fmt::format("{}{}({})", out.empty() ? "" : " ", k.name, k.hotkey);
    }
    return out;
}

std::string frame(const ingens::Paths& paths, const TopOptions& opt, ingens::SortKey key,
                  std::size_t max_rows) {
    auto snap = ingens::collect_top(paths, opt.all);
    ingens::sort_rows(snap.rows, key);
    if (opt.json) return ingens::top_to_json(snap, key).dump(2) + "\n";
    return ingens::render_top(snap, key, max_rows);
}

int run_top(const TopOptions& opt, const ingens::Paths& paths) {
    require_ingens(paths);
    auto key = ingens::parse_sort_key(opt.sort);
    if (!key) {
        throw ingens::Error(ingens::ErrorKind::Usage,
                            fmt::format("--sort: unknown column \"{}\"; valid: {}", opt.sort,
                                        sort_help()));
    }
    if (opt.once) {
        fmt::print("{}", frame(paths, opt, *key, opt.limit));
        return 0;
    }
    install_stop_handlers();
    LiveTerminal term;
    for (unsigned n = 1; !stop_requested(); ++n) {
        // Header: two lines; footer: one; leave the rest to rows.
        const std::size_t rows = opt.limit ? opt.limit
                                 : term.interactive() ? std::max(1u, term.rows() - 4)
                                                      : 0;
        std::string header;
        if (!opt.json) {
            header = fmt::format("ingensctl top - every {:.1f} s - q quit, sort: {}\n\n",
                                 opt.interval, sort_help());
        }
        term.show(header + frame(paths, opt, *key, rows));
        if (opt.count && n >= opt.count) break;
        const auto pressed = term.wait_key(opt.interval);
        if (!pressed) continue;
        if (*pressed == 'q' || *pressed == 'Q') break;
        if (const auto k = ingens::sort_key_for_hotkey(*pressed)) key = k;
    }
    return 0;
}

}  // namespace

Command add_top_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<TopOptions>();
    CLI::App* app = parent.add_subcommand(
        "top", "Live per-process view: RSS, huge pages, coverage, utilization, idle huge pages, "
               "share, queued regions");
    app->add_flag("--once", opt->once, "Print one table and exit (for scripts)");
    app->add_flag("--json", opt->json, "Print JSON (schema: README.md); one document per refresh");
    app->add_flag("-a,--all", opt->all, "Include processes with no tracked regions");
    app->add_option("-s,--sort", opt->sort, "Sort column: " + sort_help())->capture_default_str();
    app->add_option("-d,--interval", opt->interval, "Seconds between refreshes")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 3600.0));
    app->add_option("-n,--count", opt->count, "Refreshes before exiting (0: until q or Ctrl-C)");
    app->add_option("--limit", opt->limit, "Show at most this many processes");
    return Command{app, [opt, &globals] { return run_top(*opt, globals.paths()); }};
}

}  // namespace ingensctl
