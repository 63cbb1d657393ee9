// The bugs an operator's trial found (issue "ingensctl an operator prefers"),
// one test each, every one failing before its fix. Tracing and top have theirs
// in test_trace*.cpp and test_top.cpp and in the guest's checks.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "lib/fileio.h"
#include "lib/fragmentation.h"
#include "lib/knob_io.h"
#include "samples.h"

using ingens::test::contains;
using ingens::test::FakeTree;
using ingens::test::knob;
using ingens::test::roots;
using ingens::test::run_cli;

namespace {

void add_process_tree(const FakeTree& t) {
    t.add_everything();
    t.add_process(4242, "myapp", ingens::test::kProcIngens, 10240, 8192, 2048, 10000);
}

std::string share_of(const FakeTree& t) {
    return std::string(ingens::trim(ingens::read_file(t.proc() / "4242" / "ingens_share")));
}

}  // namespace

// 5. Shares above the kernel's maximum were accepted, the messages named an
// unsigned int's range, a too-large number was "not a plain decimal number",
// and `proc 0` printed a 300-digit range.
TEST(OperatorBugs, ShareRangeIsTheKernels) {
    FakeTree t;
    add_process_tree(t);
    auto r = run_cli(roots(t) + " proc 4242 share 2000000", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "above the maximum 1000000 (valid: 0..1000000")) << r.out;
    EXPECT_EQ(share_of(t), "10000");
    r = run_cli(roots(t) + " proc 4242 share 5000000000", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "above the maximum")) << r.out;
    EXPECT_FALSE(contains(r.out, "4294967295")) << r.out;
    r = run_cli(roots(t) + " proc 4242 share 1000000", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    r = run_cli(roots(t) + " proc 0", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "1 to 4194304")) << r.out;
    EXPECT_LT(r.out.size(), 200u) << r.out;
}

// 6. EPERM as root said "needs root".
TEST(OperatorBugs, PermissionDeniedAsRootSaysWhatRefusesIt) {
    EXPECT_EQ(ingens::permission_hint(false, "needs root"), "needs root");
    EXPECT_TRUE(contains(std::string(ingens::permission_hint(true, "needs root")), "immutable"));
    if (::geteuid() != 0) GTEST_SKIP() << "the end-to-end half needs root";
    FakeTree t;
    add_process_tree(t);
    const auto file = t.paths().knob("util_threshold");
    const int fd = ::open(file.c_str(), O_RDONLY);
    int flags = FS_IMMUTABLE_FL;
    if (fd < 0 || ::ioctl(fd, FS_IOC_SETFLAGS, &flags) != 0) {
        if (fd >= 0) ::close(fd);
        GTEST_SKIP() << "this file system has no immutable attribute";
    }
    const auto r = run_cli(roots(t) + " set util_threshold=80", true);
    flags = 0;
    ::ioctl(fd, FS_IOC_SETFLAGS, &flags);
    ::close(fd);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_TRUE(contains(r.out, "even root may not write it")) << r.out;
    EXPECT_FALSE(contains(r.out, "needs root")) << r.out;
}

// 7. `save` through a symlink replaced the link by a new 0644 file.
TEST(OperatorBugs, SaveFollowsTheSymlinkAndKeepsThePermissions) {
    FakeTree t;
    add_process_tree(t);
    const auto real = t.root() / "real.conf";
    const auto link = t.root() / "ingens.conf";
    t.write("real.conf", "# old\n");
    std::filesystem::permissions(real, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
    std::filesystem::create_symlink(real, link);
    const auto r = run_cli(roots(t) + " save '" + link.string() + "'", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_TRUE(contains(ingens::read_file(real), "util_threshold = 90"));
    struct stat st {};
    ASSERT_EQ(::stat(real.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // Nothing left beside it.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(t.root())) ++files;
    const auto r2 = run_cli(roots(t) + " save '" + link.string() + "'", true);
    EXPECT_EQ(r2.exit_code, 0) << r2.out;
    std::size_t after = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(t.root())) ++after;
    EXPECT_EQ(files, after);
}

// 9. One negative gauge (%ld in the kernel) made status and stats fail.
TEST(OperatorBugs, NegativeGaugeIsShown) {
    FakeTree t;
    add_process_tree(t);
    t.set_stat("regions_queued", "-2\n");
    auto r = run_cli(roots(t) + " status", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "regions_queued")) << r.out;
    EXPECT_TRUE(contains(r.out, " -2\n")) << r.out;
    r = run_cli(roots(t) + " stats --interval 0.05 --count 1 --json", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(nlohmann::json::parse(r.out)["stats"]["regions_queued"]["value"], -2);
}

// 10. No cross-knob check, no warning when THP is off, FMFI rounded where
// the kernel truncates.
TEST(OperatorBugs, DemoteThresholdMustStayBelowUtilThreshold) {
    FakeTree t;
    add_process_tree(t);
    auto r = run_cli(roots(t) + " set demote_threshold=95", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "demote_threshold 95 is not below util_threshold 90")) << r.out;
    EXPECT_EQ(knob(t, "demote_threshold"), "50");
    // Both in one command: judged by the values they will have together.
    r = run_cli(roots(t) + " set util_threshold=100 demote_threshold=95", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    r = run_cli(roots(t) + " set util_threshold=60 --force", true);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "warning: demote_threshold 95 is not below")) << r.out;
}

TEST(OperatorBugs, ThpOffIsAWarning) {
    FakeTree t;
    add_process_tree(t);
    t.add_thp("never", "madvise");
    auto r = run_cli(roots(t) + " status", true);
    EXPECT_TRUE(contains(r.out, "WARNING:  THP is off (enabled=never)")) << r.out;
    const auto j = nlohmann::json::parse(run_cli(roots(t) + " status --json").out);
    ASSERT_EQ(j["warnings"].size(), 1u);
    r = run_cli(roots(t) + " set util_threshold=80", true);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(contains(r.out, "ingensctl: warning: THP is off")) << r.out;
}

// Found booting with thp_anon=16K,64K:always: every size it does not name,
// 2 MiB included, is off, so Ingens promoted nothing while status said
// "present, enabled".
TEST(OperatorBugs, PmdSizeOffIsAWarning) {
    FakeTree t;
    add_process_tree(t);
    const auto pmd = "sys/kernel/mm/transparent_hugepage/hugepages-2048kB/enabled";
    t.write(pmd, "always inherit madvise [never]\n");
    auto r = run_cli(roots(t) + " status", true);
    EXPECT_TRUE(contains(r.out, "WARNING:  2 MiB THP is off (hugepages-2048kB/enabled = never"))
        << r.out;
    const auto j = nlohmann::json::parse(run_cli(roots(t) + " status --json").out);
    EXPECT_EQ(j["thp"]["pmd_size_enabled"]["selected"], "never");
    ASSERT_EQ(j["warnings"].size(), 1u);
    // The positive control: the size following enabled is no warning.
    t.write(pmd, "always [inherit] madvise never\n");
    r = run_cli(roots(t) + " status", true);
    EXPECT_FALSE(contains(r.out, "2 MiB THP is off")) << r.out;
}

TEST(OperatorBugs, FmfiIsTruncatedAsInTheKernel) {
    ingens::ZoneFree z;
    z.free_blocks = {1024, 0, 0, 0, 0, 0, 0, 0, 0, 1};  // 1024 of 1536 free pages unusable
    EXPECT_EQ(z.fmfi_permille(), 666u);  // lround gave 667
}

// 11. get --json gave an invalid int knob as the string "0" where status
// --json gave null.
TEST(OperatorBugs, InvalidKnobIsNullInGetAndStatus) {
    FakeTree t;
    add_process_tree(t);
    t.set_knob("util_threshold", "abc\n");
    const auto get = nlohmann::json::parse(run_cli(roots(t) + " get util_threshold --json").out);
    EXPECT_TRUE(get["knobs"]["util_threshold"]["value"].is_null());
    EXPECT_EQ(get["knobs"]["util_threshold"]["valid"], false);
    EXPECT_EQ(get["knobs"]["util_threshold"]["raw"], "abc");
    const auto status = nlohmann::json::parse(run_cli(roots(t) + " status --json").out);
    EXPECT_TRUE(status["knobs"]["util_threshold"]["value"].is_null());
    EXPECT_EQ(status["knobs"]["util_threshold"]["valid"], false);
}

// 12. No --version; an unknown subcommand said "A subcommand is required";
// binary input to apply was echoed raw.
TEST(OperatorBugs, VersionUnknownSubcommandAndBinaryInput) {
    auto r = run_cli("--version");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(r.out.starts_with("ingensctl ")) << r.out;
    r = run_cli("frobnicate", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "frobnicate")) << r.out;
    EXPECT_FALSE(contains(r.out, "A subcommand is required")) << r.out;
    FakeTree t;
    add_process_tree(t);
    t.write("binary.conf", std::string("\x01\x02\x1b[2J\x7f\n", 7));
    r = run_cli(roots(t) + " apply '" + (t.root() / "binary.conf").string() + "'", true);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(contains(r.out, "\\x01\\x02\\x1b[2J\\x7f")) << r.out;
    for (const char c : r.out) EXPECT_FALSE(c == '\x1b' || c == '\x01') << r.out;
}

// 11. --help cited a schema in README.md that did not exist.
TEST(OperatorBugs, TheJsonSchemaTheHelpCitesExists) {
    const std::string readme = ingens::read_file(INGENSCTL_SOURCE_DIR "/README.md");
    const auto section = readme.find("\n## JSON output\n");
    ASSERT_NE(section, std::string::npos);
    const std::string schemas = readme.substr(section, readme.find("\n## ", section + 1) - section);
    for (const char* cmd : {"`status --json`", "`get --json`", "`proc PID --json`",
                            "`top --json`", "`stats --json`", "`trace --json`",
                            "`explain --json`", "`record`"}) {
        EXPECT_TRUE(contains(schemas, cmd)) << cmd;
    }
    const auto help = run_cli("status --help");
    EXPECT_TRUE(contains(help.out, "schema: README.md, \"JSON output\"")) << help.out;
}

// A reader that closes the pipe ends the streaming commands (SIGPIPE is
// ignored so that destructors run; the write's EPIPE must end the loop).
TEST(OperatorBugs, StreamsEndWhenTheReaderGoes) {
    FakeTree t;
    add_process_tree(t);
    for (const char* cmd : {" top -b -d 0.1", " top --json -d 0.1", " stats -d 0.05"}) {
        const std::string out = ingens::test::run_command(
            "bash -c \"timeout 10 " + ingens::test::ingensctl_binary() + " " + roots(t) + cmd +
            " | head -1 >/dev/null; echo rc=\\${PIPESTATUS[0]}\"");
        EXPECT_EQ(out, "rc=0\n") << cmd;  // 124: still running at the timeout
    }
}
