#include "fragmentation.h"

#include <cmath>
#include <sstream>

#include "fileio.h"
#include "number.h"

namespace ingens {

std::uint64_t ZoneFree::free_pages() const {
    std::uint64_t pages = 0;
    for (std::size_t order = 0; order < free_blocks.size(); ++order) {
        pages += free_blocks[order] << order;
    }
    return pages;
}

std::optional<double> ZoneFree::fmfi(unsigned order) const {
    const std::uint64_t total = free_pages();
    if (total == 0) return std::nullopt;
    std::uint64_t usable = 0;
    for (std::size_t j = order; j < free_blocks.size(); ++j) usable += free_blocks[j] << j;
    return static_cast<double>(total - usable) / static_cast<double>(total);
}

unsigned ZoneFree::fmfi_permille() const {
    const std::uint64_t total = free_pages();
    if (total == 0) return 0;
    std::uint64_t suitable = 0;
    for (std::size_t j = kHugePageOrder; j < free_blocks.size(); ++j) {
        suitable += free_blocks[j] << j;
    }
    return static_cast<unsigned>((total - suitable) * 1000 / total);
}

std::vector<ZoneFree> parse_buddyinfo(std::string_view text) {
    std::vector<ZoneFree> zones;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string node_word, node_id, zone_word;
        ZoneFree z;
        if (!(words >> node_word >> node_id >> zone_word >> z.zone)) continue;
        if (node_word != "Node" || zone_word != "zone" || node_id.empty() ||
            node_id.back() != ',') {
            continue;
        }
        node_id.pop_back();  // the ','
        const auto node = to_number<int>(node_id);
        if (!node) continue;
        z.node = *node;
        std::uint64_t count = 0;
        while (words >> count) z.free_blocks.push_back(count);
        if (!words.eof() || z.free_blocks.empty()) continue;  // junk after the counts
        zones.push_back(std::move(z));
    }
    return zones;
}

std::vector<ZoneFree> read_buddyinfo(const Paths& paths) {
    const auto text = read_file_if_exists(paths.roots().proc / "buddyinfo");
    return text ? parse_buddyinfo(*text) : std::vector<ZoneFree>{};
}

nlohmann::json fragmentation_to_json(const std::vector<ZoneFree>& zones) {
    auto out = nlohmann::json::array();
    for (const auto& z : zones) {
        const auto index = z.fmfi();
        std::uint64_t huge = 0;
        for (std::size_t j = kHugePageOrder; j < z.free_blocks.size(); ++j) {
            huge += z.free_blocks[j] << (j - kHugePageOrder);
        }
        out.push_back({{"node", z.node},
                       {"zone", z.zone},
                       {"free_pages", z.free_pages()},
                       {"huge_blocks_free", huge},
                       {"fmfi", index ? nlohmann::json(*index) : nlohmann::json(nullptr)},
                       {"fmfi_permille", index ? nlohmann::json(z.fmfi_permille())
                                               : nlohmann::json(nullptr)}});
    }
    return out;
}

}  // namespace ingens
