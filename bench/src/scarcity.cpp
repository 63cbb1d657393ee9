// Huge-page scarcity for workloads that are not one program (the VM fairness workload): fragment
// free memory but --keep-mb, pinned, print one JSON line and hold it until killed.
#include <unistd.h>

#include "buddyinfo.h"
#include "fragmenter.h"
#include "workload.h"

int main(int argc, char** argv) {
    CLI::App app{"scarcity: fragment free memory and hold it until killed"};
    std::size_t fill_mb = 0, keep_mb = 256;
    app.add_option("--fill-mb", fill_mb, "memory to fragment; 0 = all free memory but --keep-mb");
    app.add_option("--keep-mb", keep_mb, "free memory left alone when --fill-mb is 0");
    CLI11_PARSE(app, argc, argv);

    // Pinned: with vm.compact_unevictable_allowed=0 only --keep-mb can become huge.
    bench::Fragmenter fragmenter(fill_mb, keep_mb, true);
    nlohmann::json out{{"fragmented_mb", fragmenter.filled_mb()},
                       {"free_huge_blocks", bench::free_huge_blocks()}};
    bench::emit("scarcity", out);
    std::fflush(stdout);
    for (;;) pause();
}
