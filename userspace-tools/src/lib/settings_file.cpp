#include "settings_file.h"

#include <fmt/format.h>

#include "fileio.h"
#include "text.h"

namespace ingens {

SettingsFile parse_settings(std::string_view text, std::string_view name) {
    SettingsFile out;
    int line_no = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view raw = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        const std::string origin = fmt::format("{}:{}", name, line_no);
        const std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            out.errors.push_back(fmt::format("{}: expected \"key = value\", got {}", origin,
                                             in_quotes(line)));
            continue;
        }
        const std::string_view key = trim(line.substr(0, eq));
        const std::string_view value = trim(line.substr(eq + 1));
        if (key.empty()) {
            out.errors.push_back(fmt::format("{}: missing key before '='", origin));
            continue;
        }
        out.assignments.push_back(Assignment{std::string(key), std::string(value), origin});
    }
    return out;
}

std::string render_settings(const std::vector<std::pair<std::string, std::string>>& values,
                            std::string_view header) {
    std::string out;
    std::string_view rest = header;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        out += fmt::format("# {}\n", rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
    for (const auto& [key, value] : values) out += fmt::format("{} = {}\n", key, value);
    return out;
}

}  // namespace ingens
