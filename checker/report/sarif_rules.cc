#include "report/sarif_rules.h"

#include <algorithm>

namespace og {

namespace {

std::string trim_end(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The metadata's prose is hard-wrapped; one-line descriptions read better
// unwrapped (blank lines still separate paragraphs).
std::string unwrap(const std::string& s) {
  std::string t = trim_end(s), out;
  for (size_t i = 0; i < t.size(); ++i) {
    bool lone_newline = t[i] == '\n' && (i + 1 >= t.size() || t[i + 1] != '\n') && (i == 0 || t[i - 1] != '\n');
    out += lone_newline ? ' ' : t[i];
  }
  return out;
}

std::string indent(const std::string& s, const std::string& pad) {
  std::string out = pad;
  std::string t = trim_end(s);
  for (char c : t) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

// A fence longer than any backtick run in the example, so it cannot end early.
std::string fenced(const std::string& code) {
  size_t run = 0, longest = 0;
  for (char c : code) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  return fence + "\n" + trim_end(code) + "\n" + fence + "\n";
}

}  // namespace

std::string rule_help_text(const RuleMeta& m) {
  std::string s = trim_end(m.why) + "\n\nFix: " + trim_end(m.fix) + "\n\nFires on:\n" + indent(m.example_bad, "  ") +
                  "\n\nQuiet on:\n" + indent(m.example_good, "  ") + "\n";
  if (!m.params.empty()) {
    s += "\nParameters (.oomguard.yaml rules." + m.id + "):\n";
    for (const auto& p : m.params)
      s += "  " + p.name + " (" + p.type + ", default " + p.default_text + "): " + p.description + "\n";
  }
  return s;
}

std::string rule_help_markdown(const RuleMeta& m) {
  std::string s = "**" + m.title + "** (`" + m.id + " " + m.name + "`)\n\n" + trim_end(m.why) + "\n\n**Fix:** " +
                  trim_end(m.fix) + "\n\nFires on:\n\n" + fenced(m.example_bad) + "\nQuiet on:\n\n" +
                  fenced(m.example_good);
  if (!m.params.empty()) {
    s += "\nParameters (`.oomguard.yaml`, `rules: {" + m.id + ": {...}}`):\n\n| name | type | default | meaning |\n"
         "|---|---|---|---|\n";
    for (const auto& p : m.params)
      s += "| `" + p.name + "` | " + p.type + " | `" + p.default_text + "` | " + p.description + " |\n";
  }
  return s;
}

nlohmann::json sarif_rule(const RuleMeta& m, Level level) {
  return {{"id", m.id},
          {"name", m.name},
          {"shortDescription", {{"text", m.title}}},
          {"fullDescription", {{"text", unwrap(m.why)}}},
          {"help", {{"text", rule_help_text(m)}, {"markdown", rule_help_markdown(m)}}},
          {"defaultConfiguration", {{"level", level_name(level)}}},
          {"properties", {{"tags", m.tags}, {"precision", m.precision}}}};
}

nlohmann::json sarif_unknown_rule(const std::string& id, const std::string& name, Level level) {
  std::string text = name.empty() ? id : name;
  return {{"id", id},
          {"shortDescription", {{"text", text}}},
          {"fullDescription", {{"text", text}}},
          {"help", {{"text", text}}},
          {"defaultConfiguration", {{"level", level_name(level)}}}};
}

}  // namespace og
