#include "commands/command.h"

#include <fmt/format.h>

#include "lib/error.h"
#include "lib/sysfs.h"

namespace ingensctl {

CLI::Range pid_range() {
    constexpr int kPidMaxLimit = 4194304;  // PID_MAX_LIMIT on 64-bit kernels
    return CLI::Range(1, kPidMaxLimit);
}

void require_ingens(const ingens::Paths& paths) {
    if (ingens::ingens_present(paths)) return;
    throw ingens::Error(ingens::ErrorKind::NotPresent,
                        fmt::format("this kernel lacks Ingens ({} does not exist); boot a kernel "
                                    "built with CONFIG_INGENS=y",
                                    paths.ingens_dir().string()));
}

}  // namespace ingensctl
