// Baselines: adopting oomguard on a repository with existing findings. A
// baseline file records findings by their line-independent fingerprint; a
// scan against it reports only new findings, counts the known ones, and lists
// the ones that disappeared (fixed) so the baseline can be pruned. The same
// comparison serves `scan --diff-base` (the base revision's findings).
#pragma once
#include <string>
#include <vector>

#include "model/finding.h"
#include "report/report.h"

namespace og {

struct BaselineEntry {
  std::string fingerprint, rule_id, workload, file, message;
};

struct Baseline {
  std::vector<BaselineEntry> entries;  // sorted by fingerprint
};

// Reads a baseline file; false + err (with the path) when unreadable or not a baseline.
bool load_baseline(const std::string& path, Baseline* out, std::string* err);
// The unsuppressed findings of the units, as a baseline (sorted, one entry per fingerprint).
Baseline baseline_of(const ScanOutput& out);
std::string baseline_json(const Baseline& b);

// Removes from `u.findings` the unsuppressed findings whose fingerprint is
// in `known` (counting them in u.baselined) and records the known findings
// that are no longer found in u.fixed.
// `list_fixed` = false when the unit holds only part of the findings (git
// modes report findings involving changed files): absent is not fixed there.
void subtract_known(ScanUnit* u, const std::vector<Finding>& known, bool list_fixed = true);
std::vector<Finding> findings_of(const Baseline& b);

}  // namespace og
