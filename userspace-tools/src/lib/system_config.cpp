#include "system_config.h"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "error.h"
#include "fileio.h"
#include "knobs.h"
#include "profiles.h"
#include "settings_file.h"

namespace fs = std::filesystem;

namespace ingens {
namespace {

// Highest precedence first: a name found here masks the same name below.
constexpr std::array<std::string_view, 4> kDropInDirs{"etc/ingens.d", "run/ingens.d",
                                                      "usr/local/lib/ingens.d", "usr/lib/ingens.d"};

fs::path active_profile_file(const fs::path& root) { return root / "etc/ingens/active_profile"; }

fs::path profiles_dir(const fs::path& root) { return root / "etc/ingens/profiles"; }

std::string short_origin(const std::string& origin) {
    // "/etc/ingens.d/50-vm.conf:3" -> "50-vm.conf:3": the names are unique.
    const auto slash = origin.rfind('/');
    return slash == std::string::npos ? origin : origin.substr(slash + 1);
}

}  // namespace

std::vector<fs::path> system_drop_ins(const fs::path& root) {
    std::map<std::string, fs::path> by_name;  // sorted by file name
    for (const auto dir : kDropInDirs) {
        std::error_code ec;
        for (fs::directory_iterator it(root / dir, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name.ends_with(".conf")) by_name.emplace(name, it->path());  // the first one wins
        }
    }
    // A name that is no file (a symlink to /dev/null) masks and applies nothing, as in sysctl.d.
    std::vector<fs::path> out;
    for (auto& [name, path] : by_name) {
        std::error_code ec;
        if (fs::is_regular_file(path, ec)) out.push_back(std::move(path));
    }
    return out;
}

std::optional<std::string> read_active_profile(const fs::path& root) {
    const auto text = read_file_if_exists(active_profile_file(root));
    if (!text || trim(*text).empty()) return std::nullopt;
    return std::string(trim(*text));
}

void write_active_profile(const fs::path& root, std::string_view name) {
    const fs::path file = active_profile_file(root);
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) throw error_from_errno(ec.value(), "cannot create " + file.parent_path().string());
    write_file_atomically(file, std::string(name) + "\n");
}

std::vector<CustomProfile> custom_profiles(const fs::path& root) {
    std::vector<CustomProfile> out;
    std::error_code ec;
    for (fs::directory_iterator it(profiles_dir(root), ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->path().extension() != ".conf") continue;
        CustomProfile p{it->path().stem().string(), "", it->path()};
        if (const auto text = read_file_if_exists(it->path())) {
            const std::string_view first =
                trim(std::string_view(*text).substr(0, text->find('\n')));
            if (first.starts_with('#')) p.summary = std::string(trim(first.substr(1)));
        }
        out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(),
              [](const CustomProfile& a, const CustomProfile& b) { return a.name < b.name; });
    return out;
}

std::optional<std::vector<Assignment>> profile_by_name(const fs::path& root,
                                                       std::string_view name) {
    if (const Profile* p = find_profile(name)) return profile_assignments(*p);
    for (const auto& custom : custom_profiles(root)) {
        if (custom.name != name) continue;
        const auto parsed = parse_settings(read_file(custom.path), custom.path.string());
        if (!parsed.errors.empty()) {
            throw Error(ErrorKind::Usage, fmt::format("profile {}: {}", name,
                                                      fmt::join(parsed.errors, "\n")));
        }
        // From the defaults, as the built-in profiles are.
        std::vector<Assignment> out;
        for (const Knob& k : knobs()) {
            out.push_back({std::string(k.name), std::string(k.default_value),
                           "profile " + std::string(name)});
        }
        for (const Assignment& a : parsed.assignments) {
            const auto it = std::find_if(out.begin(), out.end(),
                                         [&](const Assignment& o) { return o.key == a.key; });
            if (it != out.end()) {
                *it = a;
            } else {
                out.push_back(a);
            }
        }
        return out;
    }
    return std::nullopt;
}

SystemSettings load_system_settings(const fs::path& root) {
    SystemSettings out;
    std::vector<Assignment> merged;
    const auto add = [&](const Assignment& a) {
        const auto it = std::find_if(merged.begin(), merged.end(),
                                     [&](const Assignment& m) { return m.key == a.key; });
        if (it == merged.end()) {
            merged.push_back(a);
            return;
        }
        out.overrides.push_back(fmt::format("{}: {} overrides {} ({})", a.key,
                                            short_origin(a.origin), short_origin(it->origin),
                                            it->value));
        *it = a;
    };
    if ((out.profile = read_active_profile(root))) {
        if (const auto assignments = profile_by_name(root, *out.profile)) {
            for (const auto& a : *assignments) add(a);
        } else {
            out.errors.push_back(fmt::format("{}: unknown profile \"{}\"",
                                             active_profile_file(root).string(), *out.profile));
        }
    }
    for (const auto& file : system_drop_ins(root)) {
        const auto parsed = parse_settings(read_file(file), file.string());
        out.errors.insert(out.errors.end(), parsed.errors.begin(), parsed.errors.end());
        for (const auto& a : parsed.assignments) add(a);
    }
    out.assignments = std::move(merged);
    return out;
}

}  // namespace ingens
