// OG104 gomemlimit-headroom-low: GOMEMLIMIT / limit above max_ratio.
#include "rules/helpers.h"

namespace og {

void check_og104(RuleContext& ctx) {
  double max_ratio = ctx.param("max_ratio");
  for (const auto& w : ctx.project.workloads) {
    auto g = gomemlimit_vs_limit(w);
    if (!g || g->ratio >= 1.0 || g->ratio <= max_ratio) continue;  // >= 1 is OG103
    auto args = base_args(w);
    args["value"] = g->env->value;
    args["limit"] = describe(*w.limit);
    args["ratio"] = ratio_between(g->ratio, max_ratio, 1.0);
    args["max_ratio"] = fmt_ratio(max_ratio);
    args["suggestion"] = suggested_gomemlimit(*w.limit);
    ctx.report({g->env->loc, args, {related_value(*w.limit, "memory limit")}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
