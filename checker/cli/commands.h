// Subcommands. main.cc only dispatches; each command lives in its own file.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace og {

using Args = std::vector<std::string>;
int cmd_scan(const Args& args);
int cmd_rules(const Args& args);
int cmd_baseline(const Args& args);
int cmd_hook(const Args& args);
int cmd_probe(const Args& args);

// The --help texts of the commands: also the source of the man page and the
// shell completion (cli/docs_cmd.cc).
extern const char* const kScanHelp;
extern const char* const kProbeHelp;
extern const char* const kBaselineHelp;
extern const char* const kHookHelp;
extern const char* const kRulesHelp;

struct CommandInfo {
  const char* name;
  int (*run)(const Args&);
  const char* summary;
  const char* const* help;
};
// scan, rules, probe, baseline, hook: what `oomguard --help` lists.
const std::vector<CommandInfo>& commands();
void write_usage(std::ostream& os);
// oomguard man | completion bash: generated from commands() and the help texts.
int cmd_man(const Args& args);
int cmd_completion(const Args& args);

// --color auto|always|never (and --no-color = never) against the environment:
// an explicit always/never wins; else NO_COLOR (set, non-empty) turns colour off,
// FORCE_COLOR (set, non-empty, not 0/false) turns it on; else colour on a terminal.
bool use_color(const std::string& mode, bool is_tty, const char* no_color, const char* force_color);
// OOMGUARD_CONFIG: the config file when --config is not given ("" = none).
std::string config_from_env();

// Exit statuses shared by every command.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

}  // namespace og
