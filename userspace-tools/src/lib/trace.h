// ingens:* tracepoints through tracefs: turning them on and off, and reading
// trace_pipe lines into decoded events. The reading loop is in
// commands/trace.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "paths.h"

namespace ingens {

struct TraceEvent {
    std::string task;      // comm of the task the event fired in
    int task_pid = 0;
    int cpu = 0;
    double timestamp = 0;  // seconds, the trace clock
    std::string name;      // "ingens_promote"
    std::vector<std::pair<std::string, std::string>> fields;  // "pid" -> "123", in order

    std::optional<std::string> field(std::string_view key) const;
};

// One trace_pipe line, e.g.
//   "  kingenspromoted-41  [001] d..1.  123.456789: ingens_promote: pid=99 addr=0x..."
// nullopt for lines that are not events (e.g. "CPU:1 [LOST 3 EVENTS]").
std::optional<TraceEvent> parse_trace_line(std::string_view line);

// What the event means, in words: units converted (latency in ms,
// utilization in %), errno and khugepaged result codes named.
std::string describe_event(const TraceEvent& ev);

// Schema: README.md, "trace --json" (one object per line).
nlohmann::json event_to_json(const TraceEvent& ev);

// Name of a khugepaged scan_result value ("SCAN_ALLOC_HUGE_PAGE_FAIL").
std::string scan_result_name(long code);

// <tracefs>/events/ingens/<event>/ names, sorted; empty when the kernel has
// no ingens tracepoints or tracefs is not mounted there.
std::vector<std::string> list_ingens_events(const Paths& paths);

// Enables the given events for its lifetime and puts each event's previous
// enable state back when destroyed (also on errors and Ctrl-C exits, since
// the command unwinds normally).
class TraceSession {
public:
    TraceSession(const Paths& paths, std::vector<std::string> events);
    ~TraceSession();
    TraceSession(const TraceSession&) = delete;
    TraceSession& operator=(const TraceSession&) = delete;

    std::filesystem::path pipe() const;  // <tracefs>/trace_pipe

private:
    void restore() noexcept;

    Paths paths_;
    std::vector<std::pair<std::string, std::string>> restore_;  // event -> previous "enable"
};

}  // namespace ingens
