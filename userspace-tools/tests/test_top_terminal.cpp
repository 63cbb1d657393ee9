// `top` in a real terminal: a tmux pane of 80x24 (bug 4: rows wrapped, the
// header scrolled away, one line too many, resizes waited for the next
// refresh, and Ctrl-Z / fg left the terminal cooked).
#include <chrono>
#include <cstdlib>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cli_runner.h"
#include "samples.h"

using ingens::test::FakeTree;

namespace {

class Tmux {
public:
    Tmux() : socket_(fmt::format("ingensctl-test-{}", ::getpid())) {}
    ~Tmux() { run("kill-server 2>/dev/null"); }

    int run(const std::string& args) const {
        return std::system(fmt::format("tmux -L {} {}", socket_, args).c_str());
    }
    void keys(const std::string& keys) const { run("send-keys -t t " + keys); }
    std::vector<std::string> screen() const {
        const std::string out =
            ingens::test::run_command(fmt::format("tmux -L {} capture-pane -p -t t", socket_));
        std::vector<std::string> lines;
        std::size_t start = 0;
        while (start < out.size()) {
            const auto end = out.find('\n', start);
            lines.push_back(out.substr(start, end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
        return lines;
    }
    // The screen once `want` shows on it (or after two seconds, as it is).
    std::vector<std::string> screen_with(const std::string& want) const {
        std::vector<std::string> lines;
        for (int i = 0; i < 40; ++i) {
            lines = screen();
            for (const auto& l : lines) {
                if (l.find(want) != std::string::npos) return lines;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return lines;
    }

private:
    std::string socket_;
};

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

}  // namespace

TEST(TopTerminal, FitsA80x24PaneFollowsResizesAndSurvivesCtrlZ) {
    FakeTree t;
    t.add_everything();
    for (int pid = 100; pid < 140; ++pid) {
        t.add_process(pid, pid == 100 ? "a-process-name-far-too-long" : "worker",
                      ingens::test::kProcIngens, 10240, 8192, 2048, 10000);
    }
    Tmux tmux;
    ASSERT_EQ(tmux.run("new-session -d -x 80 -y 24 -s t sh"), 0) << "tmux is a test dependency";
    tmux.keys(fmt::format("'{} {} top -d 5' Enter", ingens::test::ingensctl_binary(),
                          ingens::test::roots(t)));

    auto lines = tmux.screen_with("sorted by huge");
    ASSERT_EQ(lines.size(), 24u) << joined(lines);
    EXPECT_TRUE(lines[0].starts_with("ingensctl top - every 5.0 s")) << joined(lines);
    EXPECT_TRUE(lines[2].starts_with("    PID COMMAND")) << joined(lines);
    EXPECT_TRUE(lines[23].starts_with("40 process(es)")) << joined(lines);  // 20 rows shown
    for (const auto& l : lines) EXPECT_LE(l.size(), 80u) << l;

    // A resize redraws at once, not at the next refresh 5 s later.
    tmux.run("resize-window -t t -x 60 -y 12");
    lines = tmux.screen_with("40 process(es) with");
    ASSERT_EQ(lines.size(), 12u) << joined(lines);
    EXPECT_TRUE(lines[11].starts_with("40 process(es)")) << joined(lines);
    for (const auto& l : lines) EXPECT_LE(l.size(), 60u) << l;

    tmux.keys("'?'");
    EXPECT_NE(joined(tmux.screen_with("this help")).find("reverse the sort order"),
              std::string::npos);
    tmux.keys("x");  // any key returns to the table
    EXPECT_NE(joined(tmux.screen_with("    PID COMMAND")).find("    PID COMMAND"),
              std::string::npos);

    // Suspended and resumed, it takes the terminal back; q then leaves the
    // terminal as the shell had it (echo on: the typed command shows).
    tmux.keys("C-z");
    tmux.screen_with("Stopped");
    tmux.keys("'fg' Enter");
    lines = tmux.screen_with("    PID COMMAND");
    EXPECT_NE(joined(lines).find("    PID COMMAND"), std::string::npos) << joined(lines);
    tmux.keys("q");
    tmux.keys("'echo back-$((40 + 2))' Enter");
    lines = tmux.screen_with("back-42");
    EXPECT_NE(joined(lines).find("echo back-$((40 + 2))"), std::string::npos) << joined(lines);
    EXPECT_NE(joined(lines).find("\nback-42"), std::string::npos) << joined(lines);
}
