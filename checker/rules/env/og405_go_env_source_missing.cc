// OG405 go-env-source-missing: the ConfigMap (or key) is not in the repository.
#include "resolve/project.h"
#include "rules/helpers.h"

namespace og {

void check_og405(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    for (const auto& [name, e] : w.env) {
      if (!is_go_memory_var(name) || !e.ref_missing || e.ref_optional) continue;
      auto args = base_args(w);
      args["name"] = name;
      args["configmap"] = e.ref_name;
      args["key"] = e.ref_key;
      args["namespace"] = w.ns;
      bool map_exists = false;
      for (const auto& cm : ctx.project.inputs.k8s.config_maps)
        map_exists = map_exists || (cm.ns == w.ns && cm.name == e.ref_name);
      ctx.report({e.loc, args, {}, &w, name, map_exists ? "key" : "default"});
    }
  }
}

}  // namespace og
