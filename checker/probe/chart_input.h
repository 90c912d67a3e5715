// From a probe's result and verdicts to its chart (probe/chart.h).
#pragma once
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/probe_result.h"
#include "probe/chart.h"

namespace og {

ChartInput chart_input(const ProbeResult& r, const std::vector<Finding>& verdicts);
// "api-no-gomemlimit.svg": the probe name with anything but [A-Za-z0-9._-] replaced.
std::string chart_file_name(const std::string& probe);

}  // namespace og
