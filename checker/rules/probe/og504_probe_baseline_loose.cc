// OG504 probe-baseline-loose: peak below baseline x (1 - 2 x tolerance).
#include "rules/probe/probe_helpers.h"

namespace og {

void check_og504(RuleContext& ctx) {
  for (const auto& r : *ctx.probes) {
    if (!r.started || !r.peak || !r.baseline_peak || (r.oom_kills && *r.oom_kills > 0) || r.oom_killed_by_engine)
      continue;
    // baseline x (100 - 2 x tolerance) / 100: exact at whole-byte boundaries.
    double floor = static_cast<double>(*r.baseline_peak) * (100 - 2 * r.tolerance_pct) / 100;
    if (static_cast<double>(*r.peak) >= floor) continue;
    report_probe(ctx, r, r.peak_loc,
                 {{"measured", probe_bytes(r.peak)}, {"baseline", probe_bytes(r.baseline_peak)}, {"tolerance", percent_text(r.tolerance_pct)}},
                 "loose");
  }
}

}  // namespace og
