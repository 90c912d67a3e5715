// OG902 suppression-invalid: audits every suppression after it was applied
// (a Phase::Findings rule). One finding per suppression and problem.
#include <map>
#include <set>
#include <tuple>

#include "rules/helpers.h"

namespace og {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

// An annotation on a pod template yields one entry per container; they share
// the annotation's location and are audited as one suppression.
using Key = std::tuple<std::string, int, int, int>;
Key key_of(const SuppressionEntry& e) {
  return {e.loc.file, e.loc.line, e.loc.col, static_cast<int>(e.source)};
}

}  // namespace

void check_og902(RuleContext& ctx) {
  if (!ctx.suppressions) return;
  std::map<Key, std::set<std::string>> used;
  for (const auto& e : ctx.suppressions->entries) used[key_of(e)].insert(e.used.begin(), e.used.end());
  std::set<Key> done;
  std::map<std::string, int> occurrence;  // per file and text: keeps fingerprints line-independent
  for (const auto& e : ctx.suppressions->entries) {
    Key k = key_of(e);
    if (!done.insert(k).second) continue;
    std::string setting = "suppression:" + e.text + "#" + std::to_string(occurrence[e.loc.file + "\n" + e.text]++);
    auto emit = [&](const char* variant, std::map<std::string, std::string> args, const std::string& help) {
      args["help"] = help;
      ctx.report({e.loc, std::move(args), {}, nullptr, setting + ":" + variant, variant});
    };
    if (!e.malformed.empty()) {
      emit("default", {{"reason", e.malformed}}, "write `# oomguard: ignore[OG104] reason`");
      continue;
    }
    if (!e.unknown.empty())
      emit("unknown", {{"names", join(e.unknown)}}, "use rule IDs or names listed by `oomguard rules`");
    std::string rules = join(e.rules);
    if (e.rules.empty()) continue;
    if (ctx.suppressions->require_reason && e.reason.empty())
      emit("no-reason", {{"rules", rules}}, "say why after the brackets (or in oomguard.io/ignore-reason)");
    if (e.expired) {
      emit("expired", {{"rules", rules}, {"date", e.expires}}, "fix the findings, or extend `expires` with a reason");
      continue;
    }
    std::vector<std::string> stale;
    for (const auto& r : e.rules)
      if (ctx.suppressions->enabled.count(r) && !used[k].count(r)) stale.push_back(r);
    if (stale.empty()) continue;
    std::string where;
    if (e.source == SuppressionEntry::Source::Line)
      where = e.target_line ? " on line " + std::to_string(e.target_line) : " (no line follows it)";
    else if (e.source == SuppressionEntry::Source::File)
      where = " in this file";
    emit("stale", {{"rules", join(stale)}, {"where", where}}, "remove the suppression (or the stale rule IDs from it)");
  }
}

}  // namespace og
