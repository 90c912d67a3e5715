// OG114 gomemlimit-disables-automemlimit: automemlimit does nothing when GOMEMLIMIT is set.
#include "rules/helpers.h"

namespace og {

void check_og114(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.automemlimit_module || !gomemlimit_set(w)) continue;
    const EnvValue* e = w.get_env("GOMEMLIMIT");
    auto args = base_args(w);
    args["value"] = e->value;
    ctx.report({e->loc, args, {{w.automemlimit_loc, "go.mod requires github.com/KimMachineGun/automemlimit"}}, &w,
                "GOMEMLIMIT"});
  }
}

}  // namespace og
