// Hostile inputs: each yields a located finding or a skip note in bounded
// time, and the rest of the repository is still checked.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "test_support.h"

namespace fs = std::filesystem;
using og::test::write_file;

namespace {

const char* kBadGo = R"(apiVersion: v1
kind: Pod
metadata:
  name: still-checked
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

std::string alias_bomb() {
  std::string s = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (int i = 1; i < 12; ++i) {
    s += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) s += (k ? "," : "") + std::string("*a") + std::to_string(i - 1);
    s += "]\n";
  }
  return s;
}

// Builds the hostile repository once.
std::string hostile_repo() {
  std::string d = og::test::temp_dir("hostile");
  write_file(d + "/ok/pod.yaml", kBadGo);
  write_file(d + "/broken/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x\nspec: [\n");
  write_file(d + "/bomb/configmap.yaml", alias_bomb());
  write_file(d + "/deep/flow.yaml", "apiVersion: v1\nkind: List\nitems: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  std::string block = "apiVersion: v1\nkind: List\nitems:\n";
  for (int i = 0; i < 10000; ++i) block += "- ";
  write_file(d + "/deep/block.yaml", block + "x\n");
  std::string bin = "apiVersion: v1\nkind: Pod\n";
  bin += std::string("\0\x01\x02\xff\xfe", 5);
  write_file(d + "/binary/pod.yaml", bin);
  write_file(d + "/binary/Dockerfile", std::string("FROM scratch\n\0\0ENV GOGC=off\n", 28));
  write_file(d + "/utf8/pod.yaml", std::string("apiVersion: v1\nkind: Pod\nmetadata: {name: \"\xc3\x28\xa0\xa1\"}\nspec: {containers: [{name: \"\xff\", image: x}]}\n"));
  write_file(d + "/crlf/Dockerfile", "FROM golang:1.23 AS b\r\nRUN go build -o /x .\r\nFROM scratch\r\nENV GOMEMLIMIT=1G\r\n");
  write_file(d + "/crlf/compose.yaml", "services:\r\n  app:\r\n    build: .\r\n    mem_limit: 1g\r\n    memswap_limit: 1g\r\n");
  write_file(d + "/bom/pod.yaml", std::string("\xEF\xBB\xBF") + kBadGo);
  write_file(d + "/bom/.env", "\xEF\xBB\xBFGOGC=off\n");
  write_file(d + "/empty/Dockerfile", "");
  write_file(d + "/empty/empty.yaml", "");
  write_file(d + "/empty/.env", "");
  std::string huge = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: huge}\ndata:\n";
  while (huge.size() < 5u * 1024 * 1024) huge += "  key" + std::to_string(huge.size()) + ": value\n";
  write_file(d + "/huge/configmap.yaml", huge);
  std::string longline = "FROM scratch\nENV A=" + std::string(3u << 20, 'x') + "\n";
  write_file(d + "/long/Dockerfile", longline);
  fs::create_directories(d + "/loop");
  fs::create_directory_symlink(d + "/loop", d + "/loop/again");
  fs::create_symlink(d + "/loop/self.yaml", d + "/loop/self.yaml");
  fs::create_symlink("/etc/hostname", d + "/loop/outside.yaml");
  std::string env;
  for (int i = 0; i < 2000; ++i) env += "${A:-";
  write_file(d + "/nest/.env", "GOMEMLIMIT=" + env + "\n");
  write_file(d + "/nest/compose.yaml", "services:\n  app:\n    image: x\n    env_file: .env\n");
  return d;
}

}  // namespace

TEST_SUITE("e2e-robustness") {
  TEST_CASE("hostile inputs: located findings or skip notes; the rest is still checked") {
    std::string d = hostile_repo();
    auto r = og::test::run_oomguard({"scan", d, "--format", "json", "--jobs", "2"}, "", "", 120);
    INFO(r.err);
    REQUIRE(r.status == 1);
    auto j = nlohmann::json::parse(r.out);
    std::set<std::string> unparsable, skipped;
    bool still_checked = false;
    for (const auto& f : j["findings"]) {
      std::string file = f["location"]["file"];
      std::string rel = file.substr(d.size() + 1);
      if (f["rule_id"] == "OG901") {
        unparsable.insert(rel);
        if (rel != "empty/Dockerfile") CHECK(f["location"].value("line", 0) >= 1);  // located
      }
      if (f["rule_id"] == "OG903") skipped.insert(rel);
      if (f["rule_id"] == "OG101" && rel == "ok/pod.yaml") still_checked = true;
    }
    CHECK(still_checked);
    CHECK(unparsable.count("broken/deploy.yaml"));
    CHECK(unparsable.count("deep/flow.yaml"));
    CHECK(unparsable.count("deep/block.yaml"));
    CHECK(skipped.count("binary/pod.yaml"));
    CHECK(skipped.count("binary/Dockerfile"));
    CHECK(skipped.count("huge/configmap.yaml"));
    CHECK(unparsable.count("empty/Dockerfile"));  // docker build refuses a Dockerfile with no FROM
    CHECK(unparsable.count("nest/.env"));
    CHECK(skipped.count("loop/outside.yaml"));
    CHECK(skipped.count("loop/self.yaml"));
    // the alias bomb is a valid ConfigMap: parsed, not expanded
    CHECK_FALSE(unparsable.count("bomb/configmap.yaml"));
    CHECK_FALSE(skipped.count("bomb/configmap.yaml"));
    // BOM and CRLF files parse, with byte-exact columns
    bool bom = false, crlf = false;
    for (const auto& f : j["findings"]) {
      std::string rel = f["location"]["file"].get<std::string>().substr(d.size() + 1);
      if (rel == "bom/pod.yaml" && f["rule_id"] == "OG101") bom = f["location"].value("line", 0) == 11 && f["location"].value("column", 0) == 18;
      if (rel == "crlf/Dockerfile" && f["rule_id"] == "OG101")
        crlf = f["location"].value("line", 0) == 4 && f["location"].value("column", 0) == 16 &&
               f["location"].value("end_column", 0) == 18;
    }
    CHECK(bom);
    CHECK(crlf);
  }

  TEST_CASE("a binary stream on stdin is a skip note, not a crash") {
    auto r = og::test::run_oomguard({"scan", "-"}, "", std::string("\0\0\xff", 3));
    CHECK(r.status == 0);
    CHECK(r.out.find("OG903") != std::string::npos);
  }
}

TEST_CASE("real-world corpus: kube-prometheus scans with no OG901 and a pinned workload count") {
  std::string corpus = og::test::source_dir() + "/../shared/corpus/kube-prometheus/manifests";
  if (!fs::is_directory(corpus)) {
    MESSAGE("SKIPPED: corpus not found at " << corpus << " (shared/ is not beside the checkout)");
    return;
  }
  auto r = og::test::run_oomguard({"scan", corpus, "--format", "json", "--fail-on", "never"});
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  for (const auto& f : j["findings"]) CHECK_MESSAGE(f["rule_id"] != "OG901", f["message"]);
  CHECK(j["skipped"].empty());
  CHECK(j["summary"]["files"] == 95);
  // 12 containers in the Deployments and DaemonSet (Prometheus/Alertmanager CRs are not pod specs)
  CHECK(j["summary"]["workloads"] == 12);
}
