// CPU time of the kernel threads that compact and collapse memory, from /proc/<pid>/stat.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace bench {

// Milliseconds of CPU (user + system) each kernel thread named in /proc/<pid>/comm has used,
// keyed by name, for the threads whose names start with kcompactd, khugepaged or kingens.
std::map<std::string, std::int64_t> kthread_cpu_ms();

}  // namespace bench
