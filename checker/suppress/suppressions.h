// Suppressions: inline comments, Kubernetes annotations / compose labels,
// and `ignore:` entries of the config. They are collected after resolve,
// applied to the findings of the rules, and audited by OG902 (unknown rule,
// malformed, missing reason, expired, or suppressing nothing).
#pragma once
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/finding.h"
#include "model/location.h"

namespace og {

struct Project;
class SourceText;

struct SuppressionEntry {
  enum class Source { Line, File, Annotation, Config };
  Source source = Source::Line;
  Location loc;                      // the comment, annotation value or config entry
  std::string text;                  // as written (comments, annotations)
  std::string file;                  // Line/File: the file it applies to
  int target_line = 0;               // Line: the line it applies to
  std::string workload;              // Annotation: the workload id it applies to
  std::vector<std::string> rules;    // rule IDs it names (known ones)
  std::vector<std::string> unknown;  // names that are not rules
  std::vector<std::string> paths;    // Config: globs against the finding's file
  std::string workload_glob;         // Config: glob against the workload id or label
  std::string reason;
  std::string expires;               // Config: YYYY-MM-DD ("" = never)
  bool expired = false;
  std::string malformed;             // non-empty: why it cannot be read (it has no effect)
  std::set<std::string> used;        // rule IDs that suppressed at least one finding
};

struct SuppressionSettings {
  bool require_reason = false;               // config `suppressions: {require_reason: true}`
  std::vector<SuppressionEntry> config;      // config `ignore:` entries (Source::Config)
};

struct Suppressions {
  bool require_reason = false;
  std::set<std::string> enabled;     // rules that ran: only they can make a suppression stale
  std::vector<SuppressionEntry> entries;
};

// `# oomguard: ignore[...] reason` and `# oomguard: ignore-file[...] reason`
// comments of one file (YAML, Dockerfile, env file, script: all use '#').
std::vector<SuppressionEntry> parse_inline_suppressions(const std::string& file, const SourceText& text);
// "OG104, OG207" or rule names -> known IDs and unknown names.
void resolve_rule_names(const std::string& list, std::vector<std::string>* ids, std::vector<std::string>* unknown);

// Every suppression of a resolved project (comments of every read file,
// oomguard.io/ignore on workloads) plus the config's entries. `today` is
// YYYY-MM-DD (expiry dates are compared with it).
Suppressions collect_suppressions(const Project& p, const SuppressionSettings& s, const std::string& today);

// Marks suppressed findings (Finding::suppression) and records which entries
// were used. Expired and malformed entries suppress nothing.
void apply_suppressions(std::vector<Finding>* findings, Suppressions* s);

// For findings located in the config file itself (probe verdicts, OG508),
// which is not a scan input: applies its `# oomguard: ignore[...]` comments
// and the config's `ignore:` entries.
void apply_config_suppressions(std::vector<Finding>* findings, const std::string& config_name,
                               std::shared_ptr<const SourceText> text, const SuppressionSettings& s);

// Today's date in UTC as YYYY-MM-DD.
std::string today_utc();

}  // namespace og
