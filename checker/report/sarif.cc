// SARIF 2.1.0 for GitHub code scanning and SARIF viewers: one run for the
// whole invocation (every scanned root), rules from the catalogue, results
// with related locations linked from the message, line-independent and
// line-hash fingerprints, suppressions, and skipped or unparsable inputs as
// tool notifications.
#include <algorithm>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "report/report.h"
#include "report/sarif_rules.h"
#include "report/sarif_text.h"
#include "report/sarif_uri.h"

namespace og {

namespace {

using nlohmann::json;

// GitHub code scanning's ingestion limits: at most 25,000 results per run and
// 10 locations per result. Past them the upload is rejected, so results past
// the cap are left out (the least severe first) and said so in a
// notification, and only the first 9 related locations (9 + the primary = 10)
// are kept; the message counts the rest.
constexpr size_t kMaxResults = 25000;
constexpr size_t kMaxRelated = 9;
// Snippets are for showing a value in context, not for copying files.
constexpr size_t kMaxSnippetBytes = 2000;

// In SARIF message text "[text](n)" is a link to related location n, so literal
// brackets (and a backslash before one) are escaped with a backslash.
std::string escape_message(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool before_bracket = c == '\\' && i + 1 < s.size() && (s[i + 1] == '[' || s[i + 1] == ']');
    if (c == '[' || c == ']' || before_bracket) out += '\\';
    out += c;
  }
  return out;
}

// 2-space indented; invalid UTF-8 from hostile inputs is replaced, not thrown on.
std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

// A dumped value placed `depth` spaces deep: every line after the first moves right.
std::string indented(const std::string& s, int depth) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out.append(static_cast<size_t>(depth), ' ');
  }
  return out;
}

struct Selected {
  const ScanUnit* unit;
  const Finding* finding;
};

// Every finding in output order, or, past `cap`, the most severe `cap` of
// them (unsuppressed errors, then warnings, notes, suppressed), still in
// output order.
std::vector<Selected> select_results(const ScanOutput& out, size_t cap) {
  std::vector<Selected> all;
  for (const auto& u : out.units)
    for (const auto& f : u.findings) all.push_back({&u, &f});
  if (all.size() <= cap) return all;
  auto rank = [](const Finding& f) { return f.suppression ? 0 : static_cast<int>(f.level); };
  size_t quota[4] = {0, 0, 0, 0};
  for (const auto& s : all) quota[rank(*s.finding)]++;
  size_t room = cap;
  for (int r = 3; r >= 0; --r) {
    quota[r] = std::min(quota[r], room);
    room -= quota[r];
  }
  std::vector<Selected> kept;
  for (const auto& s : all)
    if (quota[rank(*s.finding)] > 0) {
      quota[rank(*s.finding)]--;
      kept.push_back(s);
    }
  return kept;
}

class SarifRun {
 public:
  explicit SarifRun(const ScanOutput& out) : out_(out) {}

  // Streamed like the JSON report: each result is built and written on its
  // own, so 25,000 results never make one giant tree.
  void write(std::ostream& os) {
    std::vector<Selected> selected = select_results(out_, kMaxResults);
    json driver = {{"name", "oomguard"}, {"version", OOMGUARD_VERSION}, {"semanticVersion", OOMGUARD_VERSION}};
    driver["rules"] = rule_descriptors(selected);
    json run = json::object();  // every property of the run but its results
    run["tool"] = {{"driver", std::move(driver)}};
    run["columnKind"] = "utf16CodeUnits";
    run["invocations"] = json::array({invocation(selected.size())});
    if (!out_.sarif_category.empty()) run["automationDetails"] = {{"id", out_.sarif_category}};
    if (!out_.srcroot.empty()) run["originalUriBaseIds"] = {{kSrcRoot, {{"uri", file_uri(out_.srcroot, true)}}}};

    os << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
          "  \"runs\": [\n    {\n";
    for (auto it = run.begin(); it != run.end(); ++it)
      os << "      " << dump(json(it.key())) << ": " << indented(dump(it.value()), 6) << ",\n";
    os << "      \"results\": [";
    for (size_t i = 0; i < selected.size(); ++i)
      os << (i ? ",\n" : "\n") << "        " << indented(dump(result(*selected[i].unit, *selected[i].finding)), 8);
    os << (selected.empty() ? "]" : "\n      ]") << "\n    }\n  ]\n}\n";
  }

 private:
  // tool.driver.rules: every enabled rule, plus any rule a result names (a
  // result's ruleIndex must point at its descriptor), in catalogue order.
  json rule_descriptors(const std::vector<Selected>& selected) {
    std::map<std::string, const Finding*> referenced;
    for (const auto& s : selected) referenced.emplace(s.finding->rule_id, s.finding);
    json rules = json::array();
    auto add = [&](const std::string& id, json descriptor) {
      rule_index_[id] = static_cast<int>(rules.size());
      rules.push_back(std::move(descriptor));
    };
    for (const auto& m : rule_catalog()) {
      auto en = out_.enabled_rules.find(m.id);
      bool enabled = en != out_.enabled_rules.end() && en->second != Level::Off;
      if (enabled) add(m.id, sarif_rule(m, en->second));
      else if (referenced.count(m.id)) add(m.id, sarif_rule(m, m.level));
    }
    for (const auto& [id, f] : referenced)
      if (!rule_index_.count(id)) add(id, sarif_unknown_rule(id, f->rule_name, f->level));
    return rules;
  }

  // Where a unit's file is on disk. A stdin unit has no root: its
  // --stdin-name is taken relative to the working directory.
  std::string path_of(const ScanUnit& u, const std::string& file) const {
    if (!u.root.empty()) return u.root == "/" ? "/" + file : u.root + "/" + file;
    if (file.empty() || file[0] == '/' || out_.cwd.empty()) return file;
    return (std::filesystem::path(out_.cwd) / file).lexically_normal().string();
  }

  const SourceText* text_of(const ScanUnit& u, const std::string& file) const {
    auto it = u.project.inputs.texts.find(file);
    return it == u.project.inputs.texts.end() ? nullptr : it->second.get();
  }

  json artifact(const ScanUnit& u, const std::string& file) const {
    ArtifactUri a = artifact_uri(path_of(u, file), out_.srcroot);
    json j = {{"uri", a.uri}};
    if (!a.base_id.empty()) j["uriBaseId"] = a.base_id;
    return j;
  }

  json region(const ScanUnit& u, const Location& l) const {
    const SourceText* text = text_of(u, l.file);
    if (l.line <= 0) {  // the whole file: GitHub needs a start line
      json r = {{"startLine", 1}};
      if (text) r["endLine"] = text->line_count();
      return r;
    }
    int end_line = std::max(l.end_line, l.line);
    // Without the text (a config file, say) byte columns stand in: the same on ASCII lines.
    auto column = [&](int line, int byte_col) { return text ? utf16_column(text->line(line), byte_col) : byte_col; };
    json r = {{"startLine", l.line}, {"endLine", end_line}};
    if (l.col > 0) r["startColumn"] = column(l.line, l.col);
    if (l.col > 0 && l.end_col > 0) r["endColumn"] = column(end_line, l.end_col);  // both exclusive
    if (text) {
      std::string snippet;
      for (int n = l.line; n <= end_line && snippet.size() <= kMaxSnippetBytes; ++n)
        snippet += std::string(text->line(n)) + (n < end_line ? "\n" : "");
      if (snippet.size() <= kMaxSnippetBytes) r["snippet"] = {{"text", snippet}};
    }
    return r;
  }

  json physical(const ScanUnit& u, const Location& l) const {
    return {{"artifactLocation", artifact(u, l.file)}, {"region", region(u, l)}};
  }

  json location(const ScanUnit& u, const Location& l) const {
    json j = json::object();
    if (l.valid()) j["physicalLocation"] = physical(u, l);
    return j;
  }

  // GitHub's line hash of the primary location's start line, when the file's
  // text is at hand (otherwise the upload action computes it from the file).
  // Findings come sorted by file, so the hashes of the last file hashed are kept.
  const std::string* line_hash(const ScanUnit& u, const Location& l) {
    const SourceText* text = text_of(u, l.file);
    if (!text) return nullptr;
    if (hashed_text_ != text) {
      hashes_ = line_hashes(text->content());
      hashed_text_ = text;
    }
    size_t line = static_cast<size_t>(std::max(l.line, 1));
    return line <= hashes_.size() ? &hashes_[line - 1] : nullptr;
  }

  json result(const ScanUnit& u, const Finding& f) {
    json related = json::array();
    std::string links;
    size_t shown = std::min(f.related.size(), kMaxRelated);
    for (size_t i = 0; i < shown; ++i) {
      const Related& r = f.related[i];
      int id = static_cast<int>(i) + 1;
      json loc = location(u, r.loc);
      loc["id"] = id;
      loc["message"] = {{"text", r.message}};
      related.push_back(std::move(loc));
      links += (i ? "; [" : "[") + escape_message(r.message) + "](" + std::to_string(id) + ")";
    }
    if (f.related.size() > shown) links += "; " + std::to_string(f.related.size() - shown) + " more";
    std::string text = escape_message(f.message);
    if (!links.empty()) text += "\nRelated: " + links;
    if (!f.help.empty()) text += "\nHelp: " + escape_message(f.help);

    json fingerprints = {{"oomguard/v1", f.fingerprint}};
    if (const std::string* h = line_hash(u, f.loc)) fingerprints["primaryLocationLineHash"] = *h;
    json j = {{"ruleId", f.rule_id},
              {"ruleIndex", rule_index_.at(f.rule_id)},
              {"level", level_name(f.level)},
              {"message", {{"text", text}}},
              {"locations", json::array({location(u, f.loc)})},
              {"partialFingerprints", fingerprints}};
    if (!related.empty()) j["relatedLocations"] = related;
    json props = json::object();
    if (!f.workload.empty()) props["workload"] = f.workload;
    if (!f.workload_label.empty()) props["workloadLabel"] = f.workload_label;
    if (!f.setting.empty()) props["setting"] = f.setting;
    if (!props.empty()) j["properties"] = props;
    if (f.suppression) {
      // SARIF knows two kinds: in the source (comment, annotation) or outside it (config).
      json s = {{"kind", f.suppression->kind == "inSource" ? "inSource" : "external"}};
      if (!f.suppression->justification.empty()) s["justification"] = f.suppression->justification;
      if (f.suppression->loc.valid()) s["location"] = location(u, f.suppression->loc);
      j["suppressions"] = json::array({s});
    }
    return j;
  }

  // The scan itself succeeded; inputs it could not read or parse are notes
  // about the run (they are also OG903/OG901 results when those rules are on).
  json invocation(size_t results_kept) const {
    json notes = json::array();
    auto note = [&](const char* level, const std::string& text, json loc) {
      json n = {{"level", level}, {"message", {{"text", text}}}};
      if (!loc.empty()) n["locations"] = json::array({std::move(loc)});
      notes.push_back(std::move(n));
    };
    size_t findings = 0;
    for (const auto& u : out_.units) {
      findings += u.findings.size();
      for (const auto& s : u.project.inputs.skipped)
        note("note", "skipped: " + s.reason, location(u, Location::whole_file(s.path)));
      for (const auto& e : u.project.inputs.unparsable)
        note("warning", "cannot parse: " + e.message, location(u, e.loc));
    }
    if (findings > results_kept)
      note("warning",
           std::to_string(findings - results_kept) + " of " + std::to_string(findings) +
               " results left out: GitHub code scanning accepts at most " + std::to_string(kMaxResults) +
               " per run (the least severe were dropped)",
           json());
    json inv = {{"executionSuccessful", true}};
    if (!out_.cwd.empty()) inv["workingDirectory"] = {{"uri", file_uri(out_.cwd, true)}};
    if (!notes.empty()) inv["toolExecutionNotifications"] = notes;
    return inv;
  }

  const ScanOutput& out_;
  std::map<std::string, int> rule_index_;
  const SourceText* hashed_text_ = nullptr;
  std::vector<std::string> hashes_;
};

}  // namespace

void write_sarif(std::ostream& os, const ScanOutput& out, const WriteOptions&) { SarifRun(out).write(os); }

}  // namespace og
