// The live view's terminal state for `top`: keys without Enter and no echo on
// stdin, an alternate screen with a hidden cursor on stdout. Everything is
// put back by the destructor, also when the loop ends through Ctrl-C.
#pragma once

#include <optional>
#include <string>
#include <termios.h>

namespace ingensctl {

class LiveTerminal {
public:
    LiveTerminal();
    ~LiveTerminal();
    LiveTerminal(const LiveTerminal&) = delete;
    LiveTerminal& operator=(const LiveTerminal&) = delete;

    bool interactive() const { return saved_.has_value(); }
    // Clears the screen (on a terminal) and prints `frame`.
    void show(const std::string& frame) const;
    // A key pressed within `seconds`, if any.
    std::optional<char> wait_key(double seconds) const;
    // Rows available for the table (24 when unknown).
    unsigned rows() const;

private:
    std::optional<termios> saved_;
    bool screen_ = false;
};

}  // namespace ingensctl
