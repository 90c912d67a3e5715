// OG202 memory-request-missing: the scheduler places the pod as if it needed no memory.
#include "rules/helpers.h"

namespace og {

void check_og202(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!is_k8s(w) || w.request || w.limit) continue;
    ctx.report({w.loc, base_args(w), {}, &w, "request"});
  }
}

}  // namespace og
