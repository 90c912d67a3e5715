// The container engines. Unit: helper commands run from argv and captured,
// engine selection by probe type. Real (suite e2e-docker): when Debian's
// docker.io is installed, the Go alloc workload in a FROM scratch image under
// a 64 MiB limit, on a daemon that answers or, when none does, on a private
// dockerd this test starts (own data root, exec root and socket) and stops by
// its pid. Real (suite e2e-podman): the same runs with Debian's podman, rootful,
// on a store and config of the test's own. What the machine lacks is reported
// as SKIPPED, never as a pass.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <thread>

#include "probe/command.h"
#include "probe/engine.h"
#include "runtime/hierarchy.h"
#include "runtime/signals.h"
#include "private_dockerd.h"
#include "test_support.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace og;
using namespace std::chrono;

using og::test::answers;
using og::test::join;
using og::test::mounts_under;
using og::test::PrivateDockerd;
using og::test::processes_mentioning;
using og::test::ScopedEnv;

namespace {

constexpr uint64_t MiB = 1 << 20;
constexpr uint64_t kLimit = 64 * MiB;
const std::string kAllocBinary = OOMGUARD_SOURCE_DIR "/build/workloads/alloc";
const std::string kLabel = "oomguard.probe";

// A probe of the alloc image, planned by hand (what plan_probe produces for a
// `docker run --memory 64m --memory-swap 64m` workload).
struct Probe {
  Workload workload;
  ProbeSpec spec;
  ProbePlan plan;
  Probe(const std::string& name, const std::string& image, std::vector<std::string> args,
        std::vector<std::pair<std::string, std::string>> env = {}) {
    workload.kind = Workload::Kind::DockerRun;
    workload.file = "run.sh";
    workload.name = "alloc";
    spec.name = name;
    spec.workload = workload.id();
    spec.image = image;
    spec.args = std::move(args);
    spec.grace_s = 2;
    plan.spec = &spec;
    plan.workload = &workload;
    plan.limit = kLimit;
    plan.swap = 0;
    plan.env = std::move(env);
  }
};

// A command probe (the cgroup engine's kind).
struct CommandProbe : Probe {
  CommandProbe() : Probe("cmd", "", {}) { spec.command = {"/bin/true"}; }
};

// This test's probe names: unique to the process, so a shared daemon's other
// containers are never mistaken for ours.
std::string probe_name(const std::string& what) { return "test-" + what + "-" + std::to_string(getpid()); }

// Containers of the probe `name` (any left behind would be a bug).
std::string labelled_containers(const std::string& engine, const std::string& name) {
  auto ps = run_capture({engine, "ps", "-a", "-q", "--filter", "label=" + kLabel + "=" + name}, seconds(30));
  REQUIRE_MESSAGE(ps.ok(), ps.reason());
  return trim_right(ps.out);
}

// A FROM scratch image holding the alloc binary; "" or why not.
std::string build_image(const std::string& engine, const std::string& tag) {
  std::string ctx = og::test::temp_dir("docker-ctx");
  fs::copy_file(kAllocBinary, ctx + "/alloc", fs::copy_options::overwrite_existing);
  og::test::write_file(ctx + "/Dockerfile", "FROM scratch\nCOPY alloc /alloc\nENTRYPOINT [\"/alloc\"]\n");
  ScopedEnv classic("DOCKER_BUILDKIT", "0");  // docker's classic builder: no buildx needed, nothing pulled
  auto b = run_capture({engine, "build", "--network=none", "-t", tag, ctx}, seconds(120));
  std::error_code ec;
  fs::remove_all(ctx, ec);
  return b.ok() ? "" : engine + " build failed: " + b.reason();
}

// podman with a configuration of the test's own, given by CONTAINERS_CONF and
// CONTAINERS_STORAGE_CONF for the scope: image store, run root and tmp dir in
// a temporary directory (overlay, vfs where overlay cannot mount), the cgroupfs
// manager (no systemd needed) and the file events logger. Containers' cgroups
// are podman's libpod_parent/libpod-<id>. At the end nothing of it may be
// left: containers, processes, cgroups (libpod_parent too when it was made
// here), container mounts.
class PrivatePodman {
 public:
  // "" when podman builds the alloc image as `tag` and runs it, else why not.
  std::string start(const std::string& tag) {
    dir_ = og::test::temp_dir("podman");
    // Rootful podman raises nofile to 1048576 unless told otherwise, which
    // fails without CAP_SYS_RESOURCE (runc: "error setting rlimit type 7"):
    // the container gets this process's nofile limits instead. The list
    // replaces podman's defaults, so its nproc=32768:32768 is repeated.
    struct rlimit nofile {};
    ::getrlimit(RLIMIT_NOFILE, &nofile);
    auto cap = [](rlim_t v) { return std::to_string(std::min<rlim_t>(v, 1048576)); };
    std::string conf = "[containers]\ndefault_ulimits = [\"nofile=" + cap(nofile.rlim_cur) + ":" +
                       cap(nofile.rlim_max) + "\", \"nproc=32768:32768\"]\n[engine]\ncgroup_manager = " +
                       "\"cgroupfs\"\nevents_logger = \"file\"\ntmp_dir = \"" + dir_ + "/tmp\"\n[network]\n" +
                       "network_config_dir = \"" + dir_ + "/networks\"\n";
    og::test::write_file(dir_ + "/containers.conf", conf);
    conf_.emplace("CONTAINERS_CONF", (dir_ + "/containers.conf").c_str());
    libpod_before_ = libpod_cgroups();
    for (const auto& m : runtime::parse_mountinfo(og::test::read_file("/proc/self/mountinfo")))
      if ((m.fstype == "cgroup" || m.fstype == "cgroup2") && !fs::exists(m.mount_point + "/libpod_parent"))
        new_parents_.push_back(m.mount_point + "/libpod_parent");
    // What rootful podman makes outside its configured paths, whatever the
    // config: the image library's blob cache and netavark's run directory.
    for (const char* d : {"/var/lib/containers", "/run/containers"})
      if (!fs::exists(d)) new_system_dirs_.push_back(d);
    std::string why;
    for (const char* driver : {"overlay", "vfs"}) {
      std::string root = dir_ + "/" + driver;
      og::test::write_file(dir_ + "/storage.conf", "[storage]\ndriver = \"" + std::string(driver) +
                                                       "\"\ngraphroot = \"" + root + "/root\"\nrunroot = \"" +
                                                       root + "/run\"\n");
      storage_.emplace("CONTAINERS_STORAGE_CONF", (dir_ + "/storage.conf").c_str());
      if (!engine_available("podman", &why)) return why;
      why = build_image("podman", tag);
      if (why.empty()) {
        auto run = run_capture({"podman", "run", "--rm", "--network", "none", tag, "-live", "1MiB", "-churn", "0"},
                               seconds(60));
        if (run.ok()) {
          driver_ = driver;
          return "";
        }
        why = "podman cannot run a container here: " + run.reason();
      }
      why += " (" + std::string(driver) + " driver)";
      reset();
    }
    return why;
  }

  const std::string& driver() const { return driver_; }

  ~PrivatePodman() {
    if (dir_.empty()) return;
    auto ps = run_capture({"podman", "ps", "-a", "-q"}, seconds(30));
    CHECK_MESSAGE(trim_right(ps.out).empty(), "containers are left: " << ps.out);
    reset();
    for (int i = 0; i < 100 && !processes_mentioning(dir_).empty(); ++i) std::this_thread::sleep_for(milliseconds(50));
    auto left = processes_mentioning(dir_);
    CHECK_MESSAGE(left.empty(), "processes of the private podman are left: " << left.size());
    for (pid_t p : left) ::kill(p, SIGKILL);
    auto now = libpod_cgroups();
    std::vector<std::string> extra;
    std::set_difference(now.begin(), now.end(), libpod_before_.begin(), libpod_before_.end(),
                        std::back_inserter(extra));
    CHECK_MESSAGE(extra.empty(), "container cgroups are left:" << join(extra));
    // podman's parent (and its conmon cgroup in it) stay after the last
    // container; made by this test, they go (an rmdir fails on a used one).
    for (const auto& d : new_parents_)
      for (const auto& g : {d + "/conmon", d})
        if (fs::exists(g)) CHECK_MESSAGE(::rmdir(g.c_str()) == 0, "cannot remove " << g << ": " << std::strerror(errno));
    // Made by this test: they go, unless someone else's podman put more there meanwhile.
    for (const auto& d : new_system_dirs_) {
      ::unlink((d + "/cache/blob-info-cache-v1.boltdb").c_str());
      for (const auto& sub : {d + "/cache", d + "/networks", d}) ::rmdir(sub.c_str());
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

 private:
  // The container cgroups (libpod-<id>) in every hierarchy, sorted.
  static std::vector<std::string> libpod_cgroups() {
    std::vector<std::string> out;
    for (const auto& m : runtime::parse_mountinfo(og::test::read_file("/proc/self/mountinfo"))) {
      if (m.fstype != "cgroup" && m.fstype != "cgroup2") continue;
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(m.mount_point + "/libpod_parent", ec))
        if (e.path().filename().string().rfind("libpod-", 0) == 0) out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // The store's images and layers, then its mounts (the overlay driver keeps
  // its home mounted), so the directory can go.
  void reset() {
    auto rmi = run_capture({"podman", "rmi", "-a", "-f"}, seconds(60));
    CHECK_MESSAGE(rmi.ok(), rmi.reason());
    auto mounts = mounts_under(dir_);
    std::vector<std::string> containers;
    for (const auto& m : mounts)
      if (m.find("/merged") != std::string::npos || m.find("/userdata/") != std::string::npos) containers.push_back(m);
    CHECK_MESSAGE(containers.empty(), "container mounts are left:" << join(containers));
    for (auto it = mounts.rbegin(); it != mounts.rend(); ++it) ::umount2(it->c_str(), MNT_DETACH);
  }

  std::string dir_, driver_;
  std::optional<ScopedEnv> conf_, storage_;
  std::vector<std::string> libpod_before_, new_parents_, new_system_dirs_;
};

uint64_t max_sample(const ProbeResult& r) {
  uint64_t m = 0;
  for (const auto& p : r.series) m = std::max(m, p.usage);
  return m;
}

void report(const ProbeResult& r) {
  std::string error = r.error.empty() ? "" : ", error: " + r.error;
  MESSAGE(r.name << " (" << r.engine << "): " << r.exit << ", engine's OOMKilled " << r.oom_killed_by_engine
                 << ", kernel peak " << r.peak.value_or(0) << " B, max sample " << max_sample(r) << " B, oom_kill "
                 << r.oom_kills.value_or(0) << ", " << r.series.size() << " samples in " << r.wall_s
                 << " s, sampler CPU " << r.sampler_cpu_percent << "% of a core" << error
                 << "; stderr:" << join(r.stderr_tail));
}

// The real runs, the same for both engines: the alloc image `tag` without
// GOMEMLIMIT (OOM-killed), with GOMEMLIMIT=56MiB (fits), stopped at the end of
// `duration`, interrupted by SIGTERM, and an image that cannot be had. Every
// container is removed; with `own_engine` (a private daemon or storage) nothing
// else may be in it either.
void container_scenarios(const std::string& engine, const std::string& tag, bool own_engine) {
  EngineOptions opt;
  opt.engine = engine == "docker" ? "auto" : engine;  // an image probe: auto takes docker first, when it answers

  // GOGC=100 lets the heap grow to twice the 32 MiB live set: over the limit.
  Probe unbounded(probe_name("unbounded"), tag, {"-live", "32MiB", "-churn", "1GiB"});
  std::string fatal;
  ProbeResult r = run_probe(unbounded.plan, opt, &fatal);
  report(r);
  REQUIRE_MESSAGE(fatal.empty(), fatal);
  CHECK(r.engine == engine);
  CHECK(r.started);
  CHECK(r.exit == "killed by SIGKILL (137)");
  CHECK(r.exit_status == 137);
  CHECK(((r.oom_kills && *r.oom_kills >= 1) || r.oom_killed_by_engine));
  if (engine == "docker") CHECK(r.oom_killed_by_engine);  // .State.OOMKilled (podman's is never set here)
  REQUIRE(r.oom_kills.has_value());
  CHECK(*r.oom_kills >= 1);  // the kernel's counter, read before the cgroup went
  REQUIRE(r.peak.has_value());
  CHECK(*r.peak >= kLimit * 9 / 10);
  CHECK(*r.peak <= kLimit + MiB);
  CHECK(max_sample(r) <= *r.peak);
  CHECK_FALSE(r.stderr_tail.empty());  // the workload's own progress lines, from `logs`
  CHECK(labelled_containers(engine, unbounded.spec.name).empty());

  Probe capped(probe_name("capped"), tag, {"-live", "32MiB", "-churn", "1GiB"}, {{"GOMEMLIMIT", "56MiB"}});
  r = run_probe(capped.plan, opt, &fatal);
  report(r);
  REQUIRE_MESSAGE(fatal.empty(), fatal);
  CHECK(r.started);
  CHECK(r.exit == "exited 0");
  CHECK(r.exit_status == 0);
  CHECK_FALSE(r.oom_killed_by_engine);
  REQUIRE(r.oom_kills.has_value());
  CHECK(*r.oom_kills == 0);
  CHECK_FALSE(r.first_oom_s.has_value());
  REQUIRE(r.peak.has_value());
  CHECK(*r.peak <= kLimit);
  CHECK(*r.peak >= 32 * MiB);  // the live set was really resident
  CHECK(max_sample(r) <= *r.peak);
  CHECK(max_sample(r) >= 32 * MiB);
  CHECK(r.series.size() >= 2);
  CHECK(r.p95.has_value());
  CHECK(r.sampler_cpu_percent < 1.0);
  bool done = std::any_of(r.stderr_tail.begin(), r.stderr_tail.end(),
                          [](const std::string& l) { return l == "alloc: done"; });
  CHECK(done);
  CHECK(labelled_containers(engine, capped.spec.name).empty());

  // The end of `duration`: `stop` (SIGTERM, SIGKILL after the grace period).
  Probe timed(probe_name("timed"), tag, {"-live", "8MiB", "-churn", "0", "-hold", "60s"});
  timed.spec.duration_s = 1.5;
  auto t0 = steady_clock::now();
  r = run_probe(timed.plan, opt, &fatal);
  report(r);
  REQUIRE_MESSAGE(fatal.empty(), fatal);
  CHECK(r.duration_reached);
  // Go as the container's PID 1: the kernel ignores the SIGTERM the runtime
  // re-raises to die by it, so the runtime exits 2 instead (143 under the
  // cgroup engine, where it is not PID 1).
  CHECK(r.exit == "exited 2");
  CHECK_FALSE(r.oom_killed_by_engine);
  CHECK(r.wall_s >= 1.4);
  CHECK(steady_clock::now() - t0 < seconds(20));
  CHECK(labelled_containers(engine, timed.spec.name).empty());

  // SIGTERM to oomguard mid-run: the container is stopped and removed.
  {
    runtime::StopSignals guard;  // the signal must never reach the default action (the test runner)
    Probe held(probe_name("sigterm"), tag, {"-live", "8MiB", "-churn", "0", "-hold", "60s"});
    std::atomic<bool> finished{false};
    std::thread sender([&] {
      // Once the container runs (`ps` shows it), not before.
      for (int i = 0; i < 300 && !finished; ++i) {
        auto ps = run_capture({engine, "ps", "-q", "--filter", "label=" + kLabel + "=" + held.spec.name}, seconds(10));
        if (ps.ok() && !trim_right(ps.out).empty()) {
          std::this_thread::sleep_for(milliseconds(300));
          ::kill(getpid(), SIGTERM);
          return;
        }
        std::this_thread::sleep_for(milliseconds(100));
      }
    });
    t0 = steady_clock::now();
    r = run_probe(held.plan, opt, &fatal);
    finished = true;
    sender.join();
    report(r);
    REQUIRE_MESSAGE(fatal.empty(), fatal);
    CHECK(r.interrupted_by == SIGTERM);
    CHECK(r.exit == "exited 2");  // Go as PID 1 and SIGTERM, as above
    CHECK(steady_clock::now() - t0 < seconds(20));
    CHECK(labelled_containers(engine, held.spec.name).empty());
  }

  // An image that cannot be had: the probe could not start (no pull succeeds here).
  Probe missing(probe_name("missing"), "127.0.0.1:9/oomguard-missing:1", {});
  r = run_probe(missing.plan, opt, &fatal);
  report(r);
  CHECK(fatal.empty());
  CHECK_FALSE(r.started);
  CHECK(r.error.find(engine + " run 127.0.0.1:9/oomguard-missing:1 failed: ") == 0);
  CHECK(r.error.find("connection refused") != std::string::npos);  // the daemon's reason, not the CLI's usage hint
  CHECK(labelled_containers(engine, missing.spec.name).empty());

  if (own_engine) {  // our own daemon or storage: nothing at all may be left in it
    auto ps = run_capture({engine, "ps", "-a", "-q"}, seconds(30));
    CHECK(ps.ok());
    CHECK(trim_right(ps.out).empty());
  }
}

}  // namespace

TEST_SUITE("probe-command") {
  TEST_CASE("run_capture: argv without a shell, stdout and stderr apart, exit status") {
    auto r = run_capture({"/bin/sh", "-c", "printf '%s' \"$1\"; echo oops >&2; exit 3", "sh", "$HOME; rm -rf /"},
                         seconds(10));
    CHECK(r.status == 3);
    CHECK_FALSE(r.ok());
    CHECK(r.out == "$HOME; rm -rf /");  // an argument reaches the program as it is
    CHECK(r.err == "oops\n");
    CHECK(r.reason() == "oops");
    // A CLI's closing pointer to its --help is not the reason.
    auto cli = run_capture({"/bin/sh", "-c",
                            "echo 'docker: Error response from daemon: no such image' >&2; echo >&2; "
                            "echo \"Run 'docker run --help' for more information\" >&2; exit 125"},
                           seconds(10));
    CHECK(cli.status == 125);
    CHECK(cli.reason() == "docker: Error response from daemon: no such image");
  }

  TEST_CASE("run_capture: a missing program and a timeout are reported, not hung on") {
    auto missing = run_capture({"oomguard-no-such-program"}, seconds(10));
    CHECK(missing.status == -1);
    CHECK(missing.reason() == "oomguard-no-such-program: not found in PATH");
    auto t0 = steady_clock::now();
    auto slow = run_capture({"/bin/sleep", "30"}, milliseconds(300));
    CHECK(slow.timed_out);
    CHECK_FALSE(slow.ok());
    CHECK(steady_clock::now() - t0 < seconds(5));
    CHECK(slow.reason() == "/bin/sleep: timed out after 0.3 s");
  }

  TEST_CASE("engine selection: explicit engines must fit the probe; missing engines are fatal") {
    EngineOptions opt;
    Probe image("img", "example/app:1", {});
    CommandProbe command;
    std::string fatal;
    opt.engine = "cgroup";
    ProbeResult r = run_probe(image.plan, opt, &fatal);
    CHECK(fatal.find("--engine cgroup runs only command: probes") != std::string::npos);
    CHECK_FALSE(r.started);
    fatal.clear();
    opt.engine = "docker";
    r = run_probe(command.plan, opt, &fatal);
    CHECK(fatal.find("--engine docker runs only image: probes") != std::string::npos);
    fatal.clear();
    opt.engine = "lxc";
    r = run_probe(image.plan, opt, &fatal);
    CHECK(fatal == "unknown engine 'lxc' (auto, cgroup, docker or podman)");

    std::string why;
    CHECK_FALSE(engine_available("oomguard-no-such-engine", &why));
    CHECK(why == "oomguard-no-such-engine not found in PATH (install oomguard-no-such-engine)");
    {
      ScopedEnv path("PATH", "/nonexistent");
      fatal.clear();
      opt.engine = "auto";
      r = run_probe(image.plan, opt, &fatal);
      CHECK(fatal == "probe img runs image example/app:1 and no container engine works here: docker not found in "
                     "PATH (install Debian's docker.io); podman not found in PATH (install podman)");
      CHECK_FALSE(r.started);
    }
    if (find_in_path("docker")) {
      ScopedEnv host("DOCKER_HOST", "unix:///nonexistent/oomguard-test.sock");
      fatal.clear();
      opt.engine = "docker";
      r = run_probe(image.plan, opt, &fatal);
      CHECK(fatal.find("docker: the daemon does not answer: ") == 0);
      CHECK_FALSE(r.started);
      MESSAGE("no daemon: " << fatal);
    } else {
      MESSAGE("SKIPPED (daemon check): docker is not installed");
    }
  }
}

TEST_SUITE("e2e-docker") {
  TEST_CASE("docker engine, real: the Go workload without GOMEMLIMIT is OOM-killed, with GOMEMLIMIT=56MiB it fits") {
    if (!find_in_path("docker")) {
      MESSAGE("SKIPPED: docker is not installed (Debian's docker.io; ci/setup installs it)");
      return;
    }
    if (!fs::exists(kAllocBinary)) {
      MESSAGE("SKIPPED: " << kAllocBinary << " is missing (ci/build-workload builds it)");
      return;
    }
    std::unique_ptr<PrivateDockerd> daemon;
    std::optional<ScopedEnv> host;
    if (answers()) {
      MESSAGE("using the docker daemon that answers");
    } else {
      if (geteuid() != 0) {
        MESSAGE("SKIPPED: no docker daemon answers and only root can start a private one");
        return;
      }
      daemon = std::make_unique<PrivateDockerd>();
      std::string why = daemon->start();
      if (!why.empty()) {
        MESSAGE("SKIPPED: " << why);
        return;
      }
      host.emplace("DOCKER_HOST", daemon->host().c_str());
      MESSAGE("private dockerd at " << daemon->host());
    }
    const std::string tag = "oomguard-test-alloc:" + std::to_string(getpid());
    std::string built = build_image("docker", tag);
    REQUIRE_MESSAGE(built.empty(), built);
    container_scenarios("docker", tag, daemon != nullptr);
    auto rmi = run_capture({"docker", "rmi", "-f", tag}, seconds(60));
    CHECK_MESSAGE(rmi.ok(), rmi.reason());
  }
}

TEST_SUITE("e2e-podman") {
  TEST_CASE("podman engine, real: the Go workload without GOMEMLIMIT is OOM-killed, with GOMEMLIMIT=56MiB it fits") {
    if (!find_in_path("podman")) {
      MESSAGE("SKIPPED: podman is not installed (Debian's podman; ci/setup installs it)");
      return;
    }
    if (!fs::exists(kAllocBinary)) {
      MESSAGE("SKIPPED: " << kAllocBinary << " is missing (ci/build-workload builds it)");
      return;
    }
    if (geteuid() != 0) {  // rootless podman needs subuid ranges and user namespaces: not tested
      MESSAGE("SKIPPED: the test runs rootful podman, as root");
      return;
    }
    PrivatePodman podman;
    const std::string tag = "oomguard-test-alloc:" + std::to_string(getpid());
    std::string why = podman.start(tag);
    if (!why.empty()) {
      MESSAGE("SKIPPED: " << why);
      return;
    }
    MESSAGE("private podman storage, " << podman.driver() << " driver");
    container_scenarios("podman", tag, true);
  }
}
