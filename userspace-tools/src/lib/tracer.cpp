#include "tracer.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <map>
#include <unistd.h>

#include <fmt/format.h>

#include "error.h"
#include "fileio.h"
#include "number.h"
#include "trace_decode.h"
#include "tracefs_shim.h"

namespace fs = std::filesystem;

namespace ingens {
namespace {

constexpr std::string_view kInstancePrefix = "ingensctl-";
constexpr const char* kSystem = "ingens";

bool process_alive(int pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

// Instances left by ingensctl processes that were killed (SIGKILL) before
// they could remove their own.
// Only instances of our own pid namespace, whose pids we can look up. One
// named after this process is a dead one's whose pid we were given, and must
// not be taken over with its events and filters.
int owner_is_dead(const char* name) {
    const auto owner = trace_instance_owner(name);
    return owner && owner->pid_namespace == own_pid_namespace() &&
           (owner->pid == ::getpid() || !process_alive(owner->pid));
}

// "pid == 42 || waiter_pid == 42" over the event's pid fields; empty when the
// event is about no process.
std::string pid_filter(tep_event* event, int pid) {
    std::string filter;
    const std::unique_ptr<tep_format_field*, decltype(&std::free)> fields(
        tep_event_fields(event), &std::free);
    for (tep_format_field** f = fields.get(); f && *f; ++f) {
        const std::string_view name = (*f)->name;
        if (name != "pid" && !name.ends_with("_pid")) continue;
        filter += fmt::format("{}{} == {}", filter.empty() ? "" : " || ", name, pid);
    }
    return filter;
}

Error tracefs_error(int err, const std::string& what) {
    return error_from_errno(err, what + " (tracefs needs root: run as root or with sudo)");
}

}  // namespace

std::vector<std::string> list_ingens_events(const Paths& paths) {
    std::vector<std::string> events;
    std::error_code ec;
    for (fs::directory_iterator it(paths.tracefs() / "events" / kSystem, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (fs::exists(it->path() / "format")) events.push_back(it->path().filename().string());
    }
    std::sort(events.begin(), events.end());
    return events;
}

std::uint64_t own_pid_namespace() {
    // "pid:[4026531836]", read once: a process never changes its pid namespace.
    static const std::uint64_t ns = [] {
        std::error_code ec;
        const std::string link = fs::read_symlink("/proc/self/ns/pid", ec).string();
        const auto open = link.find('['), close = link.rfind(']');
        if (ec || open == std::string::npos || close == std::string::npos || close < open) {
            return std::uint64_t{0};
        }
        return to_number<std::uint64_t>(std::string_view(link).substr(open + 1, close - open - 1))
            .value_or(0);
    }();
    return ns;
}

std::string trace_instance_name(int pid) {
    return fmt::format("{}{}-{}", kInstancePrefix, own_pid_namespace(), pid);
}

std::optional<TraceInstanceOwner> trace_instance_owner(std::string_view name) {
    if (!name.starts_with(kInstancePrefix)) return std::nullopt;
    name.remove_prefix(kInstancePrefix.size());
    const auto dash = name.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const auto ns = to_number<std::uint64_t>(name.substr(0, dash));
    const auto pid = to_number<int>(name.substr(dash + 1));
    if (!ns || !pid || *pid <= 0) return std::nullopt;
    return TraceInstanceOwner{*ns, *pid};
}

struct Tracer::Impl {
    Paths paths;
    tracefs_instance* instance = nullptr;
    tep_handle* tep = nullptr;
    std::map<int, std::string> comms;

    // Set for the duration of one read().
    const std::function<bool(const TraceEvent&)>* on_event = nullptr;
    const std::function<void(int, long long)>* on_lost = nullptr;
    std::exception_ptr failure;

    explicit Impl(const Paths& p) : paths(p) {}

    ~Impl() {
        if (instance) ingens_tracefs_destroy(instance);
        if (tep) tep_free(tep);
    }

    const std::string& comm(int pid) {
        auto it = comms.find(pid);
        if (it != comms.end()) return it->second;
        std::string name = "<...>";
        try {
            if (auto text = read_file_if_exists(paths.roots().proc / std::to_string(pid) / "comm"))
                name = std::string(trim(*text));
        } catch (const Error&) {
            // A task that is gone or hidden keeps the placeholder.
        }
        return comms.emplace(pid, std::move(name)).first->second;
    }

    // libtracefs calls back from C: no exception may cross it.
    static int on_record(tep_event* event, tep_record* record, int cpu, void* context) {
        auto* self = static_cast<Impl*>(context);
        try {
            if (record->missed_events) (*self->on_lost)(cpu, record->missed_events);
            TraceEvent ev = decode_record(event, record, cpu);
            ev.task = self->comm(ev.task_pid);
            return (*self->on_event)(ev) ? 0 : 1;
        } catch (...) {
            self->failure = std::current_exception();
            return 1;
        }
    }
};

Tracer::Tracer(const Paths& paths, const TracerOptions& options)
    : impl_(std::make_unique<Impl>(paths)) {
    const std::string dir = paths.tracefs().string();
    if (ingens_tracefs_use_dir(dir.c_str()) != 0) {
        throw error_from_errno(errno, "cannot use tracefs at " + dir);
    }
    ingens_tracefs_remove_instances("^ingensctl-[0-9][0-9]*-[0-9][0-9]*$", owner_is_dead);
    const std::string name = trace_instance_name(static_cast<int>(::getpid()));
    impl_->instance = ingens_tracefs_create(name.c_str());
    if (!impl_->instance) throw tracefs_error(errno, "cannot create tracefs instance " + name);
    if (!ingens_tracefs_is_new(impl_->instance)) {
        throw Error(ErrorKind::Io, fmt::format("tracefs instance {} existed already and could not "
                                               "be removed",
                                               name));
    }

    impl_->tep = ingens_tracefs_formats(dir.c_str(), kSystem);
    if (!impl_->tep) {
        throw error_from_errno(errno, "cannot parse the ingens event formats in " + dir);
    }

    if (options.buffer_kb && ingens_tracefs_buffer_kb(impl_->instance, options.buffer_kb) != 0) {
        throw tracefs_error(errno, fmt::format("cannot size the trace buffers to {} KiB",
                                               options.buffer_kb));
    }
    // Filters before enabling, so that no unfiltered event is recorded.
    for (const auto& ev : options.events) {
        tep_event* event = tep_find_event_by_name(impl_->tep, kSystem, ev.c_str());
        if (!event) throw Error(ErrorKind::NotPresent, ev + ": no such ingens tracepoint");
        if (options.pid) {
            const std::string filter = pid_filter(event, *options.pid);
            if (filter.empty()) continue;
            if (ingens_tracefs_filter(impl_->instance, event, filter.c_str()) != 0) {
                throw tracefs_error(errno, fmt::format("cannot filter {} on \"{}\"", ev, filter));
            }
        }
        events_.push_back(ev);
    }
    for (const auto& ev : events_) {
        const std::string regex = "^" + ev + "$";
        if (ingens_tracefs_enable(impl_->instance, kSystem, regex.c_str()) != 0) {
            throw tracefs_error(errno, "cannot enable " + ev);
        }
    }
}

Tracer::~Tracer() = default;

std::string Tracer::instance_name() const {
    const char* name = ingens_tracefs_name(impl_->instance);
    return name ? name : "";
}

void Tracer::read(const std::function<bool(const TraceEvent&)>& on_event,
                  const std::function<void(int cpu, long long count)>& on_lost) {
    impl_->on_event = &on_event;
    impl_->on_lost = &on_lost;
    impl_->failure = nullptr;
    const int ret =
        ingens_tracefs_iterate(impl_->tep, impl_->instance, Impl::on_record, impl_.get());
    const int err = errno;
    impl_->on_event = nullptr;
    impl_->on_lost = nullptr;
    if (impl_->failure) std::rethrow_exception(impl_->failure);
    if (ret < 0) throw error_from_errno(err, "cannot read the trace buffers of " + instance_name());
}

}  // namespace ingens
