// The CI templates: ci/github/run.sh (the scan step of the composite action)
// and the GitLab template's scan script, run under a fake CI environment
// against temporary git repositories; and the YAML of the action, the example
// workflow, the GitLab template and .pre-commit-hooks.yaml, parsed with
// yaml-cpp and checked field by field.
//
// The fake GitHub environment is built from scratch (never inherited, so a run
// of this suite inside real GitHub Actions cannot write to the job's own
// GITHUB_OUTPUT): GITHUB_ACTIONS, GITHUB_EVENT_NAME, GITHUB_BASE_REF,
// GITHUB_WORKSPACE (a clone of a local bare repository that plays `origin`),
// GITHUB_STEP_SUMMARY and GITHUB_OUTPUT (temporary files), RUNNER_TEMP, and
// OOMGUARD, the binary under test. Needs git and bash; without git every
// repository test prints SKIPPED.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <re2/re2.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "discover/discover.h"
#include "test_support.h"

namespace fs = std::filesystem;
using og::test::read_file;
using og::test::write_file;

namespace {

using Env = std::map<std::string, std::string>;

struct Proc {
  int status = -1;
  std::string out, err;
};

// Runs argv (PATH lookup for argv[0]) in cwd with exactly `env`, stdin from
// /dev/null, in its own process group (killed whole on timeout).
Proc run(const std::vector<std::string>& argv, const std::string& cwd, const Env& env, int timeout_s = 180) {
  static const std::string dir = og::test::temp_dir("ci-io");
  static int serial = 0;
  std::string io = dir + "/" + std::to_string(serial++);
  std::string out_path = io + ".out", err_path = io + ".err";
  Proc r;
  pid_t pid = fork();
  if (pid < 0) return r;
  if (pid == 0) {
    setpgid(0, 0);
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    std::vector<std::string> envs;
    for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (auto& e : envs) envp.push_back(e.data());
    envp.push_back(nullptr);
    execvpe(args[0], args.data(), envp.data());
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int status = 0;
  bool timed_out = false;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path) + (timed_out ? "\n[test: timed out]" : "");
  return r;
}

// A minimal, controlled environment: no GITHUB_* or CI variables of the
// machine running the tests, no user or system git configuration.
Env base_env(const std::string& home) {
  const char* path = std::getenv("PATH");
  Env e = {{"PATH", path ? path : "/usr/local/bin:/usr/bin:/bin"},
           {"HOME", home},
           {"LC_ALL", "C"},
           {"TMPDIR", fs::temp_directory_path().string()},
           {"GIT_CONFIG_NOSYSTEM", "1"},
           {"GIT_AUTHOR_NAME", "Test"},
           {"GIT_AUTHOR_EMAIL", "test@example.com"},
           {"GIT_COMMITTER_NAME", "Test"},
           {"GIT_COMMITTER_EMAIL", "test@example.com"}};
  for (const char* k : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"})
    if (const char* v = std::getenv(k)) e[k] = v;
  return e;
}

bool have_git(std::string* why) {
  Proc p = run({"git", "--version"}, "", base_env(fs::temp_directory_path().string()));
  if (p.status != 0) *why = "git is not installed (exit " + std::to_string(p.status) + ")";
  return p.status == 0;
}

std::string manifest(const std::string& name, const std::string& gomemlimit) {
  return "apiVersion: apps/v1\n"
         "kind: Deployment\n"
         "metadata:\n"
         "  name: " + name + "\n"
         "spec:\n"
         "  template:\n"
         "    spec:\n"
         "      containers:\n"
         "        - name: " + name + "\n"
         "          image: ghcr.io/acme/" + name + ":1.4.0\n"
         "          resources:\n"
         "            limits:\n"
         "              memory: 1Gi\n"
         "          env:\n"
         "            - name: GOMEMLIMIT\n"
         "              value: " + gomemlimit + "\n";  // line 16, column 22
}

// origin.git (bare) with `main`: deploy/api.yaml (clean) and deploy/legacy.yaml
// (OG101, already there); `feature` sets api's GOMEMLIMIT to 512Mi (a new OG101)
// and is pushed too. ws/ is a full clone checked out at `feature`, with
// origin/main deleted so that the script has to fetch it.
struct Repo {
  std::string dir, origin, ws, home;
  Env env;

  explicit Repo(const std::string& tag) {
    dir = og::test::temp_dir("ci-" + tag);
    home = dir + "/home";
    fs::create_directories(home);
    origin = dir + "/origin.git";
    ws = dir + "/ws";
    env = base_env(home);
    git(dir, {"init", "-q", "--bare", "-b", "main", origin});
    git(dir, {"init", "-q", "-b", "main", ws});
    write_file(ws + "/deploy/api.yaml", manifest("api", "900MiB"));
    write_file(ws + "/deploy/legacy.yaml", manifest("legacy", "256Mi"));
    git(ws, {"add", "."});
    git(ws, {"commit", "-q", "-m", "base"});
    git(ws, {"remote", "add", "origin", origin});
    git(ws, {"push", "-q", "origin", "main"});
    git(ws, {"checkout", "-q", "-b", "feature"});
    write_file(ws + "/deploy/api.yaml", manifest("api", "512Mi"));
    git(ws, {"commit", "-q", "-a", "-m", "bad GOMEMLIMIT"});
    git(ws, {"push", "-q", "origin", "feature"});
    git(ws, {"update-ref", "-d", "refs/remotes/origin/main"});
  }

  Proc git(const std::string& cwd, std::vector<std::string> args) const {
    args.insert(args.begin(), "git");
    Proc p = run(args, cwd, env);
    INFO("git " << args[1] << ": " << p.err);
    REQUIRE(p.status == 0);
    return p;
  }
  bool has_ref(const std::string& ref) const {
    return run({"git", "rev-parse", "--verify", "--quiet", ref}, ws, env).status == 0;
  }
};

// A fake GitHub Actions job around `workspace`; `event` "push" or "pull_request".
struct GitHubJob {
  Env env;
  std::string summary, output;

  GitHubJob(const Repo& repo, const std::string& workspace, const std::string& event, const std::string& tag) {
    std::string runner = repo.dir + "/runner-" + tag;
    fs::create_directories(runner + "/temp");
    summary = runner + "/step_summary.md";
    output = runner + "/github_output";
    write_file(summary, "previous step\n");
    write_file(output, "");
    env = repo.env;
    env["GITHUB_ACTIONS"] = "true";
    env["CI"] = "true";
    env["GITHUB_EVENT_NAME"] = event;
    env["GITHUB_REF"] = event == "pull_request" ? "refs/pull/7/merge" : "refs/heads/feature";
    if (event == "pull_request") {
      env["GITHUB_BASE_REF"] = "main";
      env["GITHUB_HEAD_REF"] = "feature";
    }
    env["GITHUB_WORKSPACE"] = workspace;
    env["GITHUB_STEP_SUMMARY"] = summary;
    env["GITHUB_OUTPUT"] = output;
    env["RUNNER_TEMP"] = runner + "/temp";
    env["OOMGUARD"] = og::test::binary();
  }

  // From a directory that is not the workspace: the script must cd itself.
  Proc run_script() const { return run({"bash", og::test::source_dir() + "/ci/github/run.sh"}, "/", env); }

  std::map<std::string, std::string> outputs() const {
    std::map<std::string, std::string> m;
    std::istringstream in(read_file(output));
    for (std::string line; std::getline(in, line);) {
      size_t eq = line.find('=');
      if (eq != std::string::npos) m[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return m;
  }
};

std::vector<std::string> annotations(const std::string& out) {
  std::vector<std::string> v;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("::", 0) == 0) v.push_back(line);
  return v;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

YAML::Node load_yaml(const std::string& rel) {
  std::string path = og::test::source_dir() + "/" + rel;
  REQUIRE_MESSAGE(fs::exists(path), path);
  YAML::Node n;
  try {
    n = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    FAIL(rel << ": " << e.what());
  }
  return n;
}

// The packages of a `NAME=(a b c)` line of a shell script.
std::vector<std::string> shell_array(const std::string& text, const std::string& name) {
  size_t at = text.find("\n" + name + "=(");
  REQUIRE_MESSAGE(at != std::string::npos, name << " not found");
  size_t open = text.find('(', at), close = text.find(')', open);
  std::istringstream in(text.substr(open + 1, close - open - 1));
  std::vector<std::string> v;
  for (std::string w; in >> w;) v.push_back(w);
  return v;
}

}  // namespace

TEST_SUITE("e2e-ci") {
  TEST_CASE("GitHub action script: a pull request gets annotations, SARIF, summary and outputs for its new finding only") {
    std::string why;
    if (!have_git(&why)) {
      MESSAGE("SKIPPED: " << why);
      return;
    }
    Repo repo("pr");
    GitHubJob job(repo, repo.ws, "pull_request", "pr");
    job.env["OOMGUARD_CATEGORY"] = "oomguard/test/";
    Proc p = job.run_script();
    INFO("stdout:\n" << p.out << "\nstderr:\n" << p.err);
    CHECK(p.status == 1);  // a new error, fail-on error (the default)
    CHECK(repo.has_ref("refs/remotes/origin/main"));  // fetched from origin
    CHECK(contains(p.err, "new relative to origin/main"));

    // annotations: the new finding only, not legacy.yaml's (already on main)
    auto ann = annotations(p.out);
    REQUIRE(ann.size() == 1);
    CHECK(ann[0].rfind("::error file=deploy/api.yaml,line=16,col=22,", 0) == 0);
    CHECK(contains(ann[0], "title=OG101 gomemlimit-malformed::GOMEMLIMIT=512Mi"));
    CHECK(!contains(p.out, "legacy"));

    // step outputs
    auto out = job.outputs();
    CHECK(out["findings"] == "1");
    CHECK(out["errors"] == "1");
    CHECK(out["warnings"] == "0");
    CHECK(out["notes"] == "0");
    CHECK(out["exit-code"] == "1");
    std::string sarif_path = repo.ws + "/oomguard.sarif";
    CHECK(out["sarif-file"] == sarif_path);

    // SARIF 2.1.0 with the one new result and the category
    REQUIRE(fs::exists(sarif_path));
    nlohmann::json sarif;
    REQUIRE_NOTHROW(sarif = nlohmann::json::parse(read_file(sarif_path)));
    CHECK(sarif["version"] == "2.1.0");
    REQUIRE(sarif["runs"].size() == 1);
    const auto& run0 = sarif["runs"][0];
    CHECK(run0["automationDetails"]["id"] == "oomguard/test/");
    REQUIRE(run0["results"].size() == 1);
    CHECK(run0["results"][0]["ruleId"] == "OG101");
    CHECK(run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "deploy/api.yaml");

    // the step summary: appended to, with the markdown table
    std::string summary = read_file(job.summary);
    CHECK(summary.rfind("previous step\n", 0) == 0);
    CHECK(contains(summary, "## oomguard: changes since the base revision"));
    CHECK(contains(summary, "| Level | Rule | Location | Workload | Message |"));
    CHECK(contains(summary, "| error | OG101 gomemlimit-malformed | `deploy/api.yaml:16` |"));
    CHECK(!contains(summary, "legacy.yaml"));
  }

  TEST_CASE("GitHub action script: fail-on, extra arguments and an explicit base ref") {
    std::string why;
    if (!have_git(&why)) {
      MESSAGE("SKIPPED: " << why);
      return;
    }
    Repo repo("failon");
    SUBCASE("fail-on never: the finding is reported, the step passes") {
      GitHubJob job(repo, repo.ws, "pull_request", "never");
      job.env["OOMGUARD_FAIL_ON"] = "never";
      Proc p = job.run_script();
      INFO(p.out << p.err);
      CHECK(p.status == 0);
      CHECK(annotations(p.out).size() == 1);
      CHECK(job.outputs()["findings"] == "1");
      CHECK(job.outputs()["exit-code"] == "0");
    }
    SUBCASE("OOMGUARD_ARGS reach the scan: --ignore OG101 leaves nothing") {
      GitHubJob job(repo, repo.ws, "pull_request", "args");
      job.env["OOMGUARD_ARGS"] = "--ignore OG101  --jobs 1";
      Proc p = job.run_script();
      INFO(p.out << p.err);
      CHECK(p.status == 0);
      CHECK(annotations(p.out).empty());
      CHECK(job.outputs()["findings"] == "0");
      CHECK(contains(read_file(job.summary), "**No findings**"));
    }
    SUBCASE("base-ref given on a push event compares too (refs/heads/ prefix accepted)") {
      GitHubJob job(repo, repo.ws, "push", "base");
      job.env["OOMGUARD_BASE_REF"] = "refs/heads/main";
      Proc p = job.run_script();
      INFO(p.out << p.err);
      CHECK(p.status == 1);
      CHECK(annotations(p.out).size() == 1);
      CHECK(job.outputs()["findings"] == "1");
    }
    SUBCASE("OOMGUARD_FETCH=never without origin/main: exit 2 with the fetch-depth hint, no findings output") {
      GitHubJob job(repo, repo.ws, "pull_request", "nofetch");
      job.env["OOMGUARD_FETCH"] = "never";
      Proc p = job.run_script();
      INFO(p.out << p.err);
      CHECK(p.status == 2);
      CHECK(contains(p.err, "fetch-depth: 0"));
      CHECK(!repo.has_ref("refs/remotes/origin/main"));
      CHECK(job.outputs().count("findings") == 0);
      CHECK(job.outputs().count("sarif-file") == 0);
    }
  }

  TEST_CASE("GitHub action script: a push scans the whole tree") {
    std::string why;
    if (!have_git(&why)) {
      MESSAGE("SKIPPED: " << why);
      return;
    }
    Repo repo("push");
    GitHubJob job(repo, repo.ws, "push", "push");
    Proc p = job.run_script();
    INFO("stdout:\n" << p.out << "\nstderr:\n" << p.err);
    CHECK(p.status == 1);
    CHECK(contains(p.err, "scanning the whole tree"));
    CHECK(!repo.has_ref("refs/remotes/origin/main"));  // nothing fetched
    auto ann = annotations(p.out);
    REQUIRE(ann.size() == 2);
    CHECK(contains(p.out, "file=deploy/api.yaml,line=16"));
    CHECK(contains(p.out, "file=deploy/legacy.yaml,line=16"));
    auto out = job.outputs();
    CHECK(out["findings"] == "2");
    CHECK(out["errors"] == "2");
    auto sarif = nlohmann::json::parse(read_file(out["sarif-file"]));
    CHECK(sarif["version"] == "2.1.0");
    CHECK(sarif["runs"][0]["results"].size() == 2);
    CHECK(sarif["runs"][0]["automationDetails"]["id"] == "oomguard/");
    std::string summary = read_file(job.summary);
    CHECK(contains(summary, "## oomguard\n"));
    CHECK(!contains(summary, "changes since the base revision"));
    CHECK(contains(summary, "| Level | Rule | Location | Workload | Message |"));
  }

  TEST_CASE("GitHub action script: a shallow checkout (fetch-depth 1) fetches the base and the history it needs") {
    std::string why;
    if (!have_git(&why)) {
      MESSAGE("SKIPPED: " << why);
      return;
    }
    Repo repo("shallow");
    std::string shallow = repo.dir + "/shallow";
    repo.git(repo.dir, {"clone", "-q", "--depth", "1", "--branch", "feature", "file://" + repo.origin, shallow});
    REQUIRE(run({"git", "rev-parse", "--is-shallow-repository"}, shallow, repo.env).out == "true\n");
    GitHubJob job(repo, shallow, "pull_request", "shallow");
    Proc p = job.run_script();
    INFO("stdout:\n" << p.out << "\nstderr:\n" << p.err);
    CHECK(p.status == 1);
    auto ann = annotations(p.out);
    REQUIRE(ann.size() == 1);
    CHECK(contains(ann[0], "file=deploy/api.yaml,line=16"));
    CHECK(job.outputs()["findings"] == "1");
  }

  TEST_CASE("GitLab template: the scan script on a merge request and on a branch pipeline") {
    std::string why;
    if (!have_git(&why)) {
      MESSAGE("SKIPPED: " << why);
      return;
    }
    YAML::Node t = load_yaml("ci/gitlab/oomguard.gitlab-ci.yml");
    // before_script finds OOMGUARD set and only prints the version; script scans.
    std::string script = "set -eo pipefail\n";
    for (const char* part : {"before_script", "script"})
      for (const auto& line : t[".oomguard"][part]) script += line.as<std::string>() + "\n";
    Repo repo("gitlab");
    Env env = repo.env;
    env["GITLAB_CI"] = "true";
    env["CI"] = "true";
    env["CI_PROJECT_DIR"] = repo.ws;
    env["OOMGUARD"] = og::test::binary();
    std::string cq = repo.ws + "/gl-code-quality-report.json", junit = repo.ws + "/oomguard-junit.xml";

    SUBCASE("merge request: fails on the new finding; Code Quality holds every finding") {
      env["CI_PIPELINE_SOURCE"] = "merge_request_event";
      env["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main";
      Proc p = run({"bash", "-c", script}, repo.ws, env);
      INFO("stdout:\n" << p.out << "\nstderr:\n" << p.err);
      CHECK(p.status == 1);
      CHECK(repo.has_ref("refs/remotes/origin/main"));
      CHECK(contains(p.out, "deploy/api.yaml:16:22: OG101 error"));
      CHECK(!contains(p.out, "legacy.yaml:16"));
      auto report = nlohmann::json::parse(read_file(cq));
      REQUIRE(report.is_array());
      CHECK(report.size() == 2);
      std::string xml = read_file(junit);
      CHECK(contains(xml, "<testsuites"));
      CHECK(contains(xml, "failures=\"1\""));  // only the new finding fails
      CHECK(contains(xml, "<failure message=\"GOMEMLIMIT=512Mi"));
    }
    SUBCASE("branch pipeline: a plain scan") {
      env["CI_PIPELINE_SOURCE"] = "push";
      Proc p = run({"bash", "-c", script}, repo.ws, env);
      INFO("stdout:\n" << p.out << "\nstderr:\n" << p.err);
      CHECK(p.status == 1);
      CHECK(!repo.has_ref("refs/remotes/origin/main"));
      CHECK(contains(p.out, "deploy/legacy.yaml:16:22: OG101 error"));
      CHECK(nlohmann::json::parse(read_file(cq)).size() == 2);
      CHECK(contains(read_file(junit), "failures=\"2\""));
    }
  }

  TEST_CASE("CI templates: the composite action's YAML") {
    YAML::Node a = load_yaml("ci/github/action.yml");
    CHECK(a["name"].as<std::string>() == "oomguard");
    CHECK(a["runs"]["using"].as<std::string>() == "composite");
    const YAML::Node in = a["inputs"];
    CHECK(in["path"]["default"].as<std::string>() == ".");
    CHECK(contains(in["base-ref"]["default"].as<std::string>(), "github.base_ref"));
    CHECK(in["fail-on"]["default"].as<std::string>() == "error");
    CHECK(in["sarif-file"]["default"].as<std::string>() == "oomguard.sarif");
    CHECK(in["category"]["default"].as<std::string>() == "oomguard/");
    CHECK(in["upload-sarif"]["default"].as<std::string>() == "true");
    CHECK(in["baseline"].IsMap());
    CHECK(in["version"]["default"].as<std::string>().empty());  // the action's own version
    CHECK(in["build-from-source"]["default"].as<std::string>() == "false");
    for (const auto& kv : in) CHECK_MESSAGE(kv.second["description"].IsScalar(), kv.first.as<std::string>());
    CHECK(contains(a["outputs"]["findings"]["value"].as<std::string>(), "steps.scan.outputs.findings"));
    CHECK(contains(a["outputs"]["sarif-file"]["value"].as<std::string>(), "steps.scan.outputs.sarif-file"));

    std::string run_sh = read_file(og::test::source_dir() + "/ci/github/run.sh");
    bool scan = false, build = false, upload = false;
    for (const auto& step : a["runs"]["steps"]) {
      if (step["run"]) CHECK_MESSAGE(step["shell"].as<std::string>() == "bash", "composite run steps need shell");
      std::string id = step["id"] ? step["id"].as<std::string>() : "";
      if (id == "build") {
        build = true;
        CHECK(contains(step["run"].as<std::string>(), "$GITHUB_ACTION_PATH/install.sh"));
        std::string install_sh = read_file(og::test::source_dir() + "/ci/github/install.sh");
        CHECK(contains(install_sh, "build.sh"));  // build-from-source
        for (const auto& kv : step["env"]) {
          std::string var = kv.first.as<std::string>();
          CHECK_MESSAGE(contains(install_sh, "${" + var + ":-"), var);
        }
        for (const char* input : {"version", "build-from-source", "package-url"})
          CHECK_MESSAGE(contains(YAML::Dump(step["env"]), std::string("inputs.") + input), input);
      }
      if (id == "scan") {
        scan = true;
        CHECK(contains(step["run"].as<std::string>(), "$GITHUB_ACTION_PATH/run.sh"));
        CHECK(contains(step["env"]["OOMGUARD"].as<std::string>(), "steps.build.outputs.binary"));
        for (const auto& kv : step["env"]) {  // every variable passed is one run.sh reads
          std::string var = kv.first.as<std::string>();
          CHECK_MESSAGE(contains(run_sh, "${" + var + ":-"), var);
        }
        for (const char* input : {"path", "base-ref", "fail-on", "sarif-file", "category", "baseline"})
          CHECK_MESSAGE(contains(YAML::Dump(step["env"]), std::string("inputs.") + input), input);
      }
      if (step["uses"] && step["uses"].as<std::string>().rfind("github/codeql-action/upload-sarif@", 0) == 0) {
        upload = true;
        std::string cond = step["if"].as<std::string>();
        CHECK(contains(cond, "always()"));  // runs after a failing scan step
        CHECK(contains(cond, "inputs.upload-sarif == 'true'"));
        CHECK(contains(step["with"]["sarif_file"].as<std::string>(), "steps.scan.outputs.sarif-file"));
        CHECK(contains(step["with"]["category"].as<std::string>(), "inputs.category"));
      }
    }
    CHECK(build);
    CHECK(scan);
    CHECK(upload);
  }

  TEST_CASE("CI templates: the example workflow's YAML") {
    YAML::Node w = load_yaml("ci/github/example-workflow.yml");
    CHECK(w["on"]["pull_request"]);
    CHECK(w["on"]["push"]);
    CHECK(w["permissions"]["security-events"].as<std::string>() == "write");
    CHECK(w["permissions"]["contents"].as<std::string>() == "read");
    REQUIRE(w["jobs"].IsMap());
    bool checkout = false, action = false;
    for (const auto& job : w["jobs"])
      for (const auto& step : job.second["steps"]) {
        std::string uses = step["uses"] ? step["uses"].as<std::string>() : "";
        if (uses.rfind("actions/checkout@", 0) == 0) {
          checkout = true;
          CHECK(step["with"]["fetch-depth"].as<int>() == 0);
        }
        if (contains(uses, "/ci/github@")) action = true;
      }
    CHECK(checkout);
    CHECK(action);
  }

  TEST_CASE("CI templates: the GitLab template's YAML") {
    YAML::Node t = load_yaml("ci/gitlab/oomguard.gitlab-ci.yml");
    const YAML::Node job = t[".oomguard"];
    REQUIRE(job.IsMap());
    CHECK(job["script"].IsSequence());
    CHECK(job["variables"]["GIT_DEPTH"].as<std::string>() == "0");
    CHECK(job["artifacts"]["when"].as<std::string>() == "always");
    CHECK(job["artifacts"]["reports"]["codequality"].as<std::string>() == "gl-code-quality-report.json");
    CHECK(job["artifacts"]["reports"]["junit"].as<std::string>() == "oomguard-junit.xml");
    std::string script;
    for (const auto& line : job["script"]) script += line.as<std::string>();
    CHECK(contains(script, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"));
    CHECK(contains(script, "--diff-base \"origin/$target\""));
    CHECK(contains(script, "--output gitlab=gl-code-quality-report.json"));
    CHECK(contains(script, "--output junit=oomguard-junit.xml"));
    std::string before;
    for (const auto& line : job["before_script"]) before += line.as<std::string>();
    // the released package by version, a build only when asked
    CHECK(contains(before, "OOMGUARD_BUILD_FROM_SOURCE:-false}\" != true"));
    CHECK(contains(before, "/v$version/downloads/oomguard_${version}_amd64.deb"));
    CHECK(contains(before, "apt-get install -y -qq --no-install-recommends \"/tmp/oomguard_${version}_amd64.deb\""));
    CHECK(t["oomguard"]["extends"].as<std::string>() == ".oomguard");
    CHECK(t["oomguard"]["rules"].IsSequence());
  }

  TEST_CASE("CI templates: the action and the GitLab template install what the build needs, from ci/setup's list") {
    std::string src = og::test::source_dir();
    auto setup = shell_array(read_file(src + "/ci/setup"), "PKGS");
    auto action = shell_array(read_file(src + "/ci/github/build.sh"), "PKGS");
    std::string gitlab = read_file(src + "/ci/gitlab/oomguard.gitlab-ci.yml");
    // The Debian package of every dependency CMakeLists.txt looks for (a new
    // one must be added here, to ci/github/build.sh and to the GitLab template).
    const std::map<std::string, std::string> debian = {
        {"yaml-cpp", "libyaml-cpp-dev"}, {"nlohmann_json", "nlohmann-json3-dev"}, {"Threads", ""},
        {"PkgConfig", "pkg-config"},     {"re2", "libre2-dev"},                   {"libgit2", "libgit2-dev"}};
    std::vector<std::string> needed = {"g++", "cmake", "ninja-build", "git"};
    std::string cmake = read_file(src + "/CMakeLists.txt");
    re2::StringPiece in(cmake);
    std::string dep;
    while (RE2::FindAndConsume(&in, R"((?:find_package\(|pkg_check_modules\(\w+ REQUIRED IMPORTED_TARGET )([\w-]+))", &dep)) {
      auto it = debian.find(dep);
      REQUIRE_MESSAGE(it != debian.end(), "CMakeLists.txt needs " << dep << ": add its Debian package to this test");
      if (!it->second.empty()) needed.push_back(it->second);
    }
    CHECK(needed.size() >= 9);
    for (const auto& p : needed) {
      CHECK_MESSAGE(std::find(setup.begin(), setup.end(), p) != setup.end(), "ci/setup lacks " << p);
      CHECK_MESSAGE(std::find(action.begin(), action.end(), p) != action.end(), "ci/github/build.sh lacks " << p);
      CHECK_MESSAGE(contains(gitlab, " " + p + " "), "the GitLab template lacks " << p);
    }
    for (const auto& p : action)  // nothing the project does not know of
      CHECK_MESSAGE(std::find(setup.begin(), setup.end(), p) != setup.end(), "ci/setup lacks " << p);
  }

  TEST_CASE("CI templates: .pre-commit-hooks.yaml") {
    YAML::Node hooks = load_yaml(".pre-commit-hooks.yaml");
    REQUIRE(hooks.IsSequence());
    REQUIRE(hooks.size() == 2);
    const YAML::Node h = hooks[0];
    // the second: the same hook in the container image of this version
    const YAML::Node d = hooks[1];
    CHECK(d["id"].as<std::string>() == "oomguard-docker");
    CHECK(d["language"].as<std::string>() == "docker_image");
    CHECK(d["entry"].as<std::string>() == "oomguard:" OOMGUARD_VERSION " scan --staged .");
    for (const char* k : {"pass_filenames", "require_serial", "files", "exclude"})
      CHECK_MESSAGE(d[k].as<std::string>() == h[k].as<std::string>(), k);
    CHECK(h["id"].as<std::string>() == "oomguard");
    CHECK(h["name"].IsScalar());
    CHECK(h["entry"].as<std::string>() == "oomguard scan --staged .");
    CHECK(h["language"].as<std::string>() == "system");
    CHECK(h["pass_filenames"].as<bool>() == false);
    CHECK(h["require_serial"].as<bool>() == true);
    CHECK(!h["always_run"]);

    // `files` (a Python verbose regex, searched in repo-relative paths) must
    // select exactly what oomguard's discovery reads, less BuildKit's ignore
    // files (`exclude`). RE2 has no verbose mode: drop (?x) and whitespace.
    std::string files = h["files"].as<std::string>();
    REQUIRE(files.rfind("(?x)", 0) == 0);
    std::string compact;
    for (char c : files.substr(4))
      if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
    RE2 files_re(compact), exclude_re(h["exclude"].as<std::string>());
    REQUIRE(files_re.ok());
    REQUIRE(exclude_re.ok());
    for (const std::string p :
         {"Dockerfile", "svc/Dockerfile", "svc/Dockerfile.prod", "Containerfile", "a/Containerfile.dev",
          "x/api.Dockerfile", "x/api.dockerfile", "k8s/deploy.yaml", "compose.yml", "A.YAML", "chart/values.json",
          ".env", "svc/.env", "svc/.env.local", "prod.env", "go.mod", "svc/go.mod", "deploy.sh", "x.bash", "Makefile",
          "makefile", "GNUmakefile", "rules.mk", "Jenkinsfile", ".oomguard.yaml", "skaffold.yaml", "README.md",
          "main.go", "go.sum", "Dockerfile.dockerignore", "api.Dockerfile.dockerignore", "notgo.mod",
          "dockerfile", ".envrc", "environment", "src/Makefile.am", "docs/yaml/readme", "x.yaml.bak"}) {
      bool hook = RE2::PartialMatch(p, files_re) && !RE2::PartialMatch(p, exclude_re);
      bool read = og::classify_path(p) != 0;
      CHECK_MESSAGE(hook == read, p << ": hook " << hook << ", discovery " << read);
    }
  }
}
