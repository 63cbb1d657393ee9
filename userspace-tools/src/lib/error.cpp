#include "error.h"

#include <cerrno>
#include <cstring>

namespace ingens {

Error error_from_errno(int err, const std::string& what) {
    const ErrorKind kind =
        (err == EACCES || err == EPERM) ? ErrorKind::Permission : ErrorKind::Io;
    return Error(kind, what + ": " + std::strerror(err));
}

}  // namespace ingens
