#include "commands/top_screen.h"

#include <curses.h>

#include "commands/interrupt.h"
#include "lib/error.h"

namespace ingensctl {

// newterm() rather than initscr(), which exits on an unknown TERM instead of
// failing.
TopScreen::TopScreen() : screen_(newterm(nullptr, stdout, stdin)) {
    if (!screen_) {
        throw ingens::Error(ingens::ErrorKind::Io,
                            "cannot drive this terminal (TERM unknown?); top --once or -b print "
                            "without one");
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
}

TopScreen::~TopScreen() {
    endwin();
    delscreen(screen_);
}

std::size_t TopScreen::rows() const { return static_cast<std::size_t>(LINES); }

std::size_t TopScreen::columns() const { return static_cast<std::size_t>(COLS); }

void TopScreen::show(const std::vector<std::string>& lines) {
    erase();
    for (std::size_t i = 0; i < lines.size() && i < rows(); ++i) {
        mvaddnstr(static_cast<int>(i), 0, lines[i].c_str(), COLS);
    }
    refresh();
}

std::optional<int> TopScreen::wait_key(double seconds) {
    timeout(static_cast<int>(seconds * 1000));
    const int key = getch();
    if (key == ERR || stop_requested()) return std::nullopt;
    return key;
}

}  // namespace ingensctl
