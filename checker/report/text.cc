// Text output in the style of modern linters: location, rule, message, the
// source line with a caret under the value, related locations, help.
#include <algorithm>
#include <cstdio>

#include "report/report.h"

namespace og {

namespace {

struct Style {
  bool on;
  std::string c(const char* code, const std::string& s) const { return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s; }
};

const char* level_color(Level l) {
  return l == Level::Error ? "1;31" : l == Level::Warning ? "1;33" : "1;36";
}

// Replace control bytes so hostile inputs cannot drive the terminal.
std::string printable(std::string_view s) {
  std::string out;
  for (unsigned char ch : s) out += (ch < 0x20 && ch != '\t') || ch == 0x7f ? '?' : static_cast<char>(ch);
  return out;
}

void snippet(std::ostream& os, const ScanUnit& u, const Location& l, const Style& st) {
  if (l.line <= 0) return;
  auto it = u.project.inputs.texts.find(l.file);
  if (it == u.project.inputs.texts.end()) return;
  std::string_view line = it->second->line(l.line);
  if (line.size() > 300) return;  // minified or generated: the location says enough
  std::string num = std::to_string(l.line);
  std::string pad(num.size(), ' ');
  os << st.c("1;34", pad + " |") << "\n";
  os << st.c("1;34", num + " |") << " " << printable(line) << "\n";
  int start = std::max(1, l.col);
  int end = (l.end_line == l.line && l.end_col > start) ? l.end_col : start + 1;
  std::string marker;
  for (int i = 1; i < start && i - 1 < static_cast<int>(line.size()); ++i) marker += line[static_cast<size_t>(i - 1)] == '\t' ? '\t' : ' ';
  marker += std::string(static_cast<size_t>(end - start), '^');
  os << st.c("1;34", pad + " |") << " " << st.c("1;31", marker) << "\n";
}

std::string mib(std::optional<uint64_t> b) {
  if (!b) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fMiB", static_cast<double>(*b) / (1 << 20));
  return buf;
}

// One block per probe: what ran, what the kernel measured, the verdict.
void probe_summary(std::ostream& os, const ProbeResult& p, const Style& st) {
  bool killed = (p.oom_kills && *p.oom_kills > 0) || p.oom_killed_by_engine;
  std::string verdict = !p.started ? st.c("1;31", "FAILED TO START") : killed ? st.c("1;31", "OOM-KILLED") : p.exit;
  os << st.c("1", "probe " + printable(p.name)) << " (" << p.engine << ", " << printable(p.workload_label)
     << "): " << verdict << "\n";
  if (p.started) {
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.1fs", p.wall_s);
    os << "   peak " << mib(p.peak) << "  steady p95 " << mib(p.p95) << "  limit " << mib(p.limit ? std::optional<uint64_t>(p.limit) : std::nullopt)
       << "  GOMEMLIMIT " << mib(p.gomemlimit) << "  baseline peak " << mib(p.baseline_peak) << "  ran " << wall
       << "  samples " << p.series.size() << "\n";
  }
  for (const auto& a : p.applied)
    if (a.overridden) os << "   = override: " << printable(a.name) << "=" << printable(a.value) << "\n";
  os << "\n";
}

std::string where(const ScanOutput& out, const ScanUnit& u, const Location& l) {
  std::string s = out.display_path(u, l.file);
  if (l.line > 0) s += ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
  return s;
}

}  // namespace

void write_text(std::ostream& os, const ScanOutput& out, const WriteOptions& opt) {
  Style st{opt.color};
  for (const auto& u : out.units)
    for (const auto& p : u.probes) probe_summary(os, p, st);
  int workloads = 0, files = 0;
  for (const auto& u : out.units) {
    workloads += static_cast<int>(u.project.workloads.size());
    files += u.files_read;
    for (const auto& f : u.findings) {
      if (f.suppression) continue;
      os << st.c("1", where(out, u, f.loc) + ":") << " " << st.c("1", f.rule_id) << " "
         << st.c(level_color(f.level), level_name(f.level)) << ": " << printable(f.message) << "\n";
      snippet(os, u, f.loc, st);
      for (const auto& r : f.related)
        os << "   = " << st.c("1", "related") << ": " << printable(r.message) << " at " << where(out, u, r.loc) << "\n";
      if (!f.workload_label.empty()) os << "   = " << st.c("1", "workload") << ": " << printable(f.workload_label) << "\n";
      if (!f.help.empty()) os << "   = " << st.c("1;32", "help") << ": " << printable(f.help) << "\n";
      os << "\n";
    }
  }
  Counts c = count_levels(out);
  int total = c.error + c.warning + c.note;
  os << (total ? "Found " + std::to_string(total) + " finding" + (total == 1 ? "" : "s") : std::string("No findings"))
     << " (" << c.error << " error" << (c.error == 1 ? "" : "s") << ", " << c.warning << " warning"
     << (c.warning == 1 ? "" : "s") << ", " << c.note << " note" << (c.note == 1 ? "" : "s") << ") in " << workloads
     << " workload" << (workloads == 1 ? "" : "s") << " from " << files << " file" << (files == 1 ? "" : "s")
     << ".\n";
  int baselined = 0;
  for (const auto& u : out.units) baselined += u.baselined;
  std::string base = out.mode == "diff-base" ? "the base revision" : "the baseline";
  if (c.suppressed) os << c.suppressed << " suppressed finding" << (c.suppressed == 1 ? "" : "s") << " not shown.\n";
  if (baselined) os << baselined << " finding" << (baselined == 1 ? "" : "s") << " already in " << base << " not shown.\n";
  for (const auto& u : out.units)
    for (const auto& f : u.fixed)
      os << "fixed: " << f.rule_id << " " << printable(f.message) << " (" << where(out, u, f.loc) << ", no longer found)\n";
}

}  // namespace og
