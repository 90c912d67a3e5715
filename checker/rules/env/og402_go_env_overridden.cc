// OG402 go-env-overridden: a later source silently replaces a Go memory variable.
#include "resolve/project.h"
#include "rules/helpers.h"

namespace og {

void check_og402(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    for (const auto& [name, e] : w.env) {
      if (!is_go_memory_var(name) || e.overridden.empty()) continue;
      std::vector<Related> rel;
      std::string before;
      for (const auto& o : e.overridden)
        if (o.source != e.source && o.value != e.value) {
          rel.push_back(related_env(o, "overrides"));
          before = o.value + " (" + o.source + ")";
        }
      if (rel.empty()) continue;
      auto args = base_args(w);
      args["name"] = name;
      args["value"] = e.value;
      args["source"] = e.source;
      args["previous"] = before;
      ctx.report({e.loc, args, rel, &w, name});
    }
  }
}

}  // namespace og
