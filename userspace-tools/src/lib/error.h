// Error policy for libingens and ingensctl.
//
// Operations that touch the system (reading sysfs/procfs) throw ingens::Error.
// Pure checks (validate) return a value instead, because "invalid" is an
// expected answer there, not a failure. Only main() catches Error and turns
// its kind into a process exit code, so the mapping lives in one place.
#pragma once

#include <stdexcept>
#include <string>

namespace ingens {

// Values are the documented ingensctl exit codes (see README.md).
enum class ErrorKind : int {
    Usage = 1,       // bad command line or invalid knob value
    NotPresent = 2,  // kernel has no Ingens
    Permission = 3,  // EACCES / EPERM
    Io = 4,          // anything else
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}

    ErrorKind kind() const noexcept { return kind_; }
    int exit_code() const noexcept { return static_cast<int>(kind_); }

private:
    ErrorKind kind_;
};

// Builds an Error from an errno value so EACCES/EPERM map to Permission.
Error error_from_errno(int err, const std::string& what);

}  // namespace ingens
