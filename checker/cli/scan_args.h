// Options shared by `oomguard scan` and `oomguard baseline`, and the scan
// itself (plain, --staged, --diff-base, --baseline) up to a ScanOutput.
#pragma once
#include <string>
#include <vector>

#include "cli/commands.h"
#include "report/report.h"

namespace og {

struct ScanArgs {
  std::vector<std::string> paths;
  std::vector<std::string> outputs;  // --output values, in order
  std::string sarif_category = "oomguard/";
  std::string format = "text", fail_on = "warning", config, select, ignore, stdin_name = "<stdin>";
  std::string diff_base;             // --diff-base REF
  std::string baseline;              // --baseline FILE
  bool staged = false, worktree = false, no_cache = false;
  int jobs = 0;
  std::string color = "auto";  // --color auto|always|never; --no-color = never
};


// Parses arguments; false (message printed, prefixed with `cmd`) on a usage
// error; `help` set for --help.
bool parse_scan_args(const Args& args, const char* cmd, ScanArgs* a, bool* help);
// Scans every PATH. False (message printed) -> exit status 2.
bool run_scan(const ScanArgs& a, const char* cmd, ScanOutput* out);

}  // namespace og
