// `ingensctl explain PID [ADDR]`: why a process (or the 2 MiB region at ADDR)
// is not in huge pages.
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "commands/interrupt.h"
#include "lib/error.h"
#include "lib/explain.h"
#include "lib/number.h"

namespace ingensctl {
namespace {

struct ExplainOptions {
    int pid = 0;
    std::string address;
    double watch = 1.0;
    bool json = false;
};

std::uint64_t parse_address(std::string_view text) {
    if (text.starts_with("0x") || text.starts_with("0X")) text.remove_prefix(2);
    if (const auto a = ingens::to_number<std::uint64_t>(text, 16)) return *a;
    throw ingens::Error(ingens::ErrorKind::Usage,
                        fmt::format("ADDR: \"{}\" is no hexadecimal address", text));
}

int run_explain(const ExplainOptions& opt, const ingens::Paths& paths) {
    require_ingens(paths);
    std::optional<std::uint64_t> address;
    if (!opt.address.empty()) address = parse_address(opt.address);
    // Counters watched for a moment: a promoter that fails shows in them.
    const auto before = ingens::take_counter_snapshot(paths);
    install_stop_handlers();
    wait_readable(-1, opt.watch);
    const auto after = ingens::take_counter_snapshot(paths);
    const auto e = ingens::explain_process(paths, opt.pid, address, before, after);
    if (opt.json) {
        fmt::print("{}\n", ingens::explanation_to_json(e).dump(2));
    } else {
        fmt::print("{}", ingens::render_explanation(e));
    }
    return 0;
}

}  // namespace

Command add_explain_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<ExplainOptions>();
    CLI::App* app = parent.add_subcommand(
        "explain", "Why a process (or the 2 MiB region at ADDR) is not in huge pages: THP mode, "
                   "MADV_NOHUGEPAGE, PR_SET_THP_DISABLE, share, memcg room, fragmentation, the "
                   "promoter, conflicting knobs, the region's utilization");
    app->add_option("PID", opt->pid, "process id")->required()->check(pid_range());
    app->add_option("ADDR", opt->address, "an address in the process (hex, 0x optional)");
    app->add_option("--watch", opt->watch, "Seconds to watch the promoter's counters")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 60.0));
    app->add_flag("--json", opt->json, "Print JSON (schema: README.md, \"JSON output\")");
    return Command{app, [opt, &globals] { return run_explain(*opt, globals.paths()); }};
}

}  // namespace ingensctl
