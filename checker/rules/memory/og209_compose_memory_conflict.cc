// OG209 compose-memory-conflict: mem_limit and deploy.resources disagree.
#include "rules/helpers.h"

namespace og {

void check_og209(RuleContext& ctx) {
  for (const auto& w : ctx.project.workloads) {
    if (w.kind != Workload::Kind::ComposeService) continue;
    auto check = [&](const std::optional<MemValue>& a, const std::shared_ptr<const MemValue>& b) {
      if (!a || !b) return;
      bool same = (a->ok && b->ok) ? a->bytes == b->bytes : a->raw == b->raw;
      if (same) return;
      auto args = base_args(w);
      args["field"] = a->field;
      args["value"] = a->raw;
      args["other_field"] = b->field;
      args["other"] = b->raw;
      ctx.report({a->loc, args, {related_value(*b, "also set to")}, &w, a->field});
    };
    check(w.limit, w.limit_alt);
    check(w.request, w.request_alt);
  }
}

}  // namespace og
