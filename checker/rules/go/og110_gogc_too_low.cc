// OG110 gogc-too-low: the GC runs almost continuously.
#include "rules/helpers.h"

namespace og {

void check_og110(RuleContext& ctx) {
  double min_gogc = ctx.param("min_gogc");
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    const EnvValue* e = known_var(w, "GOGC");
    if (!e) continue;
    GoGC g = parse_gogc(e->value);
    if (g.kind != GoGC::Kind::Percent || e->value.empty() || g.percent < 0 || g.percent >= min_gogc) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    args["min_gogc"] = std::to_string(static_cast<int>(min_gogc));
    ctx.report({e->loc, args, {}, &w, "GOGC"});
  }
}

}  // namespace og
