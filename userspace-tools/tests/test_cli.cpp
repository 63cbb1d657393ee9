// End-to-end: run the built ingensctl binary against fake trees and check
// the documented exit codes and output.
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "fake_tree.h"
#include "lib/fileio.h"
#include "lib/sysfs.h"
#include "samples.h"

using ingens::test::FakeTree;
using ingens::test::contains;
using ingens::test::knob;
using ingens::test::roots;
using ingens::test::run_cli;


TEST(Cli, HelpExitsZero) {
    const auto r = run_cli("--help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("status"), std::string::npos);
    EXPECT_NE(r.out.find("--sysfs-root"), std::string::npos);
}

TEST(Cli, UsageErrorsExitOne) {
    EXPECT_EQ(run_cli("").exit_code, 1);  // no subcommand
    EXPECT_EQ(run_cli("frobnicate").exit_code, 1);
    EXPECT_EQ(run_cli("status --bogus").exit_code, 1);
}

TEST(Cli, StatusOnIngensKernelExitsZero) {
    FakeTree t;
    t.add_everything();
    const auto r = run_cli(roots(t) + " status");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("util_threshold"), std::string::npos) << r.out;
}

TEST(Cli, StatusJsonParses) {
    FakeTree t;
    t.add_everything();
    const auto r = run_cli(roots(t) + " status --json");
    ASSERT_EQ(r.exit_code, 0);
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["knobs"]["util_threshold"]["value"], 90);
}

TEST(Cli, StatusWithoutIngensExitsTwo) {
    FakeTree t;
    t.add_thp("always", "madvise");
    auto r = run_cli(roots(t) + " status");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("this kernel lacks Ingens"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("enabled=always"), std::string::npos) << r.out;

    r = run_cli(roots(t) + " status --json");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(nlohmann::json::parse(r.out)["ingens"]["present"], false);
}

TEST(Cli, MalformedCounterExitsFour) {
    FakeTree t;
    t.add_everything();
    t.set_stat("promotions", "NaN\n");
    EXPECT_EQ(run_cli(roots(t) + " status").exit_code, 4);
}

TEST(Cli, UnreadableKnobExitsThree) {
    if (::geteuid() == 0) GTEST_SKIP() << "root bypasses file permissions";
    FakeTree t;
    t.add_everything();
    std::filesystem::permissions(t.paths().knob("util_threshold"), std::filesystem::perms::none);
    EXPECT_EQ(run_cli(roots(t) + " status").exit_code, 3);
}


TEST(Cli, EverySubcommandHasHelp) {
    for (auto sub : {"status", "get", "set", "apply", "save", "profile", "top", "proc", "stats",
                     "trace"}) {
        const auto r = run_cli(std::string(sub) + " --help");
        EXPECT_EQ(r.exit_code, 0) << sub;
    }
}

TEST(Cli, SetGetRoundTrip) {
    FakeTree t;
    t.add_everything();
    auto r = run_cli(roots(t) + " set util_threshold=80 ksm_mode=split");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "util_threshold: 90 -> 80\nksm_mode: coordinated -> split\n");
    EXPECT_EQ(run_cli(roots(t) + " get -n util_threshold").out, "80\n");
    EXPECT_EQ(run_cli(roots(t) + " get util_threshold ksm_mode").out,
              "util_threshold = 80\nksm_mode = split\n");
    const auto j = nlohmann::json::parse(run_cli(roots(t) + " get --json util_threshold").out);
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["knobs"]["util_threshold"]["value"], 80);
    EXPECT_EQ(j["knobs"]["util_threshold"]["present"], true);
}

TEST(Cli, SetRefusesBeforeWriting) {
    FakeTree t;
    t.add_everything();
    const auto r = run_cli(roots(t) + " set util_threshold=80 scan_pages=-1", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "scan_pages: invalid value \"-1\": negative values are not "
                                "allowed (valid: 512..16777216)"))
        << r.out;
    EXPECT_EQ(knob(t, "util_threshold"), "90");
    EXPECT_EQ(run_cli(roots(t) + " set util_threshold").exit_code, 1);  // no '='
}

TEST(Cli, SetDryRunWritesNothing) {
    FakeTree t;
    t.add_everything();
    const auto r = run_cli(roots(t) + " set --dry-run util_threshold=80");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out, "util_threshold: would change 90 -> 80\n");
    EXPECT_EQ(knob(t, "util_threshold"), "90");
}

// The write-midway failure and its rollback are tested on the library
// (Settings.FailedWriteMidwayRollsBack); here a knob that cannot be read
// stops the command while planning.
TEST(Cli, SetOfAKnobThatIsADirectoryIsNotPresentAndChangesNothing) {
    FakeTree t;
    t.add_everything();
    std::filesystem::remove(t.paths().knob("scan_pages"));
    std::filesystem::create_directory(t.paths().knob("scan_pages"));
    const auto r = run_cli(roots(t) + " set util_threshold=80 scan_pages=1024", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.out, "scan_pages: not present in this kernel")) << r.out;
    EXPECT_EQ(knob(t, "util_threshold"), "90");
}

// Bug: `set stats=1` tried to read the stats/ directory and exited 4.
TEST(Cli, SetOfTheStatsDirectoryIsAnUnknownKnobAsInGet) {
    FakeTree t;
    t.add_everything();
    for (const char* cmd : {" set stats=1", " get stats"}) {
        const auto r = run_cli(roots(t) + cmd, true);
        EXPECT_EQ(r.exit_code, 1) << cmd;
        EXPECT_TRUE(contains(r.out, "stats: unknown knob")) << r.out;
    }
}

TEST(Cli, GetOfKnobAbsentFromKernelExitsTwo) {
    FakeTree t;
    t.add_ingens_first_kernel();
    auto r = run_cli(roots(t) + " get util_threshold demote_threshold", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.out, "util_threshold = 90")) << r.out;
    EXPECT_TRUE(contains(r.out, "demote_threshold: not present in this kernel")) << r.out;
    r = run_cli(roots(t) + " get bogus", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "bogus: unknown knob; valid knobs: enabled,")) << r.out;
    r = run_cli(roots(t) + " set fairness=1", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.out, "fairness: not present in this kernel")) << r.out;
}

TEST(Cli, GetAllAndList) {
    FakeTree t;
    t.add_ingens_first_kernel();
    t.set_knob("zz_future", "5\n");
    const auto all = run_cli(roots(t) + " get").out;
    EXPECT_EQ(all.rfind("enabled = 1\nutil_threshold = 90\n", 0), 0u) << all;
    EXPECT_TRUE(contains(all, "zz_future = 5\n"));
    EXPECT_FALSE(contains(all, "demote_threshold"));
    const auto list = run_cli(roots(t) + " get --list").out;
    EXPECT_TRUE(contains(list, "demote_threshold\n"));
    EXPECT_TRUE(contains(list, "zz_future\n"));
}

TEST(Cli, SaveApplyRoundTrip) {
    FakeTree t;
    t.add_everything();
    const auto file = (t.root() / "saved.conf").string();
    ASSERT_EQ(run_cli(roots(t) + " set util_threshold=75 ksm_mode=split").exit_code, 0);
    ASSERT_EQ(run_cli(roots(t) + " save " + file).exit_code, 0);
    const std::string saved = ingens::read_file(file);
    EXPECT_TRUE(contains(saved, "\nutil_threshold = 75\n")) << saved;
    EXPECT_EQ(saved.front(), '#');
    ASSERT_EQ(run_cli(roots(t) + " profile throughput").exit_code, 0);
    EXPECT_EQ(knob(t, "util_threshold"), "50");
    EXPECT_EQ(run_cli(roots(t) + " apply " + file).exit_code, 0);
    EXPECT_EQ(knob(t, "util_threshold"), "75");
    EXPECT_EQ(knob(t, "ksm_mode"), "split");
    EXPECT_EQ(run_cli(roots(t) + " save -").out, saved);
}

TEST(Cli, ApplyRefusesABadFileWhole) {
    FakeTree t;
    t.add_everything();
    const auto file = (t.root() / "bad.conf").string();
    t.write("bad.conf", "util_threshold = 70\nscan_pages 5\nfairness = 2\n");
    const auto r = run_cli(roots(t) + " apply " + file, true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "bad.conf:2: expected")) << r.out;
    EXPECT_TRUE(contains(r.out, "bad.conf:3: fairness: invalid value \"2\"")) << r.out;
    EXPECT_EQ(knob(t, "util_threshold"), "90");
    EXPECT_EQ(run_cli(roots(t) + " apply " + (t.root() / "missing.conf").string()).exit_code, 4);
}

TEST(Cli, ProfilesSkipKnobsTheKernelLacks) {
    FakeTree t;
    t.add_ingens_first_kernel();
    const auto r = run_cli(roots(t) + " profile memory");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(contains(r.out, "util_threshold: 90 -> 100")) << r.out;
    EXPECT_TRUE(contains(r.out, "demote_threshold: skipped, not present in this kernel")) << r.out;
    EXPECT_EQ(run_cli(roots(t) + " profile linux").exit_code, 0);
    EXPECT_EQ(knob(t, "enabled"), "0");
    EXPECT_EQ(knob(t, "util_threshold"), "100");  // linux leaves the tuning alone
    EXPECT_EQ(run_cli(roots(t) + " profile bogus").exit_code, 1);
    EXPECT_TRUE(contains(run_cli(roots(t) + " profile").out, "throughput"));
}

TEST(Cli, WithoutIngensEveryCommandExitsTwo) {
    FakeTree t;
    t.add_thp();
    t.write("saved.conf", "util_threshold = 80\n");
    const std::vector<std::string> commands{
        "get",          "get util_threshold", "set util_threshold=80",
        "apply " + (t.root() / "saved.conf").string(),      "save -",
        "profile latency", "top --once",      "proc 1", "stats -n 1", "trace -n 1"};
    for (const auto& cmd : commands) {
        const auto r = run_cli(roots(t) + " " + cmd, true);
        EXPECT_EQ(r.exit_code, 2) << cmd << ": " << r.out;
        EXPECT_TRUE(contains(r.out, "lacks Ingens")) << cmd << ": " << r.out;
    }
}

TEST(Cli, TopOnceTextAndJson) {
    FakeTree t;
    t.add_everything();
    t.add_process(4242, "myapp", ingens::test::kProcIngens, 10240, 8192, 2048, 10000);
    auto r = run_cli(roots(t) + " top --once");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(contains(r.out, "   4242 myapp ")) << r.out;
    r = run_cli(roots(t) + " top --once --json --sort coverage");
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["sort"], "coverage");
    EXPECT_EQ(j["processes"][0]["comm"], "myapp");
    EXPECT_EQ(run_cli(roots(t) + " top --once --sort size").exit_code, 1);
    // Not a terminal: refreshes print one after another and --count ends them.
    r = run_cli(roots(t) + " top --count 2 --interval 0.1");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\x1b'), 0);
}

// Bug 11: `top --json` streamed multi-line documents json.load could not read.
TEST(Cli, TopJsonIsOneDocumentPerLineOrOneArray) {
    FakeTree t;
    t.add_everything();
    t.add_process(4242, "myapp", ingens::test::kProcIngens, 10240, 8192, 2048, 10000);
    auto r = run_cli(roots(t) + " top --json --count 3 --interval 0.1");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << r.out;
    std::size_t start = 0;
    for (int i = 0; i < 3; ++i) {
        const auto end = r.out.find('\n', start);
        EXPECT_EQ(nlohmann::json::parse(r.out.substr(start, end - start))["processes"].size(), 1u);
        start = end + 1;
    }
    r = run_cli(roots(t) + " top --json-array --count 2 --interval 0.1");
    const auto array = nlohmann::json::parse(r.out);
    ASSERT_TRUE(array.is_array());
    EXPECT_EQ(array.size(), 2u);
    EXPECT_EQ(run_cli(roots(t) + " top --json --json-array -n 1").exit_code, 1);
}

TEST(Cli, TopBatchWidthFiltersAndColumns) {
    FakeTree t;
    t.add_everything();
    t.add_process(4242, "myapp", ingens::test::kProcIngens, 10240, 8192, 2048, 10000);
    t.add_process(4343, "other", ingens::test::kProcIngens, 10240, 8192, 2048, 10000);
    auto r = run_cli(roots(t) + " top --once --width 40");
    std::size_t start = 0;
    while (start < r.out.size()) {
        const auto end = r.out.find('\n', start);
        EXPECT_LE(end - start, 40u) << r.out;
        start = end + 1;
    }
    r = run_cli(roots(t) + " top --once --comm oth -o pid,comm --reverse --sort pid");
    EXPECT_EQ(r.out, "    PID COMMAND\n   4343 other\n1 process(es) with Ingens regions or huge "
                     "pages, sorted by pid (reversed)\n");
    EXPECT_EQ(run_cli(roots(t) + " top --once -o pid,bogus").exit_code, 1);
}

TEST(Cli, ProcShowsTheKernelsFairnessFigures) {
    FakeTree t;
    t.add_everything();
    t.add_process(4242, "myapp", ingens::test::kProcIngensFair, 10240, 8192, 2048, 10000);
    const auto r = run_cli(roots(t) + " proc 4242");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(contains(r.out, "regions 3: base 1, queued 1, huge 1 (2 idle)")) << r.out;
    EXPECT_TRUE(contains(r.out, "  metric 3333333\n")) << r.out;
    // The share line once, from ingens_share, not again from the summary.
    EXPECT_EQ(r.out.find("share"), r.out.rfind("share")) << r.out;
}

TEST(Cli, ProcDetailAndShare) {
    FakeTree t;
    t.add_everything();
    t.add_process(4242, "myapp", ingens::test::kProcIngens, 10240, 8192, 2048, 10000);
    auto r = run_cli(roots(t) + " proc 4242");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(contains(r.out, "regions 3: base 1, queued 1, huge 1 (1 idle)")) << r.out;
    EXPECT_TRUE(contains(r.out, "0x7f0000200000     queued     480   93.8      12      5")) << r.out;
    const auto j = nlohmann::json::parse(run_cli(roots(t) + " proc 4242 --json").out);
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["region_list"].size(), 3u);
    EXPECT_EQ(run_cli(roots(t) + " proc 4242 share").out, "10000\n");
    r = run_cli(roots(t) + " proc 4242 share 2500");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(run_cli(roots(t) + " proc 4242 share").out, "2500\n");
    EXPECT_EQ(run_cli(roots(t) + " proc 4242 share lots").exit_code, 1);
    EXPECT_EQ(run_cli(roots(t) + " proc 5 share").exit_code, 4);
    EXPECT_EQ(run_cli(roots(t) + " proc 5").exit_code, 4);
    t.add_process(77, "old", ingens::test::kProcIngens, 1, 1, 0);  // kernel without shares
    r = run_cli(roots(t) + " proc 77 share", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.out, "not present in this kernel")) << r.out;
}

TEST(Cli, StatsCountAndJson) {
    FakeTree t;
    t.add_everything();
    const auto r = run_cli(roots(t) + " stats --interval 0.05 --count 2 --json");
    EXPECT_EQ(r.exit_code, 0);
    ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;
    const auto first = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
    EXPECT_EQ(first["stats"]["promotions"]["value"], 3);
    const auto text = run_cli(roots(t) + " stats -i 0.05 -n 1").out;
    EXPECT_TRUE(contains(text, "promotions")) << text;
}

TEST(Cli, TraceRefusesUnknownEvents) {
    FakeTree t;
    t.add_everything();
    t.add_tracefs();
    const auto r = run_cli(roots(t) + " trace --event ingens_nope", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "ingens_compact, ingens_demote")) << r.out;  // lists all six
}

TEST(Cli, TraceWithoutTracefsSaysHowToMountIt) {
    FakeTree t;
    t.add_everything();
    const auto r = run_cli(roots(t) + " trace -n 1", true);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.out, "mount -t tracefs")) << r.out;
}
