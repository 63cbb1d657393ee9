// Aggregates over traced events: interval counts and latency histograms.
#include <gtest/gtest.h>

#include "lib/trace_stats.h"

namespace {

ingens::TraceEvent event(const char* name, std::optional<std::int64_t> latency = {}) {
    ingens::TraceEvent ev;
    ev.name = name;
    if (latency) ev.fields.push_back({"latency_ns", *latency, false, std::to_string(*latency)});
    return ev;
}

}  // namespace

TEST(TraceStats, Log2Buckets) {
    ingens::Log2Histogram h;
    for (std::uint64_t v : {0u, 1u, 1500u, 1800u, 3000u}) h.add(v);
    EXPECT_EQ(h.count(), 5u);
    EXPECT_EQ(h.min(), 0u);
    EXPECT_EQ(h.max(), 3000u);
    EXPECT_DOUBLE_EQ(h.mean(), 1260.2);
    const auto j = h.to_json();
    ASSERT_EQ(j["buckets"].size(), 3u);
    EXPECT_EQ(j["buckets"][0]["count"], 2);     // [0, 2)
    EXPECT_EQ(j["buckets"][1]["from_ns"], 1024);  // 1500 and 1800
    EXPECT_EQ(j["buckets"][1]["count"], 2);
    EXPECT_EQ(j["buckets"][2]["from_ns"], 2048);
    const auto text = h.render("x.latency_ns");
    EXPECT_NE(text.find("[1K, 2K)"), std::string::npos) << text;
    // Empty buckets between used ones are shown, so the shape is honest.
    EXPECT_NE(text.find("[512, 1K)"), std::string::npos) << text;
}

TEST(TraceStats, Pow2Labels) {
    EXPECT_EQ(ingens::pow2_label(512), "512");
    EXPECT_EQ(ingens::pow2_label(1024), "1K");
    EXPECT_EQ(ingens::pow2_label(std::uint64_t{1} << 21), "2M");
    EXPECT_EQ(ingens::pow2_label(std::uint64_t{1} << 63), "8E");
}

TEST(TraceStats, TallyCountsAndHistograms) {
    ingens::TraceTally t;
    t.add(event("ingens_promote", 2000000));
    t.add(event("ingens_promote", 3000000));
    t.add(event("ingens_scan"));
    t.add_lost(5);
    t.add_lost(-1);
    EXPECT_EQ(t.counts["ingens_promote"], 2u);
    EXPECT_EQ(t.histograms["ingens_promote.latency_ns"].count(), 2u);
    const std::vector<std::string> events{"ingens_promote", "ingens_scan", "ingens_demote"};
    const auto text = ingens::render_interval(1.0, t, events);
    EXPECT_NE(text.find("      1.000000          2 ingens_promote\n"), std::string::npos) << text;
    EXPECT_NE(text.find("          0 ingens_demote\n"), std::string::npos) << text;
    EXPECT_NE(text.find("5 lost events (and more"), std::string::npos) << text;
    const auto j = ingens::interval_to_json(1.0, t, events);
    EXPECT_EQ(j["counts"]["ingens_demote"], 0);
    EXPECT_EQ(j["lost"], 5);
    t.clear_counts();
    EXPECT_TRUE(t.counts.empty());
    EXPECT_EQ(t.lost, 0u);
    EXPECT_EQ(t.histograms["ingens_promote.latency_ns"].count(), 2u);  // kept to the end
}
