#include "probe/command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/signals.h"

extern char** environ;

namespace og {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr size_t kMaxCapture = 1 << 20;

bool is_executable_file(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
}

// Appends what is readable now; false at EOF or on an error other than EAGAIN/EINTR.
bool drain(int fd, std::string* into) {
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      size_t room = kMaxCapture - std::min(into->size(), kMaxCapture);
      into->append(buf, std::min(static_cast<size_t>(n), room));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n < 0 && errno == EAGAIN;
  }
}

}  // namespace

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

std::string CommandResult::reason() const {
  for (const std::string* text : {&err, &out}) {
    // The last line that says something: not blank, not a CLI's pointer to
    // its help ("Run 'docker run --help' for more information", "See 'docker run --help'.").
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= text->size()) {
      size_t nl = text->find('\n', start);
      lines.push_back(trim_right(text->substr(start, nl == std::string::npos ? std::string::npos : nl - start)));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      const std::string& l = *it;
      bool help_hint = (l.rfind("Run '", 0) == 0 || l.rfind("See '", 0) == 0) && l.find("--help'") != std::string::npos;
      if (!l.empty() && !help_hint) return l;
    }
  }
  if (!error.empty()) return error;
  if (interrupted) return "interrupted";
  if (timed_out) return "timed out";
  return "exit status " + std::to_string(status);
}

std::optional<std::string> find_in_path(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) return is_executable_file(name) ? std::optional<std::string>(name) : std::nullopt;
  const char* env = std::getenv("PATH");
  std::string path = env ? env : "/usr/local/bin:/usr/bin:/bin";
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

CommandResult run_capture(const std::vector<std::string>& argv, milliseconds timeout, bool interruptible) {
  CommandResult r;
  if (argv.empty()) {
    r.error = "empty command";
    return r;
  }
  auto program = find_in_path(argv[0]);
  if (!program) {
    r.error = argv[0] + ": not found in PATH";
    return r;
  }
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    r.error = argv[0] + ": pipe: " + std::strerror(errno);
    return r;
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    r.error = argv[0] + ": pipe: " + std::strerror(errno);
    ::close(out_pipe[0]);
    ::close(out_pipe[1]);
    return r;
  }

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  posix_spawn_file_actions_addclosefrom_np(&fa, 3);  // nothing of ours leaks into the helper
#endif
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);  // our SIGINT/SIGTERM recorders are not the helper's
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, program->c_str(), &fa, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    r.error = "could not run " + argv[0] + ": " + std::strerror(rc);
    return r;
  }
  for (int fd : {out_pipe[0], err_pipe[0]}) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));

  const auto deadline = Clock::now() + timeout;
  int out_fd = out_pipe[0], err_fd = err_pipe[0];
  std::optional<int> wstatus;
  while (!wstatus) {
    int ws;
    pid_t w = ::waitpid(pid, &ws, WNOHANG);
    if (w == pid) {
      wstatus = ws;
      break;
    }
    auto now = Clock::now();
    bool stop = interruptible && runtime::stop_signal() != 0;
    if (now >= deadline || stop) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
      }
      (stop ? r.interrupted : r.timed_out) = true;
      wstatus = ws;
      break;
    }
    struct pollfd fds[3];
    nfds_t n = 0;
    if (out_fd >= 0) fds[n++] = {out_fd, POLLIN, 0};
    if (err_fd >= 0) fds[n++] = {err_fd, POLLIN, 0};
    if (pidfd >= 0) fds[n++] = {pidfd, POLLIN, 0};
    int wait_ms = static_cast<int>(std::chrono::duration_cast<milliseconds>(deadline - now).count()) + 1;
    if (pidfd < 0) wait_ms = std::min(wait_ms, 10);  // no exit notification: look again soon
    if (interruptible) wait_ms = std::min(wait_ms, 200);  // a signal may land on another thread
    if (n == 0) {
      ::usleep(static_cast<useconds_t>(std::min(wait_ms, 10)) * 1000);
      continue;
    }
    if (::poll(fds, n, wait_ms) > 0) {
      if (out_fd >= 0 && !drain(out_fd, &r.out)) {
        ::close(out_fd);
        out_fd = -1;
      }
      if (err_fd >= 0 && !drain(err_fd, &r.err)) {
        ::close(err_fd);
        err_fd = -1;
      }
    }
  }
  // What is already in the pipes (a leftover grandchild may hold them open: do not wait for EOF).
  if (out_fd >= 0) {
    drain(out_fd, &r.out);
    ::close(out_fd);
  }
  if (err_fd >= 0) {
    drain(err_fd, &r.err);
    ::close(err_fd);
  }
  if (pidfd >= 0) ::close(pidfd);
  if (WIFSIGNALED(*wstatus)) r.status = 128 + WTERMSIG(*wstatus);
  else r.status = WEXITSTATUS(*wstatus);
  if (r.timed_out) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.1f", static_cast<double>(timeout.count()) / 1000.0);
    r.error = argv[0] + ": timed out after " + secs + " s";
  }
  return r;
}

}  // namespace og
