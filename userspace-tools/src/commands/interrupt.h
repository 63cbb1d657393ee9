// Stopping the live commands (top, stats, trace) cleanly: SIGINT, SIGTERM and
// SIGHUP set a flag and SIGPIPE is ignored instead of killing the process, so
// destructors restore the terminal and remove the trace instance before exit.
#pragma once

#include <optional>

namespace ingensctl {

// Installs the handlers (without SA_RESTART, so a blocking wait returns).
void install_stop_handlers();

bool stop_requested();

// Waits up to `seconds` for input on `fd` (or just waits when fd < 0).
// Returns true when fd became readable, false on timeout or stop request.
bool wait_readable(int fd, double seconds);

}  // namespace ingensctl
