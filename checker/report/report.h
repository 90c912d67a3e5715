// Reporters: views of the finding model (and, for JSON, of the effective
// configuration). None of them re-derives facts.
#pragma once
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "model/finding.h"
#include "resolve/project.h"

namespace og {

// One scanned root (a directory, or stdin) and what the scan found there.
struct ScanUnit {
  std::string root;                 // absolute root directory ("" for stdin)
  Project project;
  std::vector<Finding> findings;
  int files_read = 0;
};

struct ScanOutput {
  std::vector<ScanUnit> units;
  // Maps a root-relative path to what users see (relative to the cwd when
  // beneath it, else absolute).
  std::string display_path(const ScanUnit& u, const std::string& rel) const;
  std::string cwd;
};

struct Counts {
  int error = 0, warning = 0, note = 0;
};
Counts count_levels(const ScanOutput& out);

void write_text(std::ostream& os, const ScanOutput& out, bool color);
void write_json(std::ostream& os, const ScanOutput& out);

}  // namespace og
