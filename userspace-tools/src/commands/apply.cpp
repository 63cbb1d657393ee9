// `ingensctl apply FILE`: a sysctl.d-like settings file, validated whole and
// applied all or nothing; `apply --system`: the persistent settings
// (lib/system_config.h).
#include <algorithm>
#include <iostream>
#include <iterator>
#include <memory>

#include <fmt/format.h>

#include "commands/changes_report.h"
#include "commands/command.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/knob_io.h"
#include "lib/settings_file.h"
#include "lib/system_config.h"

namespace ingensctl {
namespace {

struct ApplyOptions {
    std::string file;
    bool system = false;
    bool dry_run = false;
    bool skip_absent = false;
};

// `apply --system`: the active profile, then the drop-ins, as at boot.
int run_apply_system(const ApplyOptions& opt, const ingens::Paths& paths,
                     const std::filesystem::path& root) {
    const auto settings = ingens::load_system_settings(root);
    if (!settings.errors.empty()) {
        throw ingens::Error(ingens::ErrorKind::Usage,
                            fmt::format("{}\nnothing was changed",
                                        fmt::join(settings.errors, "\n")));
    }
    if (settings.profile) fmt::print(stderr, "ingensctl: profile {}\n", *settings.profile);
    for (const auto& file : ingens::system_drop_ins(root)) {
        fmt::print(stderr, "ingensctl: applying {}\n", file.string());
    }
    for (const auto& o : settings.overrides) fmt::print(stderr, "ingensctl: {}\n", o);
    if (settings.assignments.empty()) {
        fmt::print(stderr, "ingensctl: no active profile and no drop-in: nothing to apply\n");
        return 0;
    }
    // A profile names every knob; those an older kernel lacks are skipped, as
    // `profile NAME` skips them. A drop-in's are refused unless --skip-absent.
    const auto files = ingens::list_knob_files(paths);
    std::vector<ingens::Assignment> assignments;
    for (const auto& a : settings.assignments) {
        const bool absent = std::find(files.begin(), files.end(), a.key) == files.end();
        if (absent && a.origin.starts_with("profile ")) {
            fmt::print(stderr, "ingensctl: {}: skipped, not present in this kernel ({})\n", a.key,
                       a.origin);
            continue;
        }
        assignments.push_back(a);
    }
    return plan_and_apply(paths, assignments, {.skip_absent = opt.skip_absent}, opt.dry_run,
                          true);
}

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
    auto* file = app->add_option("FILE", opt->file, "settings file, '-' for stdin");
    app->add_flag("--system", opt->system,
                  "Apply the active profile, then /etc/ingens.d/*.conf and the other drop-in "
                  "directories in file-name order, later keys winning (what the ingens "
                  "systemd unit runs at boot)")
        ->excludes(file);
    app->add_flag("--dry-run", opt->dry_run, "Validate and show what would change; write nothing");
    app->add_flag("--skip-absent", opt->skip_absent,
                  "Skip knobs this kernel does not have instead of refusing the file");
    return Command{app, [opt, &globals] {
                       if (opt->system) {
                           return run_apply_system(*opt, globals.paths(), globals.config_root);
                       }
                       if (opt->file.empty()) {
                           throw ingens::Error(ingens::ErrorKind::Usage,
                                               "apply: give a FILE or --system");
                       }
                       return run_apply(*opt, globals.paths());
                   }};
}

}  // namespace ingensctl
