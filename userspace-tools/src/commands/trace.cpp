// `ingensctl trace`: enable the ingens:* tracepoints, stream trace_pipe
// decoded, and disable them again on exit (Ctrl-C, --count, --duration).
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

#include <fmt/format.h>

#include "commands/command.h"
#include "commands/interrupt.h"
#include "lib/error.h"
#include "lib/trace.h"

namespace ingensctl {
namespace {

struct TraceOptions {
    std::vector<std::string> events;  // empty: every ingens event
    unsigned count = 0;               // events before exiting; 0 = no limit
    double duration = 0;              // seconds; 0 = no limit
    bool json = false;
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
            std::string list;
            for (const auto& a : available) list += (list.empty() ? "" : ", ") + a;
            throw ingens::Error(ingens::ErrorKind::Usage,
                                fmt::format("{}: unknown event; this kernel has: {}", ev, list));
        }
    }
    return opt.events;
}

void print_event(const ingens::TraceEvent& ev, bool json) {
    if (json) {
        fmt::print("{}\n", ingens::event_to_json(ev).dump());
    } else {
        fmt::print("{:>14.6f} cpu{} {}-{}: {}\n", ev.timestamp, ev.cpu, ev.task, ev.task_pid,
                   ingens::describe_event(ev));
    }
    std::fflush(stdout);
}

int run_trace(const TraceOptions& opt, const ingens::Paths& paths) {
    require_ingens(paths);
    const auto events = choose_events(opt, paths);
    install_stop_handlers();
    ingens::TraceSession session(paths, events);  // disables the events when it goes

    const auto pipe = session.pipe();
    const int fd = ::open(pipe.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw ingens::error_from_errno(errno, "cannot open " + pipe.string());
    if (!opt.json) {
        std::string names;
        for (const auto& e : events) names += (names.empty() ? "" : ", ") + e;
        fmt::print(stderr, "ingensctl: tracing {} (Ctrl-C stops)\n", names);
    }

    using clock = std::chrono::steady_clock;
    const auto deadline = clock::now() + std::chrono::milliseconds(
                                             static_cast<long long>(opt.duration * 1000));
    unsigned seen = 0;
    std::string pending;
    char buf[8192];
    bool done = false;
    while (!done && !stop_requested()) {
        double wait = 0.5;
        if (opt.duration > 0) {
            wait = std::chrono::duration<double>(deadline - clock::now()).count();
            if (wait <= 0) break;
        }
        if (!wait_readable(fd, std::min(wait, 0.5))) continue;
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0) break;  // a regular file (tests) ends; trace_pipe never does
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            throw ingens::error_from_errno(err, "cannot read " + pipe.string());
        }
        pending.append(buf, static_cast<std::size_t>(n));
        for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
            const std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            const auto ev = ingens::parse_trace_line(line);
            if (!ev || !ev->name.starts_with("ingens")) continue;
            print_event(*ev, opt.json);
            if (opt.count && ++seen >= opt.count) {
                done = true;
                break;
            }
        }
    }
    ::close(fd);
    return 0;
}

}  // namespace

Command add_trace_command(CLI::App& parent, const GlobalOptions& globals) {
    auto opt = std::make_shared<TraceOptions>();
    CLI::App* app = parent.add_subcommand(
        "trace", "Stream ingens:* tracepoint events, decoded (enables them; disables on exit)");
    app->add_option("-e,--event", opt->events, "Only this event (repeatable), e.g. ingens_promote");
    app->add_option("-n,--count", opt->count, "Exit after this many events");
    app->add_option("-t,--duration", opt->duration, "Exit after this many seconds")
        ->check(CLI::NonNegativeNumber);
    app->add_flag("--json", opt->json, "One JSON object per event (schema: README.md)");
    return Command{app, [opt, &globals] { return run_trace(*opt, globals.paths()); }};
}

}  // namespace ingensctl
