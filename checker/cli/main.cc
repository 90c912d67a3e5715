// oomguard: keeps Go services in containers from being OOM-killed.
#include <cstring>
#include <iostream>

#include "cli/commands.h"

namespace {

struct Command {
  const char* name;
  int (*run)(const og::Args&);
  const char* summary;
};

const Command kCommands[] = {
    {"scan", og::cmd_scan, "check a repository's effective memory configuration"},
    {"rules", og::cmd_rules, "list the rule catalogue (text, json, markdown)"},
    {"probe", og::cmd_probe, "run declared probes under a memory cgroup and judge the measurements"},
    {"baseline", og::cmd_baseline, "record current findings (create) or drop fixed ones (prune)"},
    {"hook", og::cmd_hook, "install or uninstall the git pre-commit hook"},
};

void usage(std::ostream& os) {
  os << "usage: oomguard <command> [options]\n\ncommands:\n";
  for (const auto& c : kCommands) os << "  " << c.name << std::string(10 - std::strlen(c.name), ' ') << c.summary << "\n";
  os << "\n  oomguard <command> --help   options of a command\n  oomguard --version\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(std::cerr);
    return og::kExitUsage;
  }
  std::string cmd = argv[1];
  if (cmd == "--version" || cmd == "version") {
    std::cout << "oomguard " << OOMGUARD_VERSION << "\n";
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    usage(std::cout);
    return 0;
  }
  for (const auto& c : kCommands)
    if (cmd == c.name) return c.run(og::Args(argv + 2, argv + argc));
  std::cerr << "oomguard: unknown command '" << cmd << "'\n";
  usage(std::cerr);
  return og::kExitUsage;
}
