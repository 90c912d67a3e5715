// Suppressions: comment parsing, placement, annotation and config entries,
// and what a suppressed finding carries. OG902's findings are pinned by the
// fixtures in fixtures/rules/OG902.
#include <doctest/doctest.h>

#include "fake_filesystem.h"
#include "suppress/suppressions.h"
#include "test_support.h"
#include "util/source_text.h"

using namespace og;

namespace {

std::vector<SuppressionEntry> parse(const std::string& text) {
  return parse_inline_suppressions("f.yaml", SourceText(text));
}

const Finding* find(const ScanUnit& u, const std::string& rule) {
  for (const auto& f : u.findings)
    if (f.rule_id == rule) return &f;
  return nullptr;
}

const char* kPod =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: x\n"
    "    env:\n    - name: GOMEMLIMIT\n      value: 512Mi%s\n    resources:\n      limits: {memory: 1Gi}\n";

std::string pod(const std::string& trailing) {
  char buf[1024];
  std::snprintf(buf, sizeof buf, kPod, trailing.c_str());
  return buf;
}

}  // namespace

TEST_SUITE("suppress") {
  TEST_CASE("a trailing comment applies to its own line, a comment line to the next code line") {
    auto e = parse("a: 1  # oomguard: ignore[OG101] why\n\n# other comment\n# oomguard: ignore[OG104,OG207] r\n\nb: 2\n");
    REQUIRE(e.size() == 2);
    CHECK(e[0].source == SuppressionEntry::Source::Line);
    CHECK(e[0].target_line == 1);
    CHECK(e[0].rules == std::vector<std::string>{"OG101"});
    CHECK(e[0].reason == "why");
    CHECK(test::span(e[0].loc) == "1:7-1:36");
    CHECK(e[1].target_line == 6);  // blank and comment lines are skipped
    CHECK(e[1].rules == std::vector<std::string>{"OG104", "OG207"});
  }

  TEST_CASE("rule names are accepted, unknown names kept, CRLF and spaces tolerated") {
    auto e = parse("#   oomguard:   ignore[ gogc-off-unbounded , OG9999 ]  reason text \r\nx: 1\r\n");
    REQUIRE(e.size() == 1);
    CHECK(e[0].rules == std::vector<std::string>{"OG107"});
    CHECK(e[0].unknown == std::vector<std::string>{"OG9999"});
    CHECK(e[0].reason == "reason text");
    CHECK(e[0].target_line == 2);
  }

  TEST_CASE("ignore-file applies to the whole file wherever it is") {
    auto e = parse("x: 1\n# oomguard: ignore-file[OG201] generated\n");
    REQUIRE(e.size() == 1);
    CHECK(e[0].source == SuppressionEntry::Source::File);
    CHECK(e[0].file == "f.yaml");
  }

  TEST_CASE("malformed directives are kept (for OG902) and suppress nothing") {
    auto e = parse("# oomguard: ignore OG101\n# oomguard: ignore[OG101\n# oomguard: ignore[]\n# oomguard: nolint\n");
    REQUIRE(e.size() == 4);
    for (const auto& x : e) CHECK_FALSE(x.malformed.empty());
  }

  TEST_CASE("the marker outside a comment is not a suppression") {
    CHECK(parse("note: \"see oomguard: ignore[OG1]\"\nargs: [\"x#oomguard: ignore[OG1]\"]\n").empty());
    CHECK(parse("oomguard: ignore[OG101]\n").empty());
  }

  TEST_CASE("a suppressed finding stays, marked, with its justification and location") {
    test::FakeFileSystem fs;
    fs.files["pod.yaml"] = pod("  # oomguard: ignore[OG101] patched runtime");
    ScanUnit u = test::scan_fake(fs.files, default_config());
    const Finding* f = find(u, "OG101");
    REQUIRE(f);
    REQUIRE(f->suppression);
    CHECK(f->suppression->kind == "inSource");
    CHECK(f->suppression->justification == "patched runtime");
    CHECK(test::span(f->suppression->loc) == "11:21-11:62");
    CHECK(find(u, "OG902") == nullptr);
  }

  TEST_CASE("annotation on the pod template suppresses every container's finding; reason from ignore-reason") {
    test::FakeFileSystem fs;
    fs.files["d.yaml"] =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    metadata:\n"
        "      annotations:\n        oomguard.io/ignore: OG101\n        oomguard.io/ignore-reason: tested\n"
        "    spec:\n      containers:\n      - name: a\n        image: x\n        env: [{name: GOMEMLIMIT, value: 1Gb}]\n"
        "      - name: b\n        image: x\n        env: [{name: GOMEMLIMIT, value: 2Gb}]\n";
    ScanUnit u = test::scan_fake(fs.files, default_config());
    int suppressed = 0;
    for (const auto& f : u.findings)
      if (f.rule_id == "OG101") {
        REQUIRE(f.suppression);
        CHECK(f.suppression->justification == "tested");
        CHECK(test::span(f.suppression->loc) == "8:29-8:34");
        suppressed++;
      }
    CHECK(suppressed == 2);
    CHECK(find(u, "OG902") == nullptr);
  }

  TEST_CASE("config entries: rules, paths, workload glob, expiry") {
    test::FakeFileSystem fs;
    fs.files["a/pod.yaml"] = pod("");
    auto with = [&](const std::string& entry) {
      Config c = parse_config(".oomguard.yaml", "ignore:\n" + entry);
      REQUIRE_MESSAGE(c.errors.empty(), (c.errors.empty() ? "" : c.errors[0].message));
      return test::scan_fake(fs.files, c);
    };
    auto suppressed = [&](const ScanUnit& u) {
      const Finding* f = find(u, "OG101");
      return f && f->suppression && f->suppression->kind == "external";
    };
    CHECK(suppressed(with("  - rules: [OG101]\n    reason: r\n")));
    CHECK(suppressed(with("  - rules: gomemlimit-malformed\n    paths: ['a/*']\n")));
    CHECK_FALSE(suppressed(with("  - rules: [OG101]\n    paths: ['b/*']\n")));
    CHECK(suppressed(with("  - rules: [OG101]\n    workload: '*#default/Pod/api/*'\n")));
    CHECK(suppressed(with("  - rules: [OG101]\n    workload: 'Pod default/api container *'\n")));
    CHECK_FALSE(suppressed(with("  - rules: [OG101]\n    workload: '*/worker/*'\n")));
    CHECK(suppressed(with("  - rules: [OG101]\n    expires: 2999-01-01\n")));
    ScanUnit expired = with("  - rules: [OG101]\n    expires: 2000-02-29\n");
    CHECK_FALSE(suppressed(expired));
    const Finding* og902 = find(expired, "OG902");
    REQUIRE(og902);
    CHECK(og902->message == "suppression of OG101 expired on 2000-02-29: those findings are reported again");
    CHECK(og902->loc.file == ".oomguard.yaml");
  }

  TEST_CASE("config mistakes are located errors") {
    auto errs = [](const std::string& text) {
      std::vector<std::string> out;
      for (const auto& e : parse_config(".oomguard.yaml", text).errors)
        out.push_back(std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + " " + e.message);
      return test::lines(out);
    };
    CHECK(errs("ignore:\n  - rules: [OG999]\n") == "[2:12 ignore: unknown rule 'OG999' (see `oomguard rules`)]");
    CHECK(errs("ignore:\n  - rules: [OG101]\n    expires: 2023-02-29\n") ==
          "[3:14 ignore.expires must be a date YYYY-MM-DD]");
    CHECK(errs("ignore:\n  - paths: [x]\n") == "[2:5 an ignore entry needs `rules:` (rule IDs or names)]");
    CHECK(errs("ignore:\n  - rules: [OG101]\n    path: x\n") ==
          "[3:5 unknown key 'path' in an ignore entry (known: rules, paths, workload, reason, expires)]");
    CHECK(errs("ignore: {}\n") == "[1:9 ignore must be a list of entries]");
    CHECK(errs("suppressions: {require_reason: yes}\n") == "[1:32 suppressions.require_reason must be true or false]");
  }

  TEST_CASE("a suppression of a rule that did not run is not stale") {
    test::FakeFileSystem fs;
    fs.files["pod.yaml"] = pod("") + "# oomguard: ignore-file[OG104] tuned by hand\n";
    Config c = default_config();
    std::string err;
    REQUIRE(apply_select_ignore(&c, "OG101,OG902", "", &err));
    CHECK(find(test::scan_fake(fs.files, c), "OG902") == nullptr);
    ScanUnit all = test::scan_fake(fs.files, default_config());
    const Finding* f = find(all, "OG902");
    REQUIRE(f);
    CHECK(f->message == "suppression of OG104 suppresses nothing in this file");
  }

  TEST_CASE("a suppression of a probe verdict or a change rule is not stale in a scan (they never run there)") {
    test::FakeFileSystem fs;
    fs.files["pod.yaml"] = pod("") + "# oomguard: ignore-file[OG501, OG508] known, see ticket\n";
    const Finding* f = find(test::scan_fake(fs.files, default_config()), "OG902");
    CHECK(f == nullptr);
    fs.files["pod.yaml"] = pod("") + "# oomguard: ignore-file[OG501, OG104] known, see ticket\n";
    ScanUnit u = test::scan_fake(fs.files, default_config());
    f = find(u, "OG902");
    REQUIRE(f);
    CHECK(f->message == "suppression of OG104 suppresses nothing in this file");
  }
}

TEST_SUITE("e2e-suppress") {
  TEST_CASE("suppressed findings do not fail the scan and are counted") {
    std::string dir = test::temp_dir("suppress-exit");
    test::write_file(dir + "/pod.yaml", pod("  # oomguard: ignore[OG101] patched runtime"));
    auto r = test::run_oomguard({"scan", dir, "--no-color"});
    CHECK(r.status == 0);
    CHECK(r.out.find("No findings") != std::string::npos);
    CHECK(r.out.find("1 suppressed finding not shown.") != std::string::npos);
    test::write_file(dir + "/pod.yaml", pod(""));
    CHECK(test::run_oomguard({"scan", dir, "--no-color"}).status == 1);
  }
}
