// OG111 gogc-high-without-gomemlimit: the heap may grow to several times the live set.
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

void check_og111(RuleContext& ctx) {
  double max_gogc = ctx.param("max_gogc");
  for (const auto& w : ctx.project.workloads) {
    const EnvValue* e = known_var(w, "GOGC");
    if (!e || !has_usable_limit(w) || gomemlimit_set(w) || automemlimit_sets_it(w)) continue;
    GoGC g = parse_gogc(e->value);
    if (g.kind != GoGC::Kind::Percent || g.percent < max_gogc) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    args["max_gogc"] = std::to_string(static_cast<int>(max_gogc));
    args["limit"] = describe(*w.limit);
    args["suggestion"] = gomemlimit_spelling_mib(static_cast<int64_t>(static_cast<double>(w.limit->bytes) * 0.9));
    ctx.report({e->loc, args, {related_value(*w.limit, "memory limit")}, &w, "GOGC"});
  }
}

}  // namespace og
