// OG505 probe-throttled: v2 memory.high events, or (v1) the limit was hit and
// the kernel reclaimed instead of killing.
#include "rules/probe/probe_helpers.h"

namespace og {

void check_og505(RuleContext& ctx) {
  for (const auto& r : *ctx.probes) {
    if (r.oom_kills && *r.oom_kills > 0) continue;  // OG501 says more
    if (r.high_events && *r.high_events > 0) {
      report_probe(ctx, r, r.baseline_loc, {{"count", std::to_string(*r.high_events)}}, "high");
    } else if (r.failcnt && *r.failcnt > 0) {
      report_probe(ctx, r, r.baseline_loc, {{"count", std::to_string(*r.failcnt)}, {"limit", probe_bytes(r.limit)}},
                   "reclaim", "reclaim");
    }
  }
}

}  // namespace og
