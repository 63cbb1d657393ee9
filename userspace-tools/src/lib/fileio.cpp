#include "fileio.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

#include "error.h"

namespace ingens {

std::optional<std::string> read_file_if_exists(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        // ENOTDIR: a parent is a plain file; treat like "not there".
        if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
        throw error_from_errno(errno, "cannot open " + path.string());
    }
    // sysfs reports st_size 4096 regardless of content, so read until EOF.
    std::string out;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            throw error_from_errno(err, "cannot read " + path.string());
        }
        out.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

std::string read_file(const std::filesystem::path& path) {
    auto content = read_file_if_exists(path);
    if (!content) throw error_from_errno(ENOENT, "cannot open " + path.string());
    return std::move(*content);
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view ws = " \t\r\n";
    const auto first = s.find_first_not_of(ws);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(ws);
    return s.substr(first, last - first + 1);
}

}  // namespace ingens
