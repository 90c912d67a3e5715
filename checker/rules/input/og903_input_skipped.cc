// OG903 input-skipped: a file was not read.
#include "rules/helpers.h"

namespace og {

void check_og903(RuleContext& ctx) {
  for (const auto& s : ctx.project.inputs.skipped)
    ctx.report({Location::whole_file(s.path), {{"file", s.path}, {"reason", s.reason}}, {}, nullptr, "skipped"});
}

}  // namespace og
