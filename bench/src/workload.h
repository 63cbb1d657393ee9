// Shared shape of a workload: flags, a clock, and one JSON result line on stdout.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <string>

#include "memory.h"

namespace bench {

struct CommonFlags {
    std::size_t size_mb = 512;
    double sample_s = 0.1;  // period of the memory series
};

void add_common_flags(CLI::App& app, CommonFlags& flags);

inline double now_s() {
    using clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

inline std::uint64_t now_ns() {
    using clock = std::chrono::steady_clock;
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now().time_since_epoch()).count());
}

// Poll until the mapping at addr has at least want_kb in huge pages, or timeout_s passes.
// Returns the seconds it took, or a negative number on timeout.
double wait_huge_kb(const void* addr, std::int64_t want_kb, double timeout_s);

void put_memory(nlohmann::json& out, const std::string& prefix, const MemoryUse& use);

// The result: one line of JSON, {"workload": name, ...}.
void emit(const std::string& workload, nlohmann::json result);

}  // namespace bench
