// OG204 memory-quantity-malformed: the value does not parse under its format's grammar.
#include "rules/memory/mem_values.h"

namespace og {

void check_og204(RuleContext& ctx) {
  for_each_written_mem_value(ctx.project, [&](const MemValue& v, const Workload* w, const std::string& key) {
    if (v.ok && !v.negative) return;
    std::map<std::string, std::string> args;
    args["field"] = v.field;
    args["value"] = v.raw;
    args["format"] = v.format == QuantityFormat::Kubernetes ? "Kubernetes quantity" : "Docker byte size";
    args["reason"] = v.negative ? "negative values are rejected" : v.error;
    args["example"] = v.format == QuantityFormat::Kubernetes ? "512Mi" : "512m";
    ctx.report({v.loc, args, {}, w, key, v.negative && v.ok ? "negative" : "default"});
  });
}

}  // namespace og
