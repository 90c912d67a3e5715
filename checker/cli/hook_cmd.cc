// oomguard hook install|uninstall: the git pre-commit hook.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "git/hook.h"

namespace og {

const char* const kHookHelp = R"(usage: oomguard hook install [--force] [DIR]
       oomguard hook uninstall [DIR]

install    writes the pre-commit hook of the repository containing DIR (default .)
           into core.hooksPath or .git/hooks: it runs `oomguard scan --staged .`
           so a commit whose staged files have findings is blocked. An existing
           hook that is not oomguard's is kept unless --force (then it is renamed
           to pre-commit.oomguard-backup; if that backup exists already, install
           refuses rather than overwrite it).
uninstall  removes the hook if, and only if, it is oomguard's, and restores
           pre-commit.oomguard-backup if there is one.

exit status: 0 done, 2 refused or failed.
)";

namespace {


// The running binary, so the hook calls this oomguard even when it is not on PATH.
std::string self_path() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "oomguard" : p.string();
}

}  // namespace

int cmd_hook(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << kHookHelp;
    return args.empty() ? kExitUsage : kExitClean;
  }
  bool force = false;
  std::string dir = ".";
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--force") force = true;
    else if (!args[i].empty() && args[i][0] == '-') {
      std::cerr << "oomguard hook: unknown option '" << args[i] << "'\n";
      return kExitUsage;
    } else dir = args[i];
  }
  HookResult r;
  if (args[0] == "install") r = install_hook(dir, self_path(), force);
  else if (args[0] == "uninstall" && !force) r = uninstall_hook(dir);
  else {
    std::cerr << "oomguard hook: expected `install [--force]` or `uninstall`\n";
    return kExitUsage;
  }
  (r.ok ? std::cout : std::cerr) << "oomguard hook: " << r.message << "\n";
  return r.ok ? kExitClean : kExitUsage;
}

}  // namespace og
