// Named presets for `ingensctl profile`. Each is documented in README.md and
// the man page; a unit test checks every value against the knob table.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "settings.h"

namespace ingens {

struct ProfileSetting {
    std::string_view key;
    std::string_view value;
};

struct Profile {
    std::string_view name;
    std::string_view summary;
    // Starts from every knob's default before applying `settings`, so that
    // switching profiles never leaves another profile's values behind.
    bool from_defaults;
    std::span<const ProfileSetting> settings;
};

std::span<const Profile> profiles();
const Profile* find_profile(std::string_view name);

// The assignments `profile NAME` applies (defaults first if from_defaults,
// overridden by the profile's own settings), origin "profile NAME".
std::vector<Assignment> profile_assignments(const Profile& profile);

}  // namespace ingens
