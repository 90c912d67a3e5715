// Running the rules over a resolved project.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/probe_result.h"
#include "probe/spec.h"
#include "resolve/project.h"
#include "rules/catalog.h"
#include "suppress/suppressions.h"

namespace og {

struct RuleSettings {
  Level level = Level::Warning;
  std::map<std::string, double> params;
};

// Per-rule settings after the config file and --select/--ignore.
struct RuleSelection {
  std::map<std::string, RuleSettings> rules;  // enabled rules only
};
RuleSelection default_selection();

// What a rule reads besides the project; each phase fills its own.
struct RuleInputs {
  // Phase::Findings: the suppressions after they were applied.
  const Suppressions* suppressions = nullptr;
  // Phase::Probe: what `oomguard probe` measured.
  const std::vector<ProbeResult>* probes = nullptr;
  // Phase::Change: the probes of the config before and after the change.
  const std::vector<ProbeSpecChange>* probe_changes = nullptr;
};

class RuleContext {
 public:
  using Inputs = RuleInputs;
  RuleContext(const Project& p, const RuleMeta& meta, const RuleSettings& s, std::vector<Finding>* out,
              const Inputs& in = {})
      : project(p), suppressions(in.suppressions), probes(in.probes), probe_changes(in.probe_changes),
        meta_(meta), settings_(s), out_(out) {}

  const Project& project;
  const Suppressions* suppressions;
  const std::vector<ProbeResult>* probes;
  const std::vector<ProbeSpecChange>* probe_changes;
  double param(const std::string& name) const;

  struct Emit {
    Location loc;                                 // primary: where the fix goes
    std::map<std::string, std::string> args;      // message/help template arguments
    std::vector<Related> related;
    const Workload* workload = nullptr;           // null for file-level findings
    std::string setting;                          // for the fingerprint ("GOMEMLIMIT")
    std::string variant = "default";              // message variant
    std::optional<Level> level;                   // a variant's own default level
    std::string help_variant;                     // a `help:` variant ("" = the default help)
  };
  void report(const Emit& e);

 private:
  const RuleMeta& meta_;
  const RuleSettings& settings_;
  std::vector<Finding>* out_;
};

using RuleFn = void (*)(RuleContext&);
// Most rules read workloads; a few audit the other rules' findings and run
// after suppressions were applied (OG902).
// Probe verdicts (OG5xx) judge measurements and run only in `oomguard probe`.
// Change rules judge a change between two revisions and run only in
// `oomguard scan --diff-base` (OG508: a probe baseline was raised).
enum class Phase { Workloads, Findings, Probe, Change };
struct RuleImpl {
  const char* id;
  RuleFn check;
  Phase phase = Phase::Workloads;
};
// The explicit registry (rules/registry.cc).
const std::vector<RuleImpl>& rule_registry();
// The phase of a registered rule (Workloads for unknown IDs).
Phase rule_phase(const std::string& id);

// Runs every enabled rule of the workload phase, applies the suppressions,
// then runs the findings phase; findings are de-duplicated by fingerprint and
// sorted by file, line, column, rule. `sup` may be null (nothing suppressed).
std::vector<Finding> run_rules(const Project& p, const RuleSelection& sel, Suppressions* sup = nullptr);
// The probe verdicts over measured results (same dedup and order).
std::vector<Finding> run_probe_rules(const Project& p, const RuleSelection& sel, const std::vector<ProbeResult>& r);
// The change rules over the probes of both revisions (same dedup and order).
std::vector<Finding> run_change_rules(const Project& p, const RuleSelection& sel,
                                      const std::vector<ProbeSpecChange>& changes);
// Findings in report order: file, line, column, rule, workload.
void sort_findings(std::vector<Finding>* v);
// Rules of the scan itself (Workloads and Findings phases): the ones a plain
// `oomguard scan` runs, and the only ones whose suppressions can be stale.
bool runs_in_scan(const std::string& id);

}  // namespace og
