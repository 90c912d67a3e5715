// Filling a ProbeResult, shared by the engines.
#pragma once
#include <string>
#include <vector>

#include "model/probe_result.h"
#include "probe/plan.h"
#include "runtime/cgroup_files.h"
#include "runtime/sampler.h"

namespace og {

// Name, workload, baseline and applied values of a planned probe.
ProbeResult result_skeleton(const ProbePlan& plan, const std::string& engine);
// The measurements of a finished run.
void fill_from_run(const runtime::RunRecord& rec, const runtime::Counters& counters,
                   const std::vector<std::string>& stderr_tail, ProbeResult* r);

}  // namespace og
