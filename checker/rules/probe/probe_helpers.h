// Shared by the probe verdicts (OG5xx): where a verdict points, what it cites,
// and how measured values are printed.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "model/probe_result.h"
#include "rules/engine.h"

namespace og {

// Byte counts for messages: "52.3MiB" (one decimal below 10 GiB units).
std::string probe_bytes(std::optional<uint64_t> b);
// In Go syntax, rounded up to whole MiB: what a baseline should say.
std::string probe_bytes_go(uint64_t b);
// Emits a verdict for `r` at `loc` (the probe's baseline when it has one,
// else its name), citing the applied limit and Go variables.
void report_probe(RuleContext& ctx, const ProbeResult& r, const Location& loc, std::map<std::string, std::string> args,
                  const std::string& setting, const std::string& variant = "default");
// A percentage as written: "5", "12.5".
std::string percent_text(double p);
// What a baseline lets through: baseline x (100 + tolerance) / 100, exact for
// whole-byte boundaries (baseline x (1 + tolerance / 100) rounds below them
// for 15%, 30%, ...).
double baseline_allowance(uint64_t baseline, double tolerance_pct);
// A value of the run by name ("GOGC"), or "unset".
std::string applied_value(const ProbeResult& r, const std::string& name);

}  // namespace og
