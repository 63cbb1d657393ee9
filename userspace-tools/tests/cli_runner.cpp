#include "cli_runner.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

#include "lib/sysfs.h"

namespace ingens::test {

std::string ingensctl_binary() {
    // Another build, such as the one before a fix, to see the tests fail there.
    const char* binary = std::getenv("INGENSCTL_TEST_BINARY");
    return binary ? binary : INGENSCTL_BINARY;
}

std::string run_command(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr) return out;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    ::pclose(p);
    return out;
}

RunResult run_cli(const std::string& args, bool with_stderr) {
    const std::string cmd =
        ingensctl_binary() + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
    RunResult r;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 4096> buf{};
    std::size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = ::pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string roots(const FakeTree& t) {
    return "--sysfs-root '" + t.sys().string() + "' --proc-root '" + t.proc().string() +
           "' --tracefs-root '" + t.tracing().string() + "' --config-root '" +
           t.config().string() + "'";
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string knob(const FakeTree& t, std::string_view name) {
    return read_knob(t.paths(), name).value_or("<absent>");
}

}  // namespace ingens::test
