// OG107 gogc-off-unbounded: GC disabled with no memory limit for the runtime.
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

void check_og107(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    const EnvValue* e = known_var(w, "GOGC");
    if (!e) continue;
    GoGC g = parse_gogc(e->value);
    bool off = g.kind == GoGC::Kind::Off || (g.kind == GoGC::Kind::Percent && g.percent < 0);
    if (!off || gomemlimit_set(w) || (automemlimit_sets_it(w) && has_usable_limit(w))) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    std::vector<Related> rel;
    if (has_usable_limit(w)) rel.push_back(related_value(*w.limit, "memory limit"));
    ctx.report({e->loc, args, rel, &w, "GOGC"});
  }
}

}  // namespace og
