// The runtime layer on this machine's real memory cgroups: a child cgroup
// under our own, a 64 MiB limit, and the kernel's own counters. Needs root and
// a writable memory cgroup; otherwise each test prints SKIPPED with the reason
// and asserts nothing.
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "runtime/cgroup.h"
#include "runtime/hierarchy.h"
#include "runtime/process.h"
#include "runtime/sampler.h"
#include "runtime/signals.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace og::runtime;

namespace {

constexpr uint64_t MiB = 1 << 20;
constexpr uint64_t kLimit = 64 * MiB;

const std::string kAllocBinary = OOMGUARD_SOURCE_DIR "/build/workloads/alloc";

// A fresh 64 MiB, no-swap child of our memory cgroup, or the reason there is none.
std::optional<MemoryCgroup> limited_cgroup(CgroupFs& fs, std::string* skip) {
  if (geteuid() != 0) {
    *skip = "not root: cannot create memory cgroups";
    return std::nullopt;
  }
  auto cg = MemoryCgroup::create(fs);
  if (!cg.ok()) {
    *skip = "no writable memory cgroup: " + cg.error().message;
    return std::nullopt;
  }
  auto applied = cg.value().set_limits({kLimit, 0});
  REQUIRE_MESSAGE(applied.ok(), applied.error().message);
  CHECK(applied.value().memory == kLimit);
  if (!applied.value().swap_unsupported.empty()) MESSAGE("note: " << applied.value().swap_unsupported);
  return std::move(cg.value());
}

struct Measured {
  RunRecord run;
  Counters counters;
  pid_t pid = -1;
  uint64_t max_sampled_usage = 0;
};

// Runs argv in the cgroup to its end (bounded by `duration`), then reads the counters.
Measured measure(MemoryCgroup& cg, std::vector<std::string> argv,
                 std::vector<std::pair<std::string, std::optional<std::string>>> env = {},
                 std::chrono::milliseconds duration = std::chrono::seconds(60)) {
  LaunchSpec spec;
  spec.argv = std::move(argv);
  spec.env = std::move(env);
  spec.cgroup_procs = cg.procs_file();  // our DiskCgroupFs is rooted at "/"
  auto p = Process::start(spec);
  REQUIRE_MESSAGE(p.ok(), p.error().message);
  Measured m;
  m.pid = p.value().pid();
  SamplerOptions opts;  // the default 100 ms interval, whose cost the probe reports
  opts.duration = duration;
  m.run = sample_until_exit(cg, p.value(), opts);
  CHECK_MESSAGE(m.run.sample_error.empty(), m.run.sample_error);
  for (const auto& pt : m.run.series) m.max_sampled_usage = std::max(m.max_sampled_usage, pt.sample.usage);
  auto c = cg.counters();
  REQUIRE_MESSAGE(c.ok(), c.error().message);
  m.counters = c.value();
  std::string tail;
  for (const auto& l : p.value().stderr_tail()) tail += "\n    " + l;
  MESSAGE(spec.argv[0] << ": " << m.run.exit.describe() << ", kernel peak " << m.counters.peak.value_or(0)
                       << " B, max sample " << m.max_sampled_usage << " B, oom_kill "
                       << m.counters.oom_kill.value_or(0) << ", failcnt " << m.counters.failcnt.value_or(0) << ", "
                       << m.run.series.size() << " samples in " << m.run.wall_s << " s, sampler CPU "
                       << m.run.cost.core_percent() << "% of a core; stderr:" << tail);
  return m;
}

// Gone, or a zombie waiting for an init that may never reap it (in a container).
bool gone(pid_t pid) {
  std::string stat = og::test::read_file("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  return paren == std::string::npos || paren + 2 >= stat.size() || stat[paren + 2] == 'Z';
}

// The cgroup and every process that ran in it are gone.
void remove_and_check(MemoryCgroup& cg, pid_t pid) {
  std::string dir = cg.dir();
  Status st = cg.remove();
  REQUIRE_MESSAGE(st.ok(), st.error().message);
  CHECK_FALSE(fs::exists(dir));
  if (pid > 0) CHECK(gone(pid));
}

}  // namespace

TEST_SUITE("e2e-runtime") {
  TEST_CASE("real cgroup: this process's memory cgroup is found") {
    DiskCgroupFs disk;
    auto where = current_memory_cgroup(disk);
    if (!where.ok()) {
      MESSAGE("SKIPPED: " << where.error().message);
      return;
    }
    MESSAGE("memory cgroup " << std::string(version_name(where.value().version)) << " ("
                             << std::string(layout_name(where.value().layout)) << "): " << where.value().dir);
    CHECK(fs::is_directory(where.value().dir));
    CHECK(fs::exists(where.value().dir + "/cgroup.procs"));
  }

  TEST_CASE("real cgroup: tail /dev/zero is OOM-killed at a 64 MiB limit") {
    DiskCgroupFs disk;
    std::string skip;
    auto cg = limited_cgroup(disk, &skip);
    if (!cg) {
      MESSAGE("SKIPPED: " << skip);
      return;
    }
    Measured m = measure(*cg, {"/usr/bin/tail", "/dev/zero"});
    CHECK(m.run.exit.describe() == "killed by SIGKILL (137)");
    CHECK_FALSE(m.run.duration_reached);
    REQUIRE(m.counters.oom_kill.has_value());
    CHECK(*m.counters.oom_kill >= 1);
    CHECK(m.run.first_oom_kill_s.has_value());
    REQUIRE(m.counters.peak.has_value());
    // At the limit; a task being OOM-killed may overshoot it by a few pages.
    CHECK(*m.counters.peak >= kLimit * 9 / 10);
    CHECK(*m.counters.peak <= kLimit + MiB);
    CHECK(m.max_sampled_usage <= *m.counters.peak);
    remove_and_check(*cg, m.pid);
  }

  TEST_CASE("real cgroup: the Go workload without GOMEMLIMIT is OOM-killed, with GOMEMLIMIT=56MiB it fits") {
    if (!fs::exists(kAllocBinary)) {
      MESSAGE("SKIPPED: " << kAllocBinary << " is missing (ci/build-workload builds it)");
      return;
    }
    DiskCgroupFs disk;
    std::string skip;
    auto cg = limited_cgroup(disk, &skip);
    if (!cg) {
      MESSAGE("SKIPPED: " << skip);
      return;
    }
    // Churn paced at 256 MiB/s so the collector gets CPU time even on a loaded
    // machine: the outcome then depends on the memory settings alone.
    const std::vector<std::string> argv = {kAllocBinary, "-live", "32MiB", "-churn", "1GiB", "-rate", "256MiB"};
    // GOGC=100 lets the heap grow to twice the 32 MiB live set: over the limit.
    Measured unbounded = measure(*cg, argv, {{"GOMEMLIMIT", std::nullopt}, {"GOGC", std::nullopt}});
    CHECK(unbounded.run.exit.describe() == "killed by SIGKILL (137)");
    REQUIRE(unbounded.counters.oom_kill.has_value());
    CHECK(*unbounded.counters.oom_kill >= 1);
    remove_and_check(*cg, unbounded.pid);

    auto fresh = limited_cgroup(disk, &skip);
    REQUIRE_MESSAGE(fresh, skip);
    Measured capped = measure(*fresh, argv, {{"GOMEMLIMIT", "56MiB"}, {"GOGC", std::nullopt}});
    CHECK(capped.run.exit.describe() == "exited 0");
    REQUIRE(capped.counters.oom_kill.has_value());
    CHECK(*capped.counters.oom_kill == 0);
    CHECK_FALSE(capped.run.first_oom_kill_s.has_value());
    REQUIRE(capped.counters.peak.has_value());
    CHECK(*capped.counters.peak <= kLimit);
    CHECK(*capped.counters.peak >= 32 * MiB);  // the live set was really resident
    CHECK(capped.max_sampled_usage <= *capped.counters.peak);
    CHECK(capped.max_sampled_usage >= 32 * MiB);
    CHECK(capped.run.series.size() >= 2);
    CHECK(capped.run.steady.has_value());
    // The budget: the sampler stays under 1% of a core at the default interval.
    CHECK(capped.run.cost.core_percent() < 1.0);
    remove_and_check(*fresh, capped.pid);
  }

  TEST_CASE("real cgroup: a workload moved into a cgroup of its own below ours is killed and both are removed") {
    DiskCgroupFs disk;
    std::string skip;
    auto cg = limited_cgroup(disk, &skip);
    if (!cg) {
      MESSAGE("SKIPPED: " << skip);
      return;
    }
    LaunchSpec spec;
    spec.argv = {"/bin/sleep", "300"};
    spec.cgroup_procs = cg->procs_file();
    auto p = Process::start(spec);
    REQUIRE_MESSAGE(p.ok(), p.error().message);
    // What a service manager in the workload would do: a child cgroup, and the process moved there.
    std::string sub = cg->dir() + "/inner";
    REQUIRE(disk.mkdir(sub).ok());
    REQUIRE(disk.write(sub + "/cgroup.procs", std::to_string(p.value().pid())).ok());
    auto direct = cg->pids();
    REQUIRE(direct.ok());
    CHECK(direct.value().empty());  // nothing left directly in ours
    remove_and_check(*cg, -1);
    CHECK_FALSE(fs::exists(sub));
    ExitStatus st = p.value().wait(std::chrono::seconds(5), std::chrono::seconds(1));
    CHECK(st.describe().find("SIGKILL") != std::string::npos);
  }

  TEST_CASE("real cgroup: a program that cannot start is an error, and the cgroup is still removed") {
    DiskCgroupFs disk;
    std::string skip;
    auto cg = limited_cgroup(disk, &skip);
    if (!cg) {
      MESSAGE("SKIPPED: " << skip);
      return;
    }
    LaunchSpec spec;
    spec.argv = {"/nonexistent/oomguard-no-such-program"};
    spec.cgroup_procs = cg->procs_file();
    auto p = Process::start(spec);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().message.find("could not start /nonexistent/oomguard-no-such-program") == 0);
    CHECK(p.error().message.find("No such file or directory") != std::string::npos);
    auto left = cg->pids();
    REQUIRE(left.ok());
    CHECK(left.value().empty());  // the failed child joined, then exited and was reaped
    remove_and_check(*cg, -1);
  }

  TEST_CASE("real cgroup: SIGTERM to oomguard mid-run stops the workload; nothing is left behind") {
    DiskCgroupFs disk;
    std::string skip;
    auto cg = limited_cgroup(disk, &skip);
    if (!cg) {
      MESSAGE("SKIPPED: " << skip);
      return;
    }
    StopSignals guard;
    LaunchSpec spec;
    // A workload with a child of its own that ignores SIGTERM: only the cgroup kill gets it.
    spec.argv = {"/bin/sh", "-c", "(trap '' TERM; exec sleep 60) & exec sleep 60"};
    spec.cgroup_procs = cg->procs_file();
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    std::thread sender([] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      ::kill(getpid(), SIGTERM);
    });
    SamplerOptions opts;
    opts.grace = std::chrono::milliseconds(200);
    RunRecord r = sample_until_exit(*cg, p.value(), opts);
    sender.join();
    CHECK(r.interrupted_by == SIGTERM);
    CHECK(r.exit.describe() == "killed by SIGTERM (143)");
    auto left = cg->pids();
    REQUIRE(left.ok());
    CHECK(left.value().size() == 1);  // the TERM-ignoring child
    std::vector<pid_t> survivors = left.value();
    remove_and_check(*cg, p.value().pid());
    for (pid_t s : survivors) CHECK(gone(s));
  }
}
