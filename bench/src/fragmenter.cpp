#include "fragmenter.h"

#include <sys/mman.h>

#include <algorithm>
#include <stdexcept>

#include "workload.h"

namespace bench {

namespace {

std::size_t fill_bytes(std::size_t fill_mb, std::size_t keep_mb) {
    if (fill_mb > 0) return fill_mb << 20;
    std::int64_t free_kb = field_kb("/proc/meminfo", "MemFree:");
    std::int64_t keep_kb = static_cast<std::int64_t>(keep_mb) << 10;
    if (free_kb <= keep_kb + (64 << 10)) throw std::runtime_error("too little free memory to fragment");
    // Whole 2 MiB regions, so the mapping's alignment costs nothing.
    return static_cast<std::size_t>((free_kb - keep_kb) << 10) & ~(kRegion - 1);
}

}  // namespace

Fragmenter::Fragmenter(std::size_t fill_mb, std::size_t keep_mb, bool pin) {
    double start = now_s();
    map_ = std::make_unique<Mapping>(fill_bytes(fill_mb, keep_mb));
    char* p = map_->data();
    // Base pages whatever the policy, and not copied into the children of fairness.
    if (madvise(p, map_->size(), MADV_NOHUGEPAGE) != 0 || madvise(p, map_->size(), MADV_DONTFORK) != 0)
        throw std::runtime_error("madvise on the fragmenter failed");
    for (std::size_t off = 0; off < map_->size(); off += kPage) p[off] = 1;
    for (std::size_t off = 0; off < map_->size(); off += 2 * kPage)
        if (madvise(p + off, kPage, MADV_DONTNEED) != 0) throw std::runtime_error("madvise(MADV_DONTNEED) failed");
    // On-fault locking locks the pages kept and leaves the holes free.
    if (pin && mlock2(p, map_->size(), MLOCK_ONFAULT) != 0) throw std::runtime_error("mlock2 failed");
    seconds_ = now_s() - start;
}

}  // namespace bench
