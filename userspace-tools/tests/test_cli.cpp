// End-to-end: run the built ingensctl binary against fake trees and check
// the documented exit codes and output.
#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fake_tree.h"

using ingens::test::FakeTree;

namespace {

struct RunResult {
    int exit_code = -1;
    std::string out;  // stdout only
};

RunResult run_cli(const std::string& args) {
    const std::string cmd = std::string(INGENSCTL_BINARY) + " " + args + " 2>/dev/null";
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
    return "--sysfs-root '" + t.sys().string() + "' --proc-root '" + t.proc().string() + "'";
}

}  // namespace

TEST(Cli, HelpExitsZero) {
    const auto r = run_cli("--help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("status"), std::string::npos);
    EXPECT_NE(r.out.find("--sysfs-root"), std::string::npos);
}

TEST(Cli, UsageErrorsExitOne) {
    EXPECT_EQ(run_cli("").exit_code, 1);  // no subcommand
    EXPECT_EQ(run_cli("frobnicate").exit_code, 1);
    EXPECT_EQ(run_cli("status --bogus").exit_code, 1);
}

TEST(Cli, StatusOnIngensKernelExitsZero) {
    FakeTree t;
    t.add_everything();
    const auto r = run_cli(roots(t) + " status");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("util_threshold"), std::string::npos) << r.out;
}

TEST(Cli, StatusJsonParses) {
    FakeTree t;
    t.add_everything();
    const auto r = run_cli(roots(t) + " status --json");
    ASSERT_EQ(r.exit_code, 0);
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["knobs"]["util_threshold"]["value"], 90);
}

TEST(Cli, StatusWithoutIngensExitsTwo) {
    FakeTree t;
    t.add_thp("always", "madvise");
    auto r = run_cli(roots(t) + " status");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.out.find("this kernel lacks Ingens"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("enabled=always"), std::string::npos) << r.out;

    r = run_cli(roots(t) + " status --json");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(nlohmann::json::parse(r.out)["ingens"]["present"], false);
}

TEST(Cli, MalformedCounterExitsFour) {
    FakeTree t;
    t.add_everything();
    t.set_stat("promotions", "NaN\n");
    EXPECT_EQ(run_cli(roots(t) + " status").exit_code, 4);
}

TEST(Cli, UnreadableKnobExitsThree) {
    if (::geteuid() == 0) GTEST_SKIP() << "root bypasses file permissions";
    FakeTree t;
    t.add_everything();
    std::filesystem::permissions(t.paths().knob("util_threshold"), std::filesystem::perms::none);
    EXPECT_EQ(run_cli(roots(t) + " status").exit_code, 3);
}
