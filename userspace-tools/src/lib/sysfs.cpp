#include "sysfs.h"

#include <cerrno>
#include <limits>
#include <system_error>

#include "error.h"
#include "fileio.h"
#include "number.h"

namespace fs = std::filesystem;

namespace ingens {

std::optional<ThpMode> parse_thp_mode(std::string_view text) {
    ThpMode mode;
    int bracketed = 0;
    std::string_view rest = trim(text);
    while (!rest.empty()) {
        const auto end = rest.find_first_of(" \t\n");
        std::string_view word = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : trim(rest.substr(end));
        if (word.size() >= 2 && word.front() == '[' && word.back() == ']') {
            word = word.substr(1, word.size() - 2);
            mode.selected = std::string(word);
            ++bracketed;
        }
        if (word.empty() || word.find_first_of("[]") != std::string_view::npos) return std::nullopt;
        mode.choices.emplace_back(word);
    }
    if (mode.choices.size() == 1 && bracketed == 0) {
        mode.selected = mode.choices.front();
        return mode;
    }
    if (bracketed != 1) return std::nullopt;
    return mode;
}

std::optional<ThpMode> read_thp_mode(const Paths& paths, std::string_view name) {
    const auto text = read_file_if_exists(paths.thp_setting(name));
    if (!text) return std::nullopt;
    return parse_thp_mode(*text);
}

bool ingens_present(const Paths& paths) {
    std::error_code ec;
    const bool dir = fs::is_directory(paths.ingens_dir(), ec);
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
        throw error_from_errno(ec.value(), "cannot stat " + paths.ingens_dir().string());
    }
    return dir;
}

std::optional<std::string> read_knob(const Paths& paths, std::string_view name) {
    auto text = read_file_if_exists(paths.knob(name));
    if (!text) return std::nullopt;
    return std::string(trim(*text));
}

std::optional<std::uint64_t> parse_u64(std::string_view text) {
    return to_number<std::uint64_t>(trim(text));
}

std::optional<std::int64_t> parse_i64(std::string_view text) {
    return to_number<std::int64_t>(trim(text));
}

namespace {

std::optional<std::int64_t> parse_stat(std::string_view text) {
    const auto parsed = parse_number<std::int64_t>(trim(text));
    if (parsed.problem == NumberProblem::OutOfRange && parse_u64(text)) {
        return std::numeric_limits<std::int64_t>::max();
    }
    return parsed.value;
}

}  // namespace

std::map<std::string, std::int64_t> read_stats(const Paths& paths) {
    std::map<std::string, std::int64_t> stats;
    const fs::path dir = paths.stats_dir();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) {
            return stats;
        }
        throw error_from_errno(ec.value(), "cannot list " + dir.string());
    }
    for (const auto& entry : it) {
        if (!entry.is_regular_file()) continue;
        const auto text = read_file_if_exists(entry.path());
        if (!text) continue;  // vanished while listing
        const auto value = parse_stat(*text);
        if (!value) {
            throw Error(ErrorKind::Io, "malformed counter " + entry.path().string() +
                                           ": expected one integer");
        }
        stats.emplace(entry.path().filename().string(), *value);
    }
    return stats;
}

}  // namespace ingens
