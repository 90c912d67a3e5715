// Shared helpers for the test suites.
#pragma once
#include <string>
#include <vector>

#include "config/config.h"
#include "report/report.h"

namespace og::test {

std::string source_dir();   // the repository root
std::string binary();       // the built oomguard
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);
std::string temp_dir(const std::string& tag);  // a fresh empty directory, removed at exit (OOMGUARD_KEEP_TEST_DIRS=1 keeps it)

// Scans a directory on disk with the given config (all rules by default).
ScanUnit scan_dir(const std::string& dir, const Config& cfg);
// "OG101 error path:line:col: message" lines, sorted.
std::vector<std::string> finding_lines(const ScanUnit& u);

// Test output helpers: "[a | b]" for vectors, "line:col-end_line:end_col" for
// spans, and the text a single-line span covers.
std::string lines(const std::vector<std::string>& v);
std::string span(const Location& l);
std::string slice(const std::string& content, const Location& l);

// Why this process cannot create (and remove) a child memory cgroup here,
// "" when it can: the reason a real-cgroup test prints with SKIPPED.
const std::string& memory_cgroup_unavailable();

struct RunResult {
  int status = -1;
  std::string out, err;
};
// Runs argv (argv[0] is looked up on PATH when it has no '/'; no shell) in
// `cwd` with optional stdin; `env` ("NAME=value" entries) replaces the
// environment when given.
RunResult run_command(const std::vector<std::string>& argv, const std::string& cwd = "",
                      const std::string& stdin_data = "", int timeout_s = 60,
                      const std::vector<std::string>* env = nullptr);
// Runs the oomguard binary with args (no shell), optional stdin, in `cwd`.
RunResult run_oomguard(const std::vector<std::string>& args, const std::string& cwd = "",
                       const std::string& stdin_data = "", int timeout_s = 60);

}  // namespace og::test
