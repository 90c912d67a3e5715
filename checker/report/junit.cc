// JUnit XML, for CI systems that count tests (Jenkins, GitLab, Azure DevOps):
//   <testsuites name="oomguard">            totals
//     <testsuite name="OG103 name">          one per enabled rule, by id
//       <testcase classname="OG103 name" name="WORKLOAD LABEL" file="PATH">
// Every workload is a testcase of every enabled rule, passing when the rule
// found nothing there, so the CI shows how much was checked and not only what
// failed. A finding outside any workload (a file that could not be read) is a
// testcase named after its file, for its rule only.
//
// A testcase with unsuppressed findings has one <failure> (type = the highest
// level) whose body lists them all with location, help and related locations.
// A testcase whose findings are all suppressed is <skipped>: the check was
// silenced rather than passed. Suppressed findings are never listed in a
// failure. No timestamps or durations: the report is reproducible.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "report/common.h"
#include "report/report.h"
#include "rules/catalog.h"

namespace og {

namespace {

struct Results {
  std::vector<const Finding*> failed, suppressed;
};

struct Subject {
  std::string name, file;  // testcase name and file attribute
};

// One unit's testcase subjects (its workloads, then findings outside them)
// and each rule's results by subject index.
struct UnitCases {
  size_t workloads = 0;
  std::vector<Subject> subjects;
  std::map<std::string, std::map<size_t, Results>> by_rule;

  UnitCases(const ScanOutput& out, const ScanUnit& u) {
    std::unordered_map<std::string, size_t> index;
    for (const auto& w : u.project.workloads) {
      index.emplace(w.id(), subjects.size());
      subjects.push_back({w.label(), out.display_path(u, w.file)});
    }
    workloads = subjects.size();
    for (const auto& f : u.findings) {
      std::string key = f.workload.empty() ? "file:" + f.loc.file : f.workload;
      auto [it, added] = index.emplace(key, subjects.size());
      if (added) {
        std::string path = out.display_path(u, f.loc.file);
        subjects.push_back({f.workload.empty() || f.workload_label.empty() ? path : f.workload_label, path});
      }
      Results& r = by_rule[f.rule_id][it->second];
      (f.suppression ? r.suppressed : r.failed).push_back(&f);
    }
  }

  // Subject indexes that are testcases of `rule`: every workload, and the
  // other subjects the rule reported on.
  std::vector<size_t> cases(const std::string& rule) const {
    std::vector<size_t> v(workloads);
    for (size_t i = 0; i < workloads; ++i) v[i] = i;
    auto it = by_rule.find(rule);
    if (it != by_rule.end())
      for (const auto& [i, r] : it->second)
        if (i >= workloads) v.push_back(i);
    return v;
  }

  const Results* results(const std::string& rule, size_t i) const {
    auto it = by_rule.find(rule);
    if (it == by_rule.end()) return nullptr;
    auto r = it->second.find(i);
    return r == it->second.end() ? nullptr : &r->second;
  }
};

struct Tally {
  int tests = 0, failures = 0, skipped = 0;
  void add(const Results* r) {
    tests++;
    if (r && !r->failed.empty()) failures++;
    else if (r && !r->suppressed.empty()) skipped++;
  }
};

std::string counts(const Tally& t) {
  return "tests=\"" + std::to_string(t.tests) + "\" failures=\"" + std::to_string(t.failures) +
         "\" errors=\"0\" skipped=\"" + std::to_string(t.skipped) + "\"";
}

std::string attr(std::string_view s) { return xml_escape(s, true); }

void write_failure(std::ostream& os, const ScanOutput& out, const ScanUnit& u, const Results& r) {
  Level top = Level::Note;
  for (const Finding* f : r.failed) top = std::max(top, f->level);
  const Finding& first = *r.failed.front();
  std::string message = r.failed.size() == 1 ? first.message
                                             : std::to_string(r.failed.size()) + " findings, first: " + first.message;
  std::string body;
  for (const Finding* f : r.failed) {
    if (!body.empty()) body += "\n";
    body += location_text(out, u, f->loc) + ": " + level_name(f->level) + ": " + f->message + "\n";
    if (!f->help.empty()) body += "  help: " + f->help + "\n";
    for (const auto& rel : f->related) body += "  related: " + rel.message + " at " + location_text(out, u, rel.loc) + "\n";
  }
  os << "      <failure message=\"" << attr(message) << "\" type=\"" << level_name(top) << "\">"
     << xml_escape(body, false) << "</failure>\n";
}

void write_skipped(std::ostream& os, const Results& r) {
  const Suppression& s = *r.suppressed.front()->suppression;
  std::string message = r.suppressed.size() > 1 ? std::to_string(r.suppressed.size()) + " findings suppressed"
                        : s.justification.empty() ? "suppressed"
                                                  : "suppressed: " + s.justification;
  os << "      <skipped message=\"" << attr(message) << "\"/>\n";
}

}  // namespace

void write_junit(std::ostream& os, const ScanOutput& out, const WriteOptions&) {
  // Enabled rules, and any rule with findings: a failure is never dropped
  // because the rule list and the findings disagree.
  std::map<std::string, std::string> rules;  // id -> "ID name"
  for (const auto& [id, level] : out.enabled_rules)
    if (level != Level::Off) rules.emplace(id, "");
  for (const auto& u : out.units)
    for (const auto& f : u.findings) rules.emplace(f.rule_id, "");
  for (auto& [id, title] : rules) {
    const RuleMeta* m = find_rule(id);
    title = m ? id + " " + m->name : id;
  }

  std::vector<UnitCases> units;
  for (const auto& u : out.units) units.emplace_back(out, u);
  std::map<std::string, Tally> per_rule;
  Tally total;
  for (const auto& [id, title] : rules)
    for (const auto& uc : units)
      for (size_t i : uc.cases(id)) {
        per_rule[id].add(uc.results(id, i));
        total.add(uc.results(id, i));
      }

  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"oomguard\" " << counts(total) << ">\n";
  for (const auto& [id, title] : rules) {
    std::string classname = attr(title);
    os << "  <testsuite name=\"" << classname << "\" " << counts(per_rule[id]) << ">\n";
    for (size_t k = 0; k < units.size(); ++k)
      for (size_t i : units[k].cases(id)) {
        const Subject& s = units[k].subjects[i];
        os << "    <testcase classname=\"" << classname << "\" name=\"" << attr(s.name) << "\" file=\"" << attr(s.file)
           << "\"";
        const Results* r = units[k].results(id, i);
        if (!r) {  // the rule found nothing here: passed
          os << "/>\n";
          continue;
        }
        os << ">\n";
        if (!r->failed.empty()) write_failure(os, out, out.units[k], *r);
        else write_skipped(os, *r);
        os << "    </testcase>\n";
      }
    os << "  </testsuite>\n";
  }
  os << "</testsuites>\n";
}

}  // namespace og
