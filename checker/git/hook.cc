#include "git/hook.h"

#include <git2.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "git/repo.h"

namespace fs = std::filesystem;

namespace og {

namespace {

constexpr const char* kMarker = "# oomguard-pre-commit-hook v1";
// Where `install --force` keeps the hook it replaces (next to it).
constexpr const char* kBackup = ".oomguard-backup";

bool read(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// A POSIX shell single-quoted word.
std::string sh_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

bool hooks_dir(const std::string& dir, std::string* out, std::string* err) {
  GitRepo repo;
  if (!repo.open(dir, err)) return false;
  git_config* cfg = nullptr;
  std::string configured;
  if (git_repository_config_snapshot(&cfg, repo.get()) == 0) {
    const char* v = nullptr;
    if (git_config_get_string(&v, cfg, "core.hooksPath") == 0 && v) configured = v;
    git_config_free(cfg);
  }
  if (configured.empty()) {
    *out = (fs::path(git_repository_commondir(repo.get())) / "hooks").lexically_normal().string();  // shared by linked worktrees
  } else if (configured.rfind("~/", 0) == 0 && std::getenv("HOME")) {
    *out = std::string(std::getenv("HOME")) + configured.substr(1);
  } else if (configured[0] == '/') {
    *out = configured;
  } else {
    *out = repo.workdir() + "/" + configured;
  }
  return true;
}

std::string hook_script(const std::string& binary) {
  return std::string("#!/bin/sh\n") + kMarker +
         "\n# Installed by `oomguard hook install`; `oomguard hook uninstall` removes it.\n"
         "# Checks what is about to be committed (the index), not the work tree.\n"
         "oomguard_bin=" + sh_quote(binary) + "\n"
         "[ -x \"$oomguard_bin\" ] || oomguard_bin=oomguard\n"
         "exec \"$oomguard_bin\" scan --staged .\n";
}

HookResult install_hook(const std::string& dir, const std::string& binary, bool force) {
  std::string hooks, err;
  if (!hooks_dir(dir, &hooks, &err)) return {false, err};
  std::string path = hooks + "/pre-commit", existing;
  std::string note = "installed " + path;
  if (read(path, &existing) && existing.find(kMarker) == std::string::npos) {
    std::string backup = path + kBackup;
    if (!force)
      return {false, path + " exists and is not oomguard's hook; use --force to replace it (it is kept as " +
                         backup + ")"};
    // One backup only: the hook an earlier --force kept is never overwritten.
    std::error_code ec;
    if (fs::exists(fs::symlink_status(backup, ec)))
      return {false, path + " is not oomguard's hook and " + backup +
                         " already keeps an earlier one; move one of them away first"};
    fs::rename(path, backup, ec);
    if (ec) return {false, "cannot back up " + path + ": " + ec.message()};
    note += " (the previous hook is kept as " + backup + ")";
  }
  std::error_code ec;
  fs::create_directories(hooks, ec);
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << hook_script(binary);
  if (!f.flush()) return {false, "cannot write " + path};
  f.close();
  if (chmod(path.c_str(), 0755) != 0) return {false, "cannot make " + path + " executable"};
  return {true, note};
}

HookResult uninstall_hook(const std::string& dir) {
  std::string hooks, err, existing;
  if (!hooks_dir(dir, &hooks, &err)) return {false, err};
  std::string path = hooks + "/pre-commit", backup = path + kBackup;
  std::error_code ec;
  bool backed_up = fs::exists(fs::symlink_status(backup, ec));
  if (!read(path, &existing))
    return {true, "no pre-commit hook at " + path + ": nothing to do" +
                      (backed_up ? " (" + backup + " was left alone)" : "")};
  if (existing.find(kMarker) == std::string::npos)
    return {false, path + " is not oomguard's hook; it was left alone"};
  if (backed_up) {
    // Put back the hook `install --force` replaced (in place of ours).
    fs::rename(backup, path, ec);
    if (ec) return {false, "cannot restore " + backup + ": " + ec.message()};
    return {true, "removed " + path + " and restored the previous hook from " + backup};
  }
  fs::remove(path, ec);
  if (ec) return {false, "cannot remove " + path + ": " + ec.message()};
  return {true, "removed " + path};
}

}  // namespace og
