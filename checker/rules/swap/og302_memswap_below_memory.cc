// OG302 memswap-below-memory: docker refuses to start the container.
#include "rules/helpers.h"

namespace og {

void check_og302(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.swap || w.swap_unlimited || !w.swap->usable() || !has_usable_limit(w)) continue;
    if (w.swap->bytes <= 0 || w.swap->bytes >= w.limit->bytes) continue;
    auto args = base_args(w);
    args["swap_field"] = w.swap->field;
    args["swap"] = describe(*w.swap);
    args["limit"] = describe(*w.limit);
    args["limit_raw"] = w.limit->raw;
    ctx.report({w.swap->loc, args, {related_value(*w.limit, "memory limit")}, &w, "swap"});
  }
}

}  // namespace og
