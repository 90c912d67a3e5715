// .oomguard.yaml: per-rule levels and parameters, excludes, the images map
// and Go image patterns. Every mistake is an error with file:line.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "model/location.h"
#include "probe/spec.h"
#include "resolve/project.h"
#include "rules/engine.h"
#include "suppress/suppressions.h"

namespace og {

struct Config {
  std::string path;                     // "" when there is no config file
  RuleSelection selection;              // starts from the catalogue defaults
  std::vector<std::string> excludes;
  ResolveOptions resolve;
  SuppressionSettings suppressions;     // `ignore:` entries and `suppressions:` settings
  std::vector<ProbeSpec> probes;        // `probes:` (oomguard probe)
  Location probes_loc;                  // the `probes:` key (invalid when absent)
  std::vector<ParseError> errors;       // non-empty -> exit 2
};

// Parses config text (path is used in locations).
Config parse_config(const std::string& path, const std::string& text);
Config default_config();

// Applies --select / --ignore (comma-separated rule IDs or prefixes such as
// OG1). Unknown IDs are errors.
bool apply_select_ignore(Config* c, const std::string& select, const std::string& ignore, std::string* err);

}  // namespace og
