// End-to-end tests of the oomguard binary: exit codes, formats, config
// errors, stdin, paths.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "test_support.h"

using og::test::run_oomguard;
namespace fs = std::filesystem;

namespace {
std::string demo() { return og::test::source_dir() + "/fixtures/demo"; }

const char* kBadGo = R"(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: example/app
      env:
        - name: GOMEMLIMIT
          value: 512Mi
      resources:
        limits:
          memory: 1Gi
)";

const char* kClean = R"(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: example/app
      env:
        - name: GOMEMLIMIT
          value: 900MiB
      resources:
        requests:
          memory: 1Gi
        limits:
          memory: 1Gi
)";
}  // namespace

TEST_SUITE("e2e") {
  TEST_CASE("version and help") {
    auto r = run_oomguard({"--version"});
    CHECK(r.status == 0);
    CHECK(r.out.rfind("oomguard ", 0) == 0);
    r = run_oomguard({"--help"});
    CHECK(r.status == 0);
    CHECK(r.out.find("scan") != std::string::npos);
    for (const char* cmd : {"scan", "rules"}) {
      r = run_oomguard({cmd, "--help"});
      CHECK(r.status == 0);
      CHECK(r.out.find("usage: oomguard") != std::string::npos);
    }
    CHECK(run_oomguard({"frobnicate"}).status == 2);
    CHECK(run_oomguard({}).status == 2);
  }

  TEST_CASE("rules listing in three formats") {
    auto r = run_oomguard({"rules"});
    CHECK(r.status == 0);
    CHECK(r.out.find("OG101  gomemlimit-malformed") != std::string::npos);
    r = run_oomguard({"rules", "--format", "json"});
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["schema"] == "oomguard/rules/v1");
    CHECK(j["rules"].size() >= 34);
    r = run_oomguard({"rules", "--format", "markdown"});
    CHECK(r.out.find("## OG303 kubelet-unlimited-swap") != std::string::npos);
    CHECK(run_oomguard({"rules", "--format", "xml"}).status == 2);
  }

  TEST_CASE("exit status follows --fail-on") {
    std::string d = og::test::temp_dir("failon");
    og::test::write_file(d + "/pod.yaml", kBadGo);
    CHECK(run_oomguard({"scan", d}).status == 1);
    CHECK(run_oomguard({"scan", d, "--fail-on", "never"}).status == 0);
    CHECK(run_oomguard({"scan", d, "--fail-on", "error"}).status == 1);
    CHECK(run_oomguard({"scan", d, "--ignore", "OG101", "--fail-on", "error"}).status == 0);
    CHECK(run_oomguard({"scan", d, "--fail-on", "sometimes"}).status == 2);
    og::test::write_file(d + "/pod.yaml", kClean);
    auto r = run_oomguard({"scan", d});
    CHECK(r.status == 0);
    CHECK(r.out.find("No findings") != std::string::npos);
  }

  TEST_CASE("vendor/ and third_party/ are skipped by default; default_excludes: false scans them") {
    std::string d = og::test::temp_dir("vendored");
    og::test::write_file(d + "/vendor/github.com/x/deploy/pod.yaml", kBadGo);
    og::test::write_file(d + "/tools/third_party/pod.yaml", kBadGo);
    auto quiet = run_oomguard({"scan", d});
    CHECK(quiet.status == 0);
    CHECK(quiet.out.find("No findings") != std::string::npos);
    og::test::write_file(d + "/.oomguard.yaml", "default_excludes: false\n");
    auto fire = run_oomguard({"scan", d});
    CHECK(fire.status == 1);
    CHECK(fire.out.find("vendor/github.com/x/deploy/pod.yaml:") != std::string::npos);
    CHECK(fire.out.find("tools/third_party/pod.yaml:") != std::string::npos);
  }

  TEST_CASE("OG112 help derives its suggestion from the limit and never suggests more than it") {
    auto pod = [](const std::string& limit) {
      std::string r = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n"
                      "      image: example/app\n      env:\n        - {name: GOMEMLIMIT, value: \"512\"}\n";
      if (!limit.empty()) r += "      resources: {limits: {memory: " + limit + "}}\n";
      return r;
    };
    auto help = [&](const std::string& limit) {
      std::string d = og::test::temp_dir("og112help");
      og::test::write_file(d + "/pod.yaml", pod(limit));
      std::string out = run_oomguard({"scan", d, "--select", "OG112"}).out;
      auto at = out.find("help: ");
      return at == std::string::npos ? std::string() : out.substr(at + 6, out.find('\n', at) - at - 6);
    };
    std::string unit = "check the unit: GOMEMLIMIT is bytes unless it ends in KiB, MiB, GiB or TiB ";
    CHECK(help("20M") == unit + "(about 17MiB fits the 20M (19.07MiB) limit, or raise the limit)");  // Kubernetes M is decimal
    CHECK(help("20Mi") == unit + "(about 18MiB fits the 20Mi (20MiB) limit, or raise the limit)");
    CHECK(help("512Mi") == unit + "(about 460MiB fits the 512Mi (512MiB) limit, or raise the limit)");
    CHECK(help("1Gi") == unit + "(did you mean 512MiB? the limit is 1Gi (1GiB))");
    CHECK(help("1Mi") == unit + "(raise the 1Mi (1MiB) limit: it leaves no room for the Go runtime)");
    CHECK(help("") == unit + "(did you mean 512MiB?)");
  }

  TEST_CASE("OG903 help suggests max_file_bytes only for size skips") {
    auto help = [](const std::string& c) {
      std::string out = run_oomguard({"scan", og::test::source_dir() + "/fixtures/rules/OG903/" + c, "--select", "OG903"}).out;
      auto at = out.find("help: ");
      return at == std::string::npos ? std::string() : out.substr(at + 6, out.find('\n', at) - at - 6);
    };
    CHECK(help("fire-helm-template") == "exclude the file in .oomguard.yaml, or scan its rendered output");
    CHECK(help("fire-larger-than-max-file-bytes") == "exclude the file in .oomguard.yaml, or raise max_file_bytes");
    CHECK(help("fire-binary-yaml") == "exclude the file in .oomguard.yaml");
  }

  TEST_CASE("text output has location, caret, related and help lines") {
    std::string d = og::test::temp_dir("text");
    og::test::write_file(d + "/pod.yaml", kBadGo);
    auto r = run_oomguard({"scan", "."}, d);
    CHECK(r.out.find("pod.yaml:11:18: OG101 error: GOMEMLIMIT=512Mi") != std::string::npos);
    CHECK(r.out.find("                 ^^^^^") != std::string::npos);
    CHECK(r.out.find("help: write GOMEMLIMIT=512MiB") != std::string::npos);
    CHECK(r.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour
    // from elsewhere, paths are absolute
    r = run_oomguard({"scan", d}, "/");
    CHECK(r.out.find(d.substr(1) + "/pod.yaml:11:18") != std::string::npos);
  }

  TEST_CASE("json output: schema, findings and effective configuration with provenance") {
    auto r = run_oomguard({"scan", demo(), "--format", "json"}, og::test::source_dir());
    REQUIRE(r.status == 1);
    auto j = nlohmann::json::parse(r.out);
    CHECK(j["schema"] == "oomguard/findings/v1");
    CHECK(j["summary"]["workloads"] == 8);
    bool found = false;
    for (const auto& w : j["workloads"])
      if (w["id"] == "k8s:deploy/k8s/api.yaml#shop/Deployment/api/container/api") {
        found = true;
        CHECK(w["go"]["is_go"] == true);
        CHECK(w["memory"]["limit"]["bytes"] == 536870912);
        CHECK(w["memory"]["limit"]["location"]["file"] == "fixtures/demo/deploy/k8s/api.yaml");
        CHECK(w["env"]["GOGC"]["value"] == "50%");
        CHECK(w["env"]["GOGC"]["source"] == "envFrom ConfigMap/go-tuning");
        CHECK(w["dockerfile"]["path"] == "fixtures/demo/services/api/Dockerfile");
      }
    CHECK(found);
    for (const auto& f : j["findings"]) {
      CHECK(f["fingerprint"].get<std::string>().size() == 16);
      CHECK(f["location"]["line"].get<int>() >= 1);
    }
  }

  TEST_CASE("a single file can be scanned") {
    std::string d = og::test::temp_dir("single");
    og::test::write_file(d + "/pod.yaml", kBadGo);
    og::test::write_file(d + "/other.yaml", kBadGo);
    auto r = run_oomguard({"scan", "pod.yaml"}, d);
    CHECK(r.status == 1);
    CHECK(r.out.find("pod.yaml:11:18: OG101") != std::string::npos);
    CHECK(r.out.find("other.yaml") == std::string::npos);
  }

  TEST_CASE("stdin with --stdin-name") {
    auto r = run_oomguard({"scan", "-", "--stdin-name", "rendered.yaml"}, "", kBadGo);
    CHECK(r.status == 1);
    CHECK(r.out.find("rendered.yaml:11:18: OG101") != std::string::npos);
  }

  TEST_CASE("--output writes the report to a file") {
    std::string d = og::test::temp_dir("output");
    og::test::write_file(d + "/in/pod.yaml", kBadGo);
    auto r = run_oomguard({"scan", d + "/in", "--format", "json", "--output", d + "/report.json"});
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    auto j = nlohmann::json::parse(og::test::read_file(d + "/report.json"));
    CHECK(j["findings"].size() >= 1);
  }

  TEST_CASE("config errors are exit 2 with file:line") {
    std::string d = og::test::temp_dir("config");
    og::test::write_file(d + "/pod.yaml", kBadGo);
    og::test::write_file(d + "/.oomguard.yaml", "rules:\n  OG104:\n    max_ratio: 0.8\n  OG999: off\nfrobs: 1\n");
    auto r = run_oomguard({"scan", "."}, d);
    CHECK(r.status == 2);
    CHECK(r.err.find(".oomguard.yaml:4:3: config error: unknown rule ID 'OG999'") != std::string::npos);
    CHECK(r.err.find(".oomguard.yaml:5:1: config error: unknown key 'frobs'") != std::string::npos);
    og::test::write_file(d + "/.oomguard.yaml", "rules:\n  OG104: {max_ratio: 1.5}\n");
    r = run_oomguard({"scan", "."}, d);
    CHECK(r.status == 2);
    CHECK(r.err.find(":2:22: config error: bad value for OG104.max_ratio") != std::string::npos);
    og::test::write_file(d + "/.oomguard.yaml", "rules:\n  OG101: off\n");
    CHECK(run_oomguard({"scan", "."}, d).status == 0);
    CHECK(run_oomguard({"scan", ".", "--config", d + "/missing.yaml"}, d).status == 2);
    CHECK(run_oomguard({"scan", ".", "--select", "OG77"}, d).status == 2);
    CHECK(run_oomguard({"scan", d + "/nope"}).status == 2);
  }

  TEST_CASE("the demo's findings are pinned (tests/golden/demo.txt)") {
    auto r = run_oomguard({"scan", "fixtures/demo", "--no-color"}, og::test::source_dir());
    CHECK(r.status == 1);
    std::string lines;
    size_t pos = 0;
    while (pos < r.out.size()) {
      size_t e = r.out.find('\n', pos);
      std::string l = r.out.substr(pos, e - pos);
      if (l.rfind("fixtures/demo/", 0) == 0 || l.rfind("Found", 0) == 0) lines += l + "\n";
      pos = e + 1;
    }
    if (std::getenv("OOMGUARD_UPDATE_FIXTURES")) og::test::write_file(og::test::source_dir() + "/tests/golden/demo.txt", lines);
    CHECK(lines == og::test::read_file(og::test::source_dir() + "/tests/golden/demo.txt"));
  }
}
