#include "commands/terminal.h"

#include <cstdio>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>

#include "commands/interrupt.h"

namespace ingensctl {
namespace {

constexpr const char* kEnterScreen = "\x1b[?1049h\x1b[?25l";  // alternate screen, hide cursor
constexpr const char* kLeaveScreen = "\x1b[?25h\x1b[?1049l";
constexpr const char* kHomeClear = "\x1b[H\x1b[2J";

}  // namespace

LiveTerminal::LiveTerminal() {
    termios t{};
    if (::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &t) == 0) {
        saved_ = t;
        t.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        ::tcsetattr(STDIN_FILENO, TCSANOW, &t);
    }
    if (::isatty(STDOUT_FILENO)) {
        screen_ = true;
        std::fputs(kEnterScreen, stdout);
        std::fflush(stdout);
    }
}

LiveTerminal::~LiveTerminal() {
    if (screen_) {
        std::fputs(kLeaveScreen, stdout);
        std::fflush(stdout);
    }
    if (saved_) ::tcsetattr(STDIN_FILENO, TCSANOW, &*saved_);
}

void LiveTerminal::show(const std::string& frame) const {
    if (screen_) std::fputs(kHomeClear, stdout);
    std::fputs(frame.c_str(), stdout);
    if (!screen_) std::fputs("\n", stdout);  // frames of a pipe stay apart
    std::fflush(stdout);
}

std::optional<char> LiveTerminal::wait_key(double seconds) const {
    if (!saved_) {
        wait_readable(-1, seconds);
        return std::nullopt;
    }
    if (!wait_readable(STDIN_FILENO, seconds)) return std::nullopt;
    char c = 0;
    if (::read(STDIN_FILENO, &c, 1) != 1) return std::nullopt;
    return c;
}

unsigned LiveTerminal::rows() const {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) return ws.ws_row;
    return 24;
}

}  // namespace ingensctl
