// OG502 probe-peak-above-baseline: peak or steady p95 above baseline x (1 + tolerance).
#include "rules/probe/probe_helpers.h"

namespace og {

void check_og502(RuleContext& ctx) {
  for (const auto& r : *ctx.probes) {
    if (!r.started) continue;
    auto check = [&](std::optional<uint64_t> measured, std::optional<uint64_t> baseline, const Location& loc,
                     const char* variant) {
      if (!measured || !baseline) return;
      double allowed = baseline_allowance(*baseline, r.tolerance_pct);
      if (static_cast<double>(*measured) <= allowed) return;
      report_probe(ctx, r, loc,
                   {{"measured", probe_bytes(measured)},
                    {"baseline", probe_bytes(baseline)},
                    {"tolerance", percent_text(r.tolerance_pct)},
                    {"allowed", probe_bytes(static_cast<uint64_t>(allowed))}},
                   variant, variant);
    };
    check(r.peak, r.baseline_peak, r.peak_loc, "default");
    check(r.p95, r.baseline_p95, r.p95_loc, "p95");
  }
}

}  // namespace og
