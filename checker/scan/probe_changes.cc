#include "scan/probe_changes.h"

#include <memory>

#include "rules/engine.h"
#include "suppress/suppressions.h"
#include "util/source_text.h"

namespace og {

std::vector<ProbeSpecChange> match_probes(const std::vector<ProbeSpec>& before, const std::vector<ProbeSpec>& after,
                                          const Location& removed_at) {
  std::vector<ProbeSpecChange> out;
  for (const auto& b : before) {
    ProbeSpecChange c{b, std::nullopt, removed_at};
    for (const auto& a : after)
      if (a.name == b.name) c.after = a;
    out.push_back(std::move(c));
  }
  return out;
}

void add_probe_change_findings(ScanUnit* u, const Config& cfg, const std::string& before_text,
                               const std::string& after_text) {
  Config before = parse_config(cfg.path, before_text), after = parse_config(cfg.path, after_text);
  if (!before.errors.empty() || !after.errors.empty()) return;
  Location removed_at = after.probes_loc.valid() ? after.probes_loc : Location::whole_file(cfg.path);
  std::vector<ProbeSpecChange> changes = match_probes(before.probes, after.probes, removed_at);
  if (changes.empty()) return;
  std::vector<Finding> found = run_change_rules(u->project, cfg.selection, changes);
  if (found.empty()) return;
  // The config is not an input of the scan, so its comments were not read as
  // suppressions: collect them from its text alone.
  auto text = std::make_shared<SourceText>(after_text);
  apply_config_suppressions(&found, cfg.path, text, cfg.suppressions);
  u->project.inputs.texts.emplace(cfg.path, text);  // snippets of the baseline lines
  for (auto& f : found) u->findings.push_back(std::move(f));
  sort_findings(&u->findings);
}

}  // namespace og
