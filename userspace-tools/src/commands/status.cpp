// `ingensctl status [--json]`: show knobs, counters, THP mode and coverage.
#include "commands/status.h"

#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "commands/command.h"
#include "lib/error.h"

namespace ingensctl {
namespace {

using ingens::KnobKind;

std::string mode_text(const std::optional<ingens::ThpMode>& mode) {
    return mode ? mode->selected : std::string("(unavailable)");
}

void append_thp_and_memory(std::string& out, const ingens::Status& st) {
    out += fmt::format("THP:      enabled={} defrag={}\n", mode_text(st.thp_enabled),
                       mode_text(st.thp_defrag));
    if (st.coverage) {
        out += fmt::format("Coverage: {:.1f}% of anonymous memory in huge pages "
                           "(AnonHugePages {} kB / AnonPages {} kB)\n",
                           st.coverage->percent, st.coverage->anon_huge_kb, st.coverage->anon_kb);
    } else {
        out += "Coverage: (meminfo unavailable)\n";
    }
    if (st.anon_huge_pages) {
        out += fmt::format("          {} anonymous huge pages mapped (vmstat "
                           "nr_anon_transparent_hugepages)\n",
                           *st.anon_huge_pages);
    }
}

void append_fragmentation(std::string& out, const ingens::Status& st) {
    out += fmt::format("\nFragmentation (FMFI for order {}, /proc/buddyinfo; 0 = all free memory "
                       "usable for huge pages, 1000 = none):\n",
                       ingens::kHugePageOrder);
    if (st.zones.empty()) out += "  (buddyinfo unavailable)\n";
    for (const auto& z : st.zones) {
        const auto index = z.fmfi();
        out += fmt::format("  node {} {:<8} free {:>9} MiB  FMFI {}\n", z.node, z.zone,
                           z.free_pages() * 4 / 1024,
                           index ? fmt::format("{:>4}", z.fmfi_permille())
                                 : std::string("   - (no free memory)"));
    }
}

void append_knobs(std::string& out, const ingens::Status& st) {
    out += "\nKnobs (* = differs from default):\n";
    out += fmt::format("  {:<25} {:<13} {:<12} {:<18} {}\n", "NAME", "VALUE", "DEFAULT", "RANGE",
                       "UNIT");
    for (const auto& ks : st.knobs) {
        if (!ks.knob) {
            out += fmt::format("  {:<25} {:<13} {:<12} {:<18}\n", ks.name,
                               ks.raw.value_or("(absent)"), "-", "(unknown to ingensctl)");
            continue;
        }
        std::string value;
        if (!ks.present()) {
            value = "(absent)";
        } else if (!ks.valid()) {
            value = fmt::format("{} !invalid", *ks.raw);
        } else {
            value = fmt::format("{}{}", *ks.value, ks.is_default ? "" : " *");
        }
        std::string line = fmt::format("  {:<25} {:<13} {:<12} {:<18} {}", ks.name, value,
                                       ks.knob->default_value, ingens::range_text(*ks.knob),
                                       ks.knob->unit);
        line.erase(line.find_last_not_of(' ') + 1);  // unitless knobs leave padding
        out += line + '\n';
    }
}

template <typename Counters>
void append_counters(std::string& out, std::string_view title, const Counters& counters) {
    out += fmt::format("\n{}:\n", title);
    if (counters.empty()) out += "  (none)\n";
    for (const auto& [name, value] : counters) out += fmt::format("  {:<38} {}\n", name, value);
}

}  // namespace

std::string render_status_text(const ingens::Status& st) {
    std::string out;
    if (!st.ingens_present) {
        out += fmt::format(
            "Ingens:   NOT PRESENT - this kernel lacks Ingens ({} does not exist).\n"
            "          Showing stock Linux THP state only.\n",
            st.ingens_dir);
    } else {
        const char* enabled = !st.ingens_enabled ? "enabled state unknown ('enabled' knob absent)"
                              : *st.ingens_enabled ? "enabled"
                                                   : "disabled (stock THP behaviour)";
        out += fmt::format("Ingens:   present, {} ({})\n", enabled, st.ingens_dir);
    }
    for (const auto& w : ingens::config_warnings(st)) out += fmt::format("WARNING:  {}\n", w);
    append_thp_and_memory(out, st);
    if (st.ingens_present) {
        append_knobs(out, st);
        append_counters(out, "Counters (ingens/stats)", st.stats);
    }
    append_fragmentation(out, st);
    append_counters(out, "vmstat (thp_*, ingens_*)", st.vmstat);
    return out;
}

int status_exit_code(const ingens::Status& st) {
    return st.ingens_present ? 0 : static_cast<int>(ingens::ErrorKind::NotPresent);
}

Command add_status_command(CLI::App& parent, const GlobalOptions& globals) {
    auto json = std::make_shared<bool>(false);
    CLI::App* app = parent.add_subcommand(
        "status", "Show whether Ingens is present, its knobs, counters and THP coverage");
    app->add_flag("--json", *json,
                  "Print machine-readable JSON (schema: README.md, \"JSON output\")");

    auto run = [json, &globals]() {
        const ingens::Status st = ingens::collect_status(globals.paths());
        if (*json) {
            fmt::print("{}\n", ingens::to_json(st).dump(2));
            if (!st.ingens_present) {
                fmt::print(stderr, "ingensctl: this kernel lacks Ingens ({} does not exist)\n",
                           st.ingens_dir);
            }
        } else {
            fmt::print("{}", render_status_text(st));
        }
        return status_exit_code(st);
    };
    return Command{app, run};
}

}  // namespace ingensctl
