// Subcommands. main.cc only dispatches; each command lives in its own file.
#pragma once
#include <string>
#include <vector>

namespace og {

using Args = std::vector<std::string>;
int cmd_scan(const Args& args);
int cmd_rules(const Args& args);
int cmd_baseline(const Args& args);
int cmd_hook(const Args& args);
int cmd_probe(const Args& args);

// Exit statuses shared by every command.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

}  // namespace og
