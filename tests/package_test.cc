// Installing oomguard without building it. Unit: --version with the git
// commit, --color / NO_COLOR / FORCE_COLOR, OOMGUARD_CONFIG, the man page and
// the bash completion generated from the --help texts. Real (suite
// e2e-package): the .deb of ci/package (fields, dpkg-shlibdeps dependencies,
// contents, `man oomguard` on the installed layout), and in a clean Debian 12
// root made by mmdebstrap (ci/debian-root, cached under build/)
// `apt-get install ./oomguard_*.deb` then `oomguard scan` of a copy of the demo
// with its pinned findings. What the machine lacks is reported as SKIPPED.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "test_support.h"

namespace fs = std::filesystem;
using og::test::run_command;
using og::test::RunResult;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::vector<std::string> base_env() {
  std::vector<std::string> env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C",
                                  "HOME=" + fs::temp_directory_path().string()};
  for (const char* k : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"})
    if (const char* v = std::getenv(k)) env.push_back(std::string(k) + "=" + v);
  return env;
}

RunResult oomguard_env(const std::vector<std::string>& args, const std::vector<std::string>& extra_env,
                       const std::string& cwd = "") {
  auto env = base_env();
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  std::vector<std::string> argv = {og::test::binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, cwd, "", 60, &env);
}

// The findings of a text report as tests/golden/demo.txt pins them: the
// summary and the finding lines beginning with `prefix` ("fixtures/demo/" for a
// scan of that path, "" for a scan of the demo's own directory), written under
// fixtures/demo/.
std::string demo_lines(const std::string& out, const std::string& prefix) {
  std::string lines;
  std::istringstream in(out);
  for (std::string l; std::getline(in, l);)
    if (l.rfind("Found", 0) == 0) lines += l + "\n";
    else if (l.rfind(prefix, 0) == 0 && l.size() > prefix.size() && l.find(": OG") != std::string::npos)
      lines += "fixtures/demo/" + l.substr(prefix.size()) + "\n";
  return lines;
}

// The options `oomguard CMD --help` lists.
std::set<std::string> help_options(const std::string& cmd) {
  auto r = og::test::run_oomguard({cmd, "--help"});
  REQUIRE(r.status == 0);
  std::set<std::string> o;
  static const std::regex flag(R"((^|[\s\[,|(])(--[a-z][a-z-]*))");
  for (std::sregex_iterator it(r.out.begin(), r.out.end(), flag), e; it != e; ++it) o.insert((*it)[2]);
  return o;
}

const std::vector<std::string> kCommands = {"scan", "rules", "probe", "baseline", "hook"};

}  // namespace

TEST_CASE("--color, NO_COLOR and FORCE_COLOR decide colour") {
  using og::use_color;
  CHECK(use_color("auto", true, nullptr, nullptr));
  CHECK(!use_color("auto", false, nullptr, nullptr));
  CHECK(!use_color("auto", true, "1", nullptr));
  CHECK(use_color("auto", true, "", nullptr));  // empty NO_COLOR is unset
  CHECK(use_color("auto", false, nullptr, "1"));
  CHECK(!use_color("auto", true, nullptr, "0"));
  CHECK(!use_color("auto", true, nullptr, "false"));
  CHECK(!use_color("auto", false, nullptr, ""));
  CHECK(!use_color("auto", false, "1", "1"));  // NO_COLOR wins over FORCE_COLOR
  CHECK(use_color("always", false, "1", nullptr));
  CHECK(!use_color("never", true, nullptr, "1"));
}

TEST_CASE("the binary: --version with the commit, --color, FORCE_COLOR, NO_COLOR, OOMGUARD_CONFIG") {
  auto v = og::test::run_oomguard({"--version"});
  CHECK(v.status == 0);
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_match(v.out, m, std::regex(R"(oomguard ([0-9]+\.[0-9]+\.[0-9]+) \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)\n)")), v.out);
  CHECK(m[1] == OOMGUARD_VERSION);
  auto head = run_command({"git", "-C", og::test::source_dir(), "rev-parse", "--short=12", "HEAD"});
  if (head.status == 0) CHECK(m[2].str().substr(0, 12) == head.out.substr(0, 12));
  else MESSAGE("SKIPPED (commit check): git rev-parse failed: " << head.err);

  std::string d = og::test::temp_dir("color");
  og::test::write_file(d + "/k.yaml",
                       "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n"
                       "    resources: {limits: {memory: 1Gi}}\n    env:\n    - {name: GOMEMLIMIT, value: 512Mi}\n");
  const std::string esc = "\x1b[";
  CHECK(!contains(oomguard_env({"scan", d}, {}).out, esc));  // not a terminal
  CHECK(contains(oomguard_env({"scan", d, "--color", "always"}, {}).out, esc));
  CHECK(contains(oomguard_env({"scan", d, "--color=always"}, {"NO_COLOR=1"}).out, esc));
  CHECK(contains(oomguard_env({"scan", d}, {"FORCE_COLOR=1"}).out, esc));
  CHECK(!contains(oomguard_env({"scan", d}, {"FORCE_COLOR=1", "NO_COLOR=1"}).out, esc));
  CHECK(!contains(oomguard_env({"scan", d, "--color", "never"}, {"FORCE_COLOR=1"}).out, esc));
  CHECK(!contains(oomguard_env({"scan", d, "--no-color"}, {"FORCE_COLOR=1"}).out, esc));
  auto bad = oomguard_env({"scan", d, "--color", "sometimes"}, {});
  CHECK(bad.status == 2);
  CHECK(contains(bad.err, "--color must be auto, always or never"));
  CHECK(oomguard_env({"probe", d, "--color", "sometimes"}, {}).status == 2);

  // OOMGUARD_CONFIG: used when --config is not given; --config wins; a missing file is an error
  CHECK(oomguard_env({"scan", d}, {}).status == 1);  // OG101
  og::test::write_file(d + "/cfg/off.yaml", "rules:\n  OG101: off\n");
  og::test::write_file(d + "/cfg/on.yaml", "rules:\n  OG101: error\n");
  CHECK(oomguard_env({"scan", d}, {"OOMGUARD_CONFIG=" + d + "/cfg/off.yaml"}).status == 0);
  CHECK(oomguard_env({"scan", d, "--config", d + "/cfg/on.yaml"}, {"OOMGUARD_CONFIG=" + d + "/cfg/off.yaml"}).status == 1);
  auto missing = oomguard_env({"scan", d}, {"OOMGUARD_CONFIG=" + d + "/cfg/nope.yaml"});
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, "nope.yaml"));
  CHECK(oomguard_env({"scan", d}, {"OOMGUARD_CONFIG="}).status == 1);  // empty: not set
}

TEST_CASE("the man page is generated from the --help texts and the rule catalogue") {
  auto man = og::test::run_oomguard({"man"});
  REQUIRE(man.status == 0);
  CHECK(man.out.rfind(".\\\" Generated by `oomguard man`", 0) == 0);
  CHECK(contains(man.out, ".TH OOMGUARD 1 \"\" \"oomguard " OOMGUARD_VERSION "\""));
  for (const char* s : {".SH NAME", ".SH SYNOPSIS", ".SH COMMANDS", ".SH ENVIRONMENT", ".SH EXIT STATUS", ".SH RULES",
                        "OOMGUARD_CONFIG", "NO_COLOR", "FORCE_COLOR"})
    CHECK_MESSAGE(contains(man.out, s), s);
  for (const auto& cmd : kCommands) {
    CHECK_MESSAGE(contains(man.out, ".SS " + cmd + "\n"), cmd);
    for (const auto& o : help_options(cmd)) {
      if (o == "--help") continue;
      std::string r = std::regex_replace(o, std::regex("-"), "\\-");
      CHECK_MESSAGE(contains(man.out, r), cmd << " " << o << " is in --help but not in the man page");
    }
  }
  for (const char* id : {"OG101", "OG208", "OG508", "OG903"}) CHECK(contains(man.out, std::string("\\fB") + id + "\\fR"));
  // man renders it without complaint (groff warnings go to stderr)
  std::string d = og::test::temp_dir("man");
  og::test::write_file(d + "/oomguard.1", man.out);
  std::vector<std::string> env = base_env();
  env.push_back("MANWIDTH=80");
  auto r = run_command({"man", "--warnings", "-l", d + "/oomguard.1"}, "", "", 60, &env);
  if (r.status == 127 || contains(r.err, "No such file")) {
    MESSAGE("SKIPPED (rendering): man is not installed");
    return;
  }
  CHECK_MESSAGE(r.status == 0, r.err);
  CHECK_MESSAGE(r.err.empty(), r.err);
  CHECK(contains(r.out, "OOMGUARD(1)"));
  CHECK(contains(r.out, "--diff-base REF"));
}

TEST_CASE("the bash completion is generated from the --help texts and completes commands, options and values") {
  auto c = og::test::run_oomguard({"completion", "bash"});
  REQUIRE(c.status == 0);
  CHECK(og::test::run_oomguard({"completion", "zsh"}).status == 2);
  std::string d = og::test::temp_dir("completion");
  og::test::write_file(d + "/oomguard", c.out);
  // COMPREPLY for a command line whose last word is being completed.
  auto complete = [&](const std::string& words) {
    std::string script = "source " + d + "/oomguard\nCOMP_WORDS=(" + words + ")\nCOMP_CWORD=$((${#COMP_WORDS[@]}-1))\n"
                         "_oomguard\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    auto r = run_command({"bash", "-c", script}, d);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::set<std::string> s;
    std::istringstream in(r.out);
    for (std::string l; std::getline(in, l);)
      if (!l.empty()) s.insert(l);
    return s;
  };
  auto top = complete("oomguard ''");
  for (const auto& cmd : kCommands) CHECK(top.count(cmd));
  CHECK(complete("oomguard sc") == std::set<std::string>{"scan"});
  for (const auto& cmd : kCommands) {
    auto opts = complete("oomguard " + cmd + " --");
    for (const auto& o : help_options(cmd)) CHECK_MESSAGE(opts.count(o), cmd << " " << o);
  }
  CHECK(complete("oomguard scan --fail-on w") == std::set<std::string>{"warning"});
  CHECK(complete("oomguard scan --color ''") == std::set<std::string>{"always", "auto", "never"});
  CHECK(complete("oomguard scan --format s") == std::set<std::string>{"sarif"});
  CHECK(complete("oomguard probe --engine p") == std::set<std::string>{"podman"});
  CHECK(complete("oomguard baseline ''") == std::set<std::string>{"create", "prune"});
}

TEST_SUITE("e2e-package") {
  TEST_CASE("ci/package: the .deb's fields, dependencies from dpkg-shlibdeps, contents, and man oomguard") {
    auto p = run_command({og::test::source_dir() + "/ci/package"}, og::test::source_dir(), "", 300);
    if (p.status != 0 && (contains(p.err, "cpack: not found") || contains(p.err, "dpkg-shlibdeps: not found"))) {
      MESSAGE("SKIPPED: " << p.err);
      return;
    }
    REQUIRE_MESSAGE(p.status == 0, p.err);
    std::string deb = p.out.substr(0, p.out.find('\n'));
    auto arch = run_command({"dpkg", "--print-architecture"});
    CHECK(deb == og::test::source_dir() + "/build/package/oomguard_" OOMGUARD_VERSION "_" +
                     arch.out.substr(0, arch.out.find('\n')) + ".deb");
    auto field = [&](const std::string& f) {
      auto r = run_command({"dpkg-deb", "-f", deb, f});
      REQUIRE(r.status == 0);
      return r.out.substr(0, r.out.find('\n'));
    };
    CHECK(field("Package") == "oomguard");
    CHECK(field("Version") == OOMGUARD_VERSION);
    std::string depends = field("Depends");
    // computed from the binary's NEEDED libraries, with versions
    for (const char* lib : {"libc6 (>= ", "libgit2-", "libre2-", "libyaml-cpp0", "libstdc++6 (>= "})
      CHECK_MESSAGE(contains(depends, lib), depends);
    auto ldd = run_command({"ldd", og::test::source_dir() + "/build/oomguard"});
    if (ldd.status == 0) CHECK_MESSAGE(contains(ldd.out, "libgit2"), ldd.out);

    std::string x = og::test::temp_dir("deb");
    REQUIRE(run_command({"dpkg-deb", "-x", deb, x}).status == 0);
    for (const char* f : {"/usr/bin/oomguard", "/usr/share/man/man1/oomguard.1.gz",
                          "/usr/share/bash-completion/completions/oomguard", "/usr/share/doc/oomguard/rules.md"})
      CHECK_MESSAGE(fs::exists(x + f), f);
    // the same page and completion the binary generates
    auto man = og::test::run_oomguard({"man"});
    auto gz = run_command({"gzip", "-dc", x + "/usr/share/man/man1/oomguard.1.gz"});
    CHECK(gz.out == man.out);
    CHECK(og::test::read_file(x + "/usr/share/bash-completion/completions/oomguard") ==
          og::test::run_oomguard({"completion", "bash"}).out);
    CHECK(og::test::read_file(x + "/usr/share/doc/oomguard/rules.md") ==
          og::test::read_file(og::test::source_dir() + "/docs/rules.md"));
    auto v = run_command({x + "/usr/bin/oomguard", "--version"});
    CHECK(v.out == og::test::run_oomguard({"--version"}).out);
    // `man oomguard` finds the installed page by name
    std::vector<std::string> env = base_env();
    env.push_back("MANPATH=" + x + "/usr/share/man");
    env.push_back("MANWIDTH=80");
    auto m = run_command({"man", "oomguard"}, "", "", 60, &env);
    if (m.status == 127) {
      MESSAGE("SKIPPED (man oomguard): man is not installed");
    } else {
      CHECK_MESSAGE(m.status == 0, m.err);
      CHECK(contains(m.out, "OOMGUARD(1)"));
      CHECK(contains(m.out, "OOMGUARD_CONFIG"));
    }
  }

  TEST_CASE("a clean Debian 12 root: apt-get install ./oomguard_*.deb, then oomguard scan prints the demo's pinned findings") {
    auto p = run_command({og::test::source_dir() + "/ci/package"}, og::test::source_dir(), "", 300);
    REQUIRE_MESSAGE(p.status == 0, p.err);
    std::string deb = p.out.substr(0, p.out.find('\n'));
    std::string root = og::test::temp_dir("debian-root") + "/root";
    auto inst = run_command({og::test::source_dir() + "/ci/install-in-root", root, deb}, og::test::source_dir(), "", 600);
    if (inst.status == 77) {
      MESSAGE("SKIPPED: " << inst.err);
      return;
    }
    REQUIRE_MESSAGE(inst.status == 0, inst.out << inst.err);
    CHECK(contains(inst.out, "Setting up oomguard (" OOMGUARD_VERSION ")"));
    // the dependencies came from the mirror: the clean root had none of them
    CHECK(contains(inst.out, "Setting up libgit2-"));
    fs::create_directories(root + "/work/fixtures");
    fs::copy(og::test::source_dir() + "/fixtures/demo", root + "/work/fixtures/demo", fs::copy_options::recursive);
    auto scan = run_command({"chroot", root, "/bin/sh", "-c", "cd /work && oomguard scan fixtures/demo"}, "", "", 120);
    INFO(scan.out << scan.err);
    CHECK(scan.status == 1);
    CHECK(demo_lines(scan.out, "fixtures/demo/") == og::test::read_file(og::test::source_dir() + "/tests/golden/demo.txt"));
    auto v = run_command({"chroot", root, "oomguard", "--version"});
    CHECK(v.out == og::test::run_oomguard({"--version"}).out);
    CHECK(fs::exists(root + "/usr/share/man/man1/oomguard.1.gz"));
    CHECK(fs::exists(root + "/usr/share/bash-completion/completions/oomguard"));
    fs::remove_all(root);
  }

  TEST_CASE("the GitHub action's install step installs the released package by version in a clean root") {
    auto p = run_command({og::test::source_dir() + "/ci/package"}, og::test::source_dir(), "", 300);
    REQUIRE_MESSAGE(p.status == 0, p.err);
    std::string deb = p.out.substr(0, p.out.find('\n'));
    std::string root = og::test::temp_dir("action-root") + "/root";
    auto mk = run_command({og::test::source_dir() + "/ci/install-in-root", root, "-"}, og::test::source_dir(), "", 600);
    if (mk.status == 77) {
      MESSAGE("SKIPPED: " << mk.err);
      return;
    }
    REQUIRE_MESSAGE(mk.status == 0, mk.err);
    fs::create_directories(root + "/action/ci");
    fs::copy(og::test::source_dir() + "/ci/github", root + "/action/ci/github", fs::copy_options::recursive);
    fs::copy_file(og::test::source_dir() + "/CMakeLists.txt", root + "/action/CMakeLists.txt");
    fs::copy_file(deb, root + "/tmp/release.deb");
    fs::create_directories(root + "/runner");
    auto install = [&](const std::string& version) {
      return run_command({"chroot", root, "env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "RUNNER_TEMP=/runner",
                          "GITHUB_OUTPUT=/runner/output", "OOMGUARD_VERSION=" + version,
                          "OOMGUARD_PACKAGE_URL=/tmp/release.deb", "bash", "/action/ci/github/install.sh"},
                         "", "", 300);
    };
    auto wrong = install("9.9.9");  // the package is not the version asked for
    CHECK(wrong.status == 1);
    CHECK(contains(wrong.err, "expected version 9.9.9"));
    auto ok = install("v" OOMGUARD_VERSION);
    INFO(ok.out << ok.err);
    CHECK(ok.status == 0);
    CHECK(contains(ok.out, "oomguard " OOMGUARD_VERSION " (commit "));
    CHECK(contains(og::test::read_file(root + "/runner/output"), "binary=/usr/bin/oomguard\n"));
    CHECK(!fs::exists(root + "/usr/bin/cmake"));  // nothing was built
    fs::remove_all(root);
  }
}
