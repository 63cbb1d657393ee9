// `ingensctl profile [NAME]`: apply a named preset, or list them.
#include <memory>

#include <fmt/format.h>

#include "commands/changes_report.h"
#include "commands/command.h"
#include "lib/error.h"
#include "lib/profiles.h"

namespace ingensctl {
namespace {

std::string profile_names() {
    std::string out;
    for (const auto& p : ingens::profiles()) out += (out.empty() ? "" : ", ") + std::string(p.name);
    return out;
}

void list_profiles() {
    for (const auto& p : ingens::profiles()) {
        fmt::print("{:<11} {}\n", p.name, p.summary);
        std::string settings;
        for (const auto& s : p.settings) settings += fmt::format(" {}={}", s.key, s.value);
        fmt::print("{:<11} {}{}\n", "", p.from_defaults ? "defaults, then" : "only", settings);
    }
}

}  // namespace

Command add_profile_command(CLI::App& parent, const GlobalOptions& globals) {
    struct Options {
        std::string name;
        bool dry_run = false;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "profile", "Apply a named preset: latency, memory, throughput or linux (no NAME: list "
                   "them)");
    app->add_option("NAME", opt->name, "profile name");
    app->add_flag("--dry-run", opt->dry_run, "Show what would change; write nothing");
    return Command{app, [opt, &globals] {
                       if (opt->name.empty()) {
                           list_profiles();
                           return 0;
                       }
                       const ingens::Profile* p = ingens::find_profile(opt->name);
                       if (!p) {
                           throw ingens::Error(ingens::ErrorKind::Usage,
                                               fmt::format("unknown profile \"{}\"; valid "
                                                           "profiles: {}",
                                                           opt->name, profile_names()));
                       }
                       // Knobs an older kernel lacks are skipped, and listed as such.
                       return plan_and_apply(globals.paths(), ingens::profile_assignments(*p),
                                             {.skip_absent = true}, opt->dry_run);
                   }};
}

}  // namespace ingensctl
