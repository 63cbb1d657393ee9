// record and report: a recording of a fake tree, read back, summarised,
// drawn in the terminal and plotted with gnuplot.
#include <gtest/gtest.h>

#include "cli_runner.h"
#include "lib/error.h"
#include "lib/fileio.h"
#include "lib/recording.h"
#include "samples.h"

using ingens::test::contains;
using ingens::test::FakeTree;
using ingens::test::roots;
using ingens::test::run_cli;

namespace {

void add_processes(const FakeTree& t) {
    t.add_everything();
    t.add_buddyinfo();
    t.add_process(4242, "myapp", ingens::test::kProcIngens, 10240, 8192, 2048, 10000);
    t.add_process(4343, "other", "enabled:\t1\nregions:\t1\nbase:\t1\n# address state util "
                                 "access freq\n7f0000000000 base 100 0 0\n",
                  1024, 1024, 0, 10000);
}

}  // namespace

TEST(Recording, RecordReadBackAndSummarise) {
    FakeTree t;
    add_processes(t);
    const std::string file = (t.root() / "r.ndjson").string();
    auto r = run_cli(roots(t) + " record -o '" + file + "' -t 0.12 -d 0.05", true);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "ingensctl: 3 samples in")) << r.out;
    const auto text = ingens::read_file(file);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4);  // header and three samples
    const auto rec = ingens::parse_recording(text, file);
    ASSERT_EQ(rec.samples.size(), 3u);
    ASSERT_EQ(rec.samples[0].processes.size(), 2u);
    EXPECT_EQ(rec.samples[0].processes[0].regions.size(), 3u);
    EXPECT_EQ(rec.samples[0].processes[0].regions[1].address, 0x7f0000200000u);
    EXPECT_EQ(rec.header["knobs"]["util_threshold"], "90");
    const auto summary = ingens::render_summary(rec);
    EXPECT_TRUE(contains(summary, "3 samples over")) << summary;
    EXPECT_TRUE(contains(summary, "   4242 myapp               25.0    25.0    25.0    25.0"))
        << summary;
    r = run_cli("report '" + file + "'", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "pid 4242: access frequency of its 3 regions")) << r.out;
    EXPECT_TRUE(contains(r.out, "  7f0000000000 |")) << r.out;
    EXPECT_TRUE(contains(r.out, "      coverage |")) << r.out;
}

TEST(Recording, HeatMapShadesByFrequencyAndMergesRows) {
    ingens::Recording rec;
    rec.header = {{"type", "header"}};
    for (int s = 0; s < 4; ++s) {
        ingens::Sample sample;
        sample.seconds = s;
        ingens::ProcessSample p;
        p.pid = 7;
        p.coverage_percent = 25.0 * s;
        for (unsigned i = 0; i < 8; ++i) {
            p.regions.push_back({0x200000u * i, "base", 512, i == 0 ? 9u : 0u});
        }
        sample.processes.push_back(p);
        rec.samples.push_back(sample);
    }
    const auto map = ingens::render_heatmap(rec, 0, 4, 80);
    EXPECT_TRUE(contains(map, "             0 |@@@@|")) << map;  // the hot region
    EXPECT_TRUE(contains(map, "        400000 |    |")) << map;  // two cold ones merged
    EXPECT_TRUE(contains(map, "      coverage | :+#|")) << map;
}

TEST(Recording, NotARecording) {
    EXPECT_THROW(ingens::parse_recording("{\"type\": \"sample\"}\n", "x"), ingens::Error);
    EXPECT_THROW(ingens::parse_recording("not json\n", "x"), ingens::Error);
}

TEST(Recording, PlotsWithGnuplot) {
    FakeTree t;
    add_processes(t);
    const std::string file = (t.root() / "r.ndjson").string();
    ASSERT_EQ(run_cli(roots(t) + " record -o '" + file + "' -n 2 -d 0.05").exit_code, 0);
    const std::string png = (t.root() / "r.png").string();
    const auto r = run_cli("report '" + file + "' --plot '" + png + "'", true);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto bytes = ingens::read_file(png);
    ASSERT_GT(bytes.size(), 1000u);
    EXPECT_EQ(bytes.substr(1, 3), "PNG");
}

// record -p follows processes until they exit; one that exited but was not
// waited for (a zombie) has exited.
TEST(Recording, FollowsProcessesUntilTheyExit) {
    FakeTree t;
    add_processes(t);
    const std::string file = (t.root() / "r.ndjson").string();
    t.write("proc/4242/stat", "4242 (my app) S 1 4242 4242 0 -1\n");
    ASSERT_EQ(run_cli(roots(t) + " record -o '" + file + "' -p 4242 -n 3 -d 0.05").exit_code, 0);
    EXPECT_EQ(ingens::parse_recording(ingens::read_file(file), file).samples.size(), 3u);
    t.write("proc/4242/stat", "4242 (my app) Z 1 4242 4242 0 -1\n");
    ASSERT_EQ(run_cli(roots(t) + " record -o '" + file + "' -p 4242 -n 3 -d 0.05").exit_code, 0);
    EXPECT_EQ(ingens::parse_recording(ingens::read_file(file), file).samples.size(), 1u);
}

// A process may name itself anything: its name must not run as gnuplot (or
// shell) commands when its recording is plotted.
TEST(Recording, NamesCannotInjectGnuplotCommands) {
    FakeTree t;
    add_processes(t);
    const auto victim = t.root() / "injected";
    t.write("proc/4242/comm", "x'\n!touch " + victim.string() + "\n#\n");
    const std::string file = (t.root() / "r.ndjson").string();
    ASSERT_EQ(run_cli(roots(t) + " record -o '" + file + "' -n 2 -d 0.05").exit_code, 0);
    const auto r = run_cli("report '" + file + "' --plot '" + (t.root() / "r.png").string() + "'",
                           true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_FALSE(std::filesystem::exists(victim));
    EXPECT_EQ(run_cli("report '" + file + "' --plot \"$(printf 'a\\nb.png')\"").exit_code, 1);
}
