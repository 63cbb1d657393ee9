#include "commands/output.h"

#include <cerrno>
#include <cstdio>

#include "lib/error.h"

namespace ingensctl {

void StreamOutput::write(std::string_view text) {
    if (closed_) return;
    if (std::fwrite(text.data(), 1, text.size(), stdout) == text.size() &&
        std::fflush(stdout) == 0) {
        return;
    }
    if (errno != EPIPE) throw ingens::error_from_errno(errno, "cannot write to standard output");
    closed_ = true;
}

void StreamOutput::line(std::string_view text) {
    write(text);
    write("\n");
}

}  // namespace ingensctl
