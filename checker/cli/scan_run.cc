// Running `oomguard scan` up to a ScanOutput: config loading, plain
// directory/file/stdin scans, the git modes and the baseline comparison.
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

#include "baseline/baseline.h"
#include "cli/scan_args.h"
#include "config/config.h"
#include "git/repo.h"
#include "rules/engine.h"
#include "scan/git_scan.h"
#include "scan/scan.h"

namespace fs = std::filesystem;

namespace og {

namespace {

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// The config's name in locations: relative to the scan root when inside it
// (findings about the config, e.g. OG902 on an ignore entry, then read like
// any other), else absolute.
std::string config_name(const std::string& path, const std::string& root) {
  std::error_code ec;
  std::string abs = fs::weakly_canonical(path, ec).string();
  if (ec) return path;
  if (abs.size() > root.size() && abs.compare(0, root.size(), root) == 0 && abs[root.size()] == '/')
    return abs.substr(root.size() + 1);
  return abs;
}

// Loads --config, or ROOT/.oomguard.yaml through `read_default` (the disk,
// or the revision being scanned); prints errors as file:line:col.
bool load_config(const ScanArgs& a, const char* cmd, const std::string& root,
                 const std::function<bool(std::string*)>& read_default, Config* cfg) {
  std::string path = a.config.empty() ? root + "/.oomguard.yaml" : a.config;
  std::string text;
  if (!(a.config.empty() ? read_default(&text) : read_file(path, &text))) {
    if (!a.config.empty()) {
      std::cerr << "oomguard " << cmd << ": cannot read config file " << path << "\n";
      return false;
    }
    *cfg = default_config();
  } else {
    *cfg = parse_config(config_name(path, root), text);
  }
  for (const auto& e : cfg->errors) {
    std::cerr << (e.loc.file[0] == '/' ? e.loc.file : root + "/" + e.loc.file);
    if (e.loc.line) std::cerr << ":" << e.loc.line << ":" << e.loc.col;
    std::cerr << ": config error: " << e.message << "\n";
  }
  if (!cfg->errors.empty()) return false;
  std::string err;
  if (!apply_select_ignore(cfg, a.select, a.ignore, &err)) {
    std::cerr << "oomguard " << cmd << ": " << err << "\n";
    return false;
  }
  return true;
}

// The rules a scan can report (SARIF rules[], JUnit suites): the probe's
// verdicts are not among them; the change rules only with --diff-base.
void note_enabled_rules(const Config& cfg, ScanOutput* out, bool diff_base = false) {
  for (const auto& [id, settings] : cfg.selection.rules)
    if (settings.level != Level::Off && (runs_in_scan(id) || (diff_base && rule_phase(id) == Phase::Change)))
      out->enabled_rules.emplace(id, settings.level);
}

// --staged / --diff-base on one directory.
bool run_git_mode(const ScanArgs& a, const char* cmd, const std::string& root, int jobs, ScanOutput* out) {
  GitScanRequest req{root, jobs, a.diff_base, a.worktree, !a.no_cache};
  ConfigLoader loader = [&](const std::function<bool(std::string*)>& read_default, Config* cfg) {
    if (!load_config(a, cmd, root, read_default, cfg)) return false;
    note_enabled_rules(*cfg, out, !a.staged);
    return true;
  };
  ScanUnit u;
  std::string err;
  bool ok = a.staged ? scan_staged(req, loader, &u, &err) : scan_diff_base(req, loader, &u, &err);
  if (!ok) {
    if (!err.empty()) std::cerr << "oomguard " << cmd << ": " << err << "\n";
    return false;
  }
  out->mode = a.staged ? "staged" : "diff-base";
  out->units.push_back(std::move(u));
  return true;
}

}  // namespace

bool run_scan(const ScanArgs& a, const char* cmd, ScanOutput* out) {
  int jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::error_code ec;
  out->cwd = fs::current_path(ec).string();
  out->sarif_category = a.sarif_category;
  out->srcroot = git_toplevel(out->cwd);
  if (out->srcroot.empty()) out->srcroot = out->cwd;
  for (const auto& p : a.paths) {
    if (p == "-") {
      Config cfg;
      auto from_cwd = [&](std::string* text) { return read_file(out->cwd + "/.oomguard.yaml", text); };
      if (!load_config(a, cmd, out->cwd, from_cwd, &cfg)) return false;
      note_enabled_rules(cfg, out);
      std::stringstream ss;
      ss << std::cin.rdbuf();
      out->units.push_back(scan_stream(a.stdin_name, ss.str(), cfg));
      continue;
    }
    fs::path root = fs::canonical(p, ec);
    std::string only;
    if (!ec && fs::is_regular_file(root, ec) && !a.staged && a.diff_base.empty()) {
      only = root.filename().string();  // a single file: its directory is the root
      root = root.parent_path();
    }
    if (ec || !fs::is_directory(root, ec)) {
      std::cerr << "oomguard " << cmd << ": " << p << " is not " << (only.empty() && (a.staged || !a.diff_base.empty()) ? "a directory" : "a file or directory") << "\n";
      return false;
    }
    if (a.staged || !a.diff_base.empty()) {
      if (!run_git_mode(a, cmd, root.string(), jobs, out)) return false;
      continue;
    }
    Config cfg;
    auto from_root = [&](std::string* text) { return read_file(root.string() + "/.oomguard.yaml", text); };
    if (!load_config(a, cmd, root.string(), from_root, &cfg)) return false;
    note_enabled_rules(cfg, out);
    DiskFileSystem disk(root.string(), only);
    out->units.push_back(scan_filesystem(disk, root.string(), cfg, jobs));
  }
  if (!a.baseline.empty()) {
    Baseline b;
    std::string err;
    if (!load_baseline(a.baseline, &b, &err)) {
      std::cerr << "oomguard " << cmd << ": " << err << "\n";
      return false;
    }
    std::vector<Finding> known = findings_of(b);
    bool partial = a.staged || !a.diff_base.empty();
    for (auto& u : out->units) subtract_known(&u, known, !partial);
  }
  return true;
}

}  // namespace og
