// OG102 gogc-malformed: Go silently falls back to GOGC=100.
#include "rules/helpers.h"

namespace og {

void check_og102(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    const EnvValue* e = known_var(w, "GOGC");
    if (!e) continue;
    GoGC g = parse_gogc(e->value);
    if (g.kind != GoGC::Kind::Malformed) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    ctx.report({e->loc, args, {}, &w, "GOGC", g.non_portable_plus ? "plus" : "default"});
  }
}

}  // namespace og
