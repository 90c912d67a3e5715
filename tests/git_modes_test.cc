// End-to-end tests of the git modes with real temporary repositories made
// with the git CLI: `scan --staged` (index vs work tree, cross-file effects,
// staged deletions and renames, first commit, subdirectory roots),
// `scan --diff-base` (new/fixed findings, renames, deletions, a base without
// inputs, --worktree and its uncommitted renames, usage errors), baselines
// (create, scan --baseline, prune, corrupt files) and the pre-commit hook
// (install/uninstall/--force and the foreign hook's backup, core.hooksPath,
// a real `git commit` blocked by it).
//
// git and oomguard run in an isolated environment: no system or global git
// config (HOME points into the sandbox), and none of the GIT_* variables of
// whoever runs the tests (e.g. a hook's GIT_INDEX_FILE), so a developer's
// core.hooksPath can never receive the hooks these tests install.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace fs = std::filesystem;
using nlohmann::json;
using og::test::RunResult;

extern char** environ;

namespace {

// ---------------------------------------------------------------- processes

// The environment every child gets: ours minus GIT_* (and HOME/XDG), plus a
// sandbox HOME and no system/global git config.
std::vector<std::string> child_env(const std::string& home) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string s = *e;
    if (s.rfind("GIT_", 0) == 0 || s.rfind("HOME=", 0) == 0 || s.rfind("XDG_CONFIG_HOME=", 0) == 0 ||
        s.rfind("NO_COLOR=", 0) == 0 || s.rfind("OOMGUARD_", 0) == 0)
      continue;
    env.push_back(s);
  }
  env.push_back("HOME=" + home);
  env.push_back("XDG_CONFIG_HOME=" + home + "/.config");
  env.push_back("GIT_CONFIG_NOSYSTEM=1");
  env.push_back("GIT_CONFIG_GLOBAL=/dev/null");
  env.push_back("GIT_TERMINAL_PROMPT=0");
  env.push_back("GIT_AUTHOR_DATE=2024-01-01T00:00:00Z");
  env.push_back("GIT_COMMITTER_DATE=2024-01-01T00:00:00Z");
  return env;
}

std::string sandbox_home() {
  static std::string home = [] {
    std::string h = og::test::temp_dir("git-home");
    fs::create_directories(h + "/.config");
    return h;
  }();
  return home;
}

// Runs argv[0] (looked up on PATH when it has no '/') with argv, in cwd, no
// shell, in the isolated environment.
RunResult run_argv(const std::vector<std::string>& argv, const std::string& cwd, int timeout_s = 60) {
  std::vector<std::string> env = child_env(sandbox_home());
  return og::test::run_command(argv, cwd, "", timeout_s, &env);
}

bool git_installed() {
  static bool ok = run_argv({"git", "--version"}, "").status == 0;
  return ok;
}

#define SKIP_WITHOUT_GIT()                       \
  if (!git_installed()) {                        \
    MESSAGE("SKIPPED: git not installed");       \
    return;                                      \
  }

// The oomguard binary in the same isolated environment.
RunResult og_run(const std::vector<std::string>& args, const std::string& cwd) {
  std::vector<std::string> argv{og::test::binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_argv(argv, cwd);
}

// A temporary repository driven by the git CLI.
struct Repo {
  std::string dir;

  explicit Repo(const std::string& tag) : dir(og::test::temp_dir("git-" + tag)) {
    git({"init", "-q", "-b", "main"});
    git({"config", "user.name", "oomguard tests"});
    git({"config", "user.email", "tests@oomguard.invalid"});
    git({"config", "commit.gpgsign", "false"});
  }
  // Runs git in the repository; a failure fails the test (unless allowed).
  RunResult git(const std::vector<std::string>& args, bool may_fail = false) const {
    std::vector<std::string> argv{"git"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunResult r = run_argv(argv, dir);
    if (!may_fail && r.status != 0) FAIL_CHECK("git " << args[0] << " failed (" << r.status << "): " << r.err);
    return r;
  }
  void write(const std::string& rel, const std::string& content) const { og::test::write_file(dir + "/" + rel, content); }
  std::string read(const std::string& rel) const { return og::test::read_file(dir + "/" + rel); }
  void add(const std::vector<std::string>& paths) const {
    std::vector<std::string> a{"add", "--"};
    a.insert(a.end(), paths.begin(), paths.end());
    git(a);
  }
  void commit(const std::string& msg) const { git({"commit", "-q", "--no-verify", "-m", msg}); }
  void commit_all(const std::string& msg) const {
    git({"add", "-A"});
    commit(msg);
  }
  std::string head() const {
    RunResult r = git({"rev-parse", "-q", "--verify", "HEAD"}, true);
    return r.status == 0 ? r.out.substr(0, r.out.find('\n')) : "";
  }
  RunResult og(const std::vector<std::string>& args, const std::string& sub = "") const {
    return og_run(args, sub.empty() ? dir : dir + "/" + sub);
  }
};

// ---------------------------------------------------------------- fixtures

// A Go pod with requests = limits = 1Gi; GOMEMLIMIT's value is at 11:18.
std::string pod(const std::string& name, const std::string& gomemlimit) {
  return "apiVersion: v1\n"
         "kind: Pod\n"
         "metadata:\n"
         "  name: " + name + "\n"
         "spec:\n"
         "  containers:\n"
         "    - name: app\n"
         "      image: example/app\n"
         "      env:\n"
         "        - name: GOMEMLIMIT\n"
         "          value: " + gomemlimit + "\n"
         "      resources:\n"
         "        requests:\n"
         "          memory: 1Gi\n"
         "        limits:\n"
         "          memory: 1Gi\n";
}
const char* kGood = "900MiB";
const char* kBad = "512Mi";  // OG101: not Go syntax

// A Deployment running registry.example.com/shop/api (linked to api/Dockerfile
// by the directory name) with a 512Mi limit at 16:23.
const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: api
          image: registry.example.com/shop/api:1.2
          resources:
            requests:
              memory: 512Mi
            limits:
              memory: 512Mi
)";
std::string dockerfile(const std::string& gomemlimit) { return "FROM scratch\nENV GOMEMLIMIT=" + gomemlimit + "\n"; }
// A compose service built from ./web, mem_limit at 4:16.
std::string compose(const std::string& mem) {
  return "services:\n  web:\n    build: ./web\n    mem_limit: " + mem + "\n    memswap_limit: " + mem + "\n";
}

// ---------------------------------------------------------------- reports

json parse_json(const RunResult& r) {
  json j = json::parse(r.out, nullptr, false);
  if (j.is_discarded()) FAIL_CHECK("not JSON: " << r.out << r.err);
  return j;
}

// "OG101 pod.yaml:11:18" (or "OG101 pod.yaml" without a line) per finding, sorted.
std::vector<std::string> ids(const json& arr) {
  std::vector<std::string> out;
  if (!arr.is_array()) return out;
  for (const auto& f : arr) {
    std::string s = f["rule_id"].get<std::string>() + " " + f["location"]["file"].get<std::string>();
    if (f["location"].contains("line"))
      s += ":" + std::to_string(f["location"]["line"].get<int>()) + ":" + std::to_string(f["location"]["column"].get<int>());
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  return out;
}
std::vector<std::string> findings(const json& j) { return ids(j["findings"]); }
std::vector<std::string> fixed(const json& j) { return ids(j["fixed"]); }
using V = std::vector<std::string>;

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_SUITE("e2e-git") {
  // ------------------------------------------------------------ --staged

  TEST_CASE("--staged reads the index: staged vs work-tree divergence, untracked files, first commit") {
    SKIP_WITHOUT_GIT();
    Repo repo("staged");
    // First commit (no HEAD yet): the staged file is checked; an untracked
    // bad file is not part of the commit and is ignored.
    repo.write("pod.yaml", pod("p", kBad));
    repo.write("untracked.yaml", pod("u", kBad));
    repo.add({"pod.yaml"});
    CHECK(repo.head().empty());
    auto r = repo.og({"scan", "--staged", ".", "--format", "json"});
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG101 pod.yaml:11:18"});
    CHECK(j["summary"]["files"] == 1);
    // the plain scan does see the untracked file (so ignoring it above is the index at work)
    r = repo.og({"scan", ".", "--format", "json"});
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == V{"OG101 pod.yaml:11:18", "OG101 untracked.yaml:11:18"});

    // A good first commit passes.
    repo.write("pod.yaml", pod("p", kGood));
    repo.add({"pod.yaml"});
    r = repo.og({"scan", "--staged", "."});
    CHECK(r.status == 0);
    CHECK(has(r.out, "No findings"));
    repo.commit("first");
    REQUIRE_FALSE(repo.head().empty());

    // A staged bad value with an unstaged fix still fails, at the staged line.
    repo.write("pod.yaml", pod("p", kBad));
    repo.add({"pod.yaml"});
    repo.write("pod.yaml", pod("p", kGood));
    r = repo.og({"scan", "--staged", "."});
    CHECK(r.status == 1);
    CHECK(has(r.out, "pod.yaml:11:18: OG101 error: GOMEMLIMIT=512Mi is not valid Go syntax"));
    CHECK(has(r.out, "11 |           value: 512Mi"));  // the snippet is the staged text, not the work tree's
    CHECK_FALSE(has(r.out, "untracked.yaml"));
    // ... and the plain scan of the work tree disagrees (only the untracked file)
    r = repo.og({"scan", ".", "--format", "json"});
    CHECK(findings(parse_json(r)) == V{"OG101 untracked.yaml:11:18"});

    // An unstaged bad value with a clean index passes.
    repo.git({"reset", "-q"});
    repo.write("pod.yaml", pod("p", kBad));
    r = repo.og({"scan", "--staged", ".", "--format", "json"});
    CHECK(r.status == 0);
    j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(j["summary"]["error"] == 0);
  }

  TEST_CASE("--staged reports only findings that involve a staged file") {
    SKIP_WITHOUT_GIT();
    Repo repo("involve");
    repo.write("legacy.yaml", pod("legacy", kBad));  // an existing problem, committed
    repo.write("pod.yaml", pod("p", kGood));
    repo.commit_all("init");
    // Stage a problem-free change elsewhere: the legacy finding is not this commit's business.
    repo.write("pod.yaml", pod("p2", kGood));
    repo.write("new.yaml", pod("n", "700MiB"));
    repo.add({"pod.yaml", "new.yaml"});
    auto r = repo.og({"scan", "--staged", ".", "--format", "json"});
    CHECK(r.status == 0);
    json j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(j["summary"]["error"] == 0);
    CHECK(repo.og({"scan", "."}).status == 1);  // the plain scan still reports legacy.yaml
    // Touching the legacy file itself (even a harmless edit) brings its finding back.
    repo.write("legacy.yaml", "# owned by team x\n" + pod("legacy", kBad));
    repo.add({"legacy.yaml"});
    r = repo.og({"scan", "--staged", ".", "--format", "json"});
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == V{"OG101 legacy.yaml:12:18"});
    // With nothing staged at all there is nothing to report.
    repo.git({"reset", "-q"});
    r = repo.og({"scan", "--staged", "."});
    CHECK(r.status == 0);
    CHECK(has(r.out, "No findings"));
  }

  TEST_CASE("--staged: the config comes from the index too") {
    SKIP_WITHOUT_GIT();
    Repo repo("config");
    repo.write("pod.yaml", pod("p", kGood));
    repo.commit_all("init");
    repo.write("pod.yaml", pod("p", kBad));
    repo.add({"pod.yaml"});
    // an unstaged config turning OG101 off does not apply to the commit
    repo.write(".oomguard.yaml", "rules:\n  OG101: off\n");
    CHECK(repo.og({"scan", "--staged", "."}).status == 1);
    // a staged one does
    repo.add({".oomguard.yaml"});
    auto r = repo.og({"scan", "--staged", "."});
    CHECK(r.status == 0);
    CHECK(has(r.out, "No findings"));
    // a staged broken config is a config error with its path and position
    repo.write(".oomguard.yaml", "rules:\n  OG999: off\n");
    repo.add({".oomguard.yaml"});
    repo.write(".oomguard.yaml", "rules:\n  OG101: off\n");  // the work tree's copy is fine
    r = repo.og({"scan", "--staged", "."});
    CHECK(r.status == 2);
    CHECK(has(r.err, repo.dir + "/.oomguard.yaml:2:3: config error: unknown rule ID 'OG999'"));
  }

  TEST_CASE("--staged: staging a Dockerfile reports the Kubernetes workload it breaks (cross-file)") {
    SKIP_WITHOUT_GIT();
    Repo repo("crossfile-k8s");
    repo.write("k8s/api.yaml", kDeployment);
    repo.write("api/Dockerfile", dockerfile("400MiB"));
    repo.write("README.md", "shop\n");
    repo.commit_all("good state");
    CHECK(repo.og({"scan", "."}).status == 0);

    repo.write("api/Dockerfile", dockerfile("600MiB"));
    repo.add({"api/Dockerfile"});
    for (const char* cache : {"cold", "warm", "off"}) {
      CAPTURE(cache);
      std::vector<std::string> args{"scan", "--staged", ".", "--format", "json"};
      if (std::string(cache) == "off") args.push_back("--no-cache");
      auto r = repo.og(args);
      CHECK(r.status == 1);
      json j = parse_json(r);
      CHECK(findings(j) == V{"OG103 api/Dockerfile:2:16"});
      REQUIRE(j["findings"].size() == 1);
      const json& f = j["findings"][0];
      CHECK(f["workload"] == "k8s:k8s/api.yaml#shop/Deployment/api/container/api");
      REQUIRE(f["related"].size() >= 1);
      CHECK(f["related"][0]["location"]["file"] == "k8s/api.yaml");
      CHECK(f["related"][0]["location"]["line"] == 16);
    }
    // The other way round: only the manifest is staged (its limit lowered);
    // the finding's primary location is the unstaged, unchanged Dockerfile.
    repo.git({"reset", "-q", "--hard"});
    std::string lowered = kDeployment;
    lowered.replace(lowered.rfind("512Mi"), 5, "256Mi");
    lowered.replace(lowered.rfind("512Mi"), 5, "256Mi");
    repo.write("k8s/api.yaml", lowered);
    repo.add({"k8s/api.yaml"});
    auto r = repo.og({"scan", "--staged", ".", "--format", "json"});
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG103 api/Dockerfile:2:16"});
  }

  TEST_CASE("--staged: staging a Dockerfile reports the compose service built from it") {
    SKIP_WITHOUT_GIT();
    Repo repo("crossfile-compose");
    repo.write("compose.yaml", compose("512m"));
    repo.write("web/Dockerfile", dockerfile("400MiB"));
    repo.commit_all("good state");
    CHECK(repo.og({"scan", "."}).status == 0);
    // GOMEMLIMIT raised above the limit, staged; the work tree is put back.
    repo.write("web/Dockerfile", dockerfile("600MiB"));
    repo.add({"web/Dockerfile"});
    repo.write("web/Dockerfile", dockerfile("400MiB"));
    auto r = repo.og({"scan", "--staged", ".", "--format", "json"});
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG103 web/Dockerfile:2:16"});
    REQUIRE(j["findings"].size() == 1);
    CHECK(j["findings"][0]["workload"] == "compose:compose.yaml#web");
    CHECK(j["findings"][0]["message"].get<std::string>().rfind("GOMEMLIMIT=600MiB is not below the memory limit 512m", 0) == 0);
    // Staging only compose.yaml with a lower limit reports the same service.
    repo.git({"reset", "-q"});
    repo.write("compose.yaml", compose("256m"));
    repo.add({"compose.yaml"});
    r = repo.og({"scan", "--staged", ".", "--format", "json"});
    CHECK(r.status == 1);
    j = parse_json(r);
    CHECK(findings(j) == V{"OG103 web/Dockerfile:2:16"});
    CHECK(j["findings"][0]["workload"] == "compose:compose.yaml#web");
  }

  TEST_CASE("--staged with a scan root in a subdirectory of the repository") {
    SKIP_WITHOUT_GIT();
    Repo repo("subdir");
    repo.write("svc/k8s/x.yaml", pod("x", kGood));
    repo.write("svc/k8s/legacy.yaml", pod("legacy", kBad));
    repo.write("other/y.yaml", pod("y", kGood));
    repo.commit_all("init");
    repo.write("svc/k8s/x.yaml", pod("x", kBad));
    repo.write("other/y.yaml", pod("y", kBad));  // staged, but outside the scan root
    repo.add({"svc/k8s/x.yaml", "other/y.yaml"});
    // from inside the subdirectory: paths relative to it
    auto r = repo.og({"scan", "--staged", ".", "--format", "json"}, "svc");
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG101 k8s/x.yaml:11:18"});
    CHECK(j["summary"]["files"].get<int>() >= 1);
    // from the work tree root, naming the subdirectory: paths relative to the cwd
    r = repo.og({"scan", "--staged", "svc", "--format", "json"});
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == V{"OG101 svc/k8s/x.yaml:11:18"});
    // a root holding no staged file: nothing to report
    fs::create_directories(repo.dir + "/docs");
    r = repo.og({"scan", "--staged", "docs"});
    CHECK(r.status == 0);
  }

  TEST_CASE("--staged needs a directory in a git work tree") {
    SKIP_WITHOUT_GIT();
    std::string plain = og::test::temp_dir("git-plain");
    og::test::write_file(plain + "/pod.yaml", pod("p", kBad));
    auto r = og_run({"scan", "--staged", "."}, plain);
    CHECK(r.status == 2);
    CHECK(has(r.err, "is not inside a git repository"));
    Repo repo("staged-args");
    repo.write("pod.yaml", pod("p", kBad));
    repo.add({"pod.yaml"});
    r = repo.og({"scan", "--staged", "pod.yaml"});
    CHECK(r.status == 2);
    CHECK(has(r.err, "pod.yaml is not a directory"));
    r = repo.og({"scan", "--staged", ".", "other"});
    CHECK(r.status == 2);
    CHECK(has(r.err, "scan one directory of a git work tree"));
  }

  // ------------------------------------------------------------ --diff-base

  TEST_CASE("--diff-base: new findings, findings already in the base, fixed ones, renames and deletions") {
    SKIP_WITHOUT_GIT();
    Repo repo("diffbase");
    repo.write("k8s/a.yaml", pod("a", kBad));
    repo.write("k8s/b.yaml", pod("b", kBad));
    repo.write("k8s/c.yaml", pod("c", kBad));
    repo.write("k8s/d.yaml", pod("d", kGood));
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "feature"});
    repo.write("k8s/d.yaml", pod("d", "1Gi"));   // new problem
    repo.write("k8s/b.yaml", pod("b", kGood));   // fixed
    repo.git({"mv", "k8s/c.yaml", "k8s/c-renamed.yaml"});  // renamed, problem kept
    repo.commit_all("feature work");

    auto r = repo.og({"scan", "--diff-base", "main", ".", "--format", "json"});
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG101 k8s/d.yaml:11:18"});
    CHECK(fixed(j) == V{"OG101 k8s/b.yaml:11:18"});
    CHECK(j["summary"]["baselined"] == 2);  // a.yaml and the renamed c
    CHECK(j["summary"]["fixed"] == 1);
    CHECK(j["summary"]["error"] == 1);

    r = repo.og({"scan", "--diff-base", "main", "."});
    CHECK(r.status == 1);
    CHECK(has(r.out, "k8s/d.yaml:11:18: OG101 error: GOMEMLIMIT=1Gi"));
    CHECK_FALSE(has(r.out, "c-renamed.yaml:"));
    CHECK(has(r.out, "2 findings already in the base revision not shown.\n"));
    CHECK(has(r.out, "fixed: OG101 GOMEMLIMIT=512Mi is not valid Go syntax"));
    CHECK(has(r.out, "(k8s/b.yaml:11:18, no longer found)\n"));

    // A rename with an edit in the same commit is still the same finding.
    repo.write("k8s/c-renamed.yaml", "# moved\n" + og::test::read_file(repo.dir + "/k8s/c-renamed.yaml"));
    repo.git({"mv", "k8s/c-renamed.yaml", "k8s/c2.yaml"});
    repo.commit_all("rename + edit");
    // A deleted file with a finding is listed as fixed.
    repo.git({"rm", "-q", "k8s/a.yaml"});
    repo.commit("delete a");
    r = repo.og({"scan", "--diff-base", "main", ".", "--format", "json"});
    CHECK(r.status == 1);
    j = parse_json(r);
    CHECK(findings(j) == V{"OG101 k8s/d.yaml:11:18"});
    CHECK(fixed(j) == V{"OG101 k8s/a.yaml:11:18", "OG101 k8s/b.yaml:11:18"});
    CHECK(j["summary"]["baselined"] == 1);

    // Fixing the new problem too: exit 0, only fixed ones listed.
    repo.write("k8s/d.yaml", pod("d", kGood));
    repo.commit_all("fix d");
    r = repo.og({"scan", "--diff-base", "main", ".", "--format", "json"});
    CHECK(r.status == 0);
    j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(j["summary"]["fixed"] == 2);

    // REF may be any revision; the merge base is what counts: main moving on
    // (a new problem there) changes nothing for the branch.
    std::string feature_head = repo.head();
    repo.git({"checkout", "-q", "main"});
    repo.write("k8s/e.yaml", pod("e", kBad));
    repo.commit_all("main moves on");
    repo.git({"checkout", "-q", "feature"});
    REQUIRE(repo.head() == feature_head);
    auto r2 = repo.og({"scan", "--diff-base", "main", ".", "--format", "json"});
    CHECK(r2.status == 0);
    CHECK(parse_json(r2)["summary"] == j["summary"]);
    // The branch compared with itself: everything is already in the base.
    r = repo.og({"scan", "--diff-base", "HEAD", ".", "--format", "json"});
    CHECK(r.status == 0);
    j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(fixed(j).empty());
    CHECK(j["summary"]["baselined"] == 1);  // c2.yaml
  }

  TEST_CASE("--diff-base: a base where no input existed yet reports every finding as new") {
    SKIP_WITHOUT_GIT();
    Repo repo("diffbase-empty");
    repo.write("README.md", "nothing to scan yet\n");
    repo.commit_all("base");
    std::string base = repo.head();
    repo.git({"checkout", "-q", "-b", "first-manifests"});
    repo.write("deploy/a.yaml", pod("a", kBad));
    repo.write("deploy/b.yaml", pod("b", "1Gi"));
    repo.write("deploy/ok.yaml", pod("ok", kGood));
    repo.commit_all("first manifests");
    auto r = repo.og({"scan", "--diff-base", base, ".", "--format", "json"});
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG101 deploy/a.yaml:11:18", "OG101 deploy/b.yaml:11:18"});
    CHECK(j["summary"]["baselined"] == 0);
    CHECK(j["summary"]["fixed"] == 0);
    CHECK(fixed(j).empty());
    // A scan root that does not exist in the base either (a subdirectory)
    r = repo.og({"scan", "--diff-base", "main", ".", "--format", "json"}, "deploy");
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == V{"OG101 a.yaml:11:18", "OG101 b.yaml:11:18"});
  }

  TEST_CASE("--diff-base --worktree scans uncommitted work") {
    SKIP_WITHOUT_GIT();
    Repo repo("worktree");
    repo.write("k8s/old.yaml", pod("old", kBad));
    repo.write("k8s/p.yaml", pod("p", kGood));
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "wip"});
    // nothing committed on the branch; the work tree has a new problem (unstaged)
    repo.write("k8s/p.yaml", pod("p", kBad));
    repo.write("k8s/new.yaml", pod("new", "2Gi"));  // untracked, but part of the work
    auto r = repo.og({"scan", "--diff-base", "main", ".", "--format", "json"});
    CHECK(r.status == 0);  // HEAD == base: nothing new
    CHECK(findings(parse_json(r)).empty());
    r = repo.og({"scan", "--diff-base", "main", "--worktree", ".", "--format", "json"});
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG101 k8s/new.yaml:11:18", "OG101 k8s/p.yaml:11:18"});
    CHECK(j["summary"]["baselined"] == 1);
    // a fix in the work tree shows as fixed
    repo.write("k8s/old.yaml", pod("old", kGood));
    r = repo.og({"scan", "--diff-base", "main", "--worktree", ".", "--format", "json"});
    j = parse_json(r);
    CHECK(fixed(j) == V{"OG101 k8s/old.yaml:11:18"});
    CHECK(j["summary"]["baselined"] == 0);
    // the work tree's config is used
    repo.write(".oomguard.yaml", "rules:\n  OG101: off\n");
    r = repo.og({"scan", "--diff-base", "main", "--worktree", "."});
    CHECK(r.status == 0);
  }

  // Renames are detected between the base and what was scanned: with
  // --worktree that includes uncommitted ones, staged (`git mv`) or not (`mv`,
  // the new path untracked).
  TEST_CASE("--diff-base --worktree: an uncommitted rename is not a new finding") {
    SKIP_WITHOUT_GIT();
    Repo repo("worktree-rename");
    repo.write("k8s/c.yaml", pod("c", kBad));
    repo.write("k8s/d.yaml", pod("d", kBad));
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "wip"});
    repo.git({"mv", "k8s/c.yaml", "k8s/c2.yaml"});
    auto r = repo.og({"scan", "--diff-base", "main", "--worktree", ".", "--format", "json"});
    CHECK(r.status == 0);
    json j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(fixed(j).empty());
    CHECK(j["summary"]["baselined"] == 2);
    // a plain mv (into a new, untracked directory), with an edit
    fs::create_directories(repo.dir + "/deploy");
    fs::rename(repo.dir + "/k8s/d.yaml", repo.dir + "/deploy/d.yaml");
    repo.write("deploy/d.yaml", "# moved\n" + repo.read("deploy/d.yaml"));
    r = repo.og({"scan", "--diff-base", "main", "--worktree", ".", "--format", "json"});
    CHECK(r.status == 0);
    j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(fixed(j).empty());
    CHECK(j["summary"]["baselined"] == 2);
    // from a subdirectory root, renames inside it still match
    r = repo.og({"scan", "--diff-base", "main", "--worktree", ".", "--format", "json"}, "k8s");
    CHECK(r.status == 0);
    j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(fixed(j) == V{"OG101 d.yaml:11:18"});  // it left the scan root
    // a new problem next to the renames is still new
    repo.write("deploy/e.yaml", pod("e", kBad));
    r = repo.og({"scan", "--diff-base", "main", "--worktree", ".", "--format", "json"});
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == V{"OG101 deploy/e.yaml:11:18"});
    // without --worktree HEAD is scanned: nothing was committed, nothing is new
    CHECK(repo.og({"scan", "--diff-base", "main", "."}).status == 0);
  }

  TEST_CASE("--diff-base usage and revision errors are exit 2 with a clear message") {
    SKIP_WITHOUT_GIT();
    Repo repo("diffbase-errors");
    auto r = repo.og({"scan", "--diff-base", "main", "."});
    CHECK(r.status == 2);  // no commit yet: HEAD does not resolve
    CHECK(has(r.err, "cannot resolve revision 'HEAD'"));
    repo.write("pod.yaml", pod("p", kBad));
    repo.commit_all("one");
    r = repo.og({"scan", "--diff-base", "no-such-branch", "."});
    CHECK(r.status == 2);
    CHECK(has(r.err, "oomguard scan: cannot resolve revision 'no-such-branch'"));
    CHECK(r.out.empty());
    r = repo.og({"scan", "--staged", "--diff-base", "main", "."});
    CHECK(r.status == 2);
    CHECK(has(r.err, "--staged and --diff-base cannot be combined"));
    r = repo.og({"scan", "--worktree", "."});
    CHECK(r.status == 2);
    CHECK(has(r.err, "--worktree needs --diff-base"));
    r = repo.og({"scan", "--diff-base"});
    CHECK(r.status == 2);
    CHECK(has(r.err, "--diff-base needs a value"));
    // a REF with no common history
    repo.git({"checkout", "-q", "--orphan", "island"});
    repo.commit_all("unrelated");
    r = repo.og({"scan", "--diff-base", "main", "."});
    CHECK(r.status == 2);
    CHECK(has(r.err, "no merge base"));
    // a tree is not a commit
    r = repo.og({"scan", "--diff-base", "main^{tree}", "."});
    CHECK(r.status == 2);
    CHECK(has(r.err, "is not a commit"));
  }

  // ------------------------------------------------------------ baselines

  TEST_CASE("baseline create, scan --baseline, new and fixed findings, prune") {
    SKIP_WITHOUT_GIT();
    Repo repo("baseline");
    repo.write("k8s/a.yaml", pod("a", kBad));
    repo.write("k8s/b.yaml", pod("b", "1Gi"));
    repo.write("compose.yaml", compose("512m"));
    repo.write("web/Dockerfile", dockerfile("600MiB"));  // OG103
    repo.write("k8s/ok.yaml", pod("ok", kGood));
    repo.commit_all("legacy repository");
    auto full = repo.og({"scan", ".", "--format", "json"});
    REQUIRE(full.status == 1);
    json fj = parse_json(full);
    REQUIRE(findings(fj) == V{"OG101 k8s/a.yaml:11:18", "OG101 k8s/b.yaml:11:18", "OG103 web/Dockerfile:2:16"});

    auto r = repo.og({"baseline", "create"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "recorded 3 findings in .oomguard-baseline.json"));
    json b = json::parse(repo.read(".oomguard-baseline.json"));
    CHECK(b["schema"] == "oomguard/baseline/v1");
    REQUIRE(b["findings"].size() == 3);
    std::vector<std::string> fps;
    for (const auto& e : b["findings"]) {
      for (const char* k : {"fingerprint", "rule_id", "workload", "file", "message"}) CHECK(e[k].is_string());
      CHECK(e["fingerprint"].get<std::string>().size() == 16);
      fps.push_back(e["fingerprint"]);
    }
    CHECK(std::is_sorted(fps.begin(), fps.end()));
    std::vector<std::string> scan_fps;
    for (const auto& f : fj["findings"]) scan_fps.push_back(f["fingerprint"]);
    std::sort(scan_fps.begin(), scan_fps.end());
    CHECK(fps == scan_fps);  // the same fingerprints the report shows
    // one finding per line (reviewable diffs)
    std::string text = repo.read(".oomguard-baseline.json");
    CHECK(std::count(text.begin(), text.end(), '\n') == 3 + 5);

    r = repo.og({"scan", ".", "--baseline", ".oomguard-baseline.json"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "No findings"));
    CHECK(has(r.out, "3 findings already in the baseline not shown.\n"));
    CHECK_FALSE(has(r.out, "fixed:"));

    // A new problem: only it is reported. A changed value of a known
    // finding is the same finding (fingerprints are value- and line-independent).
    repo.write("k8s/new.yaml", pod("new", "2Gi"));
    repo.write("k8s/b.yaml", "# moved down a line\n" + pod("b", "3Gi"));
    r = repo.og({"scan", ".", "--baseline", ".oomguard-baseline.json", "--format", "json"});
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG101 k8s/new.yaml:11:18"});
    CHECK(j["summary"]["baselined"] == 3);
    CHECK(fixed(j).empty());

    // Fixing one lists it as fixed (with the baseline's file, no line).
    repo.write("k8s/a.yaml", pod("a", kGood));
    repo.write("k8s/new.yaml", pod("new", kGood));
    r = repo.og({"scan", ".", "--baseline", ".oomguard-baseline.json", "--format", "json"});
    CHECK(r.status == 0);
    j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(fixed(j) == V{"OG101 k8s/a.yaml"});
    CHECK(j["summary"]["baselined"] == 2);
    CHECK(j["summary"]["fixed"] == 1);
    r = repo.og({"scan", ".", "--baseline", ".oomguard-baseline.json"});
    CHECK(has(r.out, "2 findings already in the baseline not shown.\n"));
    CHECK(has(r.out, "fixed: OG101 GOMEMLIMIT=512Mi is not valid Go syntax"));
    CHECK(has(r.out, "(k8s/a.yaml, no longer found)\n"));

    // prune removes exactly the fixed entry and never adds one.
    std::string fixed_fp = j["fixed"][0]["fingerprint"];
    repo.write("k8s/another.yaml", pod("another", kBad));  // new, not yet baselined
    r = repo.og({"baseline", "prune"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "removed 1 fixed finding, 2 remain in .oomguard-baseline.json"));
    json pruned = json::parse(repo.read(".oomguard-baseline.json"));
    CHECK(pruned["schema"] == "oomguard/baseline/v1");
    std::vector<std::string> left;
    for (const auto& e : pruned["findings"]) left.push_back(e["fingerprint"]);
    std::vector<std::string> expect;
    for (const auto& fp : fps)
      if (fp != fixed_fp) expect.push_back(fp);
    CHECK(left == expect);
    // pruning again changes nothing
    r = repo.og({"baseline", "prune", "--baseline", ".oomguard-baseline.json"});
    CHECK(has(r.out, "removed 0 fixed findings, 2 remain"));
    // and the new problem is still reported against the pruned baseline
    r = repo.og({"scan", ".", "--baseline", ".oomguard-baseline.json", "--format", "json"});
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == V{"OG101 k8s/another.yaml:11:18"});

    // --output names another file; --baseline combines with --diff-base/--staged
    r = repo.og({"baseline", "create", "--output", "custom-baseline.json"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "recorded 3 findings in custom-baseline.json"));
    repo.git({"add", "k8s/another.yaml"});
    r = repo.og({"scan", "--staged", ".", "--baseline", "custom-baseline.json"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "1 finding already in the baseline not shown.\n"));
  }

  // Known bug (see the report): with --staged or --diff-base the baseline is
  // compared with the findings left after the git mode's filtering, so every
  // baseline entry about an unstaged file (or one already in the base
  // revision) is listed as "fixed ... no longer found".
  TEST_CASE("--baseline with --staged or --diff-base lists only really fixed findings") {
    SKIP_WITHOUT_GIT();
    Repo repo("baseline-gitmodes");
    repo.write("k8s/a.yaml", pod("a", kBad));
    repo.write("k8s/b.yaml", pod("b", kBad));
    repo.write("k8s/ok.yaml", pod("ok", kGood));
    repo.commit_all("legacy");
    REQUIRE(repo.og({"baseline", "create"}).status == 0);
    repo.git({"checkout", "-q", "-b", "feature"});
    repo.write("k8s/ok.yaml", pod("ok2", kGood));
    repo.add({"k8s/ok.yaml"});
    auto r = repo.og({"scan", "--staged", ".", "--baseline", ".oomguard-baseline.json", "--format", "json"});
    CHECK(r.status == 0);
    json j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(fixed(j).empty());  // a.yaml and b.yaml still have their findings
    repo.commit("feature");
    r = repo.og({"scan", "--diff-base", "main", ".", "--baseline", ".oomguard-baseline.json", "--format", "json"});
    CHECK(r.status == 0);
    j = parse_json(r);
    CHECK(findings(j).empty());
    CHECK(fixed(j).empty());
  }

  TEST_CASE("a corrupt or missing baseline is exit 2 with its path") {
    SKIP_WITHOUT_GIT();
    Repo repo("baseline-bad");
    repo.write("pod.yaml", pod("p", kBad));
    repo.commit_all("one");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"truncated.json", "{\"schema\": \"oomguard/baseline/v1\", \"findings\": ["},
        {"foreign.json", "{\"schema\": \"something/else\", \"findings\": []}"},
        {"nofp.json", "{\"schema\": \"oomguard/baseline/v1\", \"findings\": [{\"rule_id\": \"OG101\"}]}"},
        {"binary.json", std::string("\x00\xff\xfe garbage", 11)},
    };
    for (const auto& [name, content] : cases) {
      CAPTURE(name);
      repo.write(name, content);
      auto r = repo.og({"scan", ".", "--baseline", name});
      CHECK(r.status == 2);
      CHECK(has(r.err, "oomguard scan: " + name));
      CHECK(r.out.empty());
      r = repo.og({"baseline", "prune", "--baseline", name});
      CHECK(r.status == 2);
      CHECK(has(r.err, name));
      CHECK(repo.read(name) == content);  // left untouched
    }
    auto r = repo.og({"scan", ".", "--baseline", "missing.json"});
    CHECK(r.status == 2);
    CHECK(has(r.err, "cannot read baseline missing.json"));
    r = repo.og({"baseline", "prune"});  // default file absent
    CHECK(r.status == 2);
    CHECK(has(r.err, ".oomguard-baseline.json"));
    r = repo.og({"baseline", "frobnicate"});
    CHECK(r.status == 2);
  }

  // ------------------------------------------------------------ hooks

  TEST_CASE("hook install: git commit of a staged GOMEMLIMIT=512Mi is blocked, a good commit succeeds") {
    SKIP_WITHOUT_GIT();
    Repo repo("hook");
    auto r = repo.og({"hook", "install"});
    CHECK(r.status == 0);
    std::string hook = repo.dir + "/.git/hooks/pre-commit";
    CHECK(has(r.out, "installed " + hook));
    struct stat st {};
    REQUIRE(stat(hook.c_str(), &st) == 0);
    CHECK((st.st_mode & 0111) == 0111);
    std::string script = og::test::read_file(hook);
    CHECK(script.rfind("#!/bin/sh\n", 0) == 0);
    CHECK(has(script, "# oomguard-pre-commit-hook v1\n"));
    CHECK(has(script, "scan --staged ."));
    CHECK(has(script, fs::canonical(og::test::binary()).string()));

    // the first commit, bad: blocked, nothing committed
    repo.write("k8s/pod.yaml", pod("p", kBad));
    repo.add({"k8s/pod.yaml"});
    r = repo.git({"commit", "-q", "-m", "bad"}, true);
    CHECK(r.status != 0);
    CHECK(repo.head().empty());
    CHECK(has(r.out + r.err, "k8s/pod.yaml:11:18: OG101 error: GOMEMLIMIT=512Mi"));
    // fixed: goes through
    repo.write("k8s/pod.yaml", pod("p", kGood));
    repo.add({"k8s/pod.yaml"});
    r = repo.git({"commit", "-q", "-m", "good"}, true);
    CHECK(r.status == 0);
    std::string good = repo.head();
    CHECK_FALSE(good.empty());
    // a staged bad value with the work tree already fixed is still blocked
    repo.write("k8s/pod.yaml", pod("p", kBad));
    repo.add({"k8s/pod.yaml"});
    repo.write("k8s/pod.yaml", pod("p", kGood));
    r = repo.git({"commit", "-q", "-m", "sneaky"}, true);
    CHECK(r.status != 0);
    CHECK(repo.head() == good);
    // an unrelated good commit with an unstaged bad value goes through
    repo.git({"reset", "-q"});
    repo.write("k8s/pod.yaml", pod("p", kBad));
    repo.write("README.md", "docs\n");
    repo.add({"README.md"});
    r = repo.git({"commit", "-q", "-m", "docs"}, true);
    CHECK(r.status == 0);
    CHECK(repo.head() != good);
    // installing again over our own hook is fine (no backup made)
    r = repo.og({"hook", "install"});
    CHECK(r.status == 0);
    CHECK_FALSE(fs::exists(hook + ".oomguard-backup"));
  }

  // Known bug (see the report): git runs the pre-commit hook of `git commit
  // -a` and `git commit PATH` with GIT_INDEX_FILE naming a temporary index;
  // oomguard reads .git/index, so those commits are not checked.
  TEST_CASE("the hook checks what `git commit -a` and `git commit PATH` commit") {
    SKIP_WITHOUT_GIT();
    Repo repo("hook-commit-a");
    repo.write("pod.yaml", pod("p", kGood));
    repo.commit_all("init");
    std::string init = repo.head();
    REQUIRE(repo.og({"hook", "install"}).status == 0);
    repo.write("pod.yaml", pod("p", kBad));
    auto r = repo.git({"commit", "-q", "-a", "-m", "bad via -a"}, true);
    CHECK(r.status != 0);
    CHECK(repo.head() == init);
    repo.git({"reset", "-q", "--hard", init});
    repo.write("pod.yaml", pod("p", kBad));
    r = repo.git({"commit", "-q", "-m", "bad via path", "pod.yaml"}, true);
    CHECK(r.status != 0);
    CHECK(repo.head() == init);
  }

  // A staged deletion (or the old path of a rename) involves the workloads
  // that read the file in HEAD: they are found by resolving HEAD's side.
  TEST_CASE("--staged: staging the deletion of a Dockerfile reports the workload it breaks") {
    SKIP_WITHOUT_GIT();
    Repo repo("staged-delete");
    std::string deployment = kDeployment;
    deployment.replace(deployment.find("    spec:\n"), 0, "    metadata:\n      annotations:\n        oomguard.io/runtime: go\n");
    repo.write("k8s/api.yaml", deployment);
    repo.write("api/Dockerfile", dockerfile("400MiB"));
    repo.write("legacy.yaml", pod("legacy", kBad));  // an existing problem nobody touches
    repo.write("README.md", "shop\n");
    repo.commit_all("init");
    REQUIRE(repo.og({"scan", "."}).status == 1);
    repo.git({"rm", "-q", "api/Dockerfile"});
    auto full = repo.og({"scan", ".", "--format", "json"});  // OG106: Go, a limit, no GOMEMLIMIT
    REQUIRE(full.status == 1);
    V broken;
    for (const auto& f : findings(parse_json(full)))
      if (f.find("legacy.yaml") == std::string::npos) broken.push_back(f);
    REQUIRE(broken.size() == 1);
    CHECK(has(broken[0], "OG106 k8s/api.yaml:"));
    for (const char* cache : {"cold", "warm", "off"}) {
      CAPTURE(cache);
      std::vector<std::string> args{"scan", "--staged", ".", "--format", "json"};
      if (std::string(cache) == "off") args.push_back("--no-cache");
      auto r = repo.og(args);
      CHECK(r.status == 1);
      json j = parse_json(r);
      CHECK(findings(j) == broken);
      REQUIRE(j["findings"].size() == 1);
      CHECK(j["findings"][0]["workload"] == "k8s:k8s/api.yaml#shop/Deployment/api/container/api");
    }
    // a rename is the deletion of the old path: the link by directory name is gone
    repo.git({"reset", "-q", "--hard"});
    repo.git({"mv", "api", "api-v2"});
    auto r = repo.og({"scan", "--staged", ".", "--format", "json"});
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == broken);
    // deleting what no workload reads reports nothing (the legacy finding stays out)
    repo.git({"reset", "-q", "--hard"});
    repo.git({"rm", "-q", "README.md"});
    r = repo.og({"scan", "--staged", "."});
    CHECK(r.status == 0);
    CHECK(has(r.out, "No findings"));
    // deleting a file with its own finding: the finding is gone with it
    repo.git({"reset", "-q", "--hard"});
    repo.git({"rm", "-q", "legacy.yaml"});
    CHECK(repo.og({"scan", "--staged", "."}).status == 0);
  }

  TEST_CASE("--staged: staging the deletion of an env file reports the compose service that read it") {
    SKIP_WITHOUT_GIT();
    Repo repo("staged-delete-env");
    repo.write("svc/compose.yaml",
               "services:\n  web:\n    image: example/web\n    mem_limit: 512m\n    memswap_limit: 512m\n"
               "    environment:\n      GOGC: \"100\"\n    env_file: go.conf\n");
    repo.write("svc/go.conf", "GOMEMLIMIT=400MiB\n");  // not an input by its name: read because compose names it
    repo.commit_all("init");
    REQUIRE(repo.og({"scan", "."}).status == 0);
    repo.git({"rm", "-q", "svc/go.conf"});
    auto full = repo.og({"scan", "svc", "--format", "json"}, "");
    REQUIRE(full.status == 1);
    V want = findings(parse_json(full));
    REQUIRE_FALSE(want.empty());
    // from the root and from the subdirectory
    auto r = repo.og({"scan", "--staged", ".", "--format", "json"}, "svc");
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j).size() == want.size());
    for (const auto& f : j["findings"]) CHECK(f["workload"] == "compose:compose.yaml#web");
    r = repo.og({"scan", "--staged", "svc", "--format", "json"});
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == want);
  }

  TEST_CASE("--staged: staging the deletion of a skaffold file reports the workload that lost its Dockerfile") {
    SKIP_WITHOUT_GIT();
    Repo repo("staged-delete-skaffold");
    repo.write("skaffold.yaml",
               "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n"
               "    - image: registry.example.com/shop/backend\n      context: services/api\n");
    repo.write("services/api/Dockerfile", "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\n"
                                          "COPY --from=build /app /app\nENV GOMEMLIMIT=900MiB\n");
    repo.write("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n"
                               "    image: registry.example.com/shop/backend:1\n"
                               "    resources: {requests: {memory: 1Gi}, limits: {memory: 1Gi}}\n");
    repo.write(".oomguard.yaml", "go_images: [\"registry\\\\.example\\\\.com/shop/.*\"]\n");
    repo.commit_all("init");
    REQUIRE(repo.og({"scan", "."}).status == 0);  // the skaffold link gives the pod its GOMEMLIMIT
    repo.git({"rm", "-q", "skaffold.yaml"});
    auto full = repo.og({"scan", ".", "--format", "json"});
    REQUIRE(full.status == 1);
    V want = findings(parse_json(full));
    CHECK(want == V{"OG106 k8s/pod.yaml:6:11"});
    for (const char* cache : {"--no-cache", "", ""}) {  // without the cache, cold, warm
      CAPTURE(cache);
      std::vector<std::string> args{"scan", "--staged", ".", "--format", "json"};
      if (*cache) args.push_back(cache);
      auto r = repo.og(args);
      CHECK(r.status == 1);
      CHECK(findings(parse_json(r)) == want);
    }
  }

  TEST_CASE("hook install keeps a foreign hook unless --force; uninstall removes only oomguard's and restores the backup") {
    SKIP_WITHOUT_GIT();
    Repo repo("hook-foreign");
    std::string hook = repo.dir + "/.git/hooks/pre-commit";
    const std::string foreign = "#!/bin/sh\necho 'team hook'\nexit 0\n";
    og::test::write_file(hook, foreign);
    chmod(hook.c_str(), 0755);

    auto r = repo.og({"hook", "install"});
    CHECK(r.status == 2);
    CHECK(has(r.err, hook + " exists and is not oomguard's hook; use --force"));
    CHECK(og::test::read_file(hook) == foreign);
    r = repo.og({"hook", "uninstall"});
    CHECK(r.status == 2);
    CHECK(has(r.err, "is not oomguard's hook; it was left alone"));
    CHECK(og::test::read_file(hook) == foreign);

    r = repo.og({"hook", "install", "--force"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "kept as " + hook + ".oomguard-backup"));
    CHECK(og::test::read_file(hook + ".oomguard-backup") == foreign);
    CHECK(has(og::test::read_file(hook), "# oomguard-pre-commit-hook v1"));

    const std::string backup = hook + ".oomguard-backup";
    // installing again over our own hook keeps the backup as it is
    r = repo.og({"hook", "install", "--force"});
    CHECK(r.status == 0);
    CHECK_FALSE(has(r.out, "kept as"));
    CHECK(og::test::read_file(backup) == foreign);
    // another foreign hook replacing ours: --force refuses to overwrite the first backup
    const std::string foreign2 = "#!/bin/sh\necho 'another tool'\nexit 0\n";
    og::test::write_file(hook, foreign2);
    r = repo.og({"hook", "install", "--force"});
    CHECK(r.status == 2);
    CHECK(has(r.err, backup + " already keeps an earlier one"));
    CHECK(og::test::read_file(hook) == foreign2);
    CHECK(og::test::read_file(backup) == foreign);
    fs::remove(hook);
    REQUIRE(repo.og({"hook", "install"}).status == 0);

    // uninstall puts the backup back, executable
    r = repo.og({"hook", "uninstall"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "removed " + hook + " and restored the previous hook from " + backup));
    CHECK(og::test::read_file(hook) == foreign);
    CHECK_FALSE(fs::exists(backup));
    struct stat st {};
    REQUIRE(stat(hook.c_str(), &st) == 0);
    CHECK((st.st_mode & 0111) == 0111);
    // ... which is not oomguard's: a second uninstall leaves it alone
    r = repo.og({"hook", "uninstall"});
    CHECK(r.status == 2);
    CHECK(og::test::read_file(hook) == foreign);
    // no hook but a stray backup: nothing to do, the backup is left alone
    fs::rename(hook, backup);
    r = repo.og({"hook", "uninstall"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "nothing to do (" + backup + " was left alone)"));
    CHECK(og::test::read_file(backup) == foreign);
    fs::remove(backup);

    // other hooks are never touched; a directory argument names the repository
    og::test::write_file(repo.dir + "/.git/hooks/commit-msg", foreign);
    fs::create_directories(repo.dir + "/sub/dir");
    r = og_run({"hook", "install", repo.dir + "/sub/dir"}, "/");
    CHECK(r.status == 0);
    CHECK(fs::exists(hook));
    CHECK(og::test::read_file(repo.dir + "/.git/hooks/commit-msg") == foreign);
    r = og_run({"hook", "uninstall"}, repo.dir + "/sub");
    CHECK(r.status == 0);
    CHECK_FALSE(fs::exists(hook));

    // usage errors
    CHECK(repo.og({"hook"}).status == 2);
    CHECK(repo.og({"hook", "frobnicate"}).status == 2);
    CHECK(repo.og({"hook", "install", "--bogus"}).status == 2);
    CHECK(repo.og({"hook", "uninstall", "--force"}).status == 2);
    std::string plain = og::test::temp_dir("git-hook-plain");
    r = og_run({"hook", "install"}, plain);
    CHECK(r.status == 2);
    CHECK(has(r.err, "not inside a git repository"));
  }

  TEST_CASE("a linked worktree (git worktree add): --staged reads its index, the hook goes where git runs it") {
    SKIP_WITHOUT_GIT();
    Repo repo("worktree-main");
    repo.write("pod.yaml", pod("p", kGood));
    repo.commit_all("init");
    std::string linked = og::test::temp_dir("git-worktree-linked");
    fs::remove_all(linked);
    repo.git({"worktree", "add", "-q", "-b", "side", linked});
    auto in_linked = [&](const std::vector<std::string>& args) {
      std::vector<std::string> argv{"git"};
      argv.insert(argv.end(), args.begin(), args.end());
      return run_argv(argv, linked);
    };
    std::string side = in_linked({"rev-parse", "HEAD"}).out;

    auto r = og_run({"hook", "install"}, linked);
    CHECK(r.status == 0);
    // git runs the hooks of the common directory for every worktree
    CHECK(has(r.out, "installed " + repo.dir + "/.git/hooks/pre-commit"));
    CHECK(fs::exists(repo.dir + "/.git/hooks/pre-commit"));

    og::test::write_file(linked + "/pod.yaml", pod("p", kBad));
    CHECK(in_linked({"add", "pod.yaml"}).status == 0);
    r = og_run({"scan", "--staged", ".", "--format", "json"}, linked);
    CHECK(r.status == 1);
    CHECK(findings(parse_json(r)) == V{"OG101 pod.yaml:11:18"});
    // the main worktree's index is a different one: nothing staged there
    CHECK(repo.og({"scan", "--staged", "."}).status == 0);
    auto c = in_linked({"commit", "-q", "-m", "bad"});
    CHECK(c.status != 0);
    CHECK(in_linked({"rev-parse", "HEAD"}).out == side);

    r = og_run({"hook", "uninstall"}, linked);
    CHECK(r.status == 0);
    CHECK_FALSE(fs::exists(repo.dir + "/.git/hooks/pre-commit"));
  }

  TEST_CASE("hooks honour core.hooksPath (relative to the work tree)") {
    SKIP_WITHOUT_GIT();
    Repo repo("hookspath");
    repo.git({"config", "core.hooksPath", ".githooks"});
    auto r = repo.og({"hook", "install"});
    CHECK(r.status == 0);
    std::string hook = repo.dir + "/.githooks/pre-commit";
    CHECK(has(r.out, "installed " + hook));
    CHECK(fs::exists(hook));
    CHECK_FALSE(fs::exists(repo.dir + "/.git/hooks/pre-commit"));
    // git runs it from there: a bad commit made from a subdirectory is blocked
    repo.write("deploy/pod.yaml", pod("p", kBad));
    repo.add({"deploy/pod.yaml"});
    auto c = run_argv({"git", "commit", "-q", "-m", "bad"}, repo.dir + "/deploy");
    CHECK(c.status != 0);
    CHECK(repo.head().empty());
    CHECK(has(c.out + c.err, "OG101"));
    // from a subdirectory, install/uninstall still resolve the path against the work tree
    r = repo.og({"hook", "uninstall"}, "deploy");
    CHECK(r.status == 0);
    CHECK_FALSE(fs::exists(hook));
    CHECK_FALSE(fs::exists(repo.dir + "/deploy/.githooks"));
    // an absolute core.hooksPath
    std::string abs = og::test::temp_dir("git-hooks-abs");
    repo.git({"config", "core.hooksPath", abs});
    r = repo.og({"hook", "install"});
    CHECK(r.status == 0);
    CHECK(fs::exists(abs + "/pre-commit"));
    c = repo.git({"commit", "-q", "-m", "bad"}, true);
    CHECK(c.status != 0);
    CHECK(repo.head().empty());
    CHECK(repo.og({"hook", "uninstall"}).status == 0);
    CHECK_FALSE(fs::exists(abs + "/pre-commit"));
    c = repo.git({"commit", "-q", "-m", "no hook now"}, true);
    CHECK(c.status == 0);
    CHECK_FALSE(repo.head().empty());
  }

  // ------------------------------------------------------------ OG508
  // A probe's baseline raised by the change: compared between the config at
  // the merge base and HEAD (or the work tree), reported at the new value.
  TEST_CASE("--diff-base: a raised probe baseline is OG508 at the new value; the rules listed include it") {
    SKIP_WITHOUT_GIT();
    Repo repo("og508");
    auto config = [](const std::string& peak, const std::string& note = "") {
      return "probes:\n"
             "  - name: api\n"
             "    workload: p.yaml#Pod/default/p/app\n"
             "    command: [./app]\n"
             "    baseline:\n"
             "      peak: " + peak + note + "\n"
             "      tolerance: 5\n";
    };
    repo.write("p.yaml", pod("p", kGood));
    repo.write(".oomguard.yaml", config("600MiB"));
    repo.commit_all("base");
    repo.git({"checkout", "-q", "-b", "topic"});
    // the same value in another syntax is no change
    repo.write(".oomguard.yaml", config("629145600"));
    repo.commit_all("same");
    auto r = repo.og({"scan", "--diff-base", "main", ".", "--format", "json"});
    CHECK(r.status == 0);
    CHECK(findings(parse_json(r)).empty());
    // raised: a warning at the value (exit 1), always new
    repo.write(".oomguard.yaml", config("700MiB"));
    repo.commit_all("raise");
    r = repo.og({"scan", "--diff-base", "main", ".", "--format", "json"});
    CHECK(r.status == 1);
    json j = parse_json(r);
    CHECK(findings(j) == V{"OG508 .oomguard.yaml:6:13"});
    REQUIRE(j["findings"].size() == 1);
    CHECK(j["findings"][0]["message"].get<std::string>() ==
          "probe api: baseline peak raised from 600MiB to 700MiB (+16.7%); with the 5% tolerance the probe now passes "
          "up to 735.0MiB (was 630.0MiB)");
    // text output shows the line
    r = repo.og({"scan", "--diff-base", "main", "."});
    CHECK(has(r.out, ".oomguard.yaml:6:13"));
    CHECK(has(r.out, "peak: 700MiB"));
    // SARIF lists OG508 among its rules with --diff-base, not in a plain scan
    auto rule_ids = [](const RunResult& res) {
      std::set<std::string> out;
      json s = json::parse(res.out, nullptr, false);
      if (s.is_discarded()) return out;
      for (const auto& rule : s["runs"][0]["tool"]["driver"]["rules"]) out.insert(rule["id"].get<std::string>());
      return out;
    };
    r = repo.og({"scan", "--diff-base", "main", ".", "--format", "sarif"});
    CHECK(rule_ids(r).count("OG508") == 1);
    CHECK(has(r.out, "\"ruleId\": \"OG508\""));
    r = repo.og({"scan", ".", "--format", "sarif"});
    CHECK(r.status == 0);
    CHECK(rule_ids(r).count("OG508") == 0);
    CHECK(rule_ids(r).count("OG101") == 1);
    // a reason on the line suppresses it
    repo.write(".oomguard.yaml", config("700MiB", "  # oomguard: ignore[OG508] new cache, reviewed"));
    r = repo.og({"scan", "--diff-base", "main", "--worktree", ".", "--format", "json"});
    CHECK(r.status == 0);
    j = parse_json(r);
    CHECK(j["summary"]["suppressed"] == 1);
    REQUIRE(j["findings"].size() == 1);
    CHECK(j["findings"][0]["suppression"]["justification"] == "new cache, reviewed");
    // lowered in the work tree: nothing with --worktree, still the commit's raise without it
    repo.write(".oomguard.yaml", config("500MiB"));
    CHECK(repo.og({"scan", "--diff-base", "main", "--worktree", "."}).status == 0);
    CHECK(repo.og({"scan", "--diff-base", "main", "."}).status == 1);
    // --staged does not compare revisions of the config
    repo.write(".oomguard.yaml", config("900MiB"));
    repo.add({".oomguard.yaml"});
    CHECK(repo.og({"scan", "--staged", "."}).status == 0);
  }
}
