// OG301 swap-unbounded: the memory limit caps RAM but the container may swap as much again (or without bound).
#include "rules/helpers.h"

namespace og {

void check_og301(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!is_compose_or_run(w) || !has_usable_limit(w)) continue;
    if (w.swap && !w.swap_unlimited) continue;
    auto args = base_args(w);
    args["limit"] = describe(*w.limit);
    bool compose = w.kind == Workload::Kind::ComposeService;
    args["swap_field"] = compose ? "memswap_limit" : "--memory-swap";
    args["limit_raw"] = w.limit->raw;
    if (w.swap_unlimited)
      ctx.report({w.swap->loc, args, {related_value(*w.limit, "memory limit")}, &w, "swap", "unlimited"});
    else
      ctx.report({w.limit->loc, args, {}, &w, "swap"});
  }
}

}  // namespace og
