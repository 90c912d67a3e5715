// OG508 probe-baseline-raised: `scan --diff-base` sees a probe baseline that
// lets more memory through than at the merge base: a value raised, the
// tolerance raised, a value removed, or the probe itself removed.
#include <cstdio>
#include <string>

#include "rules/probe/probe_helpers.h"

namespace og {

namespace {

// In MiB up to 100 GiB, so "1050.0MiB (was 966.0MiB)" shows the step that
// "1.0GiB (was 966.0MiB)" would hide.
std::string allowance_text(double b) {
  const double mib = 1024.0 * 1024;
  if (b < mib || b >= 100 * 1024 * mib) return probe_bytes(static_cast<uint64_t>(b));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fMiB", b / mib);
  return buf;
}

// "up to X (was Y)", in bytes when the two would print alike.
std::string allowances(double is, double was) {
  std::string a = allowance_text(is), b = allowance_text(was);
  if (a == b) {
    a = std::to_string(static_cast<uint64_t>(is)) + " bytes";
    b = std::to_string(static_cast<uint64_t>(was)) + " bytes";
  }
  return "up to " + a + " (was " + b + ")";
}

void report(RuleContext& ctx, const std::string& probe, const Location& loc, const std::string& setting,
            std::map<std::string, std::string> args, const std::string& variant) {
  args.emplace("probe", probe);
  RuleContext::Emit e;
  e.loc = loc;
  e.args = std::move(args);
  e.setting = "probe:" + probe + ":baseline-" + setting;
  e.variant = variant;
  ctx.report(e);
}

// "peak 920MiB and steady_p95 900MiB" of a baseline.
std::string baseline_values(const ProbeSpec& p) {
  std::string out;
  if (p.baseline_peak) out = "peak " + p.baseline_peak->raw;
  if (p.baseline_p95) out += (out.empty() ? "" : " and ") + std::string("steady_p95 ") + p.baseline_p95->raw;
  return out;
}

}  // namespace

void check_og508(RuleContext& ctx) {
  for (const auto& c : *ctx.probe_changes) {
    const ProbeSpec& b = c.before;
    if (!b.baseline_peak && !b.baseline_p95) continue;  // nothing to raise
    if (!c.after) {  // gone, or renamed: the baseline no longer guards the workload
      report(ctx, b.name, c.removed_at, "probe", {{"before", baseline_values(b)}}, "probe-removed");
      continue;
    }
    const ProbeSpec& a = *c.after;
    std::string loosened;  // metrics whose allowance only the tolerance raised
    auto check = [&](const std::optional<ProbeBytes>& before, const std::optional<ProbeBytes>& now,
                     const char* metric) {
      if (!before) return;  // adding a baseline is never a raise
      if (!now) {  // at the baseline, or at the name when `baseline:` is gone
        const Location& where = a.baseline_loc == a.entry_loc ? a.loc : a.baseline_loc;
        report(ctx, a.name, where, metric, {{"metric", metric}, {"before", before->raw}}, "removed");
        return;
      }
      double was = baseline_allowance(static_cast<uint64_t>(before->bytes), b.tolerance_pct);
      double is = baseline_allowance(static_cast<uint64_t>(now->bytes), a.tolerance_pct);
      if (is <= was) return;  // e.g. a higher value under a lower tolerance: no more gets through
      if (now->bytes > before->bytes) {
        double growth = 100.0 * static_cast<double>(now->bytes - before->bytes) / static_cast<double>(before->bytes);
        char g[24];
        std::snprintf(g, sizeof g, "%.1f", growth);
        report(ctx, a.name, now->loc, metric,
               {{"metric", metric},
                {"before", before->raw},
                {"after", now->raw},
                {"growth", g},
                {"tolerance", percent_text(a.tolerance_pct)},
                {"allowances", allowances(is, was)}},
               "default");
      } else {
        if (!loosened.empty()) loosened += " and ";
        loosened += std::string(metric) + " " + allowances(is, was);
      }
    };
    check(b.baseline_peak, a.baseline_peak, "peak");
    check(b.baseline_p95, a.baseline_p95, "steady_p95");
    if (!loosened.empty())
      report(ctx, a.name, a.tolerance_loc.valid() ? a.tolerance_loc : a.baseline_loc, "tolerance",
             {{"tolerance_before", percent_text(b.tolerance_pct)},
              {"tolerance_after", percent_text(a.tolerance_pct)},
              {"allowances", loosened}},
             "tolerance");
  }
}

}  // namespace og
