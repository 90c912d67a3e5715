#include "probe/chart_input.h"

#include <cctype>
#include <cstdio>

namespace og {

namespace {

std::string mib(uint64_t b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0fMiB", static_cast<double>(b) / (1 << 20));
  return buf;
}

}  // namespace

ChartInput chart_input(const ProbeResult& r, const std::vector<Finding>& verdicts) {
  ChartInput in;
  std::string worst;
  Level worst_level = Level::Off;
  for (const auto& f : verdicts)
    if (f.setting.rfind("probe:" + r.name + ":", 0) == 0)
      if (f.level > worst_level) {
        worst_level = f.level;
        worst = f.rule_id + " " + f.rule_name;
      }
  bool killed = (r.oom_kills && *r.oom_kills > 0) || r.oom_killed_by_engine;
  in.title = "probe " + r.name + ": " + (killed ? "OOM-killed" : !r.started ? "could not start" : r.exit);
  std::string gogc = "GOGC unset", gml = "GOMEMLIMIT unset";
  for (const auto& a : r.applied) {
    if (a.name == "GOGC") gogc = "GOGC=" + a.value;
    if (a.name == "GOMEMLIMIT") gml = "GOMEMLIMIT=" + a.value;
  }
  in.subtitle = r.workload_label + " · " + r.engine + " · " + (r.limit ? mib(r.limit) + " limit" : "no limit") + " · " +
                gml + " · " + gogc;
  for (const auto& p : r.series) {
    in.t.push_back(p.t);
    in.usage.push_back(static_cast<int64_t>(p.usage));
    in.working_set.push_back(static_cast<int64_t>(p.working_set));
  }
  if (r.limit) in.lines.push_back({"memory limit " + mib(r.limit), static_cast<int64_t>(r.limit), "limit"});
  if (r.gomemlimit) in.lines.push_back({"GOMEMLIMIT " + mib(*r.gomemlimit), static_cast<int64_t>(*r.gomemlimit), "gomemlimit"});
  if (r.baseline_peak)
    in.lines.push_back({"baseline peak " + mib(*r.baseline_peak), static_cast<int64_t>(*r.baseline_peak), "baseline"});
  in.oom_at = r.first_oom_s;
  if (killed && !in.oom_at && !r.series.empty()) in.oom_at = r.series.back().t;
  in.warmup = r.warmup_s;
  in.failed = worst_level >= Level::Warning;
  in.verdict = worst.empty() ? "pass" : worst;
  return in;
}

std::string chart_file_name(const std::string& probe) {
  std::string s;
  for (char c : probe) s += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') ? c : '_';
  if (s.empty() || s[0] == '.') s = "probe" + s;
  return s + ".svg";
}

}  // namespace og
