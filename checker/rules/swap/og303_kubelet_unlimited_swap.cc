// OG303 kubelet-unlimited-swap: removed in Kubernetes v1.30.
#include "rules/helpers.h"

namespace og {

void check_og303(RuleContext& ctx) {
  for (const auto& k : ctx.project.inputs.k8s.kubelet_configs) {
    if (k.swap_behavior != "UnlimitedSwap") continue;
    ctx.report({k.swap_behavior_loc, {{"value", k.swap_behavior}}, {}, nullptr, "swapBehavior"});
  }
}

}  // namespace og
