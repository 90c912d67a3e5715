// A finding: what a rule (or, later, the probe) reports. Every output format
// is a view of this one model.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/location.h"

namespace og {

enum class Level { Off = 0, Note = 1, Warning = 2, Error = 3 };
const char* level_name(Level l);
bool parse_level(const std::string& s, Level* out);

struct Related {
  Location loc;
  std::string message;
};

// Why a finding is not reported as a problem (it stays in SARIF for audit).
struct Suppression {
  std::string kind;           // SARIF kind: "inSource" (comment, annotation) or "external" (config)
  std::string justification;  // the reason given, may be empty
  Location loc;               // where the suppression is written
};

struct Finding {
  std::string rule_id;
  std::string rule_name;
  Level level = Level::Warning;
  std::string message;
  std::string help;                // the fix, one line
  Location loc;                    // primary: where the fix goes
  std::vector<Related> related;
  std::string workload;            // Workload::id() or "" for file-level findings
  std::string workload_label;
  std::string setting;             // what the finding is about ("GOMEMLIMIT", "limits.memory")
  std::string fingerprint;         // stable: rule + workload + setting (no line numbers)
  std::optional<Suppression> suppression;  // set: suppressed, not counted, not failing
};

// sha256-free stable 64-bit hash rendered as 16 hex chars (FNV-1a).
std::string stable_hash(const std::string& s);
std::string make_fingerprint(const std::string& rule, const std::string& workload, const std::string& setting,
                             const std::string& file_if_no_workload);

}  // namespace og
