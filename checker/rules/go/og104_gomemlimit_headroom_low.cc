// OG104 gomemlimit-headroom-low: GOMEMLIMIT / limit above max_ratio.
#include "rules/helpers.h"

namespace og {

void check_og104(RuleContext& ctx) {
  double max_ratio = ctx.param("max_ratio");
  for (const auto& w : ctx.project.workloads) {
    const EnvValue* e = nullptr;
    auto gml = gomemlimit_bytes(w, &e);
    if (!w.go.is_go || !gml || !has_usable_limit(w) || e->from == EnvValue::From::ResourceFieldRef) continue;
    double ratio = static_cast<double>(*gml) / static_cast<double>(w.limit->bytes);
    if (ratio >= 1.0 || ratio <= max_ratio) continue;  // >= 1 is OG103
    auto args = base_args(w);
    args["value"] = e->value;
    args["limit"] = describe(*w.limit);
    args["ratio"] = fmt_ratio(ratio);
    args["max_ratio"] = fmt_ratio(max_ratio);
    args["suggestion"] = gomemlimit_spelling_mib(static_cast<int64_t>(static_cast<double>(w.limit->bytes) * 0.9));
    ctx.report({e->loc, args, {related_value(*w.limit, "memory limit")}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
