// The whole static pipeline on a small in-memory repository made from the
// input: discover -> parse -> resolve -> rules -> every reporter, through the
// FileSystem interface (no disk). The input is split into files by lines
// `%%% PATH`; text before the first such line is a Dockerfile. Invariants:
// every finding names a rule of the catalogue, every location of a finding,
// of its related places and of the JSON/SARIF output lies inside its file, and
// the JSON and SARIF outputs are valid JSON. `reporters` also runs every
// other output format on the same scan.
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "config/config.h"
#include "fake_filesystem.h"
#include "fuzz_support.h"
#include "harnesses.h"
#include "report/report.h"
#include "rules/catalog.h"
#include "rules/engine.h"
#include "scan/scan.h"

namespace og::fuzz {

namespace {

// A root-relative path the fake file system can hold; "" when unusable.
std::string clean_path(std::string_view p) {
  std::string out;
  for (char c : p) {
    if (c == '\r') continue;
    if (static_cast<unsigned char>(c) < 0x20) return "";
    out += c;
  }
  while (!out.empty() && out[0] == '/') out.erase(0, 1);
  if (out.empty() || out.size() > 200 || out.back() == '/') return "";
  for (size_t b = 0; b <= out.size();) {
    size_t e = out.find('/', b);
    if (e == std::string::npos) e = out.size();
    std::string_view seg = std::string_view(out).substr(b, e - b);
    if (seg.empty() || seg == "." || seg == "..") return "";
    b = e + 1;
  }
  return out;
}

std::map<std::string, std::string> split_files(std::string_view text) {
  static const char* kDefaults[] = {"Dockerfile", "compose.yaml", "deploy.yaml", ".env", "go.mod", "run.sh"};
  std::map<std::string, std::string> files;
  std::string path = "Dockerfile";
  std::string body;
  int n = 0;
  auto flush = [&] {
    if (!path.empty()) files[path] += body;
    body.clear();
  };
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    std::string_view line = text.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b + 1);
    b = e == std::string_view::npos ? text.size() : e + 1;
    if (line.rfind("%%% ", 0) == 0) {
      flush();
      std::string_view name = line.substr(4);
      if (!name.empty() && name.back() == '\n') name.remove_suffix(1);
      path = clean_path(name);
      if (path.empty()) path = kDefaults[n % 6];
      ++n;
      continue;
    }
    body += line;
  }
  flush();
  return files;
}

void check_json_locations(const nlohmann::json& j, const std::map<std::string, Lines>& lines, int depth) {
  if (depth > 64) return;
  if (j.is_object()) {
    auto f = j.find("file");
    auto l = j.find("line");
    if (f != j.end() && f->is_string() && l != j.end() && l->is_number_integer()) {
      Location loc;
      loc.file = f->get<std::string>();
      loc.line = l->get<int>();
      if (auto c = j.find("column"); c != j.end() && c->is_number_integer()) loc.col = c->get<int>();
      if (auto c = j.find("end_line"); c != j.end() && c->is_number_integer()) loc.end_line = c->get<int>();
      if (auto c = j.find("end_column"); c != j.end() && c->is_number_integer()) loc.end_col = c->get<int>();
      auto it = lines.find(loc.file);
      // JSON cannot carry a file name that is not UTF-8: the writer puts U+FFFD
      // in its place, so such a name is not looked up.
      if (it == lines.end() && loc.file.find("\xEF\xBF\xBD") != std::string::npos) return;
      OG_FUZZ_CHECK(it != lines.end(), "JSON location in a file that is not an input: " + loc.file);
      if (it != lines.end()) check_location(loc, it->second, loc.file, "JSON location");
    }
    for (const auto& [k, v] : j.items()) check_json_locations(v, lines, depth + 1);
  } else if (j.is_array()) {
    for (const auto& v : j) check_json_locations(v, lines, depth + 1);
  }
}

}  // namespace

void run_pipeline(const uint8_t* data, size_t size, bool every_format) {
  test::FakeFileSystem fs;
  fs.files = split_files(as_text(data, size));
  Config cfg = default_config();
  if (auto c = fs.files.find(".oomguard.yaml"); c != fs.files.end()) {
    Config parsed = parse_config(".oomguard.yaml", c->second);
    if (parsed.errors.empty()) cfg = parsed;  // a bad config stops `oomguard scan` (exit 2) before any scan
  }
  ScanOutput out;
  out.cwd = out.srcroot = "/repo";
  for (const auto& [id, s] : cfg.selection.rules)
    if (s.level != Level::Off && runs_in_scan(id)) out.enabled_rules.emplace(id, s.level);
  out.units.push_back(scan_filesystem(fs, "/repo", cfg, 1));

  std::map<std::string, Lines> lines;
  for (const auto& [p, content] : fs.files) lines.emplace(p, Lines(content));
  for (const auto& f : out.units[0].findings) {
    OG_FUZZ_CHECK(find_rule(f.rule_id) != nullptr, "finding of a rule not in the catalogue: " + f.rule_id);
    std::vector<std::pair<Location, std::string>> locs = {{f.loc, f.rule_id}};
    for (const auto& r : f.related) locs.push_back({r.loc, f.rule_id + " related '" + r.message + "'"});
    for (const auto& [l, what] : locs) {
      if (!l.valid()) continue;
      auto it = lines.find(l.file);
      OG_FUZZ_CHECK(it != lines.end(), what + " located in a file that is not an input: " + l.file);
      if (it != lines.end()) check_location(l, it->second, l.file, what);
    }
  }
  for (const auto& fmt : output_formats()) {
    if (!every_format && std::string(fmt.name) != "json") continue;
    std::ostringstream os;
    fmt.write(os, out, WriteOptions{});
    std::string name = fmt.name;
    if (name == "json" || name == "sarif" || name == "gitlab") {
      nlohmann::json j = nlohmann::json::parse(os.str(), nullptr, false);
      OG_FUZZ_CHECK(!j.is_discarded(), name + " output is not valid JSON");
      if (name == "json" && !j.is_discarded()) check_json_locations(j, lines, 0);
    }
  }
}

// The scan and its JSON (locations checked); the other reporters, which cost
// most of the time (SARIF's rules[]), have their own harness.
void fuzz_pipeline(const uint8_t* data, size_t size) { run_pipeline(data, size, false); }
void fuzz_reporters(const uint8_t* data, size_t size) { run_pipeline(data, size, true); }

}  // namespace og::fuzz
