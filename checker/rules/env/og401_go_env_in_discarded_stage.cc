// OG401 go-env-in-discarded-stage: ENV in a build stage never reaches the shipped image.
#include <set>

#include "resolve/dockerfile_facts.h"
#include "rules/helpers.h"

namespace og {

void check_og401(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    if (w.dockerfile.empty()) continue;
    const Dockerfile& df = ctx.project.inputs.dockerfiles.at(w.dockerfile);
    int fin = df.final_stage(w.dockerfile_target);
    if (fin < 0) continue;
    std::vector<int> anc = df.ancestry(fin);
    std::set<int> shipped(anc.begin(), anc.end());
    for (const auto& st : df.stages) {
      if (shipped.count(st.index)) continue;
      for (const auto& v : st.env) {
        if (!is_go_memory_var(v.key)) continue;
        auto args = base_args(w);
        args["name"] = v.key;
        args["value"] = v.value;
        args["stage"] = stage_label(st);
        args["final"] = stage_label(df.stages[static_cast<size_t>(fin)]);
        ctx.report({v.value_loc.valid() ? v.value_loc : v.key_loc, args,
                    {{df.stages[static_cast<size_t>(fin)].from_loc, "the shipped image starts here"}}, &w,
                    v.key + "@" + stage_label(st)});
      }
    }
  }
}

}  // namespace og
