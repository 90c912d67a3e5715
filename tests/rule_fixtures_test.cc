// Every rule has metadata, code, and fixture cases that make it fire and keep
// it silent; each case's findings are compared exactly with its expected.txt.
//
// fixtures/rules/OGnnn/<case>/ is a small repository. Case names start with
// "fire-" (at least one finding expected) or "quiet-" (none). expected.txt
// holds one line per finding of that rule:
//   OG101 error path:line:col: message
// Set OOMGUARD_UPDATE_FIXTURES=1 to rewrite expected.txt files (then review
// the diff).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "rules/catalog.h"
#include "rules/engine.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace og;

namespace {

fs::path fixtures_root() { return fs::path(test::source_dir()) / "fixtures" / "rules"; }

std::vector<std::string> read_expected(const fs::path& p) {
  std::vector<std::string> out;
  std::string text = test::read_file(p.string());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t e = text.find('\n', pos);
    if (e == std::string::npos) e = text.size();
    std::string line = text.substr(pos, e - pos);
    if (!line.empty() && line[0] != '#') out.push_back(line);
    pos = e + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool audits_findings(const std::string& id) {
  for (const auto& r : rule_registry())
    if (id == r.id) return r.phase == Phase::Findings;
  return false;
}

// Only the rule under test runs, so a case shows exactly its findings. A rule
// that audits other rules' findings (OG902) runs with every rule enabled, and
// only its own findings are compared.
Config only_rule(const std::string& id, const fs::path& case_dir) {
  Config cfg = default_config();
  fs::path conf = case_dir / ".oomguard.yaml";
  if (fs::exists(conf)) cfg = parse_config(".oomguard.yaml", test::read_file(conf.string()));
  REQUIRE_MESSAGE(cfg.errors.empty(), "config error in " << conf);
  std::string err;
  if (!audits_findings(id)) REQUIRE(apply_select_ignore(&cfg, id, "", &err));
  return cfg;
}

std::vector<std::string> lines_of_rule(const ScanUnit& u, const std::string& id) {
  std::vector<std::string> out;
  for (const auto& l : test::finding_lines(u))
    if (!audits_findings(id) || l.rfind(id + " ", 0) == 0) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("every rule has metadata, code and docs, and nothing else exists") {
  std::vector<std::string> errors;
  const auto& cat = rule_catalog(&errors);
  for (const auto& e : errors) FAIL_CHECK("metadata: " << e);
  std::set<std::string> meta, code;
  for (const auto& m : cat) meta.insert(m.id);
  for (const auto& r : rule_registry()) CHECK_MESSAGE(code.insert(r.id).second, "registered twice: " << r.id);
  CHECK(meta == code);
  CHECK(meta.size() >= 34);
  for (const auto& m : cat) {
    CHECK_MESSAGE(m.name.find("use-") != 0, m.id << " is named after a fix, not the problem");
    for (const auto& p : m.params) CHECK_MESSAGE(!p.description.empty(), m.id << "." << p.name);
  }
}

TEST_CASE("every rule has firing and quiet fixture cases, and every case matches its expected findings") {
  REQUIRE(fs::is_directory(fixtures_root()));
  bool update = std::getenv("OOMGUARD_UPDATE_FIXTURES") != nullptr;
  // Probe verdicts judge measurements, not repositories: tests/probe_verdict_test.cc
  // covers each of them with recorded results. Change rules judge two
  // revisions: tests/probe_change_test.cc (rule) and tests/git_modes_test.cc.
  std::set<std::string> ids;
  for (const auto& r : rule_registry())
    if (runs_in_scan(r.id)) ids.insert(r.id);
  std::set<std::string> dirs;
  for (const auto& d : fs::directory_iterator(fixtures_root())) dirs.insert(d.path().filename().string());
  CHECK_MESSAGE(ids == dirs, "fixtures/rules must have exactly one folder per registered rule");

  for (const auto& id : ids) {
    fs::path rule_dir = fixtures_root() / id;
    int fire = 0, quiet = 0;
    if (!fs::is_directory(rule_dir)) continue;
    std::vector<fs::path> cases;
    for (const auto& c : fs::directory_iterator(rule_dir)) cases.push_back(c.path());
    std::sort(cases.begin(), cases.end());
    for (const auto& c : cases) {
      std::string name = c.filename().string();
      bool is_fire = name.rfind("fire-", 0) == 0, is_quiet = name.rfind("quiet-", 0) == 0;
      CHECK_MESSAGE((is_fire || is_quiet), "case name must start with fire- or quiet-: " << c);
      ScanUnit u = test::scan_dir(c.string(), only_rule(id, c));
      std::vector<std::string> got = lines_of_rule(u, id);
      if (update) {
        std::string text;
        for (const auto& l : got) text += l + "\n";
        test::write_file((c / "expected.txt").string(), text);
      }
      std::vector<std::string> want = read_expected(c / "expected.txt");
      auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& l : v) s += "  " + l + "\n";
        return s;
      };
      CHECK_MESSAGE(got == want, "case " << id << "/" << name << "\ngot:\n" << join(got) << "want:\n" << join(want));
      for (const auto& l : got) CHECK_MESSAGE(l.rfind(id + " ", 0) == 0, "only " << id << " may fire: " << l);
      if (is_fire) { fire++; CHECK_MESSAGE(!got.empty(), id << "/" << name << " should fire"); }
      if (is_quiet) { quiet++; CHECK_MESSAGE(got.empty(), id << "/" << name << " should be quiet"); }
    }
    CHECK_MESSAGE(fire >= 1, id << " has no fire- case");
    CHECK_MESSAGE(quiet >= 1, id << " has no quiet- case");
  }
}
