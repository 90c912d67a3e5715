// OG203 memory-request-above-limit: rejected by the API server / compose.
#include "rules/helpers.h"

namespace og {

void check_og203(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.request || !w.limit || !w.request->usable() || !w.limit->usable()) continue;
    if (w.request->bytes <= w.limit->bytes) continue;
    auto args = base_args(w);
    args["request"] = describe(*w.request);
    args["limit"] = describe(*w.limit);
    args["request_field"] = w.request->field;
    ctx.report({w.request->loc, args, {related_value(*w.limit, "memory limit")}, &w, "request"});
  }
}

}  // namespace og
