// The CI-facing output formats (github, junit, gitlab, markdown): unit tests
// on hand-built scan results (escaping, suppression, mappings), then the
// demo's reports pinned in tests/golden/demo.* and --output FORMAT=PATH.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "report/common.h"
#include "report/report.h"
#include "test_support.h"

using og::Finding;
using og::Level;
using og::Location;
using og::ScanOutput;
using og::ScanUnit;
using og::test::run_oomguard;

namespace {

og::Workload workload(const std::string& file, const std::string& name) {
  og::Workload w;
  w.kind = og::Workload::Kind::K8sContainer;
  w.file = file;
  w.object_kind = "Deployment";
  w.ns = "shop";
  w.name = name;
  w.container = name;
  return w;
}

Finding finding(const std::string& rule, Level level, const std::string& message, Location loc,
                const og::Workload* w = nullptr) {
  Finding f;
  f.rule_id = rule;
  f.rule_name = rule == "OG103" ? "gomemlimit-not-below-limit" : "some-rule";
  f.level = level;
  f.message = message;
  f.loc = std::move(loc);
  if (w) {
    f.workload = w->id();
    f.workload_label = w->label();
  }
  f.fingerprint = og::make_fingerprint(rule, f.workload, "GOMEMLIMIT", f.loc.file);
  return f;
}

og::Suppression suppression(const std::string& why) { return {"inSource", why, Location::at("a.yaml", 1, 1, 2)}; }

// One unit rooted at /repo/svc, scanned from there, in the git repository /repo.
ScanOutput output(std::vector<Finding> findings, std::vector<og::Workload> workloads = {}) {
  ScanOutput out;
  out.cwd = "/repo/svc";
  out.srcroot = "/repo";
  ScanUnit u;
  u.root = "/repo/svc";
  u.project.workloads = std::move(workloads);
  u.findings = std::move(findings);
  u.files_read = 3;
  out.units.push_back(std::move(u));
  return out;
}

std::string render(og::Writer w, const ScanOutput& out) {
  std::ostringstream os;
  w(os, out, {});
  return os.str();
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_SUITE("formats") {
  TEST_CASE("valid_utf8 replaces each maximal ill-formed subpart with U+FFFD") {
    const std::string r = "\xEF\xBF\xBD";
    CHECK(og::valid_utf8("plain \xC3\xA9 \xF0\x9F\x98\x80") == "plain \xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(og::valid_utf8("a\xFF" "b") == "a" + r + "b");
    CHECK(og::valid_utf8("\xC0\xAF") == r + r);              // overlong
    CHECK(og::valid_utf8("\xED\xA0\x80") == r + r + r);      // surrogate
    CHECK(og::valid_utf8("\xF4\x90\x80\x80") == r + r + r + r);  // beyond U+10FFFF
    CHECK(og::valid_utf8("x\xE2\x82") == "x" + r);           // truncated: one replacement
    CHECK(og::valid_utf8("\xE2\x82" "A") == r + "A");
  }

  TEST_CASE("xml_escape: markup, forbidden characters, attribute whitespace") {
    CHECK(og::xml_escape("a<b>&\"c\"'d'", true) == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
    CHECK(og::xml_escape("a<b>&\"c\"'d'", false) == "a&lt;b&gt;&amp;\"c\"'d'");
    CHECK(og::xml_escape("x\x01y\x1Bz\x7F", false) == "x\xEF\xBF\xBDy\xEF\xBF\xBDz\x7F");
    CHECK(og::xml_escape("\xEF\xBF\xBF\xEF\xBF\xBE\xEF\xBF\xBD", false) == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(og::xml_escape("l1\nl2\tx\r", true) == "l1&#10;l2&#9;x&#13;");
    CHECK(og::xml_escape("l1\nl2\tx\r", false) == "l1\nl2\tx&#13;");
    CHECK(og::xml_escape("bad\xFF", false) == "bad\xEF\xBF\xBD");
  }

  TEST_CASE("github: one workflow command per finding, escaped as actions/toolkit does") {
    og::Workload w = workload("dir,x/a:b.yaml", "api");
    Finding f = finding("OG103", Level::Error, "100% of\r\nlimit: a, b", Location::at("dir,x/a:b.yaml", 3, 5, 9), &w);
    f.help = "set 90%";
    f.related.push_back({Location::at("dir,x/a:b.yaml", 7, 2, 4), "limit, here"});
    std::string s = render(og::write_github, output({f}, {w}));
    CHECK(s ==
          "::error file=dir%2Cx/a%3Ab.yaml,line=3,col=5,endLine=3,endColumn=9,"
          "title=OG103 gomemlimit-not-below-limit::100%25 of%0D%0Alimit: a, b \xE2\x80\x94 help: set 90%25"
          "%0Arelated: limit, here at dir,x/a:b.yaml:7:2"
          "%0Aworkload: Deployment shop/api container api\n");
  }

  TEST_CASE("github: levels, spans, control bytes; suppressed findings left out") {
    Location multi = Location::at("m.yaml", 4, 3, 2);
    multi.end_line = 6;
    Finding hidden = finding("OG104", Level::Error, "hidden", Location::at("h.yaml", 1, 1, 2));
    hidden.suppression = suppression("known");
    std::string s = render(og::write_github,
                           output({finding("OG901", Level::Warning, "unreadable", Location::whole_file("w.yaml")),
                                   finding("OG207", Level::Note, "spans", multi), hidden,
                                   finding("OG101", Level::Error, "red \x1b[31m\xFF", Location::at("c.yaml", 2, 4, 4))}));
    CHECK(s ==
          "::warning file=w.yaml,line=1,title=OG901 some-rule::unreadable\n"
          "::notice file=m.yaml,line=4,endLine=6,title=OG207 some-rule::spans\n"
          "::error file=c.yaml,line=2,col=4,title=OG101 some-rule::red \xEF\xBF\xBD[31m\xEF\xBF\xBD\n");
  }

  TEST_CASE("junit: every workload x enabled rule is a testcase; failures, skips and escaping") {
    og::Workload api = workload("api.yaml", "api"), web = workload("web.yaml", "web");
    Finding bad = finding("OG103", Level::Error, "GOMEMLIMIT <x> & \"y\" 'z'\x01\xFF", Location::at("api.yaml", 2, 3, 4), &api);
    bad.help = "fix <it>";
    bad.related.push_back({Location::at("api.yaml", 9, 1, 2), "limit & more"});
    Finding second = finding("OG103", Level::Warning, "second", Location::at("api.yaml", 5, 1, 2), &api);
    Finding quiet = finding("OG101", Level::Error, "quiet", Location::at("web.yaml", 1, 1, 2), &web);
    quiet.suppression = suppression("legacy <ok>");
    Finding file_level = finding("OG901", Level::Warning, "not read", Location::whole_file("bin.yaml"));
    ScanOutput out = output({bad, second, quiet, file_level}, {api, web});
    out.enabled_rules = {{"OG101", Level::Error}, {"OG103", Level::Error}, {"OG104", Level::Off}, {"OG901", Level::Warning}};
    std::string s = render(og::write_junit, out);

    // 3 rules x 2 workloads + the unreadable file's testcase for OG901
    CHECK(contains(s, "<testsuites name=\"oomguard\" tests=\"7\" failures=\"2\" errors=\"0\" skipped=\"1\">"));
    CHECK(contains(s, "<testsuite name=\"OG103 gomemlimit-not-below-limit\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">"));
    CHECK(!contains(s, "OG104"));  // off
    CHECK(contains(s, "<testcase classname=\"OG103 gomemlimit-not-below-limit\" name=\"Deployment shop/web container web\" file=\"web.yaml\"/>"));
    CHECK(contains(s, "<failure message=\"2 findings, first: GOMEMLIMIT &lt;x&gt; &amp; &quot;y&quot; &apos;z&apos;\xEF\xBF\xBD\xEF\xBF\xBD\" type=\"error\">"
                      "api.yaml:2:3: error: GOMEMLIMIT &lt;x&gt; &amp; \"y\" 'z'\xEF\xBF\xBD\xEF\xBF\xBD\n"
                      "  help: fix &lt;it&gt;\n"
                      "  related: limit &amp; more at api.yaml:9:1\n"
                      "\napi.yaml:5:1: warning: second\n</failure>"));
    CHECK(contains(s, "<skipped message=\"suppressed: legacy &lt;ok&gt;\"/>"));
    CHECK(contains(s, "name=\"bin.yaml\" file=\"bin.yaml\">\n      <failure message=\"not read\" type=\"warning\">"));
    // well-formed text: valid UTF-8 and no control bytes besides newline
    CHECK(og::valid_utf8(s) == s);
    CHECK(std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n'; }));
  }

  TEST_CASE("gitlab: Code Quality items parse, map severities, use repository paths and unique fingerprints") {
    og::Workload w = workload("k8s/api.yaml", "api");
    Finding a = finding("OG103", Level::Error, "first", Location::at("k8s/api.yaml", 3, 1, 4), &w);
    Finding b = finding("OG103", Level::Warning, "same fingerprint", Location::at("k8s/api.yaml", 8, 1, 4), &w);
    Finding c = finding("OG901", Level::Note, "bytes \xFF", Location::whole_file("bin.yaml"));
    c.help = "remove it";
    Finding hidden = finding("OG104", Level::Error, "hidden", Location::at("k8s/api.yaml", 1, 1, 2), &w);
    hidden.suppression = suppression("");
    REQUIRE(a.fingerprint == b.fingerprint);
    auto j = nlohmann::json::parse(render(og::write_gitlab, output({a, b, c, hidden}, {w})));
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 3);
    std::set<std::string> fingerprints;
    for (const auto& item : j) fingerprints.insert(item["fingerprint"].get<std::string>());
    CHECK(fingerprints.size() == 3);
    CHECK(j[0]["fingerprint"] == a.fingerprint);  // the first keeps the finding's own
    CHECK(j[0]["check_name"] == "OG103");
    CHECK(j[0]["severity"] == "critical");
    CHECK(j[1]["severity"] == "major");
    CHECK(j[2]["severity"] == "minor");
    CHECK(j[0]["description"] == "first \xE2\x80\x94 workload: Deployment shop/api container api");
    CHECK(j[2]["description"] == "bytes \xEF\xBF\xBD \xE2\x80\x94 help: remove it");
    CHECK(j[0]["location"]["path"] == "svc/k8s/api.yaml");  // relative to the repository, not the cwd
    CHECK(j[0]["location"]["lines"]["begin"] == 3);
    CHECK(j[2]["location"]["lines"]["begin"] == 1);  // whole file
    CHECK(render(og::write_gitlab, output({})) == "[]\n");
  }

  TEST_CASE("markdown: verdict, escaped cells, errors first, suppressed only counted") {
    Finding note = finding("OG207", Level::Note, "a | b\nnext *x*", Location::at("p|q.yaml", 4, 1, 2));
    Finding err = finding("OG103", Level::Error, "<stdin> is `odd`", Location::whole_file("e.yaml"));
    err.help = "use [x]";
    Finding hidden = finding("OG104", Level::Warning, "hidden text", Location::at("h.yaml", 1, 1, 2));
    hidden.suppression = suppression("");
    ScanOutput out = output({note, err, hidden});
    out.units[0].baselined = 2;
    out.units[0].fixed.push_back(finding("OG101", Level::Error, "was bad", Location::at("f.yaml", 3, 1, 2)));
    std::string s = render(og::write_markdown, out);
    CHECK(s ==
          "## oomguard\n\n"
          "**Found 2 findings** (1 error, 0 warnings, 1 note) in 0 workloads from 3 files; "
          "1 suppressed, 2 already in the baseline, 1 fixed.\n\n"
          "| Level | Rule | Location | Workload | Message |\n| --- | --- | --- | --- | --- |\n"
          "| error | OG103 gomemlimit-not-below-limit | `e.yaml` | \xE2\x80\x94 | "
          "\\<stdin\\> is \\`odd\\`<br>help: use \\[x\\] |\n"
          "| note | OG207 some-rule | `p\\|q.yaml:4` | \xE2\x80\x94 | a \\| b<br>next \\*x\\* |\n"
          "\n### Fixed\n\n- OG101 some-rule: was bad (`f.yaml:3`)\n");
  }

  TEST_CASE("markdown: no findings, modes, code spans holding backticks, row limit") {
    ScanOutput none = output({});
    none.mode = "diff-base";
    none.units[0].baselined = 1;
    CHECK(render(og::write_markdown, none) ==
          "## oomguard: changes since the base revision\n\n"
          "**No findings** in 0 workloads from 3 files; 1 already in the base revision.\n");

    std::vector<Finding> many;
    for (int i = 0; i < 205; ++i)
      many.push_back(finding("OG207", Level::Note, "n" + std::to_string(i), Location::at("a`b.yaml", i + 1, 1, 2)));
    many.push_back(finding("OG103", Level::Error, "the error", Location::at("a`b.yaml", 999, 1, 2)));
    ScanOutput out = output(many);
    out.mode = "staged";
    std::string s = render(og::write_markdown, out);
    CHECK(s.rfind("## oomguard: staged changes\n", 0) == 0);
    CHECK(contains(s, "| --- |\n| error | OG103 gomemlimit-not-below-limit | ``a`b.yaml:999`` |"));
    CHECK(contains(s, "| n198 |\n\n... and 6 more\n"));
    CHECK(!contains(s, "| n199 |"));
  }
}

namespace {

std::string golden_path(const std::string& name) { return og::test::source_dir() + "/tests/golden/" + name; }

// The demo's report in `format`, compared with (or, with
// OOMGUARD_UPDATE_FIXTURES set, written to) tests/golden/NAME.
void check_golden(const std::string& format, const std::string& name) {
  auto r = run_oomguard({"scan", "fixtures/demo", "--format", format}, og::test::source_dir());
  CHECK(r.status == 1);
  CHECK(r.err.empty());
  if (std::getenv("OOMGUARD_UPDATE_FIXTURES")) og::test::write_file(golden_path(name), r.out);
  CHECK(r.out == og::test::read_file(golden_path(name)));
}

}  // namespace

TEST_SUITE("e2e-formats") {
  TEST_CASE("the demo's github annotations are pinned (tests/golden/demo.github.txt)") {
    check_golden("github", "demo.github.txt");
  }
  TEST_CASE("the demo's JUnit report is pinned (tests/golden/demo.junit.xml)") {
    check_golden("junit", "demo.junit.xml");
  }
  TEST_CASE("the demo's GitLab Code Quality report is pinned (tests/golden/demo.gitlab.json)") {
    check_golden("gitlab", "demo.gitlab.json");
    auto j = nlohmann::json::parse(og::test::read_file(golden_path("demo.gitlab.json")));
    std::set<std::string> fingerprints;
    for (const auto& item : j) fingerprints.insert(item["fingerprint"].get<std::string>());
    CHECK(fingerprints.size() == j.size());
  }
  TEST_CASE("the demo's markdown summary is pinned (tests/golden/demo.md)") {
    check_golden("markdown", "demo.md");
  }

  TEST_CASE("--output FORMAT=PATH, given several times, writes every format") {
    std::string d = og::test::temp_dir("formats-output");
    auto r = run_oomguard({"scan", "fixtures/demo", "--format", "github", "--output", "junit=" + d + "/r.xml",
                           "--output", "gitlab=" + d + "/r.json", "--output", "markdown=" + d + "/r.md"},
                          og::test::source_dir());
    CHECK(r.status == 1);
    CHECK(r.out == og::test::read_file(golden_path("demo.github.txt")));
    CHECK(og::test::read_file(d + "/r.xml") == og::test::read_file(golden_path("demo.junit.xml")));
    CHECK(og::test::read_file(d + "/r.json") == og::test::read_file(golden_path("demo.gitlab.json")));
    CHECK(og::test::read_file(d + "/r.md") == og::test::read_file(golden_path("demo.md")));

    // --output FILE redirects --format; FORMAT=PATH still adds its own file
    r = run_oomguard({"scan", "fixtures/demo", "--format", "markdown", "--output", d + "/main.md", "--output",
                      "github=" + d + "/gh.txt"},
                     og::test::source_dir());
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(og::test::read_file(d + "/main.md") == og::test::read_file(golden_path("demo.md")));
    CHECK(og::test::read_file(d + "/gh.txt") == og::test::read_file(golden_path("demo.github.txt")));
  }
}
