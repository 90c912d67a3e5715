// OG404 go-env-duplicate: the same list defines a Go memory variable twice.
#include "resolve/project.h"
#include "rules/helpers.h"

namespace og {

void check_og404(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    for (const auto& [name, e] : w.env) {
      if (!is_go_memory_var(name)) continue;
      // chain oldest-first, then the winner: report each definition that a later
      // one in the same source replaced
      std::vector<const EnvValue*> chain;
      for (const auto& o : e.overridden) chain.push_back(&o);
      chain.push_back(&e);
      for (size_t i = 0; i + 1 < chain.size(); ++i) {
        if (chain[i]->source != chain[i + 1]->source || chain[i]->loc.file != chain[i + 1]->loc.file) continue;
        auto args = base_args(w);
        args["name"] = name;
        args["first"] = chain[i]->value;
        args["second"] = chain[i + 1]->value;
        args["source"] = chain[i]->source;
        ctx.report({chain[i + 1]->loc, args, {related_env(*chain[i], "first defined")}, &w,
                    name + "@" + chain[i]->source});
      }
    }
  }
}

}  // namespace og
