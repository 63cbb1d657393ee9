#include "buddyinfo.h"

#include <fstream>
#include <sstream>
#include <string>

namespace bench {

std::int64_t free_huge_blocks() {
    // "Node 0, zone   Normal   n0 n1 ... n10": free blocks per order.
    std::ifstream in("/proc/buddyinfo");
    if (!in) return -1;
    std::int64_t blocks = 0;
    std::string line;
    while (std::getline(in, line)) {
        auto zone = line.find("zone");
        if (zone == std::string::npos) continue;
        std::istringstream fields(line.substr(zone + 4));
        std::string name;
        fields >> name;
        std::int64_t count = 0;
        for (int order = 0; fields >> count; order++)
            if (order >= 9) blocks += count << (order - 9);
    }
    return blocks;
}

}  // namespace bench
