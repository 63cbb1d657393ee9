#include "memory.h"

#include <sys/mman.h>

#include <cstdio>
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
}

Mapping::~Mapping() { munmap(base_, span_); }

namespace {

std::int64_t field_kb(const std::string& path, const std::string& key) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return std::stoll(line.substr(key.size()));
    return -1;
}

std::string own_cgroup() {
    std::ifstream in("/proc/self/cgroup");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("0::", 0) == 0) return line.substr(3);
    return {};
}

}  // namespace

std::int64_t anon_huge_kb(const void* addr) {
    auto a = reinterpret_cast<std::uintptr_t>(addr);
    std::ifstream in("/proc/self/smaps");
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        unsigned long start = 0, end = 0;
        char dash = 0;
        std::istringstream head(line);
        if (head >> std::hex >> start >> dash >> end && dash == '-') {
            inside = a >= start && a < end;
            continue;
        }
        if (inside && line.rfind("AnonHugePages:", 0) == 0)
            return std::stoll(line.substr(14));
    }
    return -1;
}

MemoryUse memory_use(const void* addr) {
    MemoryUse use;
    use.rss_kb = field_kb("/proc/self/smaps_rollup", "Rss:");
    use.anon_huge_kb = anon_huge_kb(addr);
    std::string cg = own_cgroup();
    if (!cg.empty()) {
        std::ifstream in("/sys/fs/cgroup" + cg + "/memory.current");
        std::int64_t bytes = -1;
        if (in >> bytes) use.cgroup_bytes = bytes;
    }
    return use;
}

}  // namespace bench
