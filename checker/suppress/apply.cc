// Collecting every suppression of a project and applying them to findings.
#include <fnmatch.h>

#include <ctime>

#include "resolve/project.h"
#include "suppress/suppressions.h"

namespace og {

namespace {

bool glob(const std::string& pattern, const std::string& s) { return fnmatch(pattern.c_str(), s.c_str(), 0) == 0; }

bool names(const SuppressionEntry& e, const std::string& rule) {
  for (const auto& r : e.rules)
    if (r == rule) return true;
  return false;
}

bool matches(const SuppressionEntry& e, const Finding& f) {
  if (!e.malformed.empty() || e.expired || !names(e, f.rule_id)) return false;
  switch (e.source) {
    case SuppressionEntry::Source::Line:
      return f.loc.file == e.file && f.loc.line > 0 && f.loc.line == e.target_line;
    case SuppressionEntry::Source::File:
      return f.loc.file == e.file;
    case SuppressionEntry::Source::Annotation:
      return !f.workload.empty() && f.workload == e.workload;
    case SuppressionEntry::Source::Config: {
      if (!e.paths.empty()) {
        bool any = false;
        for (const auto& p : e.paths) any = any || glob(p, f.loc.file);
        if (!any) return false;
      }
      return e.workload_glob.empty() ||
             (!f.workload.empty() && (glob(e.workload_glob, f.workload) || glob(e.workload_glob, f.workload_label)));
    }
  }
  return false;
}

void add_annotation(const Workload& w, Suppressions* s) {
  auto it = w.annotations.find("oomguard.io/ignore");
  if (it == w.annotations.end()) return;
  SuppressionEntry e;
  e.source = SuppressionEntry::Source::Annotation;
  auto loc = w.oomguard_annotation_locs.find(it->first);
  e.loc = loc != w.oomguard_annotation_locs.end() ? loc->second : w.loc;
  e.text = "oomguard.io/ignore: " + it->second;
  e.workload = w.id();
  resolve_rule_names(it->second, &e.rules, &e.unknown);
  if (e.rules.empty() && e.unknown.empty()) e.malformed = "oomguard.io/ignore names no rule IDs";
  auto reason = w.annotations.find("oomguard.io/ignore-reason");
  if (reason != w.annotations.end()) e.reason = reason->second;
  // One annotation on a pod template yields one entry per container: they
  // share the annotation's location, which is how OG902 groups them.
  s->entries.push_back(std::move(e));
}

}  // namespace

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Suppressions collect_suppressions(const Project& p, const SuppressionSettings& settings, const std::string& today) {
  Suppressions s;
  s.require_reason = settings.require_reason;
  for (const auto& [path, text] : p.inputs.texts)
    if (text->content().find("oomguard:") != std::string::npos)
      for (auto& e : parse_inline_suppressions(path, *text)) s.entries.push_back(std::move(e));
  for (const auto& w : p.workloads) add_annotation(w, &s);
  for (SuppressionEntry e : settings.config) {
    e.expired = !e.expires.empty() && e.expires < today;  // ISO dates compare as strings
    s.entries.push_back(std::move(e));
  }
  return s;
}

void apply_config_suppressions(std::vector<Finding>* findings, const std::string& config_name,
                               std::shared_ptr<const SourceText> text, const SuppressionSettings& s) {
  Project config_only;
  config_only.inputs.texts[config_name] = std::move(text);
  Suppressions sup = collect_suppressions(config_only, s, today_utc());
  apply_suppressions(findings, &sup);
}

void apply_suppressions(std::vector<Finding>* findings, Suppressions* s) {
  for (auto& f : *findings) {
    for (auto& e : s->entries) {
      if (!matches(e, f)) continue;
      e.used.insert(f.rule_id);
      if (f.suppression) continue;  // the first match is the one reported; later ones are still used
      bool external = e.source == SuppressionEntry::Source::Config;
      f.suppression = Suppression{external ? "external" : "inSource", e.reason, e.loc};
    }
  }
}

}  // namespace og
