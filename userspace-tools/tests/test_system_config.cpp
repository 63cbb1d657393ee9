// Persistent settings: drop-ins in sysctl.d's order, the active profile,
// custom profiles, and `apply --system` / `profile --active` / `--verify`.
#include <gtest/gtest.h>

#include "cli_runner.h"
#include "lib/fileio.h"
#include "lib/system_config.h"

using ingens::test::contains;
using ingens::test::FakeTree;
using ingens::test::knob;
using ingens::test::roots;
using ingens::test::run_cli;

namespace {

void add_drop_ins(const FakeTree& t) {
    t.write("config/etc/ingens.d/10-base.conf", "util_threshold = 80\nscan_sleep_millisecs=500\n");
    t.write("config/etc/ingens.d/50-vm.conf", "# the VM host\nutil_threshold = 70\n");
    t.write("config/etc/ingens.d/README", "not a .conf file: ignored\n");
    t.write("config/usr/lib/ingens.d/50-vm.conf", "util_threshold = 60\n");  // masked by /etc's
    t.write("config/usr/lib/ingens.d/30-lib.conf", "compact_max_mb = 200\n");
    t.write("config/run/ingens.d/20-run.conf", "idle_tax_percent = 40\n");
}

}  // namespace

TEST(SystemConfig, DropInsInFileNameOrderEtcMasksTheRest) {
    FakeTree t;
    add_drop_ins(t);
    std::vector<std::string> names;
    for (const auto& p : ingens::system_drop_ins(t.config())) {
        names.push_back(p.parent_path().parent_path().filename().string() + "/" +
                        p.filename().string());
    }
    EXPECT_EQ(names, (std::vector<std::string>{"etc/10-base.conf", "run/20-run.conf",
                                               "lib/30-lib.conf", "etc/50-vm.conf"}));
    const auto s = ingens::load_system_settings(t.config());
    EXPECT_TRUE(s.errors.empty());
    EXPECT_FALSE(s.profile.has_value());
    ASSERT_EQ(s.assignments.size(), 4u);
    EXPECT_EQ(s.assignments[0].key, "util_threshold");
    EXPECT_EQ(s.assignments[0].value, "70");  // the later file wins
    EXPECT_TRUE(s.assignments[0].origin.ends_with("etc/ingens.d/50-vm.conf:2"));
    ASSERT_EQ(s.overrides.size(), 1u);
    EXPECT_EQ(s.overrides[0], "util_threshold: 50-vm.conf:2 overrides 10-base.conf:1 (80)");
}

TEST(SystemConfig, ApplySystemSaysWhichFileSetWhat) {
    FakeTree t;
    t.add_everything();
    add_drop_ins(t);
    const auto r = run_cli(roots(t) + " apply --system", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(knob(t, "util_threshold"), "70");
    EXPECT_EQ(knob(t, "scan_sleep_millisecs"), "500");
    EXPECT_EQ(knob(t, "compact_max_mb"), "200");
    EXPECT_EQ(knob(t, "idle_tax_percent"), "40");
    EXPECT_TRUE(contains(r.out, "util_threshold: 90 -> 70  (")) << r.out;
    EXPECT_TRUE(contains(r.out, "etc/ingens.d/50-vm.conf:2)")) << r.out;
    EXPECT_TRUE(contains(r.out, "util_threshold: 50-vm.conf:2 overrides 10-base.conf:1")) << r.out;
    EXPECT_EQ(run_cli(roots(t) + " apply").exit_code, 1);  // neither FILE nor --system
    EXPECT_EQ(run_cli(roots(t) + " apply --system x.conf").exit_code, 1);
}

TEST(SystemConfig, ABrokenDropInChangesNothing) {
    FakeTree t;
    t.add_everything();
    add_drop_ins(t);
    t.write("config/etc/ingens.d/99-bad.conf", "util_threshold\n");
    const auto r = run_cli(roots(t) + " apply --system", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "99-bad.conf:1: expected")) << r.out;
    EXPECT_EQ(knob(t, "util_threshold"), "90");
}

TEST(SystemConfig, ActiveProfileFirstThenDropInsAndVerify) {
    FakeTree t;
    t.add_everything();
    EXPECT_EQ(run_cli(roots(t) + " profile --active").out, "none\n");
    auto r = run_cli(roots(t) + " profile memory", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(run_cli(roots(t) + " profile --active").out, "memory\n");
    EXPECT_TRUE(contains(run_cli(roots(t) + " profile").out, "*memory"));
    r = run_cli(roots(t) + " profile --verify", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    // A boot: the profile again, then a drop-in that changes one of its knobs.
    t.set_knob("util_threshold", "90\n");
    t.write("config/etc/ingens.d/50-vm.conf", "demote_threshold = 60\n");
    r = run_cli(roots(t) + " apply --system", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(knob(t, "util_threshold"), "100");  // the profile's
    EXPECT_EQ(knob(t, "demote_threshold"), "60");  // the drop-in's over the profile's 80
    r = run_cli(roots(t) + " profile --verify", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "demote_threshold is 60, profile memory sets 80")) << r.out;
}

TEST(SystemConfig, CustomProfiles) {
    FakeTree t;
    t.add_everything();
    t.write("config/etc/ingens/profiles/batch.conf",
            "# big batches for a batch host\npromote_max_per_round = 512\n");
    EXPECT_TRUE(contains(run_cli(roots(t) + " profile").out,
                         "batch       big batches for a batch host"));
    t.set_knob("util_threshold", "75\n");
    const auto r = run_cli(roots(t) + " profile batch", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(knob(t, "promote_max_per_round"), "512");
    EXPECT_EQ(knob(t, "util_threshold"), "90");  // from the defaults, as built-in profiles
    EXPECT_EQ(run_cli(roots(t) + " profile --active").out, "batch\n");
    EXPECT_EQ(run_cli(roots(t) + " profile nosuch").exit_code, 1);
}

// sysctl.d's way to turn a vendor file off: a symlink to /dev/null in /etc.
TEST(SystemConfig, ADevNullSymlinkMasksAndSetsNothing) {
    FakeTree t;
    add_drop_ins(t);
    std::filesystem::create_symlink("/dev/null", t.config() / "etc/ingens.d/30-lib.conf");
    const auto s = ingens::load_system_settings(t.config());
    for (const auto& a : s.assignments) EXPECT_NE(a.key, "compact_max_mb") << a.origin;
}

// The active profile names every knob; on a kernel without one of them the
// boot-time apply skips it, as `profile NAME` does, instead of failing whole.
TEST(SystemConfig, ApplySystemSkipsAProfilesAbsentKnobs) {
    FakeTree t;
    t.add_everything();
    t.remove_knob("ksm_mode");
    t.write("config/etc/ingens/active_profile", "memory\n");
    const auto r = run_cli(roots(t) + " apply --system", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(knob(t, "util_threshold"), "100");
    EXPECT_TRUE(contains(r.out, "ksm_mode: skipped, not present in this kernel (profile memory)"))
        << r.out;
}

// A custom profile's "080" is applied as 80 and verifies as 80.
TEST(SystemConfig, VerifyComparesWhatApplyWrites) {
    FakeTree t;
    t.add_everything();
    t.write("config/etc/ingens/profiles/padded.conf", "util_threshold = 080\n");
    ASSERT_EQ(run_cli(roots(t) + " profile padded").exit_code, 0);
    const auto r = run_cli(roots(t) + " profile --verify", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
}
