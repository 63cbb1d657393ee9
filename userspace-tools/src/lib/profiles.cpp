#include "profiles.h"

#include <algorithm>
#include <array>

#include "knobs.h"

namespace ingens {
namespace {

// Low and steady fault latency: promote in small batches, compact little.
constexpr std::array<ProfileSetting, 6> kLatency{{
    {"enabled", "1"},
    {"promote_max_per_round", "16"},
    {"promote_sleep_millisecs", "500"},
    {"compact_max_mb", "32"},
    {"compact_sleep_millisecs", "10000"},
    {"ksm_mode", "coordinated"},
}};

// Least bloat: promote only full regions, demote early, tax idle huge pages,
// and let KSM split huge pages to merge.
constexpr std::array<ProfileSetting, 5> kMemory{{
    {"enabled", "1"},
    {"util_threshold", "100"},
    {"demote_threshold", "80"},
    {"idle_tax_percent", "90"},
    {"ksm_mode", "split"},
}};

// Most huge-page coverage: promote half-used regions quickly and in bulk,
// sample often, compact earlier and more, demote only nearly empty pages.
constexpr std::array<ProfileSetting, 10> kThroughput{{
    {"enabled", "1"},
    {"util_threshold", "50"},
    {"demote_threshold", "10"},
    {"scan_sleep_millisecs", "500"},
    {"promote_sleep_millisecs", "100"},
    {"promote_max_per_round", "256"},
    {"compact_fmfi_threshold", "500"},
    {"compact_max_mb", "256"},
    {"compact_sleep_millisecs", "2000"},
    {"idle_tax_percent", "25"},
}};

// A VM host: guest RAM, which QEMU madvises, under Ingens (base pages at fault, promotion,
// demotion, fair shares among VMs, KSM sparing hot huge pages; docs/vm-host.md).
constexpr std::array<ProfileSetting, 3> kVmHost{{
    {"enabled", "1"},
    {"defer_madvised", "1"},
    {"ksm_mode", "coordinated"},
}};

// Stock Linux 6.12 THP: Ingens off, every other knob left as it is so that
// switching back restores the previous tuning.
constexpr std::array<ProfileSetting, 1> kLinux{{{"enabled", "0"}}};

const std::array<Profile, 5> kProfiles{{
    {"latency", "low, steady page-fault latency: small promotion batches, little compaction",
     true, kLatency},
    {"memory", "least memory bloat: promote only full regions, demote early, KSM splits", true,
     kMemory},
    {"throughput", "most huge-page coverage: promote half-used regions early and in bulk", true,
     kThroughput},
    {"vm-host", "VMs' RAM under Ingens: fair huge pages among VMs, KSM that spares hot huge pages",
     true, kVmHost},
    {"linux", "stock Linux THP behaviour (Ingens disabled, other knobs untouched)", false,
     kLinux},
}};

}  // namespace

std::span<const Profile> profiles() { return kProfiles; }

const Profile* find_profile(std::string_view name) {
    const auto it = std::find_if(kProfiles.begin(), kProfiles.end(),
                                 [&](const Profile& p) { return p.name == name; });
    return it == kProfiles.end() ? nullptr : &*it;
}

std::vector<Assignment> profile_assignments(const Profile& profile) {
    const std::string origin = "profile " + std::string(profile.name);
    std::vector<Assignment> out;
    auto set = [&](std::string_view key, std::string_view value) {
        const auto it = std::find_if(out.begin(), out.end(),
                                     [&](const Assignment& a) { return a.key == key; });
        if (it != out.end()) {
            it->value = std::string(value);
        } else {
            out.push_back(Assignment{std::string(key), std::string(value), origin});
        }
    };
    if (profile.from_defaults) {
        for (const Knob& k : knobs()) set(k.name, k.default_value);
    }
    for (const auto& s : profile.settings) set(s.key, s.value);
    return out;
}

}  // namespace ingens
