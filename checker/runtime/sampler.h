// The measuring loop of a probe: sample the cgroup every interval until the
// workload exits, stopping it at the end of its duration or when oomguard
// gets SIGINT/SIGTERM; plus the pure statistics over the samples.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/cgroup.h"
#include "runtime/process.h"

namespace og::runtime {

struct SeriesPoint {
  double t = 0;  // seconds since the run started
  Sample sample;
};

// Nearest-rank percentile, p in (0, 100]: the smallest value with at least p%
// of the values at or below it. nullopt for no values.
std::optional<uint64_t> percentile_nearest_rank(std::vector<uint64_t> values, double p);

struct SteadyState {
  uint64_t p50 = 0, p95 = 0;  // of usage
  size_t samples = 0;
};
// Over the samples at or after `warmup_s`; nullopt when there are none.
std::optional<SteadyState> steady_state(const std::vector<SeriesPoint>& series, double warmup_s);

// What the loop itself cost: this process's CPU time over the run's wall time.
struct SamplerCost {
  double cpu_s = 0, wall_s = 0;
  double core_percent() const { return wall_s > 0 ? 100.0 * cpu_s / wall_s : 0; }
};

struct SamplerOptions {
  std::chrono::milliseconds interval{100};
  std::optional<std::chrono::milliseconds> duration;  // then SIGTERM, SIGKILL after grace; nullopt: run to exit
  std::chrono::milliseconds grace{5000};
  std::chrono::milliseconds warmup{0};  // excluded from the steady state
  // Called with each sample as it is taken (not for failed readings), from
  // the loop itself: it must be quick, and its cost counts in RunRecord.cost.
  std::function<void(const SeriesPoint&)> on_sample;
};

struct RunRecord {
  std::vector<SeriesPoint> series;
  ExitStatus exit;
  double wall_s = 0;
  bool duration_reached = false;            // stopped because the duration ended
  int interrupted_by = 0;                   // SIGINT/SIGTERM oomguard received (0: none)
  std::optional<double> first_oom_kill_s;   // when the cgroup's oom_kill counter first rose
  std::optional<SteadyState> steady;
  SamplerCost cost;
  std::string sample_error;  // the first reading that failed (the run goes on without it)
};

// The workload as the loop sees it: `poll` waits up to the given time for it
// to exit and returns its status once it has (the caller may refine it later,
// e.g. from the engine); `stop` is called at most once, at the end of the
// duration or on SIGINT/SIGTERM, and must not block: the loop keeps sampling
// until `poll` reports the exit. Used directly for a workload that is not our
// child (a container's init process, run by an engine).
struct ExternalWorkload {
  std::function<std::optional<ExitStatus>(std::chrono::milliseconds wait)> poll;
  std::function<void(std::chrono::milliseconds grace)> stop;
};
// Runs until the workload exits. Does not remove the cgroup: the caller reads
// its counters first.
RunRecord sample_until_exit(MemoryCgroup& cgroup, const ExternalWorkload& workload, const SamplerOptions& opts);
// The same for our own child, through its poll() and stop(): SIGTERM at the
// end, SIGKILL after the grace period, its stderr collected while waiting.
RunRecord sample_until_exit(MemoryCgroup& cgroup, Process& proc, const SamplerOptions& opts);

}  // namespace og::runtime
