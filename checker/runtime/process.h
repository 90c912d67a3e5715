// Starting a workload from an argv (never through a shell) inside a cgroup,
// and stopping it: SIGTERM to its process group, SIGKILL after a grace period.
// The child joins the cgroup before exec, so every page the program touches
// is charged there; exec failures come back through a close-on-exec pipe, so
// "could not start" is never confused with a program that exited 127.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/result.h"
#include "runtime/tail_buffer.h"

namespace og::runtime {

struct ExitStatus {
  bool signaled = false;
  int code = 0;    // exit code, when !signaled
  int signal = 0;  // terminating signal, when signaled
  // What a shell or docker reports: the code, or 128 + signal (137 = SIGKILL, the OOM killer's).
  int shell_status() const { return signaled ? 128 + signal : code; }
  std::string describe() const;  // "exited 0", "killed by SIGKILL (137)"
};
// Decodes a waitpid() status.
ExitStatus decode_wait_status(int wstatus);

struct LaunchSpec {
  std::vector<std::string> argv;  // argv[0] without '/' is looked up in the PATH of the child's environment
  // Changes to this process's environment: a value sets, nullopt removes.
  std::vector<std::pair<std::string, std::optional<std::string>>> env;
  std::string workdir;       // empty: ours
  std::string cgroup_procs;  // host path of the cgroup.procs to join before exec; empty: stay in ours
  size_t stderr_lines = 20;  // stderr is kept to its last lines; stdin and stdout are /dev/null
};

class Process {
 public:
  // Errors start with "could not start".
  static Result<Process> start(const LaunchSpec& spec);

  Process(Process&& o) noexcept;
  Process& operator=(Process&&) = delete;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  // A process still running is SIGKILLed with its group and reaped: no zombie, no orphan group.
  ~Process();

  pid_t pid() const { return pid_; }
  // Waits up to `wait` for the child to exit, collecting its stderr meanwhile,
  // and sends the SIGKILL of a stop() whose grace period is over.
  // Returns the exit status once the child has exited (and been reaped).
  std::optional<ExitStatus> poll(std::chrono::milliseconds wait = std::chrono::milliseconds(0));
  // SIGTERM to the process group now; SIGKILL when `grace` has passed (sent by poll/wait).
  void stop(std::chrono::milliseconds grace);
  bool stopping() const { return kill_at_.has_value() || killed_; }
  // Blocks until exit; when `limit` passes first, stop(grace).
  ExitStatus wait(std::optional<std::chrono::milliseconds> limit, std::chrono::milliseconds grace);
  std::vector<std::string> stderr_tail() const { return stderr_.lines(); }

 private:
  Process(pid_t pid, int stderr_fd, int pidfd, size_t stderr_lines);
  void drain_stderr();
  void close_fds();

  pid_t pid_ = -1;  // also the process group id
  int stderr_fd_ = -1;
  int pidfd_ = -1;  // readable when the child exits; -1 on kernels without pidfd_open (polled instead)
  TailBuffer stderr_;
  std::optional<std::chrono::steady_clock::time_point> kill_at_;
  bool killed_ = false;
  std::optional<ExitStatus> exit_;
};

}  // namespace og::runtime
