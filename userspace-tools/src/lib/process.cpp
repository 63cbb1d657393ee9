#include "process.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "fileio.h"
#include "number.h"
#include "procfs.h"
#include "sysfs.h"
#include "text.h"

namespace fs = std::filesystem;

namespace ingens {

std::uint64_t ProcIngens::count(const std::string& key) const {
    const auto it = summary.find(key);
    return it == summary.end() ? 0 : it->second;
}

std::uint64_t ProcIngens::idle_huge() const {
    if (const auto it = summary.find("idle_huge"); it != summary.end()) return it->second;
    return static_cast<std::uint64_t>(std::count_if(
        regions.begin(), regions.end(),
        [](const Region& r) { return r.state == "huge" && r.access == 0; }));
}

ProcIngens parse_proc_ingens(std::string_view text) {
    ProcIngens out;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') continue;
        if (const auto colon = line.find(':'); colon != std::string::npos) {
            const std::string key = line.substr(0, colon);
            std::istringstream values(line.substr(colon + 1));
            if (key == "util_histogram") {
                std::uint64_t n = 0;
                while (values >> n) out.util_histogram.push_back(n);
            } else if (const auto n = parse_u64(line.substr(colon + 1))) {
                out.summary[key] = *n;
            }
            continue;
        }
        std::istringstream words(line);
        std::string address;
        Region r;
        if (!(words >> address >> r.state >> r.util >> r.access >> r.freq)) continue;
        const auto parsed = to_number<std::uint64_t>(address, 16);
        if (!parsed) continue;
        r.address = *parsed;
        out.regions.push_back(std::move(r));
    }
    return out;
}

double ProcessInfo::coverage_percent() const {
    if (anon_kb == 0) return 0.0;
    return std::min(100.0, 100.0 * static_cast<double>(anon_huge_kb) /
                               static_cast<double>(anon_kb));
}

std::string ProcessInfo::display_name() const {
    return vm_name.empty() ? comm : "vm:" + vm_name;
}

namespace {

std::vector<std::string_view> split_args(std::string_view cmdline) {
    std::vector<std::string_view> args;
    while (!cmdline.empty()) {
        const auto end = cmdline.find('\0');
        args.push_back(cmdline.substr(0, end));
        if (end == std::string_view::npos) break;
        cmdline.remove_prefix(end + 1);
    }
    return args;
}

bool is_qemu(std::string_view argv0) {
    const auto slash = argv0.rfind('/');
    if (slash != std::string_view::npos) argv0.remove_prefix(slash + 1);
    return argv0.starts_with("qemu-system-") || argv0 == "qemu-kvm";
}

// QemuOpts: options split at single commas, ",," is a literal comma; the
// first option may leave out its "guest=" key.
std::string guest_from_opts(std::string_view opts) {
    std::vector<std::string> items(1);
    for (std::size_t i = 0; i < opts.size(); ++i) {
        if (opts[i] != ',') {
            items.back() += opts[i];
        } else if (i + 1 < opts.size() && opts[i + 1] == ',') {
            items.back() += ',';
            ++i;
        } else {
            items.emplace_back();
        }
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string_view item = items[i];
        if (item.starts_with("guest=")) return std::string(item.substr(6));
        if (i == 0 && item.find('=') == std::string_view::npos) return std::string(item);
    }
    return {};
}

}  // namespace

std::string qemu_guest_name(std::string_view cmdline) {
    const auto args = split_args(cmdline);
    if (args.empty() || !is_qemu(args[0])) return {};
    std::string name;
    // The last -name wins, as in QEMU.
    for (std::size_t i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "-name" || args[i] == "--name") name = guest_from_opts(args[i + 1]);
    }
    return name;
}

std::string cgroup_v2_path(std::string_view proc_cgroup) {
    std::string path;
    for_each_line(proc_cgroup, [&](std::string_view line) {
        if (path.empty() && line.starts_with("0::")) path = line.substr(3);
    });
    return path;
}

std::vector<int> list_pids(const Paths& paths) {
    std::vector<int> pids;
    std::error_code ec;
    for (fs::directory_iterator it(paths.roots().proc, ec), end; !ec && it != end;
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (const auto pid = to_number<int>(name); pid && *pid > 0) pids.push_back(*pid);
    }
    std::sort(pids.begin(), pids.end());
    return pids;
}

fs::path share_path(const Paths& paths, int pid) {
    return paths.roots().proc / std::to_string(pid) / "ingens_share";
}

std::optional<ProcessInfo> read_process(const Paths& paths, int pid) {
    const fs::path dir = paths.roots().proc / std::to_string(pid);
    const auto ingens_text = read_file_if_exists(dir / "ingens");
    if (!ingens_text) return std::nullopt;

    ProcessInfo p;
    p.pid = pid;
    p.ingens = parse_proc_ingens(*ingens_text);
    if (const auto comm = read_file_if_exists(dir / "comm")) p.comm = std::string(trim(*comm));
    if (const auto cmdline = read_file_if_exists(dir / "cmdline")) {
        p.vm_name = qemu_guest_name(*cmdline);
    }
    if (const auto cgroup = read_file_if_exists(dir / "cgroup")) p.cgroup = cgroup_v2_path(*cgroup);
    // status and smaps_rollup share meminfo's "Key:  N kB" format. A process
    // that exits between reads simply shows zeros.
    try {
        if (const auto status = read_file_if_exists(dir / "status")) {
            const auto fields = parse_meminfo(*status);
            if (auto it = fields.find("VmRSS"); it != fields.end()) p.rss_kb = it->second;
            if (auto it = fields.find("RssAnon"); it != fields.end()) p.anon_kb = it->second;
        }
        if (const auto rollup = read_file_if_exists(dir / "smaps_rollup")) {
            const auto fields = parse_meminfo(*rollup);
            if (auto it = fields.find("AnonHugePages"); it != fields.end()) {
                p.anon_huge_kb = it->second;
            }
        }
    } catch (const std::exception&) {
    }
    if (const auto share = read_file_if_exists(share_path(paths, pid))) {
        p.share = parse_u64(*share);
    } else if (const auto it = p.ingens.summary.find("share"); it != p.ingens.summary.end()) {
        p.share = it->second;
    }
    return p;
}

nlohmann::json process_to_json(const ProcessInfo& p, bool with_regions) {
    using nlohmann::json;
    const ProcIngens& g = p.ingens;
    json j{{"pid", p.pid},
           {"comm", p.comm},
           {"vm_name", p.vm_name.empty() ? json(nullptr) : json(p.vm_name)},
           {"rss_kb", p.rss_kb},
           {"anon_kb", p.anon_kb},
           {"anon_huge_kb", p.anon_huge_kb},
           {"huge_mib", static_cast<double>(p.anon_huge_kb) / 1024.0},
           {"coverage_percent", p.coverage_percent()},
           {"cgroup", p.cgroup.empty() ? json(nullptr) : json(p.cgroup)},
           {"share", p.share ? json(*p.share) : json(nullptr)},
           {"regions", g.count("regions")},
           {"base", g.count("base")},
           {"queued", g.count("queued")},
           {"huge", g.count("huge")},
           {"idle_huge", g.idle_huge()},
           {"util_histogram", g.util_histogram},
           {"summary", g.summary}};
    if (with_regions) {
        json regions = json::array();
        for (const Region& r : g.regions) {
            regions.push_back({{"address", fmt::format("0x{:x}", r.address)},
                               {"state", r.state},
                               {"util", r.util},
                               {"util_percent", 100.0 * r.util / kRegionPages},
                               {"access", r.access},
                               {"freq", r.freq}});
        }
        j["region_list"] = std::move(regions);
    }
    return j;
}

}  // namespace ingens
