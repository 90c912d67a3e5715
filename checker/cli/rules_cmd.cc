#include <iostream>

#include "cli/commands.h"
#include "report/rules_doc.h"

namespace og {

const char* const kRulesHelp = R"(usage: oomguard rules [--format text|json|markdown]

Lists every rule with its ID, name, default level and title. The markdown
form is the committed docs/rules.md.
)";

int cmd_rules(const Args& args) {
  std::string format = "text";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << kRulesHelp;
      return kExitClean;
    } else if (a == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (a.rfind("--format=", 0) == 0) {
      format = a.substr(9);
    } else {
      std::cerr << "oomguard rules: unknown argument '" << a << "'\n";
      return kExitUsage;
    }
  }
  if (format == "text") write_rules_text(std::cout);
  else if (format == "json") write_rules_json(std::cout);
  else if (format == "markdown") write_rules_markdown(std::cout);
  else {
    std::cerr << "oomguard rules: --format must be text, json or markdown\n";
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace og
