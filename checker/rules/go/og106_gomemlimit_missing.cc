// OG106 gomemlimit-missing: a Go container with a memory limit but no soft limit.
#include "rules/go/go_toolchain.h"
#include "rules/helpers.h"

namespace og {

void check_og106(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go || !has_usable_limit(w) || automemlimit_sets_gomemlimit(w)) continue;
    // GOGC=off (or negative) without GOMEMLIMIT is OG107's error: same fix, reported once.
    if (auto gc = known_gogc(w); gc && gc_disabled(*gc)) continue;
    const EnvValue* e = w.get_env("GOMEMLIMIT");
    // Any definition other than a literal empty/off means the author set one
    // (malformed and unresolved values have rules of their own).
    if (e && !(known_var(w, "GOMEMLIMIT") && (e->value.empty() || e->value == "off"))) continue;
    auto args = base_args(w);
    args["limit"] = describe(*w.limit);
    args["suggestion"] = suggested_gomemlimit(*w.limit);
    args["why_go"] = w.go.reason;
    std::vector<Related> rel = {related_value(*w.limit, "memory limit")};
    if (w.go.loc.valid()) rel.push_back({w.go.loc, "runs Go: " + w.go.reason});
    Location at = e ? e->loc : w.loc;
    RuleContext::Emit em{at, args, rel, &w, "GOMEMLIMIT", e ? "off" : "default"};
    // Go before 1.19 would ignore the proposed GOMEMLIMIT: upgrading comes first.
    if (auto tc = toolchain_ignoring_gomemlimit(ctx.project, w)) {
      em.args["image"] = tc->image;
      em.args["go_version"] = tc->version.text;
      em.related.push_back({tc->from_loc, "Go toolchain " + tc->image + " (Go " + tc->version.text + ")"});
      em.variant = e ? "off-old-go" : "old-go";
      em.help_variant = "old-go";
    }
    ctx.report(em);
  }
}

}  // namespace og
