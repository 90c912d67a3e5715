// Unit tests of the pure helpers behind the git modes, baselines and hooks:
// workload_inputs, keep_findings_involving, apply_renames, the baseline file
// (JSON round trip, errors), subtract_known, hook_script quoting and
// hooks_dir. The end-to-end behaviour is in git_modes_test.cc.
#include <doctest/doctest.h>
#include <git2.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "baseline/baseline.h"
#include "git/hook.h"
#include "git/repo.h"
#include "scan/git_scan.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace og {
namespace {

using S = std::set<std::string>;
using V = std::vector<std::string>;

Location at(const std::string& file, int line) { return Location::at(file, line, 3, 8); }

MemValue mem(const std::string& file, int line) {
  MemValue v;
  v.raw = "1Gi";
  v.loc = at(file, line);
  v.ok = true;
  v.bytes = 1 << 30;
  return v;
}

EnvValue env(const std::string& name, const std::string& file, int line) {
  EnvValue e;
  e.name = name;
  e.value = "900MiB";
  e.loc = at(file, line);
  return e;
}

Finding finding(const std::string& rule, const Location& loc, const std::string& workload,
                const std::string& setting = "GOMEMLIMIT") {
  Finding f;
  f.rule_id = rule;
  f.loc = loc;
  f.workload = workload;
  f.setting = setting;
  f.message = rule + " at " + loc.file;
  f.fingerprint = make_fingerprint(rule, workload, setting, loc.file);
  return f;
}

// A k8s workload in k8s/api.yaml linked to api/Dockerfile, whose
// GOMEMLIMIT came from an env file and overrode the Dockerfile's.
Workload k8s_workload() {
  Workload w;
  w.kind = Workload::Kind::K8sContainer;
  w.file = "k8s/api.yaml";
  w.object_kind = "Deployment";
  w.ns = "shop";
  w.name = "api";
  w.container = "api";
  w.dockerfile = "api/Dockerfile";
  w.limit = mem("k8s/limits.yaml", 7);  // e.g. a LimitRange default elsewhere
  w.request = mem("k8s/api.yaml", 14);
  EnvValue e = env("GOMEMLIMIT", "config/app.env", 2);
  e.overridden.push_back(env("GOMEMLIMIT", "api/Dockerfile", 2));
  e.overridden.back().overridden.push_back(env("GOMEMLIMIT", "base/Dockerfile", 5));
  w.env["GOMEMLIMIT"] = e;
  w.env["GOGC"] = env("GOGC", "k8s/configmap.yaml", 9);
  w.go.is_go = true;
  w.go.loc = at("go/go.mod", 1);
  w.image = "registry.example.com/shop/api:1.2";
  w.image_loc = at("k8s/api.yaml", 11);
  return w;
}

std::string fields(const Finding& f) {
  std::string s = f.rule_id + "|" + f.loc.file + "|" + f.workload + "|" + f.fingerprint;
  for (const auto& r : f.related) s += "|" + r.loc.file;
  return s;
}

// Runs /bin/sh SCRIPT with PATH set; stdout.
std::string run_sh(const std::string& script, const std::string& path_env, int* status) {
  int out[2];
  if (pipe(out)) return "";
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    setenv("PATH", path_env.c_str(), 1);
    execl("/bin/sh", "sh", script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string s;
  char buf[4096];
  ssize_t n;
  while ((n = read(out[0], buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  close(out[0]);
  int st = 0;
  waitpid(pid, &st, 0);
  *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return s;
}

}  // namespace

TEST_SUITE("git-unit") {
  TEST_CASE("workload_inputs: every file that shaped the effective configuration") {
    Workload w = k8s_workload();
    CHECK(workload_inputs(w) == S{"k8s/api.yaml", "api/Dockerfile", "k8s/limits.yaml", "config/app.env",
                                  "base/Dockerfile", "k8s/configmap.yaml", "go/go.mod"});
    // nothing but the defining file when nothing else is known; invalid
    // (empty) locations are not files
    Workload bare;
    bare.kind = Workload::Kind::ComposeService;
    bare.file = "compose.yaml";
    bare.name = "web";
    bare.limit = MemValue{};  // no location
    bare.env["X"] = EnvValue{};
    CHECK(workload_inputs(bare) == S{"compose.yaml"});
    // swap values count too
    bare.swap = mem("compose.override.yaml", 4);
    CHECK(workload_inputs(bare) == S{"compose.yaml", "compose.override.yaml"});
  }

  TEST_CASE("keep_findings_involving: primary, related, or a workload input in the changed set") {
    Workload w = k8s_workload();
    Workload other;
    other.kind = Workload::Kind::K8sContainer;
    other.file = "k8s/other.yaml";
    other.ns = "default";
    other.object_kind = "Pod";
    other.name = "o";
    other.container = "app";
    ScanUnit u;
    u.project.workloads = {w, other};

    Finding primary = finding("OG101", at("config/app.env", 2), w.id());
    Finding related = finding("OG103", at("k8s/other.yaml", 11), other.id());
    related.related.push_back({at("api/Dockerfile", 2), "the limit"});
    Finding via_workload = finding("OG106", at("k8s/api.yaml", 10), w.id(), "limits.memory");
    Finding unrelated = finding("OG101", at("k8s/other.yaml", 11), other.id());
    Finding file_level = finding("OG901", Location::whole_file("broken.yaml"), "");
    Finding unknown_workload = finding("OG101", at("gone.yaml", 3), "k8s:gone.yaml#x");
    std::vector<Finding> all{primary, related, via_workload, unrelated, file_level, unknown_workload};

    auto kept = [&](const S& changed) {
      ScanUnit c = u;
      c.findings = all;
      keep_findings_involving(&c, changed);
      V out;
      for (const auto& f : c.findings) out.push_back(f.rule_id + " " + f.loc.file);
      return out;
    };
    // api/Dockerfile: related location of one, input of w (env override chain, link)
    CHECK(kept({"api/Dockerfile"}) == V{"OG101 config/app.env", "OG103 k8s/other.yaml", "OG106 k8s/api.yaml"});
    // a file only the workload reads (the base image's Dockerfile deep in the override chain)
    CHECK(kept({"base/Dockerfile"}) == V{"OG101 config/app.env", "OG106 k8s/api.yaml"});
    CHECK(kept({"k8s/other.yaml"}) == V{"OG103 k8s/other.yaml", "OG101 k8s/other.yaml"});
    CHECK(kept({"broken.yaml"}) == V{"OG901 broken.yaml"});
    CHECK(kept({"gone.yaml"}) == V{"OG101 gone.yaml"});
    CHECK(kept({"README.md"}).empty());
    CHECK(kept({}).empty());
    // paths are compared exactly (no prefix matching)
    CHECK(kept({"k8s/other"}).empty());
    CHECK(kept({"api/Dockerfile.dev"}).empty());
  }

  TEST_CASE("apply_renames: paths, workload ids and fingerprints follow the rename") {
    Finding k8s = finding("OG101", at("k8s/c.yaml", 11), "k8s:k8s/c.yaml#default/Pod/c/container/app");
    k8s.related.push_back({at("k8s/c.yaml", 16), "limit"});
    k8s.related.push_back({at("api/Dockerfile", 2), "image ENV"});
    Finding image = finding("OG103", at("api/Dockerfile", 2), "image:api/Dockerfile");
    Finding compose = finding("OG301", at("compose.yaml", 4), "compose:compose.yaml#web", "memswap_limit");
    Finding file_level = finding("OG901", Location::whole_file("k8s/c.yaml"), "");
    // a longer path sharing the prefix is another file
    Finding lookalike = finding("OG101", at("k8s/c.yaml.bak", 1), "k8s:k8s/c.yaml.bak#default/Pod/c/container/app");
    std::vector<Finding> fs{k8s, image, compose, file_level, lookalike};
    std::map<std::string, std::string> renames{{"k8s/c.yaml", "deploy/c.yaml"}, {"api/Dockerfile", "svc/api/Dockerfile"}};
    apply_renames(&fs, renames);

    CHECK(fs[0].loc.file == "deploy/c.yaml");
    CHECK(fs[0].loc.line == 11);
    CHECK(fs[0].related[0].loc.file == "deploy/c.yaml");
    CHECK(fs[0].related[1].loc.file == "svc/api/Dockerfile");
    CHECK(fs[0].workload == "k8s:deploy/c.yaml#default/Pod/c/container/app");
    // the fingerprint is the one a scan of the renamed file computes
    CHECK(fs[0].fingerprint == make_fingerprint("OG101", "k8s:deploy/c.yaml#default/Pod/c/container/app", "GOMEMLIMIT", "deploy/c.yaml"));
    CHECK(fs[0].fingerprint != k8s.fingerprint);
    // an image workload's id has no '#'
    CHECK(fs[1].workload == "image:svc/api/Dockerfile");
    CHECK(fs[1].fingerprint == make_fingerprint("OG103", "image:svc/api/Dockerfile", "GOMEMLIMIT", ""));
    // untouched files keep everything
    CHECK(fields(fs[2]) == fields(compose));
    CHECK(fields(fs[4]) == fields(lookalike));
    // a file-level finding's fingerprint is keyed by its (new) path
    CHECK(fs[3].loc.file == "deploy/c.yaml");
    CHECK(fs[3].fingerprint == make_fingerprint("OG901", "", "GOMEMLIMIT", "deploy/c.yaml"));
    // no renames: nothing changes
    std::vector<Finding> same{k8s};
    apply_renames(&same, {});
    CHECK(fields(same[0]) == fields(k8s));
  }

  TEST_CASE("apply_renames + subtract_known: a renamed file's finding is known, not new") {
    Finding before = finding("OG101", at("k8s/c.yaml", 11), "k8s:k8s/c.yaml#default/Pod/c/container/app");
    Finding after = finding("OG101", at("k8s/c2.yaml", 12), "k8s:k8s/c2.yaml#default/Pod/c/container/app");
    std::vector<Finding> known{before};
    apply_renames(&known, {{"k8s/c.yaml", "k8s/c2.yaml"}});
    ScanUnit u;
    u.findings = {after};
    subtract_known(&u, known);
    CHECK(u.findings.empty());
    CHECK(u.baselined == 1);
    CHECK(u.fixed.empty());
  }

  TEST_CASE("subtract_known: counts known findings, keeps new and suppressed ones, lists fixed ones once") {
    Finding a = finding("OG101", at("a.yaml", 11), "k8s:a.yaml#default/Pod/a/container/app");
    Finding b = finding("OG101", at("b.yaml", 11), "k8s:b.yaml#default/Pod/b/container/app");
    Finding c = finding("OG103", at("c.yaml", 11), "k8s:c.yaml#default/Pod/c/container/app");
    Finding gone = finding("OG106", at("gone.yaml", 3), "k8s:gone.yaml#default/Pod/g/container/app");
    Finding b_suppressed = b;
    b_suppressed.suppression = Suppression{"inSource", "accepted risk", at("b.yaml", 10)};
    // the known copy of `a` is on another line with another message: matched by fingerprint only
    Finding a_known = a;
    a_known.loc.line = 3;
    a_known.message = "older wording";

    ScanUnit u;
    u.findings = {a, b_suppressed, c};
    subtract_known(&u, {a_known, b, gone, gone});
    V left;
    for (const auto& f : u.findings) left.push_back(f.rule_id + " " + f.loc.file + (f.suppression ? " suppressed" : ""));
    CHECK(left == V{"OG101 b.yaml suppressed", "OG103 c.yaml"});
    CHECK(u.baselined == 1);
    // `gone` once; `b` too: suppressed now, so no longer reported (and prune,
    // which records only unsuppressed findings, drops it as well)
    V fixed;
    for (const auto& f : u.fixed) fixed.push_back(f.rule_id + " " + f.loc.file);
    CHECK(fixed == V{"OG101 b.yaml", "OG106 gone.yaml"});

    ScanUnit empty;
    subtract_known(&empty, {});
    CHECK(empty.findings.empty());
    CHECK(empty.baselined == 0);
    CHECK(empty.fixed.empty());
    ScanUnit none_known;
    none_known.findings = {a, c};
    subtract_known(&none_known, {});
    CHECK(none_known.findings.size() == 2);
    CHECK(none_known.baselined == 0);
  }

  TEST_CASE("baseline_of + baseline_json + load_baseline round trip") {
    Finding a = finding("OG101", at("k8s/a.yaml", 11), "k8s:k8s/a.yaml#default/Pod/a/container/app");
    a.message = "GOMEMLIMIT=512Mi is not valid Go syntax: \"malformed GOMEMLIMIT\" \\ tab\t newline\n ünïcödé ✓";
    Finding b = finding("OG103", at("web/Dockerfile", 2), "compose:compose.yaml#web");
    Finding file_level = finding("OG901", Location::whole_file("bad.yaml"), "");
    Finding suppressed = finding("OG104", at("k8s/s.yaml", 3), "k8s:k8s/s.yaml#default/Pod/s/container/app");
    suppressed.suppression = Suppression{"external", "", Location{}};
    ScanOutput out;
    out.units.resize(2);
    out.units[0].findings = {b, a, suppressed, file_level};
    out.units[1].findings = {a};  // the same finding in another unit: one entry

    Baseline bl = baseline_of(out);
    REQUIRE(bl.entries.size() == 3);
    V fps;
    for (const auto& e : bl.entries) fps.push_back(e.fingerprint);
    CHECK(std::is_sorted(fps.begin(), fps.end()));
    CHECK(std::find(fps.begin(), fps.end(), suppressed.fingerprint) == fps.end());

    std::string text = baseline_json(bl);
    CHECK(text.rfind("{\n  \"schema\": \"oomguard/baseline/v1\",\n  \"findings\": [\n    {", 0) == 0);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3 + 5);  // one entry per line
    auto j = nlohmann::json::parse(text);
    CHECK(j["findings"].size() == 3);

    std::string dir = og::test::temp_dir("baseline-unit");
    og::test::write_file(dir + "/b.json", text);
    Baseline loaded;
    std::string err;
    REQUIRE(load_baseline(dir + "/b.json", &loaded, &err));
    REQUIRE(loaded.entries.size() == bl.entries.size());
    for (size_t i = 0; i < bl.entries.size(); ++i) {
      CAPTURE(i);
      CHECK(loaded.entries[i].fingerprint == bl.entries[i].fingerprint);
      CHECK(loaded.entries[i].rule_id == bl.entries[i].rule_id);
      CHECK(loaded.entries[i].workload == bl.entries[i].workload);
      CHECK(loaded.entries[i].file == bl.entries[i].file);
      CHECK(loaded.entries[i].message == bl.entries[i].message);
    }
    CHECK(baseline_json(loaded) == text);  // stable: rewriting does not churn the file
    // findings_of feeds subtract_known: everything in the baseline is known
    ScanUnit u;
    u.findings = {a, b, file_level};
    subtract_known(&u, findings_of(loaded));
    CHECK(u.findings.empty());
    CHECK(u.baselined == 3);
    CHECK(u.fixed.empty());

    // the empty baseline
    std::string empty = baseline_json(Baseline{});
    CHECK(empty == "{\n  \"schema\": \"oomguard/baseline/v1\",\n  \"findings\": []\n}\n");
    og::test::write_file(dir + "/empty.json", empty);
    Baseline e;
    CHECK(load_baseline(dir + "/empty.json", &e, &err));
    CHECK(e.entries.empty());
    // extra keys are tolerated (forward compatibility); missing optional strings are ""
    og::test::write_file(dir + "/extra.json",
                         R"({"schema": "oomguard/baseline/v1", "generated": "x", "findings": [{"fingerprint": "0123456789abcdef", "rule_id": 7}]})");
    Baseline x;
    REQUIRE(load_baseline(dir + "/extra.json", &x, &err));
    REQUIRE(x.entries.size() == 1);
    CHECK(x.entries[0].fingerprint == "0123456789abcdef");
    CHECK(x.entries[0].rule_id == "");
  }

  TEST_CASE("load_baseline errors name the file") {
    std::string dir = og::test::temp_dir("baseline-errors");
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"notjson", "not json at all"},
        {"array", "[]"},
        {"noschema", R"({"findings": []})"},
        {"otherschema", R"({"schema": "oomguard/findings/v1", "findings": []})"},
        {"nofindings", R"({"schema": "oomguard/baseline/v1"})"},
        {"findingsobject", R"({"schema": "oomguard/baseline/v1", "findings": {}})"},
        {"nofp", R"({"schema": "oomguard/baseline/v1", "findings": [{"rule_id": "OG101"}]})"},
        {"fpnumber", R"({"schema": "oomguard/baseline/v1", "findings": [{"fingerprint": 12}]})"},
        {"entrystring", R"({"schema": "oomguard/baseline/v1", "findings": ["abc"]})"},
        {"truncated", R"({"schema": "oomguard/baseline/v1", "findings": [)"},
    };
    for (const auto& [name, content] : bad) {
      CAPTURE(name);
      std::string path = dir + "/" + name + ".json";
      og::test::write_file(path, content);
      Baseline b;
      std::string err;
      CHECK_FALSE(load_baseline(path, &b, &err));
      CHECK(err.find(path) != std::string::npos);
    }
    Baseline b;
    std::string err;
    CHECK_FALSE(load_baseline(dir + "/missing.json", &b, &err));
    CHECK(err == "cannot read baseline " + dir + "/missing.json");
  }

  TEST_CASE("hook_script: the binary path is quoted for sh, with a PATH fallback") {
    std::string dir = og::test::temp_dir("hook-script");
    // a hostile but legal path: spaces, quotes, $, backticks, backslash, glob, newline
    std::string bin_dir = dir + "/it's a \"dir\" $HOME `id` \\ * \n x";
    fs::create_directories(bin_dir);
    std::string bin = bin_dir + "/oomguard";
    og::test::write_file(bin, "#!/bin/sh\necho \"fake oomguard: $*\"\nexit 3\n");
    chmod(bin.c_str(), 0755);

    std::string script = hook_script(bin);
    CHECK(script.rfind("#!/bin/sh\n", 0) == 0);
    CHECK(script.find("# oomguard-pre-commit-hook v1\n") != std::string::npos);
    og::test::write_file(dir + "/pre-commit", script);
    int status = -1;
    std::string out = run_sh(dir + "/pre-commit", "/usr/bin:/bin", &status);
    CHECK(out == "fake oomguard: scan --staged .\n");
    CHECK(status == 3);  // the hook's exit status is the scan's (exec)

    // the binary gone: `oomguard` from PATH
    std::string path_dir = dir + "/path";
    og::test::write_file(path_dir + "/oomguard", "#!/bin/sh\necho \"from PATH: $*\"\nexit 1\n");
    chmod((path_dir + "/oomguard").c_str(), 0755);
    og::test::write_file(dir + "/pre-commit-missing", hook_script(dir + "/no such/oomguard"));
    out = run_sh(dir + "/pre-commit-missing", path_dir + ":/usr/bin:/bin", &status);
    CHECK(out == "from PATH: scan --staged .\n");
    CHECK(status == 1);
    // the script is the same for the same binary (install is idempotent)
    CHECK(hook_script(bin) == script);
  }

  TEST_CASE("hooks_dir: .git/hooks, or core.hooksPath (relative to the work tree, absolute, ~/)") {
    git_init();
    std::string dir = og::test::temp_dir("hooks-dir");
    git_repository* repo = nullptr;
    REQUIRE(git_repository_init(&repo, dir.c_str(), 0) == 0);
    git_config* cfg = nullptr;
    REQUIRE(git_repository_config(&cfg, repo) == 0);
    std::string out, err;
    fs::create_directories(dir + "/sub");
    // default (unless a global/system config sets core.hooksPath on this machine)
    git_config* snap = nullptr;
    const char* global = nullptr;
    bool configured_elsewhere = git_repository_config_snapshot(&snap, repo) == 0 &&
                                git_config_get_string(&global, snap, "core.hooksPath") == 0;
    if (snap) git_config_free(snap);
    if (!configured_elsewhere) {
      REQUIRE(hooks_dir(dir + "/sub", &out, &err));
      CHECK(out == dir + "/.git/hooks");
    }
    REQUIRE(git_config_set_string(cfg, "core.hooksPath", ".githooks") == 0);
    REQUIRE(hooks_dir(dir + "/sub", &out, &err));
    CHECK(out == dir + "/.githooks");
    REQUIRE(git_config_set_string(cfg, "core.hooksPath", "/etc/somewhere/hooks") == 0);
    REQUIRE(hooks_dir(dir, &out, &err));
    CHECK(out == "/etc/somewhere/hooks");
    if (const char* home = std::getenv("HOME")) {
      REQUIRE(git_config_set_string(cfg, "core.hooksPath", "~/git-hooks") == 0);
      REQUIRE(hooks_dir(dir, &out, &err));
      CHECK(out == std::string(home) + "/git-hooks");
    }
    git_config_free(cfg);
    git_repository_free(repo);
    CHECK_FALSE(hooks_dir(og::test::temp_dir("hooks-dir-plain"), &out, &err));
    CHECK(err.find("is not inside a git repository") != std::string::npos);
  }
}

}  // namespace og
