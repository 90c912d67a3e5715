// `scan --diff-base` on the config itself: the probes of .oomguard.yaml at the
// merge base against the change's, judged by the change rules (OG508).
#pragma once
#include <string>
#include <vector>

#include "config/config.h"
#include "report/report.h"

namespace og {

// Every probe of `before` with its namesake in `after`, or none (reported at
// `removed_at`).
std::vector<ProbeSpecChange> match_probes(const std::vector<ProbeSpec>& before, const std::vector<ProbeSpec>& after,
                                          const Location& removed_at);

// Parses both texts of the config (named `cfg.path`), runs the change rules
// with `cfg`'s selection, applies the suppressions written in the config (its
// `# oomguard: ignore[...]` comments and `ignore:` entries) and adds the
// findings to `u`. A revision whose config does not parse is not compared.
void add_probe_change_findings(ScanUnit* u, const Config& cfg, const std::string& before_text,
                               const std::string& after_text);

}  // namespace og
