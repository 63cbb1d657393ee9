// `record` and `report`, the way damo records and reports DAMON's monitoring:
// samples of each process's huge-page coverage, utilization, idle huge pages
// and per-region access frequency, with the system's counters and
// fragmentation, one JSON document per line (a header, then one per sample);
// summaries, a terminal heat map of the regions over time, and gnuplot plots.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "paths.h"
#include "top_table.h"

namespace ingens {

inline constexpr int kRecordingSchemaVersion = 1;

// The first line of a recording: what was recorded and how.
nlohmann::ordered_json recording_header(const Paths& paths, double interval_s);

// One sample at `seconds` after the start: the processes `filter` selects
// (every region's address, state, utilization and frequency), the counters
// of ingens/stats and the FMFI of each zone.
nlohmann::ordered_json recording_sample(const Paths& paths, const TopFilter& filter,
                                        double seconds);

struct RegionSample {
    std::uint64_t address = 0;
    std::string state;
    unsigned util = 0;
    unsigned freq = 0;
};

struct ProcessSample {
    int pid = 0;
    std::string name;
    std::uint64_t anon_kb = 0;
    std::uint64_t anon_huge_kb = 0;
    double coverage_percent = 0;
    std::uint64_t idle_huge = 0;
    std::vector<RegionSample> regions;
};

struct Sample {
    double seconds = 0;
    std::vector<ProcessSample> processes;
    std::map<std::string, std::int64_t> stats;
    unsigned fmfi_permille = 0;  // the most fragmented zone's
};

struct Recording {
    nlohmann::ordered_json header;
    std::vector<Sample> samples;
};

// Reads what record wrote. Throws Error(Usage) naming the line that is not
// a recording's.
Recording parse_recording(std::string_view text, std::string_view name);

// Per process: coverage first, mean, peak and last, huge MiB peak and last,
// idle huge pages on average; then the counters' growth and the FMFI range.
std::string render_summary(const Recording& r);

// Regions (rows, by address; at most `rows`, neighbours merged) over time
// (columns, at most `columns`; samples merged), shaded by access frequency
// " .:-=+*#%@" scaled to the hottest, for the process `pid` (0: the one with
// the most regions); under it, the process's coverage over time.
std::string render_heatmap(const Recording& r, int pid, std::size_t rows, std::size_t columns);

// Writes `png` with gnuplot: coverage of each process over time, and the
// heat map of `pid`'s regions. Throws Error when gnuplot is missing or fails.
void plot_recording(const Recording& r, int pid, const std::string& png);

}  // namespace ingens
