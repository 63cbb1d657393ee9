#include "explain.h"

#include <algorithm>

#include <fmt/format.h>

#include "error.h"
#include "fileio.h"
#include "fragmentation.h"
#include "number.h"
#include "process.h"
#include "procfs.h"
#include "status.h"
#include "sysfs.h"
#include "text.h"

namespace fs = std::filesystem;

namespace ingens {
namespace {

constexpr std::uint64_t kHugeBytes = 2u << 20;

struct Vma {
    std::uint64_t start = 0, end = 0;
    std::string name;
    std::vector<std::string> flags;  // VmFlags
    bool has(std::string_view flag) const {
        return std::find(flags.begin(), flags.end(), flag) != flags.end();
    }
};

// /proc/PID/smaps: a header line per mapping, then "Key: value" lines.
std::vector<Vma> parse_smaps(std::string_view text) {
    std::vector<Vma> out;
    for_each_line(text, [&out](std::string_view line) {
        const auto dash = line.find('-');
        const auto space = line.find(' ');
        if (dash != std::string_view::npos && space != std::string_view::npos && dash < space) {
            const auto start = to_number<std::uint64_t>(line.substr(0, dash), 16);
            const auto end = to_number<std::uint64_t>(line.substr(dash + 1, space - dash - 1), 16);
            if (start && end) {
                Vma v{*start, *end, "", {}};
                // The path is the sixth field, if there is one.
                std::string_view rest = line;
                for (int field = 0; field < 5 && !rest.empty(); ++field) {
                    rest.remove_prefix(std::min(rest.find(' '), rest.size()));
                    rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
                }
                v.name = std::string(rest);
                out.push_back(std::move(v));
                return;
            }
        }
        if (line.starts_with("VmFlags:") && !out.empty()) {
            std::string_view flags = trim(line.substr(8));
            while (!flags.empty()) {
                const auto sp = flags.find(' ');
                out.back().flags.emplace_back(flags.substr(0, sp));
                flags = sp == std::string_view::npos ? std::string_view{}
                                                     : trim(flags.substr(sp + 1));
            }
        }
    });
    return out;
}

void add(Explanation& e, bool blocks, std::string what, std::string fix = {}) {
    e.findings.push_back({blocks, std::move(what), std::move(fix)});
}

std::optional<std::int64_t> knob_number(const Paths& paths, std::string_view name) {
    const auto v = read_knob(paths, name);
    return v ? to_number<std::int64_t>(*v) : std::nullopt;
}

void explain_modes(Explanation& e, const Paths& paths, const Status& st,
                   const std::vector<Vma>& vmas) {
    const std::string thp = st.thp_enabled ? st.thp_enabled->selected : "?";
    const bool madvised = std::any_of(vmas.begin(), vmas.end(),
                                      [](const Vma& v) { return v.has("hg"); });
    if (thp == "never") {
        add(e, true, "THP is off (transparent_hugepage/enabled = never)",
            fmt::format("echo always > {}/enabled", paths.thp_dir().string()));
    } else if (thp == "madvise" && !madvised) {
        add(e, true, "THP enabled = madvise and no mapping of this process is MADV_HUGEPAGE",
            "madvise(MADV_HUGEPAGE) the memory, or echo always > " +
                paths.thp_dir().string() + "/enabled");
    } else {
        add(e, false, fmt::format("THP enabled = {}, defrag = {}", thp,
                                  st.thp_defrag ? st.thp_defrag->selected : "?"));
    }
    if (st.ingens_enabled == false) {
        add(e, false, "Ingens is off (enabled = 0): stock THP decides, huge pages at fault",
            "ingensctl set enabled=1");
    }
    const auto defer = knob_number(paths, "defer_madvised");
    if (madvised && defer == 0) {
        add(e, false, "MADV_HUGEPAGE memory is huge at fault as in stock Linux (defer_madvised = "
                      "0), not promoted by Ingens");
    }
    for (const auto& w : config_warnings(st)) {
        if (!w.starts_with("THP is off")) add(e, true, w);  // reported above
    }
}

void explain_process_flags(Explanation& e, const Paths& paths, int pid,
                           const std::vector<Vma>& vmas, const ProcessInfo& p) {
    const fs::path dir = paths.roots().proc / std::to_string(pid);
    if (const auto status = read_file_if_exists(dir / "status")) {
        const auto fields = parse_meminfo(*status);
        if (const auto it = fields.find("THP_enabled"); it != fields.end() && it->second == 0) {
            add(e, true, "the process turned THP off for itself (prctl PR_SET_THP_DISABLE: "
                         "THP_enabled 0 in /proc/PID/status)",
                "only the program (or its parent, before exec) can: prctl(PR_SET_THP_DISABLE, 0)");
        }
    }
    std::uint64_t nohuge = 0;
    for (const auto& v : vmas) {
        if (v.has("nh")) nohuge += v.end - v.start;
    }
    if (nohuge) {
        add(e, true, fmt::format("{:.1f} MiB of its mappings are MADV_NOHUGEPAGE",
                                 static_cast<double>(nohuge) / (1 << 20)),
            "the program asked for it: madvise(MADV_HUGEPAGE) or drop the MADV_NOHUGEPAGE call");
    }
    if (p.share && *p.share == 0) {
        add(e, true, "its share is 0: Ingens never promotes it",
            fmt::format("ingensctl proc {} share 10000", pid));
    }
}

void explain_memcg(Explanation& e, const Paths& paths, const ProcessInfo& p) {
    if (p.cgroup.empty()) return;
    const fs::path cg = paths.roots().sysfs / "fs/cgroup" / fs::path(p.cgroup).relative_path();
    const auto max = read_file_if_exists(cg / "memory.max");
    const auto current = read_file_if_exists(cg / "memory.current");
    if (!max || !current || trim(*max) == "max") return;
    const auto limit = parse_u64(*max), used = parse_u64(*current);
    if (!limit || !used) return;
    const std::uint64_t room = *limit > *used ? *limit - *used : 0;
    add(e, room < kHugeBytes,
        fmt::format("its memory cgroup {} has {:.1f} MiB of room (memory.max {:.0f} MiB)",
                    p.cgroup, static_cast<double>(room) / (1 << 20),
                    static_cast<double>(*limit) / (1 << 20)),
        room < kHugeBytes ? "a huge page needs 2 MiB of headroom: raise memory.max" : "");
}

void explain_memory(Explanation& e, const Paths& paths, const CounterSnapshot& before,
                    const CounterSnapshot& after) {
    const auto zones = read_buddyinfo(paths);
    const auto threshold = knob_number(paths, "compact_fmfi_threshold");
    std::uint64_t huge_free = 0;
    unsigned worst = 0;
    for (const auto& z : zones) {
        for (std::size_t o = kHugePageOrder; o < z.free_blocks.size(); ++o) {
            huge_free += z.free_blocks[o] << (o - kHugePageOrder);
        }
        worst = std::max(worst, z.fmfi_permille());
    }
    if (!zones.empty()) {
        add(e, huge_free == 0,
            fmt::format("{} free 2 MiB blocks; FMFI up to {} per mille (compaction above {})",
                        huge_free, worst, threshold ? std::to_string(*threshold) : "?"),
            huge_free == 0 ? "free memory is fragmented: compaction (compact_fmfi_threshold, "
                             "compact_max_mb) or less memory in use"
                           : "");
    }
    const auto delta = [&](const char* name) -> std::int64_t {
        const auto b = before.stats.find(name), a = after.stats.find(name);
        return b == before.stats.end() || a == after.stats.end() ? 0 : a->second - b->second;
    };
    if (delta("promote_failed") > 0 && delta("promoted") == 0) {
        add(e, true,
            fmt::format("the promoter is failing ({} failed promotions, none succeeded, while "
                        "explain watched): it backs off up to 30 s",
                        delta("promote_failed")),
            "ingensctl trace -e ingens_promote_fail names the reason");
    }
}

void explain_region(Explanation& e, const Paths& paths, const ProcessInfo& p,
                    const std::vector<Vma>& vmas, std::uint64_t address) {
    const std::uint64_t base = address & ~(kHugeBytes - 1);
    const auto vma = std::find_if(vmas.begin(), vmas.end(), [&](const Vma& v) {
        return address >= v.start && address < v.end;
    });
    if (vma == vmas.end()) {
        add(e, true, fmt::format("0x{:x} is not mapped", address));
        return;
    }
    if (base < vma->start || base + kHugeBytes > vma->end) {
        add(e, true,
            fmt::format("the 2 MiB region 0x{:x} does not fit its mapping 0x{:x}-0x{:x}", base,
                        vma->start, vma->end),
            "a huge page needs a 2 MiB-aligned 2 MiB range inside one mapping: map more, or "
            "align it");
    }
    if (!vma->name.empty() && !vma->name.starts_with('[')) {
        add(e, true, fmt::format("0x{:x} is in a file mapping ({}): Ingens manages anonymous "
                                 "memory",
                                 address, vma->name));
    }
    if (vma->has("nh")) add(e, true, "its mapping is MADV_NOHUGEPAGE");
    const auto region = std::find_if(p.ingens.regions.begin(), p.ingens.regions.end(),
                                     [&](const Region& r) { return r.address == base; });
    if (region == p.ingens.regions.end()) {
        add(e, true, fmt::format("Ingens does not track region 0x{:x} (never faulted in, or not "
                                 "eligible)",
                                 base));
        return;
    }
    const auto threshold = knob_number(paths, "util_threshold").value_or(90);
    const auto needed = static_cast<unsigned>((threshold * kRegionPages + 99) / 100);
    if (region->state == "huge") {
        add(e, false, fmt::format("region 0x{:x} is huge (frequency {})", base, region->freq));
    } else if (region->state == "queued") {
        add(e, false, fmt::format("region 0x{:x} is queued for promotion ({} of 512 pages)", base,
                                  region->util),
            "the promoter takes promote_max_per_round regions per wake-up, fairest share first");
    } else {
        add(e, region->util < needed,
            fmt::format("region 0x{:x} has {} of 512 pages populated; promotion starts at {} "
                        "(util_threshold {}%)",
                        base, region->util, needed, threshold),
            region->util < needed ? "touch more of it, or lower util_threshold" : "");
    }
}

}  // namespace

Explanation explain_process(const Paths& paths, int pid, std::optional<std::uint64_t> address,
                            const CounterSnapshot& before, const CounterSnapshot& after) {
    const auto p = read_process(paths, pid);
    if (!p) throw Error(ErrorKind::Io, fmt::format("no process {} (or it has no /proc/{}/ingens)",
                                                   pid, pid));
    Explanation e;
    e.pid = pid;
    e.name = p->display_name();
    e.summary = fmt::format("{:.1f} of {:.1f} MiB anonymous memory in huge pages ({:.1f}%), "
                            "{} regions tracked, {} huge",
                            static_cast<double>(p->anon_huge_kb) / 1024,
                            static_cast<double>(p->anon_kb) / 1024, p->coverage_percent(),
                            p->ingens.count("regions"), p->ingens.count("huge"));
    const auto smaps = read_file_if_exists(paths.roots().proc / std::to_string(pid) / "smaps");
    const auto vmas = smaps ? parse_smaps(*smaps) : std::vector<Vma>{};
    explain_modes(e, paths, collect_status(paths), vmas);
    explain_process_flags(e, paths, pid, vmas, *p);
    explain_memcg(e, paths, *p);
    explain_memory(e, paths, before, after);
    if (address) explain_region(e, paths, *p, vmas, *address);
    return e;
}

std::string render_explanation(const Explanation& e) {
    std::string out = fmt::format("pid {} ({}): {}\n", e.pid, e.name, e.summary);
    std::size_t blocking = 0;
    for (const auto& f : e.findings) {
        out += fmt::format("  {}  {}\n", f.blocks ? "NO" : "ok", f.what);
        if (!f.fix.empty()) out += fmt::format("        -> {}\n", f.fix);
        blocking += f.blocks;
    }
    out += blocking ? fmt::format("{} thing(s) stand in the way of huge pages\n", blocking)
                    : "nothing stands in the way of huge pages\n";
    return out;
}

nlohmann::ordered_json explanation_to_json(const Explanation& e) {
    nlohmann::ordered_json j;
    j["schema_version"] = 1;
    j["pid"] = e.pid;
    j["name"] = e.name;
    j["summary"] = e.summary;
    j["findings"] = nlohmann::ordered_json::array();
    for (const auto& f : e.findings) {
        j["findings"].push_back({{"blocks", f.blocks}, {"what", f.what}, {"fix", f.fix}});
    }
    return j;
}

}  // namespace ingens
