// ingensctl entry point: parse the command line, run one subcommand, and map
// errors to the documented exit codes. This is the only place that catches.
#include <exception>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands/command.h"
#include "lib/error.h"

namespace {

constexpr int kExitUsage = static_cast<int>(ingens::ErrorKind::Usage);
constexpr int kExitIo = static_cast<int>(ingens::ErrorKind::Io);

int run(int argc, char** argv) {
    CLI::App app{"ingensctl - inspect and tune Ingens coordinated transparent huge pages\n"
                 "Exit codes: 0 ok, 1 usage or invalid value, 2 Ingens (or a knob) not present, "
                 "3 permission denied, 4 other error"};
    app.name("ingensctl");
    app.set_version_flag("--version", "ingensctl " INGENSCTL_VERSION);
    // At most one; none is reported below. With require_subcommand(1) CLI11
    // would answer an unknown one ("ingensctl frob") with "A subcommand is
    // required" instead of naming it.
    app.require_subcommand(0, 1);

    ingensctl::GlobalOptions globals;
    app.add_option("--sysfs-root", globals.sysfs_root, "sysfs mount point")
        ->capture_default_str();
    app.add_option("--proc-root", globals.proc_root, "procfs mount point")->capture_default_str();
    app.add_option("--tracefs-root", globals.tracefs_root, "tracefs mount point")
        ->capture_default_str();
    app.add_option("--config-root", globals.config_root,
                   "root of etc/ingens.d, etc/ingens/ and the other drop-in directories")
        ->capture_default_str();

    const std::vector<ingensctl::Command> commands{
        ingensctl::add_status_command(app, globals),
        ingensctl::add_get_command(app, globals),
        ingensctl::add_set_command(app, globals),
        ingensctl::add_apply_command(app, globals),
        ingensctl::add_save_command(app, globals),
        ingensctl::add_profile_command(app, globals),
        ingensctl::add_top_command(app, globals),
        ingensctl::add_proc_command(app, globals),
        ingensctl::add_stats_command(app, globals),
        ingensctl::add_trace_command(app, globals),
        ingensctl::add_explain_command(app, globals),
        ingensctl::add_record_command(app, globals),
        ingensctl::add_report_command(app, globals),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help/--version exit 0; every other parse problem is a usage error.
        return app.exit(e) == 0 ? 0 : kExitUsage;
    }

    for (const auto& cmd : commands) {
        if (cmd.app->parsed()) return cmd.run();
    }
    fmt::print(stderr, "ingensctl: a subcommand is required\n{}", app.help());
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const ingens::Error& e) {
        fmt::print(stderr, "ingensctl: {}\n", e.what());
        return e.exit_code();
    } catch (const std::exception& e) {
        fmt::print(stderr, "ingensctl: {}\n", e.what());
        return kExitIo;
    }
}
