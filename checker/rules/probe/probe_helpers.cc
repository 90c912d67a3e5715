#include "rules/probe/probe_helpers.h"

#include <cstdio>

#include "quantity/quantity.h"
#include "util/byte_size.h"

namespace og {

std::string probe_bytes(std::optional<uint64_t> b) { return b ? binary_bytes(*b) : "unknown"; }

std::string probe_bytes_go(uint64_t b) {
  uint64_t mib = (b + (1u << 20) - 1) >> 20;
  return std::to_string(mib) + "MiB";
}

std::string percent_text(double p) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%g", p);
  return buf;
}

double baseline_allowance(uint64_t baseline, double tolerance_pct) {
  return static_cast<double>(baseline) * (100 + tolerance_pct) / 100;
}

std::string applied_value(const ProbeResult& r, const std::string& name) {
  std::string v = "unset";
  for (const auto& a : r.applied)
    if (a.name == name) v = a.value;
  return v;
}

void report_probe(RuleContext& ctx, const ProbeResult& r, const Location& loc, std::map<std::string, std::string> args,
                  const std::string& setting, const std::string& variant) {
  args.emplace("probe", r.name);
  args.emplace("workload", r.workload_label);
  std::vector<Related> related;
  for (const auto& a : r.applied)
    if (a.loc.valid())
      related.push_back({a.loc, a.name + " " + a.value + (a.overridden ? " (set by the probe)" : "")});
  RuleContext::Emit e;
  e.loc = loc.valid() ? loc : r.loc;
  e.args = std::move(args);
  e.related = std::move(related);
  e.setting = "probe:" + r.name + ":" + setting;
  e.variant = variant;
  ctx.report(e);
}

}  // namespace og
