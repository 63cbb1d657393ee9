// `ingensctl trace`: the ingens:* tracepoints in a private tracefs instance,
// streamed decoded, counted per interval or summed up in latency histograms.
// The instance and its events go away however the command ends.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "commands/interrupt.h"
#include "commands/output.h"
#include "lib/error.h"
#include "lib/trace_stats.h"
#include "lib/tracer.h"

namespace ingensctl {
namespace {

using Clock = std::chrono::steady_clock;

// How often the buffers are read while nothing else is due.
constexpr double kPollSeconds = 0.1;

struct TraceOptions {
    std::vector<std::string> events;  // empty: every ingens event
    std::optional<int> pid;
    unsigned count = 0;    // events before exiting; 0 = no limit
    double duration = 0;   // seconds; 0 = no limit
    double interval = 0;   // seconds between counts; 0 = stream events
    bool hist = false;
    bool json = false;
    unsigned long buffer_kb = 0;
};

std::vector<std::string> choose_events(const TraceOptions& opt, const ingens::Paths& paths) {
    const auto available = ingens::list_ingens_events(paths);
    if (available.empty()) {
        throw ingens::Error(
            ingens::ErrorKind::NotPresent,
            fmt::format("no ingens tracepoints under {}: mount tracefs there (mount -t tracefs "
                        "nodev {}) or point --tracefs-root at it",
                        (paths.tracefs() / "events" / "ingens").string(),
                        paths.tracefs().string()));
    }
    if (opt.events.empty()) return available;
    for (const auto& ev : opt.events) {
        if (std::find(available.begin(), available.end(), ev) == available.end()) {
            throw ingens::Error(ingens::ErrorKind::Usage,
                                fmt::format("{}: unknown event; this kernel has: {}", ev,
                                            fmt::join(available, ", ")));
        }
    }
    return opt.events;
}

std::string event_line(const ingens::TraceEvent& ev) {
    return fmt::format("{:>14.6f} cpu{} {}-{}: {}", static_cast<double>(ev.timestamp_ns) / 1e9,
                       ev.cpu, ev.task, ev.task_pid, ingens::describe_event(ev));
}

std::string lost_line(int cpu, long long count, bool json) {
    if (json) {
        nlohmann::ordered_json j;
        j["schema_version"] = 2;
        j["lost_events"] = count < 0 ? nlohmann::ordered_json(nullptr)
                                     : nlohmann::ordered_json(count);
        j["cpu"] = cpu;
        return j.dump();
    }
    return count < 0 ? fmt::format("[cpu{}: the kernel dropped events it could not count]", cpu)
                     : fmt::format("[cpu{}: the kernel dropped {} events]", cpu, count);
}

void print_histograms(StreamOutput& out, const ingens::TraceTally& tally, std::uint64_t lost,
                      bool lost_uncounted, bool json) {
    if (json) {
        nlohmann::ordered_json hist = nlohmann::ordered_json::object();
        for (const auto& [name, h] : tally.histograms) hist[name] = h.to_json();
        nlohmann::ordered_json j;
        j["schema_version"] = 2;
        j["histograms"] = std::move(hist);
        j["lost"] = lost;
        j["lost_uncounted"] = lost_uncounted;
        out.line(j.dump());
        return;
    }
    if (tally.histograms.empty()) {
        out.line("(no latency_ns or duration_ns values traced)");
        return;
    }
    for (const auto& [name, h] : tally.histograms) {
        std::string text = h.render(name);
        if (!text.empty() && text.back() == '\n') text.pop_back();
        out.line(text);
    }
}

int run_trace(const TraceOptions& opt, const ingens::Paths& paths) {
    require_ingens(paths);
    install_stop_handlers();
    ingens::Tracer tracer(paths, {choose_events(opt, paths), opt.pid, opt.buffer_kb});
    const auto& events = tracer.events();
    if (events.empty()) {
        throw ingens::Error(ingens::ErrorKind::Usage,
                            "none of the chosen events is about a process, so --pid leaves "
                            "nothing to trace");
    }
    if (!opt.json) {
        fmt::print(stderr, "ingensctl: tracing {} in tracefs instance {} (Ctrl-C stops)\n",
                   fmt::join(events, ", "), tracer.instance_name());
    }

    StreamOutput out;
    ingens::TraceTally tally;        // this interval's counts, and the histograms
    std::uint64_t lost_total = 0;
    bool lost_uncounted = false;
    unsigned seen = 0;
    const bool stream = opt.interval <= 0 && !opt.hist;
    const auto on_event = [&](const ingens::TraceEvent& ev) {
        tally.add(ev);
        if (stream) out.line(opt.json ? ingens::event_to_json(ev).dump() : event_line(ev));
        return !out.closed() && !(opt.count && ++seen >= opt.count);
    };
    const auto on_lost = [&](int cpu, long long count) {
        tally.add_lost(count);
        if (count > 0) lost_total += static_cast<std::uint64_t>(count);
        lost_uncounted |= count < 0;
        if (stream) out.line(lost_line(cpu, count, opt.json));
    };

    const auto start = Clock::now();
    const auto seconds = [](double s) {
        return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
    };
    const auto deadline = start + seconds(opt.duration);
    auto next_interval = start + seconds(opt.interval);
    const auto finished = [&] { return out.closed() || (opt.count && seen >= opt.count); };
    auto printed_at = start;
    const auto print_interval = [&](Clock::time_point now) {
        const double at = std::chrono::duration<double>(now - start).count();
        std::string text = opt.json ? ingens::interval_to_json(at, tally, events).dump()
                                    : ingens::render_interval(at, tally, events);
        if (text.ends_with('\n')) text.pop_back();
        out.line(text);
        tally.clear_counts();
        printed_at = now;
    };
    while (!finished()) {
        tracer.read(on_event, on_lost);
        if (finished()) break;
        const auto now = Clock::now();
        if (opt.interval > 0 && now >= next_interval) {
            print_interval(now);
            next_interval += seconds(opt.interval);
        }
        if (stop_requested() || (opt.duration > 0 && now >= deadline)) {
            tracer.read(on_event, on_lost);  // what arrived meanwhile
            break;
        }
        auto wake = now + seconds(kPollSeconds);
        if (opt.interval > 0) wake = std::min(wake, next_interval);
        if (opt.duration > 0) wake = std::min(wake, deadline);
        wait_readable(-1, std::chrono::duration<double>(wake - now).count());
    }
    // The last, partial interval, as perf stat -I prints it.
    if (opt.interval > 0 && !out.closed() && Clock::now() - printed_at > seconds(0.01)) {
        print_interval(Clock::now());
    }
    if (opt.hist) print_histograms(out, tally, lost_total, lost_uncounted, opt.json);
    if ((lost_total || lost_uncounted) && !opt.json && !out.closed()) {
        fmt::print(stderr, "ingensctl: the kernel dropped {} events{} (a trace buffer was full)\n",
                   lost_total, lost_uncounted ? " and more it could not count" : "");
    }
    return 0;
}

}  // namespace

Command add_trace_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<TraceOptions>();
    CLI::App* app = parent.add_subcommand(
        "trace", "Trace the ingens:* tracepoints in a private tracefs instance: events decoded, "
                 "counts per interval, or latency histograms");
    app->add_option("-e,--event", opt->events, "Only this event (repeatable), e.g. ingens_promote");
    app->add_option("-p,--pid", opt->pid, "Only events about this process (their pid fields)")
        ->check(pid_range());
    app->add_option("-n,--count", opt->count, "Exit after this many events");
    app->add_option("-t,--duration", opt->duration, "Exit after this many seconds")
        ->check(CLI::Range(0.0, 31536000.0));
    app->add_option("-I,-i,--interval", opt->interval,
                    "Print event counts every this many seconds instead of the events")
        ->check(CLI::Range(0.01, 86400.0));
    app->add_option("-b,--buffer-kb", opt->buffer_kb,
                    "Each CPU's trace buffer in KiB (default: the kernel's); a full buffer drops "
                    "events, which trace reports")
        ->check(CLI::Range(1ul, 1048576ul));
    app->add_flag("--hist", opt->hist,
                  "At the end, log2 histograms of every latency_ns and duration_ns field "
                  "(promotions, demotions, scans, compaction rounds)");
    app->add_flag("--json", opt->json,
                  "One JSON object per line (schema: README.md, \"JSON output\")");
    return Command{app, [opt, &globals] { return run_trace(*opt, globals.paths()); }};
}

}  // namespace ingensctl
