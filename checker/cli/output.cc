// Writing the reports of scan and probe: --format to stdout (or --output
// FILE), plus every --output FORMAT=FILE; and the exit status from --fail-on.
#include "cli/output.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/commands.h"

namespace og {

namespace {

struct OutputSpec {
  const OutputFormat* format;
  std::string path;  // "" = standard output
};

// `--output FILE` redirects the --format report; `--output FORMAT=FILE` adds one.
std::vector<OutputSpec> output_specs(const OutputArgs& a) {
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

}  // namespace

bool write_outputs(const OutputArgs& a, const char* cmd, const ScanOutput& out) {
  for (const auto& spec : output_specs(a)) {
    auto t0 = std::chrono::steady_clock::now();
    WriteOptions opt;
    if (spec.path.empty()) {
      opt.color = use_color(a.color, isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR"), std::getenv("FORCE_COLOR"));
      spec.format->write(std::cout, out, opt);
      std::cout.flush();
    } else {
      std::ofstream file(spec.path, std::ios::binary | std::ios::trunc);
      if (file) spec.format->write(file, out, opt);
      if (!file || !file.flush()) {
        std::cerr << "oomguard " << cmd << ": cannot write " << spec.path << "\n";
        return false;
      }
    }
    if (std::getenv("OOMGUARD_TIMING"))
      std::fprintf(stderr, "timing: %-8s %8.3f s (%s)\n", "report",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), spec.format->name);
  }
  return true;
}


bool use_color(const std::string& mode, bool is_tty, const char* no_color, const char* force_color) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (no_color && *no_color) return false;
  if (force_color && *force_color) {
    std::string f = force_color;
    return !(f == "0" || f == "false");
  }
  return is_tty;
}

std::string config_from_env() {
  const char* c = std::getenv("OOMGUARD_CONFIG");
  return c ? c : "";
}

int exit_status(const ScanOutput& out, const std::string& fail_on) {
  Level threshold;
  if (fail_on == "never" || !parse_level(fail_on, &threshold)) return kExitClean;
  for (const auto& u : out.units)
    for (const auto& f : u.findings)
      if (!f.suppression && f.level >= threshold) return kExitFindings;
  return kExitClean;
}

}  // namespace og
