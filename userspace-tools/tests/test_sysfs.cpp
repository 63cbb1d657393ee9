// sysfs readers: THP mode parsing, knobs, stats, missing pieces.
#include <gtest/gtest.h>
#include <unistd.h>

#include "fake_tree.h"
#include "lib/error.h"
#include "lib/sysfs.h"

using ingens::parse_thp_mode;
using ingens::test::FakeTree;

TEST(ThpMode, ParsesBracketedChoice) {
    const auto m = parse_thp_mode("always [madvise] never\n");
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->selected, "madvise");
    EXPECT_EQ(m->choices, (std::vector<std::string>{"always", "madvise", "never"}));

    const auto d = parse_thp_mode("always defer defer+madvise [madvise] never");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->selected, "madvise");
    EXPECT_EQ(d->choices.size(), 5u);

    EXPECT_EQ(parse_thp_mode("[always] madvise never")->selected, "always");
    EXPECT_EQ(parse_thp_mode("always madvise [never]")->selected, "never");
}

TEST(ThpMode, SingleBareWordIsSelected) {
    const auto m = parse_thp_mode("madvise\n");
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->selected, "madvise");
}

TEST(ThpMode, RejectsAmbiguousOrBroken) {
    EXPECT_FALSE(parse_thp_mode("").has_value());
    EXPECT_FALSE(parse_thp_mode("always madvise never").has_value());
    EXPECT_FALSE(parse_thp_mode("[always] [madvise] never").has_value());
    EXPECT_FALSE(parse_thp_mode("always [madvise never").has_value());
    EXPECT_FALSE(parse_thp_mode("[] never").has_value());
}

TEST(Sysfs, ReadsThpModesFromTree) {
    FakeTree t;
    t.add_thp("always", "defer");
    EXPECT_EQ(ingens::read_thp_mode(t.paths(), "enabled")->selected, "always");
    EXPECT_EQ(ingens::read_thp_mode(t.paths(), "defrag")->selected, "defer");
    EXPECT_FALSE(ingens::read_thp_mode(t.paths(), "shmem_enabled").has_value());
}

TEST(Sysfs, IngensPresence) {
    FakeTree t;
    t.add_thp();
    EXPECT_FALSE(ingens::ingens_present(t.paths()));
    t.add_ingens();
    EXPECT_TRUE(ingens::ingens_present(t.paths()));
}

TEST(Sysfs, ReadKnobTrimsAndReportsAbsent) {
    FakeTree t;
    t.add_ingens();
    t.set_knob("util_threshold", "75\n");
    EXPECT_EQ(ingens::read_knob(t.paths(), "util_threshold"), "75");
    t.remove_knob("ksm_mode");
    EXPECT_FALSE(ingens::read_knob(t.paths(), "ksm_mode").has_value());
}

TEST(Sysfs, ReadStats) {
    FakeTree t;
    t.add_ingens();
    t.set_stat("promotions", "12\n");
    t.set_stat("demotions", "0\n");
    t.set_stat("pages_scanned", "18446744073709551615\n");  // UINT64_MAX: saturates
    // Bug: one gauge below zero (%ld) made status and stats print nothing.
    t.set_stat("regions_queued", "-2\n");
    const auto s = ingens::read_stats(t.paths());
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s.at("promotions"), 12);
    EXPECT_EQ(s.at("demotions"), 0);
    EXPECT_EQ(s.at("pages_scanned"), INT64_MAX);
    EXPECT_EQ(s.at("regions_queued"), -2);
}

TEST(Sysfs, MissingStatsDirIsEmpty) {
    FakeTree t;
    EXPECT_TRUE(ingens::read_stats(t.paths()).empty());
}

TEST(Sysfs, MalformedCounterIsIoError) {
    FakeTree t;
    t.add_ingens();
    t.set_stat("promotions", "lots\n");
    try {
        ingens::read_stats(t.paths());
        FAIL() << "expected ingens::Error";
    } catch (const ingens::Error& e) {
        EXPECT_EQ(e.kind(), ingens::ErrorKind::Io);
        EXPECT_EQ(e.exit_code(), 4);
    }
}

TEST(Sysfs, UnreadableKnobIsPermissionError) {
    if (::geteuid() == 0) GTEST_SKIP() << "root bypasses file permissions";
    FakeTree t;
    t.add_ingens();
    std::filesystem::permissions(t.paths().knob("util_threshold"), std::filesystem::perms::none);
    try {
        ingens::read_knob(t.paths(), "util_threshold");
        FAIL() << "expected ingens::Error";
    } catch (const ingens::Error& e) {
        EXPECT_EQ(e.kind(), ingens::ErrorKind::Permission);
    }
}

TEST(Sysfs, ParseU64) {
    EXPECT_EQ(ingens::parse_u64("42\n"), 42u);
    EXPECT_FALSE(ingens::parse_u64("").has_value());
    EXPECT_FALSE(ingens::parse_u64("-1").has_value());
    EXPECT_FALSE(ingens::parse_u64("4 2").has_value());
    EXPECT_FALSE(ingens::parse_u64("18446744073709551616").has_value());
}
