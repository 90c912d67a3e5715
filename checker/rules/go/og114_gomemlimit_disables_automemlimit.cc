// OG114 gomemlimit-disables-automemlimit: automemlimit does nothing when GOMEMLIMIT is set.
#include "rules/helpers.h"

namespace og {

void check_og114(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    // automemlimit skips whenever GOMEMLIMIT is in the environment (os.LookupEnv),
    // even as "off" or "": then nothing sets a soft limit at all.
    const EnvValue* e = w.get_env("GOMEMLIMIT");
    if (!w.automemlimit_module || !e) continue;
    const EnvValue* known = known_var(w, "GOMEMLIMIT");
    auto args = base_args(w);
    std::string shown = known ? known->value : !e->unresolved.empty() ? e->raw : "<" + e->source + ">";
    args["value"] = shown.empty() ? "\"\"" : shown;
    bool off = known && (known->value.empty() || known->value == "off");
    ctx.report({e->loc, args, {{w.automemlimit_loc, "go.mod requires github.com/KimMachineGun/automemlimit"}}, &w,
                "GOMEMLIMIT", off ? "off" : "default"});
  }
}

}  // namespace og
