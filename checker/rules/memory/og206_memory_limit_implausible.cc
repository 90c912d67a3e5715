// OG206 memory-limit-implausible: a limit or request so small that a unit is missing.
#include "rules/memory/mem_values.h"

namespace og {

void check_og206(RuleContext& ctx) {
  int64_t k8s_min = static_cast<int64_t>(ctx.param("min_k8s_bytes"));
  int64_t docker_min = static_cast<int64_t>(ctx.param("min_docker_bytes"));
  for_each_written_mem_value(ctx.project, [&](const MemValue& v, const Workload* w, const std::string& key) {
    if (!v.usable() || v.field == "divisor" || v.field.find("swap") != std::string::npos) return;
    if (v.field.find("LimitRange") != std::string::npos) return;
    int64_t floor = v.format == QuantityFormat::Kubernetes ? k8s_min : docker_min;
    if (v.bytes <= 0 || v.bytes >= floor) return;
    std::map<std::string, std::string> args;
    args["field"] = v.field;
    args["value"] = v.raw;
    // exact bytes when the rounded size would read as the floor itself ("4MiB, below 4MiB")
    args["bytes"] = format_bytes(v.bytes) == format_bytes(floor) ? std::to_string(v.bytes) + "B" : format_bytes(v.bytes);
    args["floor"] = format_bytes(floor);
    args["suggestion"] = v.raw + (v.format == QuantityFormat::Kubernetes ? "Mi" : "m");
    ctx.report({v.loc, args, {}, w, key});
  });
}

}  // namespace og
