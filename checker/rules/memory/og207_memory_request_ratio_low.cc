// OG207 memory-request-ratio-low: the node is overcommitted by design.
#include <cstdio>
#include <cstdlib>

#include "rules/helpers.h"

namespace og {

namespace {

// The ratio with as many decimals as it takes to show it below `max`
// (0.599 is not "0.60 ... less than 0.60").
std::string ratio_below(double r, double max) {
  char buf[32];
  for (int d = 2; d <= 6; ++d) {
    std::snprintf(buf, sizeof buf, "%.*f", d, r);
    if (std::strtod(buf, nullptr) < max) return buf;
  }
  return buf;
}

}  // namespace

void check_og207(RuleContext& ctx) {
  double min_ratio = ctx.param("min_request_ratio");
  for (const auto& w : ctx.project.workloads) {
    if (!w.request || !w.request->usable() || !has_usable_limit(w)) continue;
    double ratio = static_cast<double>(w.request->bytes) / static_cast<double>(w.limit->bytes);
    if (ratio >= min_ratio || w.request->bytes > w.limit->bytes) continue;
    // Both values from the namespace's LimitRange: a cluster policy, not this workload's choice.
    if (!w.request->origin.empty() && !w.limit->origin.empty() && w.request->origin.rfind("LimitRange", 0) == 0 &&
        w.limit->origin.rfind("LimitRange", 0) == 0)
      continue;
    auto args = base_args(w);
    args["request"] = describe(*w.request);
    args["limit"] = describe(*w.limit);
    args["ratio"] = ratio_below(ratio, min_ratio);
    args["min_ratio"] = fmt_ratio(min_ratio);
    ctx.report({w.request->loc, args, {related_value(*w.limit, "memory limit")}, &w, "request"});
  }
}

}  // namespace og
