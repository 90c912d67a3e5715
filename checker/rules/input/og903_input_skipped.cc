// OG903 input-skipped: a file was not read.
#include "rules/helpers.h"

namespace og {

void check_og903(RuleContext& ctx) {
  for (const auto& s : ctx.project.inputs.skipped) {
    // Only a size skip is cured by max_file_bytes; a template needs rendering.
    std::string alt;
    if (s.reason.find("max_file_bytes") != std::string::npos) alt = ", or raise max_file_bytes";
    else if (s.reason.rfind("template file", 0) == 0) alt = ", or scan its rendered output";
    ctx.report({Location::whole_file(s.path), {{"file", s.path}, {"reason", s.reason}, {"alternative", alt}}, {}, nullptr,
                "skipped"});
  }
}

}  // namespace og
