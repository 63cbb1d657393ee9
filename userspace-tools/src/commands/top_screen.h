// The live view of `ingensctl top` on ncurses: the frame fits the terminal
// (lines cut at its width, never more lines than it has), a resize redraws at
// once, Ctrl-Z and fg give the terminal back and take it again (ncurses'
// own SIGTSTP handling), and the destructor restores the terminal on every
// way out.
#pragma once

#include <optional>
#include <string>
#include <vector>

struct screen;  // ncurses' SCREEN

namespace ingensctl {

class TopScreen {
public:
    TopScreen();
    ~TopScreen();
    TopScreen(const TopScreen&) = delete;
    TopScreen& operator=(const TopScreen&) = delete;

    std::size_t rows() const;
    std::size_t columns() const;

    // Draws `lines` from the top, each cut to the width; what does not fit
    // the height is left out.
    void show(const std::vector<std::string>& lines);

    // A key pressed within `seconds` (ncurses' codes: KEY_RESIZE for a
    // resize, which returns at once), nullopt on timeout or a stop signal.
    std::optional<int> wait_key(double seconds);

private:
    ::screen* screen_;
};

}  // namespace ingensctl
