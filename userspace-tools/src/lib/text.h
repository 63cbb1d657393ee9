// Showing text that came from outside (a file, the command line) in a
// message without letting its bytes reach the terminal raw.
#pragma once

#include <string>
#include <string_view>

namespace ingens {

// In double quotes, control and non-ASCII bytes escaped: "90\n" -> "\"90\\n\"".
std::string in_quotes(std::string_view s);

// `s` itself when every byte is printable ASCII, else in_quotes(s).
std::string printable(std::string_view s);

}  // namespace ingens
