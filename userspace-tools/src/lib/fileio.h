// Small file helpers shared by the sysfs and procfs readers. They use open(2)
// rather than iostreams so errno is kept and EACCES can become exit code 3.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ingens {

// Whole file contents; std::nullopt if the file (or a parent) does not exist.
// Throws Error (Permission or Io) for any other failure.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);

// Like read_file_if_exists, but a missing file is an Io error too.
std::string read_file(const std::filesystem::path& path);

// Replaces the file at `path` with `text` so that a crash leaves the old file
// or the new one, never half of one: written beside it, fsync'ed, renamed over
// it, the directory fsync'ed. A symlink is followed (the file it names is
// replaced, the link stays); an existing file keeps its permissions, a new
// one gets 0666 less the umask.
void write_file_atomically(const std::filesystem::path& path, std::string_view text);

// Drops leading and trailing whitespace (sysfs values end in '\n').
std::string_view trim(std::string_view s);

}  // namespace ingens
