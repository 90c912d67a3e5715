// Shared by the parts of the config parser (config.cc, ignore_config.cc).
#pragma once
#include <string>
#include <vector>

#include "config/config.h"
#include "parse/yaml_source.h"

namespace og {

struct ConfigCtx {
  Config* c;
  YamlLocator at;
  void error(const YAML::Node& n, const std::string& msg) { c->errors.push_back({at.loc(n), msg}); }
};

std::vector<std::string> string_list(ConfigCtx& x, const YAML::Node& n, const char* what);
void read_ignore_entries(ConfigCtx& x, const YAML::Node& v);
void read_suppression_settings(ConfigCtx& x, const YAML::Node& v);
void read_probes(ConfigCtx& x, const YAML::Node& v);

}  // namespace og
