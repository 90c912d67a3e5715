// Reporters: views of the finding model (and, for JSON, of the effective
// configuration). None of them re-derives facts.
#pragma once
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/probe_result.h"
#include "resolve/project.h"

namespace og {

// One scanned root (a directory, or stdin) and what the scan found there.
struct ScanUnit {
  std::string root;                 // absolute root directory ("" for stdin)
  Project project;
  std::vector<Finding> findings;    // suppressed ones included (Finding::suppression set)
  int files_read = 0;
  int baselined = 0;                // findings hidden because the baseline (or base revision) has them
  std::vector<Finding> fixed;       // in the baseline / base revision but no longer found
  std::vector<ProbeResult> probes;  // oomguard probe: what each probe measured
};

struct ScanOutput {
  std::vector<ScanUnit> units;
  // Maps a root-relative path to what users see (relative to the cwd when
  // beneath it, else absolute).
  std::string display_path(const ScanUnit& u, const std::string& rel) const;
  std::string cwd;
  // The directory SARIF uris are relative to (%SRCROOT%): the git work tree
  // containing the cwd, else the cwd.
  std::string srcroot;
  std::string sarif_category = "oomguard/";  // SARIF automationDetails.id
  std::string mode = "scan";                 // scan | staged | diff-base (for summaries)
  // Enabled rules (union over units) with their effective level, by id: SARIF
  // lists exactly these in tool.driver.rules[].
  std::map<std::string, Level> enabled_rules;
};

// Counts of unsuppressed findings by level, and of suppressed ones.
struct Counts {
  int error = 0, warning = 0, note = 0, suppressed = 0;
};
Counts count_levels(const ScanOutput& out);

struct WriteOptions {
  bool color = false;
};

// Every output format, in one table (formats.cc): `--format NAME` and
// `--output NAME=PATH` look names up here.
using Writer = void (*)(std::ostream& os, const ScanOutput& out, const WriteOptions& opt);
struct OutputFormat {
  const char* name;
  Writer write;
  const char* description;
};
const std::vector<OutputFormat>& output_formats();
const OutputFormat* find_output_format(const std::string& name);

void write_text(std::ostream& os, const ScanOutput& out, const WriteOptions& opt);
void write_json(std::ostream& os, const ScanOutput& out, const WriteOptions& opt);
void write_sarif(std::ostream& os, const ScanOutput& out, const WriteOptions& opt);
void write_github(std::ostream& os, const ScanOutput& out, const WriteOptions& opt);
void write_junit(std::ostream& os, const ScanOutput& out, const WriteOptions& opt);
void write_gitlab(std::ostream& os, const ScanOutput& out, const WriteOptions& opt);
void write_markdown(std::ostream& os, const ScanOutput& out, const WriteOptions& opt);

}  // namespace og
