// The rule catalogue rendered for people and machines: `oomguard rules` and
// the generated docs/rules.md.
#pragma once
#include <ostream>

namespace og {

void write_rules_text(std::ostream& os);
void write_rules_json(std::ostream& os);
void write_rules_markdown(std::ostream& os);

}  // namespace og
