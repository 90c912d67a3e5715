// OG503 probe-near-limit: the kernel's peak above near_limit_ratio of the limit (no OOM kill).
#include <cstdio>

#include "rules/probe/probe_helpers.h"

namespace og {

void check_og503(RuleContext& ctx) {
  double ratio = ctx.param("near_limit_ratio");
  for (const auto& r : *ctx.probes) {
    if (!r.peak || !r.limit || (r.oom_kills && *r.oom_kills > 0) || r.oom_killed_by_engine) continue;
    double measured = static_cast<double>(*r.peak) / static_cast<double>(r.limit);
    if (measured <= ratio) continue;
    char got[16], want[16];
    std::snprintf(got, sizeof got, "%.0f%%", measured * 100);
    std::snprintf(want, sizeof want, "%g", ratio);
    report_probe(ctx, r, r.baseline_loc,
                 {{"peak", probe_bytes(r.peak)}, {"ratio", got}, {"limit", probe_bytes(r.limit)},
                  {"near_limit_ratio", want}},
                 "near-limit");
  }
}

}  // namespace og
