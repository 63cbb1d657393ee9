// `ingensctl set KEY=VALUE...`: validated first, written all or nothing.
#include <memory>

#include "commands/changes_report.h"
#include "commands/command.h"

namespace ingensctl {

Command add_set_command(CLI::App& parent, const GlobalOptions& globals) {
    struct Options {
        std::vector<std::string> pairs;
        bool dry_run = false;
        bool force = false;
    };
    auto opt = std::make_shared<Options>();
    CLI::App* app = parent.add_subcommand(
        "set", "Set knobs; every value is validated before any write, and a failed write rolls "
               "back the others");
    app->add_option("KEY=VALUE", opt->pairs, "assignments")->required();
    app->add_flag("--dry-run", opt->dry_run, "Validate and show what would change; write nothing");
    app->add_flag("--force", opt->force,
                  "Skip ingensctl's range check and let the kernel validate (for kernels whose "
                  "ranges differ from ingensctl's)");
    return Command{app, [opt, &globals] {
                       std::vector<ingens::Assignment> assignments;
                       for (const auto& p : opt->pairs) {
                           assignments.push_back(ingens::parse_assignment(p));
                       }
                       return plan_and_apply(globals.paths(), assignments,
                                             {.kernel_validates = opt->force}, opt->dry_run);
                   }};
}

}  // namespace ingensctl
