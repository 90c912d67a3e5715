// OG115 go-toolchain-ignores-gomemlimit: the binary is built with Go < 1.19,
// whose runtime never reads GOMEMLIMIT.
#include "rules/go/go_toolchain.h"
#include "rules/helpers.h"

namespace og {

void check_og115(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go || !gomemlimit_set(w)) continue;
    auto tc = toolchain_ignoring_gomemlimit(ctx.project, w);
    if (!tc) continue;
    const EnvValue* e = w.get_env("GOMEMLIMIT");
    const EnvValue* known = known_var(w, "GOMEMLIMIT");
    auto args = base_args(w);
    args["value"] = known ? known->value : !e->unresolved.empty() ? e->raw : "<" + e->source + ">";
    args["image"] = tc->image;
    args["go_version"] = tc->version.text;
    std::vector<Related> rel = {{tc->from_loc, "Go toolchain " + tc->image + " (Go " + tc->version.text + ")"}};
    ctx.report({e->loc, args, rel, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
