// `oomguard scan` options (shared with `oomguard baseline`).
#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "cli/output.h"
#include "cli/scan_args.h"

namespace og {

const char* const kScanHelp = R"(usage: oomguard scan [PATH|-]... [options]

Reads Dockerfiles, Kubernetes manifests, compose files and env files under each
PATH (default: .), builds the effective memory configuration of every container
and checks it against the rule catalogue (`oomguard rules`).

options:
  --format FORMAT        report format on standard output (default text):
                         text, json, sarif, github, junit, gitlab, markdown
  --output FILE          write the --format report to FILE instead of standard output
  --output FORMAT=FILE   also write a report in FORMAT to FILE (repeatable), e.g.
                         --output sarif=oomguard.sarif --output markdown=summary.md
  --sarif-category ID    SARIF automationDetails.id (default oomguard/)
  --fail-on LEVEL        error|warning|note|never: exit 1 when a finding is at
                         or above LEVEL (default warning)
  --config FILE          configuration (default: $OOMGUARD_CONFIG if set, else
                         PATH/.oomguard.yaml if present)
  --select IDS           only these rules (comma-separated IDs, prefixes or names)
  --ignore IDS           skip these rules
  --jobs N               parallel parsing threads (default: number of cores)
  --stdin-name NAME      name used in locations for `-` (default <stdin>)
  --color WHEN           auto (default: on a terminal), always or never; in auto,
                         NO_COLOR turns colour off and FORCE_COLOR on
  --no-color             the same as --color never

git modes (PATH must be a directory in a git work tree; contents come from git):
  --staged               pre-commit: scan the INDEX (what will be committed) and
                         report findings that involve a staged file
  --diff-base REF        pre-merge: scan HEAD and the merge base of REF and HEAD,
                         report only new findings and list the fixed ones
  --worktree             with --diff-base: scan the work tree instead of HEAD
  --no-cache             with --staged: do not use the facts cache (.git/oomguard-facts)
  --baseline FILE        report only findings not recorded in FILE (made by
                         `oomguard baseline create`); list the fixed ones

exit status: 0 no finding at or above --fail-on, 1 there are, 2 usage or config error.
)";

// Returns false (and prints) on a usage error; `help` set for --help.
bool parse_scan_args(const Args& args, const char* cmd, ScanArgs* a, bool* help) {
  auto value = [&](size_t& i, const std::string& flag, std::string* out) {
    const std::string& s = args[i];
    if (s.rfind(flag + "=", 0) == 0) { *out = s.substr(flag.size() + 1); return true; }
    if (s == flag) {
      if (i + 1 >= args.size()) throw std::runtime_error(flag + " needs a value");
      *out = args[++i];
      return true;
    }
    return false;
  };
  try {
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& s = args[i];
      std::string jobs;
      if (s == "--help" || s == "-h") { *help = true; return true; }
      if (s == "--no-color") { a->color = "never"; continue; }
      if (s == "--staged") { a->staged = true; continue; }
      if (s == "--worktree") { a->worktree = true; continue; }
      if (s == "--no-cache") { a->no_cache = true; continue; }
      if (value(i, "--format", &a->format) || value(i, "--sarif-category", &a->sarif_category) ||
          value(i, "--fail-on", &a->fail_on) || value(i, "--config", &a->config) ||
          value(i, "--select", &a->select) || value(i, "--ignore", &a->ignore) ||
          value(i, "--stdin-name", &a->stdin_name) || value(i, "--diff-base", &a->diff_base) ||
          value(i, "--baseline", &a->baseline) || value(i, "--color", &a->color))
        continue;
      std::string o;
      if (value(i, "--output", &o) || value(i, "-o", &o)) {
        a->outputs.push_back(o);
        continue;
      }
      if (value(i, "--jobs", &jobs) || value(i, "-j", &jobs)) {
        char* end = nullptr;
        long n = std::strtol(jobs.c_str(), &end, 10);
        if (jobs.empty() || *end || n < 1 || n > 256) throw std::runtime_error("--jobs must be a number from 1 to 256");
        a->jobs = static_cast<int>(n);
        continue;
      }
      if (s.size() > 1 && s[0] == '-') throw std::runtime_error("unknown option '" + s + "'");
      a->paths.push_back(s);
    }
  } catch (const std::exception& e) {
    std::cerr << "oomguard " << cmd << ": " << e.what() << "\n";
    return false;
  }
  if (a->color != "auto" && a->color != "always" && a->color != "never") {
    std::cerr << "oomguard " << cmd << ": --color must be auto, always or never\n";
    return false;
  }
  if (a->config.empty()) a->config = config_from_env();
  if (!find_output_format(a->format)) {
    std::cerr << "oomguard " << cmd << ": unknown --format '" << a->format << "' (";
    for (const auto& f : output_formats()) std::cerr << (&f == &output_formats()[0] ? "" : ", ") << f.name;
    std::cerr << ")\n";
    return false;
  }
  Level l;
  if (a->fail_on != "never" && (!parse_level(a->fail_on, &l) || l == Level::Off)) {
    std::cerr << "oomguard " << cmd << ": --fail-on must be error, warning, note or never\n";
    return false;
  }
  if (a->paths.empty()) a->paths.push_back(".");
  auto usage = [&](const char* msg) {
    std::cerr << "oomguard " << cmd << ": " << msg << "\n";
    return false;
  };
  bool git_mode = a->staged || !a->diff_base.empty();
  if (a->staged && !a->diff_base.empty()) return usage("--staged and --diff-base cannot be combined");
  if (a->worktree && a->diff_base.empty()) return usage("--worktree needs --diff-base");
  if (git_mode && (a->paths.size() != 1 || a->paths[0] == "-"))
    return usage("--staged and --diff-base scan one directory of a git work tree");
  return true;
}

}  // namespace og
