// rules/*.yaml, embedded at build time by CMake (see CMakeLists.txt).
#pragma once
#include <vector>

namespace og {
struct EmbeddedRuleFile {
  const char* name;
  const char* content;
};
const std::vector<EmbeddedRuleFile>& embedded_rule_files();
}  // namespace og
