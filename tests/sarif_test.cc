// SARIF output: unit tests of its parts (URIs, GitHub's line hash, UTF-16
// columns) and of write_sarif on hand-built scan results; then an end-to-end
// suite that writes SARIF for the demo, every rule fixture case, an empty
// directory, awkward file names, stdin and a suppressed finding, and runs
// both official validators over all of it (ci/validate-sarif, once).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "report/report.h"
#include "report/sarif_text.h"
#include "report/sarif_uri.h"
#include "rules/catalog.h"
#include "rules/engine.h"
#include "test_support.h"

using nlohmann::json;
using og::Finding;
using og::Level;
using og::Location;
using og::ScanOutput;
using og::ScanUnit;
namespace fs = std::filesystem;

namespace {

const char* kPod = R"(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app  # ünïcode before the value
      image: example/app
      env:
        - name: GOMEMLIMIT
          value: 512Mi
      resources:
        limits:
          memory: 1Gi
)";

Finding finding(const std::string& rule, Level level, Location loc, const std::string& message) {
  Finding f;
  f.rule_id = rule;
  const og::RuleMeta* m = og::find_rule(rule);
  f.rule_name = m ? m->name : "unknown";
  f.level = level;
  f.message = message;
  f.help = "write GOMEMLIMIT=512MiB";
  f.loc = std::move(loc);
  f.workload = "k8s:pod.yaml#default/Pod/p/container/app";
  f.workload_label = "Pod p container app";
  f.setting = "GOMEMLIMIT";
  f.fingerprint = og::stable_hash(rule + message);
  return f;
}

// One unit rooted at /repo/sub with pod.yaml read, a whole-file finding, a
// finding with related locations, a suppressed one, a skipped and an
// unparsable input; srcroot /repo.
ScanOutput sample() {
  ScanOutput out;
  out.cwd = "/repo";
  out.srcroot = "/repo";
  out.enabled_rules = {{"OG101", Level::Error}, {"OG103", Level::Warning}, {"OG104", Level::Off}};
  ScanUnit u;
  u.root = "/repo/sub";
  u.project.inputs.texts["pod.yaml"] = std::make_shared<og::SourceText>(kPod);
  u.project.inputs.skipped.push_back({"huge.yaml", "larger than 4194304 bytes"});
  u.project.inputs.unparsable.push_back({Location::at("broken.yaml", 3, 1, 2), "mapping values are not allowed"});

  Finding malformed = finding("OG101", Level::Error, Location::at("pod.yaml", 11, 18, 23), "GOMEMLIMIT=512Mi [sic]");
  malformed.related.push_back({Location::at("pod.yaml", 14, 19, 22), "memory limit 1Gi"});
  malformed.related.push_back({Location::at("pod.yaml", 7, 15, 18), "container [app]"});
  u.findings.push_back(malformed);

  Finding suppressed = finding("OG103", Level::Warning, Location::at("pod.yaml", 11, 18, 23), "not below the limit");
  suppressed.suppression = og::Suppression{"inSource", "load-tested at 1Gi", Location::at("pod.yaml", 10, 11, 40)};
  u.findings.push_back(suppressed);

  // OG903 is not in enabled_rules: its descriptor must still be there.
  u.findings.push_back(finding("OG903", Level::Note, Location::whole_file("huge.yaml"), "skipped"));
  out.units.push_back(std::move(u));
  return out;
}

json sarif_of(const ScanOutput& out) {
  std::ostringstream os;
  og::write_sarif(os, out, og::WriteOptions{});
  return json::parse(os.str());
}

json result_for(const json& run, const std::string& rule) {
  for (const auto& r : run["results"])
    if (r["ruleId"] == rule) return r;
  FAIL("no result for " << rule);
  return json();
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct Command {
  int status = -1;
  std::string output;
};

// Runs a command through the shell with each argument quoted; stdout and stderr together.
Command run(const std::vector<std::string>& argv) {
  std::string cmd;
  for (const auto& a : argv) cmd += quote(a) + " ";
  cmd += "2>&1";
  Command r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_SUITE("sarif") {
  TEST_CASE("paths are percent-encoded as RFC 3986 URI references") {
    CHECK(og::percent_encode_path("deploy/k8s/api.yaml") == "deploy/k8s/api.yaml");
    CHECK(og::percent_encode_path("AZaz09-._~/") == "AZaz09-._~/");
    CHECK(og::percent_encode_path("my dir/pod #1?.yaml") == "my%20dir/pod%20%231%3F.yaml");
    CHECK(og::percent_encode_path("100%.yaml") == "100%25.yaml");
    CHECK(og::percent_encode_path("ü") == "%C3%BC");
    CHECK(og::percent_encode_path("c:x[1]") == "c%3Ax%5B1%5D");  // no scheme, no brackets
    CHECK(og::file_uri("/work/my repo", true) == "file:///work/my%20repo/");
    CHECK(og::file_uri("/work/repo/", true) == "file:///work/repo/");
    CHECK(og::file_uri("/a/b.yaml") == "file:///a/b.yaml");
    CHECK(og::file_uri("/", true) == "file:///");

    auto a = og::artifact_uri("/repo/sub/a b.yaml", "/repo");
    CHECK(a.uri == "sub/a%20b.yaml");
    CHECK(a.base_id == "%SRCROOT%");
    a = og::artifact_uri("/etc/x.yaml", "/");
    CHECK(a.uri == "etc/x.yaml");
    CHECK(a.base_id == "%SRCROOT%");
    a = og::artifact_uri("/repository/x.yaml", "/repo");  // a prefix of the name is not a parent
    CHECK(a.uri == "file:///repository/x.yaml");
    CHECK(a.base_id.empty());
    a = og::artifact_uri("rendered chart.yaml", "");
    CHECK(a.uri == "rendered%20chart.yaml");
    CHECK(a.base_id.empty());
  }

  TEST_CASE("primaryLocationLineHash matches codeql-action's own test vectors (src/fingerprints.test.ts)") {
    using V = std::vector<std::string>;
    CHECK(og::line_hashes("") == V{"c129715d7a2bc9a3:1"});
    CHECK(og::line_hashes(" a\nb\n  \t\tc\n d") ==
          V{"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"});
    CHECK(og::line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End") ==
          V{"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
            "b86d3392aea1be30:1", "e6ceba753e1a442:1"});
    V with_newline{"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
                   "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"};
    // every line ending the action normalises: LF, CR, CRLF, mixed
    CHECK(og::line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n") == with_newline);
    CHECK(og::line_hashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r") == with_newline);
    CHECK(og::line_hashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n") == with_newline);
    CHECK(og::line_hashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n") == with_newline);
    // identical lines are told apart by their occurrence count
    std::string lorem;
    for (int i = 0; i < 10; ++i) lorem += "Lorem ipsum dolor sit amet.\n";
    CHECK(og::line_hashes(lorem) ==
          V{"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
            "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
            "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"});
    // non-ASCII is hashed as UTF-16 code units: one unit for é, two for an emoji,
    // and invalid bytes as U+FFFD, so they differ from one another and from ASCII
    auto first = [](const std::string& s) { return og::line_hashes(s)[0]; };
    CHECK(first("\xC3\xA9") != first("e"));
    CHECK(first("\xF0\x9F\x98\x80") != first("\xC3\xA9"));
    CHECK(first("\xFF") == first("\xEF\xBF\xBD"));  // a lone bad byte reads as U+FFFD
    CHECK(og::line_hashes("a\nb\n").size() == 3);
  }

  TEST_CASE("byte columns become UTF-16 columns") {
    CHECK(og::utf16_column("value: x", 8) == 8);
    CHECK(og::utf16_column("\xC3\xBC: x", 5) == 4);              // ü is 2 bytes, 1 unit
    CHECK(og::utf16_column("\xE2\x82\xAC x", 5) == 3);           // € is 3 bytes, 1 unit
    CHECK(og::utf16_column("\xF0\x9F\x98\x80 x", 6) == 4);       // an emoji is 4 bytes, 2 units
    CHECK(og::utf16_column("ab", 3) == 3);                       // one past the end
    CHECK(og::utf16_column("ab", 5) == 5);                       // past it: a unit per byte
    CHECK(og::utf16_column("", 1) == 1);
  }

  TEST_CASE("run, tool and rule descriptors") {
    json s = sarif_of(sample());
    CHECK(s["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
    CHECK(s["version"] == "2.1.0");
    REQUIRE(s["runs"].size() == 1);
    const json& run = s["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "oomguard");
    CHECK(run["tool"]["driver"]["version"] == OOMGUARD_VERSION);
    CHECK(run["tool"]["driver"]["semanticVersion"] == OOMGUARD_VERSION);
    CHECK(run["automationDetails"]["id"] == "oomguard/");
    CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///repo/");
    CHECK(run["invocations"][0]["executionSuccessful"] == true);
    CHECK(run["invocations"][0]["workingDirectory"]["uri"] == "file:///repo/");

    // the enabled rules in catalogue order, plus OG903 which a result names; not OG104 (off)
    std::vector<std::string> ids;
    for (const auto& r : run["tool"]["driver"]["rules"]) ids.push_back(r["id"]);
    CHECK(ids == std::vector<std::string>{"OG101", "OG103", "OG903"});
    const json& og101 = run["tool"]["driver"]["rules"][0];
    const og::RuleMeta* m = og::find_rule("OG101");
    REQUIRE(m);
    CHECK(og101["name"] == m->name);
    CHECK(og101["shortDescription"]["text"] == m->title);
    CHECK(og101["defaultConfiguration"]["level"] == "error");
    CHECK(og101["properties"]["precision"] == m->precision);
    CHECK(og101["properties"]["tags"].get<std::vector<std::string>>() == m->tags);
    CHECK_FALSE(og101["properties"].contains("security-severity"));
    std::string md = og101["help"]["markdown"];
    CHECK(md.find("```\n" + m->example_bad) != std::string::npos);
    CHECK(md.find("**Fix:**") != std::string::npos);
    CHECK(og101["help"]["text"].get<std::string>().find("Fires on:") != std::string::npos);
    CHECK(run["tool"]["driver"]["rules"][1]["defaultConfiguration"]["level"] == "warning");

    for (const auto& r : run["results"]) {
      int i = r["ruleIndex"];
      CHECK(run["tool"]["driver"]["rules"][i]["id"] == r["ruleId"]);
    }
  }

  TEST_CASE("results: location, region, snippet, fingerprints, properties") {
    json run = sarif_of(sample())["runs"][0];
    REQUIRE(run["results"].size() == 3);
    json r = result_for(run, "OG101");
    CHECK(r["level"] == "error");
    const json& pl = r["locations"][0]["physicalLocation"];
    CHECK(pl["artifactLocation"]["uri"] == "sub/pod.yaml");
    CHECK(pl["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(pl["region"]["startLine"] == 11);
    CHECK(pl["region"]["startColumn"] == 18);
    CHECK(pl["region"]["endLine"] == 11);
    CHECK(pl["region"]["endColumn"] == 23);
    CHECK(pl["region"]["snippet"]["text"] == "          value: 512Mi");
    CHECK(r["partialFingerprints"]["oomguard/v1"] == og::stable_hash("OG101GOMEMLIMIT=512Mi [sic]"));
    CHECK(r["partialFingerprints"]["primaryLocationLineHash"] == og::line_hashes(kPod)[10]);
    CHECK(r["properties"]["workload"] == "k8s:pod.yaml#default/Pod/p/container/app");
    CHECK(r["properties"]["workloadLabel"] == "Pod p container app");
    CHECK(r["properties"]["setting"] == "GOMEMLIMIT");
    CHECK_FALSE(r.contains("suppressions"));
  }

  TEST_CASE("related locations have ids and the message links to them") {
    json run = sarif_of(sample())["runs"][0];
    json r = result_for(run, "OG101");
    REQUIRE(r["relatedLocations"].size() == 2);
    CHECK(r["relatedLocations"][0]["id"] == 1);
    CHECK(r["relatedLocations"][0]["message"]["text"] == "memory limit 1Gi");
    CHECK(r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 14);
    CHECK(r["relatedLocations"][1]["id"] == 2);
    // line 7 has ü before the value: 2 bytes, 1 UTF-16 unit
    CHECK(r["relatedLocations"][1]["physicalLocation"]["region"]["startColumn"] == 15);
    json run_kind = run["columnKind"];
    CHECK(run_kind == "utf16CodeUnits");
    // literal brackets are escaped so only the links read as links
    CHECK(r["message"]["text"] ==
          "GOMEMLIMIT=512Mi \\[sic\\]\nRelated: [memory limit 1Gi](1); [container \\[app\\]](2)\n"
          "Help: write GOMEMLIMIT=512MiB");
  }

  TEST_CASE("at most 9 related locations (GitHub: 10 locations per result)") {
    ScanOutput out = sample();
    Finding& f = out.units[0].findings[0];
    f.related.clear();
    for (int i = 1; i <= 12; ++i) f.related.push_back({Location::at("pod.yaml", i, 1, 2), "line " + std::to_string(i)});
    json r = result_for(sarif_of(out)["runs"][0], "OG101");
    CHECK(r["relatedLocations"].size() == 9);
    CHECK(r["relatedLocations"][8]["id"] == 9);
    std::string text = r["message"]["text"];
    CHECK(text.find("[line 9](9); 3 more") != std::string::npos);
    CHECK(text.find("(10)") == std::string::npos);
  }

  TEST_CASE("a whole-file location still has startLine 1") {
    json run = sarif_of(sample())["runs"][0];
    json r = result_for(run, "OG903");
    const json& region = r["locations"][0]["physicalLocation"]["region"];
    CHECK(region["startLine"] == 1);
    CHECK_FALSE(region.contains("startColumn"));
    CHECK(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/huge.yaml");
    CHECK_FALSE(r["partialFingerprints"].contains("primaryLocationLineHash"));  // no text: the action computes it
    // with the text at hand, the region spans the file
    ScanOutput out = sample();
    out.units[0].findings[2].loc = Location::whole_file("pod.yaml");
    json whole = result_for(sarif_of(out)["runs"][0], "OG903");
    CHECK(whole["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
    CHECK(whole["locations"][0]["physicalLocation"]["region"]["endLine"] == 14);
    CHECK(whole["partialFingerprints"]["primaryLocationLineHash"] == og::line_hashes(kPod)[0]);
  }

  TEST_CASE("a suppressed finding stays, with suppressions[]") {
    json r = result_for(sarif_of(sample())["runs"][0], "OG103");
    REQUIRE(r["suppressions"].size() == 1);
    const json& s = r["suppressions"][0];
    CHECK(s["kind"] == "inSource");
    CHECK(s["justification"] == "load-tested at 1Gi");
    CHECK(s["location"]["physicalLocation"]["artifactLocation"]["uri"] == "sub/pod.yaml");
    CHECK(s["location"]["physicalLocation"]["region"]["startLine"] == 10);

    ScanOutput out = sample();
    out.units[0].findings[1].suppression = og::Suppression{"external", "", Location()};
    json e = result_for(sarif_of(out)["runs"][0], "OG103")["suppressions"][0];
    CHECK(e["kind"] == "external");
    CHECK_FALSE(e.contains("justification"));
    CHECK_FALSE(e.contains("location"));
  }

  TEST_CASE("skipped and unparsable inputs are tool notifications") {
    json notes = sarif_of(sample())["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    REQUIRE(notes.size() == 2);
    CHECK(notes[0]["level"] == "note");
    CHECK(notes[0]["message"]["text"] == "skipped: larger than 4194304 bytes");
    CHECK(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/huge.yaml");
    CHECK(notes[1]["level"] == "warning");
    CHECK(notes[1]["message"]["text"] == "cannot parse: mapping values are not allowed");
    CHECK(notes[1]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3);
  }

  TEST_CASE("files outside the source root, stdin, and no source root") {
    ScanOutput out = sample();
    out.srcroot = "/elsewhere";
    json run = sarif_of(out)["runs"][0];
    CHECK(result_for(run, "OG101")["locations"][0]["physicalLocation"]["artifactLocation"] ==
          json{{"uri", "file:///repo/sub/pod.yaml"}});

    out = sample();
    out.units[0].root = "";  // stdin: the name is relative to the working directory
    for (auto& f : out.units[0].findings) f.loc.file = "chart/rendered.yaml";
    run = sarif_of(out)["runs"][0];
    CHECK(result_for(run, "OG101")["locations"][0]["physicalLocation"]["artifactLocation"] ==
          json{{"uri", "chart/rendered.yaml"}, {"uriBaseId", "%SRCROOT%"}});

    out.srcroot = "";
    out.cwd = "";
    run = sarif_of(out)["runs"][0];
    CHECK_FALSE(run.contains("originalUriBaseIds"));
    CHECK(result_for(run, "OG101")["locations"][0]["physicalLocation"]["artifactLocation"] ==
          json{{"uri", "chart/rendered.yaml"}});
  }

  TEST_CASE("output is deterministic and survives invalid UTF-8") {
    ScanOutput out = sample();
    out.units[0].findings[0].message = "bad \xFF\xFE bytes";
    std::ostringstream a, b;
    og::write_sarif(a, out, og::WriteOptions{});
    og::write_sarif(b, out, og::WriteOptions{});
    CHECK(a.str() == b.str());
    CHECK(a.str().find("bad \xEF\xBF\xBD\xEF\xBF\xBD bytes") != std::string::npos);
  }

  TEST_CASE("past 25,000 results the least severe are left out, and the run says so") {
    ScanOutput out = sample();
    auto& findings = out.units[0].findings;
    findings.clear();
    Finding note = finding("OG903", Level::Note, Location(), "n");
    for (int i = 0; i < 25000; ++i) {
      note.loc = Location::whole_file("f" + std::to_string(i));
      findings.push_back(note);
    }
    findings.push_back(finding("OG101", Level::Error, Location::at("pod.yaml", 11, 18, 23), "kept"));
    std::ostringstream os;
    og::write_sarif(os, out, og::WriteOptions{});
    const std::string s = os.str();  // 15 MB: searched, not parsed
    size_t results = 0;
    for (size_t p = s.find("\"ruleId\": "); p != std::string::npos; p = s.find("\"ruleId\": ", p + 1)) results++;
    CHECK(results == 25000);
    CHECK(s.find("\"uri\": \"sub/f24998\"") != std::string::npos);  // the notes in output order...
    CHECK(s.find("\"uri\": \"sub/f24999\"") == std::string::npos);  // ...but the last one left out
    CHECK(s.rfind("\"ruleId\": ") == s.rfind("\"ruleId\": \"OG101\""));  // the error kept, still last
    CHECK(s.find("\"text\": \"1 of 25001 results left out") != std::string::npos);
  }
}

TEST_SUITE("e2e-sarif") {
  TEST_CASE("every SARIF oomguard writes passes the JSON schema and the SARIF multitool (GitHub rules)") {
    const std::string src = og::test::source_dir();
    const std::string dir = og::test::temp_dir("sarif");
    std::vector<std::string> files;
    auto scan = [&](const std::string& name, std::vector<std::string> args, const std::string& cwd,
                    const std::string& stdin_data = "") {
      std::string file = dir + "/out/" + name + ".sarif";
      for (const char* a : {"--format", "sarif", "--fail-on", "never", "--output"}) args.push_back(a);
      args.push_back(file);
      auto r = og::test::run_oomguard(args, cwd, stdin_data);
      CHECK_MESSAGE(r.status == 0, name << ": " << r.err);
      files.push_back(file);
      return json::parse(og::test::read_file(file));
    };
    fs::create_directories(dir + "/out");

    // the demo: as many results as the JSON report has findings
    json demo = scan("demo", {"scan", "fixtures/demo"}, src);
    auto r = og::test::run_oomguard({"scan", "fixtures/demo", "--format", "json"}, src);
    CHECK(demo["runs"][0]["results"].size() == json::parse(r.out)["findings"].size());
    CHECK(demo["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
              .get<std::string>()
              .rfind("fixtures/demo/", 0) == 0);

    // every rule fixture case, all in one invocation (one unit each): the
    // multitool spends about a second on every file, so one file, not 250
    std::vector<std::string> cases{"scan"};
    for (const auto& rule : fs::directory_iterator(src + "/fixtures/rules"))
      for (const auto& c : fs::directory_iterator(rule.path()))
        if (c.is_directory()) cases.push_back(c.path().string());
    std::sort(cases.begin() + 1, cases.end());
    REQUIRE(cases.size() > 68);
    json fixtures = scan("fixtures", cases, src);
    std::set<std::string> fired;
    for (const auto& res : fixtures["runs"][0]["results"]) fired.insert(res["ruleId"].get<std::string>());
    for (const auto& m : og::rule_catalog())  // probe verdicts and change rules do not fire on fixtures
      if (og::runs_in_scan(m.id)) CHECK_MESSAGE(fired.count(m.id), m.id << " has no result");

    // an empty directory: no results, still a valid run
    std::string empty = og::test::temp_dir("sarif-empty");
    CHECK(scan("empty", {"scan", "."}, empty)["runs"][0]["results"].empty());

    // file names with spaces, non-ASCII, '#', '%' and '?': outside any git work
    // tree, so %SRCROOT% is the working directory
    std::string names = og::test::temp_dir("sarif names \xC3\xBC");
    og::test::write_file(names + "/dir \xC3\xBC/pod #1 (\xC3\xBC).yaml", kPod);
    og::test::write_file(names + "/100% ok?.yaml", kPod);
    json odd = scan("names", {"scan", "."}, names);
    std::set<std::string> uris;
    for (const auto& res : odd["runs"][0]["results"])
      uris.insert(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>());
    CHECK(uris.count("dir%20%C3%BC/pod%20%231%20%28%C3%BC%29.yaml") == 1);
    CHECK(uris.count("100%25%20ok%3F.yaml") == 1);
    CHECK(odd["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] ==
          og::file_uri(fs::canonical(names).string(), true));

    // stdin, and several roots in one invocation (one run)
    scan("stdin", {"scan", "-", "--stdin-name", "chart/rendered.yaml"}, names, kPod);
    json both = scan("two-roots", {"scan", src + "/fixtures/demo", names}, src);
    CHECK(both["runs"].size() == 1);
    CHECK(both["runs"][0]["results"].size() == demo["runs"][0]["results"].size() + odd["runs"][0]["results"].size());

    // a suppressed finding, written by the library
    {
      std::ofstream os(dir + "/out/suppressed.sarif");
      og::write_sarif(os, sample(), og::WriteOptions{});
      files.push_back(dir + "/out/suppressed.sarif");
    }

    std::vector<std::string> argv{src + "/ci/validate-sarif"};
    argv.insert(argv.end(), files.begin(), files.end());
    Command v = run(argv);
    if (v.status == 77) {  // the validators are not installed: the script says "SKIPPED: why"
      MESSAGE(v.output);
      return;
    }
    CHECK_MESSAGE(v.status == 0, "ci/validate-sarif failed:\n" << v.output);
    // one "ok" line per file
    size_t ok = 0;
    for (size_t p = v.output.find("ok   "); p != std::string::npos; p = v.output.find("ok   ", p + 1)) ok++;
    CHECK(ok == files.size());
  }
}
