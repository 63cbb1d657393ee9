#include "commands/interrupt.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <poll.h>

namespace ingensctl {
namespace {

volatile std::sig_atomic_t g_stop = 0;

void on_stop_signal(int) { g_stop = 1; }

}  // namespace

void install_stop_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);  // the terminal went away
    // A reader that closed the pipe (`| head -1`): writes fail with EPIPE and
    // the command ends through its destructors instead of being killed.
    std::signal(SIGPIPE, SIG_IGN);
}

bool stop_requested() { return g_stop != 0; }

bool wait_readable(int fd, double seconds) {
    using clock = std::chrono::steady_clock;
    const auto deadline =
        clock::now() + std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
    while (!stop_requested()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        const int n = ::poll(fd >= 0 ? &p : nullptr, fd >= 0 ? 1 : 0,
                             static_cast<int>(left.count()));
        if (n > 0) return true;
        if (n < 0 && errno != EINTR) return false;
    }
    return false;
}

}  // namespace ingensctl
