// Decoding binary trace records with the kernel's own format files (captured
// from the guest kernel into tests/fixtures), and how events are shown.
#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "lib/trace_decode.h"
#include "lib/tracefs_shim.h"
#include "lib/tracer.h"

namespace {

struct TepDeleter {
    void operator()(tep_handle* tep) const { tep_free(tep); }
};

std::unique_ptr<tep_handle, TepDeleter> kernel_formats() {
    return std::unique_ptr<tep_handle, TepDeleter>(
        ingens_tracefs_formats(INGENSCTL_FIXTURES "/tracing", "ingens"));
}

// A record laid out as the kernel writes it, fields placed at the offsets
// the format file gives.
class RecordBuilder {
public:
    explicit RecordBuilder(tep_event* event) : event_(event), data_(256, 0) {
        put("common_type", static_cast<std::uint64_t>(event->id));
        put("common_pid", 41);
    }
    RecordBuilder& put(const char* name, std::uint64_t value) {
        tep_format_field* f = tep_find_any_field(event_, name);
        EXPECT_NE(f, nullptr) << name;
        if (f) std::memcpy(data_.data() + f->offset, &value, static_cast<std::size_t>(f->size));
        return *this;
    }
    RecordBuilder& put_string(const char* name, std::string_view text) {
        const std::uint32_t at = 192;
        std::memcpy(data_.data() + at, text.data(), text.size());
        return put(name, (static_cast<std::uint64_t>(text.size() + 1) << 16) | at);
    }
    tep_record record(std::uint64_t ts) {
        tep_record r{};
        r.ts = ts;
        r.size = static_cast<int>(data_.size());
        r.data = data_.data();
        return r;
    }

private:
    tep_event* event_;
    std::vector<char> data_;
};

}  // namespace

TEST(Trace, FixturesAreTheKernelsSixEvents) {
    auto tep = kernel_formats();
    ASSERT_TRUE(tep);
    for (auto name : {"ingens_promote", "ingens_promote_fail", "ingens_demote",
                      "ingens_fair_reclaim", "ingens_scan", "ingens_compact"}) {
        EXPECT_NE(tep_find_event_by_name(tep.get(), "ingens", name), nullptr) << name;
    }
}

TEST(Trace, DecodesEveryFieldOfAPromotion) {
    auto tep = kernel_formats();
    tep_event* event = tep_find_event_by_name(tep.get(), "ingens", "ingens_promote");
    ASSERT_NE(event, nullptr);
    RecordBuilder b(event);
    b.put("pid", 4242).put("addr", 0x7f0000200000).put("util", 480).put("freq", 3);
    b.put("latency_ns", 1500000);
    auto rec = b.record(123456789000);
    const auto ev = ingens::decode_record(event, &rec, 1);
    EXPECT_EQ(ev.name, "ingens_promote");
    EXPECT_EQ(ev.task_pid, 41);
    EXPECT_EQ(ev.cpu, 1);
    EXPECT_EQ(ev.timestamp_ns, 123456789000u);
    ASSERT_EQ(ev.fields.size(), 5u);
    EXPECT_EQ(ev.field("addr")->text, "0x7f0000200000");  // TP_printk's 0x%lx
    EXPECT_EQ(ev.number("latency_ns"), 1500000);
    EXPECT_EQ(ingens::describe_event(ev),
              "promoted pid 4242 region 0x7f0000200000: util 480/512 (94%), freq 3, collapse "
              "took 1.500 ms");
    const auto j = ingens::event_to_json(ev);
    EXPECT_EQ(j["schema_version"], 2);
    EXPECT_EQ(j["timestamp_ns"], 123456789000u);
    EXPECT_EQ(j["fields"]["addr"], "0x7f0000200000");  // 64 bits survive as a string
    EXPECT_EQ(j["fields"]["util"], 480);
    EXPECT_EQ(j.begin().key(), "schema_version");  // the documented order
}

TEST(Trace, SignedFieldsAndErrorsAreNamed) {
    auto tep = kernel_formats();
    tep_event* event = tep_find_event_by_name(tep.get(), "ingens", "ingens_promote_fail");
    ASSERT_NE(event, nullptr);
    RecordBuilder b(event);
    b.put("pid", 9).put("addr", 0x200000).put("util", 500);
    b.put("err", static_cast<std::uint32_t>(-12)).put("scan_result", 25);
    auto rec = b.record(1);
    const auto ev = ingens::decode_record(event, &rec, 0);
    EXPECT_EQ(ev.number("err"), -12);
    EXPECT_EQ(ingens::describe_event(ev),
              "promotion FAILED pid 9 region 0x200000: util 500/512 (98%), error ENOMEM "
              "(Cannot allocate memory), SCAN_ALLOC_HUGE_PAGE_FAIL");
    EXPECT_EQ(ingens::event_to_json(ev)["fields"]["err"], -12);
}

TEST(Trace, DescribesTheOtherFourEvents) {
    auto tep = kernel_formats();
    auto decode = [&](const char* name, auto fill) {
        tep_event* event = tep_find_event_by_name(tep.get(), "ingens", name);
        EXPECT_NE(event, nullptr) << name;
        RecordBuilder b(event);
        fill(b);
        auto rec = b.record(1);
        return ingens::decode_record(event, &rec, 0);
    };
    auto demote = decode("ingens_demote", [](RecordBuilder& b) {
        b.put("pid", 7).put("addr", 0x400000).put("util", 100).put("used", 90);
        b.put("split", 1).put("freed", 422).put("duration_ns", 250000);
    });
    EXPECT_EQ(ingens::describe_event(demote),
              "demoted pid 7 region 0x400000: util 100/512 (20%), 90 pages in use, split, 422 "
              "pages freed, took 0.250 ms");
    auto fair = decode("ingens_fair_reclaim", [](RecordBuilder& b) {
        b.put("pid", 7).put("waiter_pid", 8).put("nr", 3).put("nid", -1).put("metric", 900);
        b.put("waiter_metric", 100);
    });
    EXPECT_EQ(ingens::describe_event(fair),
              "fair reclaim: pid 7 (metric 900) gives up 3 idle huge pages to pid 8 (metric 100)");
    auto fair_on_node = decode("ingens_fair_reclaim", [](RecordBuilder& b) {
        b.put("pid", 7).put("waiter_pid", 8).put("nr", 2).put("nid", 1).put("metric", 900);
        b.put("waiter_metric", 100);
    });
    EXPECT_EQ(ingens::describe_event(fair_on_node),
              "fair reclaim: pid 7 (metric 900) gives up 2 idle huge pages on node 1 to pid 8 "
              "(metric 100)");
    auto scan = decode("ingens_scan", [](RecordBuilder& b) {
        b.put("regions", 4).put("pages", 2048).put("queued", 1).put("duration_ns", 25000);
    });
    EXPECT_EQ(ingens::describe_event(scan),
              "scan: 4 regions, 2048 pages checked, 1 queued, took 0.025 ms");
    auto compact = decode("ingens_compact", [](RecordBuilder& b) {
        b.put("nid", 0).put_string("zone", "Normal").put("round", 12);
        b.put("fmfi_before", 812).put("fmfi_after", 640).put("migrated", 5120);
        b.put("skipped_hot", 3).put("budget", 25600).put("duration_ns", 4000000);
    });
    EXPECT_EQ(compact.field("zone")->text, "Normal");
    EXPECT_FALSE(compact.field("zone")->number.has_value());
    EXPECT_EQ(ingens::describe_event(compact),
              "compaction round 12 node 0 zone Normal: FMFI 0.812 -> 0.640, 5120 pages "
              "migrated, 3 hot skipped, budget 25600, took 4.000 ms");
}

TEST(Trace, UnknownEventsShowTheirFields) {
    ingens::TraceEvent ev;
    ev.name = "ingens_future";
    ev.fields = {{"pid", 9, true, "9"}, {"what", std::nullopt, false, "x"}};
    EXPECT_EQ(ingens::describe_event(ev), "ingens_future: pid=9 what=x");
}

TEST(Trace, ScanResultNames) {
    EXPECT_EQ(ingens::scan_result_name(0), "SCAN_FAIL");
    EXPECT_EQ(ingens::scan_result_name(31), "SCAN_PAGE_FILLED");
    EXPECT_EQ(ingens::scan_result_name(99), "scan result 99");
}

TEST(Trace, InstanceNamesNameTheirOwner) {
    const auto ns = ingens::own_pid_namespace();
    EXPECT_NE(ns, 0u);
    EXPECT_EQ(ingens::trace_instance_name(123), fmt::format("ingensctl-{}-123", ns));
    const auto owner = ingens::trace_instance_owner("ingensctl-4026531836-123");
    ASSERT_TRUE(owner.has_value());
    EXPECT_EQ(owner->pid_namespace, 4026531836u);
    EXPECT_EQ(owner->pid, 123);
    EXPECT_FALSE(ingens::trace_instance_owner("ingensctl-123").has_value());
    EXPECT_FALSE(ingens::trace_instance_owner("ingensctl-1-").has_value());
    EXPECT_FALSE(ingens::trace_instance_owner("ingensctl-1-12x").has_value());
    EXPECT_FALSE(ingens::trace_instance_owner("other-1-123").has_value());
}
