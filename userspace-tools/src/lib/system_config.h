// Settings that outlive a boot, the way sysctl.d(5) and tuned-adm keep them:
//
//   /etc/ingens.d/*.conf, /run/ingens.d/*.conf, /usr/local/lib/ingens.d/*.conf,
//   /usr/lib/ingens.d/*.conf   drop-ins in apply's format. All are read in the
//                              order of their file names; a file in /etc masks
//                              one of the same name in /run, which masks
//                              /usr/local/lib's, which masks /usr/lib's (a
//                              symlink to /dev/null masks and sets nothing).
//                              A key set again by a later file takes its value.
//   /etc/ingens/active_profile the profile `profile NAME` applied last; `apply
//                              --system` applies it before the drop-ins.
//   /etc/ingens/profiles/NAME.conf  custom profiles, in apply's format, from
//                              the defaults like the built-in ones.
//
// Every path is under a root, "/" but for tests and chroots (--config-root).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "settings.h"

namespace ingens {

// The drop-ins in the order they apply, masked ones left out.
std::vector<std::filesystem::path> system_drop_ins(const std::filesystem::path& root);

struct SystemSettings {
    std::optional<std::string> profile;   // the active profile, applied first
    std::vector<Assignment> assignments;  // one per key, origin "FILE:LINE"
    // "util_threshold: 50-vm.conf:3 overrides 10-base.conf:2 (70)".
    std::vector<std::string> overrides;
    std::vector<std::string> errors;  // syntax errors and an unknown active profile
};

// The active profile's assignments, then every drop-in's, later keys winning.
SystemSettings load_system_settings(const std::filesystem::path& root);

std::optional<std::string> read_active_profile(const std::filesystem::path& root);
void write_active_profile(const std::filesystem::path& root, std::string_view name);

// A profile by name: built-in, or <root>/etc/ingens/profiles/NAME.conf. The
// assignments `profile NAME` applies; nullopt when there is none such.
std::optional<std::vector<Assignment>> profile_by_name(const std::filesystem::path& root,
                                                       std::string_view name);

struct CustomProfile {
    std::string name;
    std::string summary;  // its first comment line
    std::filesystem::path path;
};
std::vector<CustomProfile> custom_profiles(const std::filesystem::path& root);

}  // namespace ingens
