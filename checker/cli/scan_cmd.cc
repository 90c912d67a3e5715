// oomguard scan [PATH|-]... : argument handling, config loading, output.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "config/config.h"
#include "report/report.h"
#include "scan/scan.h"

namespace fs = std::filesystem;

namespace og {

namespace {

const char* kScanHelp = R"(usage: oomguard scan [PATH|-]... [options]

Reads Dockerfiles, Kubernetes manifests, compose files and env files under each
PATH (default: .), builds the effective memory configuration of every container
and checks it against the rule catalogue (`oomguard rules`).

options:
  --format text|json     output format (default text)
  --output FILE          write the report to FILE instead of standard output
  --fail-on LEVEL        error|warning|note|never: exit 1 when a finding is at
                         or above LEVEL (default warning)
  --config FILE          configuration (default: PATH/.oomguard.yaml if present)
  --select IDS           only these rules (comma-separated IDs, prefixes or names)
  --ignore IDS           skip these rules
  --jobs N               parallel parsing threads (default: number of cores)
  --stdin-name NAME      name used in locations for `-` (default <stdin>)
  --no-color             never colour the output (NO_COLOR is honoured too)

exit status: 0 no finding at or above --fail-on, 1 there are, 2 usage or config error.
)";

struct ScanArgs {
  std::vector<std::string> paths;
  std::string format = "text", output, fail_on = "warning", config, select, ignore, stdin_name = "<stdin>";
  int jobs = 0;
  bool no_color = false;
};

// Returns false (and prints) on a usage error; `help` set for --help.
bool parse_args(const Args& args, ScanArgs* a, bool* help) {
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
      if (s == "--no-color") { a->no_color = true; continue; }
      if (value(i, "--format", &a->format) || value(i, "--output", &a->output) || value(i, "-o", &a->output) ||
          value(i, "--fail-on", &a->fail_on) || value(i, "--config", &a->config) ||
          value(i, "--select", &a->select) || value(i, "--ignore", &a->ignore) ||
          value(i, "--stdin-name", &a->stdin_name))
        continue;
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
    std::cerr << "oomguard scan: " << e.what() << "\n";
    return false;
  }
  if (a->format != "text" && a->format != "json") {
    std::cerr << "oomguard scan: --format must be text or json\n";
    return false;
  }
  Level l;
  if (a->fail_on != "never" && (!parse_level(a->fail_on, &l) || l == Level::Off)) {
    std::cerr << "oomguard scan: --fail-on must be error, warning, note or never\n";
    return false;
  }
  if (a->paths.empty()) a->paths.push_back(".");
  return true;
}

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Loads --config or ROOT/.oomguard.yaml; prints errors as file:line:col.
bool load_config(const ScanArgs& a, const std::string& root, Config* cfg) {
  std::string path = a.config.empty() ? root + "/.oomguard.yaml" : a.config;
  std::string text;
  if (!read_file(path, &text)) {
    if (!a.config.empty()) {
      std::cerr << "oomguard scan: cannot read config file " << path << "\n";
      return false;
    }
    *cfg = default_config();
  } else {
    *cfg = parse_config(a.config.empty() ? path : a.config, text);
  }
  for (const auto& e : cfg->errors) {
    std::cerr << e.loc.file;
    if (e.loc.line) std::cerr << ":" << e.loc.line << ":" << e.loc.col;
    std::cerr << ": config error: " << e.message << "\n";
  }
  if (!cfg->errors.empty()) return false;
  std::string err;
  if (!apply_select_ignore(cfg, a.select, a.ignore, &err)) {
    std::cerr << "oomguard scan: " << err << "\n";
    return false;
  }
  return true;
}

}  // namespace

int cmd_scan(const Args& args) {
  ScanArgs a;
  bool help = false;
  if (!parse_args(args, &a, &help)) return kExitUsage;
  if (help) {
    std::cout << kScanHelp;
    return kExitClean;
  }
  int jobs = a.jobs ? a.jobs : std::max(1u, std::thread::hardware_concurrency());
  ScanOutput out;
  std::error_code ec;
  out.cwd = fs::current_path(ec).string();
  for (const auto& p : a.paths) {
    if (p == "-") {
      Config cfg;
      if (!load_config(a, out.cwd, &cfg)) return kExitUsage;
      std::stringstream ss;
      ss << std::cin.rdbuf();
      out.units.push_back(scan_stream(a.stdin_name, ss.str(), cfg));
      continue;
    }
    fs::path root = fs::canonical(p, ec);
    std::string only;
    if (!ec && fs::is_regular_file(root, ec)) {  // a single file: its directory is the root
      only = root.filename().string();
      root = root.parent_path();
    }
    if (ec || !fs::is_directory(root, ec)) {
      std::cerr << "oomguard scan: " << p << " is not a file or directory\n";
      return kExitUsage;
    }
    Config cfg;
    if (!load_config(a, root.string(), &cfg)) return kExitUsage;
    DiskFileSystem disk(root.string(), only);
    out.units.push_back(scan_filesystem(disk, root.string(), cfg, jobs));
  }

  std::ofstream file;
  std::ostream* os = &std::cout;
  if (!a.output.empty()) {
    file.open(a.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "oomguard scan: cannot write " << a.output << "\n";
      return kExitUsage;
    }
    os = &file;
  }
  bool color = !a.no_color && a.output.empty() && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  auto t0 = std::chrono::steady_clock::now();
  if (a.format == "json") write_json(*os, out);
  else write_text(*os, out, color);
  os->flush();
  if (std::getenv("OOMGUARD_TIMING"))
    std::fprintf(stderr, "timing: %-8s %8.3f s\n", "report",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());

  if (a.fail_on == "never") return kExitClean;
  Level threshold;
  parse_level(a.fail_on, &threshold);
  for (const auto& u : out.units)
    for (const auto& f : u.findings)
      if (f.level >= threshold) return kExitFindings;
  return kExitClean;
}

}  // namespace og
