// The container image of ci/image (suite e2e-image): built from the clean
// Debian 12 root plus the .deb, imported into a private dockerd this test
// starts (tests/private_dockerd.h; never a daemon of someone else), then
// `docker run --rm -v "$PWD:/src" oomguard:<version> scan .` in a copy of the
// demo prints its pinned findings. SKIPPED when docker, root or mmdebstrap is
// missing.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "private_dockerd.h"
#include "test_support.h"

namespace fs = std::filesystem;

TEST_SUITE("e2e-image") {
  TEST_CASE("ci/image: docker run --rm -v \"$PWD:/src\" oomguard:<version> scan . prints the demo's pinned findings") {
    if (!og::find_in_path("docker") || !og::find_in_path("dockerd")) {
      MESSAGE("SKIPPED: docker and dockerd are not installed (Debian's docker.io; ci/setup installs it)");
      return;
    }
    if (geteuid() != 0) {
      MESSAGE("SKIPPED: only root can start the private dockerd this test uses");
      return;
    }
    og::test::PrivateDockerd daemon;
    std::string why = daemon.start();
    if (!why.empty()) {
      MESSAGE("SKIPPED: " << why);
      return;
    }
    og::test::ScopedEnv host("DOCKER_HOST", daemon.host().c_str());
    auto img = og::test::run_command({og::test::source_dir() + "/ci/image"}, og::test::source_dir(), "", 600);
    if (img.status == 77) {
      MESSAGE("SKIPPED: " << img.err);
      return;
    }
    REQUIRE_MESSAGE(img.status == 0, img.out << img.err);
    std::string tag = img.out.substr(0, img.out.find('\n'));
    CHECK(tag == "oomguard:" OOMGUARD_VERSION);
    auto cfg = og::test::run_command({"docker", "image", "inspect", "--format", "{{json .Config.Entrypoint}} {{.Config.WorkingDir}}", tag});
    CHECK(cfg.out == "[\"oomguard\"] /src\n");

    std::string src = og::test::temp_dir("image-demo") + "/demo";
    fs::copy(og::test::source_dir() + "/fixtures/demo", src, fs::copy_options::recursive);
    auto run = og::test::run_command({"bash", "-c", "docker run --rm -v \"$PWD:/src\" " + tag + " scan ."}, src, "", 120);
    INFO(run.out << run.err);
    CHECK(run.status == 1);
    // the pinned findings, with paths relative to /src instead of the repository root
    std::string got;
    std::istringstream in(run.out);
    for (std::string l; std::getline(in, l);)
      if (l.rfind("Found", 0) == 0) got += l + "\n";
      else if (l.find(": OG") != std::string::npos && l[0] != ' ') got += "fixtures/demo/" + l + "\n";
    CHECK(got == og::test::read_file(og::test::source_dir() + "/tests/golden/demo.txt"));
    auto v = og::test::run_command({"docker", "run", "--rm", tag, "--version"});
    CHECK(v.out == og::test::run_oomguard({"--version"}).out);

    // The pre-commit hook `oomguard-docker` (language: docker_image) as pre-commit
    // runs it: the repository mounted at /src, the caller's uid, `scan --staged .`.
    std::string repo = og::test::temp_dir("image-hook");
    auto git = [&](std::vector<std::string> args) {
      args.insert(args.begin(), {"git", "-c", "user.name=t", "-c", "user.email=t@example.com"});
      auto r = og::test::run_command(args, repo);
      REQUIRE_MESSAGE(r.status == 0, r.err);
    };
    git({"init", "-q"});
    og::test::write_file(repo + "/k.yaml",
                         "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n"
                         "    resources: {limits: {memory: 1Gi}}\n    env:\n    - {name: GOMEMLIMIT, value: 900MiB}\n");
    git({"add", "k.yaml"});
    git({"commit", "-q", "-m", "ok"});
    auto hook = [&] {
      return og::test::run_command({"bash", "-c", "docker run --rm -u \"$(id -u):$(id -g)\" -v \"$PWD:/src:rw,Z\" --workdir /src " +
                                                      tag + " scan --staged ."},
                                   repo, "", 120);
    };
    auto clean = hook();
    CHECK_MESSAGE(clean.status == 0, clean.out << clean.err);
    std::string bad = og::test::read_file(repo + "/k.yaml");
    bad.replace(bad.find("900MiB"), 6, "512Mi");
    og::test::write_file(repo + "/k.yaml", bad);
    git({"add", "k.yaml"});
    auto blocked = hook();
    CHECK_MESSAGE(blocked.status == 1, blocked.out << blocked.err);
    CHECK(blocked.out.find("k.yaml:10:") != std::string::npos);
    CHECK(blocked.out.find("OG101") != std::string::npos);
    og::test::run_command({"docker", "rmi", tag});
  }
}
