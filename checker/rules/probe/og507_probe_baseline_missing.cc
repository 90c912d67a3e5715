// OG507 probe-baseline-missing: prints the measured values to paste.
#include "rules/probe/probe_helpers.h"

namespace og {

void check_og507(RuleContext& ctx) {
  for (const auto& r : *ctx.probes) {
    bool killed = (r.oom_kills && *r.oom_kills > 0) || r.oom_killed_by_engine;
    if (r.baseline_peak || !r.started || !r.peak || killed) continue;  // an OOM-killed run is no baseline
    if (r.baseline_p95) {  // a steady-state baseline only: the peak (what OOM kills follow) is unchecked
      report_probe(ctx, r, r.baseline_loc, {{"peak", probe_bytes(r.peak)}, {"peak_go", probe_bytes_go(*r.peak)}},
                   "missing", "peak");
      continue;
    }
    uint64_t p95 = r.p95 ? *r.p95 : *r.peak;
    report_probe(ctx, r, r.loc,
                 {{"peak", probe_bytes(r.peak)},
                  {"p95", probe_bytes(r.p95)},
                  {"peak_go", probe_bytes_go(*r.peak)},
                  {"p95_go", probe_bytes_go(p95)}},
                 "missing");
  }
}

}  // namespace og
