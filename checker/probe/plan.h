// From a declared probe and the scanned project to what will run: the
// workload's effective memory limit, swap and Go variables (from the same
// effective configuration `oomguard scan` checks), with the probe's overrides.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/probe_result.h"
#include "probe/spec.h"
#include "resolve/project.h"

namespace og {

struct ProbePlan {
  const ProbeSpec* spec = nullptr;
  const Workload* workload = nullptr;
  uint64_t limit = 0;
  std::optional<uint64_t> swap;  // swap allowed besides memory; nullopt: unlimited (left as the parent has it)
  std::vector<std::pair<std::string, std::string>> env;  // variables the workload gets
  std::optional<uint64_t> gomemlimit;
  std::vector<AppliedValue> applied;  // what the report shows, with provenance
};

// False + err (a one-line, actionable message) when the probe cannot be
// planned: unknown or ambiguous workload, no memory limit.
bool plan_probe(const ProbeSpec& spec, const Project& project, ProbePlan* out, std::string* err);

}  // namespace og
