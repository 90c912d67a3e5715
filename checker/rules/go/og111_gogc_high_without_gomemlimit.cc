// OG111 gogc-high-without-gomemlimit: the heap may grow to several times the live set.
#include "rules/helpers.h"

namespace og {

void check_og111(RuleContext& ctx) {
  double max_gogc = ctx.param("max_gogc");
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    const EnvValue* e = nullptr;
    auto g = known_gogc(w, &e);
    if (!g || !has_usable_limit(w) || gomemlimit_set(w) || automemlimit_sets_gomemlimit(w)) continue;
    if (g->kind != GoGC::Kind::Percent || g->percent < max_gogc) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    args["max_gogc"] = std::to_string(static_cast<int>(max_gogc));
    args["limit"] = describe(*w.limit);
    args["suggestion"] = suggested_gomemlimit(*w.limit);
    ctx.report({e->loc, args, {related_value(*w.limit, "memory limit")}, &w, "GOGC"});
  }
}

}  // namespace og
