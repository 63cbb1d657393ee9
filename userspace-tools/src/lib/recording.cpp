#include "recording.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

#include <fmt/format.h>

#include "error.h"
#include "fragmentation.h"
#include "knob_io.h"
#include "number.h"
#include "sysfs.h"
#include "text.h"

namespace fs = std::filesystem;

namespace ingens {
namespace {

constexpr std::string_view kShades = " .:-=+*#%@";

// Text from a recording (a process name anyone can choose) inside a quoted
// gnuplot string: a quote or a newline would end it and let the rest run as
// gnuplot commands, '!' ones in a shell. Only plain printable characters stay.
std::string gnuplot_safe(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        out += byte < 0x20 || byte >= 0x7f || c == '\'' || c == '"' || c == '\\' ? '?' : c;
    }
    return out;
}

double mib(std::uint64_t kb) { return static_cast<double>(kb) / 1024.0; }

const ProcessSample* find_process(const Sample& s, int pid) {
    for (const auto& p : s.processes) {
        if (p.pid == pid) return &p;
    }
    return nullptr;
}

// The process with the most regions in any sample, for the heat map.
int busiest(const Recording& r) {
    int pid = 0;
    std::size_t most = 0;
    for (const auto& s : r.samples) {
        for (const auto& p : s.processes) {
            if (p.regions.size() >= most) {
                most = p.regions.size();
                pid = p.pid;
            }
        }
    }
    return pid;
}

// The heat of every region of `pid` (rows by address) in every sample.
struct HeatGrid {
    std::vector<std::uint64_t> addresses;
    std::vector<std::vector<int>> freq;  // [sample][region], -1: not mapped then
    int max = 0;
};

HeatGrid heat_grid(const Recording& r, int pid) {
    HeatGrid g;
    std::set<std::uint64_t> all;
    for (const auto& s : r.samples) {
        if (const auto* p = find_process(s, pid)) {
            for (const auto& reg : p->regions) all.insert(reg.address);
        }
    }
    g.addresses.assign(all.begin(), all.end());
    for (const auto& s : r.samples) {
        std::vector<int> row(g.addresses.size(), -1);
        if (const auto* p = find_process(s, pid)) {
            for (const auto& reg : p->regions) {
                const auto at =
                    std::lower_bound(g.addresses.begin(), g.addresses.end(), reg.address);
                const auto index = static_cast<std::size_t>(at - g.addresses.begin());
                row[index] = static_cast<int>(reg.freq);
                g.max = std::max(g.max, static_cast<int>(reg.freq));
            }
        }
        g.freq.push_back(std::move(row));
    }
    return g;
}

}  // namespace

nlohmann::ordered_json recording_header(const Paths& paths, double interval_s) {
    nlohmann::ordered_json knobs = nlohmann::ordered_json::object();
    for (const auto& name : all_knob_names(paths)) {
        if (const auto v = read_knob(paths, name)) knobs[name] = *v;
    }
    nlohmann::ordered_json j;
    j["type"] = "header";
    j["schema_version"] = kRecordingSchemaVersion;
    j["interval_s"] = interval_s;
    j["knobs"] = std::move(knobs);
    return j;
}

nlohmann::ordered_json recording_sample(const Paths& paths, const TopFilter& filter,
                                        double seconds) {
    nlohmann::ordered_json processes = nlohmann::ordered_json::array();
    for (const auto& p : collect_top(paths, false, filter).rows) {
        nlohmann::ordered_json regions = nlohmann::ordered_json::array();
        for (const auto& reg : p.ingens.regions) {
            regions.push_back({fmt::format("0x{:x}", reg.address), reg.state, reg.util, reg.freq});
        }
        nlohmann::ordered_json j;
        j["pid"] = p.pid;
        j["name"] = p.display_name();
        j["anon_kb"] = p.anon_kb;
        j["anon_huge_kb"] = p.anon_huge_kb;
        j["coverage_percent"] = p.coverage_percent();
        j["idle_huge"] = p.ingens.idle_huge();
        j["util_histogram"] = p.ingens.util_histogram;
        j["regions"] = std::move(regions);  // [address, state, util, freq]
        processes.push_back(std::move(j));
    }
    unsigned fmfi = 0;
    for (const auto& z : read_buddyinfo(paths)) fmfi = std::max(fmfi, z.fmfi_permille());
    nlohmann::ordered_json j;
    j["type"] = "sample";
    j["t"] = seconds;
    j["processes"] = std::move(processes);
    j["stats"] = read_stats(paths);
    j["fmfi_permille"] = fmfi;
    return j;
}

Recording parse_recording(std::string_view text, std::string_view name) {
    Recording r;
    int line_no = 0;
    for_each_line(text, [&](std::string_view line) {
        ++line_no;
        if (line.empty()) return;
        try {
            const auto j = nlohmann::ordered_json::parse(line);
            if (j.at("type") == "header") {
                r.header = j;
                return;
            }
            Sample s;
            s.seconds = j.at("t").get<double>();
            s.fmfi_permille = j.value("fmfi_permille", 0u);
            s.stats = j.at("stats").get<std::map<std::string, std::int64_t>>();
            for (const auto& p : j.at("processes")) {
                ProcessSample ps;
                ps.pid = p.at("pid").get<int>();
                ps.name = p.at("name").get<std::string>();
                ps.anon_kb = p.at("anon_kb").get<std::uint64_t>();
                ps.anon_huge_kb = p.at("anon_huge_kb").get<std::uint64_t>();
                ps.coverage_percent = p.at("coverage_percent").get<double>();
                ps.idle_huge = p.at("idle_huge").get<std::uint64_t>();
                for (const auto& reg : p.at("regions")) {
                    std::string_view hex = reg.at(0).get_ref<const std::string&>();
                    if (hex.starts_with("0x")) hex.remove_prefix(2);
                    const auto address = to_number<std::uint64_t>(hex, 16);
                    if (!address) throw std::invalid_argument("a region address is no hex number");
                    ps.regions.push_back({*address,
                                          reg.at(1).get<std::string>(), reg.at(2).get<unsigned>(),
                                          reg.at(3).get<unsigned>()});
                }
                s.processes.push_back(std::move(ps));
            }
            r.samples.push_back(std::move(s));
        } catch (const std::exception& e) {
            throw Error(ErrorKind::Usage, fmt::format("{}:{}: not a line of a recording ({})", name,
                                                      line_no, e.what()));
        }
    });
    if (r.header.is_null()) {
        throw Error(ErrorKind::Usage, fmt::format("{}: no header line: not made by ingensctl "
                                                  "record",
                                                  name));
    }
    return r;
}

std::string render_summary(const Recording& r) {
    std::string out;
    if (r.samples.empty()) return "no samples recorded\n";
    const double span = r.samples.back().seconds - r.samples.front().seconds;
    out += fmt::format("{} samples over {:.1f} s (every {} s)\n\n", r.samples.size(), span,
                       r.header.value("interval_s", 0.0));
    struct Acc {
        std::string name;
        std::size_t n = 0;
        double first = 0, sum = 0, peak = 0, last = 0;
        double huge_peak = 0, huge_last = 0, idle_sum = 0;
    };
    std::map<int, Acc> by_pid;
    for (const auto& s : r.samples) {
        for (const auto& p : s.processes) {
            Acc& a = by_pid[p.pid];
            if (a.n++ == 0) a.first = p.coverage_percent;
            a.name = p.name;
            a.sum += p.coverage_percent;
            a.peak = std::max(a.peak, p.coverage_percent);
            a.last = p.coverage_percent;
            a.huge_peak = std::max(a.huge_peak, mib(p.anon_huge_kb));
            a.huge_last = mib(p.anon_huge_kb);
            a.idle_sum += static_cast<double>(p.idle_huge);
        }
    }
    out += fmt::format("{:>7} {:<16} {:>7} {:>7} {:>7} {:>7} {:>9} {:>9} {:>6}\n", "PID", "COMMAND",
                       "COV0%", "COVavg", "COVmax", "COVend", "HUGEmax", "HUGEend", "IDLE");
    for (const auto& [pid, a] : by_pid) {
        out += fmt::format("{:>7} {:<16.16} {:>7.1f} {:>7.1f} {:>7.1f} {:>7.1f} {:>9.1f} {:>9.1f} "
                           "{:>6.1f}\n",
                           pid, a.name, a.first, a.sum / static_cast<double>(a.n), a.peak, a.last,
                           a.huge_peak, a.huge_last, a.idle_sum / static_cast<double>(a.n));
    }
    out += "\ncounters over the recording:";
    const auto& first = r.samples.front().stats;
    const auto& last = r.samples.back().stats;
    for (const auto& name : {"promoted", "promote_failed", "demoted", "freed_base_pages",
                             "compact_rounds", "compact_migrated", "fair_reclaimed"}) {
        const auto a = first.find(name), b = last.find(name);
        if (a != first.end() && b != last.end()) {
            out += fmt::format(" {} +{}", name, b->second - a->second);
        }
    }
    unsigned lo = 1000, hi = 0;
    for (const auto& s : r.samples) {
        lo = std::min(lo, s.fmfi_permille);
        hi = std::max(hi, s.fmfi_permille);
    }
    out += fmt::format("\nFMFI (most fragmented zone): {}..{} per mille\n", lo, hi);
    return out;
}

std::string render_heatmap(const Recording& r, int pid, std::size_t rows, std::size_t columns) {
    if (pid == 0) pid = busiest(r);
    const HeatGrid g = heat_grid(r, pid);
    if (g.addresses.empty() || r.samples.empty() || rows == 0 || columns == 0) {
        return fmt::format("no regions of pid {} in the recording\n", pid);
    }
    const std::size_t nrows = std::min(rows, g.addresses.size());
    const std::size_t ncols = std::min(columns, r.samples.size());
    std::string out = fmt::format("pid {}: access frequency of its {} regions (rows, by address) "
                                  "over {} samples (columns); \"{}\" = 0..{}\n",
                                  pid, g.addresses.size(), r.samples.size(), kShades, g.max);
    for (std::size_t row = 0; row < nrows; ++row) {
        const std::size_t r0 = row * g.addresses.size() / nrows;
        const std::size_t r1 = std::max(r0 + 1, (row + 1) * g.addresses.size() / nrows);
        std::string line = fmt::format("{:>14x} |", g.addresses[r0]);
        for (std::size_t col = 0; col < ncols; ++col) {
            const std::size_t c0 = col * r.samples.size() / ncols;
            const std::size_t c1 = std::max(c0 + 1, (col + 1) * r.samples.size() / ncols);
            int hottest = -1;
            for (std::size_t c = c0; c < c1; ++c) {
                for (std::size_t i = r0; i < r1; ++i) hottest = std::max(hottest, g.freq[c][i]);
            }
            std::size_t level = 0;
            if (hottest > 0 && g.max > 0) {
                level = static_cast<std::size_t>(
                    (hottest * static_cast<int>(kShades.size() - 1) + g.max - 1) / g.max);
            }
            line += hottest < 0 ? '_' : kShades[std::min(level, kShades.size() - 1)];
        }
        out += line + "|\n";
    }
    std::string coverage = fmt::format("{:>14} |", "coverage");
    for (std::size_t col = 0; col < ncols; ++col) {
        const auto* p = find_process(r.samples[col * r.samples.size() / ncols], pid);
        if (!p) {
            coverage += '_';
            continue;
        }
        const double cov = p->coverage_percent;
        const auto level = static_cast<std::size_t>(cov / 100.0 * (kShades.size() - 1) + 0.5);
        coverage += kShades[std::min(kShades.size() - 1, level)];
    }
    out += coverage + "|  (\" \" 0% .. \"@\" 100%; \"_\" not there then)\n";
    return out;
}

void plot_recording(const Recording& r, int pid, const std::string& png) {
    if (gnuplot_safe(png) != png) {
        throw Error(ErrorKind::Usage, fmt::format("--plot: {} has characters gnuplot cannot be "
                                                  "given safely; name the PNG plainly",
                                                  in_quotes(png)));
    }
    if (pid == 0) pid = busiest(r);
    char dir_template[] = "/tmp/ingensctl-plot-XXXXXX";
    const char* dir = ::mkdtemp(dir_template);
    if (!dir) throw error_from_errno(errno, "cannot create a directory for gnuplot's data");
    const fs::path tmp(dir);
    std::set<int> pids;
    for (const auto& s : r.samples) {
        for (const auto& p : s.processes) pids.insert(p.pid);
    }
    std::string plots;
    for (int each : pids) {
        std::ofstream data(tmp / fmt::format("coverage-{}.dat", each));
        std::string name;
        for (const auto& s : r.samples) {
            if (const auto* p = find_process(s, each)) {
                data << s.seconds << ' ' << p->coverage_percent << '\n';
                name = p->name;
            }
        }
        plots += fmt::format("{}'{}/coverage-{}.dat' using 1:2 with lines title '{} {}'",
                             plots.empty() ? "" : ", ", tmp.string(), each, each,
                             gnuplot_safe(name));
    }
    const HeatGrid g = heat_grid(r, pid);
    {
        std::ofstream heat(tmp / "heat.dat");
        for (std::size_t c = 0; c < r.samples.size(); ++c) {
            for (std::size_t i = 0; i < g.addresses.size(); ++i) {
                heat << r.samples[c].seconds << ' ' << i << ' ' << std::max(0, g.freq[c][i])
                     << '\n';
            }
            heat << '\n';
        }
    }
    std::ofstream script(tmp / "plot.gp");
    script << "set terminal pngcairo size 1000,800 noenhanced\n"
           << "set output '" << png << "'\n"
           << "set multiplot layout 2,1\n"
           << "set title 'huge-page coverage of anonymous memory'\n"
           << "set xlabel 'seconds'\nset ylabel '%'\nset yrange [0:100]\nset key outside\n"
           << "plot " << plots << "\n"
           << "set title 'pid " << pid << ": access frequency of its 2 MiB regions'\n"
           << "set ylabel 'region (by address)'\nset yrange [0:" << g.addresses.size()
           << "]\nunset key\n"
           << "set view map\nset palette defined (0 'white', 1 'orange', 2 'red')\n"
           << "splot '" << (tmp / "heat.dat").string() << "' using 1:2:3 with pm3d\n"
           << "unset multiplot\n";
    script.close();
    const int rc = std::system(
        fmt::format("gnuplot '{}' 2>'{}'", (tmp / "plot.gp").string(), (tmp / "err").string())
            .c_str());
    std::string err;
    if (std::ifstream in(tmp / "err"); in) err.assign(std::istreambuf_iterator<char>(in), {});
    std::error_code ec;
    fs::remove_all(tmp, ec);
    if (rc != 0) {
        throw Error(ErrorKind::Io, fmt::format("gnuplot failed ({}); without gnuplot, report "
                                               "draws the heat map in the terminal: {}",
                                               rc, err));
    }
}

}  // namespace ingens
