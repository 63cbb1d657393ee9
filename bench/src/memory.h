// What the kernel says about this process's memory: the figures the workloads report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace bench {

inline constexpr std::size_t kPage = 4096;
inline constexpr std::size_t kRegion = 2u << 20;  // PMD size on x86-64

// A 2 MiB-aligned private anonymous mapping, fenced by PROT_NONE guards so it never merges
// with a neighbour. Throws std::runtime_error when the kernel refuses.
class Mapping {
public:
    explicit Mapping(std::size_t bytes);
    ~Mapping();
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;

    char* data() const { return data_; }
    std::size_t size() const { return size_; }

private:
    char* base_ = nullptr;
    std::size_t span_ = 0;
    char* data_ = nullptr;
    std::size_t size_ = 0;
};

struct MemoryUse {
    std::int64_t rss_kb = -1;              // smaps_rollup Rss
    std::int64_t anon_huge_kb = -1;        // AnonHugePages of the mapping
    std::int64_t cgroup_bytes = -1;        // memory.current of our cgroup: what is charged
};

// AnonHugePages (kB) of the mapping that contains addr; -1 if it cannot be read.
std::int64_t anon_huge_kb(const void* addr);
MemoryUse memory_use(const void* addr);

// The same figures with Rss taken from the mapping alone, in one pass over smaps: cheap enough
// to sample while a workload runs.
MemoryUse mapping_use(const void* addr);

// memory.current of the cgroup this process runs in, in bytes; -1 if there is none.
std::int64_t cgroup_bytes();

// A "Key:   N kB" field of a procfs file (meminfo, smaps_rollup, ...); -1 if absent.
std::int64_t field_kb(const std::string& path, const std::string& key);

}  // namespace bench
