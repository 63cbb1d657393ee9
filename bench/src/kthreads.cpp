#include "kthreads.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace bench {

namespace {

bool watched(const std::string& comm) {
    return comm.starts_with("kcompactd") || comm.starts_with("khugepaged") || comm.starts_with("kingens");
}

// utime + stime in clock ticks: fields 14 and 15, counted after the ")" that ends the comm.
std::int64_t cpu_ticks(const std::string& stat) {
    auto close = stat.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(stat.substr(close + 2));
    std::string skip;
    for (int field = 3; field < 14; field++) fields >> skip;
    std::int64_t utime = 0, stime = 0;
    fields >> utime >> stime;
    return utime + stime;
}

}  // namespace

std::map<std::string, std::int64_t> kthread_cpu_ms() {
    std::map<std::string, std::int64_t> out;
    const long hz = sysconf(_SC_CLK_TCK);
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string pid = entry.path().filename();
        if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
        std::string comm, stat;
        std::getline(std::ifstream(entry.path() / "comm"), comm);
        if (!watched(comm)) continue;
        std::getline(std::ifstream(entry.path() / "stat"), stat);
        out[comm] += cpu_ticks(stat) * 1000 / hz;
    }
    return out;
}

}  // namespace bench
