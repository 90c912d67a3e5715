// OG108 gomemlimit-without-container-limit: a soft limit with no hard limit behind it.
#include "rules/helpers.h"

namespace og {

void check_og108(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    if (w.kind == Workload::Kind::Image || w.limit) continue;  // images have no limit of their own
    const EnvValue* e = nullptr;
    auto gml = gomemlimit_bytes(w, &e);
    if (!gml || e->from == EnvValue::From::ResourceFieldRef) continue;  // OG109 covers the Downward API
    auto args = base_args(w);
    args["value"] = e->value;
    ctx.report({e->loc, args, {}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
