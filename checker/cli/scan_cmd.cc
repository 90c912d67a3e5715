// oomguard scan [PATH|-]... : writing the reports and the exit status.
#include <iostream>

#include "cli/output.h"
#include "cli/scan_args.h"

namespace og {

int cmd_scan(const Args& args) {
  ScanArgs a;
  bool help = false;
  if (!parse_scan_args(args, "scan", &a, &help)) return kExitUsage;
  if (help) {
    std::cout << kScanHelp;
    return kExitClean;
  }
  ScanOutput out;
  if (!run_scan(a, "scan", &out)) return kExitUsage;
  if (!write_outputs({a.format, a.outputs, a.color}, "scan", out)) return kExitUsage;
  return exit_status(out, a.fail_on);
}

}  // namespace og
