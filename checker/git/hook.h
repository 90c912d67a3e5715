// The pre-commit hook `oomguard hook install` writes. It is recognised by a
// marker line, so uninstall removes only oomguard's own hook and install
// never silently replaces someone else's.
#pragma once
#include <string>

namespace og {

struct HookResult {
  bool ok = false;
  std::string message;  // what happened, or why not
};

// The hooks directory of the repository containing `dir`: core.hooksPath
// (relative paths are relative to the work tree, "~/" is expanded) or
// .git/hooks.
bool hooks_dir(const std::string& dir, std::string* out, std::string* err);
// The script: runs `BINARY scan --staged .` (git runs hooks at the work tree root).
std::string hook_script(const std::string& binary);
// A foreign hook is replaced only with `force`, and kept as
// pre-commit.oomguard-backup; if that backup exists already, install refuses
// (an earlier hook is never lost).
HookResult install_hook(const std::string& dir, const std::string& binary, bool force);
// Removes oomguard's hook and restores pre-commit.oomguard-backup if present.
HookResult uninstall_hook(const std::string& dir);

}  // namespace og
