// What one probe run measured: plain data shared by the probe runner, the
// verdict rules (OG501-OG507) and the reporters.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/location.h"

namespace og {

struct ProbePoint {
  double t = 0;  // seconds since start
  uint64_t usage = 0, working_set = 0, anon = 0, file = 0, swap = 0;
};

// A value the run applied, and where it came from (the workload's file or
// the probe's override in .oomguard.yaml).
struct AppliedValue {
  std::string name;     // "memory limit", "GOMEMLIMIT", "GOGC", ...
  std::string value;    // as applied ("64MiB", "56MiB", "100")
  Location loc;
  bool overridden = false;  // set by the probe, not the workload
};

struct ProbeResult {
  std::string name;                 // the probe's name
  Location loc;                     // the probe's name in .oomguard.yaml
  Location baseline_loc;            // baseline: (or the probe)
  Location peak_loc, p95_loc;       // the baseline values, when written
  std::string workload_id, workload_label;
  std::string engine;               // cgroup | docker | podman
  std::vector<AppliedValue> applied;  // limit, swap, Go variables
  uint64_t limit = 0;               // bytes (0: none)
  std::optional<uint64_t> gomemlimit;  // bytes, when set and valid
  bool started = false;
  std::string error;                // could not start / engine failure (with the reason)
  std::vector<std::string> stderr_tail;
  std::string exit;                 // "exited 0", "killed by SIGKILL (137)"
  int exit_status = 0;              // shell convention (137 = SIGKILL)
  bool duration_reached = false;    // stopped by oomguard at the end of `duration`
  bool run_to_exit = false;         // no duration: the program's own exit is the end
  int interrupted_by = 0;           // SIGINT/SIGTERM received by oomguard
  double wall_s = 0, warmup_s = 0;
  std::vector<ProbePoint> series;
  std::optional<uint64_t> peak;       // the kernel's high-water mark
  std::optional<uint64_t> oom_kills;  // delta of the kernel's counter
  std::optional<double> first_oom_s;
  std::optional<uint64_t> high_events;  // v2 memory.events high
  std::optional<uint64_t> failcnt;      // v1 memory.failcnt: times the limit was hit
  std::optional<uint64_t> p50, p95;     // steady state (after warm-up) of usage
  double sampler_cpu_percent = 0;
  std::optional<uint64_t> baseline_peak, baseline_p95;
  double tolerance_pct = 10;
  bool oom_killed_by_engine = false;  // docker .State.OOMKilled
};

}  // namespace og
