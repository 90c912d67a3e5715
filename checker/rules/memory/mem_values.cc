#include "rules/memory/mem_values.h"

namespace og {

void for_each_written_mem_value(const Project& p,
                                const std::function<void(const MemValue&, const Workload*, const std::string& key)>& fn) {
  for (const auto& w : p.workloads) {
    // values written on the workload itself (not defaulted from elsewhere)
    for (const auto* v : {&w.limit, &w.request, &w.swap})
      if (*v && (*v)->origin.empty() && !(v == &w.swap && w.swap_unlimited)) fn(**v, &w, (*v)->field);
    for (const auto* v : {&w.limit_alt, &w.request_alt})
      if (*v) fn(**v, &w, (*v)->field);
    if (auto e = w.get_env("GOMEMLIMIT"); e && e->divisor) fn(*e->divisor, &w, "GOMEMLIMIT divisor");
  }
  for (const auto& pod : p.inputs.k8s.pods)
    for (const auto* v : {&pod.pod_limit, &pod.pod_request})
      if (*v) fn(**v, nullptr, pod.kind + " " + pod.ns + "/" + pod.name + " pod " + (*v)->field);
  for (const auto& lr : p.inputs.k8s.limit_ranges)
    for (size_t i = 0; i < lr.items.size(); ++i) {
      const auto& item = lr.items[i];
      for (const auto* v : {&item.default_limit, &item.default_request, &item.min, &item.max})
        if (*v) fn(**v, nullptr, "LimitRange " + lr.ns + "/" + lr.name + " item " + std::to_string(i) + " " + (*v)->field);
    }
}

}  // namespace og
