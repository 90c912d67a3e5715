#include "runtime/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace og::runtime {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Which step failed in the child, reported with its errno through the pipe.
enum ChildStage : int { join_cgroup = 1, redirect = 2, change_dir = 3, exec_program = 4 };

struct ChildFailure {
  int stage;
  int err;
};

const char* stage_name(int stage) {
  switch (stage) {
    case join_cgroup: return "cannot join the cgroup";
    case redirect: return "cannot redirect stdin/stdout/stderr";
    case change_dir: return "cannot change to the working directory";
    default: return "exec failed";
  }
}

std::vector<std::string> child_environment(const LaunchSpec& spec) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  for (const auto& [name, value] : spec.env) {
    std::string prefix = name + "=";
    env.erase(std::remove_if(env.begin(), env.end(),
                             [&](const std::string& kv) { return kv.compare(0, prefix.size(), prefix) == 0; }),
              env.end());
    if (value) env.push_back(prefix + *value);
  }
  return env;
}

bool is_executable_file(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
}

// execvp's PATH search, done before fork: the child may only make
// async-signal-safe calls, and the search uses the child's PATH, not ours.
std::optional<std::string> resolve_program(const std::string& name, const std::vector<std::string>& env) {
  if (name.find('/') != std::string::npos) return name;
  std::string path = "/usr/local/bin:/usr/bin:/bin";
  for (const auto& kv : env)
    if (kv.compare(0, 5, "PATH=") == 0) path = kv.substr(5);
  size_t start = 0;
  for (;;) {
    size_t colon = path.find(':', start);
    std::string dir = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (is_executable_file(candidate)) return candidate;
    if (colon == std::string::npos) return std::nullopt;
    start = colon + 1;
  }
}

// Decimal digits of a pid without snprintf (not async-signal-safe).
size_t format_pid(pid_t pid, char* buf) {
  char rev[24];
  size_t n = 0;
  do rev[n++] = static_cast<char>('0' + pid % 10);
  while ((pid /= 10) > 0);
  for (size_t i = 0; i < n; ++i) buf[i] = rev[n - 1 - i];
  return n;
}

[[noreturn]] void child_fail(int report_fd, int stage) {
  ChildFailure f{stage, errno};
  ssize_t ignored = ::write(report_fd, &f, sizeof f);
  (void)ignored;
  _exit(127);
}

// Runs in the forked child: only async-signal-safe calls from here on.
[[noreturn]] void child_main(const char* program, char* const* argv, char* const* envp, const char* cgroup_procs,
                             const char* workdir, int stderr_w, int report_w) {
  // Our caller's signal handlers and mask must not leak into the workload.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int s = 1; s < NSIG; ++s) signal(s, SIG_DFL);
  setpgid(0, 0);  // a group of its own, so stop() signals everything it forks

  if (cgroup_procs) {
    int fd = ::open(cgroup_procs, O_WRONLY | O_CLOEXEC);
    if (fd < 0) child_fail(report_w, join_cgroup);
    char buf[24];
    size_t n = format_pid(getpid(), buf);
    if (::write(fd, buf, n) != static_cast<ssize_t>(n)) child_fail(report_w, join_cgroup);
    ::close(fd);
  }
  int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 || dup2(stderr_w, 2) < 0)
    child_fail(report_w, redirect);
  // Descriptors our process holds (a test runner's pipes, sockets) stay out of the workload.
  syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */);
  if (workdir && ::chdir(workdir) != 0) child_fail(report_w, change_dir);
  execve(program, argv, envp);
  child_fail(report_w, exec_program);
}

}  // namespace

std::string ExitStatus::describe() const {
  if (!signaled) return "exited " + std::to_string(code);
  const char* abbrev = sigabbrev_np(signal);
  std::string name = abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(signal);
  return "killed by " + name + " (" + std::to_string(shell_status()) + ")";
}

ExitStatus decode_wait_status(int wstatus) {
  ExitStatus s;
  if (WIFSIGNALED(wstatus)) {
    s.signaled = true;
    s.signal = WTERMSIG(wstatus);
  } else {
    s.code = WEXITSTATUS(wstatus);
  }
  return s;
}

Process::Process(pid_t pid, int stderr_fd, int pidfd, size_t stderr_lines)
    : pid_(pid), stderr_fd_(stderr_fd), pidfd_(pidfd), stderr_(stderr_lines) {}

Process::Process(Process&& o) noexcept
    : pid_(o.pid_), stderr_fd_(o.stderr_fd_), pidfd_(o.pidfd_), stderr_(std::move(o.stderr_)), kill_at_(o.kill_at_),
      killed_(o.killed_), exit_(o.exit_) {
  o.pid_ = -1;
  o.stderr_fd_ = o.pidfd_ = -1;
}

Process::~Process() {
  if (pid_ > 0 && !exit_) {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);  // in case it never reached setpgid
    int ws;
    while (::waitpid(pid_, &ws, 0) < 0 && errno == EINTR) {
    }
  }
  close_fds();
}

void Process::close_fds() {
  if (stderr_fd_ >= 0) ::close(stderr_fd_);
  if (pidfd_ >= 0) ::close(pidfd_);
  stderr_fd_ = pidfd_ = -1;
}

Result<Process> Process::start(const LaunchSpec& spec) {
  if (spec.argv.empty()) return Error{"could not start: empty command"};
  const std::string& name = spec.argv[0];
  std::vector<std::string> env = child_environment(spec);
  auto program = resolve_program(name, env);
  if (!program) return Error{"could not start " + name + ": not found in PATH", ENOENT};

  // Everything the child needs is built before fork.
  std::vector<char*> argv, envp;
  for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  int err_pipe[2], report[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return sys_error("could not start " + name + ": pipe", errno);
  if (pipe2(report, O_CLOEXEC) != 0) {
    int e = errno;
    ::close(err_pipe[0]);
    ::close(err_pipe[1]);
    return sys_error("could not start " + name + ": pipe", e);
  }
  pid_t pid = fork();
  if (pid == 0)
    child_main(program->c_str(), argv.data(), envp.data(),
               spec.cgroup_procs.empty() ? nullptr : spec.cgroup_procs.c_str(),
               spec.workdir.empty() ? nullptr : spec.workdir.c_str(), err_pipe[1], report[1]);
  int fork_errno = errno;
  ::close(err_pipe[1]);
  ::close(report[1]);
  if (pid < 0) {
    ::close(err_pipe[0]);
    ::close(report[0]);
    return sys_error("could not start " + name + ": fork", fork_errno);
  }
  setpgid(pid, pid);  // also here, so the group exists before we could signal it

  // EOF: exec succeeded (the pipe closed on exec); data: the child failed first.
  ChildFailure failure{0, 0};
  ssize_t n;
  do n = ::read(report[0], &failure, sizeof failure);
  while (n < 0 && errno == EINTR);
  ::close(report[0]);
  if (n > 0) {
    ::close(err_pipe[0]);
    int ws;
    while (::waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    std::string what = stage_name(failure.stage);
    if (failure.stage == join_cgroup) what += " " + spec.cgroup_procs;
    if (failure.stage == change_dir) what += " " + spec.workdir;
    return Error{"could not start " + name + ": " + what + ": " + std::strerror(failure.err), failure.err};
  }

  fcntl(err_pipe[0], F_SETFL, fcntl(err_pipe[0], F_GETFL) | O_NONBLOCK);
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  return Process(pid, err_pipe[0], pidfd, spec.stderr_lines);
}

void Process::drain_stderr() {
  char buf[4096];
  while (stderr_fd_ >= 0) {
    ssize_t n = ::read(stderr_fd_, buf, sizeof buf);
    if (n > 0) {
      stderr_.append(std::string_view(buf, static_cast<size_t>(n)));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      if (n == 0) {  // every writer closed it
        ::close(stderr_fd_);
        stderr_fd_ = -1;
      }
      return;
    }
  }
}

void Process::stop(milliseconds grace) {
  if (exit_ || stopping()) return;
  ::kill(-pid_, SIGTERM);
  kill_at_ = Clock::now() + grace;
}

std::optional<ExitStatus> Process::poll(milliseconds wait) {
  auto deadline = Clock::now() + wait;
  while (!exit_) {
    auto now = Clock::now();
    if (kill_at_ && now >= *kill_at_) {
      ::kill(-pid_, SIGKILL);
      kill_at_.reset();
      killed_ = true;
    }
    int ws;
    pid_t r = ::waitpid(pid_, &ws, WNOHANG);
    if (r == pid_) {
      exit_ = decode_wait_status(ws);
      drain_stderr();  // what is already in the pipe; a leftover grandchild may hold it open
      close_fds();
      break;
    }
    if (now >= deadline) break;
    auto until = kill_at_ ? std::min(deadline, *kill_at_) : deadline;
    auto step = std::chrono::duration_cast<milliseconds>(until - now) + milliseconds(1);
    if (pidfd_ < 0) step = std::min(step, milliseconds(10));  // no exit notification: look again soon
    struct pollfd fds[2];
    nfds_t count = 0;
    if (pidfd_ >= 0) fds[count++] = {pidfd_, POLLIN, 0};
    if (stderr_fd_ >= 0) fds[count++] = {stderr_fd_, POLLIN, 0};
    if (count == 0) {
      ::usleep(static_cast<useconds_t>(step.count()) * 1000);
    } else if (::poll(fds, count, static_cast<int>(step.count())) > 0) {
      drain_stderr();
    }
  }
  return exit_;
}

ExitStatus Process::wait(std::optional<milliseconds> limit, milliseconds grace) {
  auto deadline = limit ? std::optional<Clock::time_point>(Clock::now() + *limit) : std::nullopt;
  for (;;) {
    auto step = milliseconds(1000);
    if (deadline && !stopping())
      step = std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(*deadline - Clock::now()));
    if (auto st = poll(step)) return *st;
    if (deadline && Clock::now() >= *deadline) stop(grace);
  }
}

}  // namespace og::runtime
