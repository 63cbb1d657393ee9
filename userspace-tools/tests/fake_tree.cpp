#include "fake_tree.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "lib/knobs.h"

namespace fs = std::filesystem;

namespace ingens::test {
namespace {

const fs::path kThp = "sys/kernel/mm/transparent_hugepage";

std::string mode_line(std::string_view selected, std::initializer_list<std::string_view> all) {
    std::string out;
    for (auto choice : all) {
        if (!out.empty()) out += ' ';
        // Appended piecewise: `"[" + std::string(x)` trips GCC 12's bogus -Wrestrict.
        if (choice == selected) out += '[';
        out += choice;
        if (choice == selected) out += ']';
    }
    return out + "\n";
}

}  // namespace

FakeTree::FakeTree() {
    std::string tmpl = (fs::temp_directory_path() / "ingensctl-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    root_ = tmpl;
    fs::create_directories(sys());
    fs::create_directories(proc());
}

FakeTree::~FakeTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
}

Paths FakeTree::paths() const { return Paths(Roots{sys(), proc(), root_ / "tracing"}); }

void FakeTree::write(const fs::path& rel, std::string_view content) const {
    const fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << content;
    if (!f) throw std::runtime_error("cannot write " + p.string());
}

void FakeTree::add_thp(std::string_view enabled, std::string_view defrag) const {
    write(kThp / "enabled", mode_line(enabled, {"always", "madvise", "never"}));
    write(kThp / "defrag",
          mode_line(defrag, {"always", "defer", "defer+madvise", "madvise", "never"}));
}

void FakeTree::add_ingens() const {
    fs::create_directories(root_ / kThp / "ingens" / "stats");
    for (const Knob& k : knobs()) set_knob(k.name, std::string(k.default_value) + "\n");
}

void FakeTree::set_knob(std::string_view name, std::string_view content) const {
    write(kThp / "ingens" / name, content);
}

void FakeTree::remove_knob(std::string_view name) const {
    fs::remove(root_ / kThp / "ingens" / name);
}

void FakeTree::set_stat(std::string_view name, std::string_view content) const {
    write(kThp / "ingens" / "stats" / name, content);
}

void FakeTree::add_meminfo(std::uint64_t anon_kb, std::uint64_t anon_huge_kb) const {
    write("proc/meminfo", "MemTotal:       16318536 kB\n"
                          "MemFree:         1234567 kB\n"
                          "AnonPages:       " + std::to_string(anon_kb) + " kB\n"
                          "Mapped:           200000 kB\n"
                          "AnonHugePages:   " + std::to_string(anon_huge_kb) + " kB\n"
                          "HugePages_Total:       0\n"
                          "Hugepagesize:       2048 kB\n");
}

void FakeTree::add_vmstat() const {
    write("proc/vmstat", "nr_free_pages 12345\n"
                         "nr_anon_pages 678\n"
                         "thp_fault_alloc 42\n"
                         "thp_collapse_alloc 7\n"
                         "ingens_promotions 3\n"
                         "compact_stall 9\n");
}

void FakeTree::add_everything() const {
    add_thp();
    add_ingens();
    set_stat("promotions", "3\n");
    set_stat("demotions", "1\n");
    add_meminfo(1000000, 250000);
    add_vmstat();
}

void FakeTree::add_ingens_first_kernel() const {
    add_thp();
    add_ingens();
    for (auto name : {"defer_madvised", "demote_threshold", "compact_fmfi_threshold", "compact_max_mb",
                      "compact_sleep_millisecs", "fairness", "idle_tax_percent", "ksm_mode",
                      "zero_pool_mb", "zero_pool_cpu_percent"}) {
        remove_knob(name);
    }
}

void FakeTree::add_buddyinfo() const {
    write("proc/buddyinfo",
          "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1"
          "      1      3 \n"
          "Node 0, zone   Normal   1024    512      0      0      0      0      0      0      0"
          "      0      0 \n");
}

void FakeTree::add_process(int pid, std::string_view comm, std::string_view ingens,
                           std::uint64_t rss_kb, std::uint64_t anon_kb,
                           std::uint64_t anon_huge_kb, std::optional<std::uint64_t> share) const {
    const fs::path dir = fs::path("proc") / std::to_string(pid);
    write(dir / "ingens", ingens);
    write(dir / "comm", std::string(comm) + "\n");
    write(dir / "status", "Name:\t" + std::string(comm) + "\nVmRSS:\t" + std::to_string(rss_kb) +
                              " kB\nRssAnon:\t" + std::to_string(anon_kb) + " kB\n");
    write(dir / "smaps_rollup", "Rss:   " + std::to_string(rss_kb) + " kB\nAnonHugePages:  " +
                                    std::to_string(anon_huge_kb) + " kB\n");
    if (share) write(dir / "ingens_share", std::to_string(*share) + "\n");
}

void FakeTree::add_tracefs() const {
    // The kernel's own format files, captured from the guest kernel.
    fs::copy(INGENSCTL_FIXTURES "/tracing", root_ / "tracing", fs::copy_options::recursive);
}

}  // namespace ingens::test
