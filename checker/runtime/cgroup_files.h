// Pure parsers of the memory controller's files, and what a sample and the
// final counters are made of. Kept apart from the I/O so each format is
// unit-tested on the kernel's text.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/hierarchy.h"
#include "runtime/result.h"

namespace og::runtime {

// "name value" lines: memory.stat, memory.events, v1 memory.oom_control.
// Lines that are not a name and an unsigned number are skipped; key order is
// not fixed by the kernel.
using KeyedValues = std::map<std::string, uint64_t>;
KeyedValues parse_keyed(std::string_view text);

// A file holding one unsigned number ("67108864\n").
Result<uint64_t> parse_u64(std::string_view text);
// A v2 limit file: "max" (nullopt: no limit) or a number.
Result<std::optional<uint64_t>> parse_limit(std::string_view text);

// One reading of a cgroup's memory, in bytes.
struct Sample {
  uint64_t usage = 0;        // v1 memory.usage_in_bytes, v2 memory.current
  uint64_t working_set = 0;  // usage - inactive_file, floored at 0 (as docker stats and the kubelet compute it)
  uint64_t anon = 0;         // v1 total_rss, v2 anon
  uint64_t file = 0;         // v1 total_cache, v2 file
  uint64_t swap = 0;         // v1 total_swap (present with swap accounting), v2 memory.swap.current
};
// v1 uses the hierarchical total_* keys so a workload's own sub-cgroups count.
// `swap_current` is v2's memory.swap.current (nullopt when absent).
Sample make_sample(CgroupVersion v, uint64_t usage, const KeyedValues& stat, std::optional<uint64_t> swap_current);

// Read once at the end of a run. nullopt = the kernel does not provide it.
struct Counters {
  std::optional<uint64_t> peak;         // v1 memory.max_usage_in_bytes; v2 memory.peak (kernel >= 5.19)
  std::optional<uint64_t> oom_kill;     // v1 memory.oom_control "oom_kill" (kernel >= 4.13); v2 memory.events
  std::optional<uint64_t> high_events;  // v2 memory.events "high": times usage went over memory.high (throttled)
  std::optional<uint64_t> max_events;   // v2 memory.events "max": times usage hit memory.max
  std::optional<uint64_t> failcnt;      // v1 memory.failcnt (can stay 0 when memsw limits are set)
};

}  // namespace og::runtime
