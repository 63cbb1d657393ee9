#include "memory.h"

#include <sys/mman.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace bench {

Mapping::Mapping(std::size_t bytes) : span_(bytes + 2 * kRegion), size_(bytes) {
    void* base = mmap(nullptr, span_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) throw std::runtime_error("mmap failed");
    base_ = static_cast<char*>(base);
    auto aligned = (reinterpret_cast<std::uintptr_t>(base_) + kRegion) & ~(kRegion - 1);
    data_ = reinterpret_cast<char*>(aligned);
    if (mprotect(data_, size_, PROT_READ | PROT_WRITE) != 0)
        throw std::runtime_error("mprotect failed");
    // BENCH_MADVISE=1: the memory is madvised as QEMU, JVMs and databases madvise theirs.
    const char* madvise_env = std::getenv("BENCH_MADVISE");
    if (madvise_env && std::string(madvise_env) == "1" && madvise(data_, size_, MADV_HUGEPAGE) != 0)
        throw std::runtime_error("madvise(MADV_HUGEPAGE) failed");
}

Mapping::~Mapping() { munmap(base_, span_); }

namespace {

std::string own_cgroup() {
    std::ifstream in("/proc/self/cgroup");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("0::", 0) == 0) return line.substr(3);
    return {};
}

}  // namespace

namespace {

// Rss and AnonHugePages of the smaps entry containing addr.
MemoryUse smaps_entry(const void* addr) {
    auto a = reinterpret_cast<std::uintptr_t>(addr);
    std::ifstream in("/proc/self/smaps");
    std::string line;
    bool inside = false;
    MemoryUse use;
    while (std::getline(in, line)) {
        unsigned long start = 0, end = 0;
        char dash = 0;
        std::istringstream head(line);
        if (head >> std::hex >> start >> dash >> end && dash == '-') {
            if (inside) break;  // past the mapping: nothing more to read
            inside = a >= start && a < end;
            continue;
        }
        if (!inside) continue;
        if (line.rfind("Rss:", 0) == 0) use.rss_kb = std::stoll(line.substr(4));
        if (line.rfind("AnonHugePages:", 0) == 0) use.anon_huge_kb = std::stoll(line.substr(14));
    }
    return use;
}

}  // namespace

std::int64_t anon_huge_kb(const void* addr) { return smaps_entry(addr).anon_huge_kb; }

std::int64_t cgroup_bytes() {
    std::string cg = own_cgroup();
    if (cg.empty()) return -1;
    std::ifstream in("/sys/fs/cgroup" + cg + "/memory.current");
    std::int64_t bytes = -1;
    return in >> bytes ? bytes : -1;
}

std::int64_t field_kb(const std::string& path, const std::string& key) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::stoll(line.substr(key.size()));
    return -1;
}

MemoryUse memory_use(const void* addr) {
    MemoryUse use;
    use.rss_kb = field_kb("/proc/self/smaps_rollup", "Rss:");
    use.anon_huge_kb = anon_huge_kb(addr);
    use.cgroup_bytes = cgroup_bytes();
    return use;
}

MemoryUse mapping_use(const void* addr) {
    MemoryUse use = smaps_entry(addr);
    use.cgroup_bytes = cgroup_bytes();
    return use;
}

}  // namespace bench
