#include "fileio.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
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

namespace {

// Closes a descriptor when it goes out of scope.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

mode_t new_file_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view text) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path target = fs::is_symlink(path, ec) ? fs::weakly_canonical(path) : path;
    const std::string what = "cannot write " + path.string();
    struct stat old {};
    const mode_t mode = ::stat(target.c_str(), &old) == 0 ? old.st_mode & 07777 : new_file_mode();

    std::string tmp = target.string() + ".XXXXXX";
    Fd file{::mkstemp(tmp.data())};
    if (file.fd < 0) throw error_from_errno(errno, what);
    const auto fail = [&](int err) {
        ::unlink(tmp.c_str());
        return error_from_errno(err, what);
    };
    for (std::string_view rest = text; !rest.empty();) {
        const ssize_t n = ::write(file.fd, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw fail(errno);
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
    if (::fchmod(file.fd, mode) != 0 || ::fsync(file.fd) != 0) throw fail(errno);
    if (::rename(tmp.c_str(), target.c_str()) != 0) throw fail(errno);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    Fd dir_fd{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir_fd.fd < 0 || ::fsync(dir_fd.fd) != 0) throw error_from_errno(errno, what);
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view ws = " \t\r\n";
    const auto first = s.find_first_not_of(ws);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(ws);
    return s.substr(first, last - first + 1);
}

}  // namespace ingens
