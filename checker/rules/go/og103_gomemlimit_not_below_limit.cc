// OG103 gomemlimit-not-below-limit: the kernel kills the process before the GC reacts.
#include "rules/helpers.h"

namespace og {

void check_og103(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    auto g = gomemlimit_vs_limit(w);
    if (!g || g->ratio < 1.0) continue;
    auto args = base_args(w);
    args["value"] = g->env->value;
    args["limit"] = describe(*w.limit);
    args["suggestion"] = suggested_gomemlimit(*w.limit);
    ctx.report({g->env->loc, args, {related_value(*w.limit, "memory limit")}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
