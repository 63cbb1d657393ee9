#include "trace_stats.h"

#include <algorithm>
#include <bit>

#include <fmt/format.h>

namespace ingens {
namespace {

constexpr std::size_t kBarWidth = 40;

std::size_t bucket_of(std::uint64_t value) {
    return value < 2 ? 0 : static_cast<std::size_t>(std::bit_width(value) - 1);
}

}  // namespace

void Log2Histogram::add(std::uint64_t value) {
    ++buckets_[bucket_of(value)];
    min_ = count_ ? std::min(min_, value) : value;
    max_ = count_ ? std::max(max_, value) : value;
    sum_ += value;
    ++count_;
}

double Log2Histogram::mean() const {
    return count_ ? static_cast<double>(sum_ / count_) : 0.0;
}

std::string pow2_label(std::uint64_t value) {
    constexpr std::array<std::string_view, 7> suffixes{"", "K", "M", "G", "T", "P", "E"};
    std::size_t s = 0;
    while (value >= 1024 && value % 1024 == 0) {
        value /= 1024;
        ++s;
    }
    return fmt::format("{}{}", value, suffixes[s]);
}

bool is_latency_field(std::string_view field) {
    return field == "latency_ns" || field == "duration_ns";
}

std::string Log2Histogram::render(std::string_view title) const {
    std::string out = fmt::format("{}: {} values, min {}, mean {:.0f}, max {} (ns)\n", title,
                                  count_, min_, mean(), max_);
    if (!count_) return out;
    const std::size_t lo = bucket_of(min_), hi = bucket_of(max_);
    const std::uint64_t peak = *std::max_element(buckets_.begin(), buckets_.end());
    for (std::size_t b = lo; b <= hi; ++b) {
        const std::uint64_t from = b == 0 ? 0 : std::uint64_t{1} << b;
        const std::string to = b + 1 < 64 ? pow2_label(std::uint64_t{1} << (b + 1)) : "16E";
        const std::string range = fmt::format("[{}, {})", pow2_label(from), to);
        const auto bar = static_cast<std::size_t>(buckets_[b] * kBarWidth / peak);
        out += fmt::format("  {:<18} {:>8} |{:<{}}|\n", range, buckets_[b], std::string(bar, '@'),
                           kBarWidth);
    }
    return out;
}

nlohmann::ordered_json Log2Histogram::to_json() const {
    nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
    for (std::size_t b = 0; b < buckets_.size(); ++b) {
        if (!buckets_[b]) continue;
        buckets.push_back({{"from_ns", b == 0 ? 0 : std::uint64_t{1} << b},
                           {"to_ns", b + 1 < 64 ? std::uint64_t{1} << (b + 1) : UINT64_MAX},
                           {"count", buckets_[b]}});
    }
    nlohmann::ordered_json j;
    j["count"] = count_;
    j["min_ns"] = min_;
    j["mean_ns"] = mean();
    j["max_ns"] = max_;
    j["buckets"] = std::move(buckets);
    return j;
}

void TraceTally::add(const TraceEvent& ev) {
    ++counts[ev.name];
    for (const auto& f : ev.fields) {
        if (f.number && *f.number >= 0 && is_latency_field(f.name)) {
            histograms[ev.name + "." + f.name].add(static_cast<std::uint64_t>(*f.number));
        }
    }
}

void TraceTally::add_lost(long long count) {
    if (count > 0) {
        lost += static_cast<std::uint64_t>(count);
    } else {
        lost_unknown = true;
    }
}

void TraceTally::clear_counts() {
    counts.clear();
    lost = 0;
    lost_unknown = false;
}

std::string render_interval(double seconds, const TraceTally& tally,
                            const std::vector<std::string>& events) {
    std::string out;
    for (const auto& ev : events) {
        const auto it = tally.counts.find(ev);
        out += fmt::format("{:>14.6f} {:>10} {}\n", seconds,
                           it == tally.counts.end() ? 0 : it->second, ev);
    }
    if (tally.lost || tally.lost_unknown) {
        out += fmt::format("{:>14.6f} {:>10} lost events{}\n", seconds, tally.lost,
                           tally.lost_unknown ? " (and more the kernel could not count)" : "");
    }
    return out;
}

nlohmann::ordered_json interval_to_json(double seconds, const TraceTally& tally,
                                        const std::vector<std::string>& events) {
    nlohmann::ordered_json counts = nlohmann::ordered_json::object();
    for (const auto& ev : events) {
        const auto it = tally.counts.find(ev);
        counts[ev] = it == tally.counts.end() ? 0 : it->second;
    }
    nlohmann::ordered_json j;
    j["schema_version"] = 2;
    j["interval_end_s"] = seconds;
    j["counts"] = std::move(counts);
    j["lost"] = tally.lost;
    j["lost_uncounted"] = tally.lost_unknown;
    return j;
}

}  // namespace ingens
