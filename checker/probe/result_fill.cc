#include "probe/result_fill.h"

namespace og {

ProbeResult result_skeleton(const ProbePlan& plan, const std::string& engine) {
  const ProbeSpec& s = *plan.spec;
  ProbeResult r;
  r.name = s.name;
  r.loc = s.loc;
  bool has_baseline = s.baseline_peak || s.baseline_p95;
  r.baseline_loc = has_baseline ? s.baseline_loc : s.loc;
  if (s.baseline_peak) {
    r.baseline_peak = static_cast<uint64_t>(s.baseline_peak->bytes);
    r.peak_loc = s.baseline_peak->loc;
  }
  if (s.baseline_p95) {
    r.baseline_p95 = static_cast<uint64_t>(s.baseline_p95->bytes);
    r.p95_loc = s.baseline_p95->loc;
  }
  r.tolerance_pct = s.tolerance_pct;
  r.workload_id = plan.workload->id();
  r.workload_label = plan.workload->label();
  r.engine = engine;
  r.applied = plan.applied;
  r.limit = plan.limit;
  r.gomemlimit = plan.gomemlimit;
  r.run_to_exit = !s.duration_s;
  r.warmup_s = s.warmup_s;
  return r;
}

void fill_from_run(const runtime::RunRecord& rec, const runtime::Counters& counters,
                   const std::vector<std::string>& stderr_tail, ProbeResult* r) {
  for (const auto& p : rec.series)
    r->series.push_back({p.t, p.sample.usage, p.sample.working_set, p.sample.anon, p.sample.file, p.sample.swap});
  r->exit = rec.exit.describe();
  r->exit_status = rec.exit.shell_status();
  r->duration_reached = rec.duration_reached;
  r->interrupted_by = rec.interrupted_by;
  r->wall_s = rec.wall_s;
  r->first_oom_s = rec.first_oom_kill_s;
  if (rec.steady) {
    r->p50 = rec.steady->p50;
    r->p95 = rec.steady->p95;
  }
  r->sampler_cpu_percent = rec.cost.core_percent();
  r->peak = counters.peak;
  r->high_events = counters.high_events;
  r->failcnt = counters.failcnt;
  r->stderr_tail.insert(r->stderr_tail.end(), stderr_tail.begin(), stderr_tail.end());
}

}  // namespace og
