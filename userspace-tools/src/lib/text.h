// Text that came from outside (a file, the kernel, the command line): read
// line by line, and shown in a message without letting its bytes reach the
// terminal raw.
#pragma once

#include <string>
#include <string_view>

namespace ingens {

// Calls fn(line) for each line of `text`, without its '\n'.
template <typename Fn>
void for_each_line(std::string_view text, Fn fn) {
    while (!text.empty()) {
        const auto nl = text.find('\n');
        fn(text.substr(0, nl));
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
}

// In double quotes, control and non-ASCII bytes escaped: "90\n" -> "\"90\\n\"".
std::string in_quotes(std::string_view s);

// `s` itself when every byte is printable ASCII, else in_quotes(s).
std::string printable(std::string_view s);

}  // namespace ingens
