// The rule catalogue, read from the metadata files embedded in the binary.
// It is the single source for `oomguard rules`, the docs, messages, and
// (later) SARIF rule descriptors.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "model/finding.h"

namespace og {

struct RuleParam {
  std::string name;
  std::string type;          // "ratio" | "bytes" | "int" | "percent"
  double default_value = 0;
  std::string default_text;  // as written in the metadata ("32MiB")
  std::string description;
};

struct RuleMeta {
  std::string id, name, title;
  Level level = Level::Warning;
  std::map<std::string, std::string> messages;  // variant -> template ("default" always present)
  std::string help;          // template: the fix in one line (the default variant)
  std::map<std::string, std::string> helps;  // other help variants (`help:` as a map), by name
  std::string why, fix, example_bad, example_good;
  std::vector<std::string> tags;
  std::string precision;     // very-high | high | medium
  std::vector<RuleParam> params;
  std::string source_file;   // rules/OGnnn.yaml
};

// All rules, sorted by id. Metadata problems are reported in `errors` (a test
// keeps this empty); rules with bad metadata are still listed.
const std::vector<RuleMeta>& rule_catalog(std::vector<std::string>* errors = nullptr);
const RuleMeta* find_rule(const std::string& id);

// "{name}" placeholders from args; unknown names stay visible as "{name}".
std::string render_template(const std::string& tpl, const std::map<std::string, std::string>& args);

}  // namespace og
