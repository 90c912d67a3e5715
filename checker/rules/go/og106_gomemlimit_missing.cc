// OG106 gomemlimit-missing: a Go container with a memory limit but no soft limit.
#include "rules/helpers.h"

namespace og {

namespace {

// automemlimit sets GOMEMLIMIT at start only when GOMEMLIMIT is absent from the
// environment (it checks os.LookupEnv, so even "off" or "" stops it) and
// AUTOMEMLIMIT, when set, parses as a ratio (it rejects "" and "90%").
bool automemlimit_sets_it(const Workload& w) {
  if (!automemlimit_active(w) || w.get_env("GOMEMLIMIT")) return false;
  const EnvValue* a = known_var(w, "AUTOMEMLIMIT");
  return !a || (!a->value.empty() && parse_automemlimit(a->value).kind == AutoMemLimit::Kind::Ratio);
}

}  // namespace

void check_og106(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go || !has_usable_limit(w) || automemlimit_sets_it(w)) continue;
    // GOGC=off (or negative) without GOMEMLIMIT is OG107's error: same fix, reported once.
    if (const EnvValue* gc = known_var(w, "GOGC")) {
      GoGC g = parse_gogc(gc->value);
      if (g.kind == GoGC::Kind::Off || (g.kind == GoGC::Kind::Percent && g.percent < 0)) continue;
    }
    const EnvValue* e = w.get_env("GOMEMLIMIT");
    // Any definition other than a literal empty/off means the author set one
    // (malformed and unresolved values have rules of their own).
    if (e && !(known_var(w, "GOMEMLIMIT") && (e->value.empty() || e->value == "off"))) continue;
    auto args = base_args(w);
    args["limit"] = describe(*w.limit);
    args["suggestion"] = gomemlimit_spelling_mib(static_cast<int64_t>(static_cast<double>(w.limit->bytes) * 0.9));
    args["why_go"] = w.go.reason;
    std::vector<Related> rel = {related_value(*w.limit, "memory limit")};
    if (w.go.loc.valid()) rel.push_back({w.go.loc, "runs Go: " + w.go.reason});
    Location at = e ? e->loc : w.loc;
    ctx.report({at, args, rel, &w, "GOMEMLIMIT", e ? "off" : "default"});
  }
}

}  // namespace og
