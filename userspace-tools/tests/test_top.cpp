// The table behind `top`, and what `top --once` prints.
#include <gtest/gtest.h>

#include "fake_tree.h"
#include "lib/error.h"
#include "lib/top_table.h"
#include "samples.h"

using ingens::SortKey;
using ingens::test::FakeTree;
using ingens::test::kProcIngens;

namespace {

void add_three(const FakeTree& t) {
    t.add_process(10, "small", kProcIngens, 4096, 4096, 2048, 10000);
    t.add_process(20, "big", kProcIngens, 900000, 800000, 400000, 5000);
    t.add_process(30, "idle", "enabled:\t1\nregions:\t0\n", 100, 100, 0);  // nothing tracked
}

std::vector<int> pids(const ingens::TopSnapshot& s) {
    std::vector<int> out;
    for (const auto& p : s.rows) out.push_back(p.pid);
    return out;
}

}  // namespace

TEST(Top, CollectsTrackedProcessesOnly) {
    FakeTree t;
    add_three(t);
    EXPECT_EQ(pids(ingens::collect_top(t.paths(), false)), (std::vector<int>{10, 20}));
    EXPECT_EQ(pids(ingens::collect_top(t.paths(), true)), (std::vector<int>{10, 20, 30}));
}

TEST(Top, Sorts) {
    FakeTree t;
    add_three(t);
    auto snap = ingens::collect_top(t.paths(), true);
    ingens::sort_rows(snap.rows, SortKey::Huge);
    EXPECT_EQ(pids(snap), (std::vector<int>{20, 10, 30}));
    ingens::sort_rows(snap.rows, SortKey::Coverage);
    EXPECT_EQ(pids(snap), (std::vector<int>{10, 20, 30}));  // both 50%: ties go by pid
    ingens::sort_rows(snap.rows, SortKey::Comm);
    EXPECT_EQ(pids(snap), (std::vector<int>{20, 30, 10}));
    ingens::sort_rows(snap.rows, SortKey::Share);
    EXPECT_EQ(pids(snap), (std::vector<int>{10, 20, 30}));  // no share sorts last
    ingens::sort_rows(snap.rows, SortKey::Pid);
    EXPECT_EQ(pids(snap), (std::vector<int>{10, 20, 30}));
}

TEST(Top, SortKeysByNameAndHotkey) {
    EXPECT_EQ(ingens::parse_sort_key("rss"), SortKey::Rss);
    EXPECT_FALSE(ingens::parse_sort_key("size").has_value());
    EXPECT_EQ(ingens::sort_key_for_hotkey('h'), SortKey::Huge);
    EXPECT_FALSE(ingens::sort_key_for_hotkey('q').has_value());  // q quits
    for (const auto& k : ingens::sort_keys()) {
        EXPECT_EQ(ingens::parse_sort_key(k.name), k.key);
        EXPECT_EQ(ingens::sort_key_for_hotkey(k.hotkey), k.key);
    }
}

TEST(Top, HistogramBar) {
    const std::vector<std::uint64_t> b{0, 0, 0, 0, 0, 1, 0, 0, 0, 2};
    EXPECT_EQ(ingens::histogram_bar(b), "     +   @");
    EXPECT_EQ(ingens::histogram_bar(std::vector<std::uint64_t>(10, 0)), "          ");
    EXPECT_EQ(ingens::histogram_bar(std::vector<std::uint64_t>{1000, 1}), "@.");
}

ingens::TopLayout layout_by(SortKey key, std::size_t width = 0, std::size_t max_rows = 0) {
    ingens::TopLayout l;
    l.key = key;
    l.width = width;
    l.max_rows = max_rows;
    return l;
}

TEST(Top, OnceRendering) {
    FakeTree t;
    add_three(t);
    auto snap = ingens::collect_top(t.paths(), false);
    ingens::sort_rows(snap.rows, SortKey::Huge);
    const std::string text = ingens::render_top(snap, layout_by(SortKey::Huge));
    EXPECT_EQ(text,
              "    PID COMMAND          RSS_MiB HUGE_MiB  COV% UTIL_0-100%   REGS  IDLE QUEUE   "
              "SHARE\n"
              "     20 big                878.9    390.6  50.0 [     +   @]     3     1     1    "
              "5000\n"
              "     10 small                4.0      2.0  50.0 [     +   @]     3     1     1   "
              "10000\n"
              "2 process(es) with Ingens regions or huge pages, sorted by huge\n");
    const std::string one = ingens::render_top(snap, layout_by(SortKey::Huge, 0, 1));
    EXPECT_EQ(one.find(" small "), std::string::npos);
}

// Bug 4: on 80 columns the rows were 95 wide and wrapped.
TEST(Top, FitsTheWidthItIsGiven) {
    FakeTree t;
    add_three(t);
    t.write("proc/20/comm", "a-process-name-far-too-long-for-any-column\n");
    auto snap = ingens::collect_top(t.paths(), false);
    ingens::sort_rows(snap.rows, SortKey::Huge);
    for (std::size_t width : {80u, 60u, 132u}) {
        const auto lines = ingens::render_top_lines(snap, layout_by(SortKey::Huge, width));
        ASSERT_EQ(lines.size(), 4u);
        for (const auto& l : lines) EXPECT_LE(l.size(), width) << l;
    }
    // At 80 every default column is there, the name cut to what is left.
    const auto at80 = ingens::render_top_lines(snap, layout_by(SortKey::Huge, 80));
    EXPECT_TRUE(at80[0].ends_with("SHARE")) << at80[0];
    EXPECT_NE(at80[1].find(" a-process "), std::string::npos) << at80[1];
    // Wider, the name gets more room (up to 24).
    const auto at132 = ingens::render_top_lines(snap, layout_by(SortKey::Huge, 132));
    EXPECT_NE(at132[1].find(" a-process-name-far-too-l "), std::string::npos) << at132[1];
}

TEST(Top, ReverseColumnsAndFilters) {
    FakeTree t;
    add_three(t);
    t.write("proc/10/cgroup", "0::/vms/vm0\n");
    t.write("proc/20/cgroup", "0::/system.slice\n");
    auto snap = ingens::collect_top(t.paths(), true);
    ingens::sort_rows(snap.rows, SortKey::Huge, true);
    EXPECT_EQ(pids(snap), (std::vector<int>{30, 10, 20}));
    ingens::TopFilter by_cgroup;
    by_cgroup.cgroup = "/vms";
    EXPECT_EQ(pids(ingens::collect_top(t.paths(), true, by_cgroup)), (std::vector<int>{10}));
    by_cgroup.cgroup = "/vm";  // a prefix of a name is no parent
    EXPECT_TRUE(ingens::collect_top(t.paths(), true, by_cgroup).rows.empty());
    ingens::TopFilter by_comm;
    by_comm.comm = "ig";
    EXPECT_EQ(pids(ingens::collect_top(t.paths(), true, by_comm)), (std::vector<int>{20}));
    ingens::TopFilter by_pid;
    by_pid.pids = {30, 10};
    EXPECT_EQ(pids(ingens::collect_top(t.paths(), true, by_pid)), (std::vector<int>{10, 30}));
    auto layout = layout_by(SortKey::Pid);
    layout.columns = ingens::parse_columns("pid,cgroup,fair");
    const auto lines = ingens::render_top_lines(snap, layout);
    EXPECT_EQ(lines[0], "    PID CGROUP                FAIR");
    EXPECT_THROW(ingens::parse_columns("pid,size"), ingens::Error);
}

TEST(Top, FairnessColumnIsTheKernelsMetric) {
    FakeTree t;
    t.add_process(10, "fair", ingens::test::kProcIngensFair, 4096, 4096, 2048, 10000);
    t.add_process(20, "plain", kProcIngens, 4096, 4096, 2048, 10000);
    auto snap = ingens::collect_top(t.paths(), false);
    ingens::sort_rows(snap.rows, SortKey::Fair);
    EXPECT_EQ(pids(snap), (std::vector<int>{10, 20}));  // no metric sorts last
    ingens::sort_rows(snap.rows, SortKey::Fair, true);
    EXPECT_EQ(pids(snap), (std::vector<int>{10, 20}));  // reversed too
    auto layout = layout_by(SortKey::Fair);
    layout.columns = ingens::parse_columns("pid,fair");
    const auto lines = ingens::render_top_lines(snap, layout);
    EXPECT_EQ(lines[1], "     10   3333333");
    EXPECT_EQ(lines[2], "     20         -");
}

TEST(Top, JsonSchema) {
    FakeTree t;
    add_three(t);
    auto snap = ingens::collect_top(t.paths(), false);
    const auto j = ingens::top_to_json(snap, SortKey::Rss, false);
    EXPECT_EQ(j["schema_version"], 2);
    EXPECT_EQ(j["sort"], "rss");
    EXPECT_EQ(j["reverse"], false);
    EXPECT_EQ(j["unreadable"], 0);
    ASSERT_EQ(j["processes"].size(), 2u);
    EXPECT_EQ(j["processes"][0]["pid"], 10);
    EXPECT_EQ(j["processes"][0]["idle_huge"], 1);
    EXPECT_FALSE(j["processes"][0].contains("region_list"));
}

TEST(Top, QemuGuestsShowTheirName) {
    using namespace std::string_literals;
    FakeTree t;
    add_three(t);
    t.write("proc/20/cmdline", "/usr/bin/qemu-system-x86_64\0-name\0guest=web,debug-threads=on\0"s);
    auto snap = ingens::collect_top(t.paths(), false);
    ingens::sort_rows(snap.rows, SortKey::Comm);
    const std::string text = ingens::render_top(snap, layout_by(SortKey::Comm));
    EXPECT_NE(text.find("     20 vm:web "), std::string::npos) << text;
    // Sorted by the name shown: "small" before "vm:web".
    EXPECT_LT(text.find(" small "), text.find(" vm:web "));
}
