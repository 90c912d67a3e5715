// OG109 gomemlimit-downward-api: GOMEMLIMIT from resourceFieldRef.
#include "rules/helpers.h"

namespace og {

void check_og109(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    const EnvValue* e = w.get_env("GOMEMLIMIT");
    if (!e || e->from != EnvValue::From::ResourceFieldRef) continue;
    if (e->ref_name != "limits.memory" && e->ref_name != "requests.memory") continue;
    auto args = base_args(w);
    args["resource"] = e->ref_name;
    args["value"] = e->value.empty() ? "?" : e->value;
    std::vector<Related> rel;
    if (has_usable_limit(w)) rel.push_back(related_value(*w.limit, "memory limit"));
    bool divisor_one = !e->divisor || (e->divisor->usable() && e->divisor->bytes == 1);
    if (!divisor_one) {
      args["divisor"] = e->divisor->raw;
      Location at = e->divisor->loc.valid() ? e->divisor->loc : e->loc;
      ctx.report({at, args, rel, &w, "GOMEMLIMIT", "divisor", Level::Error});
    } else if (e->ref_name == "limits.memory" && !w.limit) {
      ctx.report({e->loc, args, rel, &w, "GOMEMLIMIT", "nolimit", Level::Warning});
    } else if (e->ref_name == "limits.memory" ||
               // the request defaults to the limit when only a limit is set
               (has_usable_limit(w) && w.request && w.request->usable() && w.request->bytes >= w.limit->bytes)) {
      args["limit"] = describe(*w.limit);
      ctx.report({e->loc, args, rel, &w, "GOMEMLIMIT", "default", Level::Warning});
    }
  }
}

}  // namespace og
