#include "knob_io.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "error.h"
#include "knobs.h"

namespace fs = std::filesystem;

namespace ingens {

std::vector<std::string> list_knob_files(const Paths& paths) {
    std::vector<std::string> names;
    std::error_code ec;
    fs::directory_iterator it(paths.ingens_dir(), ec);
    if (ec) return names;
    for (const auto& entry : it) {
        std::error_code type_ec;
        if (entry.is_regular_file(type_ec)) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> all_knob_names(const Paths& paths) {
    std::vector<std::string> names;
    for (const Knob& k : knobs()) names.emplace_back(k.name);
    for (auto& file : list_knob_files(paths)) {
        if (!find_knob(file)) names.push_back(std::move(file));
    }
    return names;
}

void write_value(const fs::path& path, std::string_view label, std::string_view value,
                 std::string_view valid, std::string_view permission_fix) {
    // No O_CREAT: a kernel file that does not exist must never be invented.
    // O_TRUNC is what `echo >` does; kernel files ignore it, plain files need it.
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    int err = errno;
    ssize_t n = -1;
    const std::string line = std::string(value) + "\n";
    if (fd >= 0) {
        n = ::write(fd, line.data(), line.size());
        err = errno;
        ::close(fd);
    }
    if (n == static_cast<ssize_t>(line.size())) return;
    if (n >= 0) {
        throw Error(ErrorKind::Io, fmt::format("{}: short write to {}", label, path.string()));
    }
    if (err == ENOENT) {
        throw Error(ErrorKind::NotPresent,
                    fmt::format("{}: not present in this kernel ({} does not exist)", label,
                                path.string()));
    }
    if (err == EACCES || err == EPERM) {
        throw Error(ErrorKind::Permission,
                    fmt::format("{}: permission denied writing {} ({}): {}", label, path.string(),
                                err == EPERM ? "EPERM" : "EACCES",
                                permission_hint(::geteuid() == 0, permission_fix)));
    }
    if (err == EINVAL) {
        throw Error(ErrorKind::Usage, fmt::format("{}: the kernel rejected \"{}\" (EINVAL: {}); {}",
                                                  label, value, std::strerror(err), valid));
    }
    throw Error(ErrorKind::Io,
                fmt::format("{}: cannot write {}: {}", label, path.string(), std::strerror(err)));
}

std::string_view permission_hint(bool root, std::string_view fix) {
    // Root is refused only by the file itself, never for want of privilege.
    return root ? "even root may not write it (an immutable file, a read-only mount, or a "
                  "security policy)"
                : fix;
}

void write_knob(const Paths& paths, std::string_view name, std::string_view value) {
    const Knob* knob = find_knob(name);
    write_value(paths.knob(name), name, value,
                knob ? "valid: " + range_text(*knob)
                     : std::string("see the kernel's documentation for this knob's range"));
}

}  // namespace ingens
