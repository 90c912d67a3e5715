// OG112 gomemlimit-too-small: tiny soft limits are respected unreliably.
#include "rules/helpers.h"

namespace og {

void check_og112(RuleContext& ctx) {
  double min_bytes = ctx.param("min_bytes");
  for (const auto& w : ctx.project.workloads) {
    if (!w.go.is_go) continue;  // Go runtime settings matter only where Go runs
    const EnvValue* e = nullptr;
    auto gml = gomemlimit_bytes(w, &e);
    // 0 is a valid value, and the smallest limit of all: the GC runs continuously
    if (!gml || static_cast<double>(*gml) >= min_bytes) continue;
    if (e->from == EnvValue::From::ResourceFieldRef) continue;  // OG109 explains those numbers
    auto args = base_args(w);
    args["value"] = e->value;
    args["bytes"] = format_bytes(*gml);
    args["min_bytes"] = format_bytes(static_cast<int64_t>(min_bytes));
    bool digits = !e->value.empty() && e->value.find_first_not_of("0123456789") == std::string::npos;
    args["suggestion"] = digits && *gml > 0 ? "did you mean " + e->value + "MiB?" : "size it for the service, e.g. 460MiB";
    if (args["bytes"] == args["min_bytes"]) args["bytes"] = std::to_string(*gml) + "B";  // not "32MiB, below 32MiB"
    ctx.report({e->loc, args, {}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
