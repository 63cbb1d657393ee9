#include "settings_file.h"

#include <fmt/format.h>

#include "fileio.h"
#include "text.h"

namespace ingens {

SettingsFile parse_settings(std::string_view text, std::string_view name) {
    SettingsFile out;
    int line_no = 0;
    for_each_line(text, [&](std::string_view raw) {
        ++line_no;
        const std::string origin = fmt::format("{}:{}", name, line_no);
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#' || line.front() == ';') return;
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            out.errors.push_back(fmt::format("{}: expected \"key = value\", got {}", origin,
                                             in_quotes(line)));
            return;
        }
        const std::string_view key = trim(line.substr(0, eq));
        const std::string_view value = trim(line.substr(eq + 1));
        if (key.empty()) {
            out.errors.push_back(fmt::format("{}: missing key before '='", origin));
            return;
        }
        out.assignments.push_back(Assignment{std::string(key), std::string(value), origin});
    });
    return out;
}

std::string render_settings(const std::vector<std::pair<std::string, std::string>>& values,
                            std::string_view header) {
    std::string out;
    for_each_line(header, [&out](std::string_view line) { out += fmt::format("# {}\n", line); });
    for (const auto& [key, value] : values) out += fmt::format("{} = {}\n", key, value);
    return out;
}

}  // namespace ingens
