// OG101 gomemlimit-malformed: the Go runtime exits at start-up.
#include "rules/helpers.h"

namespace og {

void check_og101(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    const EnvValue* e = known_var(w, "GOMEMLIMIT");
    if (!e || e->from == EnvValue::From::ResourceFieldRef) continue;
    GoMemLimit g = parse_gomemlimit(e->value);
    if (g.kind != GoMemLimit::Kind::Malformed) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    args["suggestion"] = g.suggestion.empty() ? "<integer>B|KiB|MiB|GiB|TiB" : g.suggestion;
    ctx.report({e->loc, args, {}, &w, "GOMEMLIMIT", g.suggestion.empty() ? "nosuggestion" : "default"});
  }
}

}  // namespace og
