// /proc/meminfo and /proc/vmstat parsing.
#include <gtest/gtest.h>

#include "fake_tree.h"
#include "lib/procfs.h"

TEST(Meminfo, ParsesKbAndUnitlessLines) {
    const auto m = ingens::parse_meminfo(
        "MemTotal:       16318536 kB\n"
        "AnonPages:        812344 kB\n"
        "AnonHugePages:    204800 kB\n"
        "HugePages_Total:       0\n"
        "garbage line\n"
        "Broken:        xyz kB\n");
    EXPECT_EQ(m.size(), 4u);
    EXPECT_EQ(m.at("MemTotal"), 16318536u);
    EXPECT_EQ(m.at("AnonPages"), 812344u);
    EXPECT_EQ(m.at("AnonHugePages"), 204800u);
    EXPECT_EQ(m.at("HugePages_Total"), 0u);
    EXPECT_EQ(m.count("Broken"), 0u);
}

TEST(Meminfo, Coverage) {
    const auto c = ingens::coverage_from_meminfo({{"AnonPages", 1000}, {"AnonHugePages", 250}});
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->anon_kb, 1000u);
    EXPECT_EQ(c->anon_huge_kb, 250u);
    EXPECT_DOUBLE_EQ(c->percent, 25.0);

    EXPECT_DOUBLE_EQ(
        ingens::coverage_from_meminfo({{"AnonPages", 0}, {"AnonHugePages", 0}})->percent, 0.0);
    // Sampling skew can make huge > total; never report more than 100%.
    EXPECT_DOUBLE_EQ(
        ingens::coverage_from_meminfo({{"AnonPages", 100}, {"AnonHugePages", 120}})->percent,
        100.0);
    EXPECT_FALSE(ingens::coverage_from_meminfo({{"AnonPages", 100}}).has_value());
}

TEST(Vmstat, ParsesNameValueLines) {
    const auto v = ingens::parse_vmstat(
        "nr_free_pages 12345\n"
        "thp_fault_alloc 42\n"
        "bogus\n"
        "ingens_promotions 3");  // no final newline
    EXPECT_EQ(v.size(), 3u);
    EXPECT_EQ(v.at("nr_free_pages"), 12345u);
    EXPECT_EQ(v.at("thp_fault_alloc"), 42u);
    EXPECT_EQ(v.at("ingens_promotions"), 3u);
}

TEST(Vmstat, ThpItemFilter) {
    EXPECT_TRUE(ingens::is_thp_vmstat_item("thp_fault_alloc"));
    EXPECT_TRUE(ingens::is_thp_vmstat_item("ingens_promotions"));
    EXPECT_FALSE(ingens::is_thp_vmstat_item("nr_anon_transparent_hugepages"));
    EXPECT_FALSE(ingens::is_thp_vmstat_item("compact_stall"));
}

TEST(Procfs, ReadsFilesAndToleratesMissing) {
    ingens::test::FakeTree t;
    EXPECT_TRUE(ingens::read_meminfo(t.paths()).empty());
    EXPECT_TRUE(ingens::read_vmstat(t.paths()).empty());
    t.add_meminfo(2048, 1024);
    t.add_vmstat();
    EXPECT_EQ(ingens::read_meminfo(t.paths()).at("AnonHugePages"), 1024u);
    EXPECT_EQ(ingens::read_vmstat(t.paths()).at("thp_collapse_alloc"), 7u);
}
