// OG113 automemlimit-malformed: automemlimit refuses the value.
#include "rules/helpers.h"

namespace og {

void check_og113(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    const EnvValue* e = known_var(w, "AUTOMEMLIMIT");
    if (!e) continue;
    // Set but empty is not "unset": automemlimit's ParseFloat("") fails.
    if (!e->value.empty() && parse_automemlimit(e->value).kind != AutoMemLimit::Kind::Malformed) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    ctx.report({e->loc, args, {}, &w, "AUTOMEMLIMIT"});
  }
}

}  // namespace og
