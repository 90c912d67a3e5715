// OG506 probe-failed: could not start, or exited non-zero on its own (before
// its duration; for a run-to-exit probe, at all). OOM kills are OG501's.
#include "rules/probe/probe_helpers.h"

namespace og {

void check_og506(RuleContext& ctx) {
  for (const auto& r : *ctx.probes) {
    bool oom = (r.oom_kills && *r.oom_kills > 0) || r.oom_killed_by_engine;
    std::string what;
    if (!r.started) what = r.error.empty() ? "could not start" : r.error;
    else if (!oom && !r.duration_reached && !r.interrupted_by && r.exit_status != 0)
      what = r.run_to_exit ? r.exit : r.exit + " before the end of the probe";
    if (what.empty()) continue;
    std::string tail;
    for (const auto& l : r.stderr_tail) tail += "\n    " + l;
    if (!tail.empty()) tail = "; last lines of stderr:" + tail;
    report_probe(ctx, r, r.loc, {{"what", what}, {"stderr", tail}}, "failed");
  }
}

}  // namespace og
