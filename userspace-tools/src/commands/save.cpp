// `ingensctl save FILE`: the current settings in the format `apply` reads.
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "lib/fileio.h"
#include "lib/knob_io.h"
#include "lib/settings_file.h"
#include "lib/sysfs.h"

namespace ingensctl {
namespace {

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
        ingens::write_file_atomically(file, text);
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
