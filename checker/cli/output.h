// Report writing and exit status shared by `oomguard scan` and `oomguard probe`.
#pragma once
#include <string>
#include <vector>

#include "report/report.h"

namespace og {

struct OutputArgs {
  std::string format = "text";
  std::vector<std::string> outputs;  // --output values: FILE or FORMAT=FILE
  std::string color = "auto";  // auto|always|never
};

// False (message printed, prefixed with `cmd`) when a file cannot be written.
bool write_outputs(const OutputArgs& a, const char* cmd, const ScanOutput& out);
// 0, or 1 when an unsuppressed finding is at or above `fail_on` ("never": 0).
int exit_status(const ScanOutput& out, const std::string& fail_on);

}  // namespace og
