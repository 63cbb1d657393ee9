// Fragments free memory the way a long-running machine does: fills it with base pages, then frees
// every other page, so much memory is free but almost none of it as a 2 MiB block. The pages it
// keeps are ordinary movable memory, so compaction can undo the damage at a price, unless they are
// pinned: mlocked, which compaction leaves alone when vm.compact_unevictable_allowed is 0.
#pragma once

#include <cstddef>
#include <memory>

#include "memory.h"

namespace bench {

class Fragmenter {
public:
    // Fills fill_mb, or when fill_mb is 0 all free memory but keep_mb.
    Fragmenter(std::size_t fill_mb, std::size_t keep_mb, bool pin = false);

    std::size_t filled_mb() const { return map_->size() >> 20; }
    double seconds() const { return seconds_; }

private:
    std::unique_ptr<Mapping> map_;
    double seconds_ = 0;
};

}  // namespace bench
