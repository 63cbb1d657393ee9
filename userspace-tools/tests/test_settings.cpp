// The all-or-nothing settings engine behind set, apply and profile.
#include <algorithm>
#include <filesystem>
#include <unistd.h>

#include <gtest/gtest.h>

#include "cli_runner.h"
#include "fake_tree.h"
#include "lib/error.h"
#include "lib/knob_io.h"
#include "lib/settings.h"
#include "lib/sysfs.h"

using ingens::Assignment;
using ingens::Error;
using ingens::ErrorKind;
using ingens::test::FakeTree;
using ingens::test::knob;

namespace {

// The message of the Error `fn` throws, or "" if it does not throw.
template <typename Fn>
std::pair<std::string, ErrorKind> error_of(Fn fn) {
    try {
        fn();
    } catch (const Error& e) {
        return {e.what(), e.kind()};
    }
    return {"", ErrorKind::Io};
}

}  // namespace

TEST(Settings, ParseAssignment) {
    const auto a = ingens::parse_assignment("util_threshold=80");
    EXPECT_EQ(a.key, "util_threshold");
    EXPECT_EQ(a.value, "80");
    EXPECT_EQ(ingens::parse_assignment("ksm_mode=").value, "");
    EXPECT_EQ(ingens::parse_assignment("nonsense").key, "");
}

TEST(Settings, PlanValidatesAndCanonicalises) {
    FakeTree t;
    t.add_everything();
    const std::vector<Assignment> as{{"util_threshold", "080", ""}, {"ksm_mode", "split", ""}};
    const auto plan = ingens::plan_settings(t.paths(), as);
    ASSERT_EQ(plan.changes.size(), 2u);
    EXPECT_EQ(plan.changes[0].old_value, "90");
    EXPECT_EQ(plan.changes[0].new_value, "80");
    EXPECT_EQ(plan.changes[1].new_value, "split");
}

TEST(Settings, InvalidValueNamesKeyValueRangeAndFix) {
    FakeTree t;
    t.add_everything();
    const std::vector<Assignment> as{{"util_threshold", "101", ""}};
    const auto [msg, kind] = error_of([&] { ingens::plan_settings(t.paths(), as); });
    EXPECT_EQ(kind, ErrorKind::Usage);
    EXPECT_NE(msg.find("util_threshold"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"101\""), std::string::npos) << msg;
    EXPECT_NE(msg.find("1..100"), std::string::npos) << msg;
    EXPECT_NE(msg.find("use a whole decimal number"), std::string::npos) << msg;
    EXPECT_NE(msg.find("nothing was changed"), std::string::npos) << msg;
}

TEST(Settings, EveryProblemIsReportedAtOnce) {
    FakeTree t;
    t.add_everything();
    const std::vector<Assignment> as{{"util_threshold", "x", "f:1"},
                                     {"scan_pages", "1", "f:2"},
                                     {"util_threshold", "80", "f:3"}};
    const auto [msg, kind] = error_of([&] { ingens::plan_settings(t.paths(), as); });
    EXPECT_NE(msg.find("f:1: util_threshold"), std::string::npos) << msg;
    EXPECT_NE(msg.find("f:2: scan_pages"), std::string::npos) << msg;
    EXPECT_NE(msg.find("f:3: util_threshold: given more than once"), std::string::npos) << msg;
}

TEST(Settings, UnknownKeyListsValidKeys) {
    FakeTree t;
    t.add_everything();
    const std::vector<Assignment> as{{"util_treshold", "80", ""}};
    const auto [msg, kind] = error_of([&] { ingens::plan_settings(t.paths(), as); });
    EXPECT_EQ(kind, ErrorKind::Usage);
    EXPECT_NE(msg.find("util_treshold: unknown knob; valid knobs: enabled, defer_madvised, util_threshold"),
              std::string::npos)
        << msg;
}

TEST(Settings, KnobAbsentFromKernelIsRefusedOrSkipped) {
    FakeTree t;
    t.add_ingens_first_kernel();
    const std::vector<Assignment> as{{"util_threshold", "80", ""}, {"demote_threshold", "40", ""}};
    const auto [msg, kind] = error_of([&] { ingens::plan_settings(t.paths(), as); });
    EXPECT_EQ(kind, ErrorKind::NotPresent);
    EXPECT_NE(msg.find("demote_threshold: not present in this kernel"), std::string::npos) << msg;

    const auto plan = ingens::plan_settings(t.paths(), as, {.skip_absent = true});
    ASSERT_EQ(plan.changes.size(), 1u);
    EXPECT_EQ(plan.skipped, std::vector<std::string>{"demote_threshold"});
}

TEST(Settings, KnobOnlyTheKernelKnowsIsPassedThrough) {
    FakeTree t;
    t.add_everything();
    t.set_knob("future_knob", "3\n");
    std::vector<Assignment> as{{"future_knob", "7", ""}};
    ingens::apply_plan(t.paths(), ingens::plan_settings(t.paths(), as));
    EXPECT_EQ(knob(t, "future_knob"), "7");
    as[0].value = "7 8";
    EXPECT_EQ(error_of([&] { ingens::plan_settings(t.paths(), as); }).second, ErrorKind::Usage);
}

TEST(Settings, NoIngensIsNotPresent) {
    FakeTree t;
    t.add_thp();
    const std::vector<Assignment> as{{"util_threshold", "80", ""}};
    EXPECT_EQ(error_of([&] { ingens::plan_settings(t.paths(), as); }).second,
              ErrorKind::NotPresent);
}

TEST(Settings, EnablingGoesLastDisablingFirst) {
    FakeTree t;
    t.add_everything();
    std::vector<Assignment> as{{"enabled", "1", ""}, {"util_threshold", "80", ""}};
    EXPECT_EQ(ingens::plan_settings(t.paths(), as).changes.back().key, "enabled");
    as[0].value = "0";
    as.push_back({"scan_pages", "1024", ""});
    EXPECT_EQ(ingens::plan_settings(t.paths(), as).changes.front().key, "enabled");
}

TEST(Settings, KernelValidatesSkipsTheTable) {
    FakeTree t;
    t.add_everything();
    const std::vector<Assignment> as{{"util_threshold", "101", ""}};
    const auto plan = ingens::plan_settings(t.paths(), as, {.kernel_validates = true});
    EXPECT_EQ(plan.changes.at(0).new_value, "101");
}

TEST(Settings, ApplyWritesOnlyChanges) {
    FakeTree t;
    t.add_everything();
    const std::vector<Assignment> as{{"util_threshold", "90", ""}, {"scan_pages", "1024", ""}};
    const auto written = ingens::apply_plan(t.paths(), ingens::plan_settings(t.paths(), as));
    ASSERT_EQ(written.size(), 1u);
    EXPECT_EQ(written[0].key, "scan_pages");
    EXPECT_EQ(knob(t, "scan_pages"), "1024");
}

// A write that fails midway: a directory where the third knob's file should be.
TEST(Settings, FailedWriteMidwayRollsBack) {
    FakeTree t;
    t.add_everything();
    const std::vector<Assignment> as{{"util_threshold", "70", ""},
                                     {"scan_pages", "2048", ""},
                                     {"promote_max_per_round", "8", ""}};
    const auto plan = ingens::plan_settings(t.paths(), as);
    const auto victim = t.paths().knob("promote_max_per_round");
    std::filesystem::remove(victim);
    std::filesystem::create_directory(victim);

    const auto [msg, kind] = error_of([&] { ingens::apply_plan(t.paths(), plan); });
    EXPECT_EQ(kind, ErrorKind::Io);
    EXPECT_NE(msg.find("promote_max_per_round: cannot write"), std::string::npos) << msg;
    EXPECT_NE(msg.find("rolled back 2 knob(s)"), std::string::npos) << msg;
    EXPECT_EQ(knob(t, "util_threshold"), "90");
    EXPECT_EQ(knob(t, "scan_pages"), "65536");
}

TEST(Settings, FirstWriteFailingChangesNothing) {
    FakeTree t;
    t.add_everything();
    const std::vector<Assignment> as{{"util_threshold", "70", ""}, {"scan_pages", "2048", ""}};
    const auto plan = ingens::plan_settings(t.paths(), as);
    t.remove_knob("util_threshold");  // vanished between plan and apply
    const auto [msg, kind] = error_of([&] { ingens::apply_plan(t.paths(), plan); });
    EXPECT_EQ(kind, ErrorKind::NotPresent);
    EXPECT_NE(msg.find("nothing was changed"), std::string::npos) << msg;
    EXPECT_EQ(knob(t, "scan_pages"), "65536");
}

TEST(KnobIo, WriteErrorsNameTheKnob) {
    FakeTree t;
    t.add_ingens_first_kernel();
    const auto [msg, kind] = error_of([&] { ingens::write_knob(t.paths(), "fairness", "1"); });
    EXPECT_EQ(kind, ErrorKind::NotPresent);
    EXPECT_NE(msg.find("fairness: not present in this kernel"), std::string::npos) << msg;
}

TEST(KnobIo, ListsFilesNotStats) {
    FakeTree t;
    t.add_ingens_first_kernel();
    t.set_stat("promoted", "1\n");
    t.set_knob("zz_new", "1\n");
    const auto files = ingens::list_knob_files(t.paths());
    EXPECT_EQ(std::count(files.begin(), files.end(), "stats"), 0);
    EXPECT_EQ(files.size(), 7u);
    const auto all = ingens::all_knob_names(t.paths());
    EXPECT_EQ(all.front(), "enabled");
    EXPECT_EQ(all.back(), "zz_new");
}

TEST(KnobIo, PermissionDeniedSaysNeedsRoot) {
    if (::geteuid() == 0) GTEST_SKIP() << "root bypasses file permissions";
    FakeTree t;
    t.add_everything();
    std::filesystem::permissions(t.paths().knob("util_threshold"),
                                 std::filesystem::perms::owner_read);
    const auto [msg, kind] =
        error_of([&] { ingens::write_knob(t.paths(), "util_threshold", "80"); });
    EXPECT_EQ(kind, ErrorKind::Permission);
    EXPECT_NE(msg.find("needs root"), std::string::npos) << msg;
}
