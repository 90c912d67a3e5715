// --update-baselines: rewrite the baseline values in .oomguard.yaml in place.
// Only the spans of the values change (comments, order and formatting stay);
// a probe without a baseline gets a `baseline:` line after its last line.
#pragma once
#include <string>
#include <vector>

#include "model/probe_result.h"
#include "probe/spec.h"

namespace og {

struct BaselineEdit {
  std::string probe;
  std::string what;  // "peak 52MiB -> 54MiB", "added baseline"
};

// Returns the new text; `edits` says what changed, `errors` what could not be
// changed (e.g. a flow-style probe without a baseline).
std::string update_baselines(const std::string& text, const std::vector<ProbeSpec>& specs,
                             const std::vector<ProbeResult>& results, std::vector<BaselineEdit>* edits,
                             std::vector<std::string>* errors);

}  // namespace og
