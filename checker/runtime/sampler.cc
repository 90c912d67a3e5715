#include "runtime/sampler.h"

#include <time.h>

#include <algorithm>
#include <cmath>

#include "runtime/signals.h"

namespace og::runtime {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

double process_cpu_seconds() {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double seconds_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

std::optional<uint64_t> percentile_nearest_rank(std::vector<uint64_t> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  rank = std::clamp<size_t>(rank, 1, values.size());
  return values[rank - 1];
}

std::optional<SteadyState> steady_state(const std::vector<SeriesPoint>& series, double warmup_s) {
  std::vector<uint64_t> usage;
  for (const auto& pt : series)
    if (pt.t >= warmup_s) usage.push_back(pt.sample.usage);
  if (usage.empty()) return std::nullopt;
  return SteadyState{*percentile_nearest_rank(usage, 50), *percentile_nearest_rank(usage, 95), usage.size()};
}

RunRecord sample_until_exit(MemoryCgroup& cgroup, const ExternalWorkload& workload, const SamplerOptions& opts) {
  RunRecord rec;
  const auto start = Clock::now();
  const double cpu_start = process_cpu_seconds();
  auto note_error = [&](const Error& e) {
    if (rec.sample_error.empty()) rec.sample_error = e.message;
  };
  std::optional<uint64_t> oom_base;
  if (auto o = cgroup.oom_kills(); o.ok()) oom_base = o.value();

  auto next_tick = start;
  bool stopping = false;
  std::optional<ExitStatus> exit;
  while (!exit) {
    auto now = Clock::now();
    if (now >= next_tick) {
      double t = seconds_between(start, now);
      auto s = cgroup.sample();
      if (s.ok()) {
        rec.series.push_back({t, s.value()});
        if (opts.on_sample) opts.on_sample(rec.series.back());
      } else {
        note_error(s.error());
      }
      if (oom_base && !rec.first_oom_kill_s) {
        auto o = cgroup.oom_kills();
        if (o.ok() && o.value() && *o.value() > *oom_base) rec.first_oom_kill_s = t;
      }
      next_tick += opts.interval;
      if (next_tick <= now) next_tick = now + opts.interval;  // fell behind: do not burst to catch up
    }
    if (!stopping) {
      if (int sig = stop_signal()) {
        rec.interrupted_by = sig;
        stopping = true;
        workload.stop(opts.grace);
      } else if (opts.duration && now - start >= *opts.duration) {
        rec.duration_reached = true;
        stopping = true;
        workload.stop(opts.grace);
      }
    }
    auto wake = next_tick;
    if (opts.duration && !stopping) wake = std::min(wake, start + *opts.duration);
    // Rounded up: a wait truncated to 0 ms would spin until the tick.
    exit = workload.poll(std::max(milliseconds(0), std::chrono::ceil<milliseconds>(wake - Clock::now())));
  }
  const auto end = Clock::now();
  rec.exit = *exit;
  rec.wall_s = seconds_between(start, end);
  rec.cost = {process_cpu_seconds() - cpu_start, rec.wall_s};
  // The kill may have come between two samples.
  if (oom_base && !rec.first_oom_kill_s) {
    auto o = cgroup.oom_kills();
    if (o.ok() && o.value() && *o.value() > *oom_base) rec.first_oom_kill_s = rec.wall_s;
  }
  rec.steady = steady_state(rec.series, std::chrono::duration<double>(opts.warmup).count());
  return rec;
}

RunRecord sample_until_exit(MemoryCgroup& cgroup, Process& proc, const SamplerOptions& opts) {
  // Process::poll collects the child's stderr while it waits and sends the
  // SIGKILL of a stop() whose grace period is over; stop() only sends SIGTERM.
  ExternalWorkload child;
  child.poll = [&proc](milliseconds wait) { return proc.poll(wait); };
  child.stop = [&proc](milliseconds grace) { proc.stop(grace); };
  return sample_until_exit(cgroup, child, opts);
}

}  // namespace og::runtime
