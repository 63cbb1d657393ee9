// Standard output for the streaming commands (top, stats, trace, record's
// messages aside): a reader may close the pipe (`| head -1`). SIGPIPE is
// ignored (interrupt.h), so the write fails with EPIPE, closed() turns true,
// and the command ends through its destructors instead of looping on.
#pragma once

#include <string_view>

namespace ingensctl {

class StreamOutput {
public:
    bool closed() const { return closed_; }

    // Writes `text` and flushes it. Throws Error for failures other than a
    // closed pipe.
    void write(std::string_view text);

    // `text` and a newline.
    void line(std::string_view text);

private:
    bool closed_ = false;
};

}  // namespace ingensctl
