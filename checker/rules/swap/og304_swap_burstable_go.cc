// OG304 swap-burstable-go: a Burstable Go container may be given swap under LimitedSwap.
#include "rules/helpers.h"

namespace og {

void check_og304(RuleContext& ctx) {
  const KubeletConfig* limited = nullptr;
  for (const auto& k : ctx.project.inputs.k8s.kubelet_configs)
    if (k.swap_behavior == "LimitedSwap" && k.fail_swap_on && !*k.fail_swap_on) limited = &k;
  if (!limited) return;
  for (const auto& w : ctx.project.workloads) {
    if (!is_k8s(w) || !w.go.is_go || !has_usable_limit(w) || !w.request || !w.request->usable()) continue;
    if (w.request->bytes >= w.limit->bytes) continue;
    auto args = base_args(w);
    args["request"] = describe(*w.request);
    args["limit"] = describe(*w.limit);
    ctx.report({w.request->loc, args,
                {related_value(*w.limit, "memory limit"), {limited->swap_behavior_loc, "swapBehavior: LimitedSwap"}},
                &w, "swap"});
  }
}

}  // namespace og
