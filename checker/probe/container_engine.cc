// The container engines (`docker`, `podman`): the image runs detached with
// the workload's memory limit, swap limit and Go variables; oomguard finds
// the container's init process, attaches read-only to its memory cgroup and
// samples the same kernel files as the cgroup engine (not `docker stats`).
// The container's cgroup disappears as soon as the container stops (the
// runtime deletes it, long before `docker rm`), so the end of the run is
// noticed on the init process itself (a pidfd) and the kernel's final
// counters are read at that moment, before the engine even learns of the exit.
// The container is always removed: after exit, OOM kill, timeout, errors and
// SIGINT/SIGTERM to oomguard.
#include <signal.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "probe/command.h"
#include "probe/engine.h"
#include "probe/progress.h"
#include "probe/result_fill.h"
#include "runtime/cgroup.h"
#include "runtime/hierarchy.h"
#include "runtime/process.h"
#include "runtime/sampler.h"
#include "runtime/signals.h"
#include "runtime/tail_buffer.h"

namespace og {

namespace {

using namespace std::chrono;
using Clock = steady_clock;

constexpr milliseconds kCliTimeout = seconds(60);     // inspect, wait, logs, rm
constexpr milliseconds kRunTimeout = minutes(10);     // `run` may have to pull the image first

std::string absolute(const std::string& root, const std::string& p) {
  if (p.empty() || p[0] == '/' || root.empty()) return p;
  return root + "/" + p;
}

std::vector<std::string> tail_lines(const std::string& text, size_t n) {
  runtime::TailBuffer tb(n);
  tb.append(text);
  return tb.lines();
}

// The engines report a process killed by a signal as 128 + signal (137 = SIGKILL).
runtime::ExitStatus from_engine_code(int code) {
  runtime::ExitStatus s;
  if (code > 128 && code <= 128 + 64) {
    s.signaled = true;
    s.signal = code - 128;
  } else {
    s.code = code;
  }
  return s;
}

// The exit of a process that is not our child (the container's init, a child
// of the engine's shim): a pidfd turns readable when it exits, before it is
// reaped. Without pidfd_open (kernel < 5.3): /proc/<pid>/stat is looked at.
class PidWatch {
 public:
  explicit PidWatch(pid_t pid) : pid_(pid) {
    fd_ = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (fd_ < 0 && errno == ESRCH) gone_ = true;
  }
  ~PidWatch() {
    if (fd_ >= 0) ::close(fd_);
  }
  PidWatch(const PidWatch&) = delete;
  PidWatch& operator=(const PidWatch&) = delete;

  // Waits up to `wait` (less when a signal arrives) for the exit.
  bool exited(milliseconds wait) {
    if (gone_) return true;
    if (fd_ >= 0) {
      struct pollfd p = {fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(wait.count())) > 0) gone_ = true;
      return gone_;
    }
    auto until = Clock::now() + wait;
    for (;;) {
      if (!alive()) return gone_ = true;
      auto left = duration_cast<milliseconds>(until - Clock::now());
      if (left <= milliseconds(0)) return false;
      ::usleep(static_cast<useconds_t>(std::min<long long>(left.count(), 10)) * 1000);
    }
  }
  void kill(int sig) {
    if (gone_) return;
    if (fd_ >= 0) syscall(SYS_pidfd_send_signal, fd_, sig, nullptr, 0);
    else ::kill(pid_, sig);
  }

 private:
  bool alive() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t paren = stat.rfind(')');
    return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z' && stat[paren + 2] != 'X';
  }

  pid_t pid_;
  int fd_ = -1;
  bool gone_ = false;
};

// A container created by `run --cidfile`: removed (`rm -f`) when this goes
// out of scope, so no return path leaves one behind.
class Container {
 public:
  Container(std::string engine, std::string dir) : engine_(std::move(engine)), dir_(std::move(dir)) {}
  ~Container() {
    (void)remove();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  Container(const Container&) = delete;
  Container& operator=(const Container&) = delete;

  std::string cidfile() const { return dir_ + "/cid"; }
  // The id from the cidfile (written as soon as the container is created,
  // even when starting it fails), else from `run -d`'s output.
  void learn_id(const std::string& run_stdout) {
    std::ifstream in(cidfile());
    std::string id;
    in >> id;
    if (id.empty()) {
      std::string out = trim_right(run_stdout);
      size_t nl = out.rfind('\n');
      id = nl == std::string::npos ? out : out.substr(nl + 1);
      if (id.find_first_not_of("0123456789abcdef") != std::string::npos) id.clear();
    }
    id_ = id;
  }
  const std::string& id() const { return id_; }
  std::string short_id() const { return id_.substr(0, 12); }

  // `rm -f`; an error names the container so it can be removed by hand.
  std::string remove() {
    if (id_.empty() || removed_) return "";
    auto rm = run_capture({engine_, "rm", "-f", id_}, kCliTimeout);
    if (!rm.ok()) {
      // Already gone (removed by someone else) is what we wanted; anything
      // else (the daemon went away) leaves it to be removed by hand.
      auto again = run_capture({engine_, "inspect", "-f", "{{.Id}}", id_}, kCliTimeout);
      std::string why = again.reason();
      for (auto& c : why) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (again.ok() || why.find("no such") == std::string::npos)
        return "could not remove container " + short_id() + " (" + engine_ + " rm -f " + id_ + "): " + rm.reason();
    }
    removed_ = true;
    return "";
  }

 private:
  std::string engine_, dir_, id_;
  bool removed_ = false;
};

std::string make_temp_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/oomguard-container-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) return "";
  return buf.data();
}

std::vector<std::string> run_argv(const ProbePlan& plan, const std::string& engine, const std::string& cidfile) {
  const ProbeSpec& spec = *plan.spec;
  std::vector<std::string> a = {engine, "run", "-d", "--cidfile", cidfile, "--memory", std::to_string(plan.limit),
                                "--memory-swap", plan.swap ? std::to_string(plan.limit + *plan.swap) : "-1",
                                "--label", "oomguard.probe=" + spec.name};
  for (const auto& [k, v] : plan.env) {
    a.push_back("-e");
    a.push_back(k + "=" + v);
  }
  if (!spec.network) {
    a.push_back("--network");
    a.push_back("none");
  }
  if (!spec.workdir.empty()) {
    a.push_back("-w");
    a.push_back(spec.workdir);
  }
  a.push_back(spec.image);
  a.insert(a.end(), spec.args.begin(), spec.args.end());
  return a;
}

}  // namespace

bool engine_available(const std::string& engine, std::string* why) {
  if (!find_in_path(engine)) {
    *why = engine + " not found in PATH (install " + (engine == "docker" ? "Debian's docker.io" : engine) + ")";
    return false;
  }
  // podman has no daemon (and no .Server locally); `info` checks its runtime and storage.
  std::vector<std::string> argv = engine == "podman"
                                      ? std::vector<std::string>{engine, "info", "--format", "{{.Version.Version}}"}
                                      : std::vector<std::string>{engine, "version", "--format", "{{.Server.Version}}"};
  auto r = run_capture(argv, seconds(30));
  if (r.ok() && !trim_right(r.out).empty()) return true;
  *why = engine + (engine == "podman" ? " does not work here: " : ": the daemon does not answer: ") + r.reason();
  return false;
}

ProbeResult run_in_container(const ProbePlan& plan, const EngineOptions& opt, const std::string& engine,
                             std::string* fatal) {
  const ProbeSpec& spec = *plan.spec;
  ProbeResult r = result_skeleton(plan, engine);
  if (engine != "docker" && engine != "podman") {
    *fatal = "unknown container engine '" + engine + "' (docker or podman)";
    return r;
  }
  if (spec.image.empty()) {
    *fatal = "probe " + spec.name + " has no image: the " + engine + " engine runs image: probes";
    return r;
  }
  std::string why;
  if (!engine_available(engine, &why)) {
    *fatal = why;
    return r;
  }
  std::string dir = make_temp_dir();
  if (dir.empty()) {
    *fatal = std::string("cannot create a temporary directory for the cidfile: ") + std::strerror(errno);
    return r;
  }

  runtime::StopSignals signals;  // SIGINT/SIGTERM now stop the run; the container is still removed
  Container box(engine, dir);
  auto run = run_capture(run_argv(plan, engine, box.cidfile()), kRunTimeout, /*interruptible=*/true);
  box.learn_id(run.out);
  for (const auto& line : tail_lines(run.err, 20))
    if (line.find("WARNING") != std::string::npos && line.find("swap") != std::string::npos)
      r.applied.push_back({"swap", "not enforced: " + line, {}, false});
  if (!run.ok()) {
    r.error = run.interrupted ? "interrupted before the container started"
                              : engine + " run " + spec.image + " failed: " + run.reason();
    r.stderr_tail = tail_lines(run.err, 20);
    if (int sig = runtime::stop_signal()) r.interrupted_by = sig;
    std::string rm = box.remove();
    if (!rm.empty()) *fatal = rm;
    return r;
  }
  if (box.id().empty()) {
    *fatal = engine + " run " + spec.image + " printed no container id";
    return r;
  }
  r.started = true;

  // The container's init process and its memory cgroup.
  pid_t pid = 0;
  auto inspect = run_capture({engine, "inspect", "-f", "{{.State.Pid}}", box.id()}, kCliTimeout);
  if (!inspect.ok()) {
    *fatal = engine + " inspect " + box.short_id() + " failed: " + inspect.reason();
    std::string rm = box.remove();
    if (!rm.empty()) *fatal += "; " + rm;
    return r;
  }
  pid = static_cast<pid_t>(std::atol(trim_right(inspect.out).c_str()));
  runtime::DiskCgroupFs fs("/");
  std::optional<PidWatch> watch;
  std::optional<runtime::MemoryCgroup> group;
  if (pid > 0) {
    watch.emplace(pid);
    auto where = runtime::memory_cgroup_of(fs, pid);
    bool exited = watch->exited(milliseconds(0));
    if (where.ok() && !exited && where.value().dir.find(box.id()) == std::string::npos) {
      *fatal = "the init process " + std::to_string(pid) + " of container " + box.short_id() +
               " is not in the container's memory cgroup (" + where.value().dir + ")";
    } else if (!where.ok() && !exited) {
      *fatal = "cannot find the memory cgroup of container " + box.short_id() + ": " + where.error().message;
    } else if (where.ok() && !exited) {
      group.emplace(runtime::MemoryCgroup::attach(fs, where.value().version, where.value().dir));
    }
    // Exited already: nothing left to measure, only the engine's account of the exit.
    if (!fatal->empty()) {
      std::string rm = box.remove();
      if (!rm.empty()) *fatal += "; " + rm;
      return r;
    }
  }

  std::optional<runtime::Process> load;
  if (!spec.load.empty()) {  // the load generator runs on the host, outside the container
    runtime::LaunchSpec ll;
    ll.argv = spec.load;
    if (ll.argv[0].find('/') != std::string::npos) ll.argv[0] = absolute(opt.root, ll.argv[0]);
    ll.workdir = absolute(opt.root, ".");
    auto lp = runtime::Process::start(ll);
    if (lp.ok()) load.emplace(std::move(lp.value()));
    else r.stderr_tail.push_back("load: " + lp.error().message);
  }

  runtime::SamplerOptions so;
  so.interval = opt.interval;
  if (spec.duration_s) so.duration = milliseconds(static_cast<long long>(*spec.duration_s * 1000));
  so.grace = milliseconds(static_cast<long long>(spec.grace_s * 1000));
  so.warmup = milliseconds(static_cast<long long>(spec.warmup_s * 1000));

  runtime::RunRecord rec;
  const auto started = Clock::now();
  std::optional<runtime::Counters> final_counters, last_counters;
  std::optional<runtime::Process> stopper;  // `stop -t GRACE`, running alongside the sampling
  if (group) {
    std::optional<Clock::time_point> stop_at;
    bool killed = false;
    runtime::ExternalWorkload w;
    w.poll = [&](milliseconds wait) -> std::optional<runtime::ExitStatus> {
      if (watch->exited(wait)) {
        // Now, before the shim reaps the process and the runtime deletes the cgroup.
        auto c = group->counters();
        if (c.ok()) final_counters = c.value();
        return runtime::ExitStatus{};  // the engine's exit code replaces it below
      }
      if (auto c = group->counters(); c.ok()) last_counters = c.value();
      if (stopper) stopper->poll(milliseconds(0));
      // The engine did not stop it: SIGKILL to the init ends the container.
      if (stop_at && !killed && Clock::now() >= *stop_at + so.grace + seconds(15)) {
        watch->kill(SIGKILL);
        killed = true;
      }
      return std::nullopt;
    };
    w.stop = [&](milliseconds grace) {
      stop_at = Clock::now();
      runtime::LaunchSpec ls;
      long long secs = static_cast<long long>(std::ceil(static_cast<double>(grace.count()) / 1000.0));
      ls.argv = {engine, "stop", "-t", std::to_string(secs), box.id()};
      auto p = runtime::Process::start(ls);
      if (p.ok()) stopper.emplace(std::move(p.value()));
      else watch->kill(SIGKILL);
    };
    auto progress = start_progress(plan, opt, &so);  // erased at the end of this block
    rec = runtime::sample_until_exit(*group, w, so);
  }  // else: it exited before it could be measured; only the engine's account of it is left
  if (stopper) stopper->wait(so.grace + seconds(30), seconds(1));
  if (load) load->wait(milliseconds(0), milliseconds(2000));

  runtime::Counters counters;
  if (final_counters) {
    counters = *final_counters;
  } else if (group) {
    auto c = group->counters();
    if (c.ok()) counters = c.value();
    else if (last_counters) counters = *last_counters;  // the cgroup went first: the last reading
  }

  // The engine's account of the exit. `wait` returns once the engine has
  // recorded it (the init's exit was seen first, above).
  auto waited = run_capture({engine, "wait", box.id()}, kCliTimeout);
  if (!group) rec.wall_s = duration<double>(Clock::now() - started).count();
  auto state = run_capture({engine, "inspect", "-f", "{{.State.ExitCode}} {{.State.OOMKilled}}", box.id()}, kCliTimeout);
  auto logs = run_capture({engine, "logs", "--tail", "20", box.id()}, kCliTimeout);
  std::string rm = box.remove();

  std::vector<std::string> stderr_tail = logs.ok() ? tail_lines(logs.err, 20) : std::vector<std::string>{};
  fill_from_run(rec, counters, stderr_tail, &r);
  r.oom_kills = counters.oom_kill;  // a fresh cgroup: the counter is the run's
  if (!waited.ok() || !state.ok()) {
    *fatal = engine + " lost track of container " + box.short_id() + ": " + (waited.ok() ? state : waited).reason();
  } else {
    std::istringstream in(state.out);
    int code = 0;
    std::string oom_killed;
    in >> code >> oom_killed;
    runtime::ExitStatus st = from_engine_code(code);
    r.exit = st.describe();
    r.exit_status = st.shell_status();
    // podman's OOMKilled is not reliable (4.3 with runc on cgroup v1 never set
    // it for a memcg OOM kill): the kernel counter and 137 speak for it.
    if (engine == "docker") r.oom_killed_by_engine = oom_killed == "true";
  }
  if (!rm.empty()) *fatal = fatal->empty() ? rm : *fatal + "; " + rm;
  return r;
}

}  // namespace og
