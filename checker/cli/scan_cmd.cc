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
#include "git/repo.h"
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
  --format FORMAT        report format on standard output (default text):
                         text, json, sarif, github, junit, gitlab, markdown
  --output FILE          write the --format report to FILE instead of standard output
  --output FORMAT=FILE   also write a report in FORMAT to FILE (repeatable), e.g.
                         --output sarif=oomguard.sarif --output markdown=summary.md
  --sarif-category ID    SARIF automationDetails.id (default oomguard/)
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

struct OutputSpec {
  const OutputFormat* format;
  std::string path;  // "" = standard output
};

struct ScanArgs {
  std::vector<std::string> paths;
  std::vector<std::string> outputs;  // --output values, in order
  std::string sarif_category = "oomguard/";
  std::string format = "text", fail_on = "warning", config, select, ignore, stdin_name = "<stdin>";
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
      if (value(i, "--format", &a->format) || value(i, "--sarif-category", &a->sarif_category) ||
          value(i, "--fail-on", &a->fail_on) || value(i, "--config", &a->config) ||
          value(i, "--select", &a->select) || value(i, "--ignore", &a->ignore) ||
          value(i, "--stdin-name", &a->stdin_name))
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
    std::cerr << "oomguard scan: " << e.what() << "\n";
    return false;
  }
  if (!find_output_format(a->format)) {
    std::cerr << "oomguard scan: unknown --format '" << a->format << "' (";
    for (const auto& f : output_formats()) std::cerr << (&f == &output_formats()[0] ? "" : ", ") << f.name;
    std::cerr << ")\n";
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
    std::cerr << "oomguard scan: " << err << "\n";
    return false;
  }
  return true;
}

void note_enabled_rules(const Config& cfg, ScanOutput* out) {
  for (const auto& [id, settings] : cfg.selection.rules) out->enabled_rules.emplace(id, settings.level);
}

// `--output FILE` redirects the --format report; `--output FORMAT=FILE` adds one.
std::vector<OutputSpec> output_specs(const ScanArgs& a) {
  std::vector<OutputSpec> specs;
  std::string main_path;
  for (const auto& o : a.outputs) {
    size_t eq = o.find('=');
    const OutputFormat* f = eq == std::string::npos ? nullptr : find_output_format(o.substr(0, eq));
    if (f) specs.push_back({f, o.substr(eq + 1)});
    else main_path = o;
  }
  specs.insert(specs.begin(), {find_output_format(a.format), main_path});
  return specs;
}

bool write_outputs(const ScanArgs& a, const ScanOutput& out) {
  for (const auto& spec : output_specs(a)) {
    auto t0 = std::chrono::steady_clock::now();
    WriteOptions opt;
    if (spec.path.empty()) {
      opt.color = !a.no_color && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
      spec.format->write(std::cout, out, opt);
      std::cout.flush();
    } else {
      std::ofstream file(spec.path, std::ios::binary | std::ios::trunc);
      if (file) spec.format->write(file, out, opt);
      if (!file || !file.flush()) {
        std::cerr << "oomguard scan: cannot write " << spec.path << "\n";
        return false;
      }
    }
    if (std::getenv("OOMGUARD_TIMING"))
      std::fprintf(stderr, "timing: %-8s %8.3f s (%s)\n", "report",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), spec.format->name);
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
      note_enabled_rules(cfg, &out);
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
    note_enabled_rules(cfg, &out);
    DiskFileSystem disk(root.string(), only);
    out.units.push_back(scan_filesystem(disk, root.string(), cfg, jobs));
  }

  out.sarif_category = a.sarif_category;
  out.srcroot = git_toplevel(out.cwd);
  if (out.srcroot.empty()) out.srcroot = out.cwd;
  if (!write_outputs(a, out)) return kExitUsage;

  if (a.fail_on == "never") return kExitClean;
  Level threshold;
  parse_level(a.fail_on, &threshold);
  for (const auto& u : out.units)
    for (const auto& f : u.findings)
      if (!f.suppression && f.level >= threshold) return kExitFindings;
  return kExitClean;
}

}  // namespace og
