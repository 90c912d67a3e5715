// OG103 gomemlimit-not-below-limit: the kernel kills the process before the GC reacts.
#include "rules/helpers.h"

namespace og {

void check_og103(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    const EnvValue* e = nullptr;
    auto gml = gomemlimit_bytes(w, &e);
    if (!w.go.is_go || !gml || !has_usable_limit(w) || e->from == EnvValue::From::ResourceFieldRef) continue;
    if (*gml < w.limit->bytes) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    args["limit"] = describe(*w.limit);
    args["suggestion"] = gomemlimit_spelling_mib(static_cast<int64_t>(static_cast<double>(w.limit->bytes) * 0.9));
    ctx.report({e->loc, args, {related_value(*w.limit, "memory limit")}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
