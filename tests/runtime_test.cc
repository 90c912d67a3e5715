// The probe's runtime layer without the machine's cgroups: hierarchy
// detection on mountinfo texts, the memory controller's file formats, the
// statistics, and MemoryCgroup v1/v2 against a fake cgroupfs tree in a temp
// directory that behaves like the kernel where it matters (control files
// appear on mkdir, limits round to pages, v1 keeps memsw >= limit, v2's "no
// internal processes", rmdir of a populated cgroup fails). Process and the
// sampler run real short-lived programs.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>
#include <thread>

#include "runtime/cgroup.h"
#include "runtime/hierarchy.h"
#include "runtime/process.h"
#include "runtime/sampler.h"
#include "runtime/signals.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace og::runtime;
using og::test::read_file;
using og::test::write_file;

namespace {

constexpr uint64_t MiB = 1 << 20;

// This machine's own layout: hybrid, memory on v1, inside a sub-cgroup.
const char* kHybridMountinfo =
    "24 1 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw\n"
    "31 24 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime shared:8 - cgroup cgroup rw,cpu\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:11 master:3 - cgroup cgroup rw,memory\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";
const char* kHybridCgroup =
    "9:name=systemd:/\n1:cpu:/\n4:memory:/process_api/22acf85f\n0::/\n";

const char* kUnifiedMountinfo = "30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev - cgroup2 cgroup2 rw,nsdelegate\n";

// The kernel's behaviour where MemoryCgroup depends on it, on a temp tree.
class FakeKernelFs : public DiskCgroupFs {
 public:
  FakeKernelFs(const std::string& root, CgroupVersion v) : DiskCgroupFs(root), root_(root), v_(v) {}
  bool swap_accounting = true;  // v1 memsw files / v2 memory.swap.* exist
  bool v2_peak = true;          // v2 memory.peak exists (kernel >= 5.19)
  std::vector<std::string> writes;  // "file=data" in order, file relative to its cgroup

  // Creates a cgroup directory and the control files the kernel would show.
  void make_cgroup(const std::string& dir) {
    fs::create_directories(root_ + dir);
    auto put = [&](const char* name, const std::string& content) { write_file(root_ + dir + "/" + name, content); };
    put("cgroup.procs", "");
    put("memory.stat", "");
    if (v_ == CgroupVersion::v1) {
      put("memory.limit_in_bytes", "9223372036854771712\n");
      if (swap_accounting) put("memory.memsw.limit_in_bytes", "9223372036854771712\n");
      put("memory.usage_in_bytes", "0\n");
      put("memory.max_usage_in_bytes", "0\n");
      put("memory.failcnt", "0\n");
      put("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
    } else {
      std::string parent = dir.substr(0, dir.rfind('/'));
      std::string enabled = fs::exists(root_ + parent + "/cgroup.subtree_control")
                                ? read_file(root_ + parent + "/cgroup.subtree_control")
                                : "cpu io memory pids\n";
      put("cgroup.controllers", enabled);
      put("cgroup.subtree_control", "");
      if (enabled.find("memory") != std::string::npos) {
        put("memory.max", "max\n");
        put("memory.current", "0\n");
        put("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
        if (v2_peak) put("memory.peak", "0\n");
        if (swap_accounting) put("memory.swap.max", "max\n"), put("memory.swap.current", "0\n");
      }
    }
  }

  Status mkdir(const std::string& path) override {
    if (fs::exists(root_ + path)) return Error{"exists", EEXIST};
    make_cgroup(path);
    return {};
  }

  Status rmdir(const std::string& path) override {
    if (!fs::exists(root_ + path)) return Error{"no such cgroup", ENOENT};
    if (!read_file(root_ + path + "/cgroup.procs").empty()) return Error{"populated", EBUSY};
    for (const auto& e : fs::directory_iterator(root_ + path))
      if (e.is_directory()) return Error{"has children", EBUSY};
    fs::remove_all(root_ + path);
    return {};
  }

  Status write(const std::string& path, const std::string& data) override {
    std::string dir = path.substr(0, path.rfind('/')), file = path.substr(path.rfind('/') + 1);
    writes.push_back(file + "=" + data);
    auto num = [&](const std::string& f) { return std::stoull(read_file(root_ + dir + "/" + f)); };
    auto pages = [](const std::string& d) { return std::to_string(std::stoull(d) / 4096 * 4096); };
    if (!fs::exists(root_ + path)) return Error{"no such file", ENOENT};
    if (file == "cgroup.procs") {
      write_file(root_ + path, read_file(root_ + path) + data + "\n");
      return {};
    }
    if (file == "memory.limit_in_bytes") {
      if (swap_accounting && std::stoull(data) > num("memory.memsw.limit_in_bytes")) return Error{"memsw < limit", EINVAL};
      write_file(root_ + path, pages(data) + "\n");
      return {};
    }
    if (file == "memory.memsw.limit_in_bytes") {
      if (std::stoull(data) < num("memory.limit_in_bytes")) return Error{"memsw < limit", EINVAL};
      write_file(root_ + path, pages(data) + "\n");
      return {};
    }
    if (file == "memory.max") {
      write_file(root_ + path, pages(data) + "\n");
      return {};
    }
    if (file == "cgroup.subtree_control") {
      // No internal processes: only an empty cgroup (or the root) enables controllers.
      if (dir != "/sys/fs/cgroup" && !read_file(root_ + dir + "/cgroup.procs").empty()) return Error{"busy", EBUSY};
      write_file(root_ + path, data.substr(1) + "\n");
      return {};
    }
    return DiskCgroupFs::write(path, data);
  }

 private:
  std::string root_;
  CgroupVersion v_;
};

// A fake machine: /proc/self files and this process's memory cgroup.
struct FakeMachine {
  std::string root;
  FakeKernelFs fs;
  std::string self_dir;  // our memory cgroup
  FakeMachine(const std::string& tag, CgroupVersion v, bool swap_accounting = true)
      : root(og::test::temp_dir("runtime-" + tag)), fs(root, v) {
    fs.swap_accounting = swap_accounting;
    if (v == CgroupVersion::v1) {
      write_file(root + "/proc/self/mountinfo", kHybridMountinfo);
      write_file(root + "/proc/self/cgroup", kHybridCgroup);
      self_dir = "/sys/fs/cgroup/memory/process_api/22acf85f";
    } else {
      write_file(root + "/proc/self/mountinfo", kUnifiedMountinfo);
      write_file(root + "/proc/self/cgroup", "0::/ci/runner\n");
      fs.make_cgroup("/sys/fs/cgroup");
      fs::create_directories(root + "/sys/fs/cgroup/ci");
      write_file(root + "/sys/fs/cgroup/ci/cgroup.controllers", "cpu io memory pids\n");
      write_file(root + "/sys/fs/cgroup/ci/cgroup.subtree_control", "memory\n");
      write_file(root + "/sys/fs/cgroup/ci/cgroup.procs", "");
      self_dir = "/sys/fs/cgroup/ci/runner";
    }
    fs.make_cgroup(self_dir);
    write_file(root + self_dir + "/cgroup.procs", std::to_string(getpid()) + "\n");  // we live here
  }
  ~FakeMachine() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void put(const std::string& path, const std::string& content) { write_file(root + path, content); }
  std::string get(const std::string& path) { return read_file(root + path); }
  bool exists(const std::string& path) { return fs::exists(root + path); }
};

// A Signaller that "kills" by emptying the fake cgroup's procs file.
Signaller fake_killer(FakeMachine& m, std::vector<std::pair<pid_t, int>>* sent, bool works = true) {
  return [&m, sent, works](pid_t pid, int sig) {
    sent->push_back({pid, sig});
    if (works)
      for (const auto& e : fs::recursive_directory_iterator(m.root + "/sys/fs/cgroup"))
        if (e.path().filename() == "cgroup.procs" && e.path().parent_path().filename().string().rfind("oomguard", 0) == 0)
          write_file(e.path().string(), "");
    return 0;
  };
}

ExitStatus run(const LaunchSpec& spec, std::vector<std::string>* err = nullptr) {
  auto p = Process::start(spec);
  REQUIRE_MESSAGE(p.ok(), p.error().message);
  ExitStatus st = p.value().wait(std::chrono::seconds(20), std::chrono::seconds(1));
  if (err) *err = p.value().stderr_tail();
  return st;
}

// Gone or a zombie (a container's init may never reap an orphan).
bool process_exists(pid_t pid) {
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
}

}  // namespace

TEST_SUITE("runtime") {
  // --- hierarchy ---

  TEST_CASE("hierarchy: hybrid layout with memory on v1 inside a sub-cgroup") {
    auto r = locate_memory_cgroup(kHybridMountinfo, kHybridCgroup);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r.value().version == CgroupVersion::v1);
    CHECK(r.value().layout == CgroupLayout::hybrid);
    CHECK(r.value().mount_point == "/sys/fs/cgroup/memory");
    CHECK(r.value().cgroup == "/process_api/22acf85f");
    CHECK(r.value().dir == "/sys/fs/cgroup/memory/process_api/22acf85f");
  }

  TEST_CASE("hierarchy: legacy v1 in a container whose mount shows only its own cgroup") {
    // docker without a cgroup namespace: the mount's root is the container's cgroup.
    const char* mi = "600 590 0:32 /docker/abc /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory\n";
    auto r = locate_memory_cgroup(mi, "4:memory:/docker/abc\n1:cpu:/docker/abc\n");
    REQUIRE(r.ok());
    CHECK(r.value().layout == CgroupLayout::legacy);
    CHECK(r.value().dir == "/sys/fs/cgroup/memory");
    // A child of it maps below the mount point.
    auto child = locate_memory_cgroup(mi, "4:memory:/docker/abc/worker\n");
    REQUIRE(child.ok());
    CHECK(child.value().dir == "/sys/fs/cgroup/memory/worker");
    // A sibling is not visible through that mount.
    auto other = locate_memory_cgroup(mi, "4:memory:/docker/abcd\n");
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().message.find("not visible") != std::string::npos);
  }

  TEST_CASE("hierarchy: combined controllers on one v1 hierarchy") {
    const char* mi = "35 31 0:32 / /sys/fs/cgroup/memory,foo rw - cgroup cgroup rw,foo,memory\n";
    auto r = locate_memory_cgroup(mi, "5:foo,memory:/a/b\n3:cpu,cpuacct:/\n");
    REQUIRE(r.ok());
    CHECK(r.value().dir == "/sys/fs/cgroup/memory,foo/a/b");
    // "memory" must be a whole token: "memoryx" is not the memory controller.
    auto none = locate_memory_cgroup("35 31 0:32 / /x rw - cgroup cgroup rw,memoryx\n", "5:memoryx:/\n");
    REQUIRE_FALSE(none.ok());
  }

  TEST_CASE("hierarchy: unified v2, on the host and in a container namespace") {
    auto host = locate_memory_cgroup(kUnifiedMountinfo, "0::/user.slice/user-0.slice/session-1.scope\n");
    REQUIRE(host.ok());
    CHECK(host.value().version == CgroupVersion::v2);
    CHECK(host.value().layout == CgroupLayout::unified);
    CHECK(host.value().dir == "/sys/fs/cgroup/user.slice/user-0.slice/session-1.scope");
    auto ns = locate_memory_cgroup(kUnifiedMountinfo, "0::/\n");
    REQUIRE(ns.ok());
    CHECK(ns.value().dir == "/sys/fs/cgroup");
    // Paths may contain ':' (only the first two separate fields).
    auto colon = locate_memory_cgroup(kUnifiedMountinfo, "0::/a:b\n");
    REQUIRE(colon.ok());
    CHECK(colon.value().dir == "/sys/fs/cgroup/a:b");
    // Outside our cgroup namespace.
    auto outside = locate_memory_cgroup(kUnifiedMountinfo, "0::/../../x\n");
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().message.find("outside this cgroup namespace") != std::string::npos);
    auto dotted = locate_memory_cgroup(kUnifiedMountinfo, "0::/..hidden\n");  // a name, not a parent
    REQUIRE(dotted.ok());
    CHECK(dotted.value().dir == "/sys/fs/cgroup/..hidden");
  }

  TEST_CASE("hierarchy: mountinfo escapes and optional fields") {
    auto m = parse_mountinfo(
        "35 31 0:32 /a\\040b /sys/fs/cgroup/my\\040mem\\134x rw,relatime shared:11 master:3 propagate_from:2 - cgroup "
        "cgroup rw,memory\n"
        "garbage line\n");
    REQUIRE(m.size() == 1);
    CHECK(m[0].root == "/a b");
    CHECK(m[0].mount_point == "/sys/fs/cgroup/my mem\\x");
    CHECK(m[0].fstype == "cgroup");
    CHECK(m[0].super_options == "rw,memory");
    auto r = locate_memory_cgroup(
        "35 31 0:32 / /sys/fs/cgroup/my\\040memory rw - cgroup cgroup rw,memory\n", "4:memory:/x y\n");
    REQUIRE(r.ok());
    CHECK(r.value().dir == "/sys/fs/cgroup/my memory/x y");
  }

  TEST_CASE("hierarchy: /proc/<pid>/cgroup lines") {
    auto e = parse_proc_cgroup("12:cpu,cpuacct:/a\n0::/b:c\nbad\n");
    REQUIRE(e.size() == 2);
    CHECK(e[0].hierarchy_id == 12);
    CHECK(e[0].controllers == std::vector<std::string>{"cpu", "cpuacct"});
    CHECK(e[0].path == "/a");
    CHECK(e[1].hierarchy_id == 0);
    CHECK(e[1].controllers.empty());
    CHECK(e[1].path == "/b:c");
  }

  TEST_CASE("hierarchy: no memory controller is a clear error") {
    auto unmounted = locate_memory_cgroup("41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n",
                                          "4:memory:/a\n0::/\n");
    REQUIRE_FALSE(unmounted.ok());
    CHECK(unmounted.error().message.find("not mounted") != std::string::npos);
    auto no_line = locate_memory_cgroup(kHybridMountinfo, "1:cpu:/\n");
    REQUIRE_FALSE(no_line.ok());
    CHECK(no_line.error().message.find("no memory controller") != std::string::npos);
    auto nothing = locate_memory_cgroup("24 1 0:22 / /sys rw - sysfs sysfs rw\n", "0::/\n");
    REQUIRE_FALSE(nothing.ok());
    CHECK(nothing.error().message.find("no cgroup filesystem") != std::string::npos);
  }

  TEST_CASE("hierarchy: hybrid whose v2 mount has no memory controller and no v1 memory mount") {
    // Memory is on neither: pure parsing points at v2, cgroup.controllers says no.
    std::string root = og::test::temp_dir("runtime-hier");
    write_file(root + "/proc/self/mountinfo",
               "32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"
               "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n");
    write_file(root + "/proc/self/cgroup", "1:cpu:/\n0::/\n");
    write_file(root + "/sys/fs/cgroup/unified/cgroup.controllers", "\n");
    DiskCgroupFs disk(root);
    auto r = current_memory_cgroup(disk);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("no memory controller") != std::string::npos);
    CHECK(r.error().message.find("/sys/fs/cgroup/unified") != std::string::npos);
    // Another pid's cgroup is read from /proc/<pid>/cgroup with our mountinfo.
    write_file(root + "/sys/fs/cgroup/unified/cgroup.controllers", "cpu memory\n");
    write_file(root + "/proc/4242/cgroup", "0::/docker/abc\n");
    write_file(root + "/sys/fs/cgroup/unified/docker/abc/cgroup.controllers", "memory pids\n");
    auto other = memory_cgroup_of(disk, 4242);
    REQUIRE_MESSAGE(other.ok(), other.error().message);
    CHECK(other.value().dir == "/sys/fs/cgroup/unified/docker/abc");
    write_file(root + "/sys/fs/cgroup/unified/docker/abc/cgroup.controllers", "pids\n");
    auto disabled = memory_cgroup_of(disk, 4242);
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.error().message.find("subtree_control lacks +memory") != std::string::npos);
  }

  // --- file formats ---

  TEST_CASE("files: v1 memory.stat makes a sample from the hierarchical totals") {
    auto stat = parse_keyed(
        "cache 581632\nrss 1654784\ninactive_file 131072\nswap 0\n"
        "total_cache 8388608\ntotal_rss 50331648\ntotal_inactive_file 4194304\ntotal_swap 1048576\n"
        "hierarchical_memory_limit 67108864\n");
    CHECK(stat.at("total_rss") == 50331648);
    Sample s = make_sample(CgroupVersion::v1, 60 * MiB, stat, std::nullopt);
    CHECK(s.usage == 60 * MiB);
    CHECK(s.working_set == 56 * MiB);
    CHECK(s.anon == 48 * MiB);
    CHECK(s.file == 8 * MiB);
    CHECK(s.swap == 1 * MiB);
  }

  TEST_CASE("files: v2 memory.stat, working set floored at zero, unordered keys, junk skipped") {
    auto stat = parse_keyed("file 2097152\nanon 1048576\nkernel 4096\n\nnot-a-number x\ninactive_file 9437184\n");
    Sample s = make_sample(CgroupVersion::v2, 8 * MiB, stat, 512 * 1024);
    CHECK(s.anon == 1 * MiB);
    CHECK(s.file == 2 * MiB);
    CHECK(s.working_set == 0);  // inactive_file > usage (counters are read at different moments)
    CHECK(s.swap == 512 * 1024);
    CHECK(stat.count("not-a-number") == 0);
  }

  TEST_CASE("files: memory.events, oom_control and single values") {
    auto ev = parse_keyed("low 0\nhigh 12\nmax 3\noom 1\noom_kill 1\noom_group_kill 0\n");
    CHECK(ev.at("high") == 12);
    CHECK(ev.at("oom_kill") == 1);
    auto oc = parse_keyed("oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
    CHECK(oc.at("oom_kill") == 2);
    CHECK(parse_u64("67108864\n").value() == 67108864);
    CHECK_FALSE(parse_u64("12ab\n").ok());
    CHECK_FALSE(parse_u64("").ok());
    CHECK_FALSE(parse_limit("max\n").value().has_value());
    CHECK(*parse_limit("4096\n").value() == 4096);
  }

  // --- statistics ---

  TEST_CASE("percentile: nearest rank") {
    std::vector<uint64_t> hundred;
    for (uint64_t i = 100; i >= 1; --i) hundred.push_back(i);  // unsorted on purpose
    CHECK(*percentile_nearest_rank(hundred, 50) == 50);
    CHECK(*percentile_nearest_rank(hundred, 95) == 95);
    CHECK(*percentile_nearest_rank(hundred, 100) == 100);
    CHECK(*percentile_nearest_rank(hundred, 0.5) == 1);
    CHECK(*percentile_nearest_rank({7}, 95) == 7);
    CHECK(*percentile_nearest_rank({3, 1, 2}, 50) == 2);   // rank ceil(1.5) = 2
    CHECK(*percentile_nearest_rank({3, 1, 2}, 95) == 3);   // rank ceil(2.85) = 3
    CHECK(*percentile_nearest_rank({10, 20, 30, 40}, 50) == 20);
    CHECK_FALSE(percentile_nearest_rank({}, 50).has_value());
  }

  TEST_CASE("steady state skips the warmup") {
    std::vector<SeriesPoint> series;
    for (int i = 0; i < 30; ++i) series.push_back({i * 0.1, Sample{i < 10 ? 1000u : 100u + static_cast<uint64_t>(i)}});
    auto st = steady_state(series, 1.0);
    REQUIRE(st.has_value());
    CHECK(st->samples == 20);
    CHECK(st->p50 == 119);  // 110..129: rank 10
    CHECK(st->p95 == 128);  // rank 19
    CHECK_FALSE(steady_state(series, 5.0).has_value());
  }

  // --- MemoryCgroup on a fake tree ---

  TEST_CASE("cgroup v1: create under our memory cgroup, limit, sample, counters, remove") {
    FakeMachine m("v1", CgroupVersion::v1);
    std::vector<std::pair<pid_t, int>> sent;
    CreateOptions opts;
    opts.signal = fake_killer(m, &sent);
    auto cg = MemoryCgroup::create(m.fs, opts);
    REQUIRE_MESSAGE(cg.ok(), cg.error().message);
    std::string dir = cg.value().dir();
    CHECK(dir == m.self_dir + "/oomguard-probe-" + std::to_string(getpid()) + "-" + dir.substr(dir.rfind('-') + 1));
    CHECK(cg.value().version() == CgroupVersion::v1);

    auto applied = cg.value().set_limits({64 * MiB + 100, 0});
    REQUIRE_MESSAGE(applied.ok(), applied.error().message);
    CHECK(applied.value().memory == 64 * MiB);  // rounded down to a page, read back
    CHECK(applied.value().swap == 0u);
    CHECK(applied.value().swap_unsupported.empty());
    // Fresh cgroup (memsw unlimited): the limit first, then memsw.
    CHECK(og::test::lines(m.fs.writes) ==
          "[memory.limit_in_bytes=67108964 | memory.memsw.limit_in_bytes=67108964]");

    // Raising the limit above the current memsw needs memsw first.
    m.fs.writes.clear();
    auto raised = cg.value().set_limits({128 * MiB, 16 * MiB});
    REQUIRE_MESSAGE(raised.ok(), raised.error().message);
    CHECK(og::test::lines(m.fs.writes) ==
          "[memory.memsw.limit_in_bytes=150994944 | memory.limit_in_bytes=134217728]");
    CHECK(raised.value().swap == 16 * MiB);

    REQUIRE(cg.value().add_pid(4242).ok());
    CHECK(cg.value().pids().value() == std::vector<pid_t>{4242});

    m.put(dir + "/memory.usage_in_bytes", "52428800\n");
    m.put(dir + "/memory.stat", "rss 1\ntotal_rss 41943040\ntotal_cache 10485760\ntotal_inactive_file 8388608\n");
    auto s = cg.value().sample();
    REQUIRE(s.ok());
    CHECK(s.value().usage == 50 * MiB);
    CHECK(s.value().working_set == 42 * MiB);
    CHECK(s.value().anon == 40 * MiB);
    CHECK(s.value().file == 10 * MiB);

    m.put(dir + "/memory.max_usage_in_bytes", "67108864\n");
    m.put(dir + "/memory.failcnt", "31\n");
    m.put(dir + "/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
    auto c = cg.value().counters();
    REQUIRE(c.ok());
    CHECK(c.value().peak == 64 * MiB);
    CHECK(c.value().oom_kill == 1u);
    CHECK(c.value().failcnt == 31u);
    CHECK_FALSE(c.value().high_events.has_value());

    Status rm = cg.value().remove(std::chrono::seconds(1));
    REQUIRE_MESSAGE(rm.ok(), rm.error().message);
    CHECK(sent.size() == 1);
    CHECK(sent[0] == std::pair<pid_t, int>{4242, SIGKILL});
    CHECK_FALSE(m.exists(dir));
    CHECK(m.exists(m.self_dir));
  }

  TEST_CASE("cgroup v1: swap limit without swap accounting is reported, memory still limited") {
    FakeMachine m("v1-noswap", CgroupVersion::v1, /*swap_accounting=*/false);
    auto cg = MemoryCgroup::create(m.fs);
    REQUIRE(cg.ok());
    auto applied = cg.value().set_limits({64 * MiB, 0});
    REQUIRE(applied.ok());
    CHECK(applied.value().memory == 64 * MiB);
    CHECK_FALSE(applied.value().swap.has_value());
    CHECK(applied.value().swap_unsupported.find("memory.memsw.limit_in_bytes is absent") != std::string::npos);
    // No swap asked for: nothing to report.
    auto plain = cg.value().set_limits({32 * MiB, std::nullopt});
    REQUIRE(plain.ok());
    CHECK(plain.value().swap_unsupported.empty());
    REQUIRE(cg.value().remove().ok());
  }

  TEST_CASE("cgroup v1: processes that survive SIGKILL leave the cgroup in place with an error") {
    FakeMachine m("v1-stuck", CgroupVersion::v1);
    std::vector<std::pair<pid_t, int>> sent;
    CreateOptions opts;
    opts.signal = fake_killer(m, &sent, /*works=*/false);
    auto cg = MemoryCgroup::create(m.fs, opts);
    REQUIRE(cg.ok());
    REQUIRE(cg.value().add_pid(4242).ok());
    Status rm = cg.value().remove(std::chrono::milliseconds(50));
    REQUIRE_FALSE(rm.ok());
    CHECK(rm.error().message.find("4242") != std::string::npos);
    CHECK(m.exists(cg.value().dir()));
    CHECK(sent.size() >= 2);  // it kept trying
    m.put(cg.value().dir() + "/cgroup.procs", "");  // let the destructor clean up
  }

  TEST_CASE("cgroup: cgroups the workload created below ours are emptied and removed, children first") {
    for (CgroupVersion v : {CgroupVersion::v1, CgroupVersion::v2}) {
      FakeMachine m(v == CgroupVersion::v1 ? "v1-nested" : "v2-nested", v);
      std::vector<std::pair<pid_t, int>> sent;
      CreateOptions opts;
      if (v == CgroupVersion::v2) opts.parent = "/sys/fs/cgroup/ci";  // ours holds us (no internal processes)
      std::string top;
      // SIGKILL empties every cgroup.procs below ours.
      opts.signal = [&](pid_t pid, int sig) {
        sent.push_back({pid, sig});
        for (const auto& e : fs::recursive_directory_iterator(m.root + top))
          if (e.path().filename() == "cgroup.procs") write_file(e.path().string(), "");
        return 0;
      };
      auto cg = MemoryCgroup::create(m.fs, opts);
      REQUIRE(cg.ok());
      top = cg.value().dir();
      REQUIRE(m.fs.mkdir(top + "/svc").ok());
      REQUIRE(m.fs.mkdir(top + "/svc/worker").ok());
      REQUIRE(m.fs.mkdir(top + "/other").ok());
      REQUIRE(m.fs.write(top + "/svc/worker/cgroup.procs", "5151").ok());
      REQUIRE(m.fs.write(top + "/other/cgroup.procs", "5252").ok());
      Status rm = cg.value().remove(std::chrono::seconds(1));
      CHECK_MESSAGE(rm.ok(), (rm.ok() ? "" : rm.error().message));
      CHECK_FALSE(m.exists(top));
      std::set<pid_t> killed;
      for (const auto& [pid, sig] : sent)
        if (sig == SIGKILL) killed.insert(pid);
      CHECK(killed == std::set<pid_t>{5151, 5252});
    }
  }

  TEST_CASE("cgroup: an unremoved cgroup is removed when the object goes away; names are unique") {
    FakeMachine m("v1-raii", CgroupVersion::v1);
    std::string first, second;
    {
      auto a = MemoryCgroup::create(m.fs);
      auto b = MemoryCgroup::create(m.fs);
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      first = a.value().dir();
      second = b.value().dir();
      CHECK(first != second);
      CHECK(m.exists(first));
    }
    CHECK_FALSE(m.exists(first));
    CHECK_FALSE(m.exists(second));
    // A name left by a crashed earlier run with our pid is skipped, not reused.
    auto c = MemoryCgroup::create(m.fs);
    REQUIRE(c.ok());
    std::string next = c.value().dir();
    REQUIRE(c.value().remove().ok());
    unsigned n = static_cast<unsigned>(std::stoul(next.substr(next.rfind('-') + 1)));
    std::string stale = next.substr(0, next.rfind('-') + 1) + std::to_string(n + 1);
    m.fs.make_cgroup(stale);
    auto d = MemoryCgroup::create(m.fs);
    REQUIRE(d.ok());
    CHECK(d.value().dir() != stale);
  }

  TEST_CASE("cgroup: a parent outside the memory hierarchy or missing is refused") {
    FakeMachine m("v1-parent", CgroupVersion::v1);
    CreateOptions opts;
    opts.parent = "/sys/fs/cgroup/cpu";
    auto bad = MemoryCgroup::create(m.fs, opts);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("not in the memory hierarchy") != std::string::npos);
    opts.parent = "/sys/fs/cgroup/memory/nope";
    auto missing = MemoryCgroup::create(m.fs, opts);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("does not exist") != std::string::npos);
  }

  TEST_CASE("cgroup v2: enables +memory in an empty parent, limits, counters") {
    FakeMachine m("v2", CgroupVersion::v2);
    m.fs.make_cgroup("/sys/fs/cgroup/ci/probes");
    write_file(m.root + "/sys/fs/cgroup/ci/probes/cgroup.controllers", "cpu memory pids\n");
    CreateOptions opts;
    opts.parent = "/sys/fs/cgroup/ci/probes";
    auto cg = MemoryCgroup::create(m.fs, opts);
    REQUIRE_MESSAGE(cg.ok(), cg.error().message);
    CHECK(m.get("/sys/fs/cgroup/ci/probes/cgroup.subtree_control") == "memory\n");
    CHECK(cg.value().version() == CgroupVersion::v2);
    std::string dir = cg.value().dir();

    auto applied = cg.value().set_limits({64 * MiB, 32 * MiB});
    REQUIRE(applied.ok());
    CHECK(m.get(dir + "/memory.max") == "67108864\n");
    CHECK(m.get(dir + "/memory.swap.max") == "33554432");  // swap alone, not memory + swap
    CHECK(applied.value().swap == 32 * MiB);

    m.put(dir + "/memory.current", "41943040\n");
    m.put(dir + "/memory.stat", "anon 33554432\nfile 8388608\ninactive_file 4194304\n");
    m.put(dir + "/memory.swap.current", "1048576\n");
    auto s = cg.value().sample();
    REQUIRE(s.ok());
    CHECK(s.value().usage == 40 * MiB);
    CHECK(s.value().working_set == 36 * MiB);
    CHECK(s.value().swap == 1 * MiB);

    m.put(dir + "/memory.peak", "66060288\n");
    m.put(dir + "/memory.events", "low 0\nhigh 5\nmax 9\noom 1\noom_kill 1\noom_group_kill 0\n");
    auto c = cg.value().counters();
    REQUIRE(c.ok());
    CHECK(c.value().peak == 63 * MiB);
    CHECK(c.value().oom_kill == 1u);
    CHECK(c.value().high_events == 5u);
    CHECK(c.value().max_events == 9u);
    CHECK_FALSE(c.value().failcnt.has_value());
    REQUIRE(cg.value().remove().ok());
    CHECK_FALSE(m.exists(dir));
  }

  TEST_CASE("cgroup v2: no memory.peak (kernel < 5.19), no swap accounting") {
    FakeMachine m("v2-old", CgroupVersion::v2, /*swap_accounting=*/false);
    m.fs.v2_peak = false;
    // Our own cgroup holds us, so create under the empty /ci... which already enables memory.
    CreateOptions opts;
    opts.parent = "/sys/fs/cgroup/ci";
    auto cg = MemoryCgroup::create(m.fs, opts);
    REQUIRE_MESSAGE(cg.ok(), cg.error().message);
    auto applied = cg.value().set_limits({64 * MiB, 0});
    REQUIRE(applied.ok());
    CHECK(applied.value().swap_unsupported.find("memory.swap.max is absent") != std::string::npos);
    auto c = cg.value().counters();
    REQUIRE(c.ok());
    CHECK_FALSE(c.value().peak.has_value());  // "unavailable", never a made-up number
    auto s = cg.value().sample();
    REQUIRE(s.ok());
    CHECK(s.value().swap == 0);
  }

  TEST_CASE("cgroup v2: our own cgroup has processes: the no-internal-processes error says so") {
    FakeMachine m("v2-busy", CgroupVersion::v2);
    auto cg = MemoryCgroup::create(m.fs);  // parent = /ci/runner, which holds us
    REQUIRE_FALSE(cg.ok());
    CHECK(cg.error().err == EBUSY);
    CHECK(cg.error().message.find("no internal processes") != std::string::npos);
    CHECK(cg.error().message.find("/sys/fs/cgroup/ci/runner") != std::string::npos);
    CHECK(cg.error().message.find("--cgroup-parent") != std::string::npos);
  }

  TEST_CASE("cgroup v2: memory not enabled for the parent") {
    FakeMachine m("v2-nomem", CgroupVersion::v2);
    m.fs.make_cgroup("/sys/fs/cgroup/ci/probes");
    write_file(m.root + "/sys/fs/cgroup/ci/probes/cgroup.controllers", "cpu pids\n");
    CreateOptions opts;
    opts.parent = "/sys/fs/cgroup/ci/probes";
    auto cg = MemoryCgroup::create(m.fs, opts);
    REQUIRE_FALSE(cg.ok());
    CHECK(cg.error().message.find("not available in /sys/fs/cgroup/ci/probes") != std::string::npos);
  }

  TEST_CASE("cgroup: an attached cgroup (a container's) is never removed") {
    FakeMachine m("attach", CgroupVersion::v1);
    {
      MemoryCgroup cg = MemoryCgroup::attach(m.fs, CgroupVersion::v1, m.self_dir);
      CHECK_FALSE(cg.remove().ok());
    }
    CHECK(m.exists(m.self_dir));
  }

  // --- processes ---

  TEST_CASE("exit status decoding") {
    ExitStatus ok = decode_wait_status(0);
    CHECK_FALSE(ok.signaled);
    CHECK(ok.describe() == "exited 0");
    ExitStatus three = decode_wait_status(3 << 8);
    CHECK(three.code == 3);
    CHECK(three.shell_status() == 3);
    ExitStatus killed = decode_wait_status(SIGKILL);
    CHECK(killed.signaled);
    CHECK(killed.signal == SIGKILL);
    CHECK(killed.shell_status() == 137);
    CHECK(killed.describe() == "killed by SIGKILL (137)");
    CHECK(decode_wait_status(SIGTERM | 0x80).describe() == "killed by SIGTERM (143)");  // with core flag
  }

  TEST_CASE("tail buffer keeps the last lines in bounded memory") {
    TailBuffer t(3, 8);
    t.append("one\ntwo\nthr");
    t.append("ee\nfour\nfive");
    CHECK(og::test::lines(t.lines()) == "[three | four | five]");
    t.append("\n" + std::string(100, 'x') + "\nend\n");
    CHECK(og::test::lines(t.lines()) == "[five | xxxxxxxx... | end]");
    t.append("yyyyyyyyy");  // an unterminated long line is shown cut too
    CHECK(og::test::lines(t.lines()) == "[xxxxxxxx... | end | yyyyyyyy...]");
    CHECK(TailBuffer().lines().empty());
  }

  TEST_CASE("process: exit code, stderr tail, environment and working directory") {
    std::string dir = og::test::temp_dir("runtime-proc");
    LaunchSpec spec;
    spec.argv = {"sh", "-c",
                 "for i in 1 2 3 4 5; do echo line$i >&2; done; echo out; "
                 "test \"$OG_SET\" = 'a b' && test -z \"${OG_UNSET+x}\" && test \"$(pwd)\" = \"$1\" && exit 3; exit 4",
                 "sh", dir};
    spec.env = {{"OG_SET", "a b"}, {"OG_UNSET", std::nullopt}};
    spec.workdir = dir;
    spec.stderr_lines = 2;
    setenv("OG_UNSET", "inherited", 1);
    std::vector<std::string> err;
    ExitStatus st = run(spec, &err);
    unsetenv("OG_UNSET");
    CHECK(st.describe() == "exited 3");
    CHECK(og::test::lines(err) == "[line4 | line5]");
  }

  TEST_CASE("process: joins the cgroup before exec (pid written to cgroup.procs)") {
    std::string dir = og::test::temp_dir("runtime-join");
    write_file(dir + "/cgroup.procs", "");
    LaunchSpec spec;
    spec.argv = {"true"};
    spec.cgroup_procs = dir + "/cgroup.procs";
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    pid_t pid = p.value().pid();
    CHECK(p.value().wait(std::chrono::seconds(10), std::chrono::seconds(1)).describe() == "exited 0");
    CHECK(read_file(dir + "/cgroup.procs") == std::to_string(pid));
    // A cgroup.procs that cannot be opened: the program never runs.
    spec.cgroup_procs = dir + "/missing/cgroup.procs";
    auto bad = Process::start(spec);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("could not start true: cannot join the cgroup") == 0);
  }

  TEST_CASE("process: could not start is not exit 127") {
    LaunchSpec spec;
    spec.argv = {"/nonexistent/oomguard-no-such-program"};
    auto p = Process::start(spec);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().message ==
          "could not start /nonexistent/oomguard-no-such-program: exec failed: No such file or directory");
    CHECK(p.error().err == ENOENT);
    spec.argv = {"oomguard-no-such-program-in-path"};
    auto q = Process::start(spec);
    REQUIRE_FALSE(q.ok());
    CHECK(q.error().message.find("not found in PATH") != std::string::npos);
    spec.argv = {"sh", "-c", "exit 127"};
    CHECK(run(spec).describe() == "exited 127");
    spec.argv = {"true"};
    spec.workdir = "/nonexistent-dir";
    auto w = Process::start(spec);
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().message.find("cannot change to the working directory /nonexistent-dir") != std::string::npos);
  }

  TEST_CASE("process: SIGTERM at the time limit, SIGKILL to the whole group after the grace period") {
    LaunchSpec spec;
    spec.argv = {"sleep", "30"};
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    auto t0 = std::chrono::steady_clock::now();
    CHECK(p.value().wait(std::chrono::milliseconds(100), std::chrono::seconds(5)).describe() ==
          "killed by SIGTERM (143)");
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3));

    // Ignoring SIGTERM (inherited by its child) only buys the grace period; the
    // sleeping grandchild goes with the group.
    spec.argv = {"sh", "-c", "trap '' TERM; sleep 30 & echo $! >&2; wait; sleep 30"};
    auto q = Process::start(spec);
    REQUIRE(q.ok());
    t0 = std::chrono::steady_clock::now();
    ExitStatus st = q.value().wait(std::chrono::milliseconds(300), std::chrono::milliseconds(300));
    CHECK(st.describe() == "killed by SIGKILL (137)");
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(3));
    auto tail = q.value().stderr_tail();
    REQUIRE(tail.size() == 1);
    pid_t grandchild = std::stoi(tail[0]);
    for (int i = 0; i < 100 && process_exists(grandchild); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK_FALSE(process_exists(grandchild));
  }

  TEST_CASE("process: a Process dropped while running leaves no process behind") {
    pid_t pid;
    {
      LaunchSpec spec;
      spec.argv = {"sleep", "30"};
      auto p = Process::start(spec);
      REQUIRE(p.ok());
      pid = p.value().pid();
    }
    CHECK_FALSE(process_exists(pid));  // killed and reaped, not a zombie
  }

  // --- sampler and signals (fake cgroup, real process) ---

  TEST_CASE("sampler: samples until exit, measures its own cost") {
    FakeMachine m("sampler", CgroupVersion::v1);
    auto cg = MemoryCgroup::create(m.fs);
    REQUIRE(cg.ok());
    m.put(cg.value().dir() + "/memory.usage_in_bytes", "1048576\n");
    m.put(cg.value().dir() + "/memory.stat", "total_rss 1048576\n");
    LaunchSpec spec;
    spec.argv = {"sleep", "0.5"};
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    SamplerOptions opts;
    opts.interval = std::chrono::milliseconds(50);
    opts.warmup = std::chrono::milliseconds(200);
    RunRecord r = sample_until_exit(cg.value(), p.value(), opts);
    CHECK(r.exit.describe() == "exited 0");
    CHECK(r.series.size() >= 7);
    CHECK(r.series.size() <= 12);
    CHECK(r.series.front().t < 0.05);
    CHECK(r.series.front().sample.anon == 1 * MiB);
    CHECK(r.wall_s >= 0.45);
    CHECK_FALSE(r.duration_reached);
    CHECK(r.interrupted_by == 0);
    REQUIRE(r.steady.has_value());
    CHECK(r.steady->p95 == 1 * MiB);
    CHECK(r.steady->samples < r.series.size());
    CHECK(r.cost.wall_s == doctest::Approx(r.wall_s));
    CHECK(r.cost.core_percent() < 50);
    CHECK_FALSE(r.first_oom_kill_s.has_value());
    CHECK(r.sample_error.empty());
  }

  TEST_CASE("sampler: stops at the end of the duration") {
    FakeMachine m("sampler-dur", CgroupVersion::v1);
    auto cg = MemoryCgroup::create(m.fs);
    REQUIRE(cg.ok());
    LaunchSpec spec;
    spec.argv = {"sleep", "30"};
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    SamplerOptions opts;
    opts.duration = std::chrono::milliseconds(300);
    opts.grace = std::chrono::seconds(2);
    RunRecord r = sample_until_exit(cg.value(), p.value(), opts);
    CHECK(r.duration_reached);
    CHECK(r.exit.describe() == "killed by SIGTERM (143)");
    CHECK(r.wall_s == doctest::Approx(0.3).epsilon(0.5));
  }

  TEST_CASE("sampler: on_sample sees each sample as it is taken") {
    FakeMachine m("sampler-cb", CgroupVersion::v1);
    auto cg = MemoryCgroup::create(m.fs);
    REQUIRE(cg.ok());
    m.put(cg.value().dir() + "/memory.usage_in_bytes", "2097152\n");
    LaunchSpec spec;
    spec.argv = {"sleep", "0.3"};
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    SamplerOptions opts;
    opts.interval = std::chrono::milliseconds(50);
    std::vector<SeriesPoint> seen;
    opts.on_sample = [&](const SeriesPoint& pt) { seen.push_back(pt); };
    RunRecord r = sample_until_exit(cg.value(), p.value(), opts);
    REQUIRE(seen.size() == r.series.size());
    CHECK(seen.size() >= 4);
    for (size_t i = 0; i < seen.size(); ++i) {
      CHECK(seen[i].t == r.series[i].t);
      CHECK(seen[i].sample.usage == 2 * MiB);
    }
  }

  TEST_CASE("sampler: a child's stderr is collected while the loop waits (a full pipe would block it)") {
    FakeMachine m("sampler-stderr", CgroupVersion::v1);
    auto cg = MemoryCgroup::create(m.fs);
    REQUIRE(cg.ok());
    LaunchSpec spec;
    // ~390 KiB, six times a pipe's buffer, then a last line.
    spec.argv = {"sh", "-c", "yes 'some stderr line' | head -n 24000 >&2; echo last >&2"};
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    SamplerOptions opts;
    opts.duration = std::chrono::seconds(10);  // a blocked child would run into it
    RunRecord r = sample_until_exit(cg.value(), p.value(), opts);
    CHECK(r.exit.describe() == "exited 0");
    CHECK_FALSE(r.duration_reached);
    CHECK(r.wall_s < 5);
    auto tail = p.value().stderr_tail();
    REQUIRE_FALSE(tail.empty());
    CHECK(tail.back() == "last");
  }

  TEST_CASE("sampler: a child ignoring SIGTERM is SIGKILLed after the grace period") {
    FakeMachine m("sampler-grace", CgroupVersion::v1);
    auto cg = MemoryCgroup::create(m.fs);
    REQUIRE(cg.ok());
    LaunchSpec spec;
    spec.argv = {"sh", "-c", "trap '' TERM; sleep 30 & wait; sleep 30"};
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    SamplerOptions opts;
    opts.duration = std::chrono::milliseconds(200);
    opts.grace = std::chrono::milliseconds(300);
    RunRecord r = sample_until_exit(cg.value(), p.value(), opts);
    CHECK(r.duration_reached);
    CHECK(r.exit.describe() == "killed by SIGKILL (137)");
    CHECK(r.wall_s >= 0.45);
    CHECK(r.wall_s < 2.0);
  }

  TEST_CASE("sampler: an external workload is stopped once and polled until it reports its exit") {
    FakeMachine m("sampler-ext", CgroupVersion::v1);
    auto cg = MemoryCgroup::create(m.fs);
    REQUIRE(cg.ok());
    using Clock = std::chrono::steady_clock;
    std::optional<Clock::time_point> stopped_at;
    int stops = 0;
    std::chrono::milliseconds grace_seen{0};
    ExternalWorkload w;
    w.stop = [&](std::chrono::milliseconds grace) {
      ++stops;
      grace_seen = grace;
      stopped_at = Clock::now();
    };
    // Exits 150 ms after it was asked to stop, as a container stopping would.
    w.poll = [&](std::chrono::milliseconds wait) -> std::optional<ExitStatus> {
      std::this_thread::sleep_for(std::min(wait, std::chrono::milliseconds(20)));
      if (stopped_at && Clock::now() - *stopped_at >= std::chrono::milliseconds(150)) return ExitStatus{false, 3, 0};
      return std::nullopt;
    };
    SamplerOptions opts;
    opts.interval = std::chrono::milliseconds(50);
    opts.duration = std::chrono::milliseconds(200);
    opts.grace = std::chrono::milliseconds(700);
    RunRecord r = sample_until_exit(cg.value(), w, opts);
    CHECK(stops == 1);
    CHECK(grace_seen == std::chrono::milliseconds(700));
    CHECK(r.duration_reached);
    CHECK(r.exit.describe() == "exited 3");
    CHECK(r.wall_s == doctest::Approx(0.35).epsilon(0.4));
    CHECK(r.series.size() >= 5);  // sampled on while it was stopping
  }

  TEST_CASE("signals: SIGINT to oomguard stops the run instead of killing oomguard") {
    FakeMachine m("sampler-sig", CgroupVersion::v1);
    auto cg = MemoryCgroup::create(m.fs);
    REQUIRE(cg.ok());
    StopSignals guard;
    CHECK(stop_signal() == 0);
    LaunchSpec spec;
    spec.argv = {"sleep", "30"};
    auto p = Process::start(spec);
    REQUIRE(p.ok());
    std::thread sender([] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      ::kill(getpid(), SIGINT);
    });
    RunRecord r = sample_until_exit(cg.value(), p.value(), SamplerOptions{});
    sender.join();
    CHECK(r.interrupted_by == SIGINT);
    CHECK(stop_signal() == SIGINT);
    CHECK(r.exit.describe() == "killed by SIGTERM (143)");
    CHECK(r.wall_s < 2.0);
  }

  TEST_CASE("signals: handlers are restored afterwards") {
    struct sigaction before {};
    sigaction(SIGTERM, nullptr, &before);
    {
      StopSignals guard;
      raise(SIGTERM);
      CHECK(stop_signal() == SIGTERM);
      raise(SIGINT);
      CHECK(stop_signal() == SIGTERM);  // the first one is kept
    }
    struct sigaction after {};
    sigaction(SIGTERM, nullptr, &after);
    CHECK(reinterpret_cast<void*>(after.sa_handler) == reinterpret_cast<void*>(before.sa_handler));
    StopSignals again;
    CHECK(stop_signal() == 0);
  }
}
