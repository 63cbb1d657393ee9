// Pieces of `ingensctl status` exposed for unit tests.
#pragma once

#include <string>

#include "lib/status.h"

namespace ingensctl {

// Human-readable report (what `ingensctl status` prints without --json).
std::string render_status_text(const ingens::Status& status);

// 0 when Ingens is present, 2 (NotPresent) otherwise.
int status_exit_code(const ingens::Status& status);

}  // namespace ingensctl
