// OG106 gomemlimit-missing: a Go container with a memory limit but no soft limit.
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
    ctx.report({at, args, rel, &w, "GOMEMLIMIT", e ? "off" : "default"});
  }
}

}  // namespace og
