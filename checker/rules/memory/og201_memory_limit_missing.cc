// OG201 memory-limit-missing: nothing caps the container's memory.
#include "rules/helpers.h"

namespace og {

void check_og201(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!(is_k8s(w) || w.kind == Workload::Kind::ComposeService) || w.limit) continue;
    auto args = base_args(w);
    args["field"] = is_k8s(w) ? "resources.limits.memory" : "mem_limit (or deploy.resources.limits.memory)";
    ctx.report({w.loc, args, {}, &w, "limit"});
  }
}

}  // namespace og
