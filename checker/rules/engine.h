// Running the rules over a resolved project.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/probe_result.h"
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

class RuleContext {
 public:
  RuleContext(const Project& p, const RuleMeta& meta, const RuleSettings& s, std::vector<Finding>* out,
              const Suppressions* sup = nullptr, const std::vector<ProbeResult>* probe_results = nullptr)
      : project(p), suppressions(sup), probes(probe_results), meta_(meta), settings_(s), out_(out) {}

  const Project& project;
  // Phase::Findings rules only: the suppressions after they were applied.
  const Suppressions* suppressions;
  // Phase::Probe rules only: what `oomguard probe` measured.
  const std::vector<ProbeResult>* probes;
  double param(const std::string& name) const;

  struct Emit {
    Location loc;                                 // primary: where the fix goes
    std::map<std::string, std::string> args;      // message/help template arguments
    std::vector<Related> related;
    const Workload* workload = nullptr;           // null for file-level findings
    std::string setting;                          // for the fingerprint ("GOMEMLIMIT")
    std::string variant = "default";              // message variant
    std::optional<Level> level;                   // a variant's own default level
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
enum class Phase { Workloads, Findings, Probe };
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

}  // namespace og
