// The config's `ignore:` list (external suppressions) and `suppressions:`
// settings. Every mistake is an error with file:line, as for the rest of
// the config.
#include <cstdio>

#include "config/config_internal.h"

namespace og {

namespace {

bool valid_date(const std::string& s) {
  int y, m, d;
  char tail;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return s[4] == '-' && s[7] == '-' && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] && (m != 2 || d <= 28 || leap);
}

void read_entry(ConfigCtx& x, const YAML::Node& n) {
  if (!n.IsMap()) return x.error(n, "ignore entries must be mappings with `rules:` (and paths, workload, reason, expires)");
  SuppressionEntry e;
  e.source = SuppressionEntry::Source::Config;
  e.loc = x.at.loc(n);
  e.file = x.c->path;
  bool has_rules = false;
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string k = scalar(it->first).value_or("");
    YAML::Node v = it->second;
    if (k == "rules") {
      has_rules = true;
      std::vector<std::string> names;
      if (auto s = scalar(v)) names.push_back(*s);
      else names = string_list(x, v, "ignore.rules");
      for (const auto& name : names) {
        std::vector<std::string> unknown;
        resolve_rule_names(name, &e.rules, &unknown);
        for (const auto& u : unknown) x.error(v, "ignore: unknown rule '" + u + "' (see `oomguard rules`)");
      }
      e.loc = x.at.loc(v);  // findings about the entry point at its rules
    } else if (k == "paths") {
      e.paths = string_list(x, v, "ignore.paths");
    } else if (k == "workload") {
      auto s = scalar(v);
      if (!s) x.error(v, "ignore.workload must be a glob string");
      else e.workload_glob = *s;
    } else if (k == "reason") {
      e.reason = scalar(v).value_or("");
    } else if (k == "expires") {
      auto s = scalar(v);
      if (!s || !valid_date(*s)) x.error(v, "ignore.expires must be a date YYYY-MM-DD");
      else e.expires = *s;
    } else {
      x.error(it->first, "unknown key '" + k + "' in an ignore entry (known: rules, paths, workload, reason, expires)");
    }
  }
  if (!has_rules) return x.error(n, "an ignore entry needs `rules:` (rule IDs or names)");
  e.text = "ignore entry for " + [&] {
    std::string s;
    for (const auto& r : e.rules) s += (s.empty() ? "" : ",") + r;
    return s;
  }();
  x.c->suppressions.config.push_back(std::move(e));
}

}  // namespace

void read_ignore_entries(ConfigCtx& x, const YAML::Node& v) {
  if (!v.IsSequence()) return x.error(v, "ignore must be a list of entries");
  for (const auto& n : v) read_entry(x, n);
}

void read_suppression_settings(ConfigCtx& x, const YAML::Node& v) {
  if (!v.IsMap()) return x.error(v, "suppressions must be a mapping (require_reason)");
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string k = scalar(it->first).value_or("");
    if (k != "require_reason") {
      x.error(it->first, "unknown key '" + k + "' in suppressions (known: require_reason)");
      continue;
    }
    auto s = scalar(it->second);
    if (s && (*s == "true" || *s == "false")) x.c->suppressions.require_reason = *s == "true";
    else x.error(it->second, "suppressions.require_reason must be true or false");
  }
}

}  // namespace og
