// oomguard probe [PATH]: run the probes declared in PATH/.oomguard.yaml with
// each workload's effective memory configuration, and judge the measurements.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.h"
#include "cli/output.h"
#include "config/config.h"
#include "probe/chart_input.h"
#include "probe/engine.h"
#include "probe/plan.h"
#include "probe/progress.h"
#include "probe/update_baselines.h"
#include "rules/engine.h"
#include "suppress/suppressions.h"
#include "scan/scan.h"

namespace fs = std::filesystem;

namespace og {

const char* const kProbeHelp = R"(usage: oomguard probe [PATH] [options]

Runs every probe declared under `probes:` in PATH/.oomguard.yaml (default .): the
workload's command (or image) under a memory cgroup with exactly its effective memory
limit, swap, GOGC, GOMEMLIMIT and AUTOMEMLIMIT, samples the kernel's accounting, and
reports verdicts (OG501-OG507) in the formats of `oomguard scan`.

options:
  --only NAME            run only this probe (repeatable)
  --engine E             auto|cgroup|docker|podman (default auto: cgroup for
                         `command:` probes, docker or podman for `image:` probes)
  --interval DURATION    sampling interval (default 100ms)
  --cgroup-parent DIR    create the probe's cgroup under DIR (default: our own)
  --chart DIR            write one SVG chart per probe into DIR
  --update-baselines     rewrite the baseline values in .oomguard.yaml from this run
  --no-progress          no live progress line on stderr (elapsed, usage, peak,
                         limit); it is drawn only when stderr is a terminal, TERM
                         is not dumb, and CI is unset (or 0 or false)
  --format FORMAT, --output [FORMAT=]FILE, --fail-on LEVEL, --config FILE
  (default $OOMGUARD_CONFIG), --color WHEN, --no-color
                         as for `oomguard scan` (--fail-on defaults to error)

exit status: 0 no verdict at or above --fail-on, 1 there are, 2 usage or config
error, 3 the machine cannot run the probe (privileges, cgroups, engine).
)";

namespace {


constexpr int kExitEnvironment = 3;

struct ProbeArgs {
  std::string path = ".", config, fail_on = "error", chart_dir;
  std::vector<std::string> only;
  OutputArgs out;
  EngineOptions engine;
  bool update = false, no_progress = false;
};

bool parse(const Args& args, ProbeArgs* a, bool* help) {
  auto value = [&](size_t& i, const std::string& flag, std::string* out) {
    const std::string& s = args[i];
    if (s.rfind(flag + "=", 0) == 0) { *out = s.substr(flag.size() + 1); return true; }
    if (s != flag) return false;
    if (i + 1 >= args.size()) throw std::runtime_error(flag + " needs a value");
    *out = args[++i];
    return true;
  };
  bool have_path = false;
  try {
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& s = args[i];
      std::string v;
      if (s == "--help" || s == "-h") { *help = true; return true; }
      if (s == "--update-baselines") { a->update = true; continue; }
      if (s == "--no-color") { a->out.color = "never"; continue; }
      if (s == "--no-progress") { a->no_progress = true; continue; }
      if (value(i, "--only", &v)) { a->only.push_back(v); continue; }
      if (value(i, "--output", &v) || value(i, "-o", &v)) { a->out.outputs.push_back(v); continue; }
      if (value(i, "--interval", &v)) {
        double sec = 0;
        if (!parse_duration(v, &sec) || sec < 0.01 || sec > 60) throw std::runtime_error("--interval must be a duration from 10ms to 60s");
        a->engine.interval = std::chrono::milliseconds(static_cast<long long>(sec * 1000));
        continue;
      }
      if (value(i, "--engine", &a->engine.engine) || value(i, "--cgroup-parent", &a->engine.cgroup_parent) ||
          value(i, "--chart", &a->chart_dir) || value(i, "--format", &a->out.format) ||
          value(i, "--fail-on", &a->fail_on) || value(i, "--config", &a->config) || value(i, "--color", &a->out.color))
        continue;
      if (!s.empty() && s[0] == '-') throw std::runtime_error("unknown option '" + s + "'");
      if (have_path) throw std::runtime_error("one PATH only");
      a->path = s;
      have_path = true;
    }
  } catch (const std::exception& e) {
    std::cerr << "oomguard probe: " << e.what() << "\n";
    return false;
  }
  const std::string& e = a->engine.engine;
  if (e != "auto" && e != "cgroup" && e != "docker" && e != "podman") {
    std::cerr << "oomguard probe: --engine must be auto, cgroup, docker or podman\n";
    return false;
  }
  if (a->out.color != "auto" && a->out.color != "always" && a->out.color != "never") {
    std::cerr << "oomguard probe: --color must be auto, always or never\n";
    return false;
  }
  if (a->config.empty()) a->config = config_from_env();
  if (!find_output_format(a->out.format)) {
    std::cerr << "oomguard probe: unknown --format '" << a->out.format << "'\n";
    return false;
  }
  Level l;
  if (a->fail_on != "never" && (!parse_level(a->fail_on, &l) || l == Level::Off)) {
    std::cerr << "oomguard probe: --fail-on must be error, warning, note or never\n";
    return false;
  }
  return true;
}

bool read_text(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

void print_error(const std::string& root, const Location& loc, const std::string& msg) {
  std::cerr << (loc.file.empty() || loc.file[0] == '/' ? loc.file : root + "/" + loc.file);
  if (loc.line) std::cerr << ":" << loc.line << ":" << loc.col;
  std::cerr << ": " << msg << "\n";
}

}  // namespace

int cmd_probe(const Args& args) {
  ProbeArgs a;
  bool help = false;
  if (!parse(args, &a, &help)) return kExitUsage;
  if (help) {
    std::cout << kProbeHelp;
    return kExitClean;
  }
  std::error_code ec;
  fs::path root = fs::canonical(a.path, ec);
  if (ec || !fs::is_directory(root, ec)) {
    std::cerr << "oomguard probe: " << a.path << " is not a directory\n";
    return kExitUsage;
  }
  a.engine.root = root.string();
  std::string cfg_path = a.config.empty() ? (root / ".oomguard.yaml").string() : a.config, cfg_text;
  if (!read_text(cfg_path, &cfg_text)) {
    std::cerr << "oomguard probe: cannot read " << cfg_path << " (probes are declared there under `probes:`)\n";
    return kExitUsage;
  }
  std::string cfg_name = a.config.empty() ? ".oomguard.yaml" : fs::absolute(a.config).string();
  Config cfg = parse_config(cfg_name, cfg_text);
  for (const auto& e : cfg.errors) print_error(root.string(), e.loc, "config error: " + e.message);
  if (!cfg.errors.empty()) return kExitUsage;
  std::vector<const ProbeSpec*> todo;
  for (const auto& p : cfg.probes)
    if (a.only.empty() || std::find(a.only.begin(), a.only.end(), p.name) != a.only.end()) todo.push_back(&p);
  if (todo.empty()) {
    std::cerr << "oomguard probe: no probe to run (" << (cfg.probes.empty() ? "none declared under `probes:` in " + cfg_path : "--only matched none") << ")\n";
    return kExitUsage;
  }

  // The same effective configuration `oomguard scan` checks.
  DiskFileSystem disk(root.string());
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  ScanUnit unit = scan_filesystem(disk, root.string(), cfg, static_cast<int>(cores));
  unit.project.inputs.texts[cfg_name] = std::make_shared<SourceText>(cfg_text);  // snippets of baseline lines
  unit.findings.clear();

  std::vector<ProbePlan> plans(todo.size());
  for (size_t i = 0; i < todo.size(); ++i) {
    std::string err;
    if (!plan_probe(*todo[i], unit.project, &plans[i], &err)) {
      print_error(root.string(), todo[i]->workload_loc, "probe " + todo[i]->name + ": " + err);
      return kExitUsage;
    }
    if (!engine_fits(*todo[i], a.engine.engine, &err)) {  // before any probe runs
      std::cerr << "oomguard probe: " << err << "\n";
      return kExitUsage;
    }
  }
  a.engine.progress =
      progress_wanted(a.no_progress, ::isatty(STDERR_FILENO) == 1, std::getenv("TERM"), std::getenv("CI"));
  for (const auto& plan : plans) {
    std::string fatal;
    ProbeResult r = run_probe(plan, a.engine, &fatal);
    if (!fatal.empty()) {
      std::cerr << "oomguard probe: " << plan.spec->name << ": " << fatal << "\n";
      return kExitEnvironment;
    }
    unit.probes.push_back(std::move(r));
    if (unit.probes.back().interrupted_by) break;  // SIGINT/SIGTERM: report what ran, then stop
  }

  unit.findings = run_probe_rules(unit.project, cfg.selection, unit.probes);
  apply_config_suppressions(&unit.findings, cfg_name, unit.project.inputs.texts[cfg_name], cfg.suppressions);
  ScanOutput out;
  out.cwd = fs::current_path(ec).string();
  out.srcroot = out.cwd;
  out.mode = "probe";
  for (const auto& [id, s] : cfg.selection.rules)
    if (s.level != Level::Off && rule_phase(id) == Phase::Probe) out.enabled_rules.emplace(id, s.level);
  out.units.push_back(std::move(unit));
  const ScanUnit& u = out.units.back();

  if (!a.chart_dir.empty()) {
    fs::create_directories(a.chart_dir, ec);
    for (const auto& p : u.probes) {
      std::string file = a.chart_dir + "/" + chart_file_name(p.name);
      std::ofstream f(file, std::ios::binary | std::ios::trunc);
      f << render_svg(chart_input(p, u.findings));
      if (!f.flush()) {
        std::cerr << "oomguard probe: cannot write " << file << "\n";
        return kExitUsage;
      }
    }
  }
  if (a.update) {
    std::vector<BaselineEdit> edits;
    std::vector<std::string> errors;
    std::string updated = update_baselines(cfg_text, cfg.probes, u.probes, &edits, &errors);
    for (const auto& e : errors) std::cerr << "oomguard probe: --update-baselines: " << e << "\n";
    if (updated != cfg_text) {
      std::ofstream f(cfg_path, std::ios::binary | std::ios::trunc);
      f << updated;
      if (!f.flush()) {
        std::cerr << "oomguard probe: cannot write " << cfg_path << "\n";
        return kExitUsage;
      }
    }
    for (const auto& e : edits) std::cerr << "oomguard probe: baseline of " << e.probe << ": " << e.what << "\n";
  }
  if (!write_outputs(a.out, "probe", out)) return kExitUsage;
  int interrupted = u.probes.empty() ? 0 : u.probes.back().interrupted_by;
  if (interrupted) return 128 + interrupted;
  return exit_status(out, a.fail_on);
}

}  // namespace og
