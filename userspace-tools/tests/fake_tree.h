// A throw-away sys/ + proc/ tree in a temp directory, so tests exercise the
// real file readers without touching the host's /sys or /proc.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "lib/paths.h"

namespace ingens::test {

class FakeTree {
public:
    FakeTree();  // empty tree: sys/ and proc/ exist, nothing else
    ~FakeTree();
    FakeTree(const FakeTree&) = delete;
    FakeTree& operator=(const FakeTree&) = delete;

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path sys() const { return root_ / "sys"; }
    std::filesystem::path proc() const { return root_ / "proc"; }
    // The root of etc/ingens.d and the other persistent settings.
    std::filesystem::path config() const { return root_ / "config"; }
    Paths paths() const;

    // Writes `content` to root()/rel, creating parent directories.
    void write(const std::filesystem::path& rel, std::string_view content) const;

    // Stock THP files: enabled/defrag with the given bracketed choice.
    void add_thp(std::string_view enabled = "madvise", std::string_view defrag = "madvise") const;
    // ingens/ with every knob at its default ("value\n") and an empty stats/.
    void add_ingens() const;
    void set_knob(std::string_view name, std::string_view content) const;
    void remove_knob(std::string_view name) const;
    void set_stat(std::string_view name, std::string_view content) const;
    void add_meminfo(std::uint64_t anon_kb, std::uint64_t anon_huge_kb) const;
    void add_vmstat() const;

    // A fully populated tree, as a kernel with Ingens would show it.
    void add_everything() const;

    // Only the knobs the first Ingens kernel had (no demote_/compact_/... yet).
    void add_ingens_first_kernel() const;
    void add_buddyinfo() const;
    // proc/<pid>/{ingens,comm,status,smaps_rollup} and, with a share, ingens_share.
    // `ingens` is the body of /proc/<pid>/ingens.
    void add_process(int pid, std::string_view comm, std::string_view ingens,
                     std::uint64_t rss_kb, std::uint64_t anon_kb, std::uint64_t anon_huge_kb,
                     std::optional<std::uint64_t> share = std::nullopt) const;
    // tracing/events/: the guest kernel's header and ingens format files.
    void add_tracefs() const;
    std::filesystem::path tracing() const { return root_ / "tracing"; }

private:
    std::filesystem::path root_;
};

}  // namespace ingens::test
