// OG107 gogc-off-unbounded: GC disabled with no memory limit for the runtime.
#include "rules/helpers.h"

namespace og {

void check_og107(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    const EnvValue* e = nullptr;
    auto g = known_gogc(w, &e);
    if (!g || !gc_disabled(*g) || gomemlimit_set(w) || (automemlimit_sets_gomemlimit(w) && has_usable_limit(w))) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    std::vector<Related> rel;
    if (has_usable_limit(w)) rel.push_back(related_value(*w.limit, "memory limit"));
    ctx.report({e->loc, args, rel, &w, "GOGC"});
  }
}

}  // namespace og
