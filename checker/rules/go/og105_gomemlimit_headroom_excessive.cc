// OG105 gomemlimit-headroom-excessive: GOMEMLIMIT far below the limit wastes memory and CPU.
#include "rules/helpers.h"

namespace og {

void check_og105(RuleContext& ctx) {
  double min_ratio = ctx.param("min_ratio");
  for (const auto& w : ctx.project.workloads) {
    auto g = gomemlimit_vs_limit(w);
    if (!g || g->ratio >= min_ratio) continue;
    auto args = base_args(w);
    args["value"] = g->env->value;
    args["limit"] = describe(*w.limit);
    args["ratio"] = ratio_between(g->ratio, -1.0, min_ratio);
    args["min_ratio"] = fmt_ratio(min_ratio);
    args["suggestion"] = suggested_gomemlimit(*w.limit);
    ctx.report({g->env->loc, args, {related_value(*w.limit, "memory limit")}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
