// A memory cgroup a probe runs its workload in: created as a uniquely named
// child, limited, sampled, and removed with every process in it killed.
// v1 and v2 differ in file names and in how swap is limited; callers see one
// interface. Every kernel file goes through CgroupFs.
#pragma once
#include <signal.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/cgroup_files.h"
#include "runtime/cgroupfs.h"
#include "runtime/hierarchy.h"
#include "runtime/result.h"

namespace og::runtime {

struct Limits {
  uint64_t memory = 0;          // hard limit in bytes (OOM kill above it)
  std::optional<uint64_t> swap;  // swap allowed besides memory, in bytes; nullopt: leave swap as the parent has it
};

struct AppliedLimits {
  uint64_t memory = 0;           // as the kernel reads it back (rounded down to whole pages)
  std::optional<uint64_t> swap;  // swap limit in force; nullopt when not asked for or not supported
  std::string swap_unsupported;  // non-empty: a swap limit was asked for and cannot be set (why)
};

// Sends a signal to a pid (::kill); tests replace it.
using Signaller = std::function<int(pid_t, int)>;

struct CreateOptions {
  std::string parent;  // a memory cgroup directory; empty: this process's own memory cgroup
  std::string name_prefix = "oomguard-probe";
  Signaller signal = ::kill;
};

class MemoryCgroup {
 public:
  // Creates <parent>/<prefix>-<pid>-<n>. v2: enables +memory in the parent's
  // cgroup.subtree_control when needed. `fs` must outlive the object.
  static Result<MemoryCgroup> create(CgroupFs& fs, const CreateOptions& opts = {});
  // An existing cgroup owned by someone else (a container's): read only, never removed.
  static MemoryCgroup attach(CgroupFs& fs, CgroupVersion version, std::string dir);

  MemoryCgroup(MemoryCgroup&& o) noexcept;
  MemoryCgroup& operator=(MemoryCgroup&& o) noexcept;
  MemoryCgroup(const MemoryCgroup&) = delete;
  MemoryCgroup& operator=(const MemoryCgroup&) = delete;
  // A created cgroup that was not removed is removed here (best effort), so
  // an early return never leaves one behind.
  ~MemoryCgroup();

  const std::string& dir() const { return dir_; }
  CgroupVersion version() const { return version_; }
  std::string procs_file() const { return dir_ + "/cgroup.procs"; }

  // v1: memory.limit_in_bytes, and memory.memsw.limit_in_bytes = memory + swap
  // (absent when swap accounting is off); v2: memory.max, memory.swap.max.
  Result<AppliedLimits> set_limits(const Limits& limits);
  Status add_pid(pid_t pid);
  Result<std::vector<pid_t>> pids();
  Result<Sample> sample();
  // The oom_kill counter alone (cheap enough to read every sample); nullopt
  // when the kernel does not count it.
  Result<std::optional<uint64_t>> oom_kills();
  Result<Counters> counters();
  // SIGKILLs every process in the cgroup and in the cgroups the workload made
  // below it until all are empty (or `timeout` passes: an error naming the
  // survivors), then removes the directories, children first.
  Status remove(std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  MemoryCgroup(CgroupFs* fs, CgroupVersion v, std::string dir, bool owned, Signaller signal);
  Result<uint64_t> read_u64(const std::string& file);
  Result<AppliedLimits> set_limits_v1(const Limits& limits);
  Result<AppliedLimits> set_limits_v2(const Limits& limits);

  CgroupFs* fs_;
  CgroupVersion version_;
  std::string dir_;
  bool owned_;  // created by us and not yet removed
  Signaller signal_;
  bool swap_current_absent_ = false;  // v2 memory.swap.current missing: stop trying each sample
};

}  // namespace og::runtime
