// oomguard baseline create|prune: record the current findings so a scan with
// --baseline reports only new ones; drop entries that were fixed.
#include <fstream>
#include <iostream>
#include <set>

#include "baseline/baseline.h"
#include "cli/scan_args.h"

namespace og {

const char* const kBaselineHelp = R"(usage: oomguard baseline create [PATH]... [--output FILE] [scan options]
       oomguard baseline prune  [PATH]... [--baseline FILE] [scan options]

create  scans PATH (default .) and records every unsuppressed finding by its
        line-independent fingerprint in FILE (default .oomguard-baseline.json).
        `oomguard scan --baseline FILE` then reports only findings not in it.
prune   scans again and removes the entries that are no longer found (fixed);
        it never adds entries.

Scan options (--config, --select, --ignore, --staged, --diff-base, ...) are those
of `oomguard scan`. Exit status: 0 written, 2 usage, config or I/O error.
)";

namespace {


constexpr const char* kDefaultFile = ".oomguard-baseline.json";

bool write(const std::string& path, const Baseline& b) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << baseline_json(b);
  if (!f.flush()) {
    std::cerr << "oomguard baseline: cannot write " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace

int cmd_baseline(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << kBaselineHelp;
    return args.empty() ? kExitUsage : kExitClean;
  }
  std::string action = args[0];
  if (action != "create" && action != "prune") {
    std::cerr << "oomguard baseline: unknown action '" << action << "' (create, prune)\n";
    return kExitUsage;
  }
  ScanArgs a;
  bool help = false;
  if (!parse_scan_args(Args(args.begin() + 1, args.end()), "baseline", &a, &help)) return kExitUsage;
  if (help) {
    std::cout << kBaselineHelp;
    return kExitClean;
  }
  // --output names the baseline file for create; --baseline names it for prune.
  std::string file = action == "create" ? (a.outputs.empty() ? kDefaultFile : a.outputs.back())
                                        : (a.baseline.empty() ? kDefaultFile : a.baseline);
  Baseline old;
  std::string err;
  if (action == "prune" && !load_baseline(file, &old, &err)) {
    std::cerr << "oomguard baseline: " << err << "\n";
    return kExitUsage;
  }
  a.baseline.clear();  // scan everything: the baseline is what is being computed
  ScanOutput out;
  if (!run_scan(a, "baseline", &out)) return kExitUsage;
  Baseline now = baseline_of(out);
  if (action == "create") {
    if (!write(file, now)) return kExitUsage;
    std::cout << "oomguard baseline: recorded " << now.entries.size() << " finding"
              << (now.entries.size() == 1 ? "" : "s") << " in " << file << "\n";
    return kExitClean;
  }
  std::set<std::string> current;
  for (const auto& e : now.entries) current.insert(e.fingerprint);
  Baseline kept;
  for (const auto& e : old.entries)
    if (current.count(e.fingerprint)) kept.entries.push_back(e);
  if (!write(file, kept)) return kExitUsage;
  size_t removed = old.entries.size() - kept.entries.size();
  std::cout << "oomguard baseline: removed " << removed << " fixed finding" << (removed == 1 ? "" : "s") << ", "
            << kept.entries.size() << " remain in " << file << "\n";
  return kExitClean;
}

}  // namespace og
