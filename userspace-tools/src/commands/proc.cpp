// `ingensctl proc PID`: one process in detail (summary, then every region);
// `ingensctl proc PID share [VALUE]`: read or set /proc/PID/ingens_share.
#include <algorithm>
#include <cerrno>
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/knob_io.h"
#include "lib/number.h"
#include "lib/process.h"
#include "lib/sysfs.h"
#include "lib/top_table.h"

namespace ingensctl {
namespace {

// The kernel's INGENS_SHARE_DEFAULT and INGENS_SHARE_MAX (include/linux/ingens.h).
constexpr std::uint64_t kDefaultShare = 10000;
constexpr std::uint64_t kMaxShare = 1000000;

struct ProcOptions {
    int pid = 0;
    bool json = false;
    std::size_t limit = 0;
    std::string share_value;  // empty: read
};

ingens::ProcessInfo read_or_throw(const ingens::Paths& paths, int pid) {
    if (auto p = ingens::read_process(paths, pid)) return std::move(*p);
    if (!ingens::ingens_present(paths)) require_ingens(paths);
    throw ingens::Error(ingens::ErrorKind::Io, fmt::format("no process {} (or it has no {})", pid,
                                                           (paths.roots().proc /
                                                            std::to_string(pid) / "ingens")
                                                               .string()));
}

std::string render_process(const ingens::ProcessInfo& p, std::size_t limit) {
    const auto& g = p.ingens;
    std::string out = p.vm_name.empty()
                          ? fmt::format("pid {} ({})\n", p.pid, p.comm)
                          : fmt::format("pid {} ({}, VM {})\n", p.pid, p.comm, p.vm_name);
    out += fmt::format("  RSS {:.1f} MiB, anonymous {:.1f} MiB, in huge pages {:.1f} MiB "
                       "({:.1f}% coverage)\n",
                       static_cast<double>(p.rss_kb) / 1024, static_cast<double>(p.anon_kb) / 1024,
                       static_cast<double>(p.anon_huge_kb) / 1024, p.coverage_percent());
    out += fmt::format("  share {}\n", p.share ? std::to_string(*p.share) : "(not available)");
    out += fmt::format("  regions {}: base {}, queued {}, huge {} ({} idle)\n", g.count("regions"),
                       g.count("base"), g.count("queued"), g.count("huge"), g.idle_huge());
    for (const auto& [key, value] : g.summary) {
        static const std::array<std::string_view, 6> shown{"regions", "base",      "queued",
                                                           "huge",    "idle_huge", "share"};
        if (std::find(shown.begin(), shown.end(), key) == shown.end()) {
            out += fmt::format("  {} {}\n", key, value);
        }
    }
    out += fmt::format("  utilization [{}]", ingens::histogram_bar(g.util_histogram));
    for (std::size_t i = 0; i < g.util_histogram.size(); ++i) {
        out += fmt::format(" {}-{}%:{}", i * 10, i * 10 + 10, g.util_histogram[i]);
    }
    out += "\n\n";
    out += fmt::format("  {:<18} {:<7} {:>6} {:>6} {:>7} {:>6}\n", "ADDRESS", "STATE", "UTIL",
                       "UTIL%", "ACCESS", "FREQ");
    std::size_t shown = 0;
    for (const auto& r : g.regions) {
        if (limit && shown == limit) {
            out += fmt::format("  ... {} more (--limit 0 shows all)\n", g.regions.size() - shown);
            break;
        }
        ++shown;
        out += fmt::format("  {:<18} {:<7} {:>6} {:>6.1f} {:>7} {:>6}\n",
                           fmt::format("0x{:x}", r.address), r.state, r.util,
                           100.0 * r.util / ingens::kRegionPages, r.access, r.freq);
    }
    return out;
}

// Why `text` is no share, or empty when it is one.
std::string share_problem(std::string_view text) {
    const auto parsed = ingens::parse_number<std::uint64_t>(text);
    if (parsed.problem == ingens::NumberProblem::OutOfRange ||
        (parsed.value && *parsed.value > kMaxShare)) {
        return fmt::format("above the maximum {}", kMaxShare);
    }
    if (!parsed.value) return std::string(ingens::number_problem_text(parsed.problem));
    return {};
}

int run_share(const ProcOptions& opt, const ingens::Paths& paths) {
    const auto path = ingens::share_path(paths, opt.pid);
    const auto label = fmt::format("pid {} share", opt.pid);
    const auto current = ingens::read_file_if_exists(path);
    if (!current) {
        require_ingens(paths);
        if (!std::filesystem::exists(paths.roots().proc / std::to_string(opt.pid))) {
            throw ingens::Error(ingens::ErrorKind::Io, fmt::format("no process {}", opt.pid));
        }
        throw ingens::Error(ingens::ErrorKind::NotPresent,
                            fmt::format("{}: not present in this kernel ({} does not exist)",
                                        label, path.string()));
    }
    if (opt.share_value.empty()) {
        fmt::print("{}\n", ingens::trim(*current));
        return 0;
    }
    if (const auto problem = share_problem(opt.share_value); !problem.empty()) {
        throw ingens::Error(
            ingens::ErrorKind::Usage,
            fmt::format("{}: invalid value \"{}\": {} (valid: 0..{}, default {}; 0 = never "
                        "promote this process)",
                        label, opt.share_value, problem, kMaxShare, kDefaultShare));
    }
    ingens::write_value(path, label, opt.share_value,
                        fmt::format("valid: 0..{}, default {}", kMaxShare, kDefaultShare),
                        fmt::format("raising a share above the default ({}) needs "
                                    "CAP_SYS_RESOURCE, and changing another user's process needs "
                                    "root",
                                    kDefaultShare));
    fmt::print("{}: {} -> {}\n", label, ingens::trim(*current), opt.share_value);
    return 0;
}

}  // namespace

Command add_proc_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<ProcOptions>();
    CLI::App* app = parent.add_subcommand(
        "proc", "One process in detail: regions, states, utilization and access frequency");
    app->add_option("PID", opt->pid, "process id")->required()->check(pid_range());
    app->add_flag("--json", opt->json,
                  "Print JSON with every region (schema: README.md, \"JSON output\")");
    app->add_option("--limit", opt->limit, "Show at most this many regions (0: all)");
    CLI::App* share = app->add_subcommand(
        "share", "Print the process's huge-page share, or set it to VALUE (default 10000; 0 = "
                 "never promote)");
    share->add_option("VALUE", opt->share_value, "new share");
    return Command{app, [opt, share, &globals] {
                       const auto paths = globals.paths();
                       if (share->parsed()) return run_share(*opt, paths);
                       const auto p = read_or_throw(paths, opt->pid);
                       if (opt->json) {
                           nlohmann::json j = ingens::process_to_json(p, true);
                           j["schema_version"] = 1;
                           fmt::print("{}\n", j.dump(2));
                       } else {
                           fmt::print("{}", render_process(p, opt->limit));
                       }
                       return 0;
                   }};
}

}  // namespace ingensctl
