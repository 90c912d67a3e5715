// A probe as declared in `.oomguard.yaml` (`probes:`): which workload to run,
// how, for how long, and the memory it is expected to stay within. Values
// keep their locations: verdicts point at the baseline line, and
// --update-baselines rewrites exactly those spans.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/location.h"

namespace og {

struct ProbeBytes {
  int64_t bytes = 0;
  std::string raw;  // as written
  Location loc;     // the value's span
};

struct ProbeSpec {
  std::string name;
  Location loc;                         // the `name:` value
  Location entry_loc;                   // the whole entry (a mapping) in the probes list
  std::string workload;                 // workload id or label, as `oomguard scan` prints it
  Location workload_loc;
  std::string image;                    // exactly one of image / command
  std::vector<std::string> command;
  std::vector<std::string> args;
  std::string workdir;
  std::optional<double> duration_s;     // none: run to exit
  double warmup_s = 0;
  double grace_s = 5;                   // SIGTERM -> SIGKILL
  std::vector<std::string> load;        // argv run alongside, stopped with the workload
  bool network = false;                 // container engines: --network none unless true
  std::optional<ProbeBytes> limit;      // overrides the workload's memory limit
  std::map<std::string, std::string> env;  // overrides/additions to the Go variables
  Location env_loc;
  // baseline:
  std::optional<ProbeBytes> baseline_peak, baseline_p95;
  double tolerance_pct = 10;
  Location tolerance_loc;               // the `tolerance:` value (invalid when not written)
  Location baseline_loc;                // the `baseline:` value (== entry_loc when absent)
};

// One probe as declared in two revisions of the config (`scan --diff-base`:
// the merge base and the change), matched by name; `after` is empty when the
// change removed (or renamed) it, and `removed_at` then says where to report.
struct ProbeSpecChange {
  ProbeSpec before;
  std::optional<ProbeSpec> after;
  Location removed_at;  // the `probes:` key after the change, else the config file
};

// "20s", "1.5m", "500ms", "2h" -> seconds; false on anything else.
bool parse_duration(const std::string& s, double* seconds);

}  // namespace og
