// SARIF reportingDescriptors (tool.driver.rules[]) from the rule catalogue.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "rules/catalog.h"

namespace og {

// The descriptor GitHub code scanning shows for a rule: id, name, title, why,
// help (plain text and markdown: why, fix, examples, parameters), the level in
// force for this scan, tags and precision. No security-severity: these are
// reliability rules, and that property would file them as security alerts.
nlohmann::json sarif_rule(const RuleMeta& m, Level level);

// For a rule id the catalogue does not know (every result needs a descriptor).
nlohmann::json sarif_unknown_rule(const std::string& id, const std::string& name, Level level);

std::string rule_help_text(const RuleMeta& m);
std::string rule_help_markdown(const RuleMeta& m);

}  // namespace og
