// Tracing the ingens:* tracepoints the way trace-cmd does: in a private
// tracefs instance of our own, so nothing global is switched on and nothing
// outlives us (the instance goes with its events when the Tracer does, and
// instances of ingensctl processes that died are removed at the next start).
// Records are read binary from trace_pipe_raw and decoded with the field
// layout of each event's format file (libtracefs, libtraceevent).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "paths.h"
#include "trace_event.h"

namespace ingens {

// <tracefs>/events/ingens/<event>/ names, sorted; empty when the kernel has
// no ingens tracepoints or tracefs is not mounted there.
std::vector<std::string> list_ingens_events(const Paths& paths);

// Whose an instance is: tracefs is shared by every pid namespace that mounts
// it, so a pid alone names no process.
struct TraceInstanceOwner {
    std::uint64_t pid_namespace = 0;  // the inode of /proc/self/ns/pid
    int pid = 0;
};

// "ingensctl-PIDNS-PID", the instance name of process `pid` of our namespace.
std::string trace_instance_name(int pid);

// The owner in an instance name of ours ("ingensctl-4026531836-123").
std::optional<TraceInstanceOwner> trace_instance_owner(std::string_view name);

// The inode of this process's pid namespace (0 when it cannot be read).
std::uint64_t own_pid_namespace();

struct TracerOptions {
    std::vector<std::string> events;  // must be in list_ingens_events()
    // Only events about this process: the events' pid fields (pid, waiter_pid)
    // are filtered in the kernel; events about no process are not traced.
    std::optional<int> pid;
    // Each CPU's ring buffer in KiB (trace-cmd's -b); 0 keeps the kernel's.
    unsigned long buffer_kb = 0;
};

class Tracer {
public:
    Tracer(const Paths& paths, const TracerOptions& options);
    ~Tracer();
    Tracer(const Tracer&) = delete;
    Tracer& operator=(const Tracer&) = delete;

    // Events enabled after the pid filter (which drops events without a pid).
    const std::vector<std::string>& events() const { return events_; }
    std::string instance_name() const;

    // Reads what the buffers hold, oldest first. `on_event` returns false to
    // stop reading; `on_lost` hears of events the kernel dropped (count -1
    // when the kernel could not count them).
    void read(const std::function<bool(const TraceEvent&)>& on_event,
              const std::function<void(int cpu, long long count)>& on_lost);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<std::string> events_;
};

}  // namespace ingens
