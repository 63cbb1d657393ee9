// trace_pipe decoding and the tracepoint on/off session.
#include <gtest/gtest.h>

#include "fake_tree.h"
#include "lib/fileio.h"
#include "lib/trace.h"
#include "samples.h"

using ingens::parse_trace_line;

TEST(Trace, ParsesAPromoteLine) {
    const auto ev = parse_trace_line(
        "  kingenspromoted-41  [001] d..1.  123.456789: ingens_promote: pid=4242 "
        "addr=0x7f0000000000 util=512 freq=3 latency_ns=1234567\n");
    ASSERT_TRUE(ev.has_value());
    EXPECT_EQ(ev->task, "kingenspromoted");
    EXPECT_EQ(ev->task_pid, 41);
    EXPECT_EQ(ev->cpu, 1);
    EXPECT_DOUBLE_EQ(ev->timestamp, 123.456789);
    EXPECT_EQ(ev->name, "ingens_promote");
    EXPECT_EQ(ev->field("addr"), "0x7f0000000000");
    EXPECT_EQ(ev->field("latency_ns"), "1234567");
    EXPECT_FALSE(ev->field("nope").has_value());
}

TEST(Trace, ParsesVariants) {
    // Task names with dashes and spaces, the record-tgid column, no flags column.
    auto ev = parse_trace_line("   kworker/u4:1-35   ( 35) [000] .... 1.5: ingens_scan: regions=1");
    ASSERT_TRUE(ev.has_value());
    EXPECT_EQ(ev->task, "kworker/u4:1");
    EXPECT_EQ(ev->task_pid, 35);
    ev = parse_trace_line("my-app name-77 [003] 2.25: ingens_scan: regions=2 pages=3");
    ASSERT_TRUE(ev.has_value());
    EXPECT_EQ(ev->task, "my-app name");
    EXPECT_EQ(ev->cpu, 3);
    EXPECT_EQ(ev->fields.size(), 2u);
    EXPECT_FALSE(parse_trace_line("CPU:1 [LOST 3 EVENTS]").has_value());
    EXPECT_FALSE(parse_trace_line("").has_value());
}

TEST(Trace, Describes) {
    const auto promote = parse_trace_line(
        "x-1 [000] ..... 1.0: ingens_promote: pid=9 addr=0x200000 util=256 freq=2 "
        "latency_ns=1500000");
    EXPECT_EQ(ingens::describe_event(*promote),
              "promoted pid 9 region 0x200000: util 256/512 (50%), freq 2, collapse took 1.500 ms");
    const auto fail = parse_trace_line(
        "x-1 [000] ..... 1.0: ingens_promote_fail: pid=9 addr=0x200000 util=500 err=-12 "
        "scan_result=25");
    EXPECT_EQ(ingens::describe_event(*fail),
              "promotion FAILED pid 9 region 0x200000: util 500/512 (98%), error ENOMEM "
              "(Cannot allocate memory), SCAN_ALLOC_HUGE_PAGE_FAIL");
    const auto scan = parse_trace_line(
        "x-1 [000] ..... 1.0: ingens_scan: regions=4 pages=2048 queued=1 duration_ns=25000");
    EXPECT_EQ(ingens::describe_event(*scan),
              "scan: 4 regions, 2048 pages checked, 1 queued, took 0.025 ms");
    const auto future = parse_trace_line("x-1 [000] ..... 1.0: ingens_demote: pid=9 util=3");
    EXPECT_EQ(ingens::describe_event(*future), "ingens_demote: pid=9 util=3");
}

TEST(Trace, ScanResultNames) {
    EXPECT_EQ(ingens::scan_result_name(0), "SCAN_FAIL");
    EXPECT_EQ(ingens::scan_result_name(31), "SCAN_PAGE_FILLED");
    EXPECT_EQ(ingens::scan_result_name(99), "scan result 99");
}

TEST(Trace, JsonSchema) {
    const auto ev = parse_trace_line(
        "x-1 [002] ..... 7.5: ingens_promote: pid=9 addr=0x200000 util=256 freq=2 latency_ns=10");
    const auto j = ingens::event_to_json(*ev);
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["event"], "ingens_promote");
    EXPECT_EQ(j["cpu"], 2);
    EXPECT_EQ(j["task"], "x");
    EXPECT_EQ(j["task_pid"], 1);
    EXPECT_EQ(j["timestamp"], 7.5);
    EXPECT_EQ(j["fields"]["pid"], 9);
    EXPECT_EQ(j["fields"]["addr"], "0x200000");
    EXPECT_TRUE(j["text"].is_string());
}

TEST(Trace, SessionEnablesAndRestores) {
    ingens::test::FakeTree t;
    t.add_tracefs("");
    const auto enable = [&](const char* ev) {
        return std::string(ingens::trim(
            ingens::read_file(t.tracing() / "events" / "ingens" / ev / "enable")));
    };
    t.write("tracing/events/ingens/ingens_scan/enable", "1\n");  // already on: stays on
    EXPECT_EQ(ingens::list_ingens_events(t.paths()),
              (std::vector<std::string>{"ingens_promote", "ingens_promote_fail", "ingens_scan"}));
    {
        ingens::TraceSession s(t.paths(), {"ingens_promote", "ingens_scan"});
        EXPECT_EQ(enable("ingens_promote"), "1");
        EXPECT_EQ(enable("ingens_promote_fail"), "0");
        EXPECT_EQ(s.pipe(), t.tracing() / "trace_pipe");
    }
    EXPECT_EQ(enable("ingens_promote"), "0");
    EXPECT_EQ(enable("ingens_scan"), "1");
}

TEST(Trace, NoTracefsMeansNoEvents) {
    ingens::test::FakeTree t;
    EXPECT_TRUE(ingens::list_ingens_events(t.paths()).empty());
}
