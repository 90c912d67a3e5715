// OG508 probe-baseline-raised: `scan --diff-base` sees a probe baseline that
// allows more memory than at the merge base (a higher value or tolerance, or
// a value removed).
#include <cstdio>
#include <string>

#include "rules/probe/probe_helpers.h"

namespace og {

namespace {

std::string percent(double p) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%g", p);
  return buf;
}

// What a baseline value lets through: value x (100 + tolerance) / 100.
double allowed(const ProbeBytes& v, double tolerance_pct) {
  return static_cast<double>(v.bytes) * (100 + tolerance_pct) / 100;
}

// In MiB up to 100 GiB, so "1050.0MiB (was 966.0MiB)" shows the step that
// "1.0GiB (was 966.0MiB)" would hide.
std::string allowed_bytes(double b) {
  const double mib = 1024.0 * 1024;
  if (b < mib || b >= 100 * 1024 * mib) return probe_bytes(static_cast<uint64_t>(b));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fMiB", b / mib);
  return buf;
}

void report(RuleContext& ctx, const ProbeSpec& after, const Location& loc, const std::string& setting,
            std::map<std::string, std::string> args, const std::string& variant) {
  args.emplace("probe", after.name);
  RuleContext::Emit e;
  e.loc = loc.valid() ? loc : after.loc;
  e.args = std::move(args);
  e.setting = "probe:" + after.name + ":baseline-" + setting;
  e.variant = variant;
  ctx.report(e);
}

}  // namespace

void check_og508(RuleContext& ctx) {
  for (const auto& c : *ctx.probe_changes) {
    const ProbeSpec& b = c.before;
    const ProbeSpec& a = c.after;
    std::string loosened;  // metrics whose allowance only the tolerance raised
    auto check = [&](const std::optional<ProbeBytes>& before, const std::optional<ProbeBytes>& now,
                     const char* metric, const char* setting) {
      if (!before) return;  // adding a baseline is never a raise
      if (!now) {  // at the baseline, or at the name when `baseline:` is gone
        const Location& where = a.baseline_loc == a.entry_loc ? a.loc : a.baseline_loc;
        report(ctx, a, where, setting, {{"metric", metric}, {"before", before->raw}}, "removed");
        return;
      }
      double was = allowed(*before, b.tolerance_pct), is = allowed(*now, a.tolerance_pct);
      if (now->bytes > before->bytes) {
        double growth = 100.0 * static_cast<double>(now->bytes - before->bytes) / static_cast<double>(before->bytes);
        char g[24];
        std::snprintf(g, sizeof g, "%.1f", growth);
        report(ctx, a, now->loc, setting,
               {{"metric", metric},
                {"before", before->raw},
                {"after", now->raw},
                {"growth", g},
                {"tolerance", percent(a.tolerance_pct)},
                {"allowed_before", allowed_bytes(was)},
                {"allowed_after", allowed_bytes(is)}},
               "default");
      } else if (is > was) {
        if (!loosened.empty()) loosened += " and ";
        loosened += std::string(metric) + " up to " + allowed_bytes(is) + " (was " + allowed_bytes(was) + ")";
      }
    };
    check(b.baseline_peak, a.baseline_peak, "peak", "peak");
    check(b.baseline_p95, a.baseline_p95, "steady_p95", "steady_p95");
    if (!loosened.empty())
      report(ctx, a, a.tolerance_loc.valid() ? a.tolerance_loc : a.baseline_loc, "tolerance",
             {{"tolerance_before", percent(b.tolerance_pct)},
              {"tolerance_after", percent(a.tolerance_pct)},
              {"allowances", loosened}},
             "tolerance");
  }
}

}  // namespace og
