// OG403 go-env-unresolved: a reference in a Go memory variable has no value.
#include "resolve/project.h"
#include "rules/helpers.h"

namespace og {

void check_og403(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    for (const auto& [name, e] : w.env) {
      if (!is_go_memory_var(name) || e.unresolved.empty()) continue;
      std::string refs;
      for (const auto& r : e.unresolved) refs += (refs.empty() ? "" : ", ") + r;
      auto args = base_args(w);
      args["name"] = name;
      args["raw"] = e.raw;
      args["refs"] = refs;
      args["value"] = e.value;
      ctx.report({e.loc, args, {}, &w, name});
    }
  }
}

}  // namespace og
