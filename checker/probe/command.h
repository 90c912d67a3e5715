// Running a short helper command (the container engine's CLI) from an argv,
// never through a shell, and capturing what it prints. The command gets a
// process group of its own (a Ctrl-C at the terminal reaches oomguard, which
// then cleans up, not the helper half-way), default signal handling, and our
// environment (DOCKER_HOST, CONTAINER_HOST, ... reach it).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace og {

struct CommandResult {
  int status = -1;          // exit code, 128 + signal when killed; -1 when it could not be run
  bool timed_out = false;   // killed (SIGKILL to its group) because `timeout` passed
  bool interrupted = false; // killed because oomguard got SIGINT/SIGTERM (see `interruptible`)
  std::string error;        // why it could not be run ("docker: not found in PATH")
  std::string out, err;     // stdout and stderr, each cut at 1 MiB
  bool ok() const { return status == 0 && !timed_out && !interrupted; }
  // The last non-empty line of stderr (else of stdout, else `error`): the
  // one-line reason a CLI failed.
  std::string reason() const;
};

// Runs argv to its end, or until `timeout` (then SIGKILL to its group). With
// `interruptible`, also until runtime::stop_signal() reports SIGINT/SIGTERM
// (while a runtime::StopSignals lives).
CommandResult run_capture(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          bool interruptible = false);

// The executable `name` would run as: itself when it contains '/', else the
// first match in $PATH; nullopt when there is none.
std::optional<std::string> find_in_path(const std::string& name);

// Text without trailing whitespace and newlines.
std::string trim_right(std::string s);

}  // namespace og
