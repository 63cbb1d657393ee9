// Counter deltas for `stats`.
#include <gtest/gtest.h>

#include "fake_tree.h"
#include "lib/counters.h"

using ingens::CounterSnapshot;

namespace {

const ingens::CounterDelta& find(const std::vector<ingens::CounterDelta>& ds, std::string_view n) {
    for (const auto& d : ds) {
        if (d.name == n) return d;
    }
    throw std::runtime_error("no counter " + std::string(n));
}

}  // namespace

TEST(Counters, RatesPerSecond) {
    CounterSnapshot a{{{"promoted", 10}, {"regions_tracked", 50}}, {{"thp_fault_alloc", 5}}};
    CounterSnapshot b{{{"promoted", 30}, {"regions_tracked", 40}, {"demoted", 4}},
                      {{"thp_fault_alloc", 9}}};
    const auto ds = ingens::counter_deltas(a, b, 2.0);
    ASSERT_EQ(ds.size(), 4u);
    EXPECT_EQ(ds.front().source, "stats");
    EXPECT_EQ(ds.back().source, "vmstat");
    EXPECT_EQ(find(ds, "promoted").delta, 20);
    EXPECT_DOUBLE_EQ(find(ds, "promoted").per_second, 10.0);
    EXPECT_TRUE(find(ds, "regions_tracked").gauge);
    EXPECT_EQ(find(ds, "regions_tracked").delta, -10);
    EXPECT_DOUBLE_EQ(find(ds, "regions_tracked").per_second, 0.0);
    EXPECT_EQ(find(ds, "demoted").delta, 0);  // new in b: no rate yet
    EXPECT_EQ(find(ds, "demoted").value, 4u);
    EXPECT_DOUBLE_EQ(find(ds, "thp_fault_alloc").per_second, 2.0);
}

TEST(Counters, SnapshotFromTree) {
    ingens::test::FakeTree t;
    t.add_everything();
    const auto s = ingens::take_counter_snapshot(t.paths());
    EXPECT_EQ(s.stats.at("promotions"), 3u);
    EXPECT_EQ(s.vmstat.count("nr_free_pages"), 0u);
    EXPECT_EQ(s.vmstat.at("thp_fault_alloc"), 42u);
}

TEST(Counters, JsonAndText) {
    CounterSnapshot a{{{"promoted", 10}, {"regions_queued", 1}}, {{"thp_split_page", 0}}};
    CounterSnapshot b{{{"promoted", 15}, {"regions_queued", 3}}, {{"thp_split_page", 0}}};
    const auto ds = ingens::counter_deltas(a, b, 0.5);
    const auto j = ingens::deltas_to_json(ds, 0.5);
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["stats"]["promoted"]["per_second"], 10.0);
    EXPECT_EQ(j["stats"]["promoted"]["kind"], "counter");
    EXPECT_EQ(j["stats"]["regions_queued"]["kind"], "gauge");
    EXPECT_EQ(j["vmstat"]["thp_split_page"]["delta"], 0);

    const std::string text = ingens::render_deltas(ds, 0.5, false);
    EXPECT_NE(text.find("promoted                                             15         10.0"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("+2 now"), std::string::npos) << text;
    EXPECT_EQ(text.find("thp_split_page"), std::string::npos) << text;  // unchanged vmstat
    EXPECT_NE(ingens::render_deltas(ds, 0.5, true).find("vmstat:thp_split_page"),
              std::string::npos);
}
