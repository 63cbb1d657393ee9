// `ingensctl save FILE`: the current settings in the format `apply` reads.
#include <cerrno>
#include <fstream>
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "lib/error.h"
#include "lib/knob_io.h"
#include "lib/settings_file.h"
#include "lib/sysfs.h"

namespace fs = std::filesystem;

namespace ingensctl {
namespace {

// Written beside the target and renamed over it, so a failed save never
// leaves half a file where a good one was.
void write_atomically(const fs::path& target, const std::string& text) {
    const fs::path tmp = target.string() + ".ingensctl-tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            const int err = errno;
            std::error_code ec;
            fs::remove(tmp, ec);
            throw ingens::error_from_errno(err, "cannot write " + target.string());
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw ingens::error_from_errno(ec.value(), "cannot write " + target.string());
    }
}

int run_save(const std::string& file, const ingens::Paths& paths) {
    require_ingens(paths);
    std::vector<std::pair<std::string, std::string>> values;
    for (const auto& name : ingens::all_knob_names(paths)) {
        if (auto raw = ingens::read_knob(paths, name)) values.emplace_back(name, std::move(*raw));
    }
    const std::string text = ingens::render_settings(
        values, "Ingens settings saved by ingensctl; restore with: ingensctl apply FILE");
    if (file == "-") {
        fmt::print("{}", text);
    } else {
        write_atomically(file, text);
        fmt::print(stderr, "ingensctl: saved {} knob(s) to {}\n", values.size(), file);
    }
    return 0;
}

}  // namespace

Command add_save_command(CLI::App& parent, const GlobalOptions& globals) {
    auto file = std::make_shared<std::string>();
    CLI::App* app =
        parent.add_subcommand("save", "Write the current settings to FILE in the format of apply");
    app->add_option("FILE", *file, "settings file, '-' for stdout")->required();
    return Command{app, [file, &globals] { return run_save(*file, globals.paths()); }};
}

}  // namespace ingensctl
