// OG208 limitrange-violation: admission rejects the pod (403).
#include <cstdio>
#include <cstdlib>

#include "rules/helpers.h"

namespace og {

namespace {

// The ratio with as many decimals as it takes to show it above `bound`
// (2.002 is not "2.00 breaks the maxLimitRequestRatio 2").
std::string ratio_above(double r, double bound) {
  char buf[32];
  for (int d = 2; d <= 6; ++d) {
    std::snprintf(buf, sizeof buf, "%.*f", d, r);
    if (std::strtod(buf, nullptr) > bound) return buf;
  }
  return buf;
}

void check_item(RuleContext& ctx, const Workload& w, const K8sLimitRange& lr, const K8sLimitRange::Item& item) {
  auto emit = [&](const MemValue& v, const char* what, const std::string& bound, const Location& bound_loc,
                  const std::string& setting) {
    auto args = base_args(w);
    args["field"] = v.field;
    args["value"] = describe(v);
    args["constraint"] = what;
    args["bound"] = bound;
    args["limitrange"] = lr.ns + "/" + lr.name;
    ctx.report({v.loc, args, {{bound_loc, std::string("LimitRange ") + what + " " + bound}}, &w, setting});
  };
  for (const auto* v : {&w.limit, &w.request}) {
    // Only values written on the container: a request defaulted from the limit is
    // the same fact as the limit, and LimitRange defaults are validated against
    // their own min/max by the API server.
    if (!*v || !(*v)->usable() || !(*v)->origin.empty()) continue;
    const char* which = v == &w.limit ? "limit" : "request";
    if (item.max && item.max->usable() && (*v)->bytes > item.max->bytes)
      emit(**v, "max", describe(*item.max), item.max->loc, std::string(which) + ">max");
    if (item.min && item.min->usable() && (*v)->bytes < item.min->bytes)
      emit(**v, "min", describe(*item.min), item.min->loc, std::string(which) + "<min");
  }
  if (item.max_ratio && w.limit && w.request && w.limit->usable() && w.request->usable() && w.request->bytes > 0) {
    double ratio = static_cast<double>(w.limit->bytes) / static_cast<double>(w.request->bytes);
    if (ratio > *item.max_ratio) {
      auto args = base_args(w);
      args["field"] = "limit/request";
      args["value"] = ratio_above(ratio, *item.max_ratio);
      args["constraint"] = "maxLimitRequestRatio";
      args["bound"] = item.max_ratio_raw;
      args["limitrange"] = lr.ns + "/" + lr.name;
      ctx.report({w.limit->loc, args, {{item.max_ratio_loc, "LimitRange maxLimitRequestRatio " + item.max_ratio_raw},
                                       related_value(*w.request, "memory request")},
                  &w, "ratio"});
    }
  }
}

}  // namespace

void check_og208(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (!is_k8s(w)) continue;
    for (const auto& lr : ctx.project.inputs.k8s.limit_ranges) {
      if (lr.ns != w.ns) continue;
      for (const auto& item : lr.items)
        if (item.type == "Container") check_item(ctx, w, lr, item);
    }
  }
}

}  // namespace og
