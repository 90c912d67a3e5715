// OG205 memory-quantity-millibytes: "512m" is 0.512 bytes, not 512 MiB.
#include "rules/memory/mem_values.h"

namespace og {

void check_og205(RuleContext& ctx) {
  for_each_written_mem_value(ctx.project, [&](const MemValue& v, const Workload* w, const std::string& key) {
    if (!v.ok || !v.sub_unit || v.field == "divisor") return;
    std::map<std::string, std::string> args;
    args["field"] = v.field;
    args["value"] = v.raw;
    args["bytes"] = std::to_string(v.bytes);
    std::string s = v.raw;
    if (!s.empty() && (s.back() == 'm' || s.back() == 'u' || s.back() == 'n')) s = s.substr(0, s.size() - 1) + "Mi";
    args["suggestion"] = s;
    ctx.report({v.loc, args, {}, w, key});
  });
}

}  // namespace og
