// Shared plumbing for subcommands. Each subcommand lives in its own file and
// exposes one add_*_command() that registers it with CLI11 and returns how to
// run it; main() runs whichever was selected and exits with its return value.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "lib/paths.h"

namespace ingensctl {

// Options that apply to every subcommand (--sysfs-root etc.).
struct GlobalOptions {
    std::string sysfs_root = "/sys";
    std::string proc_root = "/proc";
    std::string tracefs_root = "/sys/kernel/tracing";
    std::string config_root = "/";  // where etc/ingens.d and the profiles are

    ingens::Paths paths() const {
        return ingens::Paths(ingens::Roots{sysfs_root, proc_root, tracefs_root});
    }
};

struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;  // returns the process exit code
};

// Each `globals` must outlive the returned Command (it is read when run() is
// called, i.e. after parsing has filled it in).
Command add_status_command(CLI::App& parent, const GlobalOptions& globals);
Command add_get_command(CLI::App& parent, const GlobalOptions& globals);
Command add_set_command(CLI::App& parent, const GlobalOptions& globals);
Command add_apply_command(CLI::App& parent, const GlobalOptions& globals);
Command add_save_command(CLI::App& parent, const GlobalOptions& globals);
Command add_profile_command(CLI::App& parent, const GlobalOptions& globals);
Command add_top_command(CLI::App& parent, const GlobalOptions& globals);
Command add_proc_command(CLI::App& parent, const GlobalOptions& globals);
Command add_stats_command(CLI::App& parent, const GlobalOptions& globals);
Command add_trace_command(CLI::App& parent, const GlobalOptions& globals);
Command add_explain_command(CLI::App& parent, const GlobalOptions& globals);
Command add_record_command(CLI::App& parent, const GlobalOptions& globals);
Command add_report_command(CLI::App& parent, const GlobalOptions& globals);

// Process ids as the kernel allows them (1..PID_MAX_LIMIT), for option checks
// whose message names the range ("not in range 1 to 4194304").
CLI::Range pid_range();

// Throws Error(NotPresent) naming the missing directory when the kernel has
// no Ingens: every command but `status` needs it.
void require_ingens(const ingens::Paths& paths);

}  // namespace ingensctl
