// Inside a nested guest (a VM on an Ingens host): keep memory whose every word is known, check
// all of it round after round, and churn more memory through allocate/fill/check/free, so the
// host's promotions, demotions, KSM merges, balloon and swap under the VM are checked for lost
// or wrong data from inside. One line per round on stdout; a bad word ends it with status 1.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::size_t kPage = 4096;
constexpr std::size_t kWordsPerPage = kPage / sizeof(std::uint64_t);

// splitmix64: a word that depends on the whole (seed, page, word, generation) tuple.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t page_key(std::uint64_t seed, std::size_t page, std::uint64_t generation) {
    return mix(seed ^ mix(page ^ (generation << 40)));
}

void fill_page(std::uint64_t* words, std::uint64_t key) {
    for (std::size_t w = 0; w < kWordsPerPage; w++) words[w] = mix(key + w);
}

// The first word of a page that is not what fill_page() wrote, or kWordsPerPage.
std::size_t first_bad_word(const std::uint64_t* words, std::uint64_t key) {
    for (std::size_t w = 0; w < kWordsPerPage; w++)
        if (words[w] != mix(key + w)) return w;
    return kWordsPerPage;
}

class Region {
public:
    Region(std::size_t mb, std::uint64_t seed) : pages_(mb * 256), seed_(seed), generation_(pages_, 0) {
        void* p = mmap(nullptr, pages_ * kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::runtime_error(fmt::format("mmap of {} MiB failed", mb));
        base_ = static_cast<std::uint64_t*>(p);
        for (std::size_t i = 0; i < pages_; i++) write(i);
    }
    ~Region() { munmap(base_, pages_ * kPage); }
    Region(const Region&) = delete;
    Region& operator=(const Region&) = delete;

    void write(std::size_t page) { fill_page(words(page), page_key(seed_, page, generation_[page])); }
    void rewrite(std::size_t page) {
        generation_[page]++;
        write(page);
    }
    // Checks every word of every page; prints the first bad page and returns false.
    bool check(const char* what) const {
        for (std::size_t i = 0; i < pages_; i++) {
            std::uint64_t key = page_key(seed_, i, generation_[i]);
            std::size_t w = first_bad_word(words(i), key);
            if (w == kWordsPerPage) continue;
            fmt::print("vm_memcheck: BAD {} page {} word {}: {:#x}, expected {:#x} (generation {})\n", what, i, w,
                       words(i)[w], mix(key + w), generation_[i]);
            return false;
        }
        return true;
    }
    std::size_t pages() const { return pages_; }
    // Its pages per 2 MiB frame of guest-physical memory ("frame:pages ..."), from pagemap: the
    // host maps guest-physical to its own memory, so it can tell which of them it backs with
    // huge pages.
    std::string frames() const {
        std::vector<std::uint64_t> entries(pages_);
        int fd = open("/proc/self/pagemap", O_RDONLY);
        auto want = static_cast<ssize_t>(pages_ * sizeof(std::uint64_t));
        bool ok = fd >= 0 && pread(fd, entries.data(), static_cast<std::size_t>(want),
                                   static_cast<off_t>(reinterpret_cast<std::uintptr_t>(base_) / kPage *
                                                      sizeof(std::uint64_t))) == want;
        if (fd >= 0) close(fd);
        if (!ok) return "unknown";
        std::map<std::uint64_t, unsigned> per_frame;
        for (std::uint64_t e : entries)
            if (e >> 63) per_frame[(e & ((1ULL << 55) - 1)) >> 9]++;  // present: PFN in bits 0-54
        std::string out;
        for (auto [frame, n] : per_frame) out += fmt::format("{}{}:{}", out.empty() ? "" : " ", frame, n);
        return out;
    }
    void flip_a_bit(std::uint64_t salt) { words(mix(salt) % pages_)[mix(salt + 1) % kWordsPerPage] ^= 1; }

private:
    std::uint64_t* words(std::size_t page) const { return base_ + page * kWordsPerPage; }

    std::size_t pages_;
    std::uint64_t seed_;
    std::vector<std::uint64_t> generation_;
    std::uint64_t* base_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"vm_memcheck: memory with known contents, checked every round (runs inside a VM)"};
    std::size_t keep_mb = 64, hot_mb = 16, churn_mb = 32, warm_mb = 0;
    unsigned rounds = 0, corrupt_round = 0;
    double pause_s = 1.0;
    std::uint64_t seed = 1, warm_seed = 0;
    bool report_frames = false;
    app.add_option("--keep-mb", keep_mb, "memory kept and checked every round")->check(CLI::Range(1, 1 << 20));
    app.add_option("--hot-mb", hot_mb, "of it, rewritten every round (the rest is only read)")
        ->check(CLI::Range(0, 1 << 20));
    app.add_option("--churn-mb", churn_mb, "allocated, filled, checked and freed every round")
        ->check(CLI::Range(0, 1 << 20));
    app.add_option("--warm-mb", warm_mb, "first fill and check this much, then free it: a VM that has run a while "
                   "has touched most of its memory, so what it frees is backed on the host")
        ->check(CLI::Range(0, 1 << 20));
    app.add_option("--rounds", rounds, "stop after this many rounds (0: run until killed)");
    app.add_option("--pause-s", pause_s, "sleep between rounds")->check(CLI::Range(0.0, 3600.0));
    app.add_option("--seed", seed, "contents differ by seed (the same seed in two VMs: KSM can merge them)");
    app.add_option("--warm-seed", warm_seed, "the warm-up's contents (default: from --seed)");
    app.add_flag("--report-frames", report_frames, "print, every round, the guest-physical 2 MiB frames that hold "
                 "the kept memory");
    app.add_option("--corrupt-round", corrupt_round, "flip one kept word before this round's check (the "
                   "positive control: that round must fail)");
    CLI11_PARSE(app, argc, argv);
    hot_mb = std::min(hot_mb, keep_mb);

    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    if (warm_mb > 0) {
        Region warm(warm_mb, warm_seed ? warm_seed : seed ^ 0x5741524dULL);
        if (!warm.check("warm-up")) return 1;
    }
    Region kept(keep_mb, seed);
    fmt::print("vm_memcheck: ready, {} MiB kept ({} MiB hot), {} MiB churned per round\n", keep_mb, hot_mb,
               churn_mb);
    for (unsigned round = 1; rounds == 0 || round <= rounds; round++) {
        auto start = std::chrono::steady_clock::now();
        if (round == corrupt_round) kept.flip_a_bit(round);
        if (!kept.check("kept")) return 1;
        for (std::size_t i = 0; i < hot_mb * 256; i++) kept.rewrite(i);
        if (churn_mb > 0) {
            Region churn(churn_mb, seed ^ round);
            if (!churn.check("churned")) return 1;
        }
        double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        fmt::print("vm_memcheck: round {} ok, {} pages checked in {:.2f} s\n", round,
                   kept.pages() + churn_mb * 256, took);
        if (report_frames) fmt::print("vm_memcheck: kept frames {}\n", kept.frames());
        std::this_thread::sleep_for(std::chrono::duration<double>(pause_s));
    }
    return 0;
}
