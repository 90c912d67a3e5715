#include "scan/scan.h"


#include "parse/inputs.h"
#include "rules/engine.h"
#include "suppress/suppressions.h"
#include "util/timing.h"

namespace og {

namespace {

uint64_t max_file_bytes(const Config& cfg) {
  auto it = cfg.selection.rules.find("OG903");
  if (it != cfg.selection.rules.end()) {
    auto p = it->second.params.find("max_file_bytes");
    if (p != it->second.params.end()) return static_cast<uint64_t>(p->second);
  }
  const RuleMeta* m = find_rule("OG903");
  return m && !m->params.empty() ? static_cast<uint64_t>(m->params[0].default_value) : (4u << 20);
}

ScanUnit finish(std::string root, Inputs inputs, const Config& cfg, int files_read, StageTimer& timer) {
  ScanUnit u;
  u.root = std::move(root);
  u.files_read = files_read;
  u.project = resolve(std::move(inputs), cfg.resolve);
  timer.lap("resolve");
  Suppressions sup = collect_suppressions(u.project, cfg.suppressions, today_utc());
  // Only rules this scan runs can leave a suppression unused (stale).
  for (const auto& [id, s] : cfg.selection.rules)
    if (s.level != Level::Off && runs_in_scan(id)) sup.enabled.insert(id);
  u.findings = run_rules(u.project, cfg.selection, &sup);
  timer.lap("rules");
  return u;
}

Inputs read_filesystem(FileSystem& fs, const Config& cfg, int jobs, int* files_read, StageTimer& timer) {
  DiscoverOptions opt;
  opt.excludes = cfg.excludes;
  opt.max_file_bytes = max_file_bytes(cfg);
  opt.config_path = ".oomguard.yaml";
  opt.jobs = jobs;
  Discovery d = discover(fs, opt);
  timer.lap("discover");
  int n = static_cast<int>(d.files.size());
  ReadMore more = [&](const std::string& p, SourceFile* out, std::string* reason) {
    if (path_excluded(p, opt.excludes) || !fs.exists(p)) return false;
    return read_input(fs, p, kEnvFile, opt.max_file_bytes, out, reason);
  };
  Inputs in = parse_inputs(std::move(d.files), std::move(d.skipped), jobs, more);
  timer.lap("parse");
  *files_read = n;
  return in;
}

}  // namespace

ScanUnit scan_filesystem(FileSystem& fs, const std::string& root_abs, const Config& cfg, int jobs) {
  StageTimer timer;
  int n = 0;
  Inputs in = read_filesystem(fs, cfg, jobs, &n, timer);
  return finish(root_abs, std::move(in), cfg, n, timer);
}

Project resolve_filesystem(FileSystem& fs, const Config& cfg, int jobs, int* files_read) {
  StageTimer timer;
  Project p = resolve(read_filesystem(fs, cfg, jobs, files_read, timer), cfg.resolve);
  timer.lap("resolve");
  return p;
}

ScanUnit scan_stream(const std::string& name, std::string content, const Config& cfg) {
  std::vector<SourceFile> files(1);
  files[0].path = name;
  files[0].kinds = kYaml | kJson;
  files[0].text = std::make_shared<SourceText>(std::move(content));
  std::vector<SkippedFile> skipped;
  if (files[0].text->content().find('\0') != std::string::npos) {
    skipped.push_back({name, "binary data (NUL byte) on standard input"});
    files.clear();
  }
  int n = static_cast<int>(files.size());
  StageTimer timer;
  Inputs in = parse_inputs(std::move(files), std::move(skipped), 1, nullptr);
  timer.lap("parse");
  return finish("", std::move(in), cfg, n, timer);
}

}  // namespace og
