// OG901 input-unparsable: a file that looks like an input cannot be parsed.
#include <set>

#include "rules/helpers.h"
#include "util/paths.h"

namespace og {

namespace {

// Env files that feed a workload: compose env_file entries and the .env
// beside a compose file. Errors in other env-like files are not ours to report.
std::set<std::string> used_env_files(const Project& p) {
  std::set<std::string> used;
  for (const auto& [path, cf] : p.inputs.compose_files) {
    std::string dir = dir_of(path);
    used.insert(normalize_join(dir, ".env"));
    for (const auto& svc : cf.services)
      for (const auto& ef : svc.env_files) used.insert(normalize_join(dir, ef.path));
  }
  return used;
}

}  // namespace

void check_og901(RuleContext& ctx) {
  auto emit = [&](const ParseError& e) {
    ctx.report({e.loc, {{"reason", e.message}, {"file", e.loc.file}}, {}, nullptr, e.message});
  };
  for (const auto& e : ctx.project.inputs.unparsable) emit(e);
  std::set<std::string> used = used_env_files(ctx.project);
  for (const auto& [path, ef] : ctx.project.inputs.env_files)
    if (used.count(path))
      for (const auto& e : ef.errors) emit(e);
}

}  // namespace og
