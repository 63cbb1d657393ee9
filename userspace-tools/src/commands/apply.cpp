// `ingensctl apply FILE`: a sysctl.d-like settings file, validated whole and
// applied all or nothing.
#include <iostream>
#include <iterator>
#include <memory>

#include <fmt/format.h>

#include "commands/changes_report.h"
#include "commands/command.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/settings_file.h"

namespace ingensctl {
namespace {

struct ApplyOptions {
    std::string file;
    bool dry_run = false;
    bool skip_absent = false;
};

int run_apply(const ApplyOptions& opt, const ingens::Paths& paths) {
    std::string text;
    if (opt.file == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        text = ingens::read_file(opt.file);
    }
    const auto parsed = ingens::parse_settings(text, opt.file == "-" ? "<stdin>" : opt.file);
    if (!parsed.errors.empty()) {
        // Report the value problems of the well-formed lines too: one pass fixes the file.
        std::string msg;
        for (const auto& e : parsed.errors) msg += e + "\n";
        try {
            ingens::plan_settings(paths, parsed.assignments, {.skip_absent = opt.skip_absent});
            msg += "nothing was changed";
        } catch (const ingens::Error& e) {
            msg += e.what();
        }
        throw ingens::Error(ingens::ErrorKind::Usage, msg);
    }
    return plan_and_apply(paths, parsed.assignments, {.skip_absent = opt.skip_absent},
                          opt.dry_run);
}

}  // namespace

Command add_apply_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<ApplyOptions>();
    CLI::App* app = parent.add_subcommand(
        "apply", "Apply a settings file ('key = value' lines, '#' comments), all or nothing");
    app->add_option("FILE", opt->file, "settings file, '-' for stdin")->required();
    app->add_flag("--dry-run", opt->dry_run, "Validate and show what would change; write nothing");
    app->add_flag("--skip-absent", opt->skip_absent,
                  "Skip knobs this kernel does not have instead of refusing the file");
    return Command{app, [opt, &globals] { return run_apply(*opt, globals.paths()); }};
}

}  // namespace ingensctl
