// The named presets: valid against the table, and documented.
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "lib/knobs.h"
#include "lib/profiles.h"

TEST(Profiles, TheFivePresetsExist) {
    for (auto name : {"latency", "memory", "throughput", "vm-host", "linux"}) {
        EXPECT_NE(ingens::find_profile(name), nullptr) << name;
    }
    EXPECT_EQ(ingens::find_profile("fast"), nullptr);
}

TEST(Profiles, EveryValueIsValid) {
    for (const auto& p : ingens::profiles()) {
        for (const auto& a : ingens::profile_assignments(p)) {
            const auto v = ingens::validate(a.key, a.value);
            EXPECT_TRUE(v.ok()) << p.name << ": " << (v.error ? v.error->message() : "");
        }
    }
}

TEST(Profiles, LinuxOnlyDisablesIngens) {
    const auto as = ingens::profile_assignments(*ingens::find_profile("linux"));
    ASSERT_EQ(as.size(), 1u);
    EXPECT_EQ(as[0].key, "enabled");
    EXPECT_EQ(as[0].value, "0");
}

TEST(Profiles, OthersStartFromDefaults) {
    const auto as = ingens::profile_assignments(*ingens::find_profile("throughput"));
    EXPECT_EQ(as.size(), ingens::knobs().size());
    std::map<std::string, std::string> values;
    for (const auto& a : as) {
        values[a.key] = a.value;
        EXPECT_EQ(a.origin, "profile throughput");
    }
    EXPECT_EQ(values["util_threshold"], "50");
    EXPECT_EQ(values["enabled"], "1");
    EXPECT_EQ(values["fairness"], "1");  // untouched: the default
}

namespace {
std::string read_doc(const char* path) {
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}
}  // namespace

// The table drives the code; these keep the man page, README and completion honest.
TEST(Docs, ManPageReadmeAndCompletionNameEveryKnobAndProfile) {
    const std::string man = read_doc(INGENSCTL_SOURCE_DIR "/man/ingensctl.8");
    const std::string readme = read_doc(INGENSCTL_SOURCE_DIR "/README.md");
    const std::string completion = read_doc(INGENSCTL_SOURCE_DIR "/completion/ingensctl.bash");
    ASSERT_FALSE(man.empty());
    ASSERT_FALSE(completion.empty());
    for (const auto& k : ingens::knobs()) {
        EXPECT_NE(man.find(std::string(k.name)), std::string::npos) << "man page: " << k.name;
        EXPECT_NE(readme.find(std::string(k.name)), std::string::npos) << "README: " << k.name;
    }
    for (const auto& p : ingens::profiles()) {
        EXPECT_NE(man.find(std::string(p.name)), std::string::npos) << "man page: " << p.name;
        EXPECT_NE(completion.find(std::string(p.name)), std::string::npos)
            << "completion: " << p.name;
    }
}
