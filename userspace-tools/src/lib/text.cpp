#include "text.h"

#include <fmt/format.h>

namespace ingens {

std::string in_quotes(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '"' || c == '\\') out += fmt::format("\\{}", c);
        else if (byte < 0x20 || byte >= 0x7f) out += fmt::format("\\x{:02x}", byte);
        else out += c;
    }
    return out + "\"";
}

std::string printable(std::string_view s) {
    for (const char c : s) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7f) return in_quotes(s);
    }
    return std::string(s);
}

}  // namespace ingens
