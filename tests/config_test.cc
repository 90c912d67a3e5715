// Tests for checker/config (.oomguard.yaml, --select/--ignore) and
// checker/discover (which files are inputs, excludes, reading them through a
// FileSystem). Config mistakes are errors with exact line:col.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "config/config.h"
#include "discover/discover.h"
#include "fake_filesystem.h"

using og::Config;
using og::Level;

namespace {

// Joins lines for readable CHECK output (doctest prints vectors as {?}).
std::string lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " | ") + x;
  return "[" + s + "]";
}

std::string span(const og::Location& l) {
  return std::to_string(l.line) + ":" + std::to_string(l.col) + "-" + std::to_string(l.end_line) + ":" +
         std::to_string(l.end_col);
}

// "line:col message" of every config error.
std::vector<std::string> errors(const Config& c) {
  std::vector<std::string> out;
  for (const auto& e : c.errors) out.push_back(std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + " " + e.message);
  return out;
}

Config parse(const std::string& text) { return og::parse_config(".oomguard.yaml", text); }

Level level_of(const Config& c, const std::string& id) { return c.selection.rules.at(id).level; }
double param_of(const Config& c, const std::string& id, const std::string& p) {
  return c.selection.rules.at(id).params.at(p);
}

// Rule IDs whose level is not Off.
std::vector<std::string> enabled(const Config& c) {
  std::vector<std::string> out;
  for (const auto& [id, s] : c.selection.rules)
    if (s.level != Level::Off) out.push_back(id);
  return out;
}

std::vector<std::string> paths(const std::vector<og::SourceFile>& v) {
  std::vector<std::string> out;
  for (const auto& f : v) out.push_back(f.path);
  return out;
}

std::vector<std::string> skipped(const og::Discovery& d) {
  std::vector<std::string> out;
  for (const auto& s : d.skipped) out.push_back(s.path + ": " + s.reason);
  return out;
}

}  // namespace

TEST_SUITE("config") {
  // ------------------------------------------------------------ parse_config

  TEST_CASE("an empty config is the catalogue defaults") {
    Config c = parse("");
    CHECK(c.path == ".oomguard.yaml");
    CHECK(c.errors.empty());
    CHECK(level_of(c, "OG101") == Level::Error);
    CHECK(level_of(c, "OG104") == Level::Warning);
    CHECK(level_of(c, "OG207") == Level::Note);
    CHECK(param_of(c, "OG104", "max_ratio") == doctest::Approx(0.90));
    CHECK(param_of(c, "OG112", "min_bytes") == doctest::Approx(32.0 * 1024 * 1024));
    CHECK(lines(c.excludes) == lines({"**/vendor/", "**/third_party/"}));  // vendored code, at any depth
    CHECK(lines(og::default_config().excludes) == lines(c.excludes));
    CHECK(c.resolve.images.empty());
    CHECK(c.resolve.go_image_patterns.empty());
    CHECK(og::default_config().path == "");
  }

  TEST_CASE("levels: every level, as a shorthand scalar or under `level:`") {
    Config c = parse("rules:\n  OG104: error\n  OG207: off\n  OG101: note\n  OG105: warning\n"
                     "  OG106: {level: off}\n");
    CHECK(errors(c).empty());
    CHECK(level_of(c, "OG104") == Level::Error);
    CHECK(level_of(c, "OG207") == Level::Off);
    CHECK(level_of(c, "OG101") == Level::Note);
    CHECK(level_of(c, "OG105") == Level::Warning);
    CHECK(level_of(c, "OG106") == Level::Off);
    CHECK(level_of(c, "OG107") == Level::Error);  // untouched
  }

  TEST_CASE("levels: an unknown level is located at the value") {
    Config c = parse("rules:\n  OG104: fatal\n  OG105:\n    level: Error\n  OG106: false\n");
    CHECK(lines(errors(c)) == lines({"2:10 level must be off, note, warning or error",
                                                "4:12 level must be off, note, warning or error",
                                                "5:10 level must be off, note, warning or error"}));
    CHECK(level_of(c, "OG104") == Level::Warning);  // unchanged
    CHECK(level_of(c, "OG105") == Level::Note);
  }

  TEST_CASE("params by type: ratio, int, bytes") {
    Config c = parse("rules:\n  OG104: {level: note, max_ratio: 0.8}\n  OG105: {min_ratio: 1}\n"
                     "  OG110: {min_gogc: 10}\n  OG112: {min_bytes: 32MiB}\n"
                     "  OG206: {min_k8s_bytes: 32Mi, min_docker_bytes: 1048576}\n  OG903: {max_file_bytes: 1GiB}\n");
    CHECK(errors(c).empty());
    CHECK(level_of(c, "OG104") == Level::Note);
    CHECK(param_of(c, "OG104", "max_ratio") == doctest::Approx(0.8));
    CHECK(param_of(c, "OG105", "min_ratio") == doctest::Approx(1.0));
    CHECK(param_of(c, "OG110", "min_gogc") == doctest::Approx(10));
    CHECK(param_of(c, "OG112", "min_bytes") == doctest::Approx(33554432.0));
    CHECK(param_of(c, "OG206", "min_k8s_bytes") == doctest::Approx(33554432.0));
    CHECK(param_of(c, "OG206", "min_docker_bytes") == doctest::Approx(1048576.0));
    CHECK(param_of(c, "OG903", "max_file_bytes") == doctest::Approx(1073741824.0));
    CHECK(param_of(c, "OG111", "max_gogc") == doctest::Approx(200));  // default kept
  }

  TEST_CASE("params: bad values are located errors and leave the default") {
    Config c = parse("rules:\n  OG104:\n    max_ratio: 0\n  OG105: {min_ratio: 1.5}\n  OG207: {min_request_ratio: abc}\n"
                     "  OG110: {min_gogc: 10.5}\n  OG111: {max_gogc: [1]}\n  OG112: {min_bytes: 32MB}\n"
                     "  OG206: {min_k8s_bytes: 512m, min_docker_bytes: -1}\n");
    CHECK(lines(errors(c)) == lines({
                           "3:16 bad value for OG104.max_ratio: expected ratio",
                           "4:22 bad value for OG105.min_ratio: expected ratio",
                           "5:30 bad value for OG207.min_request_ratio: expected ratio",
                           "6:21 bad value for OG110.min_gogc: expected int",
                           "7:21 bad value for OG111.max_gogc: expected int",
                           "8:22 bad value for OG112.min_bytes: expected bytes",
                           "9:26 bad value for OG206.min_k8s_bytes: expected bytes",
                           "9:50 bad value for OG206.min_docker_bytes: expected bytes",
                       }));
    CHECK(param_of(c, "OG104", "max_ratio") == doctest::Approx(0.90));
    CHECK(param_of(c, "OG110", "min_gogc") == doctest::Approx(25));
    CHECK(param_of(c, "OG112", "min_bytes") == doctest::Approx(33554432.0));
  }

  TEST_CASE("params: a ratio of nan is not in (0,1]") {
    // Regression (fixed): parse_param() tests `v <= 0 || v > 1`, which is false for NaN, so
    // strtod's "nan" is accepted as a ratio.
    Config c = parse("rules:\n  OG104: {max_ratio: nan}\n");
    CHECK(lines(errors(c)) == lines({"2:22 bad value for OG104.max_ratio: expected ratio"}));
  }

  TEST_CASE("unknown top-level key, rule and setting: exact line:col") {
    Config c = parse("rules:\n  OG104: {max_ratio: 0.8, max_ration: 0.7}\n  OG999: error\n  OG101:\n    min: 1\n"
                     "excludes: [x]\n");
    CHECK(lines(errors(c)) == lines({
                           "2:27 unknown setting 'max_ration' for OG104 (known: level, max_ratio)",
                           "3:3 unknown rule ID 'OG999' (see `oomguard rules`)",
                           "5:5 unknown setting 'min' for OG101 (it has only `level`)",
                           "6:1 unknown key 'excludes' (known: rules, exclude, default_excludes, images, go_images, ignore, suppressions, probes)",
                       }));
    CHECK(param_of(c, "OG104", "max_ratio") == doctest::Approx(0.8));  // the valid part still applies
    CHECK(c.selection.rules.count("OG999") == 0);
    for (const auto& e : c.errors) CHECK(e.loc.file == ".oomguard.yaml");
  }

  TEST_CASE("shape errors: rules not a map, settings neither level nor map, root not a map") {
    Config a = parse("rules: [OG101]\n");
    CHECK(lines(errors(a)) == lines({"1:8 rules must be a mapping of rule IDs"}));
    Config b = parse("rules:\n  OG101: [error]\n  OG102:\n");
    CHECK(lines(errors(b)) == lines({"2:10 rule settings must be a level or a mapping",
                                                "3:9 rule settings must be a level or a mapping"}));
    Config c = parse("- rules\n");
    CHECK(lines(errors(c)) == lines({"1:1 the config must be a mapping"}));
  }

  TEST_CASE("a YAML syntax error is the config's only error") {
    Config c = parse("rules:\n  OG104: [error\n");
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].message.rfind("invalid YAML: ", 0) == 0);
    CHECK(c.errors[0].loc.line == 2);  // end of input: the end of the last line
    CHECK(c.errors[0].loc.col == 16);
    CHECK(level_of(c, "OG104") == Level::Warning);
  }

  TEST_CASE("a multi-document config is an error at the second document") {
    Config c = parse("rules:\n  OG104: error\n---\nexclude: [x]\n");
    CHECK(lines(errors(c)) == lines({"4:1 the config must be a single YAML document"}));
    CHECK(level_of(c, "OG104") == Level::Error);  // the first document is still read
    CHECK(lines(c.excludes) == lines({"**/vendor/", "**/third_party/"}));  // the second is not
  }

  TEST_CASE("exclude: a list of strings") {
    Config c = parse("exclude:\n  - vendor/\n  - '*.gen.yaml'\n");
    CHECK(errors(c).empty());
    CHECK(lines(c.excludes) == lines({"**/vendor/", "**/third_party/", "vendor/", "*.gen.yaml"}));
    Config bad = parse("exclude: vendor/\n");
    CHECK(lines(errors(bad)) == lines({"1:10 exclude must be a list of strings"}));
    Config mixed = parse("exclude: [a, {b: c}, d]\n");
    CHECK(lines(errors(mixed)) == lines({"1:14 exclude entries must be strings"}));
    CHECK(lines(mixed.excludes) == lines({"**/vendor/", "**/third_party/", "a", "d"}));
  }

  TEST_CASE("default_excludes: false drops the vendor/ and third_party/ defaults, in any key order") {
    Config off = parse("exclude: [a]\ndefault_excludes: false\n");
    CHECK(errors(off).empty());
    CHECK(lines(off.excludes) == lines({"a"}));
    Config on = parse("default_excludes: true\n");
    CHECK(lines(on.excludes) == lines({"**/vendor/", "**/third_party/"}));
    Config bad = parse("default_excludes: no\n");
    CHECK(lines(errors(bad)) == lines({"1:19 default_excludes must be true or false"}));
  }

  TEST_CASE("images: image name -> Dockerfile path or directory") {
    Config c = parse("images:\n  reg/api: services/api\n  reg/web:1: web/Dockerfile\n");
    CHECK(errors(c).empty());
    CHECK(c.resolve.images ==
          std::map<std::string, std::string>{{"reg/api", "services/api"}, {"reg/web:1", "web/Dockerfile"}});
    CHECK(c.resolve.images_loc.line == 2);
    CHECK(c.resolve.images_loc.col == 3);
    Config bad = parse("images: [a]\n");
    CHECK(lines(errors(bad)) == lines({"1:9 images must map image names to Dockerfile paths or directories"}));
    Config entry = parse("images:\n  ok: d\n  bad: [x]\n");
    CHECK(lines(errors(entry)) == lines({"3:3 images entries must be `image: path`"}));
    CHECK(entry.resolve.images == std::map<std::string, std::string>{{"ok", "d"}});
  }

  TEST_CASE("go_images: valid RE2 patterns are kept; an invalid one is an error") {
    Config c = parse("go_images:\n  - '^reg/go-.*'\n  - 'distroless/static'\n");
    CHECK(errors(c).empty());
    CHECK(lines(c.resolve.go_image_patterns) == lines({"^reg/go-.*", "distroless/static"}));
    Config bad = parse("go_images:\n  - ok\n  - '(unclosed'\n");
    REQUIRE(bad.errors.size() == 1);
    CHECK(bad.errors[0].message.rfind("go_images: invalid RE2 pattern '(unclosed': ", 0) == 0);
    CHECK(lines(bad.resolve.go_image_patterns) == lines({"ok"}));
    Config lookahead = parse("go_images: ['(?=x)']\n");  // PCRE-only syntax
    CHECK(lookahead.errors.size() == 1);
    CHECK(lookahead.resolve.go_image_patterns.empty());
  }

  TEST_CASE("go_images: an invalid pattern is located at its own entry") {
    // Regression (fixed): parse_config() reports the RE2 error at the go_images list node
    // (line 2, the first entry), not at the bad entry on line 3.
    Config bad = parse("go_images:\n  - ok\n  - '(unclosed'\n");
    REQUIRE(bad.errors.size() == 1);
    CHECK(span(bad.errors[0].loc) == "3:5-3:16");
  }

  // ------------------------------------------------------ apply_select_ignore

  TEST_CASE("--select with IDs keeps only those rules, at their configured level") {
    Config c = parse("rules: {OG104: error}\n");
    std::string err;
    REQUIRE(og::apply_select_ignore(&c, "OG104, OG207", "", &err));
    CHECK(lines(enabled(c)) == lines({"OG104", "OG207"}));
    CHECK(level_of(c, "OG104") == Level::Error);
    CHECK(level_of(c, "OG207") == Level::Note);
  }

  TEST_CASE("--select with a prefix and --ignore with an ID") {
    Config c = og::default_config();
    std::string err;
    REQUIRE(og::apply_select_ignore(&c, "OG1", "OG104,OG113", &err));
    std::vector<std::string> e = enabled(c);
    CHECK(lines(e) == lines({"OG101", "OG102", "OG103", "OG105", "OG106", "OG107", "OG108", "OG109",
                                        "OG110", "OG111", "OG112", "OG114", "OG115"}));
  }

  TEST_CASE("--select and --ignore accept rule names") {
    Config c = og::default_config();
    std::string err;
    REQUIRE(og::apply_select_ignore(&c, "gomemlimit-malformed,memory-request-ratio-low", "memory-request-ratio-low",
                                    &err));
    CHECK(lines(enabled(c)) == lines({"OG101"}));
  }

  TEST_CASE("--ignore alone turns off just those rules; empty items are ignored") {
    Config c = og::default_config();
    size_t before = enabled(c).size();
    std::string err;
    REQUIRE(og::apply_select_ignore(&c, " , ", "OG2, ,OG901", &err));
    std::vector<std::string> e = enabled(c);
    CHECK(e.size() == before - 10);  // OG201..OG209 and OG901
    CHECK(level_of(c, "OG201") == Level::Off);
    CHECK(level_of(c, "OG901") == Level::Off);
    CHECK(level_of(c, "OG903") == Level::Note);
    CHECK(level_of(c, "OG101") == Level::Error);
  }

  TEST_CASE("a rule turned off in the config stays off when selected") {
    Config c = parse("rules: {OG104: off}\n");
    std::string err;
    REQUIRE(og::apply_select_ignore(&c, "OG104,OG105", "", &err));
    CHECK(lines(enabled(c)) == lines({"OG105"}));
  }

  TEST_CASE("unknown IDs, prefixes and names are errors and change nothing") {
    for (const auto& [sel, ign, bad] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"OG999", "", "OG999"}, {"", "OG6", "OG6"}, {"OG101,nonsense", "", "nonsense"}, {"og101", "", "og101"}}) {
      CAPTURE(sel);
      CAPTURE(ign);
      Config c = og::default_config();
      std::string err;
      CHECK_FALSE(og::apply_select_ignore(&c, sel, ign, &err));
      CHECK(err == "unknown rule ID or prefix '" + bad + "'");
      CHECK(enabled(c).size() == og::default_config().selection.rules.size());
    }
  }
}  // TEST_SUITE

TEST_SUITE("config") {
  // ----------------------------------------------------------- classify_path

  TEST_CASE("classify_path: every input name pattern") {
    using namespace og;
    struct Case { const char* path; unsigned kinds; };
    const Case cases[] = {
        {"Dockerfile", kDockerfile},
        {"svc/api/Dockerfile", kDockerfile},
        {"Containerfile", kDockerfile},
        {"x.Dockerfile", kDockerfile},
        {"build/api.dockerfile", kDockerfile},
        {"Dockerfile.dev", kDockerfile},
        {"Containerfile.prod", kDockerfile},
        {".env", kEnvFile},
        {"deploy/prod.env", kEnvFile},
        {".env.local", kEnvFile},
        {"k8s/deploy.yaml", kYaml | kScript},
        {"compose.yml", kYaml | kScript},
        {".github/workflows/CI.YML", kYaml | kScript},
        {"k8s/pod.json", kJson},
        {"Makefile", kScript},
        {"GNUmakefile", kScript},
        {"mk/rules.mk", kScript},
        {"scripts/run.sh", kScript},
        {"run.bash", kScript},
        {"Jenkinsfile", kScript},
        {"go.mod", kGoMod},
        {"cmd/tool/go.mod", kGoMod},
    };
    for (const auto& c : cases) {
      CAPTURE(c.path);
      CHECK(classify_path(c.path) == c.kinds);
    }
  }

  TEST_CASE("classify_path: non-inputs") {
    for (const char* p : {"main.go", "go.sum", "README.md", ".envrc", "env", ".dockerignore", "Dockerfile-old",
                          "chart/values.yaml.tmpl", "x.txt", "Makefile.am", "dockerfile.txt",
                          "my.env.bak"}) {
      CAPTURE(p);
      CHECK(og::classify_path(p) == 0u);
    }
  }

  TEST_CASE("classify_path: a BuildKit per-Dockerfile ignore file is not a Dockerfile") {
    // Regression (fixed): `starts_with(b, "Dockerfile.")` also matches Dockerfile.dockerignore,
    // BuildKit's filename-specific ignore file, which is then parsed as a
    // Dockerfile (and reported as unparsable).
    CHECK(og::classify_path("Dockerfile.dockerignore") == 0u);
  }

  TEST_CASE("classify_path: GNU make's lower-case `makefile` is a script") {
    // Regression (fixed): only Makefile and GNUmakefile are recognised; GNU make also reads
    // `makefile` (it tries GNUmakefile, makefile, Makefile in that order).
    CHECK(og::classify_path("makefile") == og::kScript);
  }

  // ----------------------------------------------------------- path_excluded

  TEST_CASE("path_excluded: fnmatch globs (a * also crosses /) and directory prefixes") {
    using og::path_excluded;
    CHECK(path_excluded("vendor/a/b/Dockerfile", {"vendor/*"}));
    CHECK(path_excluded("vendor/x", {"vendor/"}));
    CHECK(path_excluded("vendor/x/y", {"vendor"}));
    CHECK(path_excluded("vendor", {"vendor"}));
    CHECK_FALSE(path_excluded("vendorx/y", {"vendor"}));
    CHECK_FALSE(path_excluded("vendorx/y", {"vendor/"}));
    CHECK_FALSE(path_excluded("x/vendor/y", {"vendor"}));
    CHECK(path_excluded("a/b/c.gen.yaml", {"*.gen.yaml"}));
    CHECK_FALSE(path_excluded("a/b/c.yaml", {"*.gen.yaml"}));
    CHECK(path_excluded("k8s/a/b.yaml", {"nothing", "k8s/a"}));
    CHECK(path_excluded("test/data/x.yaml", {"test/*/x.yaml"}));
    CHECK_FALSE(path_excluded("Dockerfile", {}));
    CHECK_FALSE(path_excluded("Dockerfile", {""}));
  }

  TEST_CASE("path_excluded: **/ matches the rest at any directory depth") {
    using og::path_excluded;
    CHECK(path_excluded("vendor/x/Dockerfile", {"**/vendor/"}));
    CHECK(path_excluded("a/b/vendor/x/k8s.yaml", {"**/vendor/"}));
    CHECK(path_excluded("third_party/go/Dockerfile", {"**/third_party/"}));
    CHECK_FALSE(path_excluded("myvendor/x.yaml", {"**/vendor/"}));
    CHECK_FALSE(path_excluded("a/vendorx/x.yaml", {"**/vendor/"}));
    CHECK_FALSE(path_excluded("a/vendor.yaml", {"**/vendor/"}));
    CHECK_FALSE(path_excluded("a/b/Dockerfile", {"**/vendor/"}));
  }

  // --------------------------------------------------------------- discover

  TEST_CASE("discover: inputs sorted by path with kinds and text; skips with reasons") {
    og::test::FakeFileSystem fs;
    fs.files = {
        {"z/Dockerfile", "FROM scratch\n"},
        {"a/deploy.yaml", "kind: Pod\n"},
        {"README.md", "docs"},
        {".env", "GOGC=50\n"},
        {"bin/tool.sh", std::string("#!/bin/sh\n\0binary", 17)},
        {"big.json", std::string(2000, ' ')},
        {"vendor/x/Dockerfile", "FROM x\n"},
        {".oomguard.yaml", "rules: {}\n"},
        {"go.mod", "module x\n"},
    };
    fs.skip_reasons = {{"link.yaml", "symlink points outside the scan root"}, {"notes.txt", "unreadable"}};
    og::DiscoverOptions opt;
    opt.excludes = {"vendor/"};
    opt.max_file_bytes = 1000;
    opt.config_path = ".oomguard.yaml";
    og::Discovery d = og::discover(fs, opt);
    CHECK(lines(paths(d.files)) == lines({".env", "a/deploy.yaml", "go.mod", "z/Dockerfile"}));
    REQUIRE(d.files.size() == 4);
    CHECK(d.files[0].kinds == og::kEnvFile);
    CHECK(d.files[1].kinds == (og::kYaml | og::kScript));
    CHECK(d.files[2].kinds == og::kGoMod);
    CHECK(d.files[3].kinds == og::kDockerfile);
    REQUIRE(d.files[3].text);
    CHECK(d.files[3].text->content() == "FROM scratch\n");
    // listed skips first, then files that could not be read, in path order
    CHECK(lines(skipped(d)) == lines({"link.yaml: symlink points outside the scan root",
                                                 "big.json: larger than max_file_bytes",
                                                 "bin/tool.sh: binary file (NUL byte)"}));
  }

  TEST_CASE("discover: the same result with several jobs") {
    og::test::FakeFileSystem fs;
    for (int i = 0; i < 40; ++i) fs.files["d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".yaml"] = "a: 1\n";
    fs.files["x/bin.sh"] = std::string("\0", 1);
    og::DiscoverOptions opt;
    opt.jobs = 4;
    og::Discovery d = og::discover(fs, opt);
    CHECK(d.files.size() == 40);
    for (size_t i = 1; i < d.files.size(); ++i) CHECK(d.files[i - 1].path < d.files[i].path);
    CHECK(lines(skipped(d)) == lines({"x/bin.sh: binary file (NUL byte)"}));
  }

  TEST_CASE("discover: an excluded or config file with a skip reason is not reported") {
    og::test::FakeFileSystem fs;
    fs.files = {{"cfg/oomguard.yaml", "rules: {}\n"}, {"k.yaml", "a: 1\n"}};
    fs.skip_reasons = {{"vendor/loop.yaml", "symlink loop"}};
    og::DiscoverOptions opt;
    opt.excludes = {"vendor"};
    opt.config_path = "cfg/oomguard.yaml";
    og::Discovery d = og::discover(fs, opt);
    CHECK(lines(paths(d.files)) == lines({"k.yaml"}));
    CHECK(d.skipped.empty());
  }

  TEST_CASE("discover: the size limit is inclusive") {
    og::test::FakeFileSystem fs;
    fs.files = {{"a.yaml", std::string(100, '#')}, {"b.yaml", std::string(101, '#')}};
    og::DiscoverOptions opt;
    opt.max_file_bytes = 100;
    og::Discovery d = og::discover(fs, opt);
    CHECK(lines(paths(d.files)) == lines({"a.yaml"}));
    CHECK(lines(skipped(d)) == lines({"b.yaml: larger than max_file_bytes"}));
  }

  TEST_CASE("read_input: a NUL only counts in the first 8 KiB; unreadable files give the reason") {
    og::test::FakeFileSystem fs;
    std::string late(9000, 'a');
    late[8500] = '\0';
    std::string early(9000, 'a');
    early[8191] = '\0';
    fs.files = {{"late.sh", late}, {"early.sh", early}};
    og::SourceFile out;
    std::string reason;
    CHECK(og::read_input(fs, "late.sh", og::kScript, 1u << 20, &out, &reason));
    CHECK(out.path == "late.sh");
    CHECK(out.kinds == og::kScript);
    REQUIRE(out.text);
    CHECK(out.text->content().size() == 9000);
    og::SourceFile out2;
    CHECK_FALSE(og::read_input(fs, "early.sh", og::kScript, 1u << 20, &out2, &reason));
    CHECK(reason == "binary file (NUL byte)");
    CHECK_FALSE(og::read_input(fs, "missing.sh", og::kScript, 1u << 20, &out2, &reason));
    CHECK(reason == "cannot be opened");
  }
  TEST_CASE("a duplicate top-level key is an error at the second one (yaml-cpp keeps both)") {
    og::Config c = og::parse_config(".oomguard.yaml", "rules:\n  OG104: off\nexclude: [a]\nrules:\n  OG104: error\n");
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].message == "duplicate key 'rules'");
    CHECK(c.errors[0].loc.line == 4);
    CHECK(c.errors[0].loc.col == 1);
  }
}  // TEST_SUITE
