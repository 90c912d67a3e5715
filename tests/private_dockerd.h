// A dockerd of the test's own (private data root, exec root, pidfile and
// socket), for the suites that need a docker daemon when none answers:
// e2e-docker (tests/container_engine_test.cc) and e2e-image
// (tests/image_test.cc). Stopped by its pid; nothing of it may be left.
#pragma once
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "probe/command.h"
#include "runtime/hierarchy.h"
#include "test_support.h"

extern char** environ;

namespace og::test {

using namespace std::chrono;
namespace fs = std::filesystem;

// Sets (or unsets) an environment variable for a scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_.c_str(), old_->c_str(), 1);
    else ::unsetenv(name_.c_str());
  }

 private:
  std::string name_;
  std::optional<std::string> old_;
};

inline std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& l : v) s += "\n    " + l;
  return s;
}

inline bool answers() {
  auto v = run_capture({"docker", "version", "--format", "{{.Server.Version}}"}, seconds(20));
  return v.ok() && !trim_right(v.out).empty();
}

// Processes whose command line mentions `needle` (the private daemon's directory).
inline std::vector<pid_t> processes_mentioning(const std::string& needle) {
  std::vector<pid_t> out;
  for (const auto& e : fs::directory_iterator("/proc")) {
    std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmd = og::test::read_file(e.path().string() + "/cmdline");
    std::replace(cmd.begin(), cmd.end(), '\0', ' ');
    if (cmd.find(needle) != std::string::npos) out.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return out;
}

inline std::vector<std::string> mounts_under(const std::string& dir) {
  std::vector<std::string> out;
  std::istringstream in(og::test::read_file("/proc/self/mountinfo"));
  for (std::string line; std::getline(in, line);) {
    std::istringstream f(line);
    std::string id, parent, dev, root, mount_point;
    f >> id >> parent >> dev >> root >> mount_point;
    if (mount_point.compare(0, dir.size(), dir) == 0) out.push_back(mount_point);
  }
  return out;
}

// A dockerd of the test's own: private data root, exec root, pidfile and
// socket in a temporary directory; no iptables, no bridge (containers run
// with --network none); cgroupfs driver. Stopped by its pid.
class PrivateDockerd {
 public:
  // "" when it answers, else why not.
  std::string start() {
    dir_ = og::test::temp_dir("dockerd");
    // Its containers' cgroups go under a parent of its own (not the shared
    // /docker), made in every cgroup hierarchy and left by dockerd: removed at the end.
    const std::string parent = "oomguard-test-dockerd-" + std::to_string(getpid());
    for (const auto& m : runtime::parse_mountinfo(og::test::read_file("/proc/self/mountinfo")))
      if (m.fstype == "cgroup" || m.fstype == "cgroup2") cgroups_.push_back(m.mount_point + "/" + parent);
    std::string log = dir_ + "/dockerd.log";
    std::vector<std::string> argv = {"dockerd",
                                     "--data-root", dir_ + "/data",
                                     "--exec-root", dir_ + "/exec",
                                     "--pidfile", dir_ + "/dockerd.pid",
                                     "-H", "unix://" + dir_ + "/docker.sock",
                                     "--iptables=false", "--ip6tables=false", "--ip-masq=false", "--bridge=none",
                                     "--storage-driver=overlay2", "--exec-opt", "native.cgroupdriver=cgroupfs",
                                     "--cgroup-parent", "/" + parent};
    auto program = find_in_path("dockerd");
    if (!program) return "dockerd is not installed (Debian's docker.io; ci/setup installs it)";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    int rc = posix_spawn(&pid_, program->c_str(), &fa, &attr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
      pid_ = -1;
      return "cannot start dockerd: " + std::string(std::strerror(rc));
    }
    host_ = "unix://" + dir_ + "/docker.sock";
    ScopedEnv env("DOCKER_HOST", host_.c_str());
    auto deadline = steady_clock::now() + seconds(30);
    while (steady_clock::now() < deadline) {
      int ws;
      if (::waitpid(pid_, &ws, WNOHANG) == pid_) {
        pid_ = -1;
        return "dockerd exited at start:" + join(last_lines(og::test::read_file(log), 5));
      }
      if (fs::exists(dir_ + "/docker.sock") && answers()) return "";
      std::this_thread::sleep_for(milliseconds(100));
    }
    return "dockerd did not answer within 30 s:" + join(last_lines(og::test::read_file(log), 5));
  }

  const std::string& host() const { return host_; }

  // SIGTERM by pid (dockerd stops its containerd), SIGKILL after 20 s; then
  // nothing of it may be left: processes, mounts, files.
  ~PrivateDockerd() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      auto deadline = steady_clock::now() + seconds(20);
      int ws;
      while (::waitpid(pid_, &ws, WNOHANG) != pid_) {
        if (steady_clock::now() >= deadline) {
          ::kill(pid_, SIGKILL);
          ::waitpid(pid_, &ws, 0);
          break;
        }
        std::this_thread::sleep_for(milliseconds(50));
      }
    }
    if (dir_.empty()) return;
    // containerd and shims it started exit with it; give them a moment.
    for (int i = 0; i < 100 && !processes_mentioning(dir_).empty(); ++i) std::this_thread::sleep_for(milliseconds(50));
    auto left = processes_mentioning(dir_);
    CHECK_MESSAGE(left.empty(), "processes of the private dockerd are left: " << left.size());
    for (pid_t p : left) ::kill(p, SIGKILL);
    auto mounts = mounts_under(dir_);
    CHECK_MESSAGE(mounts.empty(), "mounts of the private dockerd are left: " << join(mounts));
    for (auto it = mounts.rbegin(); it != mounts.rend(); ++it) ::umount2(it->c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove_all(dir_, ec);
    for (const auto& d : cgroups_)
      if (fs::exists(d)) CHECK_MESSAGE(::rmdir(d.c_str()) == 0, "cannot remove " << d << ": " << std::strerror(errno));
  }

 private:
  static std::vector<std::string> last_lines(const std::string& text, size_t n) {
    std::vector<std::string> all;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) all.push_back(l);
    if (all.size() > n) all.erase(all.begin(), all.end() - static_cast<long>(n));
    return all;
  }

  pid_t pid_ = -1;
  std::string dir_, host_;
  std::vector<std::string> cgroups_;
};

}  // namespace og::test
