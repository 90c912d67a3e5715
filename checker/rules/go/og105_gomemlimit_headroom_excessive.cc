// OG105 gomemlimit-headroom-excessive: GOMEMLIMIT far below the limit wastes memory and CPU.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "rules/helpers.h"

namespace og {

namespace {

// The ratio with as many decimals as it takes to show it strictly between
// `lo` and `hi` (0.499 is not "0.50 ... less than 0.50").
std::string ratio_text(double r, double lo, double hi) {
  char buf[32];
  for (int d = 2; d <= 6; ++d) {
    std::snprintf(buf, sizeof buf, "%.*f", d, r);
    double shown = std::strtod(buf, nullptr);
    if (shown > lo && shown < hi) return buf;
  }
  std::snprintf(buf, sizeof buf, "%.6f", std::floor(r * 1e6) / 1e6);
  return buf;
}

}  // namespace

void check_og105(RuleContext& ctx) {
  double min_ratio = ctx.param("min_ratio");
  for (const auto& w : ctx.project.workloads) {
    const EnvValue* e = nullptr;
    auto gml = gomemlimit_bytes(w, &e);
    if (!w.go.is_go || !gml || !has_usable_limit(w) || e->from == EnvValue::From::ResourceFieldRef) continue;
    double ratio = static_cast<double>(*gml) / static_cast<double>(w.limit->bytes);
    if (ratio >= min_ratio) continue;
    auto args = base_args(w);
    args["value"] = e->value;
    args["limit"] = describe(*w.limit);
    args["ratio"] = ratio_text(ratio, -1.0, min_ratio);
    args["min_ratio"] = fmt_ratio(min_ratio);
    args["suggestion"] = gomemlimit_spelling_mib(static_cast<int64_t>(static_cast<double>(w.limit->bytes) * 0.9));
    ctx.report({e->loc, args, {related_value(*w.limit, "memory limit")}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
