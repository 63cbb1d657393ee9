// `ingensctl profile [NAME]`: apply a preset (built-in, or a custom one from
// /etc/ingens/profiles/) and make it the active one, applied again at boot by
// `apply --system`; list them; say which is active and whether the knobs
// still hold its values (tuned-adm's active and verify).
#include <memory>

#include <fmt/format.h>

#include "commands/changes_report.h"
#include "commands/command.h"
#include "lib/error.h"
#include "lib/knobs.h"
#include "lib/profiles.h"
#include "lib/sysfs.h"
#include "lib/system_config.h"

namespace ingensctl {
namespace {

struct ProfileOptions {
    std::string name;
    bool dry_run = false;
    bool active = false;
    bool verify = false;
};

std::string profile_names(const std::filesystem::path& root) {
    std::string out;
    for (const auto& p : ingens::profiles()) out += (out.empty() ? "" : ", ") + std::string(p.name);
    for (const auto& p : ingens::custom_profiles(root)) out += ", " + p.name;
    return out;
}

void list_profiles(const std::filesystem::path& root) {
    const auto active = ingens::read_active_profile(root);
    const auto mark = [&](std::string_view name) { return active == name ? "*" : " "; };
    for (const auto& p : ingens::profiles()) {
        fmt::print("{}{:<11} {}\n", mark(p.name), p.name, p.summary);
        std::string settings;
        for (const auto& s : p.settings) settings += fmt::format(" {}={}", s.key, s.value);
        fmt::print(" {:<11} {}{}\n", "", p.from_defaults ? "defaults, then" : "only", settings);
    }
    for (const auto& p : ingens::custom_profiles(root)) {
        fmt::print("{}{:<11} {} ({})\n", mark(p.name), p.name,
                   p.summary.empty() ? "custom profile" : p.summary, p.path.string());
    }
    if (active) fmt::print("(* active)\n");
}

std::vector<ingens::Assignment> assignments_of(const std::filesystem::path& root,
                                               const std::string& name) {
    if (auto a = ingens::profile_by_name(root, name)) return std::move(*a);
    throw ingens::Error(ingens::ErrorKind::Usage,
                        fmt::format("unknown profile \"{}\"; valid profiles: {}", name,
                                    profile_names(root)));
}

// Every knob of the profile this kernel has, compared with what it holds.
int verify(const ingens::Paths& paths, const std::filesystem::path& root,
           const std::string& name) {
    require_ingens(paths);
    std::vector<std::string> differ;
    for (const auto& a : assignments_of(root, name)) {
        const auto now = ingens::read_knob(paths, a.key);
        // As apply writes it: "080" is 80.
        std::string want = a.value;
        if (const ingens::Knob* knob = ingens::find_knob(a.key)) {
            want = ingens::validate(*knob, a.value).value.value_or(a.value);
        }
        if (now && *now != want) {
            differ.push_back(fmt::format("{} is {}, profile {} sets {}", a.key, *now, name, want));
        }
    }
    if (differ.empty()) {
        fmt::print("profile {}: every knob holds its value\n", name);
        return 0;
    }
    for (const auto& d : differ) fmt::print("{}\n", d);
    throw ingens::Error(ingens::ErrorKind::Usage,
                        fmt::format("profile {}: verification failed, {} knob(s) differ", name,
                                    differ.size()));
}

int run_profile(const ProfileOptions& opt, const ingens::Paths& paths,
                const std::filesystem::path& root) {
    if (opt.active) {
        const auto active = ingens::read_active_profile(root);
        fmt::print("{}\n", active.value_or("none"));
        return 0;
    }
    if (opt.verify) {
        const std::string name = !opt.name.empty() ? opt.name
                                                   : ingens::read_active_profile(root).value_or("");
        if (name.empty()) {
            throw ingens::Error(ingens::ErrorKind::Usage,
                                "no active profile to verify: name one (profile --verify NAME)");
        }
        return verify(paths, root, name);
    }
    if (opt.name.empty()) {
        list_profiles(root);
        return 0;
    }
    // Knobs an older kernel lacks are skipped, and listed as such.
    const int rc = plan_and_apply(paths, assignments_of(root, opt.name), {.skip_absent = true},
                                  opt.dry_run);
    if (!opt.dry_run) {
        try {
            ingens::write_active_profile(root, opt.name);
        } catch (const ingens::Error& e) {
            fmt::print(stderr, "ingensctl: warning: applied, but not kept for the next boot: {}\n",
                       e.what());
        }
    }
    return rc;
}

}  // namespace

Command add_profile_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<ProfileOptions>();
    CLI::App* app = parent.add_subcommand(
        "profile", "Apply a preset and make it the active one (latency, memory, throughput, "
                   "vm-host, linux, or /etc/ingens/profiles/NAME.conf); no NAME: list them");
    app->add_option("NAME", opt->name, "profile name");
    app->add_flag("--dry-run", opt->dry_run, "Show what would change; write nothing");
    auto* active = app->add_flag("--active", opt->active, "Print the active profile");
    app->add_flag("--verify", opt->verify,
                  "Check that the knobs hold the active profile's values (or NAME's)")
        ->excludes(active);
    return Command{app, [opt, &globals] {
                       return run_profile(*opt, globals.paths(), globals.config_root);
                   }};
}

}  // namespace ingensctl
