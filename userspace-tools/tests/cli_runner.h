// Running the built ingensctl binary against a fake tree, for the end-to-end
// tests of exit codes and output.
#pragma once

#include <string>
#include <string_view>

#include "fake_tree.h"

namespace ingens::test {

struct RunResult {
    int exit_code = -1;
    std::string out;  // stdout only, or with stderr
};

// stdout only, or stdout and stderr together with `with_stderr`. Runs
// $INGENSCTL_TEST_BINARY instead of this build's ingensctl when it is set.
RunResult run_cli(const std::string& args, bool with_stderr = false);

// The ingensctl binary under test: $INGENSCTL_TEST_BINARY, else this build's.
std::string ingensctl_binary();

// The standard output of a shell command.
std::string run_command(const std::string& command);

// The --sysfs-root, --proc-root, --tracefs-root and --config-root options
// for `t`.
std::string roots(const FakeTree& t);

bool contains(const std::string& text, const std::string& part);

// The knob's value in `t`, "<absent>" when it has none.
std::string knob(const FakeTree& t, std::string_view name);

}  // namespace ingens::test
