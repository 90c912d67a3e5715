#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "runtime/cgroup.h"
#include "scan/scan.h"

namespace fs = std::filesystem;

extern char** environ;

namespace og::test {

std::string source_dir() { return OOMGUARD_SOURCE_DIR; }
std::string binary() { return OOMGUARD_BINARY; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

namespace {

// The directories this test process made, removed when it exits (forked
// children leave with _exit and remove nothing); OOMGUARD_KEEP_TEST_DIRS=1
// keeps them for a look after a failure.
struct TempDirs {
  std::vector<fs::path> made;
  ~TempDirs() {
    const char* keep = std::getenv("OOMGUARD_KEEP_TEST_DIRS");
    if (keep && *keep && std::string(keep) != "0") return;
    std::error_code ec;
    for (const auto& p : made) fs::remove_all(p, ec);
  }
};
TempDirs& temp_dirs() {
  static TempDirs d;
  return d;
}

}  // namespace

std::string temp_dir(const std::string& tag) {
  fs::path p = fs::temp_directory_path() / ("oomguard-test-" + tag + "-" + std::to_string(getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  temp_dirs().made.push_back(p);
  return fs::canonical(p).string();
}

const std::string& memory_cgroup_unavailable() {
  static const std::string why = [] {
    if (geteuid() != 0) return std::string("not root: cannot create memory cgroups");
    runtime::DiskCgroupFs disk;
    auto cg = runtime::MemoryCgroup::create(disk);
    if (!cg.ok()) return "no writable memory cgroup: " + cg.error().message;
    auto removed = cg.value().remove();
    if (!removed.ok()) return "cannot remove a memory cgroup: " + removed.error().message;
    return std::string();
  }();
  return why;
}

ScanUnit scan_dir(const std::string& dir, const Config& cfg) {
  std::string root = fs::canonical(dir).string();
  DiskFileSystem disk(root);
  return scan_filesystem(disk, root, cfg, 2);
}

std::vector<std::string> finding_lines(const ScanUnit& u) {
  std::vector<std::string> out;
  for (const auto& f : u.findings)
    if (!f.suppression)  // suppressed findings are not reported (tests/suppress_test.cc checks them)
      out.push_back(f.rule_id + " " + level_name(f.level) + " " + f.loc.file + ":" + std::to_string(f.loc.line) + ":" +
                  std::to_string(f.loc.col) + ": " + f.message);
  std::sort(out.begin(), out.end());
  return out;
}

std::string lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " | ") + x;
  return "[" + s + "]";
}

std::string span(const Location& l) {
  return std::to_string(l.line) + ":" + std::to_string(l.col) + "-" + std::to_string(l.end_line) + ":" +
         std::to_string(l.end_col);
}

std::string slice(const std::string& content, const Location& l) {
  size_t pos = 0;
  for (int i = 1; i < l.line; ++i) pos = content.find('\n', pos) + 1;
  return content.substr(pos + static_cast<size_t>(l.col - 1), static_cast<size_t>(l.end_col - l.col));
}

RunResult run_command(const std::vector<std::string>& argv, const std::string& cwd, const std::string& stdin_data,
                      int timeout_s, const std::vector<std::string>* env) {
  RunResult r;
  // Everything the child needs is built before fork().
  std::vector<std::string> args = argv, vars = env ? *env : std::vector<std::string>();
  std::vector<char*> cargv, cenv;
  for (auto& a : args) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& v : vars) cenv.push_back(v.data());
  cenv.push_back(nullptr);
  int in[2], out[2], err[2];
  if (argv.empty() || pipe(in) || pipe(out) || pipe(err)) return r;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    if (env) environ = cenv.data();  // execvp searches the PATH of this environment
    execvp(cargv[0], cargv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  signal(SIGPIPE, SIG_IGN);
  size_t written = 0;
  if (stdin_data.empty()) close(in[1]);
  else fcntl(in[1], F_SETFL, O_NONBLOCK);
  bool in_open = !stdin_data.empty(), out_open = true, err_open = true;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  char buf[65536];
  while (out_open || err_open) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      r.err += "\n[test: timed out]";
      break;
    }
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out[0], POLLIN, 0});
    if (err_open) fds.push_back({err[0], POLLIN, 0});
    if (in_open) fds.push_back({in[1], POLLOUT, 0});
    poll(fds.data(), fds.size(), 200);
    for (auto& p : fds) {
      if (!(p.revents & (POLLIN | POLLOUT | POLLHUP | POLLERR))) continue;
      if (p.fd == in[1]) {
        ssize_t n = write(in[1], stdin_data.data() + written, stdin_data.size() - written);
        if (n > 0) written += static_cast<size_t>(n);
        if (n < 0 || written == stdin_data.size()) { close(in[1]); in_open = false; }
        continue;
      }
      ssize_t n = read(p.fd, buf, sizeof buf);
      if (n <= 0) {
        close(p.fd);
        (p.fd == out[0] ? out_open : err_open) = false;
      } else {
        (p.fd == out[0] ? r.out : r.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  if (in_open) close(in[1]);
  if (out_open) close(out[0]);
  if (err_open) close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

RunResult run_oomguard(const std::vector<std::string>& args, const std::string& cwd, const std::string& stdin_data,
                       int timeout_s) {
  std::vector<std::string> argv{binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, cwd, stdin_data, timeout_s);
}

}  // namespace og::test
