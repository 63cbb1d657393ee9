// /proc/<pid>/ingens and the per-process model.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "fake_tree.h"
#include "lib/process.h"
#include "samples.h"

using ingens::parse_proc_ingens;
using ingens::test::FakeTree;
using ingens::test::kProcIngens;

TEST(ProcIngens, ParsesSummaryHistogramAndRegions) {
    const auto g = parse_proc_ingens(kProcIngens);
    EXPECT_EQ(g.count("regions"), 3u);
    EXPECT_EQ(g.count("queued"), 1u);
    EXPECT_EQ(g.count("nonexistent"), 0u);
    ASSERT_EQ(g.util_histogram.size(), 10u);
    EXPECT_EQ(g.util_histogram[9], 2u);
    ASSERT_EQ(g.regions.size(), 3u);
    EXPECT_EQ(g.regions[0].address, 0x7f0000000000u);
    EXPECT_EQ(g.regions[1].state, "queued");
    EXPECT_EQ(g.regions[1].util, 480u);
    EXPECT_EQ(g.regions[1].access, 12u);
    EXPECT_EQ(g.regions[1].freq, 5u);
}

TEST(ProcIngens, IdleHugeIsDerivedUnlessTheKernelSaysSo) {
    EXPECT_EQ(parse_proc_ingens(kProcIngens).idle_huge(), 1u);
    const auto newer = parse_proc_ingens(fmt::format("{}idle_huge:\t7\nshare:\t500\n", kProcIngens));
    EXPECT_EQ(newer.idle_huge(), 7u);
    EXPECT_EQ(newer.count("share"), 500u);
}

TEST(ProcIngens, GarbageLinesAreSkipped) {
    const auto g = parse_proc_ingens("regions:\tlots\nzzzz huge 1 2 3\n7f00 huge x 1 1\n");
    EXPECT_EQ(g.count("regions"), 0u);
    EXPECT_TRUE(g.regions.empty());
}

TEST(Process, ReadsEverySource) {
    FakeTree t;
    t.add_process(4242, "myapp", kProcIngens, 10240, 8192, 2048, 10000);
    const auto p = ingens::read_process(t.paths(), 4242);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->comm, "myapp");
    EXPECT_EQ(p->rss_kb, 10240u);
    EXPECT_EQ(p->anon_kb, 8192u);
    EXPECT_EQ(p->anon_huge_kb, 2048u);
    EXPECT_DOUBLE_EQ(p->coverage_percent(), 25.0);
    EXPECT_EQ(p->share, 10000u);
}

TEST(Process, ShareFromSummaryWhenNoShareFile) {
    FakeTree t;
    t.add_process(7, "a", fmt::format("{}share:\t42\n", kProcIngens), 1, 1, 0);
    EXPECT_EQ(ingens::read_process(t.paths(), 7)->share, 42u);
    t.add_process(8, "b", kProcIngens, 1, 1, 0);
    EXPECT_FALSE(ingens::read_process(t.paths(), 8)->share.has_value());
}

TEST(Process, MissingProcessIsNullopt) {
    FakeTree t;
    EXPECT_FALSE(ingens::read_process(t.paths(), 99).has_value());
}

TEST(Process, ListsNumericDirectoriesOnly) {
    FakeTree t;
    t.add_process(30, "a", kProcIngens, 1, 1, 0);
    t.add_process(4, "b", kProcIngens, 1, 1, 0);
    t.write("proc/self/comm", "x\n");
    t.write("proc/meminfo", "");
    EXPECT_EQ(ingens::list_pids(t.paths()), (std::vector<int>{4, 30}));
}

TEST(Process, JsonSchema) {
    FakeTree t;
    t.add_process(4242, "myapp", kProcIngens, 10240, 8192, 2048, 10000);
    const auto j = ingens::process_to_json(*ingens::read_process(t.paths(), 4242), true);
    for (auto key : {"pid", "comm", "rss_kb", "anon_kb", "anon_huge_kb", "huge_mib",
                     "coverage_percent", "share", "regions", "base", "queued", "huge",
                     "idle_huge", "util_histogram", "summary", "region_list"}) {
        EXPECT_TRUE(j.contains(key)) << key;
    }
    EXPECT_EQ(j["region_list"][0]["address"], "0x7f0000000000");
    EXPECT_EQ(j["region_list"][0]["util_percent"], 100.0);
    EXPECT_FALSE(ingens::process_to_json(*ingens::read_process(t.paths(), 4242), false)
                     .contains("region_list"));
}

// QEMU's `-name [guest=]NAME[,process=P][,debug-threads=on]`, NUL-separated as in cmdline.
TEST(QemuGuestName, EveryFormOfName) {
    using namespace std::string_literals;
    EXPECT_EQ(ingens::qemu_guest_name("qemu-system-x86_64\0-m\0512\0-name\0web1\0"s), "web1");
    EXPECT_EQ(ingens::qemu_guest_name("/usr/bin/qemu-system-x86_64\0-name\0guest=db,debug-threads=on"s),
              "db");
    EXPECT_EQ(ingens::qemu_guest_name("qemu-kvm\0--name\0process=q,guest=a,,b"s), "a,b");
    EXPECT_EQ(ingens::qemu_guest_name("qemu-system-x86_64\0-name\0first\0-name\0last"s), "last");
}

TEST(QemuGuestName, NotAQemuGuest) {
    using namespace std::string_literals;
    EXPECT_EQ(ingens::qemu_guest_name("myapp\0-name\0web1"s), "");
    EXPECT_EQ(ingens::qemu_guest_name("qemu-system-x86_64\0-m\0512"s), "");
    EXPECT_EQ(ingens::qemu_guest_name("qemu-system-x86_64\0-name"s), "");
    EXPECT_EQ(ingens::qemu_guest_name("qemu-system-x86_64\0-name\0process=q"s), "");
    EXPECT_EQ(ingens::qemu_guest_name(""), "");
}

TEST(Process, QemuGuestIsNamedByItsName) {
    using namespace std::string_literals;
    FakeTree t;
    t.add_process(77, "qemu-system-x86", kProcIngens, 1, 1, 0);
    t.write("proc/77/cmdline", "qemu-system-x86_64\0-name\0guest=vm0\0-m\0512\0"s);
    const auto p = ingens::read_process(t.paths(), 77);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->vm_name, "vm0");
    EXPECT_EQ(p->display_name(), "vm:vm0");
    EXPECT_EQ(ingens::process_to_json(*p, false)["vm_name"], "vm0");
    t.add_process(78, "myapp", kProcIngens, 1, 1, 0);
    EXPECT_EQ(ingens::read_process(t.paths(), 78)->display_name(), "myapp");
    EXPECT_TRUE(ingens::process_to_json(*ingens::read_process(t.paths(), 78), false)["vm_name"].is_null());
}
