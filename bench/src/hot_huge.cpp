// How much of a VM's hot memory its host backs with huge pages. The VM's vm_memcheck prints the
// guest-physical 2 MiB frames of its kept memory ("frame:pages ..."); guest-physical address A is
// QEMU's guest RAM mapping plus A (one RAM block from address 0, as on microvm). A frame counts
// as huge when its 512 host pages are one 2 MiB transparent huge page (/proc/kpageflags). Prints
// one JSON line: the hot memory and the part of it backed by huge pages, in kB.
// usage: hot_huge --pid QEMU_PID --ram-mb MB FRAME:PAGES...
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr std::uint64_t kPage = 4096, kFramePages = 512;
constexpr std::uint64_t kPresent = 1ULL << 63, kPfnMask = (1ULL << 55) - 1;
constexpr std::uint64_t kKpfCompoundHead = 1ULL << 15, kKpfThp = 1ULL << 22;

// The start of the private writable mapping of exactly ram_mb: QEMU's guest RAM.
std::uint64_t guest_ram_start(int pid, std::uint64_t ram_mb) {
    std::ifstream maps(fmt::format("/proc/{}/maps", pid));
    std::string line;
    while (std::getline(maps, line)) {
        std::uint64_t start = 0, end = 0;
        char perms[5] = {};
        if (std::sscanf(line.c_str(), "%lx-%lx %4s", &start, &end, perms) == 3 && std::string(perms) == "rw-p" &&
            end - start == ram_mb << 20)
            return start;
    }
    throw std::runtime_error(fmt::format("no {} MiB mapping in process {}", ram_mb, pid));
}

std::optional<std::uint64_t> read_u64(int fd, std::uint64_t index) {
    std::uint64_t v = 0;
    if (pread(fd, &v, sizeof v, static_cast<off_t>(index * sizeof v)) != sizeof v) return std::nullopt;
    return v;
}

class Fd {
public:
    explicit Fd(const std::string& path) : fd_(open(path.c_str(), O_RDONLY)) {
        if (fd_ < 0) throw std::runtime_error("cannot open " + path);
    }
    ~Fd() { close(fd_); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

// Whether the 2 MiB at address is one transparent huge page: the first page is a THP's head on
// a 2 MiB-aligned frame and the last page its 512th.
bool is_huge(const Fd& pagemap, const Fd& kpageflags, std::uint64_t address) {
    auto first = read_u64(pagemap.get(), address / kPage);
    auto last = read_u64(pagemap.get(), address / kPage + kFramePages - 1);
    if (!first || !last || !(*first & kPresent) || !(*last & kPresent)) return false;
    std::uint64_t pfn = *first & kPfnMask;
    if (pfn % kFramePages != 0 || (*last & kPfnMask) != pfn + kFramePages - 1) return false;
    auto flags = read_u64(kpageflags.get(), pfn);
    return flags && (*flags & kKpfThp) && (*flags & kKpfCompoundHead);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"hot_huge: how much of a VM's hot memory the host backs with huge pages"};
    int pid = 0;
    std::uint64_t ram_mb = 0;
    std::vector<std::string> frames;
    app.add_option("--pid", pid, "QEMU's process")->required();
    app.add_option("--ram-mb", ram_mb, "the VM's RAM (-m)")->required();
    app.add_option("frames", frames, "FRAME:PAGES, as vm_memcheck --report-frames prints them")->required();
    CLI11_PARSE(app, argc, argv);

    try {
        std::uint64_t base = guest_ram_start(pid, ram_mb);
        Fd pagemap(fmt::format("/proc/{}/pagemap", pid)), kpageflags("/proc/kpageflags");
        std::uint64_t hot = 0, huge = 0;
        for (const auto& item : frames) {
            std::uint64_t frame = 0, pages = 0;
            char colon = 0;
            std::istringstream in(item);
            if (!(in >> frame >> colon >> pages) || colon != ':') throw std::runtime_error("bad frame " + item);
            hot += pages;
            if (frame < (ram_mb << 20) / (kFramePages * kPage) &&
                is_huge(pagemap, kpageflags, base + frame * kFramePages * kPage))
                huge += pages;
        }
        nlohmann::json out{{"hot_kb", hot * kPage / 1024}, {"hot_huge_kb", huge * kPage / 1024}};
        fmt::print("{}\n", out.dump());
    } catch (const std::exception& e) {
        fmt::print(stderr, "hot_huge: {}\n", e.what());
        return 1;
    }
}
