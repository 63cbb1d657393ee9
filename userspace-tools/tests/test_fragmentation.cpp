// FMFI from /proc/buddyinfo.
#include <gtest/gtest.h>

#include "fake_tree.h"
#include "lib/fragmentation.h"

using ingens::parse_buddyinfo;

TEST(Fragmentation, ParsesZones) {
    const auto zones = parse_buddyinfo(
        "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1"
        "      1      3 \n"
        "Node 1, zone    DMA32      1      1      4      2      5      4      3      3      4"
        "      2    752 \n");
    ASSERT_EQ(zones.size(), 2u);
    EXPECT_EQ(zones[0].node, 0);
    EXPECT_EQ(zones[0].zone, "DMA");
    EXPECT_EQ(zones[1].node, 1);
    EXPECT_EQ(zones[1].free_blocks.size(), 11u);
    EXPECT_EQ(zones[0].free_pages(), 256u + 512u + 3u * 1024u);
}

TEST(Fragmentation, IndexIsShareOfFreeMemoryBelowOrder9) {
    ingens::ZoneFree z;
    z.free_blocks = {512, 0, 0, 0, 0, 0, 0, 0, 0, 1};  // 512 single pages, one 2 MiB block
    ASSERT_TRUE(z.fmfi().has_value());
    EXPECT_DOUBLE_EQ(*z.fmfi(), 0.5);
    z.free_blocks = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4};
    EXPECT_DOUBLE_EQ(*z.fmfi(), 0.0);
    z.free_blocks = {7, 3};
    EXPECT_DOUBLE_EQ(*z.fmfi(), 1.0);
    z.free_blocks = {0, 0, 0};
    EXPECT_FALSE(z.fmfi().has_value());  // no free memory: undefined
}

TEST(Fragmentation, MalformedLinesAreSkipped) {
    EXPECT_TRUE(parse_buddyinfo("garbage\nNode x, zone Normal 1 2\nNode 0, zone Normal 1 x\n")
                    .empty());
}

TEST(Fragmentation, JsonPerZone) {
    ingens::test::FakeTree t;
    t.add_buddyinfo();
    const auto j = ingens::fragmentation_to_json(ingens::read_buddyinfo(t.paths()));
    ASSERT_EQ(j.size(), 2u);
    EXPECT_EQ(j[0]["zone"], "DMA");
    EXPECT_EQ(j[0]["huge_blocks_free"], 1 + 3 * 2);  // one order-9, three order-10
    EXPECT_EQ(j[1]["fmfi_permille"], 1000);  // only order-0/1 blocks free
    EXPECT_EQ(j[1]["free_pages"], 1024 + 1024);
}

TEST(Fragmentation, MissingBuddyinfoIsEmpty) {
    ingens::test::FakeTree t;
    EXPECT_TRUE(ingens::read_buddyinfo(t.paths()).empty());
}
