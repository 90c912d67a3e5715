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
    std::string as_mib = digits && *gml > 0 ? e->value + "MiB" : "";
    if (has_usable_limit(w)) {
      // Derived from the limit and never above it: "did you mean 512MiB?" under
      // a 20M limit would be an OOM kill.
      std::string fit = suggested_gomemlimit(*w.limit);
      int64_t as_mib_bytes = as_mib.empty() || e->value.size() > 12 ? -1 : std::stoll(e->value) * 1024 * 1024;
      if (!as_mib.empty() && as_mib_bytes >= 0 && as_mib_bytes < w.limit->bytes)
        args["suggestion"] = "did you mean " + as_mib + "? the limit is " + describe(*w.limit);
      else if (static_cast<double>(w.limit->bytes) * 0.9 < 1024.0 * 1024.0)
        args["suggestion"] = "raise the " + describe(*w.limit) + " limit: it leaves no room for the Go runtime";
      else
        args["suggestion"] = "about " + fit + " fits the " + describe(*w.limit) + " limit, or raise the limit";
    } else {
      args["suggestion"] = !as_mib.empty() ? "did you mean " + as_mib + "?" : "size it for the service, e.g. 460MiB";
    }
    if (args["bytes"] == args["min_bytes"]) args["bytes"] = std::to_string(*gml) + "B";  // not "32MiB, below 32MiB"
    ctx.report({e->loc, args, {}, &w, "GOMEMLIMIT"});
  }
}

}  // namespace og
