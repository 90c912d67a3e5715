// OG501 probe-oom-killed: the kernel's OOM counter rose (or docker says OOMKilled).
#include <cstdio>

#include "rules/probe/probe_helpers.h"

namespace og {

void check_og501(RuleContext& ctx) {
  for (const auto& r : *ctx.probes) {
    bool killed = (r.oom_kills && *r.oom_kills > 0) || r.oom_killed_by_engine;
    if (!killed) continue;
    std::string when;
    if (r.first_oom_s) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "after %.1fs ", *r.first_oom_s);
      when = buf;
    }
    bool has_gml = r.gomemlimit.has_value();
    report_probe(ctx, r, r.baseline_loc,
                 {{"when", when},
                  {"peak", probe_bytes(r.peak)},
                  {"limit", probe_bytes(r.limit)},
                  {"gomemlimit", applied_value(r, "GOMEMLIMIT")},
                  {"gogc", applied_value(r, "GOGC")},
                  {"help", has_gml ? "lower GOMEMLIMIT (the heap needs more headroom below the limit) or raise the limit"
                                   : "set GOMEMLIMIT to about 90% of the limit (" +
                                         probe_bytes_go(r.limit / 10 * 9) + ") or raise the limit"}},
                 "oom");
  }
}

}  // namespace og
