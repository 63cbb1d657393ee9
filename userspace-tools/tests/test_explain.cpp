// `explain`: each reason a process or region is not huge, found from what
// the kernel shows, and nothing reported where nothing stands in the way.
#include <gtest/gtest.h>

#include "cli_runner.h"
#include "lib/explain.h"
#include "samples.h"

using ingens::test::contains;
using ingens::test::FakeTree;
using ingens::test::roots;
using ingens::test::run_cli;

namespace {

constexpr const char* kSmaps =
    "7f0000000000-7f0000600000 rw-p 00000000 00:00 0 \n"
    "Size:               6144 kB\n"
    "VmFlags: rd wr mr mw me ac \n"
    "7f0000800000-7f0000900000 rw-p 00000000 00:00 0 \n"
    "Size:               1024 kB\n"
    "VmFlags: rd wr mr mw me ac nh \n"
    "7f1000000000-7f1000200000 r--p 00000000 08:01 42        /usr/lib/libc.so.6\n"
    "VmFlags: rd mr mw me \n";

void add_process(const FakeTree& t, std::uint64_t share = 10000) {
    t.add_everything();
    t.add_buddyinfo();
    t.add_process(4242, "myapp", ingens::test::kProcIngens, 10240, 8192, 2048, share);
    t.write("proc/4242/smaps", kSmaps);
}

std::string explain(const FakeTree& t, const std::string& args) {
    const auto r = run_cli(roots(t) + " explain --watch 0 4242 " + args, true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return r.out;
}

}  // namespace

TEST(Explain, NamesEveryObstacleWithItsFix) {
    FakeTree t;
    add_process(t, 0);
    t.add_thp("madvise", "madvise");
    t.write("proc/4242/status",
            "Name:\tmyapp\nVmRSS:\t10240 kB\nRssAnon:\t8192 kB\nTHP_enabled:\t0\n");
    t.write("proc/4242/cgroup", "0::/jobs/a\n");
    t.write("sys/fs/cgroup/jobs/a/memory.max", "104857600\n");
    t.write("sys/fs/cgroup/jobs/a/memory.current", "104000000\n");
    const auto out = explain(t, "");
    EXPECT_TRUE(contains(out, "NO  THP enabled = madvise and no mapping of this process is "
                              "MADV_HUGEPAGE")) << out;
    EXPECT_TRUE(contains(out, "NO  the process turned THP off for itself")) << out;
    EXPECT_TRUE(contains(out, "NO  1.0 MiB of its mappings are MADV_NOHUGEPAGE")) << out;
    EXPECT_TRUE(contains(out, "NO  its share is 0")) << out;
    EXPECT_TRUE(contains(out, "-> ingensctl proc 4242 share 10000")) << out;
    EXPECT_TRUE(contains(out, "NO  its memory cgroup /jobs/a has 0.8 MiB of room")) << out;
    EXPECT_TRUE(contains(out, "5 thing(s) stand in the way")) << out;
}

TEST(Explain, Regions) {
    FakeTree t;
    add_process(t);
    auto out = explain(t, "0x7f0000400123");
    EXPECT_TRUE(contains(out, "NO  region 0x7f0000400000 has 300 of 512 pages populated; "
                              "promotion starts at 461 (util_threshold 90%)")) << out;
    out = explain(t, "7f0000000000");
    EXPECT_TRUE(contains(out, "ok  region 0x7f0000000000 is huge")) << out;
    out = explain(t, "0x7f0000800000");
    EXPECT_TRUE(contains(out, "does not fit its mapping")) << out;
    EXPECT_TRUE(contains(out, "NO  its mapping is MADV_NOHUGEPAGE")) << out;
    out = explain(t, "0x7f1000000000");
    EXPECT_TRUE(contains(out, "file mapping (/usr/lib/libc.so.6)")) << out;
    out = explain(t, "0x10");
    EXPECT_TRUE(contains(out, "0x10 is not mapped")) << out;
    EXPECT_EQ(run_cli(roots(t) + " explain 4242 zz").exit_code, 1);
}

TEST(Explain, NothingInTheWay) {
    FakeTree t;
    add_process(t);
    t.add_thp("always", "madvise");
    t.write("proc/4242/smaps", std::string(kSmaps).substr(0, std::string(kSmaps).find("7f00008")));
    const auto out = explain(t, "0x7f0000200000");
    EXPECT_TRUE(contains(out, "ok  THP enabled = always, defrag = madvise")) << out;
    EXPECT_TRUE(contains(out, "ok  region 0x7f0000200000 is queued for promotion")) << out;
    EXPECT_TRUE(contains(out, "nothing stands in the way of huge pages")) << out;
}

TEST(Explain, ScarceHugePagesAndAFailingPromoter) {
    FakeTree t;
    add_process(t);
    t.write("proc/buddyinfo", "Node 0, zone   Normal   1024    512      0      0      0      0"
                              "      0      0      0      0      0 \n");
    ingens::CounterSnapshot before, after;
    before.stats = {{"promoted", 10}, {"promote_failed", 3}};
    after.stats = {{"promoted", 10}, {"promote_failed", 7}};
    const auto e = ingens::explain_process(t.paths(), 4242, std::nullopt, before, after);
    const auto text = ingens::render_explanation(e);
    EXPECT_TRUE(contains(text, "NO  0 free 2 MiB blocks; FMFI up to 1000 per mille")) << text;
    EXPECT_TRUE(contains(text, "NO  the promoter is failing (4 failed promotions")) << text;
    const auto j = ingens::explanation_to_json(e);
    EXPECT_EQ(j["pid"], 4242);
    EXPECT_TRUE(j["findings"].is_array());
}

// THP off under an enabled Ingens is one reason, not two.
TEST(Explain, ThpOffOnce) {
    FakeTree t;
    add_process(t);
    t.add_thp("never", "madvise");
    const auto out = explain(t, "");
    EXPECT_EQ(out.find("THP is off"), out.rfind("THP is off")) << out;
}
