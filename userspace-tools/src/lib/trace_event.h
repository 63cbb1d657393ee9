// One decoded ingens:* tracepoint event and how ingensctl shows it: in words
// (units converted, error codes named) and as JSON. Decoding the kernel's
// binary records into this form is tracer.h's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ingens {

struct TraceField {
    std::string name;
    // Numeric fields: the value, sign-extended when the field is signed.
    // Strings (the compaction zone): nullopt.
    std::optional<std::int64_t> number;
    bool is_signed = false;
    // As the kernel's TP_printk shows it: "0x7f0000000000" for addresses.
    std::string text;
};

struct TraceEvent {
    std::string name;  // "ingens_promote"
    std::uint64_t timestamp_ns = 0;  // the instance's trace clock
    int cpu = 0;
    int task_pid = 0;  // the task the event fired in (a kthread, mostly)
    std::string task;  // its comm, when known
    std::vector<TraceField> fields;  // in the format file's order

    const TraceField* field(std::string_view key) const;
    std::optional<std::int64_t> number(std::string_view key) const;
};

// What the event means, in words: units converted (latencies in ms,
// utilization in %), errno and khugepaged result codes named. Events this
// ingensctl does not know are shown field by field.
std::string describe_event(const TraceEvent& ev);

// Schema: README.md, "trace --json" (one object per line, keys in this order).
nlohmann::ordered_json event_to_json(const TraceEvent& ev);

// Name of a khugepaged scan_result value ("SCAN_ALLOC_HUGE_PAGE_FAIL").
std::string scan_result_name(long code);

}  // namespace ingens
