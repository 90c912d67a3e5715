// oomguard: keeps Go services in containers from being OOM-killed.
#include <iostream>

#include "cli/commands.h"

// Generated at build time by cmake/build_info.cmake (build/generated/build_info.cc).
extern const char* const oomguard_git_commit;

int main(int argc, char** argv) {
  if (argc < 2) {
    og::write_usage(std::cerr);
    return og::kExitUsage;
  }
  std::string cmd = argv[1];
  og::Args rest(argv + 2, argv + argc);
  if (cmd == "--version" || cmd == "version") {
    std::cout << "oomguard " << OOMGUARD_VERSION << " (commit " << oomguard_git_commit << ")\n";
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    og::write_usage(std::cout);
    return 0;
  }
  if (cmd == "man") return og::cmd_man(rest);
  if (cmd == "completion") return og::cmd_completion(rest);
  for (const auto& c : og::commands())
    if (cmd == c.name) return c.run(rest);
  std::cerr << "oomguard: unknown command '" << cmd << "'\n";
  og::write_usage(std::cerr);
  return og::kExitUsage;
}
